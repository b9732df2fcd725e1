//! More rows of the permission table: grading (reviews, the grading page, moderation, the
//! co-trainer pool, disputes, ratings) and certificates (pages, downloads, verification, API).

use qualify::domain::ids::PersonId;

use crate::support::permission_table::{Case, Expect, api_case, case, form_case};
use Expect::{SignIn, Status};

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
        form_case(
            "/reviews/{id}",
            "/reviews/no-such-review".into(),
            &[("lock_version", "1"), ("action", "save")],
            [SignIn, s404, s404],
        ),
        form_case(
            "/reviews/{id}/reassign",
            "/reviews/no-such-review/reassign".into(),
            &[("to", "")],
            [SignIn, s403, s404],
        ),
        case("GET", "/grading", "/grading", [SignIn, s403, ok]),
        // Calibration is a pool member's own: others find nothing to calibrate or see.
        case("GET", "/calibration", "/calibration", [SignIn, ok, ok]),
        // Only a pool member starts a round (the co-trainer here); the owner joins the pool
        // with a later row, and then the API starts their round.
        Case {
            cotrainer: Some(s303),
            ..form_case(
                "/calibration/rounds",
                "/calibration/rounds".into(),
                &[],
                [SignIn, Status(409), Status(409)],
            )
        },
        case(
            "GET",
            "/calibration/{id}",
            "/calibration/no-such-grading",
            [SignIn, s404, s404],
        ),
        form_case(
            "/calibration/{id}",
            "/calibration/no-such-grading".into(),
            &[("level__purpose-statement", "1")],
            [SignIn, s404, s404],
        ),
        case(
            "GET",
            "/grading/calibration/{person}",
            format!("/grading/calibration/{other_trainee}"),
            [SignIn, s403, s404],
        ),
        // Someone who is not in the pool has no pool page.
        case(
            "GET",
            "/grading/cotrainers/{person}",
            format!("/grading/cotrainers/{other_trainee}"),
            [SignIn, s403, s404],
        ),
        form_case(
            "/grading/pool",
            "/grading/pool".into(),
            &[
                ("email", "nobody@example.com"),
                ("capacity", "5"),
                ("de", "on"),
            ],
            [SignIn, s403, s422],
        ),
        form_case(
            "/grading/pool/{person}",
            format!("/grading/pool/{other_trainee}"),
            &pool_form,
            [SignIn, s403, s303],
        ),
        form_case(
            "/grading/cotrainers/{person}/rebalance",
            format!("/grading/cotrainers/{other_trainee}/rebalance"),
            &[],
            [SignIn, s403, s303],
        ),
        form_case(
            "/moderation/{id}",
            "/moderation/no-such-item".into(),
            &[("action", "confirm"), ("lock_version", "1")],
            [SignIn, s403, s404],
        ),
        form_case(
            "/learn/{enrollment}/assignments/{assignment}/dispute",
            "/learn/nope/assignments/purpose-canvas/dispute".into(),
            &[("statement", "I disagree")],
            [SignIn, s404, s404],
        ),
        form_case(
            "/learn/{enrollment}/assignments/{assignment}/rate",
            "/learn/nope/assignments/purpose-canvas/rate".into(),
            &[("review_id", "nope"), ("rating", "3")],
            [SignIn, s404, s404],
        ),
        // A trainee without a certificate may not join; the owner may add anyone (themself too).
        form_case(
            "/me/cotrainer",
            "/me/cotrainer".into(),
            &pool_form,
            [SignIn, s422, s303],
        ),
        case("GET", "/reviews", "/api/v1/reviews", [s401, ok, ok]),
        case("GET", "/calibration", "/api/v1/calibration", [s401, ok, ok]),
        api_case(
            "POST",
            "/calibration/rounds",
            "/api/v1/calibration/rounds".into(),
            serde_json::json!({}),
            [s401, Status(409), ok],
        ),
        case(
            "GET",
            "/calibration/{grading_id}",
            "/api/v1/calibration/nope",
            [s401, s404, s404],
        ),
        api_case(
            "POST",
            "/calibration/{grading_id}",
            "/api/v1/calibration/nope".into(),
            serde_json::json!({ "points": {} }),
            [s401, s404, s404],
        ),
        case(
            "GET",
            "/reviews/{review_id}",
            "/api/v1/reviews/nope",
            [s401, s404, s404],
        ),
        api_case(
            "PUT",
            "/reviews/{review_id}/draft",
            "/api/v1/reviews/nope/draft".into(),
            serde_json::json!({ "lock_version": 1 }),
            [s401, s404, s404],
        ),
        api_case(
            "POST",
            "/reviews/{review_id}/submission",
            "/api/v1/reviews/nope/submission".into(),
            serde_json::json!({ "lock_version": 1 }),
            [s401, s404, s404],
        ),
        api_case(
            "POST",
            "/reviews/{review_id}/reassign",
            "/api/v1/reviews/nope/reassign".into(),
            serde_json::json!({}),
            [s401, s403, s404],
        ),
        case(
            "GET",
            "/unallocated",
            "/api/v1/unallocated",
            [s401, s403, ok],
        ),
        api_case(
            "POST",
            "/enrollments/{enrollment_id}/assignments/{assignment_id}/dispute",
            "/api/v1/enrollments/nope/assignments/purpose-canvas/dispute".into(),
            serde_json::json!({ "statement": "I disagree" }),
            [s401, s404, s404],
        ),
        api_case(
            "POST",
            "/moderation/{item_id}",
            "/api/v1/moderation/nope".into(),
            serde_json::json!({ "action": "confirm", "lock_version": 1 }),
            [s401, s403, s404],
        ),
        // The owner joined through /me/cotrainer above (lock version 1, saved once: 2).
        api_case(
            "PUT",
            "/cotrainer-profile",
            "/api/v1/cotrainer-profile".into(),
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
        form_case(
            "/certificates/issue",
            "/certificates/issue".into(),
            &[
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
        case(
            "GET",
            "/certificates/{id}/badge.{ext}",
            "/certificates/nope/badge.png",
            [SignIn, s404, s404],
        ),
        form_case(
            "/certificates/{id}/revoke",
            "/certificates/nope/revoke".into(),
            &[("reason", "x")],
            [SignIn, s403, s404],
        ),
        form_case(
            "/certificates/{id}/reissue",
            "/certificates/nope/reissue".into(),
            &[("reason", "x")],
            [SignIn, s403, s404],
        ),
        case("GET", "/verify", "/verify", [ok, ok, ok]),
        form_case(
            "/verify",
            "/verify".into(),
            &[("jwt", "a.b.c")],
            [s422, s422, s422],
        ),
        case(
            "GET",
            "/verify/{code}",
            "/verify/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            [s404, s404, s404],
        ),
        form_case(
            "/verify/{code}",
            "/verify/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".into(),
            &[("email", "x@example.com")],
            [s404, s404, s404],
        ),
        case(
            "GET",
            "/verify/{code}/badge.png",
            "/verify/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/badge.png",
            [s404, s404, s404],
        ),
        case(
            "GET",
            "/status-lists/revocation",
            "/status-lists/revocation",
            [ok, ok, ok],
        ),
        case(
            "GET",
            "/.well-known/jwks.json",
            "/.well-known/jwks.json",
            [ok, ok, ok],
        ),
        case("GET", "/issuer", "/issuer", [ok, ok, ok]),
        // Not found without QUALIFY_ORGANIZATION_LOGO; public with it.
        case(
            "GET",
            "/organization/logo",
            "/organization/logo",
            [s404, s404, s404],
        ),
        case(
            "GET",
            "/unsubscribe/{token}",
            "/unsubscribe/bogus",
            [s404, s404, s404],
        ),
        form_case(
            "/unsubscribe/{token}",
            "/unsubscribe/bogus".into(),
            &[],
            [s404, s404, s404],
        ),
        form_case(
            "/me/mail-preferences",
            "/me/mail-preferences".into(),
            &[("feedback", "on")],
            [SignIn, Status(303), Status(303)],
        ),
        case(
            "GET",
            "/me/mail-preferences",
            "/api/v1/me/mail-preferences",
            [s401, ok, ok],
        ),
        api_case(
            "PUT",
            "/me/mail-preferences",
            "/api/v1/me/mail-preferences".into(),
            serde_json::json!([{ "kind": "feedback", "enabled": true }]),
            [s401, ok, ok],
        ),
        case(
            "GET",
            "/certificates",
            "/api/v1/certificates",
            [s401, s403, ok],
        ),
        api_case(
            "POST",
            "/certificates",
            "/api/v1/certificates".into(),
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
        api_case(
            "POST",
            "/certificates/{certificate_id}/revoke",
            "/api/v1/certificates/nope/revoke".into(),
            reason(),
            [s401, s403, s404],
        ),
        api_case(
            "POST",
            "/certificates/{certificate_id}/reissue",
            "/api/v1/certificates/nope/reissue".into(),
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
            "/certificates/{certificate_id}/badge",
            "/api/v1/certificates/nope/badge",
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
