//! Suspending and reinstating a person, for the directory sync and SCIM alike. A suspended
//! person cannot sign in (their sessions end now; links, passwords and API tokens check the
//! status), is no longer a candidate for reviews, and their open reviews go to others by the
//! allocation rule. Certificates stay as they are and remain verifiable.

use chrono::NaiveDateTime;

use crate::db::DbConnection;
use crate::db::models::{Person, Review, Session};
use crate::domain::ids::PersonId;
use crate::domain::states::PersonStatus;
use crate::error::AppError;
use crate::mail::compose::Composer;

/// What a suspension did.
#[derive(Debug, Default, Clone, Copy, serde::Serialize, utoipa::ToSchema)]
pub struct Suspension {
    /// Sessions ended.
    pub sessions_ended: usize,
    /// Open reviews moved to other co-trainers.
    pub reviews_moved: usize,
    /// Open reviews nobody else fits yet (they stay with the person and show as overdue).
    pub reviews_stayed: usize,
}

/// Suspends an active person inside the caller's transaction (a person an owner disabled
/// stays disabled).
pub fn suspend(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: Option<&PersonId>,
    person: &PersonId,
    now: NaiveDateTime,
) -> Result<Suspension, AppError> {
    let mut out = Suspension::default();
    let Some(p) = Person::find(conn, person)? else {
        return Ok(out);
    };
    if p.status != PersonStatus::Active {
        return Ok(out);
    }
    Person::set_status(conn, person, PersonStatus::Suspended, now)?;
    out.sessions_ended = Session::delete_by_person(conn, person)?;
    for review in Review::list_open_by_reviewer(conn, person)? {
        match crate::grading::reassign::move_review(conn, composer, actor, &review, None, now)? {
            Ok(_) => out.reviews_moved += 1,
            Err(_) => out.reviews_stayed += 1,
        }
    }
    Ok(out)
}

/// Reinstates a suspended person inside the caller's transaction; true if they were.
pub fn reinstate(
    conn: &mut DbConnection,
    person: &PersonId,
    now: NaiveDateTime,
) -> Result<bool, AppError> {
    match Person::find(conn, person)? {
        Some(p) if p.status == PersonStatus::Suspended => {
            Person::set_status(conn, person, PersonStatus::Active, now)?;
            Ok(true)
        }
        _ => Ok(false),
    }
}
