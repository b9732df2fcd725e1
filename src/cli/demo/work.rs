//! One trainee's simulated work in a demo cohort: submissions (drafts, late hand-ins),
//! reviews with feedback and rubric scores, and the certificate when every required
//! assignment is passed.

use chrono::{Duration, Months, NaiveDateTime};

use super::scale::{Ctx, Named, person};
use super::texts::{FEEDBACK_DE, FEEDBACK_EN, SUBMISSIONS_DE, SUBMISSIONS_EN};
use crate::certificates::code;
use crate::certificates::record::{AssignmentResult, Bilingual, ModuleResult, Record};
use crate::db::models::{
    Assignment, Certificate, CertificateParts, Cohort, Enrollment, Review, ReviewScore,
    ScheduleEntry, Submission, SubmissionVersion,
};
use crate::domain::ids::{EnrollmentId, PersonId, ReviewScoreId, SubmissionId};
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
    let p = person(ctx, named);
    let enrollment_state = if named.is_some() || state != CohortState::Completed {
        EnrollmentState::Active
    } else if ctx.rng.chance(0.04) {
        EnrollmentState::Withdrawn
    } else if ctx.rng.chance(0.02) {
        EnrollmentState::Deferred
    } else {
        EnrollmentState::Active
    };
    let row = Enrollment {
        state: enrollment_state,
        ..Enrollment::active(&cohort.id, &p.id, now)
    };
    let enrollment = row.id.clone();
    ctx.rows.enrollments.push(row);
    if named.is_some() && state == CohortState::Running {
        ctx.out.trainee = Some((p.id.clone(), enrollment.clone()));
    }
    ctx.out.trainees += 1;
    let person_id = p.id.clone();
    let lang = p.language.clone();
    ctx.rows.people.push(p);
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
        let mut module_result = ModuleResult {
            slug: module.slug.clone(),
            title: Bilingual {
                de: module.title_de.clone(),
                en: module.title_en.clone(),
            },
            assignments: Vec::new(),
        };
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
            module_result.assignments.push(AssignmentResult {
                slug: a.slug.clone(),
                title: Bilingual {
                    de: a.title_de.clone(),
                    en: a.title_en.clone(),
                },
                required: a.required,
                decision: passed_points.map(|_| GradingDecision::Passed.to_string()),
                points: passed_points,
                max_points: a.max_points,
            });
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
    let submission = Submission {
        id: id.clone(),
        state,
        current_version: 1,
        lock_version: 2,
        updated_at: if decided { decided_at } else { submitted_at },
        ..Submission::draft(enrollment, &a.id, &cohort.id, lang, entry.unlock_at)
    };
    let version = SubmissionVersion {
        decision,
        points,
        decided_at: decided.then_some(decided_at),
        ..SubmissionVersion::handed_in(&submission, body, late, submitted_at)
    };
    ctx.out.submissions += 1;
    let reviewer = team
        .get(ctx.rng.below(team.len() as u64) as usize)
        .cloned()
        .unwrap_or_else(|| ctx.plan.owner.clone());
    let feedback = if lang == "en" {
        FEEDBACK_EN
    } else {
        FEEDBACK_DE
    };
    let row = Review {
        state: if decided {
            ReviewState::Completed
        } else {
            ReviewState::Allocated
        },
        started_at: decided.then_some(allocated_at + Duration::hours(1)),
        completed_at: decided.then_some(decided_at),
        decision,
        total_points: points,
        feedback: if decided {
            feedback[ctx.serial % feedback.len()].to_string()
        } else {
            String::new()
        },
        rating: (decided && ctx.rng.chance(0.5)).then(|| 3 + ctx.rng.below(3) as i32),
        ..Review::allocated(
            &submission,
            &version,
            trainee,
            &reviewer,
            1,
            "{}".into(),
            (allocated_at, allocated_at + Duration::days(5)),
        )
    };
    let review = row.id.clone();
    ctx.rows.versions.push(version);
    ctx.rows.submissions.push(submission);
    ctx.rows.reviews.push(row);
    ctx.out.reviews += 1;
    if decided && ctx.scores {
        for (criterion, levels) in ctx.cur.rubric.get(&a.id.0).into_iter().flatten() {
            let Some(level) =
                levels.get(levels.len().saturating_sub(1 + ctx.rng.below(2) as usize))
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
    Ok(points.map(|p| (p, decided_at)))
}

fn certify(
    ctx: &mut Ctx<'_>,
    cohort: &Cohort,
    enrollment: &EnrollmentId,
    person: &PersonId,
    modules: Vec<ModuleResult>,
    issued_at: NaiveDateTime,
) {
    let holder = ctx
        .rows
        .people
        .iter()
        .rev()
        .find(|p| &p.id == person)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let expires_at = issued_at
        .checked_add_months(Months::new(ctx.cur.validity_months))
        .filter(|_| ctx.cur.validity_months > 0);
    let total_points = modules
        .iter()
        .flat_map(|m| &m.assignments)
        .filter(|a| a.required)
        .filter_map(|a| a.points)
        .sum();
    let record = Record {
        holder_name: holder.clone(),
        program: ctx.cur.program.slug.clone(),
        program_title: Bilingual {
            de: ctx.cur.version.title_de.clone(),
            en: ctx.cur.version.title_en.clone(),
        },
        cohort: cohort.name.clone(),
        curriculum_version: ctx.cur.version.sequence,
        content_hash: ctx.cur.version.content_hash.clone(),
        modules,
        total_points,
        issued_on: issued_at.date().to_string(),
        expires_on: expires_at.map(|e| e.date().to_string()),
        issuer: "demo.example".into(),
    };
    ctx.rows
        .certificates
        .push(Certificate::issued(CertificateParts {
            public_id: code::new_code(),
            person_id: person.clone(),
            program_id: ctx.cur.program.id.clone(),
            enrollment_id: Some(enrollment.clone()),
            curriculum_version_id: ctx.cur.version.id.clone(),
            holder_name: holder,
            program_title_de: ctx.cur.version.title_de.clone(),
            program_title_en: ctx.cur.version.title_en.clone(),
            record: serde_json::to_string(&record).unwrap_or_else(|_| "{}".into()),
            issued_at,
            expires_at,
        }));
    ctx.out.certificates += 1;
}
