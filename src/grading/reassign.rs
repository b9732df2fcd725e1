//! Moving reviews: the owner reassigns one review (to a named co-trainer or by the rule) or
//! rebalances a co-trainer's whole queue; overdue reviews can move automatically. The old
//! review keeps its row (state `reassigned`) and its history.

use chrono::NaiveDateTime;
use serde::Serialize;
use serde_json::json;

use super::allocate::{SlotRequest, place};
use super::items::load_one;
use crate::accounts::Identity;
use crate::db::models::{AuditEntry, CohortCotrainer, Person, Review, ReviewEvent};
use crate::db::{DbConnection, write_tx};
use crate::domain::ids::{PersonId, ReviewId};
use crate::domain::states::ReviewState;
use crate::error::{AppError, Outcome, reasons};
use crate::mail::compose::Composer;

reasons! {
    /// Why a review was not moved.
    pub enum ReassignRefusal {
        /// The review is completed or was moved already.
        NotOpen = "not_open" => ("reassign-error-not-open", CONFLICT),
        /// The named person is not an active co-trainer of the cohort.
        NotACotrainer = "not_a_cotrainer" => ("reassign-error-not-cotrainer", CONFLICT),
        /// The named person is the trainee, or already grades this version.
        Conflict = "conflict" => ("reassign-error-conflict", CONFLICT),
        /// Nobody else fits the rules right now.
        NobodyFits = "nobody_fits" => ("reassign-error-nobody-fits", CONFLICT),
    }
}

/// Moves one open review inside the caller's transaction; returns the new review.
pub fn move_review(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: Option<&PersonId>,
    review: &Review,
    to: Option<PersonId>,
    now: NaiveDateTime,
) -> Outcome<ReviewId> {
    if !review.is_open() {
        return Ok(Err(ReassignRefusal::NotOpen.into()));
    }
    let item = load_one(conn, &review.submission_version_id)?;
    if let Some(person) = &to {
        let others = Review::list_active_by_version(conn, &item.version.id)?;
        if person == &item.trainee.id || others.iter().any(|o| &o.reviewer_id == person) {
            return Ok(Err(ReassignRefusal::Conflict.into()));
        }
        if !CohortCotrainer::is_assigned(conn, &item.cohort.id, person)? {
            return Ok(Err(ReassignRefusal::NotACotrainer.into()));
        }
    }
    let mut old = review.clone();
    old.state = ReviewState::Reassigned;
    if !Review::save(conn, &old, review.lock_version)? {
        return Err(AppError::Conflict("error-changed-meanwhile".into()));
    }
    let request = SlotRequest {
        item: &item,
        slot: review.slot,
        excluded: vec![review.reviewer_id.clone()],
        manual: to.clone(),
        queue_if_none: false,
    };
    let placement = place(conn, composer, &[request], now)?;
    let Some(new_id) = placement.allocated.first().cloned() else {
        // Nobody fits: the review stays where it was.
        let mut back = old.clone();
        back.state = review.state;
        Review::save(conn, &back, review.lock_version + 1)?;
        return Ok(Err(if to.is_some() {
            ReassignRefusal::NotACotrainer.into()
        } else {
            ReassignRefusal::NobodyFits.into()
        }));
    };
    ReviewEvent::record(
        conn,
        &review.id,
        actor,
        "reassigned",
        json!({ "to_review": new_id.0, "manual": to.is_some() }),
        now,
    )?;
    Ok(Ok(new_id))
}

/// The owner reassigns one review (`to`: an email, or empty for the rule).
pub fn reassign(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    id: &ReviewId,
    to: Option<&str>,
    now: NaiveDateTime,
) -> Outcome<ReviewId> {
    if !actor.is_owner {
        return Err(AppError::NotFound);
    }
    write_tx(conn, |conn| {
        let review = Review::find(conn, id)?.ok_or(AppError::NotFound)?;
        let target = match to.map(str::trim).filter(|t| !t.is_empty()) {
            Some(email) => match Person::find_by_email(conn, email)?.filter(Person::is_active) {
                Some(p) => Some(p.id),
                None => return Ok(Err(ReassignRefusal::NotACotrainer.into())),
            },
            None => None,
        };
        let moved = move_review(conn, composer, Some(&actor.person.id), &review, target, now)?;
        if let Ok(new_id) = &moved {
            AuditEntry::new(
                now,
                Some(&actor.person.id),
                "review_reassigned",
                "review",
                Some(id.as_str()),
            )
            .details(json!({ "new_review": new_id.0 }))
            .record(conn)?;
        }
        Ok(moved)
    })
}

/// What a rebalance did.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Rebalanced {
    /// Reviews moved to others.
    pub moved: usize,
    /// Reviews that stayed (nobody else fits).
    pub stayed: usize,
}

/// The owner moves a co-trainer's whole queue to others, by the rule.
pub fn rebalance(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    person: &PersonId,
    now: NaiveDateTime,
) -> Result<Rebalanced, AppError> {
    if !actor.is_owner {
        return Err(AppError::NotFound);
    }
    write_tx(conn, |conn| {
        let mut out = Rebalanced::default();
        for review in Review::list_open_by_reviewer(conn, person)? {
            match move_review(conn, composer, Some(&actor.person.id), &review, None, now)? {
                Ok(_) => out.moved += 1,
                Err(_) => out.stayed += 1,
            }
        }
        AuditEntry::new(
            now,
            Some(&actor.person.id),
            "queue_rebalanced",
            "person",
            Some(person.as_str()),
        )
        .details(json!({ "moved": out.moved, "stayed": out.stayed }))
        .record(conn)?;
        Ok(out)
    })
}
