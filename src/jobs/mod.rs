//! The scheduler tick: every minute, in every instance, allocate work that waits for a
//! co-trainer, escalate overdue reviews and send reminder digests. Correctness comes from the data (claimed queue
//! rows, optimistic locks, idempotency keys), not from electing a leader; a tick missed during
//! downtime simply finds more to do.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::NaiveDateTime;
use serde::Serialize;

pub mod owner_digest;
pub mod reminders;

use crate::clock::Clock;
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
    now: NaiveDateTime,
) -> Result<Tick, AppError> {
    let allocated = allocate::drain(conn, composer, 5_000, now)?;
    let escalated = escalation::run(conn, composer, now)?;
    let digests = reminders::tick(conn, composer, now, false)?.len()
        + owner_digest::tick(conn, composer, now)?;
    Ok(Tick {
        allocated,
        escalated: escalated.escalated,
        reallocated: escalated.reallocated,
        digests,
    })
}

/// Runs [`tick`] every minute until the server stops.
pub async fn run(pool: DbPool, composer: Composer, clock: Arc<dyn Clock>) {
    loop {
        tokio::time::sleep(StdDuration::from_secs(60)).await;
        let (p, c, now) = (pool.clone(), composer.clone(), clock.now_naive());
        let outcome = actix_web::rt::task::spawn_blocking(move || -> anyhow::Result<Tick> {
            let mut conn = p.get()?;
            tick(&mut conn, &c, now).map_err(|e| anyhow::anyhow!("{e}"))
        })
        .await;
        match outcome {
            Ok(Ok(t)) if t != Tick::default() => tracing::info!(?t, "scheduler tick"),
            Ok(Err(e)) => tracing::warn!(error = %e, "scheduler tick failed"),
            _ => {}
        }
    }
}
