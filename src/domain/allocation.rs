//! Who grades a submission: the allocation rule, pure and deterministic.
//!
//! In order: never the trainee themself; no conflict of interest (same org unit, anyone in the
//! trainee's reporting line: the manager, that manager's manager, and so on); grades in the submission's language; available over the grading window; under
//! capacity; then someone who reviewed the trainee before (continuity); then the lowest open
//! load relative to capacity, ties broken by fewer open reviews and then by person id.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::ids::PersonId;

/// A co-trainer as the rule sees them.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The person.
    pub person: PersonId,
    /// Their email, lower case (to recognise the trainee's manager).
    pub email: String,
    /// Their org unit.
    pub org_unit: Option<String>,
    /// Languages they grade in.
    pub languages: Vec<String>,
    /// Open reviews at most.
    pub capacity: i32,
    /// Open reviews now.
    pub open: i32,
    /// Unavailable at some point of the grading window.
    pub unavailable: bool,
}

/// The submission to place.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The trainee.
    pub trainee: &'a PersonId,
    /// The trainee's org unit.
    pub org_unit: Option<&'a str>,
    /// The trainee's manager's email, lower case.
    pub manager_email: Option<&'a str>,
    /// Everyone in the trainee's reporting line (manager, their manager, …).
    pub reporting_line: &'a [PersonId],
    /// The submission's language.
    pub language: &'a str,
    /// People who reviewed this trainee's earlier versions of the assignment.
    pub earlier_reviewers: &'a [PersonId],
    /// People who may not take it (the other reviewer of a double review, the co-trainer it is
    /// being taken from).
    pub excluded: &'a [PersonId],
}

/// Why a candidate was passed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Skip {
    /// The trainee themself.
    Trainee,
    /// Already reviewing this version, or being relieved of it.
    Excluded,
    /// Same org unit as the trainee.
    SameOrgUnit,
    /// In the trainee's reporting line (the manager or a manager above them).
    Manager,
    /// Does not grade in the submission's language.
    Language,
    /// Unavailable during the grading window.
    Unavailable,
    /// At capacity.
    Full,
}

/// Why the chosen co-trainer (or why nobody): recorded with the review and shown to the owner.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// `continuity` (reviewed this trainee before) or `lowest_load`; `none` when nobody fits.
    pub rule: String,
    /// The chosen co-trainer's open reviews before this one.
    pub open: i32,
    /// Their capacity.
    pub capacity: i32,
    /// How many co-trainers were considered.
    pub considered: usize,
    /// How many were passed over, by reason.
    pub skipped: BTreeMap<Skip, usize>,
    /// Set when the owner chose by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manual: Option<String>,
}

/// The outcome: the index of the chosen candidate (if any) and the reason.
pub fn choose(candidates: &[Candidate], request: &Request<'_>) -> (Option<usize>, Reason) {
    let mut reason = Reason {
        considered: candidates.len(),
        ..Reason::default()
    };
    let mut best: Option<(usize, bool)> = None;
    for (i, c) in candidates.iter().enumerate() {
        if let Some(skip) = skip(c, request) {
            *reason.skipped.entry(skip).or_default() += 1;
            continue;
        }
        let continuity = request.earlier_reviewers.contains(&c.person);
        let better = match best {
            None => true,
            Some((b, b_cont)) => match (continuity, b_cont) {
                (true, false) => true,
                (false, true) => false,
                _ => ranks_before(c, &candidates[b]),
            },
        };
        if better {
            best = Some((i, continuity));
        }
    }
    match best {
        Some((i, continuity)) => {
            reason.rule = if continuity {
                "continuity"
            } else {
                "lowest_load"
            }
            .into();
            reason.open = candidates[i].open;
            reason.capacity = candidates[i].capacity;
            (Some(i), reason)
        }
        None => {
            reason.rule = "none".into();
            (None, reason)
        }
    }
}

fn skip(c: &Candidate, r: &Request<'_>) -> Option<Skip> {
    let same_unit = match (&c.org_unit, r.org_unit) {
        (Some(a), Some(b)) => !a.trim().is_empty() && a.trim().eq_ignore_ascii_case(b.trim()),
        _ => false,
    };
    if &c.person == r.trainee {
        Some(Skip::Trainee)
    } else if r.excluded.contains(&c.person) {
        Some(Skip::Excluded)
    } else if same_unit {
        Some(Skip::SameOrgUnit)
    } else if r
        .manager_email
        .is_some_and(|m| m.eq_ignore_ascii_case(&c.email))
        || r.reporting_line.contains(&c.person)
    {
        Some(Skip::Manager)
    } else if !c.languages.iter().any(|l| l == r.language) {
        Some(Skip::Language)
    } else if c.unavailable {
        Some(Skip::Unavailable)
    } else if c.open >= c.capacity {
        Some(Skip::Full)
    } else {
        None
    }
}

