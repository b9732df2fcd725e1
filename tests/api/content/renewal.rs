//! A refresher's `renews` and `[renewal]`: the shipped refresher renews the community-manager
//! qualification, and a `renews` that names no program, a self-paced one or the refresher
//! itself is reported at its line, as is a `[renewal]` without `renews`.

use qualify::content::{Problem, load_all};

use crate::support::content::{ContentCopy, course_content};

const REFRESHER: &str = "community-manager-refresher/program.toml";

/// Replaces the `renews` line of the refresher and returns the problems and the line.
fn with_renews(copy: &ContentCopy, line: &str) -> (Vec<Problem>, usize) {
    let path = copy.root_path(REFRESHER);
    let text = std::fs::read_to_string(&path).unwrap();
    let old = "renews = \"community-manager\"";
    assert!(text.contains(old));
    std::fs::write(&path, text.replacen(old, line, 1)).unwrap();
    let at = text.lines().position(|l| l.starts_with("renews")).unwrap() + 1;
    (copy.problems(), at)
}

fn assert_reported(problems: &[Problem], copy: &ContentCopy, line: usize, message: &str) {
    let path = copy.root_path(REFRESHER);
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
fn the_shipped_refresher_renews_the_qualification_with_six_months_of_grace() {
    let programs = load_all(&course_content()).unwrap();
    let refresher = programs
        .iter()
        .find(|p| p.slug == "community-manager-refresher")
        .expect("the refresher is shipped");
    assert_eq!(
        refresher.renewal.renews.as_deref(),
        Some("community-manager")
    );
    assert_eq!(refresher.renewal.grace_months, 6);
    let review = refresher.assignments().map(|(_, a)| a).collect::<Vec<_>>();
    assert_eq!(review.len(), 1);
    assert!(review[0].required && review[0].criteria.iter().any(|c| c.minimum.is_some()));
    let qualification = programs
        .iter()
        .find(|p| p.slug == "community-manager")
        .unwrap();
    assert!(qualification.renewal.renews.is_none());
}

#[test]
fn a_renews_naming_no_program_is_reported_at_its_line() {
    let copy = ContentCopy::new();
    let (problems, line) = with_renews(&copy, "renews = \"nothing-here\"");
    assert_reported(
        &problems,
        &copy,
        line,
        "renews: there is no program 'nothing-here' in this folder",
    );
}

#[test]
fn a_refresher_cannot_renew_a_self_paced_program() {
    let copy = ContentCopy::new();
    let (problems, line) = with_renews(&copy, "renews = \"community-basics\"");
    assert_reported(
        &problems,
        &copy,
        line,
        "renews: 'community-basics' is a self-paced program",
    );
}

#[test]
fn a_program_cannot_renew_itself() {
    let copy = ContentCopy::new();
    let (problems, line) = with_renews(&copy, "renews = \"community-manager-refresher\"");
    assert_reported(
        &problems,
        &copy,
        line,
        "the program 'community-manager-refresher' cannot renew itself",
    );
}

#[test]
fn a_renewal_table_needs_renews_and_a_grace_in_range() {
    let copy = ContentCopy::new();
    let path = copy.root_path(REFRESHER);
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = text
        .replacen("renews = \"community-manager\"\n", "", 1)
        .replacen("grace_months = 6", "grace_months = 99", 1);
    std::fs::write(&path, &changed).unwrap();
    let problems = copy.problems();
    let grace = changed
        .lines()
        .position(|l| l.starts_with("grace_months"))
        .unwrap()
        + 1;
    assert_reported(
        &problems,
        &copy,
        grace,
        "renewal.grace_months must be between 0 and 60, not 99",
    );
    assert!(
        problems
            .iter()
            .any(|p| p.path == path && p.message.contains("[renewal] without renews")),
        "{problems:?}"
    );
}
