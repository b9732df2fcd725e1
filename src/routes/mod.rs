//! The HTML front door: one file per resource. Handlers parse, authorize, call the area's use
//! case, and render. Routes are grouped in scopes by their first path segment, so the router
//! compares a prefix as text instead of running every variable pattern's regex in turn.

mod applications;
mod assets;
pub mod attachments;
pub mod audit;
mod calendar;
mod calibration;
pub mod certificates;
mod cohorts;
mod enrollments;
mod event_attendance;
mod event_guests;
mod events;
mod experts;
mod feedback;
mod form_file;
mod grading;
mod health;
mod impact;
mod language;
mod learn;
mod mail;
mod people;
pub mod profile;
mod program;
pub mod reports;
mod reviews;
mod sign_in;
mod sso;
mod study;
mod unsubscribe;
pub mod verify;

use actix_web::web::{self, get, post, scope};

/// Registers every HTML route. Paths that share a first segment live in one scope: the router
/// compares a scope's fixed prefix as text and tries the patterns inside only when it matches,
/// instead of trying every pattern with a variable part one after the other (a regex each).
/// Every path under a scope's prefix must be registered in that scope.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", get().to(health::healthz))
        .route("/readyz", get().to(health::readyz))
        .route("/metrics", get().to(health::metrics))
        .route("/", get().to(program::home))
        .route("/program", get().to(program::overview))
        .route("/language", post().to(language::switch))
        .route("/sign-out", post().to(sign_in::sign_out))
        .route("/signed-out", get().to(sso::signed_out))
        .route("/audit", get().to(audit::index))
        .route("/dashboard", get().to(reports::dashboard))
        .route("/.well-known/jwks.json", get().to(verify::jwks))
        .route("/issuer", get().to(verify::issuer))
        .route(
            crate::config::logo::PATH,
            get().to(assets::organization_logo),
        )
        .route(
            crate::certificates::status_list::PATH,
            get().to(verify::status_list),
        )
        .configure(learn_routes)
        .configure(study_routes)
        .configure(reviews_routes)
        .configure(calibration_routes)
        .configure(verify_routes)
        .service(scope("/static").route("/{path:.*}", get().to(assets::serve)))
        .service(scope("/programs").route("/{slug}", get().to(program::show)))
        .configure(sign_in_routes)
        .configure(me_routes)
        .service(scope("/calendar").route("/{token}", get().to(calendar::feed)))
        .configure(people_routes)
        .configure(cohorts_routes)
        .configure(applications_routes)
        .configure(enrollments_routes)
        .configure(reports_routes)
        .service(scope("/attachments").route("/{id}", get().to(attachments::download)))
        .configure(grading_routes)
        .service(scope("/moderation").route("/{id}", post().to(grading::moderate)))
        .configure(mail_routes)
        .configure(certificates_routes)
        .configure(unsubscribe_routes)
        .configure(events_routes)
        .configure(experts_routes);
}

/// `/self-study`: self-paced programs, their lessons, videos and checks.
fn study_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        scope("/self-study")
            .route("", get().to(study::catalog))
            .route("/{program}", get().to(study::program))
            .route("/{program}/enroll", post().to(study::enroll))
            .service(
                scope("/{program}/lessons/{lesson}")
                    .route("", get().to(study::lesson))
                    .route("/done", post().to(study::done))
                    .route("/check", post().to(study::check))
                    .route("/video", get().to(study::video))
                    .route("/captions/{lang}", get().to(study::captions)),
            ),
    );
}

/// `/learn`: the trainee's dashboard, modules and assignments.
fn learn_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        scope("/learn")
            .route("", get().to(learn::dashboard))
            .route("/{enrollment}/modules/{module}", get().to(learn::module))
            .service(
                scope("/{enrollment}/assignments/{assignment}")
                    .route("", get().to(learn::assignment))
                    .route("", post().to(learn::save))
                    .route("/withdraw", post().to(learn::withdraw))
                    .route("/attachments", post().to(attachments::upload))
                    .route("/attachments/{id}/delete", post().to(attachments::delete))
                    .route("/dispute", post().to(feedback::dispute))
                    .route("/rate", post().to(feedback::rate)),
            ),
    );
}

