//! The certificate a demo trainee earns, and the record of results it carries.

use chrono::{Months, NaiveDateTime};

use super::scale::Ctx;
use crate::certificates::code;
use crate::certificates::record::{AssignmentResult, Bilingual, ModuleResult, Record};
use crate::db::models::{Assignment, Certificate, CertificateParts, Cohort, Module};
use crate::domain::ids::{EnrollmentId, PersonId};
use crate::domain::states::GradingDecision;

/// A module's entry in the certificate record, without its assignments yet.
pub(super) fn module_result(module: &Module) -> ModuleResult {
    ModuleResult {
        slug: module.slug.clone(),
        title: Bilingual {
            de: module.title_de.clone(),
            en: module.title_en.clone(),
        },
        assignments: Vec::new(),
    }
}

/// An assignment's entry in the certificate record: its points if it was passed.
pub(super) fn assignment_result(a: &Assignment, passed_points: Option<i32>) -> AssignmentResult {
    AssignmentResult {
        slug: a.slug.clone(),
        title: Bilingual {
            de: a.title_de.clone(),
            en: a.title_en.clone(),
        },
        required: a.required,
        decision: passed_points.map(|_| GradingDecision::Passed.to_string()),
        points: passed_points,
        max_points: a.max_points,
    }
}

/// The certificate of a trainee who passed every required assignment, with the record of
/// their results.
pub(super) fn certify(
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
        issuer: ctx.plan.issuer.clone(),
        self_study: None,
        renewed_through: None,
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
            kind: crate::domain::states::CertificateKind::Certification,
        }));
    ctx.out.certificates += 1;
}
