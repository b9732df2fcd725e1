//! The validator on a self-paced program: every problem named with its file and line.

use crate::support::content::ContentCopy;

const BASICS: &str = "community-basics";

fn rel(path: &str) -> String {
    format!("{BASICS}/{path}")
}

fn assert_has(copy: &ContentCopy, path: &str, line: usize, message: &str) {
    let problems = copy.problems();
    let file = copy.root_path(&rel(path));
    assert!(
        problems
            .iter()
            .any(|p| p.path == file && p.line == line && p.message.contains(message)),
        "expected {}:{line}: …{message}…, got:\n{}",
        file.display(),
        problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn edit(copy: &ContentCopy, path: &str, from: &str, to: &str) -> usize {
    let file = copy.root_path(&rel(path));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(from), "{path} lacks {from:?}");
    let line = text[..text.find(from).unwrap()].lines().count().max(1);
    std::fs::write(&file, text.replacen(from, to, 1)).unwrap();
    line
}

#[test]
fn a_question_without_a_correct_answer_is_reported_at_its_kind() {
    let copy = ContentCopy::new();
    let path = "lessons/purpose/check.toml";
    let text = std::fs::read_to_string(copy.root_path(&rel(path))).unwrap();
    // The first question's answers all become wrong.
    let first_question_end = text[1..]
        .find("[[questions]]")
        .map_or(text.len(), |i| i + 1);
    let head = text[..first_question_end].replace("correct = true", "correct = false");
    std::fs::write(
        copy.root_path(&rel(path)),
        format!("{head}{}", &text[first_question_end..]),
    )
    .unwrap();
    let line = text.lines().position(|l| l.starts_with("kind =")).unwrap() + 1;
    assert_has(&copy, path, line, "no correct answer");
}

#[test]
fn a_missing_caption_file_and_translation_are_reported() {
    let copy = ContentCopy::new();
    std::fs::remove_file(copy.root_path(&rel("lessons/start/captions.en.vtt"))).unwrap();
    std::fs::remove_file(copy.root_path(&rel("lessons/activity/guide.en.md"))).unwrap();
    assert_has(
        &copy,
        "lessons/start/captions.en.vtt",
        1,
        "missing caption file captions.en.vtt",
    );
    assert_has(
        &copy,
        "lessons/activity/guide.de.md",
        1,
        "the English translation guide.en.md is missing",
    );
}

#[test]
fn a_video_over_the_size_limit_is_reported() {
    let copy = ContentCopy::new();
    let video = copy.root_path(&rel("lessons/working-out-loud/video.webm"));
    let file = std::fs::OpenOptions::new()
        .append(true)
        .open(&video)
        .unwrap();
    file.set_len(qualify::content::MAX_VIDEO_BYTES + 1).unwrap();
    assert_has(
        &copy,
        "lessons/working-out-loud/video.webm",
        1,
        "over the limit of 5 MB",
    );
}

#[test]
fn bad_caption_timings_and_an_unknown_required_program_are_reported() {
    let copy = ContentCopy::new();
    let line = edit(
        &copy,
        "lessons/start/captions.de.vtt",
        "00:00:00.000 -->",
        "00:00:0.0 -->",
    );
    assert_has(
        &copy,
        "lessons/start/captions.de.vtt",
        line + 1,
        "cue timing",
    );
    let file = copy.path("program.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace(
            "requires = \"community-basics\"",
            "requires = \"nothing-here\"",
        ),
    )
    .unwrap();
    let problems = copy.problems();
    assert!(
        problems.iter().any(|p| p.path == file
            && p.message
                .contains("'nothing-here' is not a self-paced program")),
        "{problems:?}"
    );
}
