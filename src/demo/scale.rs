//! The demo program at any size: cohorts from two and a half years ago to next month (completed
//! and certified, running at every stage, planned), trainees with believable work, co-trainers
//! drawn from graduates, reviews with feedback (and rubric scores up to a few thousand
//! trainees), certificates (the oldest expired). Rows are written in multi-row inserts inside
//! one transaction, so 100,000 trainees take seconds, and the same seed gives the same program.

use std::collections::HashMap;

use chrono::{Duration, Months, NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::texts::{FEEDBACK_DE, FEEDBACK_EN, SUBMISSIONS_DE, SUBMISSIONS_EN};
use crate::certificates::code;
use crate::certificates::record::{AssignmentResult, Bilingual, ModuleResult, Record};
use crate::db::models::{
    Assignment, Certificate, Cohort, CohortCotrainer, Cotrainer, CurriculumVersion, Enrollment,
    Module, Person, Program, Review, ReviewScore, RubricCriterion, RubricLevel, ScheduleEntry,
    Submission, SubmissionVersion,
};
use crate::db::schema::{
    certificates, cohort_cotrainers, cohort_schedule, cohorts, cotrainers, enrollments, people,
    review_scores, reviews, submission_versions, submissions,
};
use crate::db::{DbConnection, per_backend};
use crate::domain::ids::{CohortId, EnrollmentId, PersonId, ReviewId};
use crate::domain::schedule::module_moments;
use crate::error::AppError;

/// Rows per insert statement (SQLite allows 32,766 values per statement).
const CHUNK: usize = 1_000;
/// Rubric scores are written for programs up to this many trainees.
const SCORES_UP_TO: usize = 5_000;

pub(super) const FIRST: &[&str] = &[
    "Anna", "Ben", "Clara", "Deniz", "Elif", "Felix", "Greta", "Hannes", "Ines", "Jonas", "Katrin",
    "Lukas", "Mara", "Nils", "Olivia", "Paul", "Rosa", "Sven", "Tanja", "Ugur", "Vera", "Wim",
    "Yasmin", "Zoe",
];
pub(super) const LAST: &[&str] = &[
    "Schmidt", "Müller", "Weiß", "Öztürk", "Nguyen", "Fischer", "Becker", "Hoffmann", "Schäfer",
    "Koch", "Richter", "Klein", "Wolf", "Brown", "García", "Kowalski",
];
const UNITS: &[&str] = &[
    "HR",
    "IT",
    "Vertrieb",
    "Produktion",
    "Kommunikation",
    "Finanzen",
    "Forschung",
    "Logistik",
];

/// A small deterministic generator: the same seed, the same demo.
pub struct Rng(u64);

impl Rng {
    /// Seeded.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// A number below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() % 10_000) as f64 / 10_000.0 < p
    }

    /// One of the items.
    pub fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// A named account the demo prints (the co-trainer and trainee to try).
pub struct Named {
    /// Shown name.
    pub name: &'static str,
    /// Email local part.
    pub local: &'static str,
}

/// What to generate.
pub struct Plan {
    /// Trainees in all cohorts together.
    pub trainees: usize,
    /// Seed.
    pub seed: u64,
    /// Now.
    pub now: NaiveDateTime,
    /// Added to every email address (a second demo beside a first).
    pub suffix: String,
    /// The owner, who graded the very first cohort.
    pub owner: PersonId,
    /// Becomes a certified graduate and co-trainer with open reviews.
    pub coach: Named,
    /// Becomes a trainee halfway through a running cohort.
    pub trainee: Named,
}

/// What was generated.
#[derive(Debug, Default)]
pub struct Generated {
    /// Cohorts.
    pub cohorts: usize,
    /// Enrollments.
    pub trainees: usize,
    /// Submission versions.
    pub submissions: usize,
    /// Reviews.
    pub reviews: usize,
    /// Certificates.
    pub certificates: usize,
    /// The named co-trainer.
    pub coach: Option<PersonId>,
    /// The named trainee and their enrollment.
    pub trainee: Option<(PersonId, EnrollmentId)>,
    /// Running cohorts.
    pub running: Vec<CohortId>,
}

struct Curriculum {
    program: Program,
    version: CurriculumVersion,
    modules: Vec<(Module, Vec<Assignment>)>,
    rubric: HashMap<String, Vec<(RubricCriterion, Vec<RubricLevel>)>>,
    validity_months: u32,
}

fn curriculum(conn: &mut DbConnection) -> Result<Curriculum, AppError> {
    let program = crate::cohorts::lifecycle::the_program(conn)?;
    let version = CurriculumVersion::find_current(conn, &program.id)?.ok_or(AppError::NotFound)?;
    let mut modules = Module::list_by_version(conn, &version.id)?;
    modules.sort_by_key(|m| m.position);
    let assignments = Assignment::list_by_version(conn, &version.id)?;
    let ids: Vec<_> = assignments.iter().map(|a| a.id.clone()).collect();
    let criteria = RubricCriterion::list_by_assignments(conn, &ids)?;
    let levels = RubricLevel::list_by_criteria(
        conn,
        &criteria.iter().map(|c| c.id.clone()).collect::<Vec<_>>(),
    )?;
    let mut rubric: HashMap<String, Vec<(RubricCriterion, Vec<RubricLevel>)>> = HashMap::new();
    for c in criteria {
        let own: Vec<RubricLevel> = levels
            .iter()
            .filter(|l| l.criterion_id == c.id)
            .cloned()
            .collect();
        rubric
            .entry(c.assignment_id.0.clone())
            .or_default()
            .push((c, own));
    }
    let modules = modules
        .into_iter()
        .map(|m| {
            let mut own: Vec<Assignment> = assignments
                .iter()
                .filter(|a| a.module_id == m.id)
                .cloned()
                .collect();
            own.sort_by_key(|a| a.position);
            (m, own)
        })
        .collect();
    Ok(Curriculum {
        validity_months: version.validity_months.max(0) as u32,
        program,
        version,
        modules,
        rubric,
    })
}

/// Rows waiting to be written, flushed in multi-row inserts.
#[derive(Default)]
struct Rows {
    people: Vec<Person>,
    enrollments: Vec<Enrollment>,
    submissions: Vec<Submission>,
    versions: Vec<SubmissionVersion>,
    reviews: Vec<Review>,
    scores: Vec<ReviewScore>,
    certificates: Vec<Certificate>,
}

macro_rules! insert_all {
    ($conn:expr, $table:expr, $rows:expr) => {{
        for chunk in $rows.chunks(CHUNK) {
            per_backend!($conn, c => diesel::insert_into($table).values(chunk).execute(c))?;
        }
        $rows.clear();
    }};
}

impl Rows {
    fn len(&self) -> usize {
        self.people.len() + self.submissions.len() + self.versions.len() + self.reviews.len()
    }

    fn flush(&mut self, conn: &mut DbConnection) -> QueryResult<()> {
        insert_all!(conn, people::table, self.people);
        insert_all!(conn, enrollments::table, self.enrollments);
        insert_all!(conn, submissions::table, self.submissions);
        insert_all!(conn, submission_versions::table, self.versions);
        insert_all!(conn, reviews::table, self.reviews);
        insert_all!(conn, review_scores::table, self.scores);
        insert_all!(conn, certificates::table, self.certificates);
        Ok(())
    }
}

/// Days before today each cohort started: about a third completed (the oldest 900 days ago,
/// so their certificates have expired), half running at every stage, the rest planned.
fn layout(count: usize) -> Vec<i64> {
    (0..count)
        .map(|k| {
            let f = if count == 1 {
                0.5
            } else {
                k as f64 / (count - 1) as f64
            };
            if f < 0.35 {
                900 - (f / 0.35 * 800.0) as i64
            } else if f < 0.85 {
                85 - ((f - 0.35) / 0.5 * 82.0) as i64
            } else {
                -14 - ((f - 0.85) / 0.15 * 46.0) as i64
            }
        })
        .collect()
}

struct Ctx<'a> {
    plan: &'a Plan,
    cur: &'a Curriculum,
    rng: Rng,
    rows: Rows,
    out: Generated,
    pool: Vec<PersonId>,
    scores: bool,
    serial: usize,
}