/// `/calibration`: a co-trainer's calibration rounds and references.
fn calibration_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        scope("/calibration")
            .route("", get().to(calibration::index))
            .route("/rounds", post().to(calibration::start))
            .route("/{id}", get().to(calibration::show))
            .route("/{id}", post().to(calibration::grade)),
    );
}

/// `/reviews`: the co-trainer's queue and one review.
fn reviews_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        scope("/reviews")
            .route("", get().to(reviews::queue))
            .route("/{id}", get().to(reviews::show))
            .route("/{id}", post().to(reviews::save))
            .route("/{id}/reassign", post().to(reviews::reassign)),
    );
}

/// `/verify`: checking a certificate by its code.
fn verify_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        scope("/verify")
            .route("", get().to(verify::form))
            .route("", post().to(verify::check))
            .route("/{code}", get().to(verify::show))
            .route("/{code}", post().to(verify::check_email))
            .route("/{code}/badge.png", get().to(verify::badge)),
    );
}

/// `/sign-in`: by single sign-on, link or password.
fn sign_in_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        scope("/sign-in")
            .route("", get().to(sign_in::form))
            .route("/sso", get().to(sso::begin))
            .route("/sso/callback", get().to(sso::callback))
            .route("/link", post().to(sign_in::request_link))
            .route("/link/{token}", get().to(sign_in::confirm_page))
            .route("/confirm", post().to(sign_in::confirm))
            .route("/password", post().to(sign_in::with_password)),
    );
}

/// `/me`: the profile, password, tokens, sessions, co-trainer settings, calendar feed and
/// mail preferences.
fn me_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        scope("/me")
            .route("", get().to(profile::show))
            .route("", post().to(profile::update))
            .route("/password", post().to(profile::set_password))
            .route("/tokens", post().to(profile::create_token))
            .route("/tokens/{id}/revoke", post().to(profile::revoke_token))
            .route(
                "/sign-out-everywhere",
                post().to(profile::sign_out_everywhere),
            )
            .route("/cotrainer", post().to(profile::cotrainer))
            .route("/calendar", post().to(calendar::rotate))
            .route("/calendar/revoke", post().to(calendar::revoke))
            .route("/mail-preferences", post().to(profile::mail_preferences)),
    );
}

/// `/people`: the list, invitations and changes.
fn people_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        scope("/people")
            .route("", get().to(people::index))
            .route("/invite", post().to(people::invite))
            .route("/{id}", post().to(people::change)),
    );
}

/// `/cohorts`: the list, one cohort, its schedule, co-trainers and enrollments.
fn cohorts_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        scope("/cohorts")
            .route("", get().to(cohorts::index))
            .route("", post().to(cohorts::create))
            .route("/{id}", get().to(cohorts::show))
            .route("/{id}", post().to(cohorts::update))
            .route("/{id}/schedule/{module_id}", post().to(cohorts::reschedule))
            .route("/{id}/cotrainers", post().to(cohorts::cotrainers))
            .route("/{id}/live-sessions", post().to(cohorts::live_sessions))
            .route("/{id}/enrollments/preview", post().to(cohorts::preview))
            .route("/{id}/enrollments", post().to(cohorts::enroll)),
    );
}

/// `/experts`: the expert directory.
fn experts_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        scope("/experts")
            .route("", get().to(experts::index))
            .route("/me", get().to(experts::me))
            .route("/me", post().to(experts::save))
            .route("/me/withdraw", post().to(experts::withdraw))
            .route("/roles", post().to(experts::grant))
            .route("/{id}", get().to(experts::show))
            .route("/{id}/contact", post().to(experts::contact)),
    );
}

