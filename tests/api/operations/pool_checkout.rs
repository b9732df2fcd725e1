//! The pool hands out working connections: on PostgreSQL a connection the server ended while it
//! sat in the pool (restart, failover, an administrator) is checked at checkout and replaced. A
//! connection whose last use succeeded less than half a second ago is handed out unchecked; if
//! the server ended it in that moment, one use fails and the next gets a new connection.

use diesel::prelude::*;
use qualify::config::DatabaseTarget;
use qualify::db::{DbConnection, build_pool};

use crate::support::app::spawn_app;

fn end_backend(url: &str, pid: i32) {
    let mut admin = PgConnection::establish(url).unwrap();
    let ended: bool = diesel::select(diesel::dsl::sql::<diesel::sql_types::Bool>(&format!(
        "pg_terminate_backend({pid})"
    )))
    .get_result(&mut admin)
    .unwrap();
    assert!(ended);
    // The server ends the backend asynchronously.
    for _ in 0..100 {
        let alive: i64 = diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(&format!(
            "(SELECT COUNT(*) FROM pg_stat_activity WHERE pid = {pid})"
        )))
        .get_result(&mut admin)
        .unwrap();
        if alive == 0 {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("backend {pid} still there");
}

fn backend_pid(conn: &mut DbConnection) -> Option<i32> {
    match conn {
        DbConnection::Postgresql(c) => Some(
            diesel::select(diesel::dsl::sql::<diesel::sql_types::Integer>(
                "pg_backend_pid()",
            ))
            .get_result(c)
            .expect("pid"),
        ),
        DbConnection::Sqlite(_) => None,
    }
}

#[actix_web::test]
async fn a_connection_ended_by_the_server_is_replaced_at_checkout() {
    let app = spawn_app().await;
    let pool = build_pool(&DatabaseTarget::parse(&app.db.url).unwrap(), 1).unwrap();
    let pid = backend_pid(&mut pool.get().unwrap());
    let Some(pid) = pid else {
        // SQLite: a file handle in this process, nothing a server could end; the pooled
        // connection is handed out again and works.
        let mut conn = pool.get().unwrap();
        let one: i32 = diesel::select(1.into_sql::<diesel::sql_types::Integer>())
            .get_result(&mut **conn)
            .unwrap();
        assert_eq!(one, 1);
        return;
    };
    assert_eq!(
        backend_pid(&mut pool.get().unwrap()),
        Some(pid),
        "a healthy connection passes the check and is handed out again"
    );
    end_backend(&app.db.url, pid);
    let fresh = backend_pid(&mut pool.get().expect("a working connection")).unwrap();
    assert_ne!(fresh, pid, "the ended connection was replaced");
}

/// The backend's process id (0 on SQLite), read through `db::run` as pages do.
async fn pid(pool: &qualify::db::DbPool) -> Result<i32, qualify::error::AppError> {
    qualify::db::run(pool, |conn| {
        let sql = if conn.is_postgres() {
            "pg_backend_pid()"
        } else {
            "0"
        };
        Ok(diesel::select(diesel::dsl::sql::<diesel::sql_types::Integer>(sql)).get_result(conn)?)
    })
    .await
}

#[actix_web::test]
async fn a_connection_ended_right_after_a_use_fails_once_then_is_replaced() {
    let app = spawn_app().await;
    let pool = build_pool(&DatabaseTarget::parse(&app.db.url).unwrap(), 1).unwrap();
    let first = pid(&pool).await.expect("first use");
    if !app.db.url.starts_with("postgres") {
        assert_eq!(
            pid(&pool).await.unwrap(),
            0,
            "SQLite: the connection is reused"
        );
        return;
    }
    end_backend(&app.db.url, first);
    // Within the half second the connection is trusted this use fails; on a slow machine the
    // window may have passed and the check replaces it first. Either way at most one use fails
    // and the one after runs on a new connection.
    let next = match pid(&pool).await {
        Ok(pid) => pid,
        Err(_) => pid(&pool).await.expect("the use after a failure works"),
    };
    assert_ne!(next, first, "the ended connection was replaced");
    assert_eq!(pid(&pool).await.unwrap(), next, "and the new one is kept");
}
