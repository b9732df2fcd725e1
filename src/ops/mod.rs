//! Running the service: logs, Prometheus metrics, graceful shutdown.

pub mod logs;
pub mod metrics;
pub mod shutdown;
