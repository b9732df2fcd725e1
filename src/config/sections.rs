//! The settings read as groups that belong together: environment, database, address, keys,
//! mail sender and uploads. Each reader takes the value lookup of [`Settings::from_map`] and
//! names the setting that is wrong.
//!
//! [`Settings::from_map`]: super::Settings::from_map

use std::net::SocketAddr;

use super::{DatabaseTarget, Environment, SettingsError, err, parse_base_url, parse_number};
use crate::domain::file_type::FileKind;

/// `QUALIFY_ENV`: development (the default) or production.
pub(super) fn environment<'a>(
    get: impl Fn(&str) -> Option<&'a str>,
) -> Result<Environment, SettingsError> {
    match get("QUALIFY_ENV").unwrap_or("development") {
        "development" | "dev" => Ok(Environment::Development),
        "production" | "prod" => Ok(Environment::Production),
        other => Err(err(
            "QUALIFY_ENV",
            format!("'{other}' is not development or production"),
        )),
    }
}

/// The database URL (`QUALIFY_DATABASE_URL`, else `DATABASE_URL`) and the pool size.
pub(super) fn database<'a>(
    get: impl Fn(&str) -> Option<&'a str>,
) -> Result<(DatabaseTarget, u32), SettingsError> {
    let (db_key, db_url) = match get("QUALIFY_DATABASE_URL") {
        Some(url) => ("QUALIFY_DATABASE_URL", url),
        None => (
            "DATABASE_URL",
            get("DATABASE_URL").unwrap_or("sqlite://data/qualify.db"),
        ),
    };
    let database = DatabaseTarget::parse(db_url).map_err(|m| err(db_key, m))?;
    let database_pool_size = parse_number(
        get("QUALIFY_DATABASE_POOL_SIZE"),
        "QUALIFY_DATABASE_POOL_SIZE",
        8,
        1,
        200,
    )?;
    Ok((database, database_pool_size))
}

/// The address to listen on and the public URL (by default the listening address).
pub(super) fn address<'a>(
    get: impl Fn(&str) -> Option<&'a str>,
) -> Result<(SocketAddr, String), SettingsError> {
    let bind_text = get("QUALIFY_BIND").unwrap_or("127.0.0.1:8080");
    let bind: SocketAddr = bind_text.parse().map_err(|_| {
        err(
            "QUALIFY_BIND",
            format!("'{bind_text}' is not an address with a port, such as 127.0.0.1:8080"),
        )
    })?;
    let base_url = match get("QUALIFY_BASE_URL") {
        Some(url) => parse_base_url(url)?,
        None => format!("http://{bind}"),
    };
    Ok((bind, base_url))
}

/// `QUALIFY_SECRET_KEY`: required in production; empty means kept in the data dir.
pub(super) fn secret_key<'a>(
    get: impl Fn(&str) -> Option<&'a str>,
    environment: Environment,
) -> Result<Vec<u8>, SettingsError> {
    match get("QUALIFY_SECRET_KEY") {
        Some(hex_key) => super::parse_secret(hex_key),
        None if environment == Environment::Production => Err(err(
            "QUALIFY_SECRET_KEY",
            "is required when QUALIFY_ENV=production (64 or more hex characters, e.g. from `openssl rand -hex 32`)",
        )),
        None => Ok(Vec::new()),
    }
}

/// `QUALIFY_METRICS_TOKEN`: required in production (the operations figures stay closed to
/// whoever reaches the port); unset in development means `/metrics` is open.
pub(super) fn metrics_token<'a>(
    get: impl Fn(&str) -> Option<&'a str>,
    environment: Environment,
) -> Result<Option<String>, SettingsError> {
    match get("QUALIFY_METRICS_TOKEN").map(str::trim) {
        Some(token) if token.len() >= 16 => Ok(Some(token.to_string())),
        Some(_) => Err(err(
            "QUALIFY_METRICS_TOKEN",
            "must be at least 16 characters (e.g. from `openssl rand -hex 32`)",
        )),
        None if environment == Environment::Production => Err(err(
            "QUALIFY_METRICS_TOKEN",
            "is required when QUALIFY_ENV=production (e.g. from `openssl rand -hex 32`)",
        )),
        None => Ok(None),
    }
}

