//! The validated curriculum: what the loader produces and the sync stores.

use serde::Serialize;
use sha2::{Digest, Sha256};

pub use super::live_sessions::{LiveSessionPlan, SessionSlot};
pub use crate::domain::states::ProgramKind;

/// A text in both languages of the program.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Text {
    /// German.
    pub de: String,
    /// English.
    pub en: String,
}

impl Text {
    /// The text in `lang` (`de` or anything else for English).
    pub fn get(&self, lang: &str) -> &str {
        if lang == "de" { &self.de } else { &self.en }
    }
}

/// A whole program's curriculum, as one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Curriculum {
    /// The program's stable id, e.g. `community-manager`.
    pub slug: String,
    /// Program title.
    pub title: Text,
    /// A short description of the program.
    pub description: Text,
    /// How long a certificate stays valid.
    pub validity_months: i32,
    /// Minimum sum of points over all required assignments (0: none).
    pub min_total_points: i32,
    /// Minimum share of the cohort's live sessions attended, in percent (0: none).
    pub min_attendance_percent: i32,
    /// Whether an excused absence counts as attended.
    pub excused_counts: bool,
    /// Days a co-trainer has to grade a submission.
    pub grading_days: i32,
    /// Whether submissions after the due moment are refused (unless extended).
    pub hard_cutoff: bool,
    /// How co-trainers grade.
    pub grading: GradingPolicy,
    /// How new co-trainers calibrate.
    pub calibration: CalibrationPolicy,
    /// Modules in program order (a cohort program's).
    pub modules: Vec<Module>,
    /// Cohort training with graded assignments, or self-study at one's own pace.
    pub kind: ProgramKind,
    /// Where learners ask questions in the social intranet, per language.
    pub community: Option<Text>,
    /// Who may apply for a cohort program, and whether their manager approves.
    pub application: ApplicationPolicy,
    /// A self-paced program's share of correct answers that passes a knowledge check.
    pub pass_percent: i32,
    /// A self-paced program's lessons in order.
    pub lessons: Vec<Lesson>,
    /// A refresher's renewal: the program whose certification a pass renews. Left out of the
    /// content hash when empty, so programs without one keep their stored versions.
    #[serde(skip_serializing_if = "RenewalPolicy::is_none")]
    pub renewal: RenewalPolicy,
    /// A cohort program's live sessions, laid on every new cohort. Left out of the content
    /// hash when empty, so programs without them keep their stored versions.
    #[serde(skip_serializing_if = "LiveSessionPlan::is_empty")]
    pub live_sessions: LiveSessionPlan,
}

/// `renews` and `[renewal]` of a cohort program (a refresher).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RenewalPolicy {
    /// The program whose certification a pass of this one renews.
    pub renews: Option<String>,
    /// Months after expiry a holder may still be enrolled to renew (0: only while active).
    pub grace_months: i32,
}

impl RenewalPolicy {
    /// Renews nothing.
    pub fn is_none(&self) -> bool {
        self.renews.is_none()
    }
}

/// `[application]` of a cohort program.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ApplicationPolicy {
    /// A self-paced program whose certificate an applicant must hold.
    pub requires: Option<String>,
    /// The applicant's manager (from the HR data) approves before the owner decides.
    pub manager_approval: bool,
}

/// The program's grading policy (`[grading]` in `program.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GradingPolicy {
    /// Co-trainers see a stable pseudonym, never the trainee's name.
    pub anonymous: bool,
    /// Trainees see the name of the co-trainer who graded them.
    pub reveal_reviewer: bool,
    /// Share of decisions (percent) the owner is asked to moderate at random.
    pub moderation_sample_percent: i32,
    /// Overdue reviews that were not started move to another co-trainer automatically.
    pub reallocate_overdue: bool,
}

impl Default for GradingPolicy {
    fn default() -> Self {
        Self {
            anonymous: false,
            reveal_reviewer: true,
            moderation_sample_percent: 0,
            reallocate_overdue: false,
        }
    }
}

/// Calibration (`[calibration]` in `program.toml`): reference submissions a new co-trainer
/// grades before real reviews, and hidden references mixed into queues.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CalibrationPolicy {
    /// References graded per calibration round (0: no calibration).
    pub references: i32,
    /// Share (percent) of allocations that also put a hidden reference in the queue.
    pub hidden_percent: i32,
}

/// One module: a lesson and its assignments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Module {
    /// Folder name and stable id.
    pub slug: String,
    /// Days after cohort start when the module opens.
    pub unlock_days: i32,
    /// Days after cohort start when its assignments are due.
    pub due_days: i32,
    /// Estimated working time in minutes.
    pub minutes: i32,
    /// Lesson title.
    pub title: Text,
    /// One-sentence summary.
    pub summary: Text,
    /// Lesson body, Markdown.
    pub lesson: Text,
    /// The module's assignments, in order.
    pub assignments: Vec<Assignment>,
}

/// An assignment with its brief and rubric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assignment {
    /// Folder name and id, unique across the program.
    pub slug: String,
    /// Title.
    pub title: Text,
    /// The brief, Markdown.
    pub brief: Text,
    /// Points needed to pass.
    pub pass_threshold: i32,
    /// Required for the certificate.
    pub required: bool,
    /// Graded by two co-trainers independently.
    pub double_review: bool,
    /// Rubric criteria in order.
    pub criteria: Vec<Criterion>,
    /// Reference submissions with their gold grading, by folder name.
    pub references: Vec<Reference>,
}

/// A reference submission a lead trainer graded (`references/<id>/` of an assignment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// Folder name.
    pub slug: String,
    /// The submission, Markdown.
    pub body: Text,
    /// The gold level of every criterion, in rubric order.
    pub gold: Vec<Gold>,
}

/// The gold level of one criterion, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gold {
    /// Criterion id.
    pub criterion: String,
    /// The level's points.
    pub points: i32,
    /// Why this level.
    pub rationale: Text,
}

impl Assignment {
    /// The most points the rubric can give.
    pub fn max_points(&self) -> i32 {
        self.criteria.iter().map(Criterion::max_points).sum()
    }
}

/// One rubric criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Criterion {
    /// Id, unique within the assignment.
    pub slug: String,
    /// Title.
    pub title: Text,
    /// Levels, ordered by points.
    pub levels: Vec<Level>,
    /// For a required criterion, the points it must reach for the work to pass.
    pub minimum: Option<i32>,
}

impl Criterion {
    /// The highest level's points.
    pub fn max_points(&self) -> i32 {
        self.levels.iter().map(|l| l.points).max().unwrap_or(0)
    }
}

/// One level of a criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Level {
    /// Points for this level.
    pub points: i32,
    /// What work at this level looks like.
    pub description: Text,
}

pub use super::lesson_model::{Answer, Lesson, Question, QuestionKind, Video};

impl Curriculum {
    /// A hash of the whole curriculum's content: equal content, equal hash.
    pub fn content_hash(&self) -> String {
        let json = serde_json::to_vec(self).expect("curriculum serialises");
        hex::encode(Sha256::digest(&json))
    }

    /// Every assignment with its module, in program order.
    pub fn assignments(&self) -> impl Iterator<Item = (&Module, &Assignment)> {
        self.modules
            .iter()
            .flat_map(|m| m.assignments.iter().map(move |a| (m, a)))
    }
}
