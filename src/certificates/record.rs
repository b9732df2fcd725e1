//! The certification rule and the frozen record: what a trainee has passed, checked against
//! `program.toml` (every required assignment passed, optionally a minimum total), and copied
//! into the certificate at issue so later changes to the person or the curriculum change no
//! issued certificate.

use chrono::{Months, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::db::DbConnection;
use crate::db::models::{
    Assignment, Cohort, CurriculumVersion, Enrollment, Module, Person, Program, Submission,
    SubmissionVersion,
};
use crate::domain::states::GradingDecision;
use crate::error::AppError;

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Bilingual {
    /// German.
    pub de: String,
    /// English.
    pub en: String,
}

impl Bilingual {
    /// The text in a language.
    pub fn get(&self, lang: &str) -> &str {
        if lang == "de" { &self.de } else { &self.en }
    }
}

/// One assignment's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AssignmentResult {
    /// Id (slug).
    pub slug: String,
    /// Title.
    pub title: Bilingual,
    /// Required for the certificate.
    pub required: bool,
    /// passed, revision_requested, failed, or none.
    pub decision: Option<String>,
    /// Points of the decision.
    pub points: Option<i32>,
    /// Rubric maximum.
    pub max_points: i32,
}

/// One module's results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ModuleResult {
    /// Id (slug).
    pub slug: String,
    /// Title.
    pub title: Bilingual,
    /// Its assignments.
    pub assignments: Vec<AssignmentResult>,
}

/// The frozen record of a certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Record {
    /// The holder's name.
    pub holder_name: String,
    /// The program's id.
    pub program: String,
    /// The program's title.
    pub program_title: Bilingual,
    /// The cohort.
    pub cohort: String,
    /// The curriculum version (sequence) and its content hash.
    pub curriculum_version: i32,
    /// Content hash of that version.
    pub content_hash: String,
    /// Modules and results.
    pub modules: Vec<ModuleResult>,
    /// Points over the required assignments.
    pub total_points: i32,
    /// Issue date (UTC, `YYYY-MM-DD`).
    #[schema(format = Date)]
    pub issued_on: String,
    /// Expiry date (UTC, `YYYY-MM-DD`).
    #[schema(format = Date)]
    pub expires_on: Option<String>,
    /// Who issues: the program owner's organisation as the installation names it.
    pub issuer: String,
    /// For a self-study certificate: the lessons and knowledge-check results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_study: Option<SelfStudyRecord>,
    /// For a certification renewed through a refresher: which one, and the certificate it
    /// renewed. The cohort, curriculum version and modules above are then the refresher's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewed_through: Option<RenewedThrough>,
}

/// How a certification was renewed: the refresher passed and the certificate it replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RenewedThrough {
    /// The refresher's id.
    pub program: String,
    /// The refresher's title.
    pub title: Bilingual,
    /// The verification code of the certificate it renewed (none when there was no active
    /// one, e.g. issued by hand).
    pub previous: Option<String>,
}

/// What a self-study certificate attests: every lesson done, every check passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SelfStudyRecord {
    /// The pass mark of the knowledge checks (percent).
    pub pass_percent: i32,
    /// Each lesson with its best check result.
    pub lessons: Vec<LessonResult>,
}

/// One lesson of a self-study record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LessonResult {
    /// Id (slug).
    pub slug: String,
    /// Title.
    pub title: Bilingual,
    /// Correct answers in the best attempt.
    pub correct: i32,
    /// Questions.
    pub total: i32,
}

/// Where a trainee stands against the certification rule.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Standing {
    /// The rule is met.
    pub met: bool,
    /// Required assignments not passed yet (slugs).
    pub missing: Vec<String>,
    /// Points over the required assignments.
    pub total_points: i32,
    /// The minimum total (0: none).
    pub min_total_points: i32,
    /// The cohort's live sessions (not called off).
    pub sessions: i64,
    /// Of those, the ones attended as the program counts them.
    pub sessions_attended: i64,
    /// The share of sessions to attend, in percent (0: none).
    pub min_attendance_percent: i32,
}

/// Everything about one enrollment the rule and the record need.
pub struct Standings {
    /// The enrollment.
    pub enrollment: Enrollment,
    /// Its trainee.
    pub person: Person,
    /// Its cohort.
    pub cohort: Cohort,
    /// The program.
    pub program: Program,
    /// The pinned curriculum.
    pub version: CurriculumVersion,
    /// Where the trainee stands.
    pub standing: Standing,
    /// The results, module by module.
    pub modules: Vec<ModuleResult>,
}

