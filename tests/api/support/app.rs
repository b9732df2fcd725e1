//! `spawn_app()`: a running qualify on a free port with its own database (a SQLite file, or a
//! fresh PostgreSQL database when `TEST_DATABASE_URL` is set), the test settings, a fixed clock,
//! and the logs every instance wrote.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use qualify::clock::FixedClock;
use qualify::config::{DatabaseTarget, Settings};
use qualify::db::{DbPool, build_pool};
use qualify::startup::Application;
use tempfile::TempDir;

use crate::support::content::course_content;

/// A fresh, empty database of the backend under test.
pub struct TestDb {
    /// Its URL for the app.
    pub url: String,
    /// For PostgreSQL: the admin URL and the database name (to drop it in a test).
    pub postgres: Option<(String, String)>,
}

impl TestDb {
    /// Creates the database: a file in `dir` for SQLite, `CREATE DATABASE` on PostgreSQL.
    pub fn create(dir: &Path) -> Self {
        match std::env::var("TEST_DATABASE_URL") {
            Ok(admin_url) if !admin_url.is_empty() => {
                let name = format!("qualify_test_{}", uuid::Uuid::new_v4().simple());
                let mut admin =
                    PgConnection::establish(&admin_url).expect("TEST_DATABASE_URL reachable");
                admin
                    .batch_execute(&format!("CREATE DATABASE {name}"))
                    .expect("create test database");
                let base = admin_url
                    .rsplit_once('/')
                    .map(|(b, _)| b)
                    .expect("URL with a database");
                let (base, query) = match admin_url.split_once('?') {
                    Some((_, q)) => (base.to_string(), format!("?{q}")),
                    None => (base.to_string(), String::new()),
                };
                Self {
                    url: format!("{base}/{name}{query}"),
                    postgres: Some((admin_url, name)),
                }
            }
            _ => Self {
                url: format!("sqlite://{}", dir.join("qualify.db").display()),
                postgres: None,
            },
        }
    }

    /// Makes the database unreachable: drops it (PostgreSQL) or deletes its files (SQLite).
    pub fn destroy(&self) {
        match &self.postgres {
            Some((admin_url, name)) => {
                let mut admin = PgConnection::establish(admin_url).expect("admin connection");
                admin
                    .batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)"))
                    .expect("drop database");
            }
            None => {
                let path = self.url.trim_start_matches("sqlite://");
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{path}{suffix}"));
                }
            }
        }
    }
}

/// Settings for a test instance, as a map of `QUALIFY_*` values.
pub fn test_settings_map(dir: &Path, db_url: &str) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    map.insert("QUALIFY_DATABASE_URL".into(), db_url.to_string());
    map.insert("QUALIFY_BIND".into(), "127.0.0.1:0".into());
    map.insert(
        "QUALIFY_DATA_DIR".into(),
        dir.join("data").display().to_string(),
    );
    map.insert(
        "QUALIFY_CONTENT_DIR".into(),
        course_content().display().to_string(),
    );
    map.insert("QUALIFY_SECRET_KEY".into(), "ab".repeat(32));
    map.insert("QUALIFY_DATABASE_POOL_SIZE".into(), "4".into());
    map.insert("QUALIFY_MAIL_WORKER".into(), "off".into());
    map.insert("QUALIFY_SCHEDULER".into(), "off".into());
    map.insert(
        "QUALIFY_MAIL_FROM".into(),
        "qualify <noreply@qualify.test>".into(),
    );
    map
}

/// A running application.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub address: String,
    /// An HTTP client that does not follow redirects.
    pub client: awc::Client,
    /// The database.
    pub db: TestDb,
    /// A pool of the test's own onto the same database.
    pub pool: DbPool,
    /// The clock the app reads.
    pub clock: Arc<FixedClock>,
    /// The settings the app runs with.
    pub settings: Settings,
    /// Keeps the temporary folder alive.
    _dir: TempDir,
}

/// Starts the app with the default test settings.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Everything every test instance logged (info and above), for tests that check logs.
pub fn captured_logs() -> String {
    let buffer = LOGS.get_or_init(init_logs);
    String::from_utf8_lossy(&buffer.lock().unwrap()).into_owned()
}

static LOGS: std::sync::OnceLock<Arc<std::sync::Mutex<Vec<u8>>>> = std::sync::OnceLock::new();

