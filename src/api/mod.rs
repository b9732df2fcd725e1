//! The JSON front door under `/api/v1`, and its OpenAPI document at `/api/openapi.json`.
//! Errors are `application/problem+json` (see `web::error_pages`); a use case's refusal is
//! answered by [`refused`].

mod applications;
mod body;
mod calibration;
mod certificates;
mod cohorts;
mod contract;
mod directory;
mod event_admin;
mod events;
mod experts;
mod grading;
mod impact;
mod learn;
mod openapi;
mod outbox;
mod people;
mod problem;
mod program;
mod reports;
mod scim;
mod study;

use actix_web::{HttpRequest, Scope, web};

use crate::domain::language::Language;
use crate::error::AppError;

pub use body::Body;
pub use contract::{API_VERSION, document, standard_errors};
pub use openapi::ApiDoc;
pub use problem::{Problem, json_error, path_error, query_error, refused};

/// The areas of `/api/v1`, in the order their routes are registered. Each adds its routes to
/// the one scope (not through `Scope::configure`, which would give the scope an app-data
/// container that every request then carries).
const AREAS: [fn(Scope) -> Scope; 9] = [
    learner_routes,
    people_routes,
    cohort_routes,
    report_routes,
    attachment_routes,
    grading_routes,
    certificate_routes,
    mail_routes,
    event_routes,
];

/// Registers every API route: the OpenAPI document, one `/api/v1` scope holding the routes of
/// every area, and the SCIM 2.0 endpoint under `/scim/v2`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    let v1 = AREAS
        .iter()
        .fold(web::scope("/api/v1"), |scope, routes| routes(scope));
    cfg.route("/api/openapi.json", web::get().to(openapi::document))
        .service(
            v1.default_service(web::to(not_found))
                .wrap(actix_web::middleware::from_fn(body::refuse_nul_in_url))
                .wrap(no_store()),
        )
        .service(
            web::scope("/scim/v2")
                .wrap(no_store())
                .route("/{path:.*}", web::get().to(scim::call))
                .route("/{path:.*}", web::post().to(scim::call))
                .route("/{path:.*}", web::put().to(scim::call))
                .route("/{path:.*}", web::patch().to(scim::call))
                .route("/{path:.*}", web::delete().to(scim::call)),
        );
}

/// API answers hold personal data for the caller alone: no cache keeps them.
fn no_store() -> actix_web::middleware::DefaultHeaders {
    actix_web::middleware::DefaultHeaders::new().add(("Cache-Control", "no-store"))
}

/// The program, the caller's own record and progress, and their assignments.
fn learner_routes(scope: Scope) -> Scope {
    scope
        .route("/programs", web::get().to(study::list_programs))
        .route(
            "/programs/{program_id}",
            web::get().to(program::get_program),
        )
        .route(
            "/programs/{program_id}/enrollment",
            web::post().to(study::enroll_self),
        )
        .route(
            "/programs/{program_id}/lessons/{lesson_id}/completion",
            web::post().to(study::complete_lesson),
        )
        .route(
            "/programs/{program_id}/lessons/{lesson_id}/check",
            web::post().to(study::answer_knowledge_check),
        )
        .route("/me", web::get().to(people::get_me))
        .route("/me/progress", web::get().to(learn::get_my_progress))
        .route("/me/assignments", web::get().to(learn::list_my_assignments))
        .route(
            "/enrollments/{enrollment_id}/assignments/{assignment_id}",
            web::get().to(learn::get_assignment),
        )
        .route(
            "/enrollments/{enrollment_id}/assignments/{assignment_id}/draft",
            web::put().to(learn::save_draft),
        )
        .route(
            "/enrollments/{enrollment_id}/assignments/{assignment_id}/submission",
            web::post().to(learn::submit_assignment),
        )
        .route(
            "/enrollments/{enrollment_id}/assignments/{assignment_id}/withdraw",
            web::post().to(learn::withdraw_submission),
        )
}

