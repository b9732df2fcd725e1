//! The pool hands out working connections: on PostgreSQL a connection the server ended while it
//! sat in the pool (restart, failover, an administrator) is checked at checkout and replaced.

use diesel::prelude::*;
use qualify::config::DatabaseTarget;
use qualify::db::{DbConnection, build_pool};

use crate::helpers::spawn_app;

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
            .get_result(&mut *conn)
            .unwrap();
        assert_eq!(one, 1);
        return;
    };
    assert_eq!(
        backend_pid(&mut pool.get().unwrap()),
        Some(pid),
        "a healthy connection passes the check and is handed out again"
    );
    let mut admin = PgConnection::establish(&app.db.url).unwrap();
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
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let fresh = backend_pid(&mut pool.get().expect("a working connection")).unwrap();
    assert_ne!(fresh, pid, "the ended connection was replaced");
}
