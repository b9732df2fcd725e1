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
    let counted = Counted::new();
    let pool = pool.clone();
    actix_web::rt::spawn(async move {
        let _counted = counted;
        if let Err(e) = super::run(&pool, f).await {
            tracing::error!(work = what, error = %e, "work after the response failed");
        }
    });
}

/// One piece of work in [`PENDING`], counted out when it ends in any way: finished, failed,
/// or dropped unfinished because its runtime stopped (a server shutting down, a test ending).
struct Counted;

impl Counted {
    fn new() -> Self {
        PENDING.fetch_add(1, Ordering::SeqCst);
        Counted
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        PENDING.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Waits until no work spawned with [`spawn`] is left running.
pub async fn settled() {
    while PENDING.load(Ordering::SeqCst) > 0 {
        actix_web::rt::time::sleep(Duration::from_millis(2)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_dropped_unfinished_is_counted_out() {
        let before = PENDING.load(Ordering::SeqCst);
        let counted = Counted::new();
        let work = async move {
            let _counted = counted;
        };
        assert_eq!(PENDING.load(Ordering::SeqCst), before + 1);
        drop(work);
        assert_eq!(
            PENDING.load(Ordering::SeqCst),
            before,
            "a runtime that stops drops the work, and the count with it"
        );
    }
}
