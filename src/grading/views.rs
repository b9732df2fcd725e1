//! What a co-trainer (or the owner) sees of reviews: the queue (the review page is in
//! `review_page`). Under
//! anonymous grading a co-trainer sees a stable pseudonym and neutral file names, never the
//! trainee's name, email or original file names.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::items::WorkItem;
use crate::db::DbConnection;
use crate::db::keyset::{self, After, Paged};
use crate::db::models::trainee_pseudonym::label_for;
use crate::db::models::{Attachment, Person, Review};
use crate::domain::language::Language;
use crate::domain::states::GradingDecision;
use crate::error::AppError;

/// Who the work is by, as the viewer may see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TraineeLabel {
    /// The name (absent under anonymous grading for co-trainers).
    pub name: Option<String>,
    /// The stable pseudonym (under anonymous grading).
    pub pseudonym: Option<String>,
}

/// The label of an item's trainee for a viewer.
pub fn trainee_label(
    conn: &mut DbConnection,
    item: &WorkItem,
    viewer_is_owner: bool,
) -> Result<TraineeLabel, AppError> {
    if item.curriculum.anonymous_grading && !viewer_is_owner {
        Ok(TraineeLabel {
            name: None,
            pseudonym: Some(label_for(conn, &item.enrollment.id)?),
        })
    } else {
        Ok(TraineeLabel {
            name: Some(item.trainee.name.clone()),
            pseudonym: None,
        })
    }
}

/// One line of the queue.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct QueueEntry {
    /// Review id.
    pub id: String,
    /// The trainee (or pseudonym).
    pub trainee: TraineeLabel,
    /// Cohort name.
    pub cohort: String,
    /// Assignment title.
    pub assignment: String,
    /// Version number.
    pub version: i32,
    /// allocated or started.
    pub state: String,
    /// Grading deadline in the viewer's time zone.
    pub due_local: String,
    /// Grading deadline, UTC (RFC 3339).
    #[schema(format = DateTime)]
    pub due_utc: String,
    /// Hours left (negative: overdue).
    pub hours_left: i64,
    /// Past the deadline.
    pub overdue: bool,
}

pub(super) use crate::domain::schedule::local_text as local;

/// Open reviews on one page of the queue.
pub const QUEUE_PAGE: i64 = 50;

/// One page of my queue.
#[derive(Debug, Serialize)]
pub struct QueuePage {
    /// The reviews on this page.
    pub entries: Vec<QueueEntry>,
    /// Open reviews in all.
    pub total: i64,
    /// This page (from 1).
    pub page: i64,
    /// Pages in all (at least 1).
    pub pages: i64,
    /// Position of the first review on this page (from 1).
    pub first: i64,
    /// Position of the last one.
    pub last: i64,
    /// Hidden references to grade (on the first page, among the reviews).
    pub hidden: Vec<super::calibration::HiddenLine>,
}

/// One page of my open reviews, soonest deadline first.
pub fn queue_page(
    conn: &mut DbConnection,
    me: &Person,
    lang: Language,
    now: NaiveDateTime,
    page: i64,
) -> Result<QueuePage, AppError> {
    // A page number from the address: any value gives a page, never an overflow.
    let page = page.clamp(1, 1_000_000);
    let skip = (page - 1) * QUEUE_PAGE;
    let total = Review::count_open_by_reviewer(conn, &me.id)?;
    let lines = super::queue::open_lines(conn, &me.id, Some((QUEUE_PAGE, skip)))?;
    let entries = super::queue::entries(conn, lines, me.tz(), lang, now)?;
    let hidden = if page == 1 {
        super::calibration::hidden_in_queue(conn, me, lang)?
    } else {
        Vec::new()
    };
    Ok(QueuePage {
        hidden,
        first: skip + 1,
        last: skip + entries.len() as i64,
        entries,
        total,
        page,
        pages: ((total + QUEUE_PAGE - 1) / QUEUE_PAGE).max(1),
    })
}

/// One page of my open reviews, soonest deadline first (then by review id), after the
/// cursor's review. A co-trainer's open reviews are few (their capacity), so the lines are
/// read whole and cut after the cursor; only the page's lines are looked up further.
pub fn queue(
    conn: &mut DbConnection,
    me: &Person,
    lang: Language,
    now: NaiveDateTime,
    cursor: Option<&str>,
    limit: i64,
) -> Result<Paged<QueueEntry>, AppError> {
    const LIST: &str = "reviews";
    let after = match keyset::decode(LIST, "due", cursor)? {
        Some(a) => Some((a.time()?, a.id)),
        None => None,
    };
    let lines: Vec<_> = super::queue::open_lines(conn, &me.id, None)?
        .into_iter()
        .filter(|l| match &after {
            None => true,
            Some((due, id)) => (l.2, &l.0) > (*due, id),
        })
        .take(usize::try_from(limit + 1).unwrap_or(usize::MAX))
        .collect();
    let key = |l: &super::queue::Line| After {
        key: keyset::key_of_time(l.2),
        id: l.0.clone(),
    };
    let page = keyset::page(LIST, "due", lines, limit, key);
    Ok(Paged {
        items: super::queue::entries(conn, page.items, me.tz(), lang, now)?,
        next_cursor: page.next_cursor,
    })
}

/// A file of the work, as the viewer may see it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FileView {
    /// Attachment id (download at `/attachments/{id}`).
    pub id: String,
    /// File name (neutral under anonymous grading).
    pub name: String,
    /// Size in bytes.
    pub size_bytes: i64,
}

/// The file name a viewer sees: neutral for co-trainers under anonymous grading.
pub fn file_name(attachment: &Attachment, item: &WorkItem, anonymous: bool, n: usize) -> String {
    if !anonymous {
        return attachment.original_name.clone();
    }
    let ext = attachment
        .original_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .filter(|e| e.len() <= 5 && e.chars().all(|c| c.is_ascii_alphanumeric()))
        .unwrap_or_else(|| "bin".into());
    format!(
        "{}-v{}-{}.{ext}",
        item.assignment.slug, item.version.number, n
    )
}

/// What the rubric suggests: passed from the pass threshold on, unless a required criterion is
/// below its minimum (`short`), which fails the work whatever the total.
pub fn suggestion(points: i32, threshold: i32, short: bool) -> &'static str {
    if points >= threshold && !short {
        GradingDecision::Passed.as_str()
    } else {
        GradingDecision::RevisionRequested.as_str()
    }
}

pub use super::review_page::{
    CriterionForm, EarlierVersion, HistoryEntry, LevelOption, ReviewView, load_visible, page,
};
