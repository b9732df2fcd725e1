//! The OpenAPI 3 document, generated from the handlers' annotations.

use actix_web::HttpResponse;
use utoipa::OpenApi;

/// Every API operation, each with its `operationId`.
#[derive(OpenApi)]
#[openapi(
    info(title = "qualify API", description = "Community-manager qualification: curriculum, cohorts, grading, certificates."),
    paths(
        super::program::get_program,
        super::people::get_me,
        super::people::list_people,
        super::people::invite_people,
        super::people::update_person,
        super::directory::sync_people,
        super::cohorts::create_cohort,
        super::cohorts::list_cohorts,
        super::cohorts::get_cohort,
        super::cohorts::update_cohort,
        super::cohorts::enroll_trainees,
        super::cohorts::move_enrollment,
        super::cohorts::withdraw_enrollment,
        super::cohorts::assign_cotrainers,
        super::cohorts::list_audit_log,
        super::applications::apply_for_program,
        super::applications::list_applications,
        super::applications::decide_application,
        super::applications::decide_applications,
        super::applications::decide_manager_approval,
        super::learn::get_my_progress,
        super::study::list_programs,
        super::study::enroll_self,
        super::study::complete_lesson,
        super::study::answer_knowledge_check,
        super::learn::list_my_assignments,
        super::learn::get_assignment,
        super::learn::save_draft,
        super::learn::submit_assignment,
        super::learn::withdraw_submission,
        super::learn::upload_attachment,
        super::learn::download_attachment,
        super::grading::list_review_queue,
        super::grading::get_review,
        super::grading::save_review_draft,
        super::grading::submit_review,
        super::grading::reassign_review,
        super::grading::list_unallocated,
        super::grading::dispute_decision,
        super::grading::moderate_review,
        super::grading::update_cotrainer_profile,
        super::calibration::get_calibration,
        super::calibration::start_calibration_round,
        super::calibration::get_calibration_reference,
        super::calibration::grade_calibration_reference,
        super::certificates::list_certificates,
        super::certificates::get_my_certificates,
        super::certificates::get_certificate,
        super::certificates::issue_certificate,
        super::certificates::revoke_certificate,
        super::certificates::reissue_certificate,
        super::certificates::download_certificate_pdf,
        super::certificates::get_credential,
        super::certificates::get_baked_badge,
        super::certificates::verify_certificate,
        super::outbox::get_mail_preferences,
        super::outbox::update_mail_preferences,
        super::outbox::list_outbox,
        super::outbox::retry_mail,
        super::reports::get_dashboard,
        super::reports::get_cohort_progress,
        super::impact::get_impact_report,
        super::reports::export_report,
        super::events::list_events,
        super::events::get_event,
        super::events::register_for_event,
        super::events::cancel_registration,
        super::events::check_in,
        super::events::get_event_attendance,
        super::events::record_attendance,
        super::experts::search_experts,
        super::experts::get_expert,
        super::experts::update_my_expert_profile,
        super::experts::contact_expert,
        super::event_admin::create_event,
        super::event_admin::update_event,
        super::event_admin::cancel_event,
        super::event_admin::import_attendance,
    ),
    components(schemas(super::problem::Problem, super::problem::ProblemError)),
    modifiers(&BearerAuth),
    tags(
        (name = "curriculum", description = "The program and its modules"),
        (name = "accounts", description = "People, roles and invitations"),
        (name = "mail", description = "The outbox"),
        (name = "cohorts", description = "Cohorts, schedules, enrollment, audit log"),
        (name = "learning", description = "The trainee's assignments and progress, and self-study"),
        (name = "grading", description = "Co-trainers, reviews, allocation and moderation"),
        (name = "certificates", description = "Certificates, credentials and verification"),
        (name = "reports", description = "Dashboard, cohort progress, impact report and report exports"),
        (name = "events", description = "Live sessions: registration, check-in and attendance"),
        (name = "experts", description = "The expert directory: search, profiles and questions"),
    )
)]
pub struct ApiDoc;

/// Declares the personal API token (`Authorization: Bearer qfy_…`).
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// `GET /api/openapi.json`: the generated document as a contract (`contract::document`).
pub async fn document() -> HttpResponse {
    HttpResponse::Ok().json(super::contract::document())
}