#[derive(Clone)]
struct LogBuffer(Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for LogBuffer {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn init_logs() -> Arc<std::sync::Mutex<Vec<u8>>> {
    let buffer = Arc::new(std::sync::Mutex::new(Vec::new()));
    let writer = LogBuffer(buffer.clone());
    let _ = tracing_subscriber::fmt()
        .with_env_filter("info")
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .try_init();
    buffer
}

/// Starts the app after `adjust` changed its settings.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut BTreeMap<String, String>)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = TestDb::create(dir.path());
    start(db, dir, adjust).await
}

/// A second instance on the same database, with a data dir of its own (as on another machine).
pub async fn spawn_beside(
    first: &TestApp,
    adjust: impl FnOnce(&mut BTreeMap<String, String>),
) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = TestDb {
        url: first.db.url.clone(),
        postgres: first.db.postgres.clone(),
    };
    start(db, dir, adjust).await
}

/// The app on an SQLite database file of the test's choosing (e.g. a restored backup), with a
/// data dir of its own.
pub async fn spawn_app_on_file(
    file: &std::path::Path,
    adjust: impl FnOnce(&mut BTreeMap<String, String>),
) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = TestDb {
        url: format!("sqlite://{}", file.display()),
        postgres: None,
    };
    start(db, dir, adjust).await
}

/// Starts the app on a database that already exists (a restored copy).
pub async fn spawn_app_on(
    db: TestDb,
    adjust: impl FnOnce(&mut BTreeMap<String, String>),
) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    start(db, dir, adjust).await
}

async fn start(
    db: TestDb,
    dir: tempfile::TempDir,
    adjust: impl FnOnce(&mut BTreeMap<String, String>),
) -> TestApp {
    LOGS.get_or_init(init_logs);
    let mut map = test_settings_map(dir.path(), &db.url);
    adjust(&mut map);
    let settings = Settings::from_map(&map).expect("valid test settings");
    let clock = Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap(),
    ));
    let app = Application::build(settings.clone(), clock.clone())
        .await
        .expect("app builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    actix_web::rt::spawn(app.run_until_stopped());
    let pool = build_pool(&settings.database, 2).expect("pool");
    let client = awc::Client::builder().disable_redirects().finish();
    TestApp {
        address,
        client,
        db,
        pool,
        clock,
        settings,
        _dir: dir,
    }
}

impl TestApp {
    /// The full URL of a path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// A connection of the test's own.
    pub fn conn(&self) -> diesel::r2d2::PooledConnection<qualify::db::pool::Manager> {
        self.pool.get().expect("test connection")
    }

    /// A mail worker on the app's database with the given transport and the app's clock.
    pub fn worker(&self, transport: qualify::mail::Transport) -> qualify::mail::Worker {
        qualify::mail::Worker::new(
            self.pool.clone(),
            transport,
            self.clock.clone(),
            &self.settings.mail_from,
            24,
            600,
        )
    }

    /// Delivers every due mail into memory and returns them.
    pub async fn deliver(&self) -> Vec<qualify::mail::SentMail> {
        self.settle().await;
        let (transport, mailbox) = qualify::mail::Transport::memory();
        self.worker(transport)
            .drain()
            .await
            .expect("delivery round");
        let mut sent = Vec::new();
        sent.extend(mailbox.lock().unwrap().iter().cloned());
        sent
    }

    /// Waits for the work requests left to run after their response (sign-in links).
    pub async fn settle(&self) {
        qualify::db::after_response::settled().await;
    }

    /// GET a path; returns status, headers and body text.
    pub async fn get(&self, path: &str, accept_language: Option<&str>) -> Response {
        let mut req = self.client.get(self.url(path));
        if let Some(lang) = accept_language {
            req = req.insert_header(("Accept-Language", lang));
        }
        Response::from(req.send().await.expect("request sent")).await
    }
}

/// A finished response.
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Headers.
    pub headers: awc::http::header::HeaderMap,
    /// Body as text.
    pub body: String,
}

impl Response {
    /// Reads the whole body.
    pub async fn from<S>(mut resp: awc::ClientResponse<S>) -> Self
    where
        S: futures_core::Stream<Item = Result<actix_web::web::Bytes, awc::error::PayloadError>>
            + Unpin,
    {
        let body = resp.body().limit(20 << 20).await.expect("body");
        Self {
            status: resp.status().as_u16(),
            headers: resp.headers().clone(),
            body: String::from_utf8_lossy(&body).into_owned(),
        }
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// Whether the tests run on PostgreSQL.
pub fn on_postgres() -> bool {
    std::env::var("TEST_DATABASE_URL").is_ok_and(|v| !v.is_empty())
}

/// A connection straight to a database URL (for tests outside the app).
pub fn connect(url: &str) -> DbPool {
    build_pool(&DatabaseTarget::parse(url).expect("url"), 2).expect("pool")
}
