//! Building the application: settings → pool → migrations → curriculum sync → HTTP server
//! with its middleware and route table.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::{self, DefaultHeaders, from_fn};
use actix_web::{App, HttpServer, web};
use tracing_actix_web::TracingLogger;

use crate::clock::Clock;
use crate::config::Settings;
use crate::db::{DbPool, build_pool};
use crate::templates::Templates;
use crate::{accounts, api, content, db, error_pages, routes};

/// What every request handler can reach.
#[derive(Debug)]
pub struct AppState {
    /// The settings in force.
    pub settings: Arc<Settings>,
    /// The database pool.
    pub pool: DbPool,
    /// The compiled templates.
    pub templates: Arc<Templates>,
    /// The clock.
    pub clock: Arc<dyn Clock>,
}

/// A built, not yet running, server.
pub struct Application {
    server: Server,
    port: u16,
}

/// The Content Security Policy: nothing from other origins, no inline script or style.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

impl Application {
    /// Prepares the database and binds the listener (port 0 picks a free port).
    pub async fn build(mut settings: Settings, clock: Arc<dyn Clock>) -> anyhow::Result<Self> {
        settings.ensure_secret_key()?;
        let pool = build_pool(&settings.database, settings.database_pool_size)?;
        prepare_database(&pool, &settings, clock.as_ref()).await?;
        let templates = Arc::new(Templates::load()?);
        let listener = TcpListener::bind(settings.bind).map_err(|e| {
            anyhow::anyhow!("cannot listen on {} (QUALIFY_BIND): {e}", settings.bind)
        })?;
        let port = listener.local_addr()?.port();
        let state = web::Data::new(AppState {
            settings: Arc::new(settings),
            pool,
            templates,
            clock,
        });
        let server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .app_data(web::JsonConfig::default().limit(1 << 20))
                .app_data(web::FormConfig::default().limit(1 << 20))
                .wrap(from_fn(accounts::csrf::reject_cross_site))
                .wrap(error_pages::error_handlers())
                .wrap(security_headers())
                .wrap(middleware::Compress::default())
                .wrap(TracingLogger::default())
                .configure(routes::configure)
                .configure(api::configure)
        })
        .listen(listener)?
        .shutdown_timeout(30)
        .run();
        Ok(Self { server, port })
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until the process is told to stop.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("Content-Security-Policy", CSP))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
}

/// Applies migrations and syncs the curriculum (on the blocking pool).
pub async fn prepare_database(
    pool: &DbPool,
    settings: &Settings,
    clock: &dyn Clock,
) -> anyhow::Result<()> {
    let pool = pool.clone();
    let content_dir = settings.content_dir.clone();
    let now = clock.now_naive();
    actix_web::rt::task::spawn_blocking(move || -> anyhow::Result<()> {
        let mut conn = pool
            .get()
            .map_err(|e| anyhow::anyhow!("cannot reach the database: {e}"))?;
        let applied = db::migrations::run_pending(&mut conn)?;
        if !applied.is_empty() {
            tracing::info!(count = applied.len(), "applied database migrations");
        }
        content::sync_folder(&mut conn, &content_dir, now)
    })
    .await?
}
