//! The company around the program: its org tree, two more people for every trainee (so 100,000
//! trainees come with 300,000 people), each with HR data (employee id, manager), and a third of the
//! company in self-study at every stage: nothing done yet, some lessons done with their
//! checks (a few after a failed first attempt), completed with a self-study certificate.

use chrono::Duration;
use diesel::prelude::*;

use super::scale::{CHUNK, Plan, Rng, insert_all, make_person};
use crate::certificates::code::new_code;
use crate::db::models::{
    Certificate, CertificateParts, CheckAttempt, CurriculumVersion, Module, Person, Program,
    StudyEnrollment,
};
use crate::db::schema::{
    certificates, check_attempts, lesson_completions, people, study_enrollments,
};
use crate::db::{DbConnection, per_backend};
use crate::domain::ids::{CheckAttemptId, StudyEnrollmentId};
use crate::domain::states::{CertificateKind, ProgramKind};
use crate::error::AppError;

/// What the company adds: employees, of them in self-study, self-study certificates.
pub struct Company {
    /// People beyond the cohorts.
    pub employees: usize,
    /// In self-study.
    pub studying: usize,
    /// Completed, with a certificate.
    pub certified: usize,
}

/// Rows waiting to be written.
#[derive(Default)]
struct Rows {
    people: Vec<Person>,
    studies: Vec<StudyEnrollment>,
    done: Vec<(String, String, chrono::NaiveDateTime)>,
    attempts: Vec<CheckAttempt>,
    certificates: Vec<Certificate>,
}

impl Rows {
    fn flush(&mut self, conn: &mut DbConnection) -> QueryResult<()> {
        insert_all!(conn, people::table, self.people);
        insert_all!(conn, certificates::table, self.certificates);
        insert_all!(conn, study_enrollments::table, self.studies);
        let done: Vec<_> = self
            .done
            .drain(..)
            .map(|(e, l, at)| {
                (
                    lesson_completions::study_enrollment_id.eq(e),
                    lesson_completions::lesson.eq(l),
                    lesson_completions::completed_at.eq(at),
                )
            })
            .collect();
        for chunk in done.chunks(CHUNK) {
            per_backend!(conn, c => diesel::insert_into(lesson_completions::table).values(chunk).execute(c))?;
        }
        insert_all!(conn, check_attempts::table, self.attempts);
        Ok(())
    }
}

/// The company's org tree (the HR data's units, grouped in three divisions below the group).
const ORG_TREE: &[(&str, Option<&str>)] = &[
    ("Konzern", None),
    ("Zentralbereiche", Some("Konzern")),
    ("Markt", Some("Konzern")),
    ("Technik & Produktion", Some("Konzern")),
    ("Personal & Organisation", Some("Zentralbereiche")),
    ("Finanzen & Controlling", Some("Zentralbereiche")),
    ("Unternehmenskommunikation", Some("Zentralbereiche")),
    ("IT-Services", Some("Zentralbereiche")),
    ("Vertrieb DACH", Some("Markt")),
    ("Werk Ingolstadt · Produktion", Some("Technik & Produktion")),
    ("Forschung & Entwicklung", Some("Technik & Produktion")),
    ("Logistik Süd", Some("Technik & Produktion")),
];

