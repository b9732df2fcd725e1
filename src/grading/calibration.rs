//! Calibration: before a co-trainer's first real review they grade reference submissions that
//! a lead trainer graded (`[calibration] references` per round). A round passes when at least
//! 80 % of criteria are exact or one level off and none is more than one level off; then the
//! co-trainer is calibrated and allocation gives them real reviews. Failing lets them start
//! another round. Gradings of references are stored apart from reviews and never reach a
//! trainee. Pool members from before calibration existed count as calibrated (migration).

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde_json::json;

use crate::accounts::Identity;
use crate::db::models::{
    Assignment, AuditEntry, CalibrationGrading, CalibrationReference, Cotrainer, CurriculumVersion,
    Program, RubricCriterion, RubricLevel,
};
use crate::db::{DbConnection, refusable_tx};
use crate::domain::calibration::{Agreement, Compared};
use crate::domain::ids::{CalibrationGradingId, PersonId};
use crate::error::{AppError, Outcome, reasons};

pub use super::calibration_view::{
    CalibrationPage, CriterionResult, GradingPage, HiddenLine, OwnerCalibration, grading_page,
    hidden_in_queue, owner_view, page,
};

reasons! {
    /// Why a calibration step was refused.
    pub enum CalibrationRefusal {
        /// Not in the pool, or the program asks for no calibration.
        NotNeeded = "not_needed" => ("calibration-error-not-needed", CONFLICT),
        /// A round is still open: finish it first.
        RoundOpen = "round_open" => ("calibration-error-round-open", CONFLICT),
        /// Graded already: the comparison is shown.
        Graded = "graded" => ("calibration-error-graded", CONFLICT),
        /// A criterion has no level yet.
        Incomplete = "incomplete" => ("review-error-incomplete", UNPROCESSABLE_ENTITY),
        /// A criterion or level that the rubric does not have.
        UnknownLevel = "unknown_level" => ("review-error-unknown-level", UNPROCESSABLE_ENTITY),
    }
}

/// The program, its pool entry for `person` and its current curriculum version, when the
/// program asks for calibration and the person is in its pool.
pub(super) fn context(
    conn: &mut DbConnection,
    person: &PersonId,
) -> Result<Option<(Program, Cotrainer, CurriculumVersion)>, AppError> {
    let program = super::pool::program(conn)?;
    let Some(entry) = Cotrainer::find_for(conn, &program.id, person)? else {
        return Ok(None);
    };
    let Some(version) = CurriculumVersion::find_current(conn, &program.id)? else {
        return Ok(None);
    };
    Ok((version.calibration_references > 0).then_some((program, entry, version)))
}

/// The references of a version, in program order (module, assignment, reference).
pub(super) fn references(
    conn: &mut DbConnection,
    version: &CurriculumVersion,
) -> Result<Vec<(Assignment, CalibrationReference)>, AppError> {
    let assignments = Assignment::list_by_version(conn, &version.id)?;
    let ids: Vec<_> = assignments.iter().map(|a| a.id.clone()).collect();
    let mut refs = CalibrationReference::list_by_assignments(conn, &ids)?;
    let order: HashMap<_, _> = assignments
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    refs.sort_by_key(|r| (order.get(&r.assignment_id).copied(), r.position));
    let by_id: HashMap<_, _> = assignments.into_iter().map(|a| (a.id.clone(), a)).collect();
    Ok(refs
        .into_iter()
        .filter_map(|r| Some((by_id.get(&r.assignment_id)?.clone(), r)))
        .collect())
}

