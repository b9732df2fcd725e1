//! The delivery worker: claims due mails under a lease, checks each still applies, sends it
//! outside any transaction, and finishes it only while it still holds the lease. Transient
//! failures are retried with exponential backoff and jitter up to a horizon; permanent ones
//! stop at once.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{Duration, NaiveDateTime};
use futures_util::StreamExt;

use super::transport::{SendError, Transport};
use crate::clock::Clock;
use crate::db::models::{OutboxAttachment, OutboxMessage, Person};
use crate::db::{DbConnection, DbPool};
use crate::domain::states::OutboxStatus;

/// Delivers the outbox.
#[derive(Debug, Clone)]
pub struct Worker {
    pool: DbPool,
    transport: Transport,
    clock: Arc<dyn Clock>,
    from: String,
    id: String,
    /// Mails claimed at once.
    pub batch: i64,
    /// How long a claim holds (longer than the worst send).
    pub lease: Duration,
    /// Give up retrying a mail this long after it was enqueued.
    pub horizon: Duration,
    /// At most this many mails per minute (protects the relay).
    pub per_minute: u32,
}

/// What happened to the mails of one round.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    /// Delivered.
    pub sent: usize,
    /// To be tried again.
    pub retrying: usize,
    /// Failed for good (permanent error or horizon reached).
    pub failed: usize,
    /// No longer applicable.
    pub cancelled: usize,
}

impl Round {
    /// Mails handled in the round.
    pub fn total(&self) -> usize {
        self.sent + self.retrying + self.failed + self.cancelled
    }
}

impl Worker {
    /// A worker with the default timing.
    pub fn new(
        pool: DbPool,
        transport: Transport,
        clock: Arc<dyn Clock>,
        from: &str,
        horizon_hours: i64,
        per_minute: u32,
    ) -> Self {
        Self {
            pool,
            transport,
            clock,
            from: from.to_string(),
            id: format!("worker-{}", uuid::Uuid::new_v4().simple()),
            batch: 50,
            lease: Duration::minutes(5),
            horizon: Duration::hours(horizon_hours),
            per_minute,
        }
    }

    /// Claims and handles one batch of due mails.
    pub async fn run_once(&self) -> anyhow::Result<Round> {
        let (pool, id, now, lease, batch) = (
            self.pool.clone(),
            self.id.clone(),
            self.clock.now_naive(),
            self.lease,
            self.batch,
        );
        let claimed =
            actix_web::rt::task::spawn_blocking(move || -> anyhow::Result<Vec<OutboxMessage>> {
                let mut conn = pool.get()?;
                Ok(OutboxMessage::claim(&mut conn, &id, now, lease, batch)?)
            })
            .await??;
        // Several mails at once over the pooled SMTP connections: one connection waits ~40 ms
        // per mail on TCP acknowledgements, so sending one after another caps out near 25/s.
        let outcomes: Vec<anyhow::Result<Handled>> = futures_util::stream::iter(claimed)
            .map(|mail| async move { self.handle(mail).await })
            .buffer_unordered(CONCURRENCY)
            .collect()
            .await;
        let mut round = Round::default();
        for outcome in outcomes {
            match outcome? {
                Handled::Sent => round.sent += 1,
                Handled::Retrying => round.retrying += 1,
                Handled::Failed => round.failed += 1,
                Handled::Cancelled => round.cancelled += 1,
            }
        }
        Ok(round)
    }

    /// Sends one claimed mail (unless it no longer applies) and records the outcome.
    async fn handle(&self, mail: OutboxMessage) -> anyhow::Result<Handled> {
        if !self.still_applies(&mail).await? {
            self.finish(
                &mail,
                OutboxStatus::Cancelled,
                Some("no longer applies"),
                None,
            )
            .await?;
            return Ok(Handled::Cancelled);
        }
        let files = self.attachments(&mail).await?;
        Ok(match self.transport.send(&mail, &files, &self.from).await {
            Ok(()) => {
                self.finish(&mail, OutboxStatus::Sent, None, None).await?;
                Handled::Sent
            }
            Err(SendError::Permanent(e)) => {
                tracing::warn!(mail = %mail.id, kind = %mail.kind, error = %e, "mail refused permanently");
                self.finish(&mail, OutboxStatus::Failed, Some(&e), None)
                    .await?;
                Handled::Failed
            }
            Err(SendError::Transient(e)) => {
                let now = self.clock.now_naive();
                let next = now + backoff(mail.attempts);
                if next - mail.created_at > self.horizon {
                    tracing::warn!(mail = %mail.id, attempts = mail.attempts, "giving up on mail");
                    self.finish(&mail, OutboxStatus::Dead, Some(&e), None)
                        .await?;
                    Handled::Failed
                } else {
                    tracing::info!(mail = %mail.id, attempts = mail.attempts, error = %e, "mail will be retried");
                    self.finish(&mail, OutboxStatus::Pending, Some(&e), Some(next))
                        .await?;
                    Handled::Retrying
                }
            }
        })
    }

