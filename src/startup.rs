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
use crate::mail::{Composer, Transport, Worker};
use crate::ops::logs::RedactedRootSpan;
use crate::state::AppState;
use crate::web::error_pages;
use crate::web::templates::Templates;
use crate::{accounts, api, content, db, routes};

/// A built, not yet running, server.
pub struct Application {
    server: Server,
    port: u16,
    pool: DbPool,
}

/// The Content Security Policy: nothing from other origins, no inline script or style.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

impl Application {
    /// Prepares the database and binds the listener (port 0 picks a free port).
    pub async fn build(mut settings: Settings, clock: Arc<dyn Clock>) -> anyhow::Result<Self> {
        settings.ensure_secret_key()?;
        settings.ensure_issuer_key()?;
        let pool = build_pool(&settings.database, settings.database_pool_size)?;
        let storage = crate::storage::Storage::open(&settings.storage, &settings.data_dir)?;
        prepare_database(&pool, &storage, &settings, clock.as_ref()).await?;
        let templates = Arc::new(Templates::load()?);
        let listener = TcpListener::bind(settings.bind).map_err(|e| {
            anyhow::anyhow!("cannot listen on {} (QUALIFY_BIND): {e}", settings.bind)
        })?;
        let port = listener.local_addr()?.port();
        actix_web::rt::spawn(crate::ops::shutdown::listen());
        if settings.mail_worker {
            spawn_mail_worker(&pool, &settings, &clock)?;
        }
        let state_pool = pool.clone();
        let settings = Arc::new(settings);
        actix_web::rt::spawn(crate::jobs::maintenance::run(
            pool.clone(),
            settings.clone(),
            clock.clone(),
        ));
        let composer = Composer::for_settings(templates.clone(), &settings);
        templates.set_organization(&composer.organization, settings.organization_logo.is_some());
        let impact = Arc::new(crate::reports::impact_cache::ImpactCache::default());
        if settings.scheduler {
            spawn_scheduler(&pool, &composer, &settings, &clock);
            actix_web::rt::spawn(impact.clone().warm(pool.clone(), clock.now_naive()));
        }
        if let Some(logo) = &settings.organization_logo {
            crate::certificates::pdf::check_logo(logo)?;
        }
        let seeds: Vec<Vec<u8>> = std::iter::once(settings.issuer_key.clone())
            .chain(settings.issuer_earlier_keys.iter().cloned())
            .collect();
        let issuer = Arc::new(
            crate::certificates::credential::Issuer::with_keys(
                &seeds,
                &settings.base_url,
                &composer.organization,
            )?
            .with_logo(settings.organization_logo.clone()),
        );
        tracing::info!(storage = storage.describe(), "file storage");
        let sso = match &settings.oidc {
            Some(oidc) => Some(Arc::new(accounts::sso::Provider::new(oidc.clone())?)),
            None => None,
        };
        let state = web::Data::new(AppState {
            sso,
            storage,
            settings,
            pool,
            templates,
            clock,
            composer,
            issuer,
            impact,
        });
        let gate = web::Data::new(accounts::middleware::Gate {
            pool: state.pool.clone(),
            settings: state.settings.clone(),
            clock: state.clock.clone(),
        });
        let templates = web::Data::from(state.templates.clone());
        let server = http_server(listener, state, gate, templates)?;
        Ok(Self {
            server,
            port,
            pool: state_pool,
        })
    }

    /// Whether any program owner exists (for the first-run hint).
    pub async fn has_owner(&self) -> bool {
        let pool = self.pool.clone();
        actix_web::rt::task::spawn_blocking(move || {
            pool.get()
                .ok()
                .and_then(|mut c| crate::db::models::RoleGrant::count_role(&mut c, "owner").ok())
                .unwrap_or(0)
                > 0
        })
        .await
        .unwrap_or(false)
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

/// Starts the mail worker in this process (off when a separate `qualify worker` delivers).
fn spawn_mail_worker(
    pool: &DbPool,
    settings: &Settings,
    clock: &Arc<dyn Clock>,
) -> anyhow::Result<()> {
    let worker = Worker::new(
        pool.clone(),
        mail_transport(settings)?,
        clock.clone(),
        &settings.mail_from,
        i64::from(settings.mail_retry_horizon_hours),
        settings.mail_rate_per_minute,
    );
    actix_web::rt::spawn(worker.run());
    Ok(())
}

/// Starts the scheduler: warms the dashboard cache, then runs the job tick.
fn spawn_scheduler(
    pool: &DbPool,
    composer: &Composer,
    settings: &Settings,
    clock: &Arc<dyn Clock>,
) {
    actix_web::rt::spawn(crate::reports::dashboard::warm(
        pool.clone(),
        clock.now_naive(),
    ));
    actix_web::rt::spawn(crate::jobs::run(
        pool.clone(),
        composer.clone(),
        settings.rules.clone(),
        clock.clone(),
    ));
}

/// The HTTP server on `listener`: app data, the middleware stack and both route tables.
fn http_server(
    listener: TcpListener,
    state: web::Data<AppState>,
    gate: web::Data<accounts::middleware::Gate>,
    templates: web::Data<Templates>,
) -> std::io::Result<Server> {
    Ok(HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(gate.clone())
            .app_data(templates.clone())
            .app_data(
                web::JsonConfig::default()
                    .limit(1 << 20)
                    .error_handler(api::json_error),
            )
            .app_data(web::QueryConfig::default().error_handler(api::query_error))
            .app_data(web::PathConfig::default().error_handler(api::path_error))
            .app_data(web::FormConfig::default().limit(1 << 20))
            .wrap(from_fn(accounts::middleware::authenticate))
            .wrap(error_pages::error_handlers())
            .wrap(security_headers(&state.settings))
            .wrap(middleware::Compress::default())
            .wrap(middleware::NormalizePath::trim())
            .wrap(TracingLogger::<RedactedRootSpan>::new())
            .configure(routes::configure)
            .configure(api::configure)
    })
    .listen(listener)?
    .shutdown_timeout(30)
    .run())
}

/// The transport the settings ask for: SMTP, or `.eml` files under `<data dir>/mail/`.
pub fn mail_transport(settings: &Settings) -> anyhow::Result<Transport> {
    match &settings.smtp_url {
        Some(url) => Transport::smtp(url),
        None => Ok(Transport::Files(settings.data_dir.join("mail"))),
    }
}

/// The headers every answer carries; on https also `Strict-Transport-Security`.
fn security_headers(settings: &Settings) -> DefaultHeaders {
    let headers = if settings.is_https() {
        DefaultHeaders::new().add((
            "Strict-Transport-Security",
            "max-age=31536000; includeSubDomains",
        ))
    } else {
        DefaultHeaders::new()
    };
    headers
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

/// Applies migrations (on the blocking pool) and syncs the curriculum.
pub async fn prepare_database(
    pool: &DbPool,
    storage: &crate::storage::Storage,
    settings: &Settings,
    clock: &dyn Clock,
) -> anyhow::Result<()> {
    let migrate_pool = pool.clone();
    actix_web::rt::task::spawn_blocking(move || -> anyhow::Result<()> {
        let mut conn = migrate_pool
            .get()
            .map_err(|e| anyhow::anyhow!("cannot reach the database: {e}"))?;
        let applied = db::migrations::run_pending(&mut conn)?;
        if !applied.is_empty() {
            tracing::info!(count = applied.len(), "applied database migrations");
        }
        Ok(())
    })
    .await??;
    content::sync_folder(pool, storage, &settings.content_dir, clock.now_naive()).await
}
