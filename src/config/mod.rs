//! Settings: read once at start-up from an optional `qualify.toml` and the environment
//! (the environment wins), validated into [`Settings`]. A bad value stops start-up with one
//! line that names the setting.

mod keys;
pub mod logo;
pub mod oidc;
pub mod proxies;
pub mod rules;
mod sections;
pub mod storage;
pub mod table;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use sections::{
    address, database, environment, issuer_key, mail_reply_to, mail_sender, secret_key, uploads,
};

/// Where the service runs; production refuses insecure defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    /// Local development: a secret key is generated and kept in the data dir.
    Development,
    /// Production: every secret must be given explicitly.
    Production,
}

/// The database backend, chosen by the URL scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseTarget {
    /// `sqlite://PATH` (relative or absolute path to the database file).
    Sqlite(String),
    /// `postgres://…` or `postgresql://…`, passed to libpq unchanged.
    Postgres(String),
}

impl DatabaseTarget {
    /// Parses a database URL; unknown schemes are refused with a clear message.
    pub fn parse(url: &str) -> Result<Self, String> {
        if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err("sqlite:// needs a file path, e.g. sqlite://data/qualify.db".into());
            }
            Ok(Self::Sqlite(path.to_string()))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres(url.to_string()))
        } else {
            let scheme = url.split("://").next().unwrap_or(url);
            Err(format!(
                "unsupported scheme '{scheme}': use sqlite://PATH or postgres://USER@HOST/DB"
            ))
        }
    }

    /// A short name for logs, without credentials.
    pub fn describe(&self) -> String {
        match self {
            Self::Sqlite(path) => format!("SQLite at {path}"),
            Self::Postgres(url) => {
                let host = url.rsplit('@').next().unwrap_or("").split('?').next();
                format!("PostgreSQL at {}", host.unwrap_or(""))
            }
        }
    }
}

/// All settings of one qualify process.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Development or production.
    pub environment: Environment,
    /// Which database, and where.
    pub database: DatabaseTarget,
    /// Connections kept by the pool.
    pub database_pool_size: u32,
    /// Address the HTTP server listens on.
    pub bind: SocketAddr,
    /// Public URL of the service, used in links and mails (no trailing slash).
    pub base_url: String,
    /// Folder for the secret key, uploads, mail files and the SQLite database.
    pub data_dir: PathBuf,
    /// Folder of the curriculum files.
    pub content_dir: PathBuf,
    /// Key for signing tokens and links; at least 32 bytes.
    pub secret_key: Vec<u8>,
    /// Ed25519 seed (32 bytes) that signs certificate credentials; empty: kept in the data dir.
    pub issuer_key: Vec<u8>,
    /// Earlier credential-signing seeds, newest first: they verify, they no longer sign.
    pub issuer_earlier_keys: Vec<Vec<u8>>,
    /// SMTP relay (`smtp://` or `smtps://`); without it mails are written as files.
    pub smtp_url: Option<String>,
    /// Sender address of every mail.
    pub mail_from: String,
    /// The program team's address for questions: named in every mail and set as Reply-To.
    pub mail_reply_to: Option<String>,
    /// The organisation that runs the program (unset: the host name stands in).
    pub organization: Option<String>,
    /// The organisation's logo (`QUALIFY_ORGANIZATION_LOGO`), checked at start-up.
    pub organization_logo: Option<logo::Logo>,
    /// Log filter in `RUST_LOG` syntax.
    pub log: String,
    /// Minutes a sign-in link stays valid.
    pub sign_in_link_minutes: u32,
    /// A session ends after this many idle minutes.
    pub session_idle_minutes: u32,
    /// A session ends this many hours after sign-in, active or not.
    pub session_absolute_hours: u32,
    /// Mails sent per minute at most.
    pub mail_rate_per_minute: u32,
    /// Hours after which a mail that keeps failing is given up.
    pub mail_retry_horizon_hours: u32,
    /// Whether `serve` delivers mail itself (off when a separate `qualify worker` does).
    pub mail_worker: bool,
    /// Whether `serve` runs the scheduler tick (allocation of waiting work, escalation).
    pub scheduler: bool,
    /// The proxies whose `X-Forwarded-For` entries name the client (none: the peer is it).
    pub trusted_proxies: proxies::TrustedProxies,
    /// Largest attachment, bytes.
    pub upload_max_bytes: u64,
    /// Most attachments per submission version.
    pub upload_max_files: u32,
    /// Accepted kinds of attachment.
    pub upload_types: Vec<crate::domain::file_type::FileKind>,
    /// Timing of reminders, escalation and scheduled mail.
    pub rules: crate::config::rules::Rules,
    /// Bearer token `/metrics` asks for (none: open, for a scraper on an internal network).
    pub metrics_token: Option<String>,
    /// Where attachments and generated files are kept.
    pub storage: crate::config::storage::StorageSetting,
    /// The OpenID Connect provider for single sign-on, if any.
    pub oidc: Option<crate::config::oidc::OidcSetting>,
    /// Whether people with an identity at the provider may sign in only through it.
    pub sso_only: bool,
}