/// Starts a calibration round: the next `references` reference submissions (a later round
/// takes the following ones where the program has more). Refused while a round is open.
pub fn start_round(conn: &mut DbConnection, actor: &Identity, now: NaiveDateTime) -> Outcome<i32> {
    refusable_tx(conn, |conn| {
        let Some((program, _, version)) = context(conn, &actor.person.id)? else {
            return Ok(Err(CalibrationRefusal::NotNeeded.into()));
        };
        let mine = CalibrationGrading::list_by_person(conn, &program.id, &actor.person.id)?;
        if mine.iter().any(|g| !g.hidden && g.graded_at.is_none()) {
            return Ok(Err(CalibrationRefusal::RoundOpen.into()));
        }
        let round = mine.iter().map(|g| g.round).max().unwrap_or(0) + 1;
        let refs = references(conn, &version)?;
        if refs.is_empty() {
            return Ok(Err(CalibrationRefusal::NotNeeded.into()));
        }
        let n = (version.calibration_references as usize).min(refs.len());
        let start = ((round - 1) as usize * n) % refs.len();
        for i in 0..n {
            let (_, reference) = &refs[(start + i) % refs.len()];
            CalibrationGrading::create(
                conn,
                &CalibrationGrading {
                    id: CalibrationGradingId::new(),
                    program_id: program.id.clone(),
                    person_id: actor.person.id.clone(),
                    reference_id: reference.id.clone(),
                    round,
                    hidden: false,
                    scores: "[]".into(),
                    created_at: now + chrono::Duration::milliseconds(i as i64),
                    graded_at: None,
                },
            )?;
        }
        Ok(Ok(round))
    })
}

/// The rubric of an assignment: criterion slug → levels' points, lowest first.
pub(super) fn rubric(
    conn: &mut DbConnection,
    assignment: &Assignment,
) -> Result<Vec<(RubricCriterion, Vec<RubricLevel>)>, AppError> {
    let criteria =
        RubricCriterion::list_by_assignments(conn, std::slice::from_ref(&assignment.id))?;
    let ids: Vec<_> = criteria.iter().map(|c| c.id.clone()).collect();
    let levels = RubricLevel::list_by_criteria(conn, &ids)?;
    Ok(criteria
        .into_iter()
        .map(|c| {
            let mut mine: Vec<RubricLevel> = levels
                .iter()
                .filter(|l| l.criterion_id == c.id)
                .cloned()
                .collect();
            mine.sort_by_key(|l| l.points);
            (c, mine)
        })
        .collect())
}

/// One criterion as graded: slug and the comparison with gold.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct StoredScore {
    /// Criterion id (slug).
    pub criterion: String,
    /// The comparison.
    #[serde(flatten)]
    pub compared: Compared,
}

/// What grading a reference led to.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Graded {
    /// The round was complete with this grading.
    pub round_complete: bool,
    /// The co-trainer is calibrated now.
    pub calibrated: bool,
}

/// Grades one reference (`points` by criterion slug). When this completes the round, the
/// round is judged and a pass makes the co-trainer calibrated.
pub fn grade(
    conn: &mut DbConnection,
    actor: &Identity,
    id: &CalibrationGradingId,
    points: &HashMap<String, i32>,
    now: NaiveDateTime,
) -> Outcome<Graded> {
    refusable_tx(conn, |conn| {
        let grading = CalibrationGrading::find(conn, id)?
            .filter(|g| g.person_id == actor.person.id)
            .ok_or(AppError::NotFound)?;
        if grading.graded_at.is_some() {
            return Ok(Err(CalibrationRefusal::Graded.into()));
        }
        let reference =
            CalibrationReference::find(conn, &grading.reference_id)?.ok_or(AppError::NotFound)?;
        let assignment =
            Assignment::list_by_ids(conn, std::slice::from_ref(&reference.assignment_id))?
                .pop()
                .ok_or(AppError::NotFound)?;
        let gold: Vec<crate::domain::calibration::GoldRow> =
            serde_json::from_str(&reference.gold).unwrap_or_default();
        let scores = match compare(&rubric(conn, &assignment)?, &gold, points) {
            Ok(s) => s,
            Err(r) => return Ok(Err(r.into())),
        };
        let json = serde_json::to_string(&scores).expect("scores serialise");
        if !CalibrationGrading::record(conn, id, &json, now)? {
            return Ok(Err(CalibrationRefusal::Graded.into()));
        }
        judge_round(conn, actor, &grading, now)
    })
}

