//! The scheduler tick: every minute, in every instance, allocate work that waits for a
//! co-trainer, escalate overdue reviews, send reminder digests and the owners' monthly
//! reports (keeping the impact report of each month). Correctness comes from the data (claimed queue
//! rows, optimistic locks, idempotency keys), not from electing a leader; a tick missed during
//! downtime simply finds more to do.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::NaiveDateTime;
use serde::Serialize;

pub mod impact_mail;
pub mod maintenance;
pub mod owner_digest;
pub mod register_mail;
mod reminder_events;
pub mod reminder_items;
mod reminder_trainees;
pub mod reminders;

use crate::clock::Clock;
use crate::config::rules::Rules;
use crate::db::{DbConnection, DbPool};
use crate::error::AppError;
use crate::grading::{allocate, escalation};
use crate::mail::compose::Composer;

/// What one tick did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tick {
    /// Waiting review slots allocated.
    pub allocated: usize,
    /// Overdue reviews escalated.
    pub escalated: usize,
    /// Of those, moved to another co-trainer.
    pub reallocated: usize,
    /// Reminder digests written.
    pub digests: usize,
}

/// One tick.
pub fn tick(
    conn: &mut DbConnection,
    composer: &Composer,
    rules: &Rules,
    now: NaiveDateTime,
) -> Result<Tick, AppError> {
    let allocated = allocate::drain(conn, composer, 5_000, now)?;
    let after = chrono::Duration::days(rules.escalate_after_days);
    let escalated = escalation::run(conn, composer, after, now)?;
    let digests = reminders::tick(conn, composer, rules, now, false)?.len()
        + owner_digest::tick(conn, composer, rules, now)?
        + register_mail::tick(conn, composer, rules, now)?
        + impact_mail::tick(conn, composer, rules, now)?;
    Ok(Tick {
        allocated,
        escalated: escalated.escalated,
        reallocated: escalated.reallocated,
        digests,
    })
}

/// Runs [`tick`] every `rules.tick_seconds` (a minute) until the server stops.
pub async fn run(pool: DbPool, composer: Composer, rules: Rules, clock: Arc<dyn Clock>) {
    loop {
        tokio::time::sleep(StdDuration::from_secs(rules.tick_seconds)).await;
        if crate::ops::shutdown::requested() {
            return;
        }
        let (p, c, r, now) = (
            pool.clone(),
            composer.clone(),
            rules.clone(),
            clock.now_naive(),
        );
        let started = std::time::Instant::now();
        let outcome = actix_web::rt::task::spawn_blocking(move || -> anyhow::Result<Tick> {
            let mut conn = p.get()?;
            tick(&mut conn, &c, &r, now).map_err(|e| anyhow::anyhow!("{e}"))
        })
        .await;
        crate::ops::metrics::tick(started.elapsed());
        match outcome {
            Ok(Ok(t)) if t != Tick::default() => tracing::info!(?t, "scheduler tick"),
            Ok(Err(e)) => tracing::warn!(error = %e, "scheduler tick failed"),
            _ => {}
        }
    }
}
