//! What the impact page shows besides the report itself: which lines a search over unit names
//! keeps (the matches and the units above them, so a match is seen in its place), and the
//! quarterly trend as a bar chart whose shapes are computed here, so the template only draws
//! them as SVG (no script).

use serde::Serialize;

use super::impact::{LineKind, QuarterFigures, UnitFigures};

/// The lines of `units` to show for the search `query` (all of them for an empty one): each
/// line's index and whether it matched.
pub fn search(units: &[UnitFigures], query: &str) -> Vec<(usize, bool)> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return (0..units.len()).map(|i| (i, false)).collect();
    }
    let matched: Vec<bool> = units
        .iter()
        .map(|u| u.kind == LineKind::Unit && u.name.to_lowercase().contains(&query))
        .collect();
    let position: std::collections::HashMap<&str, usize> = units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.kind == LineKind::Unit)
        .map(|(i, u)| (u.name.as_str(), i))
        .collect();
    let mut keep = vec![false; units.len()];
    keep[0] = true;
    for (i, _) in matched.iter().enumerate().filter(|(_, m)| **m) {
        let mut at = Some(i);
        while let Some(line) = at.filter(|l| !keep[*l]) {
            keep[line] = true;
            at = units[line]
                .parent
                .as_deref()
                .and_then(|p| position.get(p).copied());
        }
    }
    (0..units.len())
        .filter(|i| keep[*i])
        .map(|i| (i, matched[i]))
        .collect()
}

/// One bar: its box, its quarter and value, where their texts go.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BarShape {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width.
    pub width: u32,
    /// Height (0 for a withheld value).
    pub height: u32,
    /// The quarter, e.g. `Q1 2026`.
    pub label: String,
    /// The value (none: withheld).
    pub value: Option<i64>,
    /// Middle of the bar, for both texts.
    pub middle: u32,
    /// Baseline of the value's text.
    pub value_y: u32,
}

/// A bar chart's canvas and bars.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Chart {
    /// Width of the drawing.
    pub width: u32,
    /// Height of the drawing.
    pub height: u32,
    /// Where the bars stand.
    pub baseline: u32,
    /// Baseline of the quarters' texts.
    pub label_y: u32,
    /// The bars, oldest first.
    pub bars: Vec<BarShape>,
}

const SLOT: u32 = 56;
const BAR: u32 = 36;
const PLOT: u32 = 160;
const TOP: u32 = 20;

/// `2026-Q1` as `Q1 2026`.
fn quarter_label(quarter: &str) -> String {
    match quarter.split_once('-') {
        Some((year, q)) => format!("{q} {year}"),
        None => quarter.to_string(),
    }
}

/// The chart of one figure of the trend (`pick`: certified or self-study).
pub fn chart(trend: &[QuarterFigures], pick: impl Fn(&QuarterFigures) -> Option<i64>) -> Chart {
    let max = trend.iter().filter_map(&pick).max().unwrap_or(0).max(1);
    let baseline = TOP + PLOT;
    let bars = trend
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let value = pick(q);
            let height = value.map_or(0, |v| (v.max(0) * i64::from(PLOT) / max) as u32);
            let x = 8 + i as u32 * SLOT;
            BarShape {
                x,
                y: baseline - height,
                width: BAR,
                height,
                label: quarter_label(&q.quarter),
                value,
                middle: x + BAR / 2,
                value_y: baseline - height - 4,
            }
        })
        .collect();
    Chart {
        width: (16 + trend.len() as u32 * SLOT).max(320),
        height: baseline + 24,
        baseline,
        label_y: baseline + 16,
        bars,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(name: &str, parent: Option<&str>, kind: LineKind) -> UnitFigures {
        UnitFigures {
            name: name.into(),
            kind,
            parent: parent.map(str::to_string),
            depth: 0,
            certified: None,
            active: None,
            expiring: None,
            expired: None,
            self_study: None,
            live_sessions: None,
            communities: None,
            success_stories: None,
            trend: Vec::new(),
        }
    }

    #[test]
    fn a_search_keeps_the_matches_and_the_units_above_them() {
        let units = vec![
            unit("", None, LineKind::Company),
            unit("Sales", None, LineKind::Unit),
            unit("Sales North", Some("Sales"), LineKind::Unit),
            unit("IT", None, LineKind::Unit),
            unit("", None, LineKind::NoUnit),
        ];
        assert_eq!(
            search(&units, " north "),
            vec![(0, false), (1, false), (2, true)]
        );
        assert_eq!(search(&units, "").len(), 5);
        assert_eq!(search(&units, "nothing"), vec![(0, false)]);
    }

    #[test]
    fn bars_scale_to_the_largest_and_withheld_ones_stay_flat() {
        let q = |quarter: &str, certified| QuarterFigures {
            quarter: quarter.into(),
            certified,
            self_study: None,
        };
        let c = chart(
            &[
                q("2026-Q1", Some(10)),
                q("2026-Q2", None),
                q("2026-Q3", Some(5)),
            ],
            |q| q.certified,
        );
        let heights: Vec<u32> = c.bars.iter().map(|b| b.height).collect();
        assert_eq!(heights, [160, 0, 80]);
        assert_eq!(c.bars[0].label, "Q1 2026");
        assert_eq!(c.bars[2].y + c.bars[2].height, c.baseline);
    }
}