/// A setting that could not be used, named for the person who set it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid setting {setting}: {message}")]
pub struct SettingsError {
    /// The environment variable name, e.g. `QUALIFY_BIND`.
    pub setting: String,
    /// What is wrong and what would be right.
    pub message: String,
}

fn err(setting: &str, message: impl Into<String>) -> SettingsError {
    SettingsError {
        setting: setting.to_string(),
        message: message.into(),
    }
}

pub use crate::config::table::SETTINGS;

impl Settings {
    /// Reads `qualify.toml` (or the file named by `QUALIFY_CONFIG`) and the environment.
    pub fn load() -> Result<Self, SettingsError> {
        let path = std::env::var("QUALIFY_CONFIG").unwrap_or_else(|_| "qualify.toml".into());
        let mut values = read_file(Path::new(&path))?;
        for (key, value) in std::env::vars() {
            if key.starts_with("QUALIFY_") || key == "DATABASE_URL" {
                values.insert(key, value);
            }
        }
        Self::from_map(&values)
    }

    /// Builds settings from a map of `QUALIFY_*` names to values (used by `load` and tests).
    pub fn from_map(values: &BTreeMap<String, String>) -> Result<Self, SettingsError> {
        let get = |key: &str| values.get(key).map(|v| v.trim()).filter(|v| !v.is_empty());
        let environment = environment(get)?;
        let (database, database_pool_size) = database(get)?;
        let (bind, base_url) = address(get)?;
        let data_dir = PathBuf::from(get("QUALIFY_DATA_DIR").unwrap_or("data"));
        let content_dir = PathBuf::from(get("QUALIFY_CONTENT_DIR").unwrap_or("course_content"));
        let secret_key = secret_key(get, environment)?;
        let mut issuer_keys = issuer_key(get, environment)?.into_iter();
        let issuer_key = issuer_keys.next().unwrap_or_default();
        let issuer_earlier_keys: Vec<Vec<u8>> = issuer_keys.collect();
        let (smtp_url, mail_from) = mail_sender(get)?;
        let mail_reply_to = mail_reply_to(get)?;
        let log = get("QUALIFY_LOG").unwrap_or("info").to_string();
        let number =
            |key: &str, default: u32, max: u32| parse_number(get(key), key, default, 1, max);
        let sign_in_link_minutes = number("QUALIFY_SIGN_IN_LINK_MINUTES", 10, 60 * 24)?;
        let session_idle_minutes = number("QUALIFY_SESSION_IDLE_MINUTES", 30, 60 * 24)?;
        let session_absolute_hours = number("QUALIFY_SESSION_ABSOLUTE_HOURS", 12, 24 * 30)?;
        let mail_rate_per_minute = number("QUALIFY_MAIL_RATE_PER_MINUTE", 600, 100_000)?;
        let mail_retry_horizon_hours = number("QUALIFY_MAIL_RETRY_HORIZON_HOURS", 24, 24 * 14)?;
        let mail_worker = parse_switch(get("QUALIFY_MAIL_WORKER"), "QUALIFY_MAIL_WORKER", true)?;
        let scheduler = parse_switch(get("QUALIFY_SCHEDULER"), "QUALIFY_SCHEDULER", true)?;
        let trust_forwarded = parse_switch(
            get("QUALIFY_TRUST_FORWARDED"),
            "QUALIFY_TRUST_FORWARDED",
            false,
        )?;
        let trusted_proxies = proxies::TrustedProxies::from_settings(get, trust_forwarded)?;
        let (upload_max_bytes, upload_max_files, upload_types) = uploads(get)?;
        let rules = crate::config::rules::Rules::from_settings(get)?;
        let metrics_token = sections::metrics_token(get, environment)?;
        let storage = crate::config::storage::StorageSetting::from_settings(get)?;
        let oidc = crate::config::oidc::OidcSetting::from_settings(get)?;
        let organization_logo = match get("QUALIFY_ORGANIZATION_LOGO") {
            Some(path) => Some(logo::Logo::read(Path::new(path))?),
            None => None,
        };
        let sso_only = parse_switch(get("QUALIFY_SSO_ONLY"), "QUALIFY_SSO_ONLY", false)?;
        if sso_only && oidc.is_none() {
            return Err(err("QUALIFY_SSO_ONLY", "needs QUALIFY_OIDC_ISSUER"));
        }
        Ok(Self {
            oidc,
            sso_only,
            storage,
            rules,
            metrics_token,
            environment,
            database,
            database_pool_size,
            bind,
            base_url,
            data_dir,
            content_dir,
            secret_key,
            issuer_key,
            issuer_earlier_keys,
            smtp_url,
            mail_from,
            mail_reply_to,
            organization: get("QUALIFY_ORGANIZATION").map(str::to_string),
            organization_logo,
            log,
            sign_in_link_minutes,
            session_idle_minutes,
            session_absolute_hours,
            mail_rate_per_minute,
            mail_retry_horizon_hours,
            mail_worker,
            scheduler,
            trusted_proxies,
            upload_max_bytes,
            upload_max_files,
            upload_types,
        })
    }