/// Generates the program described by `plan`; call inside a write transaction.
pub fn generate(conn: &mut DbConnection, plan: &Plan) -> Result<Generated, AppError> {
    let cur = curriculum(conn)?;
    let size = match plan.trainees {
        0..=300 => 12,
        301..=10_000 => 100,
        _ => 1_000,
    };
    let count = plan.trainees.div_ceil(size).max(1);
    let ages = layout(count);
    let coach_cohort = ages.iter().rposition(|d| *d > 100);
    let running: Vec<usize> = (0..count)
        .filter(|k| (0..=90).contains(&ages[*k]))
        .collect();
    let trainee_cohort = running.get(running.len() / 2).copied();
    let mut ctx = Ctx {
        plan,
        cur: &cur,
        rng: Rng::new(plan.seed),
        rows: Rows::default(),
        out: Generated::default(),
        pool: vec![plan.owner.clone()],
        scores: plan.trainees <= SCORES_UP_TO,
        serial: 0,
    };
    let mut left = plan.trainees;
    for (k, days_back) in ages.iter().enumerate() {
        let n = left.min(size);
        left -= n;
        let named = if Some(k) == coach_cohort {
            Some(&plan.coach)
        } else if Some(k) == trainee_cohort {
            Some(&plan.trainee)
        } else {
            None
        };
        cohort(conn, &mut ctx, k, *days_back, n, named)?;
        if ctx.rows.len() > 20_000 {
            ctx.rows.flush(conn)?;
        }
    }
    ctx.rows.flush(conn)?;
    ctx.out.cohorts = count;
    Ok(ctx.out)
}

