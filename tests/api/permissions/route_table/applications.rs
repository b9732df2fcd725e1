//! Rows of the permission table for applications: the apply form (anyone signed in), the
//! program lead's list and decisions (owner only), and the manager's page (the named manager
//! only: 404 for everyone else, owners included).

use crate::support::permission_table::{Case, Expect, api_case, case, form_case};
use Expect::{SignIn, Status};

/// The application rows.
pub fn application_cases() -> Vec<Case> {
    let (ok, s401, s403, s404, s422) = (
        Status(200),
        Status(401),
        Status(403),
        Status(404),
        Status(422),
    );
    let empty = [
        ("motivation", ""),
        ("community_name", ""),
        ("community_url", ""),
    ];
    let manager = [
        ("decision", "approved"),
        ("comment", ""),
        ("lock_version", "1"),
    ];
    vec![
        case(
            "GET",
            "/apply/{slug}",
            "/apply/community-manager",
            [SignIn, ok, ok],
        ),
        form_case(
            "/apply/{slug}",
            "/apply/community-manager".into(),
            &empty,
            [SignIn, s422, s422],
        ),
        case("GET", "/applications", "/applications", [SignIn, s403, ok]),
        form_case(
            "/applications/bulk",
            "/applications/bulk".into(),
            &[("decision", "waitlist")],
            // Nothing chosen: the owner is asked to choose.
            [SignIn, s403, s422],
        ),
        form_case(
            "/applications/{id}/decision",
            "/applications/nope/decision".into(),
            &[("decision", "waitlist"), ("lock_version", "1")],
            [SignIn, s403, s404],
        ),
        case(
            "GET",
            "/applications/{id}/manager",
            "/applications/nope/manager",
            [SignIn, s404, s404],
        ),
        form_case(
            "/applications/{id}/manager",
            "/applications/nope/manager".into(),
            &manager,
            [SignIn, s404, s404],
        ),
        api_case(
            "POST",
            "/programs/{program_id}/applications",
            "/api/v1/programs/community-manager/applications".into(),
            serde_json::json!({ "motivation": "", "community_name": "", "community_url": "" }),
            [s401, s422, s422],
        ),
        case(
            "GET",
            "/applications",
            "/api/v1/applications",
            [s401, s403, ok],
        ),
        api_case(
            "POST",
            "/applications/decisions",
            "/api/v1/applications/decisions".into(),
            serde_json::json!({ "items": [{ "id": "nope", "lock_version": 1 }], "decision": "waitlist" }),
            [s401, s403, s404],
        ),
        api_case(
            "POST",
            "/applications/{application_id}/decision",
            "/api/v1/applications/nope/decision".into(),
            serde_json::json!({ "decision": "waitlist", "lock_version": 1 }),
            [s401, s403, s404],
        ),
        api_case(
            "POST",
            "/applications/{application_id}/manager-decision",
            "/api/v1/applications/nope/manager-decision".into(),
            serde_json::json!({ "decision": "approved", "lock_version": 1 }),
            [s401, s404, s404],
        ),
    ]
}
