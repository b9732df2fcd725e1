//! The curriculum validator: one test per kind of mistake, each asserting file, line and
//! message; the shipped curriculum passes.

use qualify::content::{Problem, load};

use crate::support::content::{ContentCopy, cohort_program, copy_dir};

/// Asserts that exactly one problem names this file and line and contains `message`.
fn assert_problem(problems: &[Problem], copy: &ContentCopy, rel: &str, line: usize, message: &str) {
    let path = copy.path(rel);
    let found = problems
        .iter()
        .any(|p| p.path == path && p.line == line && p.message.contains(message));
    assert!(
        found,
        "expected {}:{line}: …{message}…, got:\n{}",
        path.display(),
        problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

const PROGRAM: &str = "program.toml";
const CANVAS: &str = "modules/purpose/assignments/purpose-canvas/assignment.toml";

#[test]
fn the_shipped_curriculum_is_valid() {
    let curriculum = load(&cohort_program()).unwrap_or_else(|problems| {
        panic!(
            "{}",
            problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    assert!(curriculum.modules.len() >= 6);
    for module in &curriculum.modules {
        assert!(
            !module.assignments.is_empty(),
            "{} has an assignment",
            module.slug
        );
        assert!(
            module.lesson.de.len() > 500 && module.lesson.en.len() > 500,
            "{} has real lesson text",
            module.slug
        );
        for a in &module.assignments {
            assert!(a.pass_threshold <= a.max_points() && !a.criteria.is_empty());
        }
    }
}

#[test]
fn a_missing_lesson_translation_is_reported_on_the_existing_file() {
    let copy = ContentCopy::new();
    std::fs::remove_file(copy.path("modules/launch/lesson.en.md")).unwrap();
    assert_problem(
        &copy.problems(),
        &copy,
        "modules/launch/lesson.de.md",
        1,
        "English translation lesson.en.md is missing",
    );
}

#[test]
fn a_missing_translation_in_toml_is_reported_at_its_line() {
    let copy = ContentCopy::new();
    let line = copy.line_of(CANVAS, "title = {");
    let text = std::fs::read_to_string(copy.path(CANVAS)).unwrap();
    let title_line = text.lines().nth(line - 1).unwrap().to_string();
    let without_en = title_line.split(", en =").next().unwrap().to_string() + " }";
    copy.replace(CANVAS, &title_line, &without_en);
    assert_problem(
        &copy.problems(),
        &copy,
        CANVAS,
        line,
        "the English translation is missing",
    );
}

#[test]
fn an_unknown_module_in_the_order_is_reported() {
    let copy = ContentCopy::new();
    copy.append(
        PROGRAM,
        "\n[[modules]]\nid = \"ghost\"\nunlock_days = 90\ndue_days = 100\n",
    );
    let line = copy.line_of(PROGRAM, "id = \"ghost\"");
    assert_problem(
        &copy.problems(),
        &copy,
        PROGRAM,
        line,
        "unknown module 'ghost'",
    );
}

#[test]
fn a_pass_threshold_above_the_rubric_maximum_is_reported() {
    let copy = ContentCopy::new();
    let line = copy.line_of(CANVAS, "pass_threshold");
    let text = std::fs::read_to_string(copy.path(CANVAS)).unwrap();
    let old = text.lines().nth(line - 1).unwrap().to_string();
    copy.replace(CANVAS, &old, "pass_threshold = 99");
    assert_problem(
        &copy.problems(),
        &copy,
        CANVAS,
        line,
        "pass_threshold 99 is above the rubric maximum of 15 points",
    );
}

#[test]
fn duplicate_ids_are_reported() {
    let copy = ContentCopy::new();
    // The same assignment id in two modules.
    copy_dir(
        &copy.path("modules/purpose/assignments/purpose-canvas"),
        &copy.path("modules/launch/assignments/purpose-canvas"),
    );
    // A module listed twice in the order.
    copy.append(
        PROGRAM,
        "\n[[modules]]\nid = \"purpose\"\nunlock_days = 0\ndue_days = 14\n",
    );
    let problems = copy.problems();
    assert_problem(
        &problems,
        &copy,
        "modules/purpose/assignments/purpose-canvas/assignment.toml",
        1,
        "duplicate assignment id 'purpose-canvas'",
    );
    let line = std::fs::read_to_string(copy.path(PROGRAM))
        .unwrap()
        .lines()
        .count()
        - 2;
    assert_problem(
        &problems,
        &copy,
        PROGRAM,
        line,
        "duplicate module id 'purpose'",
    );
}

#[test]
fn duplicate_criterion_ids_and_level_points_are_reported() {
    let copy = ContentCopy::new();
    let text = std::fs::read_to_string(copy.path(CANVAS)).unwrap();
    let ids: Vec<&str> = text.lines().filter(|l| l.starts_with("id = ")).collect();
    let (first, second) = (ids[0].to_string(), ids[1].to_string());
    copy.replace(CANVAS, &second, &first);
    let second_line = std::fs::read_to_string(copy.path(CANVAS))
        .unwrap()
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == first)
        .nth(1)
        .unwrap()
        .0
        + 1;
    copy.replace(CANVAS, "points = 1", "points = 0");
    let points_line = copy.line_of(CANVAS, "points = 0");
    let problems = copy.problems();
    assert_problem(
        &problems,
        &copy,
        CANVAS,
        second_line,
        "duplicate criterion id",
    );
    let dup_points_line = std::fs::read_to_string(copy.path(CANVAS))
        .unwrap()
        .lines()
        .enumerate()
        .find(|(i, l)| *l == "points = 0" && i + 1 > points_line)
        .unwrap()
        .0
        + 1;
    assert_problem(
        &problems,
        &copy,
        CANVAS,
        dup_points_line,
        "0 points appear twice",
    );
}

#[test]
fn front_matter_that_does_not_start_the_file_is_reported() {
    let copy = ContentCopy::new();
    copy.replace("modules/moderation/lesson.de.md", "+++\n", "\n+++\n");
    assert_problem(
        &copy.problems(),
        &copy,
        "modules/moderation/lesson.de.md",
        1,
        "front matter missing",
    );
}

#[test]
fn invalid_front_matter_fields_are_reported_at_their_line() {
    let copy = ContentCopy::new();
    let rel = "modules/content/lesson.en.md";
    let line = copy.line_of(rel, "minutes =");
    let text = std::fs::read_to_string(copy.path(rel)).unwrap();
    let old = text.lines().nth(line - 1).unwrap().to_string();
    copy.replace(rel, &old, "minutes = \"forty\"");
    assert_problem(&copy.problems(), &copy, rel, line, "invalid TOML");
}

#[test]
fn unknown_front_matter_fields_are_reported() {
    let copy = ContentCopy::new();
    let rel = "modules/impact/assignments/impact-report/brief.de.md";
    copy.replace(rel, "+++\ntitle", "+++\ntitel = \"Tippfehler\"\ntitle");
    assert_problem(&copy.problems(), &copy, rel, 2, "unknown field `titel`");
}

#[test]
fn a_due_offset_before_the_unlock_offset_is_reported() {
    let copy = ContentCopy::new();
    copy.replace(PROGRAM, "due_days = 28", "due_days = 3");
    let line = copy.line_of(PROGRAM, "due_days = 3");
    assert_problem(
        &copy.problems(),
        &copy,
        PROGRAM,
        line,
        "due_days (3) is before unlock_days (14)",
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let copy = ContentCopy::new();
    copy.replace(PROGRAM, "due_days = 28", "due_days = 3");
    std::fs::remove_file(copy.path("modules/launch/lesson.en.md")).unwrap();
    copy.append(
        PROGRAM,
        "\n[[modules]]\nid = \"ghost\"\nunlock_days = 90\ndue_days = 100\n",
    );
    let problems = copy.problems();
    assert!(problems.len() >= 3, "{problems:?}");
    let rendered = problems
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    for expected in [
        "due_days (3)",
        "lesson.en.md is missing",
        "unknown module 'ghost'",
    ] {
        assert!(
            rendered.contains(expected),
            "{expected} missing in:\n{rendered}"
        );
    }
    let mut sorted = problems.clone();
    sorted.sort();
    assert_eq!(problems, sorted, "problems come sorted by file and line");
}

#[test]
fn required_assignments_must_exist() {
    let copy = ContentCopy::new();
    copy.replace(
        PROGRAM,
        "required = [",
        "required = [\"no-such-assignment\", ",
    );
    let line = copy.line_of(PROGRAM, "no-such-assignment");
    assert_problem(
        &copy.problems(),
        &copy,
        PROGRAM,
        line,
        "unknown assignment 'no-such-assignment'",
    );
}