/// Loads an enrollment's results and checks the rule.
pub fn standings(conn: &mut DbConnection, enrollment: &Enrollment) -> Result<Standings, AppError> {
    let person = Person::find(conn, &enrollment.person_id)?.ok_or(AppError::NotFound)?;
    let cohort = Cohort::find(conn, &enrollment.cohort_id)?.ok_or(AppError::NotFound)?;
    let program = Program::list(conn)?
        .into_iter()
        .find(|p| p.id == cohort.program_id)
        .ok_or(AppError::NotFound)?;
    let version =
        CurriculumVersion::find(conn, &cohort.curriculum_version_id)?.ok_or(AppError::NotFound)?;
    let modules = Module::list_by_version(conn, &version.id)?;
    let assignments = Assignment::list_by_version(conn, &version.id)?;
    let submissions = Submission::list_by_enrollment(conn, &enrollment.id)?;
    let mut results = Vec::new();
    let (mut missing, mut total) = (Vec::new(), 0);
    for m in &modules {
        let mut here = Vec::new();
        for a in assignments.iter().filter(|a| a.module_id == m.id) {
            let decided = match submissions.iter().find(|s| s.assignment_id == a.id) {
                Some(s) => SubmissionVersion::list_by_submission(conn, &s.id)?
                    .into_iter()
                    .find(|v| v.decision.is_some()),
                None => None,
            };
            let decision = decided.as_ref().and_then(|v| v.decision);
            let points = decided.as_ref().and_then(|v| v.points);
            if a.required {
                if decision == Some(GradingDecision::Passed) {
                    total += points.unwrap_or(0);
                } else {
                    missing.push(a.slug.clone());
                }
            }
            here.push(AssignmentResult {
                slug: a.slug.clone(),
                title: Bilingual {
                    de: a.title_de.clone(),
                    en: a.title_en.clone(),
                },
                required: a.required,
                decision: decision.map(|d| d.to_string()),
                points,
                max_points: a.max_points,
            });
        }
        results.push(ModuleResult {
            slug: m.slug.clone(),
            title: Bilingual {
                de: m.title_de.clone(),
                en: m.title_en.clone(),
            },
            assignments: here,
        });
    }
    let (sessions, attended) = match version.min_attendance_percent {
        0 => (0, 0),
        _ => crate::db::models::EventRegistration::cohort_attendance(
            conn,
            &cohort.id,
            &person.id,
            version.excused_counts,
        )?,
    };
    // With no session planned, there is nothing to attend.
    let attendance_met = attended * 100 >= i64::from(version.min_attendance_percent) * sessions;
    let standing = Standing {
        met: missing.is_empty() && total >= version.min_total_points && attendance_met,
        missing,
        total_points: total,
        min_total_points: version.min_total_points,
        sessions,
        sessions_attended: attended,
        min_attendance_percent: version.min_attendance_percent,
    };
    Ok(Standings {
        enrollment: enrollment.clone(),
        person,
        cohort,
        program,
        version,
        standing,
        modules: results,
    })
}

impl Standings {
    /// The expiry of a certificate issued at `now`.
    pub fn expiry(&self, now: NaiveDateTime) -> Option<NaiveDateTime> {
        expiry(self.version.validity_months, now)
    }

    /// The frozen record of a certificate issued now.
    pub fn record(&self, issuer: &str, now: NaiveDateTime) -> Record {
        Record {
            holder_name: self.person.name.clone(),
            program: self.program.slug.clone(),
            program_title: Bilingual {
                de: self.version.title_de.clone(),
                en: self.version.title_en.clone(),
            },
            cohort: self.cohort.name.clone(),
            curriculum_version: self.version.sequence,
            content_hash: self.version.content_hash.clone(),
            modules: self.modules.clone(),
            total_points: self.standing.total_points,
            issued_on: now.date().to_string(),
            expires_on: self.expiry(now).map(|e| e.date().to_string()),
            issuer: issuer.to_string(),
            self_study: None,
            renewed_through: None,
        }
    }
}

/// The expiry of a certificate valid `months` (0: no expiry) issued at `now`.
pub fn expiry(months: i32, now: NaiveDateTime) -> Option<NaiveDateTime> {
    u32::try_from(months)
        .ok()
        .filter(|m| *m > 0)
        .and_then(|m| now.checked_add_months(Months::new(m)))
}
