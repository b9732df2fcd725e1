//! The `qualify` binary as a test runs it: a clean environment, the shipped curriculum.

use std::process::Command;

use crate::support::content::course_content;

/// Runs qualify on the database `db` with its data dir in `dir` and the shipped curriculum.
pub fn in_folder(dir: &std::path::Path, db: &str, args: &[&str]) -> std::process::Output {
    qualify()
        .args(args)
        .env("QUALIFY_DATABASE_URL", db)
        .env("QUALIFY_DATA_DIR", dir.join("data"))
        .env("QUALIFY_CONTENT_DIR", course_content())
        .output()
        .unwrap()
}

/// The binary with an empty environment (only `PATH`).
pub fn qualify() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_qualify"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    cmd
}