/// `QUALIFY_ISSUER_KEY`: Ed25519 seeds, the current one first, then earlier ones that only
/// verify (separated by commas); required in production; empty means kept in the data dir.
pub(super) fn issuer_key<'a>(
    get: impl Fn(&str) -> Option<&'a str>,
    environment: Environment,
) -> Result<Vec<Vec<u8>>, SettingsError> {
    match get("QUALIFY_ISSUER_KEY") {
        Some(text) => text
            .split(',')
            .map(|k| match hex::decode(k.trim()) {
                Ok(bytes) if bytes.len() == 32 => Ok(bytes),
                _ => Err(err(
                    "QUALIFY_ISSUER_KEY",
                    "must be exactly 64 hex characters per key (an Ed25519 seed, e.g. from `openssl rand -hex 32`), the current key first, earlier ones after commas",
                )),
            })
            .collect(),
        None if environment == Environment::Production => Err(err(
            "QUALIFY_ISSUER_KEY",
            "is required when QUALIFY_ENV=production (64 hex characters, e.g. from `openssl rand -hex 32`)",
        )),
        None => Ok(Vec::new()),
    }
}

/// The address that answers questions about the program (the mails' Reply-To), if set.
pub(super) fn mail_reply_to<'a>(
    get: impl Fn(&str) -> Option<&'a str>,
) -> Result<Option<String>, SettingsError> {
    match get("QUALIFY_MAIL_REPLY_TO").map(str::trim) {
        None | Some("") => Ok(None),
        Some(a) if a.contains('@') && !a.contains(['\r', '\n']) => Ok(Some(a.to_string())),
        Some(a) => Err(err(
            "QUALIFY_MAIL_REPLY_TO",
            format!("'{a}' is not a mail address"),
        )),
    }
}

/// The SMTP relay (none: mails are written as files) and the sender address.
pub(super) fn mail_sender<'a>(
    get: impl Fn(&str) -> Option<&'a str>,
) -> Result<(Option<String>, String), SettingsError> {
    let smtp_url = match get("QUALIFY_SMTP_URL") {
        Some(url) if url.starts_with("smtp://") || url.starts_with("smtps://") => {
            Some(url.to_string())
        }
        Some(url) => {
            let scheme = url.split("://").next().unwrap_or(url);
            return Err(err(
                "QUALIFY_SMTP_URL",
                format!("unsupported scheme '{scheme}': use smtp:// or smtps://"),
            ));
        }
        None => None,
    };
    let mail_from = get("QUALIFY_MAIL_FROM")
        .unwrap_or("qualify <noreply@localhost>")
        .to_string();
    if !mail_from.contains('@') || mail_from.contains(['\r', '\n']) {
        return Err(err(
            "QUALIFY_MAIL_FROM",
            format!("'{mail_from}' is not a mail address"),
        ));
    }
    Ok((smtp_url, mail_from))
}

/// Attachment limits: largest file in bytes, files per version, accepted kinds.
pub(super) fn uploads<'a>(
    get: impl Fn(&str) -> Option<&'a str>,
) -> Result<(u64, u32, Vec<FileKind>), SettingsError> {
    let number = |key: &str, default: u32, max: u32| parse_number(get(key), key, default, 1, max);
    let upload_max_bytes = u64::from(number("QUALIFY_UPLOAD_MAX_MB", 20, 1024)?) * 1024 * 1024;
    let upload_max_files = number("QUALIFY_UPLOAD_MAX_FILES", 5, 100)?;
    let upload_types = match get("QUALIFY_UPLOAD_TYPES") {
        None => FileKind::ALL.to_vec(),
        Some(list) => list
            .split(',')
            .map(|t| {
                FileKind::parse(t).ok_or_else(|| {
                    err(
                        "QUALIFY_UPLOAD_TYPES",
                        format!(
                            "unknown type '{}': use pdf, png, jpeg, docx, pptx, xlsx, txt, md",
                            t.trim()
                        ),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?,
    };
    Ok((upload_max_bytes, upload_max_files, upload_types))
}
