//! Rows of the permission table for the public pages, sign-in, profiles, people, mail, cohorts,
//! enrollments and the trainees' work: what an anonymous visitor, a trainee and a program owner
//! may expect.

use qualify::domain::ids::{CohortId, PersonId};

use crate::support::permission_table::{Case, Expect, api_case, case, form_case};
use Expect::{SignIn, Status};

/// The rows of the public pages, accounts, cohorts and the trainees' work; `cohort`,
/// `other_trainee` and `other_token_id` are objects of the fixture that the trainee does not own.
pub fn cases(cohort: &CohortId, other_trainee: &PersonId, other_token_id: &str) -> Vec<Case> {
    let ok = Status(200);
    let mut cases = vec![
        case("GET", "/", "/", [ok, Status(303), Status(303)]),
        case("GET", "/program", "/program", [ok, ok, ok]),
        case("GET", "/healthz", "/healthz", [ok, ok, ok]),
        case(
            "GET",
            "/programs/{slug}",
            "/programs/community-manager",
            [ok, ok, ok],
        ),
        case(
            "GET",
            "/static/{path:.*}",
            "/static/css/qualify.css",
            [ok, ok, ok],
        ),
        case("GET", "/sign-in", "/sign-in", [ok, ok, ok]),
        case(
            "GET",
            "/sign-in/link/{token}",
            "/sign-in/link/unknown-token",
            [Status(410), Status(410), Status(410)],
        ),
        case("GET", "/signed-out", "/signed-out", [ok, ok, ok]),
        // No identity provider is configured in this fixture: single sign-on is off for all.
        case("GET", "/sign-in/sso", "/sign-in/sso", [Status(404); 3]),
        case(
            "GET",
            "/sign-in/sso/callback",
            "/sign-in/sso/callback?state=x&code=y",
            [Status(404); 3],
        ),
        case("GET", "/me", "/me", [SignIn, ok, ok]),
        case("GET", "/people", "/people", [SignIn, Status(403), ok]),
        case("GET", "/mail", "/mail", [SignIn, Status(403), ok]),
        case(
            "GET",
            "/api/openapi.json",
            "/api/openapi.json",
            [ok, ok, ok],
        ),
        case(
            "GET",
            "/programs/{program_id}",
            "/api/v1/programs/community-manager",
            [ok, ok, ok],
        ),
        case("GET", "/me", "/api/v1/me", [Status(401), ok, ok]),
        case(
            "GET",
            "/people",
            "/api/v1/people",
            [Status(401), Status(403), ok],
        ),
        case(
            "GET",
            "/outbox",
            "/api/v1/outbox",
            [Status(401), Status(403), ok],
        ),
        case(
            "POST",
            "/outbox/{mail_id}/retry",
            "/api/v1/outbox/no-such-mail/retry",
            [Status(401), Status(403), Status(404)],
        ),
    ];
    cases.push(case(
        "GET",
        "/cohorts",
        "/cohorts",
        [SignIn, Status(403), ok],
    ));
    cases.push(case(
        "GET",
        "/cohorts/{id}",
        format!("/cohorts/{cohort}"),
        [SignIn, Status(404), ok],
    ));
    cases.push(case("GET", "/audit", "/audit", [SignIn, Status(403), ok]));
    cases.push(case(
        "GET",
        "/cohorts",
        "/api/v1/cohorts",
        [Status(401), Status(403), ok],
    ));
    cases.push(case(
        "GET",
        "/cohorts/{cohort_id}",
        format!("/api/v1/cohorts/{cohort}"),
        [Status(401), Status(404), ok],
    ));
    cases.push(case(
        "GET",
        "/audit",
        "/api/v1/audit",
        [Status(401), Status(403), ok],
    ));
    cases.push(form_case(
        "/language",
        "/language".into(),
        &[("lang", "de")],
        [Status(303), Status(303), Status(303)],
    ));
    cases.push(form_case(
        "/sign-in/link",
        "/sign-in/link".into(),
        &[("email", "nobody@example.com")],
        [ok, ok, ok],
    ));
    cases.push(form_case(
        "/sign-in/confirm",
        "/sign-in/confirm".into(),
        &[("token", "unknown")],
        [Status(410), Status(410), Status(410)],
    ));
    cases.push(form_case(
        "/sign-in/password",
        "/sign-in/password".into(),
        &[
            ("email", "nobody@example.com"),
            ("password", "wrong wrong wrong"),
        ],
        [Status(401), Status(401), Status(401)],
    ));
    cases.push(form_case(
        "/me",
        "/me".into(),
        &[
            ("name", "Changed"),
            ("language", "en"),
            ("time_zone", "UTC"),
            ("lock_version", "1"),
        ],
        [SignIn, Status(303), Status(303)],
    ));
    cases.push(form_case(
        "/me/password",
        "/me/password".into(),
        &[("password", "short")],
        [SignIn, Status(422), Status(422)],
    ));
    cases.push(form_case(
        "/me/tokens",
        "/me/tokens".into(),
        &[("name", "t")],
        [SignIn, ok, ok],
    ));
    // Someone else's token: not found, whoever asks.
    cases.push(form_case(
        "/me/tokens/{id}/revoke",
        format!("/me/tokens/{other_token_id}/revoke"),
        &[],
        [SignIn, Status(404), Status(404)],
    ));
    cases.push(form_case(
        "/people/invite",
        "/people/invite".into(),
        &[("people", "new.person@example.com")],
        [SignIn, Status(403), ok],
    ));
    cases.push(form_case(
        "/people/{id}",
        format!("/people/{other_trainee}"),
        &[("owner", "grant")],
        [SignIn, Status(403), Status(303)],
    ));
    cases.push(form_case(
        "/mail/{id}/retry",
        "/mail/no-such-mail/retry".into(),
        &[],
        [SignIn, Status(403), Status(404)],
    ));
    cases.push(api_case(
        "POST",
        "/people/invitations",
        "/api/v1/people/invitations".into(),
        serde_json::json!({ "people": [{ "email": "api.invite@example.com" }] }),
        [Status(401), Status(403), ok],
    ));
    cases.push(api_case(
        "POST",
        "/people/sync",
        "/api/v1/people/sync".into(),
        serde_json::json!({}),
        [Status(401), Status(403), Status(422)],
    ));
    // SCIM answers only its own token: a session or a personal API token opens nothing.
    cases.push(case(
        "GET",
        "/scim/v2/{path:.*}",
        "/scim/v2/Users",
        [Status(401), Status(401), Status(401)],
    ));
    cases.push(form_case(
        "/scim/v2/{path:.*}",
        "/scim/v2/Users".into(),
        &[("userName", "x@example.com")],
        [Status(401), Status(401), Status(401)],
    ));
    cases.push(api_case(
        "PATCH",
        "/people/{person_id}",
        format!("/api/v1/people/{other_trainee}"),
        serde_json::json!({ "status": "active" }),
        [Status(401), Status(403), Status(204)],
    ));
    cases.push(api_case(
        "PATCH",
        "/people/{person_id}",
        "/api/v1/people/no-such-person".into(),
        serde_json::json!({ "status": "active" }),
        [Status(401), Status(403), Status(404)],
    ));

    cases.push(case("GET", "/learn", "/learn", [SignIn, ok, ok]));
    cases.push(case(
        "GET",
        "/learn/{enrollment}/modules/{module}",
        "/learn/no-such-enrollment/modules/purpose",
        [SignIn, Status(404), Status(404)],
    ));
    cases.push(case(
        "GET",
        "/learn/{enrollment}/assignments/{assignment}",
        "/learn/no-such-enrollment/assignments/purpose-canvas",
        [SignIn, Status(404), Status(404)],
    ));
    cases.push(form_case(
        "/learn/{enrollment}/assignments/{assignment}",
        "/learn/no-such-enrollment/assignments/purpose-canvas".into(),
        &[("body", "x"), ("lock_version", "1"), ("action", "save")],
        [SignIn, Status(404), Status(404)],
    ));
    cases.push(form_case(
        "/learn/{enrollment}/assignments/{assignment}/withdraw",
        "/learn/no-such-enrollment/assignments/purpose-canvas/withdraw".into(),
        &[],
        [SignIn, Status(404), Status(404)],
    ));
    cases.push(case(
        "GET",
        "/me/progress",
        "/api/v1/me/progress",
        [Status(401), ok, ok],
    ));
    cases.push(case(
        "GET",
        "/me/assignments",
        "/api/v1/me/assignments",
        [Status(401), ok, ok],
    ));
    cases.push(case(
        "GET",
        "/enrollments/{enrollment_id}/assignments/{assignment_id}",
        "/api/v1/enrollments/nope/assignments/purpose-canvas",
        [Status(401), Status(404), Status(404)],
    ));
    cases.push(api_case(
        "PUT",
        "/enrollments/{enrollment_id}/assignments/{assignment_id}/draft",
        "/api/v1/enrollments/nope/assignments/purpose-canvas/draft".into(),
        serde_json::json!({ "body": "x", "lock_version": 1 }),
        [Status(401), Status(404), Status(404)],
    ));
    cases.push(api_case(
        "POST",
        "/enrollments/{enrollment_id}/assignments/{assignment_id}/submission",
        "/api/v1/enrollments/nope/assignments/purpose-canvas/submission".into(),
        serde_json::json!({ "body": "x", "lock_version": 1 }),
        [Status(401), Status(404), Status(404)],
    ));
    cases.push(form_case(
        "/enrollments/{enrollment_id}/assignments/{assignment_id}/withdraw",
        "/api/v1/enrollments/nope/assignments/purpose-canvas/withdraw".into(),
        &[],
        [Status(401), Status(404), Status(404)],
    ));
    cases.push(form_case(
        "/enrollments/{id}/extensions",
        "/enrollments/nope/extensions".into(),
        &[
            ("assignment", "purpose-canvas"),
            ("until", "2027-01-01"),
            ("reason", "r"),
        ],
        [SignIn, Status(403), Status(404)],
    ));
    cases.push(case(
        "GET",
        "/calendar/{token}",
        "/calendar/unknown.ics",
        [Status(404), Status(404), Status(404)],
    ));
    cases.push(form_case(
        "/me/calendar",
        "/me/calendar".into(),
        &[],
        [SignIn, ok, ok],
    ));
    cases.push(form_case(
        "/me/calendar/revoke",
        "/me/calendar/revoke".into(),
        &[],
        [SignIn, Status(303), Status(303)],
    ));
    cases.push(case(
        "GET",
        "/attachments/{id}",
        "/attachments/no-such-file",
        [SignIn, Status(404), Status(404)],
    ));
    cases.push(form_case(
        "/learn/{enrollment}/assignments/{assignment}/attachments/{id}/delete",
        "/learn/nope/assignments/purpose-canvas/attachments/no-such-file/delete".into(),
        &[],
        [SignIn, Status(404), Status(404)],
    ));
    cases.push(case(
        "GET",
        "/attachments/{attachment_id}",
        "/api/v1/attachments/no-such-file",
        [Status(401), Status(404), Status(404)],
    ));
    cases.push(api_case(
        "POST",
        "/cohorts",
        "/api/v1/cohorts".into(),
        serde_json::json!({ "name": "A", "starts_on": "2027-01-01", "time_zone": "UTC" }),
        [Status(401), Status(403), Status(201)],
    ));
    cases.push(api_case(
        "PATCH",
        "/cohorts/{cohort_id}",
        "/api/v1/cohorts/no-such-cohort".into(),
        serde_json::json!({ "lock_version": 1, "name": "x" }),
        [Status(401), Status(403), Status(404)],
    ));
    cases.push(api_case(
        "POST",
        "/cohorts/{cohort_id}/enrollments",
        format!("/api/v1/cohorts/{cohort}/enrollments"),
        serde_json::json!({ "text": "q@example.com", "dryRun": true }),
        [Status(401), Status(403), ok],
    ));
    cases.push(api_case(
        "PUT",
        "/cohorts/{cohort_id}/cotrainers",
        "/api/v1/cohorts/no-such-cohort/cotrainers".into(),
        serde_json::json!({ "emails": [] }),
        [Status(401), Status(403), Status(404)],
    ));
    cases.push(api_case(
        "POST",
        "/enrollments/{enrollment_id}/move",
        "/api/v1/enrollments/nope/move".into(),
        serde_json::json!({ "cohort_id": "x" }),
        [Status(401), Status(403), Status(404)],
    ));
    cases.push(api_case(
        "POST",
        "/enrollments/{enrollment_id}/withdraw",
        "/api/v1/enrollments/nope/withdraw".into(),
        serde_json::json!({}),
        [Status(401), Status(403), Status(404)],
    ));
    cases.push(form_case(
        "/cohorts",
        "/cohorts".into(),
        &[
            ("name", "New"),
            ("starts_on", "2027-01-01"),
            ("time_zone", "UTC"),
        ],
        [SignIn, Status(403), Status(303)],
    ));
    cases.push(form_case(
        "/cohorts/{id}",
        format!("/cohorts/{cohort}"),
        &[("name", "Renamed"), ("lock_version", "1")],
        [SignIn, Status(403), Status(303)],
    ));
    cases.push(form_case(
        "/cohorts/{id}/schedule/{module_id}",
        format!("/cohorts/{cohort}/schedule/no-such-module"),
        &[
            ("unlock_on", "2027-01-01"),
            ("due_on", "2027-01-02"),
            ("lock_version", "1"),
        ],
        [SignIn, Status(403), Status(404)],
    ));
    cases.push(form_case(
        "/cohorts/{id}/cotrainers",
        format!("/cohorts/{cohort}/cotrainers"),
        &[("emails", "")],
        [SignIn, Status(403), Status(303)],
    ));
    cases.push(form_case(
        "/cohorts/{id}/live-sessions",
        format!("/cohorts/{cohort}/live-sessions"),
        &[],
        [SignIn, Status(403), Status(303)],
    ));
    cases.push(form_case(
        "/cohorts/{id}/enrollments/preview",
        format!("/cohorts/{cohort}/enrollments/preview"),
        &[("people", "p@example.com")],
        [SignIn, Status(403), ok],
    ));
    cases.push(form_case(
        "/cohorts/{id}/enrollments",
        format!("/cohorts/{cohort}/enrollments"),
        &[("people", "p@example.com")],
        [SignIn, Status(403), ok],
    ));
    cases.push(case(
        "GET",
        "/enrollments/{id}",
        "/enrollments/no-such-enrollment",
        [SignIn, Status(403), Status(404)],
    ));
    cases.push(form_case(
        "/enrollments/{id}/move",
        "/enrollments/no-such-enrollment/move".into(),
        &[("cohort_id", cohort.as_str())],
        [SignIn, Status(403), Status(404)],
    ));
    cases.push(form_case(
        "/enrollments/{id}/withdraw",
        "/enrollments/no-such-enrollment/withdraw".into(),
        &[],
        [SignIn, Status(403), Status(404)],
    ));
    cases
}