/// People: the list, invitations and changes.
fn people_routes(scope: Scope) -> Scope {
    scope
        .route("/people", web::get().to(people::list_people))
        .route("/people/invitations", web::post().to(people::invite_people))
        .route("/people/sync", web::post().to(directory::sync_people))
        .route(
            "/people/{person_id}",
            web::patch().to(people::update_person),
        )
}

/// Cohorts, their enrollments and co-trainers, moving and withdrawing, and the audit log.
fn cohort_routes(scope: Scope) -> Scope {
    scope
        .route("/cohorts", web::post().to(cohorts::create_cohort))
        .route("/cohorts", web::get().to(cohorts::list_cohorts))
        .route("/cohorts/{cohort_id}", web::get().to(cohorts::get_cohort))
        .route(
            "/cohorts/{cohort_id}",
            web::patch().to(cohorts::update_cohort),
        )
        .route(
            "/cohorts/{cohort_id}/enrollments",
            web::post().to(cohorts::enroll_trainees),
        )
        .route(
            "/cohorts/{cohort_id}/cotrainers",
            web::put().to(cohorts::assign_cotrainers),
        )
        .route(
            "/enrollments/{enrollment_id}/move",
            web::post().to(cohorts::move_enrollment),
        )
        .route(
            "/enrollments/{enrollment_id}/withdraw",
            web::post().to(cohorts::withdraw_enrollment),
        )
        .route("/audit", web::get().to(cohorts::list_audit_log))
        .route(
            "/programs/{program_id}/applications",
            web::post().to(applications::apply_for_program),
        )
        .route(
            "/applications",
            web::get().to(applications::list_applications),
        )
        .route(
            "/applications/decisions",
            web::post().to(applications::decide_applications),
        )
        .route(
            "/applications/{application_id}/decision",
            web::post().to(applications::decide_application),
        )
        .route(
            "/applications/{application_id}/manager-decision",
            web::post().to(applications::decide_manager_approval),
        )
}

/// The dashboard, a cohort's progress, the impact report and report exports.
fn report_routes(scope: Scope) -> Scope {
    scope
        .route("/dashboard", web::get().to(reports::get_dashboard))
        .route(
            "/cohorts/{cohort_id}/progress",
            web::get().to(reports::get_cohort_progress),
        )
        // Before `/reports/{report}`, which would take `impact` for an export's name.
        .route("/reports/impact", web::get().to(impact::get_impact_report))
        .route("/reports/{report}", web::get().to(reports::export_report))
}

/// Uploading and downloading attachments.
fn attachment_routes(scope: Scope) -> Scope {
    scope
        .route(
            "/enrollments/{enrollment_id}/assignments/{assignment_id}/attachments",
            web::post().to(learn::upload_attachment),
        )
        .route(
            "/attachments/{attachment_id}",
            web::get().to(learn::download_attachment),
        )
}

/// Reviews, the unallocated queue, disputes, moderation and the co-trainer profile.
fn grading_routes(scope: Scope) -> Scope {
    scope
        .route("/reviews", web::get().to(grading::list_review_queue))
        .route("/reviews/{review_id}", web::get().to(grading::get_review))
        .route(
            "/reviews/{review_id}/draft",
            web::put().to(grading::save_review_draft),
        )
        .route(
            "/reviews/{review_id}/submission",
            web::post().to(grading::submit_review),
        )
        .route(
            "/reviews/{review_id}/reassign",
            web::post().to(grading::reassign_review),
        )
        .route("/unallocated", web::get().to(grading::list_unallocated))
        .route(
            "/enrollments/{enrollment_id}/assignments/{assignment_id}/dispute",
            web::post().to(grading::dispute_decision),
        )
        .route(
            "/moderation/{item_id}",
            web::post().to(grading::moderate_review),
        )
        .route(
            "/cotrainer-profile",
            web::put().to(grading::update_cotrainer_profile),
        )
        .route("/calibration", web::get().to(calibration::get_calibration))
        .route(
            "/calibration/rounds",
            web::post().to(calibration::start_calibration_round),
        )
        .route(
            "/calibration/{grading_id}",
            web::get().to(calibration::get_calibration_reference),
        )
        .route(
            "/calibration/{grading_id}",
            web::post().to(calibration::grade_calibration_reference),
        )
}

