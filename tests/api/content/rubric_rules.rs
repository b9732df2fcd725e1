//! The fairness rules of rubrics and the reference submissions, as `qualify content check`
//! reports them: an assignment without a required criterion, a level from the third upward
//! that does not say it keeps the level below, and reference submissions with an unknown
//! criterion, points that are no level, a missing translation or too few for calibration.

use qualify::content::Problem;

use crate::support::content::ContentCopy;

const CANVAS: &str = "modules/purpose/assignments/purpose-canvas/assignment.toml";
const REF: &str = "modules/purpose/assignments/purpose-canvas/references/excel-circle";

/// Asserts that a problem names this file and line and contains `message`.
fn assert_problem(problems: &[Problem], copy: &ContentCopy, rel: &str, line: usize, message: &str) {
    let path = copy.path(rel);
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
fn an_assignment_without_a_required_criterion_is_reported() {
    let copy = ContentCopy::new();
    copy.replace(CANVAS, "required = true\n", "");
    let line = copy.line_of(CANVAS, "[[criteria]]");
    assert_problem(
        &copy.problems(),
        &copy,
        CANVAS,
        line,
        "mark the criterion of the assignment's core artifact as required",
    );
}

#[test]
fn a_level_that_does_not_keep_the_level_below_is_reported_in_each_language() {
    let copy = ContentCopy::new();
    let en_line = copy.line_of(CANVAS, "Everything from level 3, plus a benefit");
    copy.replace(
        CANVAS,
        "Everything from level 3, plus a benefit",
        "A benefit",
    );
    copy.replace(
        CANVAS,
        "Alles aus Stufe 2, plus ein konkreter",
        "Zusätzlich: ein konkreter",
    );
    let problems = copy.problems();
    assert_problem(
        &problems,
        &copy,
        CANVAS,
        en_line,
        "en description must begin with \"Everything from level 3, plus\"",
    );
    let de_line = copy.line_of(CANVAS, "Zusätzlich: ");
    assert_problem(
        &problems,
        &copy,
        CANVAS,
        de_line,
        "de description must begin with \"Alles aus Stufe 2, plus\"",
    );
}

#[test]
fn levels_are_numbered_by_points_not_by_their_order_in_the_file() {
    let copy = ContentCopy::new();
    // Level points 0, 1, 2, 3 become 0, 1, 5, 3: the 5-point level is now level 4 and the
    // 3-point level level 3, so both prefixes are wrong.
    let text = std::fs::read_to_string(copy.path(CANVAS)).unwrap();
    let at = text.find("points = 2").unwrap();
    std::fs::write(
        copy.path(CANVAS),
        format!("{}points = 5{}", &text[..at], &text[at + 10..]),
    )
    .unwrap();
    let problems = copy.problems();
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("level 4 (5 points)")
                && p.message.contains("Everything from level 3, plus")),
        "{problems:?}"
    );
}

#[test]
fn reference_submissions_are_checked_against_the_rubric() {
    let copy = ContentCopy::new();
    let gold = format!("{REF}/gold.toml");
    copy.replace(&gold, "id = \"scope-and-roles\"", "id = \"scope\"");
    copy.replace(&gold, "points = 2", "points = 7");
    std::fs::remove_file(copy.path(&format!("{REF}/submission.de.md"))).unwrap();
    let problems = copy.problems();
    assert_problem(
        &problems,
        &copy,
        &gold,
        copy.line_of(&gold, "id = \"scope\""),
        "unknown criterion 'scope'",
    );
    assert_problem(
        &problems,
        &copy,
        &gold,
        copy.line_of(&gold, "points = 7"),
        "points 7 is not one of the levels",
    );
    assert_problem(
        &problems,
        &copy,
        &gold,
        1,
        "criterion 'scope-and-roles' has no gold level",
    );
    assert_problem(
        &problems,
        &copy,
        &format!("{REF}/submission.de.md"),
        1,
        "German translation submission.de.md is missing",
    );
}

#[test]
fn a_rationale_needs_both_languages_and_calibration_needs_enough_references() {
    let copy = ContentCopy::new();
    let gold = format!("{REF}/gold.toml");
    let line = copy.line_of(&gold, "rationale = {");
    let text = std::fs::read_to_string(copy.path(&gold)).unwrap();
    let rationale = text.lines().nth(line - 1).unwrap().to_string();
    let without_en = rationale.split(", en =").next().unwrap().to_string() + " }";
    copy.replace(&gold, &rationale, &without_en);
    let problems = copy.problems();
    assert_problem(
        &problems,
        &copy,
        &gold,
        line,
        "rationale: the English translation is missing",
    );
    let copy = ContentCopy::new();
    let held = reference_count(&copy);
    let asked = format!("references = {}", held + 1);
    copy.replace("program.toml", "references = 3", &asked);
    let problems = copy.problems();
    assert_problem(
        &problems,
        &copy,
        "program.toml",
        copy.line_of("program.toml", &asked),
        &format!("the assignments hold only {held} reference submissions"),
    );
}

/// The reference submissions the curriculum holds (`modules/*/assignments/*/references/*`).
fn reference_count(copy: &ContentCopy) -> usize {
    let dirs = |path: std::path::PathBuf| -> Vec<std::path::PathBuf> {
        std::fs::read_dir(path)
            .map(|d| {
                d.flatten()
                    .map(|e| e.path())
                    .filter(|p| p.is_dir())
                    .collect()
            })
            .unwrap_or_default()
    };
    dirs(copy.path("modules"))
        .into_iter()
        .flat_map(|m| dirs(m.join("assignments")))
        .map(|a| dirs(a.join("references")).len())
        .sum()
}