/// Adds the company; call inside the demo's write transaction, after the cohorts.
pub fn add(conn: &mut DbConnection, plan: &Plan, serial: usize) -> Result<Company, AppError> {
    for (name, parent) in ORG_TREE {
        let unit = crate::db::models::OrgUnit {
            name: name.to_string(),
            parent: parent.map(str::to_string),
            updated_at: plan.now,
        };
        crate::db::models::OrgUnit::save(conn, &unit)?;
    }
    let Some(program) = Program::list_of_kind(conn, ProgramKind::SelfPaced)?
        .into_iter()
        .next()
    else {
        return Ok(Company {
            employees: 0,
            studying: 0,
            certified: 0,
        });
    };
    let version = CurriculumVersion::find_current(conn, &program.id)?.ok_or(AppError::NotFound)?;
    let lessons = Module::list_by_version(conn, &version.id)?;
    let employees = plan.trainees * 2;
    let mut rng = Rng::new(plan.seed ^ 0xc0ffee);
    let mut rows = Rows::default();
    let mut out = Company {
        employees,
        studying: 0,
        certified: 0,
    };
    let progress = crate::cli::progress::Progress::new("Demo company", employees as u64);
    let mut managers: Vec<String> = Vec::new();
    for k in 0..employees {
        let mut person = make_person(&mut rng, serial + k + 1, plan, None);
        person.employee_id = Some(format!("E{:07}", serial + k + 1));
        // Every eighth person leads the seven after them.
        person.manager_employee_id = managers.last().cloned();
        person.manager_email = None;
        if k % 8 == 0 {
            managers.push(person.employee_id.clone().unwrap_or_default());
        }
        if k % 2 == 0 {
            study(
                &mut rows,
                &mut rng,
                &mut out,
                &person,
                (&program, &version, &lessons),
                plan,
            );
        }
        rows.people.push(person);
        if rows.people.len() >= 20_000 {
            rows.flush(conn)?;
            progress.add(20_000);
        }
    }
    rows.flush(conn)?;
    progress.finish();
    Ok(out)
}

/// One person's self-study at a stage from "just enrolled" to "completed".
fn study(
    rows: &mut Rows,
    rng: &mut Rng,
    out: &mut Company,
    person: &Person,
    (program, version, lessons): (&Program, &CurriculumVersion, &[Module]),
    plan: &Plan,
) {
    let stage = rng.below(lessons.len() as u64 + 2) as usize;
    let done = stage.min(lessons.len());
    let enrolled_at = plan.now - Duration::days(rng.below(300) as i64 + 1);
    let id = StudyEnrollmentId::new();
    let mut study = StudyEnrollment {
        lessons_done: done as i32,
        checks_passed: done as i32,
        ..StudyEnrollment::start(&person.id, &program.id, &version.id, enrolled_at)
    };
    study.id = id.clone();
    for (i, lesson) in lessons.iter().take(done).enumerate() {
        let at = enrolled_at + Duration::days(i as i64 + 1);
        rows.done.push((id.0.clone(), lesson.slug.clone(), at));
        if i == 0 && rng.chance(0.3) {
            rows.attempts.push(attempt(&id, &lesson.slug, 1, false, at));
        }
        rows.attempts.push(attempt(&id, &lesson.slug, 3, true, at));
    }
    if stage > lessons.len() {
        let at = enrolled_at + Duration::days(lessons.len() as i64 + 1);
        let cert = Certificate::issued(CertificateParts {
            public_id: new_code(),
            person_id: person.id.clone(),
            program_id: program.id.clone(),
            enrollment_id: None,
            curriculum_version_id: version.id.clone(),
            holder_name: person.name.clone(),
            program_title_de: version.title_de.clone(),
            program_title_en: version.title_en.clone(),
            record: format!(
                r#"{{"holder_name":{},"program":"{}","program_title":{{"de":{},"en":{}}},"cohort":"","curriculum_version":{},"content_hash":"{}","modules":[],"total_points":0,"issued_on":"{}","expires_on":null,"issuer":{}}}"#,
                serde_json::to_string(&person.name).unwrap_or_default(),
                program.slug,
                serde_json::to_string(&version.title_de).unwrap_or_default(),
                serde_json::to_string(&version.title_en).unwrap_or_default(),
                version.sequence,
                version.content_hash,
                at.date(),
                serde_json::to_string(&plan.issuer).unwrap_or_default(),
            ),
            issued_at: at,
            expires_at: None,
            kind: CertificateKind::SelfStudy,
        });
        study.completed_at = Some(at);
        study.certificate_id = Some(cert.id.clone());
        rows.certificates.push(cert);
        out.certified += 1;
    }
    rows.studies.push(study);
    out.studying += 1;
}

fn attempt(
    enrollment: &StudyEnrollmentId,
    lesson: &str,
    correct: i32,
    passed: bool,
    at: chrono::NaiveDateTime,
) -> CheckAttempt {
    CheckAttempt {
        id: CheckAttemptId::new(),
        study_enrollment_id: enrollment.clone(),
        lesson: lesson.to_string(),
        correct,
        total: 3,
        passed,
        answers: "[]".into(),
        created_at: at,
    }
}
