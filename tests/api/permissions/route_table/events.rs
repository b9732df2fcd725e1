//! Rows of the permission table for live sessions: the list and a session's page for everyone
//! signed in (a session that is not theirs to see, or none, is not found), registering and
//! giving up a place likewise, and checking in; planning, changing and calling off for the
//! owner only; the roll call and the check-in code for hosts (a session's own test covers them);
//! a public session's guest pages for anyone, a link that is none not found.

use crate::support::permission_table::{Case, Expect, api_case, case, form_case};
use Expect::{SignIn, Status};

/// The live-session rows of the API: anonymous callers get 401, a session that is none (or
/// not the caller's) 404.
fn api_cases() -> Vec<Case> {
    let (ok, s401, s404) = (Status(200), Status(401), Status(404));
    let none = [s401, s404, s404];
    let nope = |tail: &str| format!("/api/v1/events/nope{tail}");
    vec![
        case("GET", "/events", "/api/v1/events", [s401, ok, ok]),
        case("GET", "/events/{event_id}", "/api/v1/events/nope", none),
        api_case(
            "POST",
            "/events/{event_id}/registration",
            nope("/registration"),
            serde_json::json!({}),
            none,
        ),
        api_case(
            "DELETE",
            "/events/{event_id}/registration",
            nope("/registration"),
            serde_json::json!({}),
            none,
        ),
        api_case(
            "POST",
            "/events/{event_id}/check-in",
            nope("/check-in"),
            serde_json::json!({"code": "1"}),
            none,
        ),
        case(
            "GET",
            "/events/{event_id}/attendance",
            "/api/v1/events/nope/attendance",
            none,
        ),
        api_case(
            "POST",
            "/events/{event_id}/attendance",
            nope("/attendance"),
            serde_json::json!({"marks": []}),
            none,
        ),
        api_case(
            "POST",
            "/events/{event_id}/attendance/import",
            nope("/attendance/import"),
            serde_json::json!({}),
            none,
        ),
        api_case(
            "POST",
            "/events",
            "/api/v1/events".into(),
            serde_json::json!({"title_de": ""}),
            [s401, Status(403), Status(422)],
        ),
        api_case(
            "PUT",
            "/events/{event_id}",
            nope(""),
            serde_json::json!({"lock_version": 1}),
            [s401, Status(403), s404],
        ),
        api_case(
            "POST",
            "/events/{event_id}/cancel",
            nope("/cancel"),
            serde_json::json!({"lock_version": 1}),
            [s401, Status(403), s404],
        ),
    ]
}

/// The live-session rows.
pub fn event_cases() -> Vec<Case> {
    let (ok, s403, s404, s422) = (Status(200), Status(403), Status(404), Status(422));
    let lock = [("lock_version", "1")];
    let mut cases = api_cases();
    cases.extend([
        case("GET", "/events", "/events", [SignIn, ok, ok]),
        case("GET", "/events/new", "/events/new", [SignIn, s403, ok]),
        form_case(
            "/events",
            "/events".into(),
            &[("title_de", "")],
            [SignIn, s403, s422],
        ),
        case("GET", "/events/{id}", "/events/nope", [SignIn, s404, s404]),
        form_case(
            "/events/{id}",
            "/events/nope".into(),
            &lock,
            [SignIn, s403, s404],
        ),
        form_case(
            "/events/{id}/cancel",
            "/events/nope/cancel".into(),
            &lock,
            [SignIn, s403, s404],
        ),
        form_case(
            "/events/{id}/register",
            "/events/nope/register".into(),
            &[],
            [SignIn, s404, s404],
        ),
        form_case(
            "/events/{id}/leave",
            "/events/nope/leave".into(),
            &[],
            [SignIn, s404, s404],
        ),
        form_case(
            "/events/{id}/attendance",
            "/events/nope/attendance".into(),
            &[],
            [SignIn, s404, s404],
        ),
        case(
            "GET",
            "/events/{id}/code",
            "/events/nope/code",
            [SignIn, s404, s404],
        ),
        case(
            "GET",
            "/events/{id}/attendance/download",
            "/events/nope/attendance/download?format=xlsx",
            [SignIn, s404, s404],
        ),
        case(
            "GET",
            "/events/{id}/guest",
            "/events/nope/guest",
            [s404, s404, s404],
        ),
        form_case(
            "/events/{id}/guest",
            "/events/nope/guest".into(),
            &[("name", "Gina"), ("email", "gina@partner.example")],
            [s404, s404, s404],
        ),
        case(
            "GET",
            "/events/guests/{link}",
            "/events/guests/nope.sig",
            [s404, s404, s404],
        ),
        form_case(
            "/events/guests/{link}/confirm",
            "/events/guests/nope.sig/confirm".into(),
            &[],
            [s404, s404, s404],
        ),
        form_case(
            "/events/guests/{link}/cancel",
            "/events/guests/nope.sig/cancel".into(),
            &[],
            [s404, s404, s404],
        ),
        form_case(
            "/events/{id}/check-in",
            "/events/nope/check-in".into(),
            &[("code", "123456")],
            [SignIn, s404, s404],
        ),
    ]);
    cases
}
