//! Turns every 4xx/5xx response into its final form: a localised HTML error page, or a
//! localised `application/problem+json` document under `/api/`. Internals never reach the user.

use actix_web::body::MessageBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use actix_web::{HttpResponse, web};

use crate::error::{ErrorDetail, InputLocation, problem_body, problem_document};
use crate::web::i18n::{request_language, t};
use crate::web::templates::{Page, Templates};

/// The middleware that renders error responses.
pub fn error_handlers<B: MessageBody + 'static>() -> ErrorHandlers<B> {
    ErrorHandlers::new().default_handler(render)
}

/// A detail that is a message key (optionally followed by U+001F and a value to show) is
/// translated; any other detail is shown as it is.
pub fn localise_detail(lang: crate::domain::language::Language, detail: &str) -> String {
    use fluent_templates::Loader;
    let (key, extra) = match detail.split_once('\u{1f}') {
        Some((key, extra)) => (key, Some(extra)),
        None => (detail, None),
    };
    match crate::web::i18n::LOCALES.try_lookup(&crate::web::i18n::lang_id(lang), key) {
        Some(text) => match extra {
            Some(extra) => format!("{text}: {extra}"),
            None => text,
        },
        None => detail.replace('\u{1f}', ": "),
    }
}

fn title_key(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 | 422 => "error-400",
        401 => "error-401",
        403 => "error-403",
        404 | 405 => "error-404",
        409 => "error-409",
        413 => "error-413",
        429 => "error-429",
        503 => "error-503",
        s if s < 500 => "error-400",
        _ => "error-500",
    }
}

fn render<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let status = res.status();
    let content_type = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    // Only bare errors are dressed: pages that render their own error (a form shown again with
    // its messages) and deliberate JSON answers such as /healthz stay as they are.
    let from_app_error = res.response().extensions().get::<ErrorDetail>().is_some();
    let bare = content_type.is_empty()
        || content_type.starts_with("text/plain")
        || (content_type.starts_with("application/problem+json") && from_app_error);
    if !bare || !(status.is_client_error() || status.is_server_error()) {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let req = res.request().clone();
    let detail = res
        .response()
        .extensions()
        .get::<ErrorDetail>()
        .and_then(|d| d.0.clone());
    let lang = request_language(&req);
    let title = t(lang, title_key(status));
    let detail = detail.map(|d| localise_detail(lang, &d));
    let mut response = if req.path().starts_with("/api/") {
        let title = match status.as_u16() {
            422 => t(lang, "error-422"),
            _ => title,
        };
        let mut body = problem_body(status, &title, detail.as_deref());
        if let Some(at) = res.response().extensions().get::<InputLocation>() {
            body["errors"] = serde_json::json!([at.problem_entry(detail.as_deref().unwrap_or(""))]);
        }
        problem_document(status, body)
    } else {
        let page = Page::new(&req, "errors/error.html")
            .with("status", &status.as_u16())
            .with("title", &title)
            .with("message", &t(lang, &format!("{}-text", title_key(status))))
            .with("detail", &detail)
            .status(status);
        match req
            .app_data::<web::Data<Templates>>()
            .map(|templates| page.render(templates))
        {
            Some(Ok(html)) => html,
            _ => HttpResponse::build(status)
                .content_type("text/plain; charset=utf-8")
                .body(title),
        }
    };
    for name in [header::RETRY_AFTER, header::WWW_AUTHENTICATE, header::ALLOW] {
        if let Some(value) = res.headers().get(&name) {
            response.headers_mut().insert(name, value.clone());
        }
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(ErrorHandlerResponse::Response(
        res.into_response(response).map_into_right_body(),
    ))
}