/// Lower load relative to capacity first (compared exactly, without division), then fewer
/// open reviews, then the person id.
fn ranks_before(a: &Candidate, b: &Candidate) -> bool {
    let left = i64::from(a.open) * i64::from(b.capacity);
    let right = i64::from(b.open) * i64::from(a.capacity);
    (left, a.open, &a.person.0) < (right, b.open, &b.person.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(id: &str, open: i32, capacity: i32) -> Candidate {
        Candidate {
            person: PersonId(id.into()),
            email: format!("{id}@example.com"),
            org_unit: Some(format!("unit-{id}")),
            languages: vec!["de".into(), "en".into()],
            capacity,
            open,
            unavailable: false,
        }
    }

    fn request<'a>(trainee: &'a PersonId) -> Request<'a> {
        Request {
            trainee,
            org_unit: Some("trainee-unit"),
            manager_email: Some("boss@example.com"),
            reporting_line: &[],
            language: "de",
            earlier_reviewers: &[],
            excluded: &[],
        }
    }

    fn chosen(cands: &[Candidate], r: &Request<'_>) -> Option<String> {
        choose(cands, r).0.map(|i| cands[i].person.0.clone())
    }

    #[test]
    fn never_the_trainee_themself() {
        let t = PersonId("t".into());
        let cands = vec![cand("t", 0, 5), cand("b", 4, 5)];
        assert_eq!(chosen(&cands, &request(&t)).as_deref(), Some("b"));
    }

    #[test]
    fn no_one_from_the_same_org_unit_and_not_the_manager() {
        let t = PersonId("t".into());
        let mut same = cand("a", 0, 5);
        same.org_unit = Some(" Trainee-Unit ".into());
        let mut boss = cand("boss", 0, 5);
        boss.email = "boss@example.com".into();
        let cands = vec![same, boss, cand("c", 3, 5)];
        let (i, reason) = choose(&cands, &request(&t));
        assert_eq!(cands[i.unwrap()].person.0, "c");
        assert_eq!(reason.skipped[&Skip::SameOrgUnit], 1);
        assert_eq!(reason.skipped[&Skip::Manager], 1);
    }

    #[test]
    fn nobody_in_the_reporting_line() {
        let t = PersonId("t".into());
        let line = [PersonId("m1".into()), PersonId("m2".into())];
        let r = Request {
            reporting_line: &line,
            manager_email: None,
            ..request(&t)
        };
        let cands = vec![cand("m2", 0, 5), cand("m1", 0, 5), cand("c", 4, 5)];
        let (i, reason) = choose(&cands, &r);
        assert_eq!(cands[i.unwrap()].person.0, "c");
        assert_eq!(reason.skipped[&Skip::Manager], 2);
    }

    #[test]
    fn grades_in_the_submission_language_only() {
        let t = PersonId("t".into());
        let mut en_only = cand("a", 0, 5);
        en_only.languages = vec!["en".into()];
        let cands = vec![en_only, cand("b", 2, 5)];
        assert_eq!(chosen(&cands, &request(&t)).as_deref(), Some("b"));
    }

    #[test]
    fn unavailable_and_full_are_passed_over() {
        let t = PersonId("t".into());
        let mut away = cand("a", 0, 5);
        away.unavailable = true;
        let cands = vec![away, cand("b", 5, 5), cand("c", 4, 5)];
        let (i, reason) = choose(&cands, &request(&t));
        assert_eq!(cands[i.unwrap()].person.0, "c");
        assert_eq!(reason.skipped[&Skip::Unavailable], 1);
        assert_eq!(reason.skipped[&Skip::Full], 1);
        assert_eq!(reason.rule, "lowest_load");
        assert_eq!((reason.open, reason.capacity), (4, 5));
    }

    #[test]
    fn lowest_load_relative_to_capacity_wins() {
        let t = PersonId("t".into());
        // 2/10 = 0.2 beats 1/4 = 0.25 even with more open reviews.
        let cands = vec![cand("a", 1, 4), cand("b", 2, 10)];
        assert_eq!(chosen(&cands, &request(&t)).as_deref(), Some("b"));
    }

    #[test]
    fn ties_are_broken_deterministically_whatever_the_order() {
        let t = PersonId("t".into());
        let one = vec![cand("m", 1, 5), cand("k", 1, 5), cand("z", 1, 5)];
        let mut other = one.clone();
        other.reverse();
        assert_eq!(chosen(&one, &request(&t)).as_deref(), Some("k"));
        assert_eq!(chosen(&other, &request(&t)).as_deref(), Some("k"));
    }

    #[test]
    fn an_earlier_reviewer_is_preferred_for_continuity() {
        let t = PersonId("t".into());
        let earlier = [PersonId("b".into())];
        let cands = vec![cand("a", 0, 5), cand("b", 3, 5)];
        let r = Request {
            earlier_reviewers: &earlier,
            ..request(&t)
        };
        let (i, reason) = choose(&cands, &r);
        assert_eq!(cands[i.unwrap()].person.0, "b");
        assert_eq!(reason.rule, "continuity");
    }

    #[test]
    fn excluded_people_and_nobody_fitting() {
        let t = PersonId("t".into());
        let excluded = [PersonId("a".into())];
        let cands = vec![cand("a", 0, 5), cand("b", 5, 5)];
        let r = Request {
            excluded: &excluded,
            ..request(&t)
        };
        let (i, reason) = choose(&cands, &r);
        assert!(i.is_none());
        assert_eq!(reason.rule, "none");
        assert_eq!(reason.considered, 2);
        assert_eq!(reason.skipped[&Skip::Excluded], 1);
        assert_eq!(reason.skipped[&Skip::Full], 1);
    }
}
