//! `/me`: the signed-in person's profile, password, API tokens, and "sign out everywhere".

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::profile::{self, ProfileForm};
use crate::accounts::{SignedIn, session, sign_in};
use crate::domain::ids::ApiTokenId;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::http::see_other;
use crate::web::templates::Page;

/// Time zones offered in the profile form.
pub const TIME_ZONES: &[&str] = &[
    "Europe/Berlin",
    "Europe/Vienna",
    "Europe/Zurich",
    "Europe/London",
    "Europe/Paris",
    "Europe/Madrid",
    "Europe/Warsaw",
    "Europe/Lisbon",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Shanghai",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
    "UTC",
];

async fn render(
    req: &HttpRequest,
    state: &AppState,
    me: &SignedIn,
    form: &ProfileForm,
    extra: Option<(&'static str, serde_json::Value)>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let (id, person, now) = (
        me.0.person.id.clone(),
        me.0.person.clone(),
        state.clock.now_naive(),
    );
    let (tokens, has_calendar, cotrainer, mail) = crate::db::run(&state.pool, move |conn| {
        let cotrainer = match crate::grading::pool::profile(conn, &id) {
            Ok(p) => Some(p),
            Err(AppError::NotFound) => None,
            Err(e) => return Err(e),
        };
        Ok((
            profile::tokens(conn, &person, now)?,
            crate::submissions::calendar::exists(conn, &id)?,
            cotrainer,
            crate::mail::preferences::get(conn, &id)?,
        ))
    })
    .await?;
    let mut page = Page::new(req, "profile/show.html")
        .with("form", form)
        .with("email", &me.0.person.email)
        .with("has_password", &me.0.person.password_hash.is_some())
        .with("tokens", &tokens)
        .with("has_calendar", &has_calendar)
        .with("cotrainer", &cotrainer)
        .with(
            "mail_kinds",
            &mail
                .iter()
                .map(|p| (p.kind.as_str(), p.enabled))
                .collect::<Vec<_>>(),
        )
        .with("time_zones", TIME_ZONES)
        .status(status);
    if let Some((key, value)) = extra {
        page = page.with(key, &value);
    }
    page.render(&state.templates)
}

fn form_of(me: &SignedIn) -> ProfileForm {
    let p = &me.0.person;
    ProfileForm {
        name: p.name.clone(),
        language: p.language.clone(),
        time_zone: p.time_zone.clone(),
        lock_version: p.lock_version,
    }
}

/// `GET /me`.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
) -> Result<HttpResponse, AppError> {
    let notice = req
        .uri()
        .query()
        .and_then(|q| q.strip_prefix("saved="))
        .map(|s| serde_json::json!(s));
    render(
        &req,
        &state,
        &me,
        &form_of(&me),
        notice.map(|n| ("notice", n)),
        StatusCode::OK,
    )
    .await
}

/// `POST /me`: saves the profile; wrong fields or a concurrent change show the form again with
/// what was typed.
pub async fn update(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    form: web::Form<ProfileForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let (id, now, submitted) = (
        me.0.person.id.clone(),
        state.clock.now_naive(),
        form.clone(),
    );
    let outcome = crate::db::run(&state.pool, move |conn| {
        profile::update(conn, &id, &submitted, now)
    })
    .await?;
    let Err(refusal) = outcome else {
        return Ok(see_other("/me?saved=profile"));
    };
    // A change made meanwhile shows the form as typed with a note; wrong fields are listed.
    let shown = match refusal.fields.is_empty() {
        true => ("conflict", serde_json::json!(true)),
        false => ("errors", serde_json::json!(refusal.fields)),
    };
    render(&req, &state, &me, &form, Some(shown), refusal.status).await
}

/// The password form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordForm {
    password: String,
    #[serde(default)]
    current_password: String,
}

/// `POST /me/password`.
pub async fn set_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let change = profile::PasswordChange {
        current: form.current_password,
        new: form.password,
    };
    let now = state.clock.now_naive();
    match profile::set_password(&state.pool, &state.composer, &me.0, change, now).await? {
        Ok(()) => Ok(see_other("/me?saved=password")),
        Err(refusal) => {
            let error = serde_json::json!(refusal.problems()[0]);
            render(
                &req,
                &state,
                &me,
                &form_of(&me),
                Some(("password_error", error)),
                refusal.status,
            )
            .await
        }
    }
}

/// The new-token form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenForm {
    name: String,
    #[serde(default)]
    days: Option<String>,
    #[serde(default)]
    current_password: String,
}

