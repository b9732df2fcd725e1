//! The HTML front door: one file per resource. Handlers parse, authorize, call the area's use
//! case, and render.

mod assets;
pub mod attachments;
pub mod audit;
mod calendar;
pub mod certificates;
mod cohorts;
mod feedback;
mod grading;
mod health;
mod language;
mod learn;
mod mail;
mod people;
pub mod profile;
mod program;
pub mod reports;
mod reviews;
mod sign_in;
mod unsubscribe;
pub mod verify;

use actix_web::{HttpResponse, web};

/// Registers every HTML route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(health::healthz))
        .route("/readyz", web::get().to(health::readyz))
        .route("/metrics", web::get().to(health::metrics))
        .route("/", web::get().to(program::home))
        .route("/programs/{slug}", web::get().to(program::show))
        .route("/language", web::post().to(language::switch))
        .route("/sign-in", web::get().to(sign_in::form))
        .route("/sign-in/link", web::post().to(sign_in::request_link))
        .route(
            "/sign-in/link/{token}",
            web::get().to(sign_in::confirm_page),
        )
        .route("/sign-in/confirm", web::post().to(sign_in::confirm))
        .route("/sign-in/password", web::post().to(sign_in::with_password))
        .route("/sign-out", web::post().to(sign_in::sign_out))
        .route("/me", web::get().to(profile::show))
        .route("/me", web::post().to(profile::update))
        .route("/me/password", web::post().to(profile::set_password))
        .route("/me/tokens", web::post().to(profile::create_token))
        .route(
            "/me/tokens/{id}/revoke",
            web::post().to(profile::revoke_token),
        )
        .route(
            "/me/sign-out-everywhere",
            web::post().to(profile::sign_out_everywhere),
        )
        .route("/me/cotrainer", web::post().to(profile::cotrainer))
        .route("/me/calendar", web::post().to(calendar::rotate))
        .route("/me/calendar/revoke", web::post().to(calendar::revoke))
        .route("/calendar/{token}", web::get().to(calendar::feed))
        .route("/people", web::get().to(people::index))
        .route("/people/invite", web::post().to(people::invite))
        .route("/people/{id}", web::post().to(people::change))
        .route("/cohorts", web::get().to(cohorts::index))
        .route("/cohorts", web::post().to(cohorts::create))
        .route("/cohorts/{id}", web::get().to(cohorts::show))
        .route("/cohorts/{id}", web::post().to(cohorts::update))
        .route(
            "/cohorts/{id}/schedule/{module_id}",
            web::post().to(cohorts::reschedule),
        )
        .route(
            "/cohorts/{id}/cotrainers",
            web::post().to(cohorts::cotrainers),
        )
        .route(
            "/cohorts/{id}/enrollments/preview",
            web::post().to(cohorts::preview),
        )
        .route("/cohorts/{id}/enrollments", web::post().to(cohorts::enroll))
        .route(
            "/enrollments/{id}/move",
            web::post().to(cohorts::move_enrollment),
        )
        .route(
            "/enrollments/{id}/withdraw",
            web::post().to(cohorts::withdraw),
        )
        .route(
            "/enrollments/{id}/extensions",
            web::post().to(cohorts::extend),
        )
        .route("/audit", web::get().to(audit::index))
        .route("/dashboard", web::get().to(reports::dashboard))
        .route("/reports", web::get().to(reports::index))
        .route("/reports/download", web::get().to(reports::download))
        .route("/learn", web::get().to(learn::dashboard))
        .route(
            "/learn/{enrollment}/modules/{module}",
            web::get().to(learn::module),
        )
        .route(
            "/learn/{enrollment}/assignments/{assignment}",
            web::get().to(learn::assignment),
        )
        .route(
            "/learn/{enrollment}/assignments/{assignment}",
            web::post().to(learn::save),
        )
        .route(
            "/learn/{enrollment}/assignments/{assignment}/withdraw",
            web::post().to(learn::withdraw),
        )
        .route(
            "/learn/{enrollment}/assignments/{assignment}/attachments",
            web::post().to(attachments::upload),
        )
        .route(
            "/learn/{enrollment}/assignments/{assignment}/attachments/{id}/delete",
            web::post().to(attachments::delete),
        )
        .route(
            "/learn/{enrollment}/assignments/{assignment}/dispute",
            web::post().to(feedback::dispute),
        )
        .route(
            "/learn/{enrollment}/assignments/{assignment}/rate",
            web::post().to(feedback::rate),
        )
        .route("/attachments/{id}", web::get().to(attachments::download))
        .route("/reviews", web::get().to(reviews::queue))
        .route("/reviews/{id}", web::get().to(reviews::show))
        .route("/reviews/{id}", web::post().to(reviews::save))
        .route("/reviews/{id}/reassign", web::post().to(reviews::reassign))
        .route("/grading", web::get().to(grading::index))
        .route("/grading/pool", web::post().to(grading::add))
        .route("/grading/pool/{person}", web::post().to(grading::update))
        .route(
            "/grading/cotrainers/{person}/rebalance",
            web::post().to(grading::rebalance),
        )
        .route("/moderation/{id}", web::post().to(grading::moderate))
        .route("/mail", web::get().to(mail::index))
        .route("/mail/{id}/retry", web::post().to(mail::retry))
        .route("/certificates", web::get().to(certificates::index))
        .route(
            "/certificates/issue",
            web::post().to(certificates::issue_by_hand),
        )
        .route("/certificates/{id}", web::get().to(certificates::show))
        .route("/certificates/{id}/pdf", web::get().to(certificates::pdf))
        .route(
            "/certificates/{id}/credential",
            web::get().to(certificates::credential),
        )
        .route(
            "/certificates/{id}/revoke",
            web::post().to(certificates::revoke),
        )
        .route(
            "/certificates/{id}/reissue",
            web::post().to(certificates::reissue),
        )
        .route("/verify", web::get().to(verify::form))
        .route("/verify", web::post().to(verify::check))
        .route("/verify/{code}", web::get().to(verify::show))
        .route("/.well-known/jwks.json", web::get().to(verify::jwks))
        .route("/issuer", web::get().to(verify::issuer))
        .route("/unsubscribe/{token}", web::get().to(unsubscribe::confirm))
        .route("/unsubscribe/{token}", web::post().to(unsubscribe::apply))
        .route(
            "/me/mail-preferences",
            web::post().to(profile::mail_preferences),
        )
        .route("/static/{path:.*}", web::get().to(assets::serve));
}

/// Only local paths are followed after a form (no open redirect).
pub fn safe_next(next: &str) -> &str {
    let local = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\');
    if local { next } else { "/" }
}

/// A 303 redirect after a successful POST.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", location.to_string()))
        .finish()
}

/// Percent-encodes a value for a query string.
pub fn encode_query(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}
