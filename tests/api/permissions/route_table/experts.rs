//! Rows of the permission table for the expert directory: searching and reading profiles for
//! everyone signed in (a profile that is not listed is not found), joining only for certified
//! graduates and named experts (neither role here is), naming experts for the owner only.

use crate::support::permission_table::{Case, Expect, api_case, case, form_case};
use Expect::{SignIn, Status};

/// The expert-directory rows.
pub fn expert_cases() -> Vec<Case> {
    let (ok, s303, s401, s403, s404, s422) = (
        Status(200),
        Status(303),
        Status(401),
        Status(403),
        Status(404),
        Status(422),
    );
    let question = [("message", "A question for you, please?")];
    vec![
        case("GET", "/experts", "/api/v1/experts", [s401, ok, ok]),
        case(
            "GET",
            "/experts/{person_id}",
            "/api/v1/experts/nope",
            [s401, s404, s404],
        ),
        api_case(
            "PUT",
            "/experts/me",
            "/api/v1/experts/me".into(),
            serde_json::json!({}),
            [s401, s403, s403],
        ),
        api_case(
            "POST",
            "/experts/{person_id}/contact",
            "/api/v1/experts/nope/contact".into(),
            serde_json::json!({"message": "A question for you, please?"}),
            [s401, s404, s404],
        ),
        case("GET", "/experts", "/experts", [SignIn, ok, ok]),
        case("GET", "/experts/me", "/experts/me", [SignIn, ok, ok]),
        form_case(
            "/experts/me",
            "/experts/me".into(),
            &[("topics", "moderation")],
            [SignIn, s403, s403],
        ),
        form_case(
            "/experts/me/withdraw",
            "/experts/me/withdraw".into(),
            &[],
            [SignIn, s303, s303],
        ),
        form_case(
            "/experts/roles",
            "/experts/roles".into(),
            &[("email", "nobody@example.com"), ("role", "expert")],
            [SignIn, s403, s422],
        ),
        case(
            "GET",
            "/experts/{id}",
            "/experts/nope",
            [SignIn, s404, s404],
        ),
        form_case(
            "/experts/{id}/contact",
            "/experts/nope/contact".into(),
            &question,
            [SignIn, s404, s404],
        ),
    ]
}