/// Certificates: listing, issuing, revoking, reissuing, the PDF and credential, verification.
fn certificate_routes(scope: Scope) -> Scope {
    scope
        .route(
            "/certificates",
            web::get().to(certificates::list_certificates),
        )
        .route(
            "/certificates",
            web::post().to(certificates::issue_certificate),
        )
        .route(
            "/me/certificates",
            web::get().to(certificates::get_my_certificates),
        )
        .route(
            "/certificates/{certificate_id}",
            web::get().to(certificates::get_certificate),
        )
        .route(
            "/certificates/{certificate_id}/revoke",
            web::post().to(certificates::revoke_certificate),
        )
        .route(
            "/certificates/{certificate_id}/reissue",
            web::post().to(certificates::reissue_certificate),
        )
        .route(
            "/certificates/{certificate_id}/pdf",
            web::get().to(certificates::download_certificate_pdf),
        )
        .route(
            "/certificates/{certificate_id}/credential",
            web::get().to(certificates::get_credential),
        )
        .route(
            "/certificates/{certificate_id}/badge",
            web::get().to(certificates::get_baked_badge),
        )
        .route(
            "/verify/{code}",
            web::get().to(certificates::verify_certificate),
        )
}

/// Mail preferences and the outbox.
fn mail_routes(scope: Scope) -> Scope {
    scope
        .route(
            "/me/mail-preferences",
            web::get().to(outbox::get_mail_preferences),
        )
        .route(
            "/me/mail-preferences",
            web::put().to(outbox::update_mail_preferences),
        )
        .route("/outbox", web::get().to(outbox::list_outbox))
        .route(
            "/outbox/{mail_id}/retry",
            web::post().to(outbox::retry_mail),
        )
}

/// Live sessions: the list, one session, registering, checking in, attendance.
fn event_routes(scope: Scope) -> Scope {
    scope
        .route("/experts", web::get().to(experts::search_experts))
        .route(
            "/experts/me",
            web::put().to(experts::update_my_expert_profile),
        )
        .route("/experts/{person_id}", web::get().to(experts::get_expert))
        .route(
            "/experts/{person_id}/contact",
            web::post().to(experts::contact_expert),
        )
        .route("/events", web::get().to(events::list_events))
        .route("/events", web::post().to(event_admin::create_event))
        .route("/events/{event_id}", web::get().to(events::get_event))
        .route(
            "/events/{event_id}",
            web::put().to(event_admin::update_event),
        )
        .route(
            "/events/{event_id}/cancel",
            web::post().to(event_admin::cancel_event),
        )
        .route(
            "/events/{event_id}/attendance/import",
            web::post().to(event_admin::import_attendance),
        )
        .route(
            "/events/{event_id}/registration",
            web::post().to(events::register_for_event),
        )
        .route(
            "/events/{event_id}/registration",
            web::delete().to(events::cancel_registration),
        )
        .route(
            "/events/{event_id}/check-in",
            web::post().to(events::check_in),
        )
        .route(
            "/events/{event_id}/attendance",
            web::get().to(events::get_event_attendance),
        )
        .route(
            "/events/{event_id}/attendance",
            web::post().to(events::record_attendance),
        )
}

async fn not_found() -> Result<actix_web::HttpResponse, AppError> {
    Err(AppError::NotFound)
}

/// The language an API answer is written in: `?lang=`, else `Accept-Language`, else German.
pub fn api_language(req: &HttpRequest, lang: Option<&str>) -> Result<Language, AppError> {
    match lang {
        Some(code) => Language::parse(code).ok_or_else(|| AppError::Malformed {
            detail: format!("lang must be de or en, not '{code}'"),
            at: Some(crate::error::InputLocation::Query("lang".into())),
        }),
        None => Ok(crate::web::i18n::request_language(req)),
    }
}
