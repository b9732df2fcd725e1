//! Rows of the permission table for self-study: everyone signed in may enroll and learn;
//! lessons, videos and captions open only after enrolling.

use crate::support::permission_table::{Case, Expect, case, form_case};
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
    ]
}
