//! Calibration rules, free of I/O: how a co-trainer's grading of reference submissions
//! compares with the lead trainer's gold grading, when a round passes, and the agreement
//! figure (quadratic weighted kappa, computed as scikit-learn's
//! `cohen_kappa_score(weights="quadratic")` does).

use serde::{Deserialize, Serialize};

/// Share of criterion gradings that must be exact or one level off to pass.
pub const PASS_SHARE: f64 = 0.8;
/// The most levels one criterion may be off in a passing round.
pub const MAX_LEVELS_OFF: i32 = 1;

/// The gold grading of one criterion, as stored with a reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldRow {
    /// Criterion id (slug).
    pub criterion: String,
    /// The gold level's points.
    pub points: i32,
    /// Why, German.
    pub rationale_de: String,
    /// Why, English.
    pub rationale_en: String,
}

/// A co-trainer's level of one criterion beside the gold one. Levels are numbered from 0
/// (the lowest) within their criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compared {
    /// The co-trainer's points.
    pub points: i32,
    /// The gold points.
    pub gold: i32,
    /// The co-trainer's level number.
    pub level: i32,
    /// The gold level number.
    pub gold_level: i32,
}

impl Compared {
    /// How many levels apart the two are.
    pub fn levels_off(&self) -> i32 {
        (self.level - self.gold_level).abs()
    }
}

/// How a set of gradings compares with gold.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Agreement {
    /// Criterion gradings compared.
    pub criteria: usize,
    /// Exactly the gold level.
    pub exact: usize,
    /// Exact or one level off.
    pub within_one: usize,
    /// The most levels any criterion was off.
    pub max_off: i32,
    /// Quadratic weighted kappa of the levels (absent when undefined, e.g. one level only).
    pub kappa: Option<f64>,
}

impl Agreement {
    /// Compares every criterion grading given.
    pub fn of(scores: &[Compared]) -> Self {
        let pairs: Vec<(i32, i32)> = scores.iter().map(|s| (s.level, s.gold_level)).collect();
        Agreement {
            criteria: scores.len(),
            exact: scores.iter().filter(|s| s.levels_off() == 0).count(),
            within_one: scores.iter().filter(|s| s.levels_off() <= 1).count(),
            max_off: scores.iter().map(Compared::levels_off).max().unwrap_or(0),
            kappa: quadratic_kappa(&pairs),
        }
    }

    /// The share of criteria exact or one level off (0 when nothing was compared).
    pub fn within_one_share(&self) -> f64 {
        if self.criteria == 0 {
            0.0
        } else {
            self.within_one as f64 / self.criteria as f64
        }
    }

    /// A round passes when at least 80 % of criteria are exact or one level off and no
    /// criterion is more than one level off.
    pub fn passes(&self) -> bool {
        self.criteria > 0 && self.within_one_share() >= PASS_SHARE && self.max_off <= MAX_LEVELS_OFF
    }
}

/// Quadratic weighted kappa of paired ratings, as scikit-learn computes it: the categories are
/// the sorted union of the ratings seen, weighted by the squared distance of their positions.
/// `None` when undefined (every rating in one category).
pub fn quadratic_kappa(pairs: &[(i32, i32)]) -> Option<f64> {
    let mut labels: Vec<i32> = pairs.iter().flat_map(|(a, b)| [*a, *b]).collect();
    labels.sort_unstable();
    labels.dedup();
    let k = labels.len();
    if pairs.is_empty() || k < 2 {
        return None;
    }
    let index = |v: i32| labels.binary_search(&v).expect("label is in the union");
    let mut observed = vec![vec![0.0_f64; k]; k];
    let (mut rows, mut cols) = (vec![0.0_f64; k], vec![0.0_f64; k]);
    for (a, b) in pairs {
        let (i, j) = (index(*a), index(*b));
        observed[i][j] += 1.0;
        rows[i] += 1.0;
        cols[j] += 1.0;
    }
    let n = pairs.len() as f64;
    let (mut disagree, mut chance) = (0.0, 0.0);
    for i in 0..k {
        for j in 0..k {
            let w = ((i as f64) - (j as f64)).powi(2);
            disagree += w * observed[i][j];
            chance += w * rows[i] * cols[j] / n;
        }
    }
    (chance > 0.0).then(|| 1.0 - disagree / chance)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value was computed with scikit-learn 1.9.1:
    /// `cohen_kappa_score(a, b, weights="quadratic")` with the lists below gives
    /// 0.7916666666666666.
    #[test]
    fn kappa_matches_scikit_learn() {
        let a = [0, 1, 2, 3, 2, 1, 0, 3, 2, 2, 1, 1];
        let b = [0, 2, 2, 3, 1, 1, 1, 3, 3, 2, 0, 1];
        let pairs: Vec<(i32, i32)> = a.iter().copied().zip(b.iter().copied()).collect();
        let kappa = quadratic_kappa(&pairs).expect("defined");
        assert!((kappa - 0.791_666_666_666_666_6).abs() < 1e-12, "{kappa}");
    }

    #[test]
    fn full_agreement_is_one_and_one_category_is_undefined() {
        assert_eq!(quadratic_kappa(&[(0, 0), (2, 2), (1, 1)]), Some(1.0));
        assert_eq!(quadratic_kappa(&[(1, 1), (1, 1)]), None);
        assert_eq!(quadratic_kappa(&[]), None);
    }

    fn compared(level: i32, gold_level: i32) -> Compared {
        Compared {
            points: level,
            gold: gold_level,
            level,
            gold_level,
        }
    }

    #[test]
    fn one_level_off_passes_and_two_levels_off_fails() {
        let within = [
            compared(0, 0),
            compared(1, 2),
            compared(2, 1),
            compared(3, 3),
        ];
        assert_eq!(Agreement::of(&within).max_off, 1);
        assert!(Agreement::of(&within).passes());
        let mut off = vec![compared(2, 2); 9];
        off.push(compared(0, 2));
        let agreement = Agreement::of(&off);
        assert_eq!(agreement.max_off, 2);
        assert!(agreement.within_one_share() >= PASS_SHARE);
        assert!(!agreement.passes());
        assert!(!Agreement::of(&[]).passes());
    }
}
