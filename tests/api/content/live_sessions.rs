//! `[live_sessions]`: the shipped qualification plans a kick-off and a call per module, and a
//! time of day that is not one, a length out of range or a plan without a join address is
//! reported at its line.

use qualify::content::{Problem, load_all};

use crate::support::content::{ContentCopy, course_content};

const PROGRAM: &str = "community-manager/program.toml";

/// Replaces `old` in the qualification's `program.toml` and returns the problems and the line
/// the replacement is on.
fn with(copy: &ContentCopy, old: &str, new: &str) -> (Vec<Problem>, usize) {
    let path = copy.root_path(PROGRAM);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(old), "{old}");
    let at = text.lines().position(|l| l.contains(old)).unwrap() + 1;
    std::fs::write(&path, text.replacen(old, new, 1)).unwrap();
    (copy.problems(), at)
}

fn assert_reported(problems: &[Problem], copy: &ContentCopy, line: usize, message: &str) {
    let path = copy.root_path(PROGRAM);
    assert!(
        problems
            .iter()
            .any(|p| p.path == path && p.line == line && p.message.contains(message)),
        "expected {}:{line}: …{message}…, got:\n{}",
        path.display(),
        problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_shipped_qualification_plans_a_kickoff_and_a_call_per_module() {
    let programs = load_all(&course_content()).unwrap();
    let program = programs
        .iter()
        .find(|p| p.slug == "community-manager")
        .unwrap();
    let plan = &program.live_sessions;
    let kickoff = plan.kickoff.as_ref().expect("a kick-off");
    assert_eq!(
        (kickoff.day, kickoff.time.as_str(), kickoff.minutes),
        (0, "10:00", 90)
    );
    let calls = plan.module_calls.as_ref().expect("module calls");
    assert_eq!(
        (calls.day, calls.time.as_str(), calls.minutes),
        (7, "16:00", 60)
    );
    assert!(plan.join_url.as_deref().unwrap().starts_with("https://"));
    let basics = programs
        .iter()
        .find(|p| p.slug == "community-basics")
        .unwrap();
    assert!(basics.live_sessions.is_empty(), "self-study plans none");
}

#[test]
fn a_bad_time_length_or_missing_join_address_is_reported_at_its_line() {
    let copy = ContentCopy::new();
    let (problems, line) = with(
        &copy,
        "kickoff = { day = 0, time = \"10:00\", minutes = 90 }",
        "kickoff = { day = 0, time = \"25:00\", minutes = 5 }",
    );
    assert_reported(&problems, &copy, line, "live_sessions.kickoff.time");
    assert_reported(
        &problems,
        &copy,
        line,
        "live_sessions.kickoff.minutes must be between 15 and 480",
    );

    let copy = ContentCopy::new();
    let (_, url_line) = with(
        &copy,
        "join_url = \"https://intranet.example.com/meet/community-manager\"",
        "",
    );
    let problems = copy.problems();
    let kickoff_line = url_line + 1;
    assert_reported(
        &problems,
        &copy,
        kickoff_line,
        "live_sessions: give join_url",
    );
}
