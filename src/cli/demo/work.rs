//! One trainee's simulated work in a demo cohort: submissions (drafts, late hand-ins),
//! reviews with feedback and rubric scores, and the certificate when every required
//! assignment is passed (see `certify`).

use chrono::{Duration, NaiveDateTime};

use super::certify::{assignment_result, certify, module_result};
use super::scale::{Ctx, Named, person};
use super::texts::{FEEDBACK_DE, FEEDBACK_EN, SUBMISSIONS_DE, SUBMISSIONS_EN};
use crate::certificates::record::ModuleResult;
use crate::db::models::{
    Assignment, Cohort, Enrollment, Review, ReviewScore, ScheduleEntry, Submission,
    SubmissionVersion,
};
use crate::domain::ids::{
    EnrollmentId, PersonId, ReviewId, ReviewScoreId, SubmissionId, SubmissionVersionId,
};
use crate::domain::states::{
    CohortState, EnrollmentState, GradingDecision, ReviewState, SubmissionState,
};
use crate::error::AppError;

/// One trainee and their work; returns the person if they were certified.
pub(super) fn trainee(
    ctx: &mut Ctx<'_>,
    cohort: &Cohort,
    schedule: &[ScheduleEntry],
    team: &[PersonId],
    named: Option<&Named>,
    state: CohortState,
) -> Result<Option<PersonId>, AppError> {
    let now = ctx.plan.now;
    let (person_id, enrollment, enrollment_state, lang) = enroll(ctx, cohort, named, state);
    if state == CohortState::Planned {
        return Ok(None);
    }
    // Where this trainee stops: most never do.
    let stall_at = if named.is_some() || ctx.rng.chance(0.82) {
        usize::MAX
    } else {
        ctx.rng.below(ctx.cur.modules.len() as u64) as usize
    };
    // The named trainee of a running cohort always has the newest unlocked module still to
    // hand in (a draft begun), so whoever tries the demo finds work to submit at any time of day.
    let open_module = (state == CohortState::Running)
        .then(|| schedule.iter().rposition(|e| e.unlock_at <= now))
        .flatten();
    let mut results: Vec<ModuleResult> = Vec::new();
    let mut all_required = true;
    let mut last_decision = None;
    for (mi, (module, list)) in ctx.cur.modules.iter().enumerate() {
        let entry = &schedule[mi];
        let mut module_result = module_result(module);
        for a in list {
            let outcome = if entry.unlock_at > now
                || mi >= stall_at
                || enrollment_state != EnrollmentState::Active
                || (!a.required && ctx.rng.chance(0.5))
            {
                None
            } else if named.is_some() && Some(mi) == open_module {
                draft(ctx, cohort, entry, a, &enrollment, &lang);
                None
            } else {
                work(
                    ctx,
                    cohort,
                    entry,
                    a,
                    (&enrollment, &person_id),
                    &lang,
                    team,
                )?
            };
            if let Some((_, at)) = outcome {
                last_decision = last_decision.max(Some(at));
            }
            let passed_points = outcome.map(|(p, _)| p);
            all_required &= !a.required || passed_points.is_some();
            module_result
                .assignments
                .push(assignment_result(a, passed_points));
        }
        results.push(module_result);
    }
    let Some(decided) = last_decision.filter(|_| all_required) else {
        return Ok(None);
    };
    certify(
        ctx,
        cohort,
        &enrollment,
        &person_id,
        results,
        decided + Duration::minutes(1),
    );
    Ok(Some(person_id))
}