fn person(ctx: &mut Ctx<'_>, named: Option<&Named>) -> Person {
    ctx.serial += 1;
    let i = ctx.serial;
    let (first, last) = (ctx.rng.pick(FIRST), ctx.rng.pick(LAST));
    let (name, local) = match named {
        Some(n) => (n.name.to_string(), n.local.to_string()),
        None => {
            let plain = |s: &str| {
                s.to_lowercase()
                    .replace('ä', "ae")
                    .replace('ö', "oe")
                    .replace('ü', "ue")
                    .replace('ß', "ss")
                    .replace('í', "i")
            };
            (
                format!("{first} {last}"),
                format!("{}.{}.{i}", plain(first), plain(last)),
            )
        }
    };
    let email = format!("{local}{}@demo.example", ctx.plan.suffix);
    let now = ctx.plan.now;
    Person {
        id: PersonId::new(),
        email_normalized: email.to_lowercase(),
        email,
        name,
        language: if ctx.rng.chance(0.3) { "en" } else { "de" }.into(),
        time_zone: "Europe/Berlin".into(),
        org_unit: Some(ctx.rng.pick(UNITS).to_string()),
        manager_email: None,
        password_hash: None,
        status: "active".into(),
        lock_version: 1,
        created_at: now,
        updated_at: now,
        last_sign_in_at: None,
    }
}

