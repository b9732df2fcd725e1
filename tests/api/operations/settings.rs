//! Settings: the defaults, bad values that stop start-up with one clear line naming the setting,
//! what production requires, and the development secret key, generated once and kept.

use qualify::config::{DatabaseTarget, Environment, Settings};

use crate::support::app::test_settings_map;

fn with(key: &str, value: &str) -> Result<Settings, qualify::config::SettingsError> {
    let dir = std::path::Path::new("/tmp");
    let mut map = test_settings_map(dir, "sqlite://data/x.db");
    map.insert(key.to_string(), value.to_string());
    Settings::from_map(&map)
}

#[test]
fn defaults_are_sqlite_on_localhost_8080() {
    let s = Settings::from_map(&Default::default()).unwrap();
    assert_eq!(s.database, DatabaseTarget::Sqlite("data/qualify.db".into()));
    assert_eq!(s.bind.to_string(), "127.0.0.1:8080");
    assert_eq!(s.base_url, "http://127.0.0.1:8080");
    assert_eq!(s.environment, Environment::Development);
    assert!(s.smtp_url.is_none());
}

#[test]
fn an_unknown_database_scheme_is_refused_with_the_setting_named() {
    let e = with("QUALIFY_DATABASE_URL", "mysql://root@localhost/q").unwrap_err();
    assert_eq!(e.setting, "QUALIFY_DATABASE_URL");
    assert_eq!(
        e.to_string(),
        "invalid setting QUALIFY_DATABASE_URL: unsupported scheme 'mysql': use sqlite://PATH or postgres://USER@HOST/DB"
    );
    assert!(!e.to_string().contains('\n'));
}

#[test]
fn database_url_is_read_when_the_qualify_name_is_unset() {
    let mut map = std::collections::BTreeMap::new();
    map.insert(
        "DATABASE_URL".to_string(),
        "postgres://q@db/qualify".to_string(),
    );
    let s = Settings::from_map(&map).unwrap();
    assert_eq!(
        s.database,
        DatabaseTarget::Postgres("postgres://q@db/qualify".into())
    );
    map.insert("DATABASE_URL".to_string(), "oracle://x".to_string());
    assert_eq!(
        Settings::from_map(&map).unwrap_err().setting,
        "DATABASE_URL"
    );
}

#[test]
fn a_bad_bind_address_is_refused_with_the_setting_named() {
    let e = with("QUALIFY_BIND", "localhost").unwrap_err();
    assert_eq!(e.setting, "QUALIFY_BIND");
    assert!(
        e.message
            .contains("'localhost' is not an address with a port"),
        "{e}"
    );
}

#[test]
fn other_bad_values_name_their_setting() {
    for (key, value) in [
        ("QUALIFY_BASE_URL", "intranet.example"),
        ("QUALIFY_SMTP_URL", "http://relay"),
        ("QUALIFY_SECRET_KEY", "short"),
        ("QUALIFY_ENV", "staging"),
        ("QUALIFY_DATABASE_POOL_SIZE", "0"),
        ("QUALIFY_MAIL_FROM", "nobody"),
    ] {
        let e = with(key, value).unwrap_err();
        assert_eq!(e.setting, key, "{e}");
    }
}

#[test]
fn production_requires_a_secret_key_a_credential_key_and_a_metrics_token() {
    let mut map = std::collections::BTreeMap::new();
    map.insert("QUALIFY_ENV".to_string(), "production".to_string());
    let e = Settings::from_map(&map).unwrap_err();
    assert_eq!(e.setting, "QUALIFY_SECRET_KEY");
    map.insert("QUALIFY_SECRET_KEY".to_string(), "cd".repeat(32));
    let e = Settings::from_map(&map).unwrap_err();
    assert_eq!(e.setting, "QUALIFY_ISSUER_KEY");
    map.insert("QUALIFY_ISSUER_KEY".to_string(), "ab".repeat(31));
    let e = Settings::from_map(&map).unwrap_err();
    assert!(e.to_string().contains("exactly 64 hex characters"), "{e}");
    map.insert("QUALIFY_ISSUER_KEY".to_string(), "ab".repeat(32));
    let e = Settings::from_map(&map).unwrap_err();
    assert_eq!(e.setting, "QUALIFY_METRICS_TOKEN");
    map.insert("QUALIFY_METRICS_TOKEN".to_string(), "short".to_string());
    let e = Settings::from_map(&map).unwrap_err();
    assert!(e.to_string().contains("at least 16 characters"), "{e}");
    map.insert("QUALIFY_METRICS_TOKEN".to_string(), "ef".repeat(16));
    assert!(Settings::from_map(&map).is_ok());
}

#[test]
fn https_base_urls_make_cookies_secure() {
    let s = with("QUALIFY_BASE_URL", "https://qualify.intranet.example/").unwrap();
    assert_eq!(s.base_url, "https://qualify.intranet.example");
    assert!(s.is_https());
}

#[test]
fn the_development_secret_key_is_generated_once_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut map = test_settings_map(dir.path(), "sqlite://x.db");
    map.remove("QUALIFY_SECRET_KEY");
    let mut first = Settings::from_map(&map).unwrap();
    first.ensure_secret_key().unwrap();
    let mut second = Settings::from_map(&map).unwrap();
    second.ensure_secret_key().unwrap();
    assert_eq!(first.secret_key.len(), 32);
    assert_eq!(first.secret_key, second.secret_key);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(first.data_dir.join("secret_key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "only the service's user reads the key");
    }
}