/// `/events`: live sessions and community events, registration, the owner's planning.
fn events_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        scope("/events")
            .route("", get().to(events::index))
            .route("", post().to(events::create))
            .route("/new", get().to(events::new))
            .route("/guests/{link}", get().to(event_guests::place))
            .route("/guests/{link}/confirm", post().to(event_guests::confirm))
            .route("/guests/{link}/cancel", post().to(event_guests::cancel))
            .route("/{id}/guest", get().to(event_guests::show))
            .route("/{id}/guest", post().to(event_guests::ask))
            .route("/{id}", get().to(events::show))
            .route("/{id}", post().to(events::update))
            .route("/{id}/cancel", post().to(events::cancel))
            .route("/{id}/register", post().to(events::register))
            .route("/{id}/leave", post().to(events::leave))
            .route("/{id}/attendance", post().to(event_attendance::roll_call))
            .route(
                "/{id}/attendance/import",
                post().to(event_attendance::import),
            )
            .route("/{id}/code", get().to(event_attendance::code))
            .route(
                "/{id}/attendance/download",
                get().to(event_attendance::download),
            )
            .route("/{id}/check-in", post().to(event_attendance::check_in)),
    );
}

/// `/apply` and `/applications`: applying for a cohort program, the manager's page, and the
/// program lead's list with its decisions.
fn applications_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        scope("/apply")
            .route("/{slug}", get().to(applications::form))
            .route("/{slug}", post().to(applications::apply)),
    )
    .service(
        scope("/applications")
            .route("", get().to(applications::index))
            .route("/bulk", post().to(applications::bulk))
            .route("/{id}/decision", post().to(applications::decide))
            .route("/{id}/manager", get().to(applications::manager))
            .route("/{id}/manager", post().to(applications::manager_decide)),
    );
}

/// `/enrollments`: one enrollment's page; moving, withdrawing and extending it.
fn enrollments_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        scope("/enrollments")
            .route("/{id}", get().to(enrollments::enrollment_page))
            .route("/{id}/move", post().to(enrollments::move_enrollment))
            .route("/{id}/withdraw", post().to(enrollments::withdraw))
            .route("/{id}/extensions", post().to(enrollments::extend)),
    );
}

/// `/reports`: the report page and downloads, the impact report.
fn reports_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        scope("/reports")
            .route("", get().to(reports::index))
            .route("/download", get().to(reports::download))
            .route("/impact", get().to(impact::page))
            .route("/impact/download", get().to(impact::download)),
    );
}

/// `/grading`: the co-trainer pool and rebalancing.
fn grading_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        scope("/grading")
            .route("", get().to(grading::index))
            .route("/pool", post().to(grading::add))
            .route("/pool/{person}", post().to(grading::update))
            .route("/cotrainers/{person}", get().to(grading::cotrainer))
            .route("/calibration/{person}", get().to(calibration::owner))
            .route(
                "/cotrainers/{person}/rebalance",
                post().to(grading::rebalance),
            ),
    );
}

/// `/mail`: the outbox and retrying a mail.
fn mail_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        scope("/mail")
            .route("", get().to(mail::index))
            .route("/{id}/retry", post().to(mail::retry)),
    );
}

/// `/certificates`: the register, issuing by hand, one certificate and its PDF, credential,
/// revocation and reissue.
fn certificates_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        scope("/certificates")
            .route("", get().to(certificates::index))
            .route("/issue", post().to(certificates::issue_by_hand))
            .route("/{id}", get().to(certificates::show))
            .route("/{id}/pdf", get().to(certificates::pdf))
            .route("/{id}/credential", get().to(certificates::credential))
            .route("/{id}/badge.{ext}", get().to(certificates::baked_badge))
            .route("/{id}/revoke", post().to(certificates::revoke))
            .route("/{id}/reissue", post().to(certificates::reissue)),
    );
}

/// `/unsubscribe`: the one-click unsubscribe page and its confirmation.
fn unsubscribe_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        scope("/unsubscribe")
            .route("/{token}", get().to(unsubscribe::confirm))
            .route("/{token}", post().to(unsubscribe::apply)),
    );
}

/// A refusal as a page, where no form is shown again: the error page with the refusal's status
/// and its text in the visitor's language (the error-page middleware renders it).
pub fn refused(refusal: &crate::error::Refusal) -> actix_web::HttpResponse {
    let detail = match &refusal.detail {
        Some(value) => format!("{}\u{1f}{value}", refusal.key),
        None => refusal.key.to_string(),
    };
    let mut response = crate::error::problem_response(refusal.status, "", Some(&detail));
    response
        .extensions_mut()
        .insert(crate::error::ErrorDetail(Some(detail)));
    response
}
