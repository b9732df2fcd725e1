//! The dashboard, computed at most every [`FRESH_SECONDS`] per program, cohort and language,
//! and never by two requests at once. At company scale the figures take seconds to aggregate;
//! so after the first computation every request is answered from memory: once the figures
//! are older than [`FRESH_SECONDS`], the request that notices starts one recomputation in the
//! background and is answered with the figures it has (the page says when they were computed).
//! Only the very first view waits, and requests that wait hold no database connection.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::NaiveDateTime;
use tokio::sync::Notify;

use super::dashboard::{Dashboard, compute};
use crate::db::DbPool;
use crate::db::models::{Cohort, Program};
use crate::domain::language::Language;
use crate::error::AppError;

/// How long a computed dashboard is served as current (per instance). A management dashboard
/// half a minute old is fine.
pub const FRESH_SECONDS: u64 = 30;

type Key = (String, Option<String>, Language);

#[derive(Default)]
struct Slot {
    board: Option<(NaiveDateTime, Dashboard)>,
    computing: bool,
    computations: u64,
    done: Arc<Notify>,
}

static CACHE: Mutex<Option<HashMap<Key, Slot>>> = Mutex::new(None);

fn with_slot<T>(key: &Key, now: NaiveDateTime, f: impl FnOnce(&mut Slot) -> T) -> T {
    let mut guard = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    let map = guard.get_or_insert_with(HashMap::new);
    if map.len() > 1_000 {
        map.retain(|_, s| s.computing || s.board.as_ref().is_some_and(|(at, _)| fresh(*at, now)));
    }
    f(map.entry(key.clone()).or_default())
}

/// Computed less than [`FRESH_SECONDS`] before `now` (the service's clock).
fn fresh(at: NaiveDateTime, now: NaiveDateTime) -> bool {
    now - at < chrono::Duration::seconds(FRESH_SECONDS as i64)
}

/// How often this instance has computed a program's dashboards (any cohort or language).
pub fn computations(program: &str) -> u64 {
    let guard = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    guard.as_ref().map_or(0, |m| {
        m.iter()
            .filter(|(k, _)| k.0 == program)
            .map(|(_, s)| s.computations)
            .sum()
    })
}

enum Next {
    Serve(Box<Dashboard>),
    Wait(tokio::sync::futures::OwnedNotified),
    Compute,
}

/// The dashboard of the program, or of one of its cohorts.
pub async fn cached(
    pool: &DbPool,
    program: Program,
    cohort: Option<Cohort>,
    lang: Language,
    now: NaiveDateTime,
) -> Result<Dashboard, AppError> {
    let key = (
        program.id.0.clone(),
        cohort.as_ref().map(|c| c.id.0.clone()),
        lang,
    );
    loop {
        let next = with_slot(&key, now, |slot| match &slot.board {
            Some((at, board)) if fresh(*at, now) => Next::Serve(Box::new(board.clone())),
            Some((_, board)) => {
                if !slot.computing {
                    slot.computing = true;
                    let job = refresh(
                        pool.clone(),
                        key.clone(),
                        program.clone(),
                        cohort.clone(),
                        lang,
                        now,
                    );
                    actix_web::rt::spawn(async move {
                        if let Err(e) = job.await {
                            tracing::warn!(error = %e, "dashboard not recomputed");
                        }
                    });
                }
                Next::Serve(Box::new(board.clone()))
            }
            None if slot.computing => Next::Wait(slot.done.clone().notified_owned()),
            None => {
                slot.computing = true;
                Next::Compute
            }
        });
        match next {
            Next::Serve(board) => return Ok(*board),
            Next::Wait(done) => done.await,
            Next::Compute => {
                // In a task of its own, so a client that goes away cannot leave others waiting.
                let job = refresh(pool.clone(), key, program, cohort, lang, now);
                return actix_web::rt::spawn(job)
                    .await
                    .map_err(|e| AppError::Internal(anyhow::anyhow!("dashboard task: {e}")))?;
            }
        }
    }
}

/// Computes the figures and stores them; whatever happens, the slot is free again and every
/// waiter is woken.
async fn refresh(
    pool: DbPool,
    key: Key,
    program: Program,
    cohort: Option<Cohort>,
    lang: Language,
    now: NaiveDateTime,
) -> Result<Dashboard, AppError> {
    let result = actix_web::web::block(move || {
        let started = std::time::Instant::now();
        let board = compute(&pool, &program, cohort.as_ref(), lang, now);
        tracing::info!(
            program = %program.slug,
            cohort = cohort.as_ref().map(|c| c.id.0.as_str()),
            ms = started.elapsed().as_millis() as u64,
            "dashboard computed"
        );
        board
    })
    .await
    .unwrap_or_else(|e| {
        Err(AppError::Internal(anyhow::anyhow!(
            "blocking task failed: {e}"
        )))
    });
    with_slot(&key, now, |slot| {
        slot.computing = false;
        slot.computations += 1;
        if let Ok(board) = &result {
            slot.board = Some((now, board.clone()));
        }
        slot.done.notify_waiters();
    });
    result
}

/// Computes the program dashboard in both languages, so that even the first view after a start
/// is answered from memory (run by instances with the scheduler on).
pub async fn warm(pool: DbPool, now: NaiveDateTime) {
    let program = crate::db::run(&pool, crate::cohorts::lifecycle::the_program).await;
    let Ok(program) = program else {
        return; // no program yet: nothing to show
    };
    for lang in [Language::De, Language::En] {
        if let Err(e) = cached(&pool, program.clone(), None, lang, now).await {
            tracing::warn!(error = %e, "dashboard not computed at start");
        }
    }
}
