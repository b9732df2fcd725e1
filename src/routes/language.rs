//! `POST /language`: keeps a visitor's language choice in a cookie and returns to the page.

use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::domain::language::Language;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::i18n::LANG_COOKIE;

use crate::web::http::safe_next;

/// The language switch form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SwitchForm {
    lang: String,
    #[serde(default)]
    next: String,
}

/// Stores the choice and redirects back.
pub async fn switch(
    state: web::Data<AppState>,
    form: web::Form<SwitchForm>,
) -> Result<HttpResponse, AppError> {
    let lang = Language::parse(&form.lang)
        .ok_or_else(|| AppError::BadRequest("unknown language".into()))?;
    let cookie = Cookie::build(LANG_COOKIE, lang.code())
        .path("/")
        .http_only(true)
        .secure(state.settings.is_https())
        .same_site(SameSite::Lax)
        .max_age(Duration::days(365))
        .finish();
    Ok(HttpResponse::SeeOther()
        .insert_header(("Location", safe_next(&form.next)))
        .cookie(cookie)
        .finish())
}
