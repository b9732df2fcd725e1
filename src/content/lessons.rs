//! Loads one lesson folder of a self-paced program: lesson and how-to guide in both languages,
//! the knowledge check (`check.toml`), and an optional video with its WebVTT captions.

use std::path::Path;

use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned;

use super::files::{Source, is_valid_id};
use super::loader::{Problem, RawText, bilingual, in_range};
use super::model::{Answer, Lesson, Question, QuestionKind, Text, Video};
use super::modules::{non_empty, read_pair};
use super::vtt;

/// The largest video a lesson may carry: videos are served to every learner, so they stay
/// short and small.
pub const MAX_VIDEO_BYTES: u64 = 5 * 1024 * 1024;

/// Video files a lesson may hold, with their media types.
const VIDEO_FILES: [(&str, &str); 2] = [("video.webm", "video/webm"), ("video.mp4", "video/mp4")];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LessonFront {
    title: Spanned<String>,
    summary: Spanned<String>,
    minutes: Spanned<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GuideFront {
    title: Spanned<String>,
    minutes: Spanned<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    #[serde(default)]
    questions: Vec<Spanned<RawQuestion>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    kind: Spanned<String>,
    text: Spanned<RawText>,
    #[serde(default)]
    answers: Vec<Spanned<RawAnswer>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswer {
    correct: bool,
    text: Spanned<RawText>,
    explanation: Spanned<RawText>,
}

/// Loads `lessons/<name>/`; `None` when anything in it is wrong (problems recorded).
pub(super) fn load_lesson(dir: &Path, name: &str, problems: &mut Vec<Problem>) -> Option<Lesson> {
    let before = problems.len();
    if !is_valid_id(name) {
        problems.push(Problem::new(
            dir,
            1,
            format!("lesson folder '{name}': use lowercase letters, digits and dashes"),
        ));
    }
    let lesson = read_pair::<LessonFront>(dir, "lesson", problems);
    let guide = read_pair::<GuideFront>(dir, "guide", problems);
    let questions = load_check(&dir.join("check.toml"), problems);
    let video = load_video(dir, problems);
    let ((de, en), (guide_de, guide_en)) = (lesson?, guide?);
    let minutes = in_range(&de.source, &de.front.minutes, "minutes", 1, 600, problems)
        + in_range(
            &guide_de.source,
            &guide_de.front.minutes,
            "minutes",
            1,
            600,
            problems,
        );
    let lesson = Lesson {
        slug: name.to_string(),
        minutes,
        title: Text {
            de: non_empty(&de.source, &de.front.title, "title", problems),
            en: non_empty(&en.source, &en.front.title, "title", problems),
        },
        summary: Text {
            de: non_empty(&de.source, &de.front.summary, "summary", problems),
            en: non_empty(&en.source, &en.front.summary, "summary", problems),
        },
        body: Text {
            de: de.body,
            en: en.body,
        },
        guide_title: Text {
            de: non_empty(&guide_de.source, &guide_de.front.title, "title", problems),
            en: non_empty(&guide_en.source, &guide_en.front.title, "title", problems),
        },
        guide: Text {
            de: guide_de.body,
            en: guide_en.body,
        },
        video,
        questions,
    };
    (problems.len() == before).then_some(lesson)
}

/// Reads `check.toml`: 2 to 5 questions, each with 2 to 6 answers, a single-choice question
/// with exactly one correct answer, a multiple-choice one with at least one.
fn load_check(path: &Path, problems: &mut Vec<Problem>) -> Vec<Question> {
    let parsed = Source::read(path)
        .map_err(|_| {
            Problem::new(
                path,
                1,
                "missing file: check.toml (the knowledge check, 2 to 5 questions)",
            )
        })
        .and_then(|src| src.parse_toml::<RawCheck>().map(|raw| (src, raw)));
    let (src, raw) = match parsed {
        Ok(ok) => ok,
        Err(p) => {
            problems.push(p);
            return Vec::new();
        }
    };
    if !(2..=5).contains(&raw.questions.len()) {
        problems.push(src.problem_at(
            1,
            format!(
                "the knowledge check has {} question(s); give 2 to 5 ([[questions]])",
                raw.questions.len()
            ),
        ));
    }
    raw.questions
        .iter()
        .filter_map(|q| question(&src, q, problems))
        .collect()
}

fn question(
    src: &Source,
    raw: &Spanned<RawQuestion>,
    problems: &mut Vec<Problem>,
) -> Option<Question> {
    let q = raw.get_ref();
    let kind = match q.kind.get_ref().as_str() {
        "single" => QuestionKind::Single,
        "multiple" => QuestionKind::Multiple,
        other => {
            problems.push(src.problem(
                &q.kind.span(),
                format!("question kind '{other}': use \"single\" or \"multiple\""),
            ));
            return None;
        }
    };
    let text = bilingual(src, &q.text, "question text", problems);
    let answers: Vec<Answer> = q
        .answers
        .iter()
        .map(|a| Answer {
            correct: a.get_ref().correct,
            text: bilingual(src, &a.get_ref().text, "answer text", problems),
            explanation: bilingual(src, &a.get_ref().explanation, "explanation", problems),
        })
        .collect();
    let correct = answers.iter().filter(|a| a.correct).count();
    let wrong = match kind {
        _ if !(2..=6).contains(&answers.len()) => Some(format!(
            "the question has {} answer(s); give 2 to 6 ([[questions.answers]])",
            answers.len()
        )),
        _ if correct == 0 => {
            Some("the question has no correct answer: mark one with correct = true".into())
        }
        QuestionKind::Single if correct > 1 => Some(format!(
            "a single-choice question has exactly one correct answer, not {correct} (or use kind = \"multiple\")"
        )),
        _ => None,
    };
    if let Some(message) = wrong {
        problems.push(src.problem(&q.kind.span(), message));
    }
    Some(Question {
        kind,
        text,
        answers,
    })
}

/// The lesson's video, if any: within the size limit and with captions in both languages.
fn load_video(dir: &Path, problems: &mut Vec<Problem>) -> Option<Video> {
    let found = VIDEO_FILES
        .iter()
        .find(|(file, _)| dir.join(file).is_file());
    let captions = [("de", "captions.de.vtt"), ("en", "captions.en.vtt")];
    let Some((file, media_type)) = found else {
        for (_, name) in captions {
            if dir.join(name).exists() {
                problems.push(Problem::new(
                    &dir.join(name),
                    1,
                    "captions without a video: add video.webm or remove the caption file",
                ));
            }
        }
        return None;
    };
    let path = dir.join(file);
    let bytes = std::fs::read(&path)
        .map_err(|e| {
            problems.push(Problem::new(
                &path,
                1,
                format!("cannot read the video: {e}"),
            ))
        })
        .ok()?;
    let size = bytes.len() as u64;
    if size > MAX_VIDEO_BYTES {
        problems.push(Problem::new(
            &path,
            1,
            format!(
                "the video is {:.1} MB, over the limit of {} MB: shorten it or lower its bitrate",
                size as f64 / 1_048_576.0,
                MAX_VIDEO_BYTES / 1_048_576
            ),
        ));
    }
    let de = vtt::read(&dir.join(captions[0].1), problems);
    let en = vtt::read(&dir.join(captions[1].1), problems);
    let (de, en) = (de?, en?);
    if de.cues != en.cues {
        problems.push(Problem::new(
            &dir.join(captions[1].1),
            1,
            format!(
                "captions.en.vtt has {} cue(s), captions.de.vtt {}: both languages need the same cues",
                en.cues, de.cues
            ),
        ));
    }
    Some(Video {
        file: path,
        sha256: hex::encode(Sha256::digest(&bytes)),
        bytes: size,
        media_type: media_type.to_string(),
        captions: Text {
            de: de.text,
            en: en.text,
        },
    })
}
