//! `qualify backup --out FILE`: a consistent online backup. On SQLite `VACUUM INTO` copies the
//! database as of one moment while the service keeps running; the copy is checked with
//! `PRAGMA integrity_check` (its search indexes built anew) and appears under its name only
//! when it is sound. PostgreSQL has its own tool for this, `pg_dump`; the command explains
//! how to use it.

use std::path::Path;

use diesel::prelude::*;
use diesel::sql_types::Text;

use crate::config::DatabaseTarget;
use crate::db::DbConnection;

#[derive(QueryableByName)]
struct Check {
    #[diesel(sql_type = Text)]
    integrity_check: String,
}

/// What to tell an operator on PostgreSQL.
pub fn postgres_advice(target: &DatabaseTarget) -> String {
    format!(
        "{} is PostgreSQL: back it up with pg_dump, for example\n  pg_dump --format=custom --file=qualify-$(date +%F).dump \"$QUALIFY_DATABASE_URL\"\nand restore with\n  pg_restore --clean --if-exists --dbname=\"$QUALIFY_DATABASE_URL\" qualify-YYYY-MM-DD.dump\n(uploads under the data dir are backed up with the file system).",
        target.describe()
    )
}

/// Copies the SQLite database to `out` and checks the copy; returns its size in bytes.
pub fn sqlite(conn: &mut DbConnection, out: &Path) -> anyhow::Result<u64> {
    let DbConnection::Sqlite(c) = conn else {
        anyhow::bail!("not an SQLite database");
    };
    if out.exists() {
        anyhow::bail!("{} exists already; choose a new file name", out.display());
    }
    let name = out
        .file_name()
        .ok_or_else(|| anyhow::anyhow!("not a file name: {}", out.display()))?;
    let partial = out.with_file_name(format!(".{}.partial", name.to_string_lossy()));
    let _ = std::fs::remove_file(&partial);
    diesel::sql_query("VACUUM INTO ?")
        .bind::<Text, _>(partial.to_string_lossy().into_owned())
        .execute(c)
        .map_err(|e| anyhow::anyhow!("VACUUM INTO failed: {e}"))?;
    let checked = (|| -> anyhow::Result<()> {
        let mut copy = SqliteConnection::establish(&partial.to_string_lossy())?;
        // The search indexes point at rows by rowid, which VACUUM INTO keeps in practice
        // but does not promise for tables without an integer key: build them anew.
        use diesel::connection::SimpleConnection;
        copy.batch_execute(
            "INSERT INTO people_search (people_search) VALUES ('rebuild'); \
             INSERT INTO certificates_search (certificates_search) VALUES ('rebuild');",
        )?;
        let rows: Vec<Check> = diesel::sql_query("PRAGMA integrity_check").load(&mut copy)?;
        match rows.first().map(|r| r.integrity_check.as_str()) {
            Some("ok") => Ok(()),
            other => anyhow::bail!("the copy failed its integrity check: {other:?}"),
        }
    })();
    if let Err(e) = checked {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, out)?;
    Ok(std::fs::metadata(out)?.len())
}
