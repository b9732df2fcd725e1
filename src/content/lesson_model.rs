//! A self-paced program's lessons as validated: text, how-to guide, optional video with
//! captions, and the knowledge check.

use std::path::PathBuf;

use serde::Serialize;

use super::model::Text;

/// One lesson of a self-paced program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lesson {
    /// Folder name and stable id.
    pub slug: String,
    /// Estimated time for lesson and guide, in minutes.
    pub minutes: i32,
    /// Title.
    pub title: Text,
    /// One-sentence summary.
    pub summary: Text,
    /// The lesson, Markdown.
    pub body: Text,
    /// The how-to guide's title.
    pub guide_title: Text,
    /// The how-to guide, Markdown.
    pub guide: Text,
    /// A short video with captions in both languages.
    pub video: Option<Video>,
    /// The knowledge check's questions.
    pub questions: Vec<Question>,
}

/// A lesson's video file and its WebVTT captions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Video {
    /// Where the file is on disk (not part of the content hash: its digest is).
    #[serde(skip)]
    pub file: PathBuf,
    /// Hex SHA-256 of the file.
    pub sha256: String,
    /// File size in bytes.
    pub bytes: u64,
    /// Media type, e.g. `video/webm`.
    pub media_type: String,
    /// WebVTT captions.
    pub captions: Text,
}

impl Video {
    /// The storage key: content-addressed, so a changed video is a new object.
    pub fn storage_key(&self) -> String {
        format!("content/videos/{}", self.sha256)
    }
}

/// Single or multiple choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Exactly one answer is correct.
    Single,
    /// One or more answers are correct; all of them, and only them, must be chosen.
    Multiple,
}

/// One question of a knowledge check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Question {
    /// Single or multiple choice.
    pub kind: QuestionKind,
    /// The question.
    pub text: Text,
    /// The answers in order.
    pub answers: Vec<Answer>,
}

/// One answer with why it is right or wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Answer {
    /// Whether it is (one of) the correct answer(s).
    pub correct: bool,
    /// The answer.
    pub text: Text,
    /// Why it is right or wrong, shown after answering.
    pub explanation: Text,
}
