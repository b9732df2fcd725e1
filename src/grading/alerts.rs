//! The grading mails: the owners are told when work waits for a co-trainer, a review is overdue
//! or a decision is disputed; a co-trainer is told about new reviews; a trainee about a decision.
//! Alerts are combined: at most one per owner, kind and day, and one "new reviews" mail per
//! co-trainer and day, so a busy day never floods anyone's inbox.

use chrono::NaiveDateTime;

use crate::db::DbConnection;
use crate::db::models::{OutboxMessage, Person, RoleGrant};
use crate::domain::ids::PersonId;
use crate::error::AppError;
use crate::mail::compose::{Composer, Email, compose, enqueue};

/// What needs the owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alert {
    /// Submitted work waits because no co-trainer fits.
    Unallocated,
    /// A review is past its grading deadline.
    Overdue,
    /// Two graders disagree, or a trainee disputes a decision.
    Moderation,
}

impl Alert {
    fn code(self) -> &'static str {
        match self {
            Self::Unallocated => "unallocated",
            Self::Overdue => "overdue",
            Self::Moderation => "moderation",
        }
    }
}

/// Tells every active owner (once per kind and day).
pub fn tell_owners(
    conn: &mut DbConnection,
    composer: &Composer,
    alert: Alert,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let owners = RoleGrant::people_with_role(conn, "owner")?;
    for owner in Person::list_by_ids(conn, &owners)? {
        if !owner.is_active() {
            continue;
        }
        let mut context = tera::Context::new();
        context.insert("alert", alert.code());
        context.insert("link", &format!("{}/grading", composer.base_url));
        enqueue(
            conn,
            composer,
            now,
            Email {
                key: format!("grading-alert:{}:{}:{}", alert.code(), owner.id, now.date()),
                template: "grading_alert",
                to: &owner,
                context,
            },
        )?;
    }
    Ok(())
}

/// Tells co-trainers that reviews were allocated to them (once per person and day).
pub fn tell_reviewers(
    conn: &mut DbConnection,
    composer: &Composer,
    reviewers: &[PersonId],
    now: NaiveDateTime,
) -> Result<(), AppError> {
    // One multi-row insert for all of them (a large allocation tells hundreds at once).
    let mut mails = Vec::new();
    for person in Person::list_by_ids(conn, reviewers)? {
        let mut context = tera::Context::new();
        context.insert("link", &format!("{}/reviews", composer.base_url));
        let email = Email {
            key: format!("reviews-allocated:{}:{}", person.id, now.date()),
            template: "reviews_allocated",
            to: &person,
            context,
        };
        mails.push(compose(composer, now, email, false)?);
    }
    for chunk in mails.chunks(500) {
        OutboxMessage::insert_many_if_absent(conn, chunk)?;
    }
    Ok(())
}