/// A new trainee and their enrollment (now and then withdrawn or deferred in a completed
/// cohort); returns the person, the enrollment, its state and the person's language.
fn enroll(
    ctx: &mut Ctx<'_>,
    cohort: &Cohort,
    named: Option<&Named>,
    state: CohortState,
) -> (PersonId, EnrollmentId, EnrollmentState, String) {
    let now = ctx.plan.now;
    let p = person(ctx, named);
    let enrollment = EnrollmentId::new();
    let enrollment_state = if named.is_some() || state != CohortState::Completed {
        EnrollmentState::Active
    } else if ctx.rng.chance(0.04) {
        EnrollmentState::Withdrawn
    } else if ctx.rng.chance(0.02) {
        EnrollmentState::Deferred
    } else {
        EnrollmentState::Active
    };
    ctx.rows.enrollments.push(Enrollment {
        id: enrollment.clone(),
        cohort_id: cohort.id.clone(),
        person_id: p.id.clone(),
        state: enrollment_state,
        lock_version: 1,
        enrolled_at: now,
        updated_at: now,
        certified_at: None,
    });
    if named.is_some() && state == CohortState::Running {
        ctx.out.trainee = Some((p.id.clone(), enrollment.clone()));
    }
    ctx.out.trainees += 1;
    let person_id = p.id.clone();
    let lang = p.language.clone();
    ctx.rows.people.push(p);
    (person_id, enrollment, enrollment_state, lang)
}

