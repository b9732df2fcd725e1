//! A message to an expert: mailed through the outbox with the asker's name and address, so the
//! expert answers directly; the asker never sees the expert's address. Each asker sends a few a
//! day, and an expert who paused or takes no questions gets none.

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{ExpertRefusal, is_listed};
use crate::accounts::Identity;
use crate::db::models::{AuditEntry, ExpertProfile, Person, RateLimit};
use crate::db::{DbConnection, refusable_tx};
use crate::domain::ids::PersonId;
use crate::error::{AppError, FieldError, Outcome, Refusal};
use crate::mail::compose::{Composer, Email, enqueue};

/// Messages an asker may send in a day.
pub const PER_DAY: i32 = 5;

/// The message as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ContactInput {
    /// The question (10 to 2,000 characters).
    #[serde(default)]
    pub message: String,
}

/// Sends the message to the expert.
pub fn contact(
    conn: &mut DbConnection,
    composer: &Composer,
    me: &Identity,
    expert: &PersonId,
    input: &ContactInput,
    now: NaiveDateTime,
) -> Outcome<()> {
    let message = input.message.trim();
    let length = message.chars().count();
    if !(10..=2000).contains(&length) || message.contains('\0') {
        return Ok(Err(Refusal::invalid(vec![FieldError::new(
            "message",
            "expert-error-message",
        )])));
    }
    refusable_tx(conn, |conn| {
        let profile = ExpertProfile::find(conn, expert)?
            .filter(is_listed)
            .filter(|_| expert != &me.person.id)
            .ok_or(AppError::NotFound)?;
        if !profile.open_to_questions || profile.messages_paused {
            return Ok(Err(ExpertRefusal::NotTakingMessages.into()));
        }
        let bucket = format!("expert-contact:{}", me.person.id);
        RateLimit::hit(conn, &bucket, PER_DAY, Duration::days(1), now)?
            .map_err(AppError::TooManyRequests)?;
        let to = Person::find(conn, expert)?.ok_or(AppError::NotFound)?;
        let mut context = tera::Context::new();
        context.insert("asker", &me.person.name);
        context.insert("asker_email", &me.person.email);
        context.insert("message", message);
        context.insert("url", &format!("{}/experts/me", composer.base_url));
        let email = Email {
            key: format!(
                "expert-contact:{}:{}",
                me.person.id,
                uuid::Uuid::now_v7().simple()
            ),
            template: "expert_contact",
            to: &to,
            context,
        };
        enqueue(conn, composer, now, email)?;
        AuditEntry::new(
            now,
            Some(&me.person.id),
            "expert_contacted",
            "person",
            Some(expert.as_str()),
        )
        .record(conn)?;
        Ok(Ok(()))
    })
}
