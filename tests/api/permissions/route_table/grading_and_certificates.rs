//! More rows of the permission table: grading (reviews, the grading page, moderation, the
//! co-trainer pool, disputes, ratings) and certificates (pages, downloads, verification, API).

use qualify::domain::ids::PersonId;

use crate::support::permission_table::{Case, Expect, case};
use Expect::{SignIn, Status};

fn post(
    pattern: &'static str,
    path: String,
    form: Vec<(&'static str, &str)>,
    expect: [Expect; 3],
) -> Case {
    Case {
        method: "POST",
        pattern,
        path,
        form: form.into_iter().map(|(k, v)| (k, v.to_string())).collect(),
        json: None,
        expect,
    }
}

fn api(
    method: &'static str,
    pattern: &'static str,
    path: &str,
    json: serde_json::Value,
    expect: [Expect; 3],
) -> Case {
    Case {
        method,
        pattern,
        path: format!("/api/v1{path}"),
        form: vec![],
        json: Some(json),
        expect,
    }
}

/// The grading rows; `other_trainee` is someone the trainee is not.
pub fn grading_cases(other_trainee: &PersonId) -> Vec<Case> {
    let ok = Status(200);
    let (s401, s403, s404, s422, s303) = (
        Status(401),
        Status(403),
        Status(404),
        Status(422),
        Status(303),
    );
    let pool_form = vec![("capacity", "5"), ("de", "on"), ("active", "on")];
    vec![
        case("GET", "/reviews", "/reviews", [SignIn, ok, ok]),
        case(
            "GET",
            "/reviews/{id}",
            "/reviews/no-such-review",
            [SignIn, s404, s404],
        ),
        post(
            "/reviews/{id}",
            "/reviews/no-such-review".into(),
            vec![("lock_version", "1"), ("action", "save")],
            [SignIn, s404, s404],
        ),
        post(
            "/reviews/{id}/reassign",
            "/reviews/no-such-review/reassign".into(),
            vec![("to", "")],
            [SignIn, s403, s404],
        ),
        case("GET", "/grading", "/grading", [SignIn, s403, ok]),
        post(
            "/grading/pool",
            "/grading/pool".into(),
            vec![
                ("email", "nobody@example.com"),
                ("capacity", "5"),
                ("de", "on"),
            ],
            [SignIn, s403, s422],
        ),
        post(
            "/grading/pool/{person}",
            format!("/grading/pool/{other_trainee}"),
            pool_form.clone(),
            [SignIn, s403, s303],
        ),
        post(
            "/grading/cotrainers/{person}/rebalance",
            format!("/grading/cotrainers/{other_trainee}/rebalance"),
            vec![],
            [SignIn, s403, s303],
        ),
        post(
            "/moderation/{id}",
            "/moderation/no-such-item".into(),
            vec![("action", "confirm"), ("lock_version", "1")],
            [SignIn, s403, s404],
        ),
        post(
            "/learn/{enrollment}/assignments/{assignment}/dispute",
            "/learn/nope/assignments/purpose-canvas/dispute".into(),
            vec![("statement", "I disagree")],
            [SignIn, s404, s404],
        ),
        post(
            "/learn/{enrollment}/assignments/{assignment}/rate",
            "/learn/nope/assignments/purpose-canvas/rate".into(),
            vec![("review_id", "nope"), ("rating", "3")],
            [SignIn, s404, s404],
        ),
        // A trainee without a certificate may not join; the owner may add anyone (themself too).
        post(
            "/me/cotrainer",
            "/me/cotrainer".into(),
            pool_form,
            [SignIn, s422, s303],
        ),
        case("GET", "/reviews", "/api/v1/reviews", [s401, ok, ok]),
        case(
            "GET",
            "/reviews/{review_id}",
            "/api/v1/reviews/nope",
            [s401, s404, s404],
        ),
        api(
            "PUT",
            "/reviews/{review_id}/draft",
            "/reviews/nope/draft",
            serde_json::json!({ "lock_version": 1 }),
            [s401, s404, s404],
        ),
        api(
            "POST",
            "/reviews/{review_id}/submission",
            "/reviews/nope/submission",
            serde_json::json!({ "lock_version": 1 }),
            [s401, s404, s404],
        ),
        api(
            "POST",
            "/reviews/{review_id}/reassign",
            "/reviews/nope/reassign",
            serde_json::json!({}),
            [s401, s403, s404],
        ),
        case(
            "GET",
            "/unallocated",
            "/api/v1/unallocated",
            [s401, s403, ok],
        ),
        api(
            "POST",
            "/enrollments/{enrollment_id}/assignments/{assignment_id}/dispute",
            "/enrollments/nope/assignments/purpose-canvas/dispute",
            serde_json::json!({ "statement": "I disagree" }),
            [s401, s404, s404],
        ),
        api(
            "POST",
            "/moderation/{item_id}",
            "/moderation/nope",
            serde_json::json!({ "action": "confirm", "lock_version": 1 }),
            [s401, s403, s404],
        ),
        // The owner joined through /me/cotrainer above (lock version 1, saved once: 2).
        api(
            "PUT",
            "/cotrainer-profile",
            "/cotrainer-profile",
            serde_json::json!({ "active": true, "capacity": 4, "languages": ["en"], "lock_version": 2 }),
            [s401, s422, ok],
        ),
    ]
}

/// The certificate rows; `cohort` is a cohort of the fixture.
pub fn certificate_cases(cohort: &str) -> Vec<Case> {
    let ok = Status(200);
    let (s401, s403, s404, s422) = (Status(401), Status(403), Status(404), Status(422));
    let reason = || serde_json::json!({ "reason": "x" });
    vec![
        case("GET", "/certificates", "/certificates", [SignIn, ok, ok]),
        post(
            "/certificates/issue",
            "/certificates/issue".into(),
            vec![
                ("cohort_id", cohort),
                ("emails", "nobody@example.com"),
                ("reason", "x"),
            ],
            [SignIn, s403, s422],
        ),
        case(
            "GET",
            "/certificates/{id}",
            "/certificates/nope",
            [SignIn, s404, s404],
        ),
        case(
            "GET",
            "/certificates/{id}/pdf",
            "/certificates/nope/pdf",
            [SignIn, s404, s404],
        ),
        case(
            "GET",
            "/certificates/{id}/credential",
            "/certificates/nope/credential",
            [SignIn, s404, s404],
        ),
        post(
            "/certificates/{id}/revoke",
            "/certificates/nope/revoke".into(),
            vec![("reason", "x")],
            [SignIn, s403, s404],
        ),
        post(
            "/certificates/{id}/reissue",
            "/certificates/nope/reissue".into(),
            vec![("reason", "x")],
            [SignIn, s403, s404],
        ),
        case("GET", "/verify", "/verify", [ok, ok, ok]),
        post(
            "/verify",
            "/verify".into(),
            vec![("jwt", "a.b.c")],
            [s422, s422, s422],
        ),
        case(
            "GET",
            "/verify/{code}",
            "/verify/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            [s404, s404, s404],
        ),
        case(
            "GET",
            "/.well-known/jwks.json",
            "/.well-known/jwks.json",
            [ok, ok, ok],
        ),
        case("GET", "/issuer", "/issuer", [ok, ok, ok]),
        case(
            "GET",
            "/unsubscribe/{token}",
            "/unsubscribe/bogus",
            [s404, s404, s404],
        ),
        post(
            "/unsubscribe/{token}",
            "/unsubscribe/bogus".into(),
            vec![],
            [s404, s404, s404],
        ),
        post(
            "/me/mail-preferences",
            "/me/mail-preferences".into(),
            vec![("feedback", "on")],
            [SignIn, Status(303), Status(303)],
        ),
        case(
            "GET",
            "/me/mail-preferences",
            "/api/v1/me/mail-preferences",
            [s401, ok, ok],
        ),
        api(
            "PUT",
            "/me/mail-preferences",
            "/me/mail-preferences",
            serde_json::json!([{ "kind": "feedback", "enabled": true }]),
            [s401, ok, ok],
        ),
        case(
            "GET",
            "/certificates",
            "/api/v1/certificates",
            [s401, s403, ok],
        ),
        api(
            "POST",
            "/certificates",
            "/certificates",
            serde_json::json!({ "enrollment_ids": [], "reason": "x", "dryRun": true }),
            [s401, s403, ok],
        ),
        case(
            "GET",
            "/me/certificates",
            "/api/v1/me/certificates",
            [s401, ok, ok],
        ),
        case(
            "GET",
            "/certificates/{certificate_id}",
            "/api/v1/certificates/nope",
            [s401, s404, s404],
        ),
        api(
            "POST",
            "/certificates/{certificate_id}/revoke",
            "/certificates/nope/revoke",
            reason(),
            [s401, s403, s404],
        ),
        api(
            "POST",
            "/certificates/{certificate_id}/reissue",
            "/certificates/nope/reissue",
            reason(),
            [s401, s403, s404],
        ),
        case(
            "GET",
            "/certificates/{certificate_id}/pdf",
            "/api/v1/certificates/nope/pdf",
            [s401, s404, s404],
        ),
        case(
            "GET",
            "/certificates/{certificate_id}/credential",
            "/api/v1/certificates/nope/credential",
            [s401, s404, s404],
        ),
        case(
            "GET",
            "/verify/{code}",
            "/api/v1/verify/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            [s404, s404, s404],
        ),
    ]
}
