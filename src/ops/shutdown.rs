//! Graceful shutdown: on SIGTERM (or Ctrl-C) the HTTP server stops accepting and lets requests
//! in flight finish (actix-web does that), and the background loops — the mail worker and the
//! scheduler — finish the round they are in and claim nothing new. Every write is one
//! transaction, so nothing is left half-written; a mail whose send was cut off is sent again
//! after its lease expires, with the same Message-ID.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Whether the process was asked to stop.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::Relaxed)
}

/// Marks the process as stopping (the signal listener, and tests).
pub fn request() {
    REQUESTED.store(true, Ordering::Relaxed);
}

/// Waits for SIGTERM or SIGINT and then marks the process as stopping.
pub async fn listen() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut term), Ok(mut int)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
        ) else {
            return;
        };
        tokio::select! {
            _ = term.recv() => {}
            _ = int.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
    tracing::info!("stopping: finishing requests in flight, claiming no new mail or work");
    request();
}
