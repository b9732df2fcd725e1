//! Running the service: health and readiness, metrics and logs, settings, migrations on both
//! backends, the connection pool, the command line and demo data, and S3-compatible storage.

mod api_contract;
mod cli;
mod demo;
mod demo_larger;
mod health;
mod metrics_and_logs;
mod migrations;
mod pool_checkout;
mod progress;
mod settings;
mod storage_s3;