    /// Whether cookies must be `Secure` (and may use the `__Host-` prefix).
    pub fn is_https(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}

fn read_file(path: &Path) -> Result<BTreeMap<String, String>, SettingsError> {
    let mut values = BTreeMap::new();
    let Ok(text) = std::fs::read_to_string(path) else {
        return Ok(values);
    };
    let table: toml::Table = text
        .parse()
        .map_err(|e| err("QUALIFY_CONFIG", format!("{}: {e}", path.display())))?;
    for (key, value) in table {
        let text = match value {
            toml::Value::String(s) => s,
            other => other.to_string(),
        };
        values.insert(format!("QUALIFY_{}", key.to_uppercase()), text);
    }
    Ok(values)
}

fn parse_number(
    value: Option<&str>,
    key: &str,
    default: u32,
    min: u32,
    max: u32,
) -> Result<u32, SettingsError> {
    let Some(text) = value else {
        return Ok(default);
    };
    match text.parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(err(
            key,
            format!("'{text}' is not a whole number from {min} to {max}"),
        )),
    }
}

fn parse_switch(value: Option<&str>, key: &str, default: bool) -> Result<bool, SettingsError> {
    match value.map(|v| v.to_ascii_lowercase()) {
        None => Ok(default),
        Some(v) if ["on", "true", "yes", "1"].contains(&v.as_str()) => Ok(true),
        Some(v) if ["off", "false", "no", "0"].contains(&v.as_str()) => Ok(false),
        Some(v) => Err(err(key, format!("'{v}' is not on or off"))),
    }
}

fn parse_base_url(url: &str) -> Result<String, SettingsError> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| {
            err(
                "QUALIFY_BASE_URL",
                format!("'{url}' must start with http:// or https://"),
            )
        })?;
    if rest.is_empty() || rest.contains(char::is_whitespace) {
        return Err(err("QUALIFY_BASE_URL", format!("'{url}' has no host")));
    }
    Ok(url.trim_end_matches('/').to_string())
}

pub(crate) fn parse_secret(text: &str) -> Result<Vec<u8>, SettingsError> {
    match hex::decode(text) {
        Ok(bytes) if bytes.len() >= 32 => Ok(bytes),
        _ => Err(err(
            "QUALIFY_SECRET_KEY",
            "must be at least 64 hex characters (32 bytes)",
        )),
    }
}
