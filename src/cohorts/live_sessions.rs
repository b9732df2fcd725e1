//! A cohort's live sessions from its program's plan, laid on by the owner for a cohort that
//! lacks them (a new cohort gets them when it is created).

use chrono::NaiveDateTime;

use super::for_change;
use crate::accounts::Identity;
use crate::db::models::AuditEntry;
use crate::db::{DbConnection, refusable_tx};
use crate::domain::ids::CohortId;
use crate::error::{Outcome, proceed};
use crate::events::cohort_sessions;
use crate::mail::Composer;

/// The owner lays the program's plan on a cohort that can still change: the sessions it
/// lacks are created and every active trainee gets a place. Returns how many were created.
pub fn lay_on_by_owner(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    cohort: &CohortId,
    now: NaiveDateTime,
) -> Outcome<usize> {
    refusable_tx(conn, |conn| {
        let cohort = proceed!(for_change(conn, actor, cohort));
        let created = cohort_sessions::lay_on(conn, &cohort, &actor.person.id, now)?;
        for event in &created {
            cohort_sessions::register_cohort(conn, composer, event, now)?;
        }
        AuditEntry::new(
            now,
            Some(&actor.person.id),
            "cohort_sessions_planned",
            "cohort",
            Some(cohort.id.as_str()),
        )
        .details(serde_json::json!({ "created": created.len() }))
        .record(conn)?;
        Ok(Ok(created.len()))
    })
}
