//! `moderation_items`: what the owner is asked to check: two graders who disagree, a random
//! sample, or a trainee's dispute (one per version and reason).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::moderation_items;
use crate::db::{DbConnection, per_backend};
use crate::domain::ids::{CohortId, ModerationItemId, PersonId, SubmissionVersionId};
use crate::domain::states::{GradingDecision, ModerationAction, ModerationState};

/// A moderation item.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = moderation_items)]
pub struct ModerationItem {
    /// Id.
    pub id: ModerationItemId,
    /// The version concerned.
    pub submission_version_id: SubmissionVersionId,
    /// Its cohort.
    pub cohort_id: CohortId,
    /// disagreement, sample, dispute.
    pub reason: String,
    /// The trainee who disputed.
    pub raised_by: Option<PersonId>,
    /// The trainee's reason for a dispute.
    pub statement: String,
    /// Open or closed.
    pub state: ModerationState,
    /// Raised.
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub created_at: NaiveDateTime,
    /// The owner who resolved it.
    pub resolved_by: Option<PersonId>,
    /// When.
    #[serde(serialize_with = "crate::domain::timestamp::serialize_option")]
    pub resolved_at: Option<NaiveDateTime>,
    /// What the owner did (closed items).
    pub action: Option<ModerationAction>,
    /// The decision after moderation.
    pub decision: Option<GradingDecision>,
    /// The owner's note (joins the trainee's feedback).
    pub note: String,
    /// Optimistic lock.
    pub lock_version: i32,
}

impl ModerationItem {
    /// An item by id.
    pub fn find(
        conn: &mut DbConnection,
        id: &ModerationItemId,
    ) -> QueryResult<Option<ModerationItem>> {
        moderation_items::table
            .find(id)
            .select(ModerationItem::as_select())
            .first(conn)
            .optional()
    }

    /// Raises an item unless one with the same version and reason exists; returns whether it
    /// was new.
    pub fn raise(conn: &mut DbConnection, row: &ModerationItem) -> QueryResult<bool> {
        let n = per_backend!(conn, c => diesel::insert_into(moderation_items::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(c))?;
        Ok(n == 1)
    }

    /// Items, open first then newest (optionally only open ones, optionally of one cohort).
    pub fn list(
        conn: &mut DbConnection,
        only_open: bool,
        cohort: Option<&CohortId>,
        limit: i64,
    ) -> QueryResult<Vec<ModerationItem>> {
        let mut q = moderation_items::table
            .order((
                moderation_items::state.desc(),
                moderation_items::created_at.desc(),
            ))
            .limit(limit)
            .select(ModerationItem::as_select())
            .into_boxed();
        if only_open {
            q = q.filter(moderation_items::state.eq(ModerationState::Open));
        }
        if let Some(c) = cohort {
            q = q.filter(moderation_items::cohort_id.eq(c.clone()));
        }
        q.load(conn)
    }

    /// The items of these versions.
    pub fn list_by_versions(
        conn: &mut DbConnection,
        versions: &[SubmissionVersionId],
    ) -> QueryResult<Vec<ModerationItem>> {
        moderation_items::table
            .filter(moderation_items::submission_version_id.eq_any(versions))
            .select(ModerationItem::as_select())
            .load(conn)
    }

    /// Closes an item if unchanged since `lock_version`; returns whether it was.
    pub fn resolve(
        conn: &mut DbConnection,
        row: &ModerationItem,
        lock_version: i32,
    ) -> QueryResult<bool> {
        let n = diesel::update(
            moderation_items::table
                .filter(moderation_items::id.eq(&row.id))
                .filter(moderation_items::lock_version.eq(lock_version))
                .filter(moderation_items::state.eq(ModerationState::Open)),
        )
        .set((
            moderation_items::state.eq(ModerationState::Closed),
            moderation_items::resolved_by.eq(&row.resolved_by),
            moderation_items::resolved_at.eq(row.resolved_at),
            moderation_items::action.eq(&row.action),
            moderation_items::decision.eq(&row.decision),
            moderation_items::note.eq(&row.note),
            moderation_items::lock_version.eq(lock_version + 1),
        ))
        .execute(conn)?;
        Ok(n == 1)
    }
}