/// The form's levels beside gold, in rubric order; every criterion needs a known level.
fn compare(
    rubric: &[(RubricCriterion, Vec<RubricLevel>)],
    gold: &[crate::domain::calibration::GoldRow],
    points: &HashMap<String, i32>,
) -> Result<Vec<StoredScore>, CalibrationRefusal> {
    if points
        .keys()
        .any(|k| !rubric.iter().any(|(c, _)| &c.slug == k))
    {
        return Err(CalibrationRefusal::UnknownLevel);
    }
    let mut out = Vec::new();
    for (c, levels) in rubric {
        let p = *points.get(&c.slug).ok_or(CalibrationRefusal::Incomplete)?;
        let level = levels.iter().position(|l| l.points == p);
        let level = level.ok_or(CalibrationRefusal::UnknownLevel)?;
        let g = gold.iter().find(|g| g.criterion == c.slug);
        let g = g.map_or(0, |g| g.points);
        let gold_level = levels.iter().position(|l| l.points == g).unwrap_or(0);
        out.push(StoredScore {
            criterion: c.slug.clone(),
            compared: Compared {
                points: p,
                gold: g,
                level: level as i32,
                gold_level: gold_level as i32,
            },
        });
    }
    Ok(out)
}

/// The comparisons stored with a grading.
pub(super) fn stored(grading: &CalibrationGrading) -> Vec<StoredScore> {
    serde_json::from_str(&grading.scores).unwrap_or_default()
}

/// After a grading: when its round is complete, judges it and marks a pass.
fn judge_round(
    conn: &mut DbConnection,
    actor: &Identity,
    grading: &CalibrationGrading,
    now: NaiveDateTime,
) -> Outcome<Graded> {
    if grading.hidden {
        return Ok(Ok(Graded {
            round_complete: false,
            calibrated: false,
        }));
    }
    let round: Vec<CalibrationGrading> =
        CalibrationGrading::list_by_person(conn, &grading.program_id, &actor.person.id)?
            .into_iter()
            .filter(|g| !g.hidden && g.round == grading.round)
            .collect();
    if round.iter().any(|g| g.graded_at.is_none()) {
        return Ok(Ok(Graded {
            round_complete: false,
            calibrated: false,
        }));
    }
    let compared: Vec<Compared> = round.iter().flat_map(stored).map(|s| s.compared).collect();
    let agreement = Agreement::of(&compared);
    let passed = agreement.passes();
    if passed {
        Cotrainer::mark_calibrated(conn, &grading.program_id, &actor.person.id, now)?;
    }
    AuditEntry::new(
        now,
        Some(&actor.person.id),
        "calibration_round",
        "person",
        Some(actor.person.id.as_str()),
    )
    .details(json!({
        "round": grading.round, "passed": passed, "criteria": agreement.criteria,
        "within_one": agreement.within_one, "max_off": agreement.max_off,
        "kappa": agreement.kappa,
    }))
    .record(conn)?;
    Ok(Ok(Graded {
        round_complete: true,
        calibrated: passed,
    }))
}

/// Puts a hidden reference into a co-trainer's queue (the program's `hidden_percent` of
/// allocations do): the references of the cohort's curriculum in turn. It is graded like any
/// reference, apart from reviews, so it never reaches a trainee.
pub fn mix_hidden(
    conn: &mut DbConnection,
    person: &PersonId,
    version: &CurriculumVersion,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let refs = references(conn, version)?;
    if refs.is_empty() {
        return Ok(());
    }
    let mine = CalibrationGrading::list_by_person(conn, &version.program_id, person)?;
    let n = mine.iter().filter(|g| g.hidden).count();
    let (_, reference) = &refs[n % refs.len()];
    CalibrationGrading::create(
        conn,
        &CalibrationGrading {
            id: CalibrationGradingId::new(),
            program_id: version.program_id.clone(),
            person_id: person.clone(),
            reference_id: reference.id.clone(),
            round: 0,
            hidden: true,
            scores: "[]".into(),
            created_at: now,
            graded_at: None,
        },
    )?;
    Ok(())
}

/// Whether allocation may give this pool member real reviews under a version's setting.
pub fn may_review(entry: &Cotrainer, version: &CurriculumVersion) -> bool {
    version.calibration_references == 0 || entry.calibrated_at.is_some()
}
