//! The HTML front door: one file per resource. Handlers parse, authorize, call the area's use
//! case, and render.

mod assets;
mod health;
mod language;
mod program;

use actix_web::web;

/// Registers every HTML route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(health::healthz))
        .route("/", web::get().to(program::home))
        .route("/programs/{slug}", web::get().to(program::show))
        .route("/language", web::post().to(language::switch))
        .route("/static/{path:.*}", web::get().to(assets::serve));
}
