//! Embedded migrations, one folder per backend with identical names.

use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::DbConnection;

const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Applies every pending migration and returns the names of those applied.
pub fn run_pending(conn: &mut DbConnection) -> anyhow::Result<Vec<String>> {
    use diesel::connection::SimpleConnection;
    let names = |v: Vec<diesel::migration::MigrationVersion>| -> Vec<String> {
        v.iter().map(|v| v.to_string()).collect()
    };
    let applied = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE).map(names),
        DbConnection::Postgresql(c) => {
            // A back-fill over a large table may take longer than a request may; the pooled
            // connection gets its request limit back afterwards (as set in pool.rs).
            c.batch_execute("SET statement_timeout = 0")?;
            let applied = c.run_pending_migrations(POSTGRES).map(names);
            c.batch_execute("SET statement_timeout = '30s'")?;
            applied
        }
    }
    .map_err(|e| anyhow::anyhow!("migration failed: {e}"))?;
    if let DbConnection::Sqlite(c) = conn {
        // Planner statistics for tables that changed a lot (sampled, so it stays quick on a
        // large database); PostgreSQL keeps its own with autovacuum.
        c.batch_execute("PRAGMA analysis_limit = 1000; PRAGMA optimize;")?;
    }
    Ok(applied)
}

/// Reverts every applied migration (used by tests and by operators rolling back).
pub fn revert_all(conn: &mut DbConnection) -> anyhow::Result<usize> {
    let reverted = match conn {
        DbConnection::Sqlite(c) => c.revert_all_migrations(SQLITE),
        DbConnection::Postgresql(c) => c.revert_all_migrations(POSTGRES),
    }
    .map_err(|e| anyhow::anyhow!("revert failed: {e}"))?;
    Ok(reverted.len())
}

/// Reverts the newest applied migration and returns its name (tests check that a back-fill in
/// `up.sql` gives what the application writes).
pub fn revert_last(conn: &mut DbConnection) -> anyhow::Result<String> {
    let reverted = match conn {
        DbConnection::Sqlite(c) => c.revert_last_migration(SQLITE),
        DbConnection::Postgresql(c) => c.revert_last_migration(POSTGRES),
    }
    .map_err(|e| anyhow::anyhow!("revert failed: {e}"))?;
    Ok(reverted.to_string())
}

/// How many migrations are not applied yet (readiness).
pub fn pending_count(conn: &mut DbConnection) -> anyhow::Result<usize> {
    let pending = match conn {
        DbConnection::Sqlite(c) => c.pending_migrations(SQLITE).map(|p| p.len()),
        DbConnection::Postgresql(c) => c.pending_migrations(POSTGRES).map(|p| p.len()),
    }
    .map_err(|e| anyhow::anyhow!("cannot read the migrations table: {e}"))?;
    Ok(pending)
}
