//! The expert directory's topic vocabulary beside the programs: the shipped one loads, and a
//! repeated id or an empty label is reported at its line.

use crate::support::content::ContentCopy;

#[test]
fn a_repeated_topic_or_an_empty_label_is_reported_at_its_line() {
    let shipped = qualify::content::load_all(&crate::support::content::course_content());
    assert!(shipped.is_ok(), "the shipped vocabulary loads");
    let copy = ContentCopy::new();
    let path = copy.root_path("expert_topics.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let broken = text
        .replacen("id = \"impact\"", "id = \"moderation\"", 1)
        .replacen("en = \"Accessibility\"", "en = \"\"", 1);
    std::fs::write(&path, &broken).unwrap();
    let line_of = |needle: &str| broken.lines().position(|l| l == needle).unwrap() + 1;
    let problems = copy.problems();
    let reported = |line: usize, message: &str| {
        problems
            .iter()
            .any(|p| p.path == path && p.line == line && p.message.contains(message))
    };
    let repeated = broken
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "id = \"moderation\"")
        .nth(1)
        .unwrap()
        .0
        + 1;
    assert!(
        reported(repeated, "duplicate topic id 'moderation'"),
        "{problems:?}"
    );
    assert!(
        reported(line_of("en = \"\""), "en: the label is empty"),
        "{problems:?}"
    );
}
