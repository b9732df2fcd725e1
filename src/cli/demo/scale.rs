//! The demo program at any size: cohorts from two and a half years ago to next month (completed
//! and certified, running at every stage, planned), trainees with believable work, co-trainers
//! drawn from graduates, reviews with feedback (and rubric scores up to a few thousand
//! trainees), certificates (the oldest expired). Rows are written in multi-row inserts inside
//! one transaction, so 100,000 trainees take seconds, and the same seed gives the same program.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::models::{
    Assignment, Certificate, CurriculumVersion, Enrollment, Module, Person, Program, Review,
    ReviewScore, RubricCriterion, RubricLevel, Submission, SubmissionVersion,
};
use crate::db::schema::{
    certificates, enrollments, people, review_scores, reviews, submission_versions, submissions,
};
use crate::db::{DbConnection, per_backend};
use crate::domain::ids::{CohortId, EnrollmentId, PersonId};
use crate::domain::states::PersonStatus;
use crate::error::AppError;

/// Rows per insert statement (SQLite allows 32,766 values per statement).
pub(super) const CHUNK: usize = 1_000;
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
    "Personal & Organisation",
    "IT-Services",
    "Vertrieb DACH",
    "Werk Ingolstadt · Produktion",
    "Unternehmenskommunikation",
    "Finanzen & Controlling",
    "Forschung & Entwicklung",
    "Logistik Süd",
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
    /// The issuer named on the certificates (the installation's organisation).
    pub issuer: String,
    /// Counts the trainees generated.
    pub progress: crate::cli::progress::Progress,
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
    /// People numbered so far (the company continues the numbering).
    pub serial: usize,
    /// People of the company beyond the cohorts.
    pub employees: usize,
    /// Of them, in self-study.
    pub self_study: usize,
    /// Self-study certificates.
    pub self_study_certificates: usize,
    /// Applications for the next cohort of the cohort program.
    pub applications: usize,
    /// The named co-trainer.
    pub coach: Option<PersonId>,
    /// The named trainee and their enrollment.
    pub trainee: Option<(PersonId, EnrollmentId)>,
    /// Running cohorts.
    pub running: Vec<CohortId>,
}

pub(super) struct Curriculum {
    pub(super) program: Program,
    pub(super) version: CurriculumVersion,
    pub(super) modules: Vec<(Module, Vec<Assignment>)>,
    pub(super) rubric: HashMap<String, Vec<(RubricCriterion, Vec<RubricLevel>)>>,
    pub(super) validity_months: u32,
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
pub(super) struct Rows {
    pub(super) people: Vec<Person>,
    pub(super) enrollments: Vec<Enrollment>,
    pub(super) submissions: Vec<Submission>,
    pub(super) versions: Vec<SubmissionVersion>,
    pub(super) reviews: Vec<Review>,
    pub(super) scores: Vec<ReviewScore>,
    pub(super) certificates: Vec<Certificate>,
}

/// Writes rows in multi-row inserts of [`CHUNK`] and empties the list.
macro_rules! insert_all {
    ($conn:expr, $table:expr, $rows:expr) => {{
        for chunk in $rows.chunks(CHUNK) {
            per_backend!($conn, c => diesel::insert_into($table).values(chunk).execute(c))?;
        }
        $rows.clear();
    }};
}
pub(super) use insert_all;

impl Rows {
    fn len(&self) -> usize {
        self.people.len() + self.submissions.len() + self.versions.len() + self.reviews.len()
    }

    /// Writes every waiting row.
    pub(super) fn flush(&mut self, conn: &mut DbConnection) -> QueryResult<()> {
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

pub(super) struct Ctx<'a> {
    pub(super) plan: &'a Plan,
    pub(super) cur: &'a Curriculum,
    pub(super) rng: Rng,
    pub(super) rows: Rows,
    pub(super) out: Generated,
    pub(super) pool: Vec<PersonId>,
    pub(super) scores: bool,
    pub(super) serial: usize,
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
        super::cohort::cohort(conn, &mut ctx, k, *days_back, n, named)?;
        plan.progress.add(n as u64);
        if ctx.rows.len() > 20_000 {
            ctx.rows.flush(conn)?;
        }
    }
    ctx.rows.flush(conn)?;
    plan.progress.finish();
    ctx.out.cohorts = count;
    ctx.out.serial = ctx.serial;
    Ok(ctx.out)
}

pub(super) fn person(ctx: &mut Ctx<'_>, named: Option<&Named>) -> Person {
    ctx.serial += 1;
    make_person(&mut ctx.rng, ctx.serial, ctx.plan, named)
}

/// A person with a believable name, unique address (by `i`), language and unit.
pub(super) fn make_person(rng: &mut Rng, i: usize, plan: &Plan, named: Option<&Named>) -> Person {
    let (first, last) = (rng.pick(FIRST), rng.pick(LAST));
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
    let email = format!("{local}{}@demo.example", plan.suffix);
    let now = plan.now;
    Person {
        id: PersonId::new(),
        email_normalized: email.to_lowercase(),
        email,
        name,
        language: if rng.chance(0.3) { "en" } else { "de" }.into(),
        time_zone: "Europe/Berlin".into(),
        org_unit: Some(rng.pick(UNITS).to_string()),
        manager_email: None,
        password_hash: None,
        status: PersonStatus::Active,
        lock_version: 1,
        created_at: now,
        updated_at: now,
        last_sign_in_at: None,
        employee_id: None,
        manager_employee_id: None,
        scim_external_id: None,
        scim_deleted_at: None,
    }
}