fn cohort(
    conn: &mut DbConnection,
    ctx: &mut Ctx<'_>,
    k: usize,
    days_back: i64,
    n: usize,
    named: Option<&Named>,
) -> Result<(), AppError> {
    let now = ctx.plan.now;
    let start: NaiveDate = (now - Duration::days(days_back)).date();
    let tz = chrono_tz::Europe::Berlin;
    let last_due = ctx.cur.modules.last().map_or(84, |(m, _)| m.due_days);
    let state = if days_back < 0 {
        "planned"
    } else if days_back > i64::from(last_due) + 7 {
        "completed"
    } else {
        "running"
    };
    let season = if (3..9).contains(&chrono::Datelike::month(&start)) {
        "Frühjahr"
    } else {
        "Herbst"
    };
    let cohort = Cohort {
        id: CohortId::new(),
        program_id: ctx.cur.program.id.clone(),
        curriculum_version_id: ctx.cur.version.id.clone(),
        name: format!(
            "Kohorte {} {} · {}",
            season,
            chrono::Datelike::year(&start),
            k + 1
        ),
        starts_on: start.to_string(),
        time_zone: "Europe/Berlin".into(),
        state: state.into(),
        lock_version: 1,
        created_at: now,
        updated_at: now,
    };
    diesel::insert_into(cohorts::table)
        .values(&cohort)
        .execute(conn)?;
    let schedule: Vec<ScheduleEntry> = ctx
        .cur
        .modules
        .iter()
        .map(|(m, _)| {
            let (unlock_at, due_at) = module_moments(tz, start, m.unlock_days, m.due_days);
            ScheduleEntry {
                id: uuid::Uuid::new_v4().to_string(),
                cohort_id: cohort.id.clone(),
                module_id: m.id.clone(),
                unlock_at,
                due_at,
            }
        })
        .collect();
    per_backend!(conn, c => diesel::insert_into(cohort_schedule::table).values(&schedule).execute(c))?;
    if state == "running" {
        ctx.out.running.push(cohort.id.clone());
        let wanted = (n / 40).max(2).min(ctx.pool.len());
        let mut team: Vec<PersonId> = Vec::new();
        if let Some(coach) = &ctx.out.coach {
            team.push(coach.clone());
        }
        while team.len() < wanted {
            let p = ctx.pool[ctx.rng.below(ctx.pool.len() as u64) as usize].clone();
            if !team.contains(&p) {
                team.push(p);
            }
        }
        let rows: Vec<CohortCotrainer> = team
            .iter()
            .map(|p| CohortCotrainer {
                cohort_id: cohort.id.clone(),
                person_id: p.clone(),
                added_at: now,
            })
            .collect();
        per_backend!(conn, c => diesel::insert_into(cohort_cotrainers::table).values(&rows).execute(c))?;
        for i in 0..n {
            trainee(
                ctx,
                &cohort,
                &schedule,
                &team,
                (i == 0).then_some(named).flatten(),
                state,
            )?;
        }
    } else {
        let team = ctx.pool.clone();
        let mut graduates = Vec::new();
        for i in 0..n {
            if let Some(g) = trainee(
                ctx,
                &cohort,
                &schedule,
                &team,
                (i == 0).then_some(named).flatten(),
                state,
            )? {
                graduates.push(g);
            }
        }
        if state == "completed" {
            ctx.rows.flush(conn)?;
            recruit(conn, ctx, &graduates, named.is_some())?;
        }
    }
    Ok(())
}

/// Every 25th graduate (and the named co-trainer) joins the co-trainer pool.
fn recruit(
    conn: &mut DbConnection,
    ctx: &mut Ctx<'_>,
    graduates: &[PersonId],
    with_coach: bool,
) -> Result<(), AppError> {
    let now = ctx.plan.now;
    let mut rows = Vec::new();
    for (i, g) in graduates.iter().enumerate() {
        let is_coach = with_coach && i == 0;
        if !(is_coach || i % 25 == 3) {
            continue;
        }
        if is_coach {
            ctx.out.coach = Some(g.clone());
        }
        ctx.pool.push(g.clone());
        rows.push(Cotrainer {
            id: uuid::Uuid::new_v4().to_string(),
            program_id: ctx.cur.program.id.clone(),
            person_id: g.clone(),
            capacity: 8,
            languages: "de,en".into(),
            active: true,
            source: "graduate".into(),
            lock_version: 1,
            created_at: now,
        });
    }
    for chunk in rows.chunks(CHUNK) {
        per_backend!(conn, c => diesel::insert_into(cotrainers::table).values(chunk).execute(c))?;
    }
    Ok(())
}

