//! Rows of the permission table for the public pages, sign-in, profiles, people, mail, cohorts,
//! enrollments and the trainees' work: what an anonymous visitor, a trainee and a program owner
//! may expect.

use qualify::domain::ids::{CohortId, PersonId};

use crate::support::permission_table::{Case, Expect, case};
use Expect::{SignIn, Status};

/// The rows of the public pages, accounts, cohorts and the trainees' work; `cohort`,
/// `other_trainee` and `other_token_id` are objects of the fixture that the trainee does not own.
pub fn cases(cohort: &CohortId, other_trainee: &PersonId, other_token_id: &str) -> Vec<Case> {
    let ok = Status(200);
    let mut cases = vec![
        case("GET", "/", "/", [ok, ok, ok]),
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
    let mut post = |pattern, path: String, form: Vec<(&'static str, String)>, expect| {
        cases.push(Case {
            method: "POST",
            pattern,
            path,
            form,
            json: None,
            expect,
        });
    };
    post(
        "/language",
        "/language".into(),
        vec![("lang", "de".into())],
        [Status(303), Status(303), Status(303)],
    );
    post(
        "/sign-in/link",
        "/sign-in/link".into(),
        vec![("email", "nobody@example.com".into())],
        [ok, ok, ok],
    );
    post(
        "/sign-in/confirm",
        "/sign-in/confirm".into(),
        vec![("token", "unknown".into())],
        [Status(410), Status(410), Status(410)],
    );
    post(
        "/sign-in/password",
        "/sign-in/password".into(),
        vec![
            ("email", "nobody@example.com".into()),
            ("password", "wrong wrong wrong".into()),
        ],
        [Status(401), Status(401), Status(401)],
    );
    post(
        "/me",
        "/me".into(),
        vec![
            ("name", "Changed".into()),
            ("language", "en".into()),
            ("time_zone", "UTC".into()),
            ("lock_version", "1".into()),
        ],
        [SignIn, Status(303), Status(303)],
    );
    post(
        "/me/password",
        "/me/password".into(),
        vec![("password", "short".into())],
        [SignIn, Status(422), Status(422)],
    );
    post(
        "/me/tokens",
        "/me/tokens".into(),
        vec![("name", "t".into())],
        [SignIn, ok, ok],
    );
    // Someone else's token: not found, whoever asks.
    post(
        "/me/tokens/{id}/revoke",
        format!("/me/tokens/{other_token_id}/revoke"),
        vec![],
        [SignIn, Status(404), Status(404)],
    );
    post(
        "/people/invite",
        "/people/invite".into(),
        vec![("people", "new.person@example.com".into())],
        [SignIn, Status(403), ok],
    );
    post(
        "/people/{id}",
        format!("/people/{other_trainee}"),
        vec![("owner", "grant".into())],
        [SignIn, Status(403), Status(303)],
    );
    post(
        "/mail/{id}/retry",
        "/mail/no-such-mail/retry".into(),
        vec![],
        [SignIn, Status(403), Status(404)],
    );
    cases.push(Case {
        method: "POST",
        pattern: "/people/invitations",
        path: "/api/v1/people/invitations".into(),
        form: vec![],
        json: Some(serde_json::json!({ "people": [{ "email": "api.invite@example.com" }] })),
        expect: [Status(401), Status(403), ok],
    });
    cases.push(Case {
        method: "PATCH",
        pattern: "/people/{person_id}",
        path: format!("/api/v1/people/{other_trainee}"),
        form: vec![],
        json: Some(serde_json::json!({ "status": "active" })),
        expect: [Status(401), Status(403), Status(204)],
    });
    cases.push(case(
        "PATCH",
        "/people/{person_id}",
        "/api/v1/people/no-such-person",
        [Status(401), Status(403), Status(404)],
    ));
    cases.last_mut().unwrap().json = Some(serde_json::json!({ "status": "active" }));

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
    cases.push(Case {
        method: "POST",
        pattern: "/learn/{enrollment}/assignments/{assignment}",
        path: "/learn/no-such-enrollment/assignments/purpose-canvas".into(),
        form: vec![
            ("body", "x".into()),
            ("lock_version", "1".into()),
            ("action", "save".into()),
        ],
        json: None,
        expect: [SignIn, Status(404), Status(404)],
    });
    cases.push(Case {
        method: "POST",
        pattern: "/learn/{enrollment}/assignments/{assignment}/withdraw",
        path: "/learn/no-such-enrollment/assignments/purpose-canvas/withdraw".into(),
        form: vec![],
        json: None,
        expect: [SignIn, Status(404), Status(404)],
    });
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
    cases.push(Case {
        method: "PUT",
        pattern: "/enrollments/{enrollment_id}/assignments/{assignment_id}/draft",
        path: "/api/v1/enrollments/nope/assignments/purpose-canvas/draft".into(),
        form: vec![],
        json: Some(serde_json::json!({ "body": "x", "lock_version": 1 })),
        expect: [Status(401), Status(404), Status(404)],
    });
    cases.push(Case {
        method: "POST",
        pattern: "/enrollments/{enrollment_id}/assignments/{assignment_id}/submission",
        path: "/api/v1/enrollments/nope/assignments/purpose-canvas/submission".into(),
        form: vec![],
        json: Some(serde_json::json!({ "body": "x", "lock_version": 1 })),
        expect: [Status(401), Status(404), Status(404)],
    });
    cases.push(Case {
        method: "POST",
        pattern: "/enrollments/{enrollment_id}/assignments/{assignment_id}/withdraw",
        path: "/api/v1/enrollments/nope/assignments/purpose-canvas/withdraw".into(),
        form: vec![],
        json: None,
        expect: [Status(401), Status(404), Status(404)],
    });
    cases.push(Case {
        method: "POST",
        pattern: "/enrollments/{id}/extensions",
        path: "/enrollments/nope/extensions".into(),
        form: vec![
            ("assignment", "purpose-canvas".into()),
            ("until", "2027-01-01".into()),
            ("reason", "r".into()),
        ],
        json: None,
        expect: [SignIn, Status(403), Status(404)],
    });
    cases.push(case(
        "GET",
        "/calendar/{token}",
        "/calendar/unknown.ics",
        [Status(404), Status(404), Status(404)],
    ));
    cases.push(Case {
        method: "POST",
        pattern: "/me/calendar",
        path: "/me/calendar".into(),
        form: vec![],
        json: None,
        expect: [SignIn, ok, ok],
    });
    cases.push(Case {
        method: "POST",
        pattern: "/me/calendar/revoke",
        path: "/me/calendar/revoke".into(),
        form: vec![],
        json: None,
        expect: [SignIn, Status(303), Status(303)],
    });
    cases.push(case(
        "GET",
        "/attachments/{id}",
        "/attachments/no-such-file",
        [SignIn, Status(404), Status(404)],
    ));
    cases.push(Case {
        method: "POST",
        pattern: "/learn/{enrollment}/assignments/{assignment}/attachments/{id}/delete",
        path: "/learn/nope/assignments/purpose-canvas/attachments/no-such-file/delete".into(),
        form: vec![],
        json: None,
        expect: [SignIn, Status(404), Status(404)],
    });
    cases.push(case(
        "GET",
        "/attachments/{attachment_id}",
        "/api/v1/attachments/no-such-file",
        [Status(401), Status(404), Status(404)],
    ));
    let api_case = |method, pattern, path: String, json: serde_json::Value, expect| Case {
        method,
        pattern,
        path,
        form: vec![],
        json: Some(json),
        expect,
    };
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
    let form_case = |pattern, path: String, form: Vec<(&'static str, String)>, expect| Case {
        method: "POST",
        pattern,
        path,
        form,
        json: None,
        expect,
    };
    cases.push(form_case(
        "/cohorts",
        "/cohorts".into(),
        vec![
            ("name", "New".into()),
            ("starts_on", "2027-01-01".into()),
            ("time_zone", "UTC".into()),
        ],
        [SignIn, Status(403), Status(303)],
    ));
    cases.push(form_case(
        "/cohorts/{id}",
        format!("/cohorts/{cohort}"),
        vec![("name", "Renamed".into()), ("lock_version", "1".into())],
        [SignIn, Status(403), Status(303)],
    ));
    cases.push(form_case(
        "/cohorts/{id}/schedule/{module_id}",
        format!("/cohorts/{cohort}/schedule/no-such-module"),
        vec![
            ("unlock_on", "2027-01-01".into()),
            ("due_on", "2027-01-02".into()),
            ("lock_version", "1".into()),
        ],
        [SignIn, Status(403), Status(404)],
    ));
    cases.push(form_case(
        "/cohorts/{id}/cotrainers",
        format!("/cohorts/{cohort}/cotrainers"),
        vec![("emails", "".into())],
        [SignIn, Status(403), Status(303)],
    ));
    cases.push(form_case(
        "/cohorts/{id}/enrollments/preview",
        format!("/cohorts/{cohort}/enrollments/preview"),
        vec![("people", "p@example.com".into())],
        [SignIn, Status(403), ok],
    ));
    cases.push(form_case(
        "/cohorts/{id}/enrollments",
        format!("/cohorts/{cohort}/enrollments"),
        vec![("people", "p@example.com".into())],
        [SignIn, Status(403), ok],
    ));
    cases.push(form_case(
        "/enrollments/{id}/move",
        "/enrollments/no-such-enrollment/move".into(),
        vec![("cohort_id", cohort.to_string())],
        [SignIn, Status(403), Status(404)],
    ));
    cases.push(form_case(
        "/enrollments/{id}/withdraw",
        "/enrollments/no-such-enrollment/withdraw".into(),
        vec![],
        [SignIn, Status(403), Status(404)],
    ));
    cases
}
