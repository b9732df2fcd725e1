//! Database work that runs after the response has gone out.
//!
//! A request whose answer must not reveal what the work found (a sign-in link for an address
//! that may or may not have an account) answers first and does the work afterwards, so the
//! answer takes the same time either way. The work runs on the blocking pool like
//! [`super::run`]; a failure is logged, since nobody waits for it. [`settled`] waits until
//! every such piece of work has finished: for an orderly shutdown, and for tests and
//! benchmarks that look at the work's effects.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::{DbConnection, DbPool};
use crate::error::AppError;

/// Pieces of work spawned and not yet finished, in this process.
static PENDING: AtomicUsize = AtomicUsize::new(0);

/// Runs `f` on a pooled connection after the current handler returns.
pub fn spawn<F>(pool: &DbPool, what: &'static str, f: F)
where
    F: FnOnce(&mut DbConnection) -> Result<(), AppError> + Send + 'static,
{
    PENDING.fetch_add(1, Ordering::SeqCst);
    let pool = pool.clone();
    actix_web::rt::spawn(async move {
        if let Err(e) = super::run(&pool, f).await {
            tracing::error!(work = what, error = %e, "work after the response failed");
        }
        PENDING.fetch_sub(1, Ordering::SeqCst);
    });
}

/// Waits until no work spawned with [`spawn`] is left running.
pub async fn settled() {
    while PENDING.load(Ordering::SeqCst) > 0 {
        actix_web::rt::time::sleep(Duration::from_millis(2)).await;
    }
}