/// One trainee and their work; returns the person if they were certified.
fn trainee(
    ctx: &mut Ctx<'_>,
    cohort: &Cohort,
    schedule: &[ScheduleEntry],
    team: &[PersonId],
    named: Option<&Named>,
    state: &str,
) -> Result<Option<PersonId>, AppError> {
    let now = ctx.plan.now;
    let p = person(ctx, named);
    let enrollment = EnrollmentId::new();
    let enrollment_state = if named.is_some() || state != "completed" {
        "active"
    } else if ctx.rng.chance(0.04) {
        "withdrawn"
    } else if ctx.rng.chance(0.02) {
        "deferred"
    } else {
        "active"
    };
    ctx.rows.enrollments.push(Enrollment {
        id: enrollment.clone(),
        cohort_id: cohort.id.clone(),
        person_id: p.id.clone(),
        state: enrollment_state.into(),
        lock_version: 1,
        enrolled_at: now,
        updated_at: now,
    });
    if named.is_some() && state == "running" {
        ctx.out.trainee = Some((p.id.clone(), enrollment.clone()));
    }
    ctx.out.trainees += 1;
    let person_id = p.id.clone();
    let lang = p.language.clone();
    ctx.rows.people.push(p);
    if state == "planned" {
        return Ok(None);
    }
    // Where this trainee stops: most never do.
    let stall_at = if named.is_some() || ctx.rng.chance(0.82) {
        usize::MAX
    } else {
        ctx.rng.below(ctx.cur.modules.len() as u64) as usize
    };
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
                || enrollment_state != "active"
                || (!a.required && ctx.rng.chance(0.5))
            {
                None
            } else {
                work(ctx, cohort, entry, a, &enrollment, &lang, team)?
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
                decision: passed_points.map(|_| "passed".to_string()),
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

/// One assignment's work; returns the points and the moment if it was passed.
fn work(
    ctx: &mut Ctx<'_>,
    cohort: &Cohort,
    entry: &ScheduleEntry,
    a: &Assignment,
    enrollment: &EnrollmentId,
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
    let id = uuid::Uuid::new_v4().to_string();
    let texts = if lang == "en" {
        SUBMISSIONS_EN
    } else {
        SUBMISSIONS_DE
    };
    let body = texts[(a.position.max(0) as usize + ctx.serial) % texts.len()];
    if submitted_at > now {
        // Still working on it: a draft for some.
        if ctx.rng.chance(0.5) {
            ctx.rows.submissions.push(Submission {
                id,
                enrollment_id: enrollment.clone(),
                assignment_id: a.id.clone(),
                state: "draft".into(),
                draft_body: body.to_string(),
                language: lang.to_string(),
                current_version: 0,
                lock_version: 1,
                created_at: entry.unlock_at,
                updated_at: entry.unlock_at,
            });
        }
        return Ok(None);
    }
    let allocated_at = submitted_at + Duration::minutes(1 + ctx.rng.below(90) as i64);
    let decided_at = allocated_at + Duration::hours(2 + ctx.rng.below(110) as i64);
    let decided = decided_at <= now;
    let passed = decided && (cohort.state == "completed" || ctx.rng.chance(0.93));
    let state = match (decided, passed) {
        (false, _) => "in_review",
        (true, true) => "passed",
        (true, false) => "revision_requested",
    };
    let points = passed.then(|| {
        a.pass_threshold
            .max(a.max_points * (70 + ctx.rng.below(31) as i32) / 100)
    });
    let version = uuid::Uuid::new_v4().to_string();
    ctx.rows.submissions.push(Submission {
        id: id.clone(),
        enrollment_id: enrollment.clone(),
        assignment_id: a.id.clone(),
        state: state.into(),
        draft_body: String::new(),
        language: lang.to_string(),
        current_version: 1,
        lock_version: 2,
        created_at: entry.unlock_at,
        updated_at: if decided { decided_at } else { submitted_at },
    });
    ctx.rows.versions.push(SubmissionVersion {
        id: version.clone(),
        submission_id: id.clone(),
        number: 1,
        body: body.to_string(),
        submitted_at,
        late,
        decision: decided.then(|| {
            if passed {
                "passed"
            } else {
                "revision_requested"
            }
            .to_string()
        }),
        points,
        decided_at: decided.then_some(decided_at),
        moderation_note: None,
    });
    ctx.out.submissions += 1;
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
        submission_id: id,
        cohort_id: cohort.id.clone(),
        reviewer_id: reviewer,
        slot: 1,
        state: if decided { "completed" } else { "allocated" }.into(),
        allocation_reason: "{}".into(),
        allocated_at,
        due_at: allocated_at + Duration::days(5),
        started_at: decided.then_some(allocated_at + Duration::hours(1)),
        completed_at: decided.then_some(decided_at),
        decision: decided.then(|| {
            if passed {
                "passed"
            } else {
                "revision_requested"
            }
            .to_string()
        }),
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
    });
    ctx.out.reviews += 1;
    if decided && ctx.scores {
        for (criterion, levels) in ctx.cur.rubric.get(&a.id.0).into_iter().flatten() {
            let Some(level) =
                levels.get(levels.len().saturating_sub(1 + ctx.rng.below(2) as usize))
            else {
                continue;
            };
            ctx.rows.scores.push(ReviewScore {
                id: uuid::Uuid::new_v4().to_string(),
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
    ctx.rows.certificates.push(Certificate {
        id: uuid::Uuid::new_v4().to_string(),
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
        issued_by: None,
        issue_reason: None,
        status: "active".into(),
        revoked_at: None,
        revoked_reason: None,
        superseded_by: None,
        created_at: issued_at,
    });
    ctx.out.certificates += 1;
}