fn demo_text(ctx: &Ctx<'_>, a: &Assignment, lang: &str) -> &'static str {
    let texts = if lang == "en" {
        SUBMISSIONS_EN
    } else {
        SUBMISSIONS_DE
    };
    texts[(a.position.max(0) as usize + ctx.serial) % texts.len()]
}

/// A draft begun when the module unlocked, not handed in.
fn draft(
    ctx: &mut Ctx<'_>,
    cohort: &Cohort,
    entry: &ScheduleEntry,
    a: &Assignment,
    enrollment: &EnrollmentId,
    lang: &str,
) {
    let body = demo_text(ctx, a, lang);
    ctx.rows.submissions.push(Submission {
        draft_body: body.to_string(),
        ..Submission::draft(enrollment, &a.id, &cohort.id, lang, entry.unlock_at)
    });
}

/// One assignment's work; returns the points and the moment if it was passed.
fn work(
    ctx: &mut Ctx<'_>,
    cohort: &Cohort,
    entry: &ScheduleEntry,
    a: &Assignment,
    (enrollment, trainee): (&EnrollmentId, &PersonId),
    lang: &str,
    team: &[PersonId],
) -> Result<Option<(i32, NaiveDateTime)>, AppError> {
    let now = ctx.plan.now;
    let window = (entry.due_at - entry.unlock_at).num_hours().max(1) as u64;
    let late = ctx.rng.chance(0.1);
    let submitted_at = if late {
        entry.due_at + Duration::hours(1 + ctx.rng.below(60) as i64)
    } else {
        entry.unlock_at + Duration::hours(ctx.rng.below(window) as i64)
    };
    let id = SubmissionId::new();
    let body = demo_text(ctx, a, lang);
    if submitted_at > now {
        // Still working on it: a draft for some.
        if ctx.rng.chance(0.5) {
            draft(ctx, cohort, entry, a, enrollment, lang);
        }
        return Ok(None);
    }
    let allocated_at = submitted_at + Duration::minutes(1 + ctx.rng.below(90) as i64);
    let decided_at = allocated_at + Duration::hours(2 + ctx.rng.below(110) as i64);
    let decided = decided_at <= now;
    let passed = decided && (cohort.state == CohortState::Completed || ctx.rng.chance(0.93));
    let state = match (decided, passed) {
        (false, _) => SubmissionState::InReview,
        (true, true) => SubmissionState::Passed,
        (true, false) => SubmissionState::RevisionRequested,
    };
    let decision = decided.then_some(if passed {
        GradingDecision::Passed
    } else {
        GradingDecision::RevisionRequested
    });
    let points = passed.then(|| {
        a.pass_threshold
            .max(a.max_points * (70 + ctx.rng.below(31) as i32) / 100)
    });
    let version = SubmissionVersionId::new();
    let submission = Submission {
        id: id.clone(),
        state,
        current_version: 1,
        lock_version: 2,
        updated_at: if decided { decided_at } else { submitted_at },
        ..Submission::draft(enrollment, &a.id, &cohort.id, lang, entry.unlock_at)
    };
    ctx.rows.versions.push(SubmissionVersion {
        id: version.clone(),
        decision,
        points,
        decided_at: decided.then_some(decided_at),
        ..SubmissionVersion::handed_in(&submission, body, late, submitted_at)
    });
    ctx.rows.submissions.push(submission);
    ctx.out.submissions += 1;
    let graded = Graded {
        version,
        submission: id,
        allocated_at,
        decided_at,
        decided,
        decision,
        points,
    };
    let review = review(ctx, cohort, a, (enrollment, trainee), lang, team, graded);
    if decided && ctx.scores {
        scores(ctx, a, &review);
    }
    Ok(points.map(|p| (p, decided_at)))
}

/// How a handed-in version was graded, for its review row.
struct Graded {
    version: SubmissionVersionId,
    submission: SubmissionId,
    allocated_at: NaiveDateTime,
    decided_at: NaiveDateTime,
    decided: bool,
    decision: Option<GradingDecision>,
    points: Option<i32>,
}

/// The review of a handed-in version by someone of the cohort's team (completed with
/// feedback, and often rated, once decided); returns its id.
fn review(
    ctx: &mut Ctx<'_>,
    cohort: &Cohort,
    a: &Assignment,
    (enrollment, trainee): (&EnrollmentId, &PersonId),
    lang: &str,
    team: &[PersonId],
    graded: Graded,
) -> ReviewId {
    let Graded {
        version,
        submission,
        allocated_at,
        decided_at,
        decided,
        decision,
        points,
    } = graded;
    let reviewer = team
        .get(ctx.rng.below(team.len() as u64) as usize)
        .cloned()
        .unwrap_or_else(|| ctx.plan.owner.clone());
    let review = ReviewId(uuid::Uuid::new_v4().to_string());
    let feedback = if lang == "en" {
        FEEDBACK_EN
    } else {
        FEEDBACK_DE
    };
    ctx.rows.reviews.push(Review {
        id: review.clone(),
        submission_version_id: version,
        submission_id: submission,
        cohort_id: cohort.id.clone(),
        reviewer_id: reviewer,
        slot: 1,
        state: if decided {
            ReviewState::Completed
        } else {
            ReviewState::Allocated
        },
        allocation_reason: "{}".into(),
        allocated_at,
        due_at: allocated_at + Duration::days(5),
        started_at: decided.then_some(allocated_at + Duration::hours(1)),
        completed_at: decided.then_some(decided_at),
        decision,
        total_points: points,
        feedback: if decided {
            feedback[ctx.serial % feedback.len()].to_string()
        } else {
            String::new()
        },
        override_reason: String::new(),
        escalated_at: None,
        rating: (decided && ctx.rng.chance(0.5)).then(|| 3 + ctx.rng.below(3) as i32),
        rated_at: None,
        lock_version: 1,
        version_number: 1,
        enrollment_id: enrollment.clone(),
        assignment_id: a.id.clone(),
        trainee_id: trainee.clone(),
    });
    ctx.out.reviews += 1;
    review
}

/// Rubric scores of a completed review: the top or second level of every criterion.
fn scores(ctx: &mut Ctx<'_>, a: &Assignment, review: &ReviewId) {
    for (criterion, levels) in ctx.cur.rubric.get(&a.id.0).into_iter().flatten() {
        let Some(level) = levels.get(levels.len().saturating_sub(1 + ctx.rng.below(2) as usize))
        else {
            continue;
        };
        ctx.rows.scores.push(ReviewScore {
            id: ReviewScoreId::new(),
            review_id: review.clone(),
            criterion_id: criterion.id.clone(),
            level_id: level.id.clone(),
            points: level.points,
            comment: String::new(),
        });
    }
}
