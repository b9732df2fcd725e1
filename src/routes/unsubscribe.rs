//! `/unsubscribe/{token}`: the one-click unsubscribe of a mail kind (RFC 8058). The signed
//! token is the authority, so mail clients may POST without a session or form token; a GET
//! shows a confirmation page and never changes anything.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::error::AppError;
use crate::mail::preferences::{self, TokenError, check};
use crate::state::AppState;
use crate::web::templates::Page;

fn checked(
    state: &AppState,
    token: &str,
) -> Result<(crate::domain::ids::PersonId, String), StatusCode> {
    check(&state.settings.secret_key, token, state.clock.now_naive()).map_err(|e| match e {
        TokenError::Expired => StatusCode::GONE,
        TokenError::Invalid => StatusCode::NOT_FOUND,
    })
}

/// `GET /unsubscribe/{token}`: asks for confirmation.
pub async fn confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(&req, "unsubscribe.html");
    match checked(&state, &token) {
        Ok((_, kind)) => page
            .with("kind", &kind)
            .with("token", &token.into_inner())
            .render(&state.templates),
        Err(status) => page
            .with(
                "problem",
                if status == StatusCode::GONE {
                    "unsubscribe-expired"
                } else {
                    "unsubscribe-invalid"
                },
            )
            .status(status)
            .render(&state.templates),
    }
}

/// `POST /unsubscribe/{token}`: switches the kind off (also the RFC 8058 one-click POST).
pub async fn apply(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(&req, "unsubscribe.html");
    let (person, kind) = match checked(&state, &token) {
        Ok(v) => v,
        Err(status) => {
            return page
                .with(
                    "problem",
                    if status == StatusCode::GONE {
                        "unsubscribe-expired"
                    } else {
                        "unsubscribe-invalid"
                    },
                )
                .status(status)
                .render(&state.templates);
        }
    };
    let now = state.clock.now_naive();
    let k = kind.clone();
    crate::db::run(&state.pool, move |conn| {
        preferences::unsubscribe(conn, &person, &k, now)
    })
    .await?;
    page.with("kind", &kind)
        .with("done", &true)
        .render(&state.templates)
}