    /// Delivers until nothing is due (tests and `qualify worker --once`).
    pub async fn drain(&self) -> anyhow::Result<Round> {
        let mut total = Round::default();
        loop {
            let round = self.run_once().await?;
            if round.total() == 0 {
                return Ok(total);
            }
            total.sent += round.sent;
            total.retrying += round.retrying;
            total.failed += round.failed;
            total.cancelled += round.cancelled;
            if round.sent + round.cancelled + round.failed == 0 {
                return Ok(total);
            }
        }
    }

    /// Runs forever, at most `per_minute` mails a minute, polling every second when idle.
    pub async fn run(mut self) {
        self.batch = self.batch.min(i64::from(self.per_minute.max(1)));
        let mut window = tokio::time::Instant::now();
        let mut sent_in_window = 0usize;
        while !crate::ops::shutdown::requested() {
            if window.elapsed() >= StdDuration::from_secs(60) {
                window = tokio::time::Instant::now();
                sent_in_window = 0;
            }
            if sent_in_window >= self.per_minute as usize {
                tokio::time::sleep_until(window + StdDuration::from_secs(60)).await;
                continue;
            }
            match self.run_once().await {
                Ok(round) if round.total() > 0 => sent_in_window += round.total(),
                Ok(_) => tokio::time::sleep(StdDuration::from_secs(1)).await,
                Err(e) => {
                    tracing::warn!(error = %e, "mail worker round failed");
                    tokio::time::sleep(StdDuration::from_secs(5)).await;
                }
            }
        }
    }

    /// The files attached to a mail (only looked up for mails that say they have some).
    async fn attachments(&self, mail: &OutboxMessage) -> anyhow::Result<Vec<OutboxAttachment>> {
        let headers: serde_json::Value = serde_json::from_str(&mail.headers).unwrap_or_default();
        if headers["attachments"].as_bool() != Some(true) {
            return Ok(Vec::new());
        }
        let (pool, id) = (self.pool.clone(), mail.id.clone());
        actix_web::rt::task::spawn_blocking(move || -> anyhow::Result<Vec<OutboxAttachment>> {
            let mut conn = pool.get()?;
            Ok(OutboxAttachment::list_for(&mut conn, &id)?)
        })
        .await?
    }

    async fn still_applies(&self, mail: &OutboxMessage) -> anyhow::Result<bool> {
        let Some(person) = mail.person_id.clone() else {
            return Ok(true);
        };
        let pool = self.pool.clone();
        let kind = mail.kind.clone();
        actix_web::rt::task::spawn_blocking(move || -> anyhow::Result<bool> {
            let mut conn = pool.get()?;
            let Some(person) = Person::find(&mut conn, &person)? else {
                return Ok(false);
            };
            // Account mails go to anyone who still has an account; the rest need an active one.
            if !(person.is_active() || kind == "account_disabled") {
                return Ok(false);
            }
            // A kind the person switched off since the mail was written is not sent.
            Ok(match super::preferences::kind_of(&kind) {
                Some(k) => {
                    crate::db::models::mail_preference::is_enabled(&mut conn, &person.id, k)?
                }
                None => true,
            })
        })
        .await?
    }

    async fn finish(
        &self,
        mail: &OutboxMessage,
        status: OutboxStatus,
        error: Option<&str>,
        next: Option<NaiveDateTime>,
    ) -> anyhow::Result<()> {
        let (pool, id, worker, now) = (
            self.pool.clone(),
            mail.id.clone(),
            self.id.clone(),
            self.clock.now_naive(),
        );
        let error = error.map(|e| e.chars().take(500).collect::<String>());
        let forget =
            status != OutboxStatus::Pending && super::CARRIES_SIGN_IN.contains(&mail.kind.as_str());
        let held = actix_web::rt::task::spawn_blocking(move || -> anyhow::Result<bool> {
            let mut conn: diesel::r2d2::PooledConnection<_> = pool.get()?;
            let conn: &mut DbConnection = &mut conn;
            let held =
                OutboxMessage::finish(conn, &id, &worker, status, error.as_deref(), next, now)?;
            if held && forget {
                OutboxMessage::forget_body(conn, &id, super::FORGOTTEN_BODY)?;
            }
            Ok(held)
        })
        .await??;
        if !held {
            tracing::warn!(mail = %mail.id, "lease lost before the mail was finished; another worker owns it");
        }
        Ok(())
    }
}

/// Mails sent at the same time by one worker, each over its own pooled connection (16).
const CONCURRENCY: usize = 16;

/// What became of one mail.
enum Handled {
    Sent,
    Retrying,
    Failed,
    Cancelled,
}

/// Wait before attempt `attempts + 1`: one minute doubling per attempt, at most an hour, ±20 %.
pub fn backoff(attempts: i32) -> Duration {
    let base = 60i64 * 2i64.pow(attempts.clamp(1, 7) as u32 - 1);
    let capped = base.min(3600);
    let jitter = (capped as f64 * 0.2 * (rand::random::<f64>() * 2.0 - 1.0)) as i64;
    Duration::seconds(capped + jitter)
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn backoff_doubles_and_is_capped_with_jitter() {
        for (attempts, base) in [(1, 60), (2, 120), (3, 240), (7, 3600), (30, 3600)] {
            let wait = backoff(attempts).num_seconds();
            assert!(
                (base * 8 / 10..=base * 12 / 10).contains(&wait),
                "{attempts}: {wait}"
            );
        }
    }
}
