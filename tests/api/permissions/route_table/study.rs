//! Rows of the permission table for self-study: everyone signed in may enroll and learn;
//! lessons, videos and captions open only after enrolling.

use crate::support::permission_table::{Case, Expect, api_case, case, form_case};
use Expect::{SignIn, Status};

/// The self-study pages and forms.
pub fn study_cases() -> Vec<Case> {
    let ok = Status(200);
    let to_program = Status(303);
    vec![
        case("GET", "/self-study", "/self-study", [SignIn, ok, ok]),
        case(
            "GET",
            "/self-study/{program}",
            "/self-study/community-basics",
            [SignIn, ok, ok],
        ),
        form_case(
            "/self-study/{program}/enroll",
            "/self-study/no-such-program/enroll".into(),
            &[],
            [SignIn, Status(404), Status(404)],
        ),
        case(
            "GET",
            "/self-study/{program}/lessons/{lesson}",
            "/self-study/community-basics/lessons/start",
            [SignIn, to_program, to_program],
        ),
        form_case(
            "/self-study/{program}/lessons/{lesson}/done",
            "/self-study/community-basics/lessons/start/done".into(),
            &[],
            [SignIn, to_program, to_program],
        ),
        form_case(
            "/self-study/{program}/lessons/{lesson}/check",
            "/self-study/community-basics/lessons/start/check".into(),
            &[("q0", "0")],
            [SignIn, to_program, to_program],
        ),
        case(
            "GET",
            "/self-study/{program}/lessons/{lesson}/video",
            "/self-study/community-basics/lessons/start/video",
            [SignIn, Status(404), Status(404)],
        ),
        case(
            "GET",
            "/self-study/{program}/lessons/{lesson}/captions/{lang}",
            "/self-study/community-basics/lessons/start/captions/de",
            [SignIn, Status(404), Status(404)],
        ),
        case(
            "GET",
            "/programs",
            "/api/v1/programs",
            [Status(401), ok, ok],
        ),
        api_case(
            "POST",
            "/programs/{program_id}/enrollment",
            "/api/v1/programs/no-such-program/enrollment".into(),
            serde_json::json!({}),
            [Status(401), Status(404), Status(404)],
        ),
        api_case(
            "POST",
            "/programs/{program_id}/lessons/{lesson_id}/completion",
            "/api/v1/programs/community-basics/lessons/start/completion".into(),
            serde_json::json!({}),
            [Status(401), Status(409), Status(409)],
        ),
        api_case(
            "POST",
            "/programs/{program_id}/lessons/{lesson_id}/check",
            "/api/v1/programs/community-basics/lessons/start/check".into(),
            serde_json::json!({"answers": [[0]]}),
            [Status(401), Status(409), Status(409)],
        ),
    ]
}
