//! The live impact report, computed at most every [`FRESH_SECONDS`] per instance and never by
//! two requests at once, as the dashboard is (`dashboard_cache`): once the figures are older,
//! the request that notices starts one recomputation in the background and is answered with
//! the figures it has (the page says when they were computed); only the very first view waits.
//! The report holds no text of either language, so one copy serves both.

use std::sync::{Arc, Mutex};

use chrono::NaiveDateTime;
use tokio::sync::Notify;

use super::impact::{ImpactReport, compute};
use crate::db::DbPool;
use crate::error::AppError;

/// How long a computed report is served as current.
pub const FRESH_SECONDS: i64 = super::dashboard::FRESH_SECONDS as i64;

#[derive(Debug, Default)]
struct Slot {
    report: Option<(NaiveDateTime, Arc<ImpactReport>)>,
    computing: bool,
    computations: u64,
    done: Arc<Notify>,
}

/// The live report of one database (kept in the application's state).
#[derive(Debug, Default)]
pub struct ImpactCache {
    slot: Mutex<Slot>,
}

enum Next {
    Serve(Arc<ImpactReport>),
    Wait(tokio::sync::futures::OwnedNotified),
    Compute,
}

impl ImpactCache {
    fn with_slot<T>(&self, f: impl FnOnce(&mut Slot) -> T) -> T {
        f(&mut self.slot.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// How often this instance computed the report.
    pub fn computations(&self) -> u64 {
        self.with_slot(|s| s.computations)
    }

    /// The live report as of `now` (the service's clock).
    pub async fn live(
        self: &Arc<Self>,
        pool: &DbPool,
        now: NaiveDateTime,
    ) -> Result<Arc<ImpactReport>, AppError> {
        let fresh = |at: NaiveDateTime| now - at < chrono::Duration::seconds(FRESH_SECONDS);
        loop {
            let next = self.with_slot(|slot| match &slot.report {
                Some((at, report)) if fresh(*at) => Next::Serve(report.clone()),
                Some((_, report)) => {
                    if !slot.computing {
                        slot.computing = true;
                        let job = self.clone().refresh(pool.clone(), now);
                        actix_web::rt::spawn(async move {
                            if let Err(e) = job.await {
                                tracing::warn!(error = %e, "impact report not recomputed");
                            }
                        });
                    }
                    Next::Serve(report.clone())
                }
                None if slot.computing => Next::Wait(slot.done.clone().notified_owned()),
                None => {
                    slot.computing = true;
                    Next::Compute
                }
            });
            match next {
                Next::Serve(report) => return Ok(report),
                Next::Wait(done) => done.await,
                Next::Compute => {
                    // In a task of its own, so a client that goes away leaves nobody waiting.
                    let job = self.clone().refresh(pool.clone(), now);
                    return actix_web::rt::spawn(job)
                        .await
                        .map_err(|e| AppError::Internal(anyhow::anyhow!("impact task: {e}")))?;
                }
            }
        }
    }

    /// Computes the report and stores it; whatever happens, the slot is free again and every
    /// waiter is woken.
    async fn refresh(
        self: Arc<Self>,
        pool: DbPool,
        now: NaiveDateTime,
    ) -> Result<Arc<ImpactReport>, AppError> {
        let result = crate::db::run(&pool, move |conn| {
            let started = std::time::Instant::now();
            let report = compute(conn, now);
            tracing::info!(
                ms = started.elapsed().as_millis() as u64,
                "impact report computed"
            );
            report
        })
        .await
        .map(Arc::new);
        self.with_slot(|slot| {
            slot.computing = false;
            slot.computations += 1;
            if let Ok(report) = &result {
                slot.report = Some((now, report.clone()));
            }
            slot.done.notify_waiters();
        });
        result
    }

    /// Computes the report once, so that even the first view after a start is answered from
    /// memory (run by instances with the scheduler on).
    pub async fn warm(self: Arc<Self>, pool: DbPool, now: NaiveDateTime) {
        if let Err(e) = self.live(&pool, now).await {
            tracing::warn!(error = %e, "impact report not computed at start");
        }
    }
}

/// Why a month asked for cannot be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthRefusal {
    /// Not a month written `YYYY-MM`.
    Malformed,
    /// No report was kept for it.
    NotKept,
}

impl MonthRefusal {
    /// The text key of the message.
    pub fn key(self) -> &'static str {
        match self {
            MonthRefusal::Malformed => "impact-error-month",
            MonthRefusal::NotKept => "impact-error-not-kept",
        }
    }
}

/// The report of `month` as kept then, or the live one when no month is named.
pub async fn report_for(
    cache: &Arc<ImpactCache>,
    pool: &DbPool,
    month: Option<&str>,
    now: NaiveDateTime,
) -> Result<Result<Arc<ImpactReport>, MonthRefusal>, AppError> {
    let Some(text) = month.map(str::trim).filter(|m| !m.is_empty()) else {
        return cache.live(pool, now).await.map(Ok);
    };
    let Some(month) = super::impact_snapshot::Month::parse(text) else {
        return Ok(Err(MonthRefusal::Malformed));
    };
    let kept = crate::db::run(pool, move |conn| super::impact_snapshot::read(conn, &month)).await?;
    Ok(kept.map(Arc::new).ok_or(MonthRefusal::NotKept))
}
