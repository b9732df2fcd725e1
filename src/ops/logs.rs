//! Logging set-up: human-readable lines, JSON with `QUALIFY_LOG_FORMAT=json`. Colours only
//! when the log goes to a terminal (and `NO_COLOR` is unset), so a log file holds plain text.

use actix_web::HttpMessage;
use tracing_subscriber::EnvFilter;

/// Installs the global subscriber once; later calls do nothing.
pub fn init(filter: &str) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let json = std::env::var("QUALIFY_LOG_FORMAT").is_ok_and(|v| v == "json");
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(colours())
        .with_target(false);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.compact().try_init()
    };
}

/// Whether log lines may carry colour codes: the log goes to a terminal and `NO_COLOR` is
/// not set.
fn colours() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Request spans that name the matched route pattern (`/sign-in/link/{token}`), never the raw
/// path, so tokens in URLs stay out of the logs.
pub struct RedactedRootSpan;

impl tracing_actix_web::RootSpanBuilder for RedactedRootSpan {
    fn on_request_start(request: &actix_web::dev::ServiceRequest) -> tracing::Span {
        // Matching the path against every route is not free: once per request, kept for the
        // end (metrics) in the request's extensions.
        let route = request
            .match_pattern()
            .unwrap_or_else(|| "unmatched".into());
        let span = tracing::info_span!(
            "request",
            method = %request.method(),
            route = %route,
            status = tracing::field::Empty,
            request_id = %uuid::Uuid::new_v4(),
        );
        request
            .extensions_mut()
            .insert(Started(std::time::Instant::now(), route));
        span
    }

    fn on_request_end<B: actix_web::body::MessageBody>(
        span: tracing::Span,
        outcome: &Result<actix_web::dev::ServiceResponse<B>, actix_web::Error>,
    ) {
        let response = match outcome {
            Ok(response) => response,
            Err(error) => {
                span.in_scope(|| tracing::error!(error = ?error, "request failed"));
                return;
            }
        };
        let status = response.status().as_u16();
        span.record("status", status);
        let request = response.request();
        let (took, route) = match request.extensions_mut().remove::<Started>() {
            Some(Started(at, route)) => (at.elapsed(), route),
            None => (std::time::Duration::ZERO, "unmatched".into()),
        };
        let matched = route != "unmatched";
        crate::ops::metrics::request(request.method().as_str(), route, status, took);
        // One line per request: request id, method and route pattern come from the span.
        span.in_scope(|| {
            tracing::info!(status, duration_ms = took.as_secs_f64() * 1000.0, "request");
            if matches!(status, 403 | 404) && matched {
                log_refused_access(request);
            }
            // A server error that did not log itself (`AppError::Internal` does, with its
            // cause). Refusals are answers, and a redirect to sign in is no error at all
            // (tracing-actix-web's own event logged that at ERROR).
            if let Some(error) = response.response().error()
                && response.status().is_server_error()
                && error.as_error::<crate::error::AppError>().is_none()
            {
                tracing::error!(error = ?error, "request failed");
            }
        });
    }
}

/// A signed-in person refused a route's object (403, or 404 for what is not theirs): who, and
/// the ids in the path. Path parts named like a secret (`{token}`) are left out.
fn log_refused_access(request: &actix_web::HttpRequest) {
    let Some(person) = request.extensions().get::<Actor>().map(|a| a.0.clone()) else {
        return;
    };
    let objects: Vec<String> = request
        .match_info()
        .iter()
        .filter(|(name, _)| !name.contains("token"))
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
    tracing::warn!(person = %person, objects = %objects.join(" "), "access refused");
}

/// The signed-in person a request acts for (their id), put on the request at sign-in
/// resolution so that request logs can name them.
pub struct Actor(pub String);

/// When a request started, and its route pattern.
struct Started(std::time::Instant, String);
