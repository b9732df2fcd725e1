//! Migrations: both folders hold the same names, apply from empty, and revert and re-apply;
//! `schema.rs` names only columns that exist; SQLite connections get their safety pragmas and
//! PostgreSQL connections their timeouts.

use std::path::Path;

use diesel::prelude::*;
use qualify::db::migrations::{revert_all, run_pending};
use qualify::db::schema::*;

use crate::support::app::{TestDb, connect, on_postgres};

fn names(backend: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend);
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("migrations folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn both_backends_have_the_same_migration_names() {
    let sqlite = names("sqlite");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, names("postgres"));
    for name in &sqlite {
        for backend in ["sqlite", "postgres"] {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("migrations")
                .join(backend)
                .join(name);
            assert!(
                dir.join("up.sql").is_file() && dir.join("down.sql").is_file(),
                "{backend}/{name}"
            );
        }
    }
}

#[test]
fn migrations_apply_from_empty_then_down_and_up_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::create(dir.path());
    let pool = connect(&db.url);
    let mut conn = pool.get().unwrap();
    let applied = run_pending(&mut conn).unwrap();
    assert_eq!(applied.len(), names("sqlite").len());
    assert!(
        run_pending(&mut conn).unwrap().is_empty(),
        "second run applies nothing"
    );
    assert_eq!(revert_all(&mut conn).unwrap(), applied.len());
    let tables_left = if conn.is_postgres() {
        diesel::sql_query("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__diesel_schema_migrations'")
            .load::<TableName>(&mut **conn).unwrap()
    } else {
        diesel::sql_query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__diesel_schema_migrations'")
            .load::<TableName>(&mut **conn).unwrap()
    };
    assert!(
        tables_left.is_empty(),
        "down.sql leaves tables: {:?}",
        tables_left.iter().map(|t| &t.name).collect::<Vec<_>>()
    );
    assert_eq!(run_pending(&mut conn).unwrap().len(), applied.len());
    every_schema_column_exists(&mut conn);
}

#[derive(QueryableByName)]
struct TableName {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
}

macro_rules! select_all {
    ($conn:expr, $($table:ident),*) => {$(
        $table::table.select($table::all_columns).limit(1).execute($conn)
            .unwrap_or_else(|e| panic!("schema.rs and the migrations disagree on {}: {e}", stringify!($table)));
    )*};
}

fn every_schema_column_exists(conn: &mut qualify::db::DbConnection) {
    select_all!(
        conn,
        people,
        role_grants,
        sessions,
        sign_in_tokens,
        api_tokens,
        rate_limits,
        audit_log,
        programs,
        curriculum_versions,
        modules,
        assignments,
        rubric_criteria,
        rubric_levels,
        cohorts,
        cohort_schedule,
        cotrainers,
        cotrainer_unavailability,
        cohort_cotrainers,
        enrollments,
        extensions,
        submissions,
        submission_versions,
        attachments,
        reviews,
        review_scores,
        review_events,
        allocation_queue,
        moderation_items,
        trainee_pseudonyms,
        mail_preferences,
        reminder_log,
        outbox_attachments,
        certificates,
        outbox,
        calendar_feeds,
        change_versions
    );
}

#[test]
fn sqlite_connections_have_the_safety_pragmas() {
    if on_postgres() {
        return; // the PostgreSQL counterpart is below
    }
    let dir = tempfile::tempdir().unwrap();
    let pool = connect(&format!("sqlite://{}", dir.path().join("p.db").display()));
    let mut conn = pool.get().unwrap();
    #[derive(QueryableByName)]
    struct Value {
        #[diesel(sql_type = diesel::sql_types::Text)]
        v: String,
    }
    let read = |conn: &mut qualify::db::DbConnection, pragma: &str| -> String {
        diesel::sql_query(format!("SELECT CAST(({pragma}) AS TEXT) AS v"))
            .get_result::<Value>(conn)
            .unwrap()
            .v
    };
    assert_eq!(
        read(&mut conn, "SELECT foreign_keys FROM pragma_foreign_keys"),
        "1"
    );
    assert_eq!(
        read(&mut conn, "SELECT journal_mode FROM pragma_journal_mode"),
        "wal"
    );
    assert_eq!(
        read(&mut conn, "SELECT timeout FROM pragma_busy_timeout"),
        "5000"
    );
    assert_eq!(
        read(&mut conn, "SELECT synchronous FROM pragma_synchronous"),
        "1"
    );
}

#[test]
fn postgres_connections_have_timeouts() {
    if !on_postgres() {
        return; // SQLite has its own test above
    }
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::create(dir.path());
    let pool = connect(&db.url);
    let mut conn = pool.get().unwrap();
    #[derive(QueryableByName)]
    struct Setting {
        #[diesel(sql_type = diesel::sql_types::Text)]
        statement_timeout: String,
    }
    let s: Setting = diesel::sql_query("SHOW statement_timeout")
        .get_result(&mut **conn)
        .unwrap();
    assert_eq!(s.statement_timeout, "30s");
}
