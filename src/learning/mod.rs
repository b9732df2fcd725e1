//! Self-study: anyone signed in enrolls in a self-paced program with one click, marks lessons
//! done, takes knowledge checks (retries allowed, the best result kept), and on completing
//! every lesson and check receives a self-study certificate.

mod cache;
pub mod checks;
pub mod overview;
pub mod study;

pub use checks::{Attempt, CheckResult, answer_check};
pub use overview::{
    LessonPage, Overview, ProgramCard, ProgramEntry, catalog, lesson_page, overview, programs,
};
pub use study::{LearnRefusal, VideoRef, captions, complete_lesson, enroll, video};
