//! What every request handler shares: settings, the database pool, templates, the clock, the
//! mail composer, the credential issuer, file storage, the single sign-on provider and the live
//! impact report. Built once by `startup`.

use std::sync::Arc;

use crate::clock::Clock;
use crate::config::Settings;
use crate::db::DbPool;
use crate::mail::Composer;
use crate::web::templates::Templates;

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
    /// Renders mails into the outbox.
    pub composer: Composer,
    /// Signs certificate credentials.
    pub issuer: Arc<crate::certificates::credential::Issuer>,
    /// Where attachments are kept.
    pub storage: crate::storage::Storage,
    /// The OpenID Connect provider for single sign-on, when one is configured.
    pub sso: Option<Arc<crate::accounts::sso::Provider>>,
    /// The live impact report of this database, recomputed at most every 30 seconds.
    pub impact: Arc<crate::reports::impact_cache::ImpactCache>,
}

impl AppState {
    /// Where uploads go and what limits them.
    pub fn uploads(&self) -> crate::submissions::upload::Place<'_> {
        crate::submissions::upload::Place {
            pool: &self.pool,
            storage: &self.storage,
            settings: &self.settings,
        }
    }

    /// True when the database is the embedded SQLite file (see [`crate::db::run_read`]).
    pub fn sqlite(&self) -> bool {
        matches!(
            self.settings.database,
            crate::config::DatabaseTarget::Sqlite(_)
        )
    }
}