/// `POST /me/tokens`: shows the new token once.
pub async fn create_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    form: web::Form<TokenForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let days = match form.days.as_deref().map(str::trim) {
        None | Some("") => profile::TOKEN_DAYS.0,
        // A number out of range is refused with the field; text is not a number of days.
        Some(text) => text.parse().unwrap_or(0),
    };
    let typed = serde_json::json!({ "name": form.name, "days": form.days });
    let request = profile::TokenRequest {
        name: form.name,
        days,
        current_password: form.current_password,
    };
    let now = state.clock.now_naive();
    let (key, value, status) =
        match profile::create_confirmed_token(&state.pool, &me.0, request, now).await? {
            Ok(token) => ("new_token", serde_json::json!(token), StatusCode::OK),
            Err(refusal) => (
                "token_error",
                serde_json::json!({ "problem": refusal.problems()[0], "typed": typed }),
                refusal.status,
            ),
        };
    let mut response = render(&req, &state, &me, &form_of(&me), Some((key, value)), status).await?;
    response.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// `POST /me/tokens/{id}/revoke`.
pub async fn revoke_token(
    state: web::Data<AppState>,
    me: SignedIn,
    token_id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (id, now) = (me.0.person.id.clone(), state.clock.now_naive());
    let token_id = ApiTokenId(token_id.into_inner());
    crate::db::run(&state.pool, move |conn| {
        profile::revoke_token(conn, &id, &token_id, now)
    })
    .await?;
    Ok(see_other("/me?saved=token"))
}

/// `POST /me/sign-out-everywhere`: ends every session, this one included.
pub async fn sign_out_everywhere(
    state: web::Data<AppState>,
    me: SignedIn,
) -> Result<HttpResponse, AppError> {
    let (id, now) = (me.0.person.id.clone(), state.clock.now_naive());
    crate::db::run(&state.pool, move |conn| {
        sign_in::sign_out_everywhere(conn, &id, now)
    })
    .await?;
    let mut response = see_other("/sign-in");
    let _ = response.add_cookie(&session::removal(&state.settings));
    Ok(response)
}

/// The profile page with one extra value (a token or URL shown once).
pub async fn show_with(
    req: &HttpRequest,
    state: &AppState,
    me: &SignedIn,
    extra: (&'static str, serde_json::Value),
) -> Result<HttpResponse, AppError> {
    let mut response = render(req, state, me, &form_of(me), Some(extra), StatusCode::OK).await?;
    response.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// `POST /me/cotrainer`: join, change or pause one's place in the co-trainer pool.
pub async fn cotrainer(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    form: web::Form<super::grading::PoolForm>,
) -> Result<HttpResponse, AppError> {
    let input = form.into_inner().input();
    let (actor, composer, now) = (
        me.0.clone(),
        state.composer.clone(),
        state.clock.now_naive(),
    );
    let sent = input.clone();
    let outcome = crate::db::run(&state.pool, move |conn| {
        let target = actor.person.id.clone();
        crate::grading::pool::update(conn, &composer, &actor, &target, &sent, now)
    })
    .await?;
    match outcome {
        Ok(_) => Ok(see_other("/me?saved=cotrainer#cotrainer-title")),
        Err(refusal) => {
            let extra = serde_json::json!({ "problems": refusal.problems(), "typed": input });
            render(
                &req,
                &state,
                &me,
                &form_of(&me),
                Some(("cotrainer_error", extra)),
                refusal.status,
            )
            .await
        }
    }
}

/// `POST /me/mail-preferences`: the kinds of mail to receive (checked boxes); the rest are off.
pub async fn mail_preferences(
    state: web::Data<AppState>,
    me: SignedIn,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    use crate::mail::preferences::{self, KINDS, MailPreference};
    let on: Vec<String> = form.into_inner().into_iter().map(|(k, _)| k).collect();
    if let Some(unknown) = on.iter().find(|k| !KINDS.contains(&k.as_str())) {
        return Err(AppError::BadRequest(format!("unknown mail kind {unknown}")));
    }
    let choices: Vec<MailPreference> = KINDS
        .iter()
        .map(|kind| MailPreference {
            kind: kind.to_string(),
            enabled: on.iter().any(|k| k == kind),
        })
        .collect();
    let (person, now) = (me.0.person.id.clone(), state.clock.now_naive());
    crate::db::run(&state.pool, move |conn| {
        preferences::set(conn, &person, &choices, now)
    })
    .await?;
    Ok(see_other("/me?saved=mail#mail-title"))
}
