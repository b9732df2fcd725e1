//! Every setting with its default and meaning. `qualify --help` lists them from here, and
//! [`configuration_markdown`] renders them as `docs/configuration.md`; a unit test fails when
//! that file differs from what this table gives.

/// Every setting with its default, in the order `docs/configuration.md` lists them. Each may
/// be set as an environment variable or, without the `QUALIFY_` prefix and in lower case, in
/// `qualify.toml`.
pub const SETTINGS: &[(&str, &str, &str)] = &[
    (
        "QUALIFY_ENV",
        "development",
        "development or production; production refuses to start without QUALIFY_SECRET_KEY, \
         QUALIFY_ISSUER_KEY and QUALIFY_METRICS_TOKEN",
    ),
    (
        "QUALIFY_DATABASE_URL",
        "sqlite://data/qualify.db",
        "sqlite://PATH or postgres://USER:PASSWORD@HOST:PORT/DB (DATABASE_URL is read too)",
    ),
    (
        "QUALIFY_DATABASE_POOL_SIZE",
        "8",
        "database connections per instance (1 to 200)",
    ),
    (
        "QUALIFY_BIND",
        "127.0.0.1:8080",
        "address and port to listen on",
    ),
    (
        "QUALIFY_BASE_URL",
        "http://<QUALIFY_BIND>",
        "public URL used in links and mails; https:// makes cookies Secure and __Host- prefixed",
    ),
    (
        "QUALIFY_DATA_DIR",
        "data",
        "folder for the development keys, uploads (with QUALIFY_STORAGE=files) and mail files",
    ),
    (
        "QUALIFY_CONTENT_DIR",
        "course_content",
        "curriculum folder loaded at start-up",
    ),
    (
        "QUALIFY_SECRET_KEY",
        "(generated in development)",
        "64 hex characters or more (openssl rand -hex 32) that sign unsubscribe links and the \
         CSRF token of a browser not yet signed in; in development kept in the data dir as \
         secret_key",
    ),
    (
        "QUALIFY_ISSUER_KEY",
        "(generated in development)",
        "Ed25519 seeds of 64 hex characters each, separated by commas: the first signs \
         certificate credentials, earlier ones after it only verify (key rotation); in \
         development kept in the data dir as issuer_key; every public half is published at \
         /.well-known/jwks.json under its own kid",
    ),
    (
        "QUALIFY_STORAGE",
        "files",
        "where attachments live: files (the uploads folder in the data dir) or \
         s3://BUCKET[/PREFIX], an S3-compatible bucket every instance shares",
    ),
    (
        "QUALIFY_S3_ENDPOINT",
        "(unset: AWS)",
        "URL of an S3-compatible server (MinIO, Ceph, …), e.g. http://127.0.0.1:9000",
    ),
    ("QUALIFY_S3_REGION", "us-east-1", "region of the bucket"),
    (
        "QUALIFY_S3_ACCESS_KEY_ID",
        "(unset: AWS_ACCESS_KEY_ID or the instance role)",
        "access key id for the bucket (set both keys or neither)",
    ),
    (
        "QUALIFY_S3_SECRET_ACCESS_KEY",
        "(unset: AWS_SECRET_ACCESS_KEY or the instance role)",
        "secret access key for the bucket (never logged)",
    ),
    (
        "QUALIFY_OIDC_ISSUER",
        "(unset: no single sign-on)",
        "URL of the OpenID Connect provider (its discovery document is read from \
         /.well-known/openid-configuration below it); https://, or http:// on loopback. \
         Register <QUALIFY_BASE_URL>/sign-in/sso/callback as the redirect URL there",
    ),
    (
        "QUALIFY_OIDC_CLIENT_ID",
        "(unset)",
        "qualify's client id at the provider",
    ),
    (
        "QUALIFY_OIDC_CLIENT_SECRET",
        "(unset: a public client, PKCE alone)",
        "client secret, sent to the token endpoint with HTTP Basic (never logged)",
    ),
    (
        "QUALIFY_OIDC_SCOPES",
        "openid email profile",
        "scopes asked for; must include openid",
    ),
    (
        "QUALIFY_OIDC_LABEL",
        "Company sign-in",
        "text of the single sign-on button, shown first on the sign-in page",
    ),
    (
        "QUALIFY_OIDC_EMAIL_VERIFIED",
        "claim",
        "when the provider's email may link to an existing person: claim (only with \
         email_verified: true in the ID token) or trust (always; for Microsoft Entra ID, which \
         sends no email_verified; see docs/security.md)",
    ),
    (
        "QUALIFY_OIDC_ORG_UNIT_CLAIM",
        "(unset)",
        "name of the ID token claim that carries the org unit (e.g. department); set on \
         every single sign-on",
    ),
    (
        "QUALIFY_OIDC_EMPLOYEE_ID_CLAIM",
        "(unset)",
        "name of the ID token claim that carries the employee id (e.g. employeeid), the HR \
         directory's key: a person signing in is joined to the directory's row by it, and a \
         person without one gets it",
    ),
    (
        "QUALIFY_SSO_ONLY",
        "off",
        "people who have signed in through the provider may sign in only that way (no link, \
         no password); links printed by `qualify owner create` and API tokens keep working",
    ),
    (
        "QUALIFY_SMTP_URL",
        "(unset: mails are .eml files in the data dir's mail folder)",
        "smtp:// or smtps:// relay for outgoing mail",
    ),
    (
        "QUALIFY_MAIL_FROM",
        "qualify <noreply@localhost>",
        "sender of every mail",
    ),
    (
        "QUALIFY_MAIL_REPLY_TO",
        "(unset: mails name the program lead without an address)",
        "address of the program team that answers questions (`program@corp.example`, or with a \
         name as in QUALIFY_MAIL_FROM): every mail names it above its sign-off and sets it as \
         Reply-To",
    ),
    (
        "QUALIFY_ORGANIZATION",
        "(the host of QUALIFY_BASE_URL or of the sender address)",
        "the organization that runs the program: the issuer of certificates and credentials, \
         named on the PDF, the issuer profile, the LinkedIn link, in mails and the page footer",
    ),
    (
        "QUALIFY_ORGANIZATION_LOGO",
        "(unset: the name alone)",
        "path to the organization's logo, a PNG or SVG file of at most 1 MiB (the type is \
         decided by the content), read once at start-up: shown beside the name in the page \
         header and footer, in mails and on the certificate PDF, and named as the image of the \
         issuer profile; served at /organization/logo. Text in an SVG logo should be converted \
         to paths",
    ),
    ("QUALIFY_LOG", "info", "log filter (RUST_LOG syntax)"),
    (
        "QUALIFY_METRICS_TOKEN",
        "(unset: /metrics is open; required in production)",
        "bearer token that /metrics asks for, at least 16 characters (the metrics are \
         aggregates only)",
    ),
    (
        "QUALIFY_SIGN_IN_LINK_MINUTES",
        "10",
        "minutes a sign-in link stays valid",
    ),
    (
        "QUALIFY_SESSION_IDLE_MINUTES",
        "30",
        "idle minutes before a session ends",
    ),
    (
        "QUALIFY_SESSION_ABSOLUTE_HOURS",
        "12",
        "hours after sign-in when a session ends, active or not",
    ),
    (
        "QUALIFY_MAIL_RATE_PER_MINUTE",
        "600",
        "mails sent per minute at most (protects the relay)",
    ),
    (
        "QUALIFY_MAIL_RETRY_HORIZON_HOURS",
        "24",
        "hours after which a mail that keeps failing temporarily is given up",
    ),
    (
        "QUALIFY_MAIL_WORKER",
        "on",
        "deliver mail inside serve (off: a separate `qualify worker` delivers it)",
    ),
    (
        "QUALIFY_SCHEDULER",
        "on",
        "run the scheduler tick inside serve: allocation of waiting work, escalation of \
         overdue reviews, reminders and scheduled mail (safe in every instance at once)",
    ),
    (
        "QUALIFY_TRUST_FORWARDED",
        "off",
        "on: one trusted proxy in front (the same as QUALIFY_TRUSTED_PROXIES=1)",
    ),
    (
        "QUALIFY_TRUSTED_PROXIES",
        "(unset: none)",
        "the proxies in front whose X-Forwarded-For entries name the client (rate limits, \
         audit log): a number of hops, or networks such as 10.0.0.0/8,fd00::/8; the \
         right-most address no trusted proxy wrote is the client",
    ),
    (
        "QUALIFY_UPLOAD_MAX_MB",
        "20",
        "largest attachment, in MB (1 to 1024)",
    ),
    (
        "QUALIFY_UPLOAD_MAX_FILES",
        "5",
        "attachments per submission version",
    ),
    (
        "QUALIFY_UPLOAD_TYPES",
        "pdf,png,jpeg,docx,pptx,xlsx,txt,md",
        "accepted attachment types (the type is decided by the content)",
    ),
];

/// Variables read from the environment only, never from `qualify.toml`.
pub const ENVIRONMENT_ONLY: &[(&str, &str, &str)] = &[
    (
        "QUALIFY_CONFIG",
        "qualify.toml",
        "the settings file to read (a missing file is no error)",
    ),
    (
        "DATABASE_URL",
        "(unset)",
        "read when QUALIFY_DATABASE_URL is not set",
    ),
    (
        "QUALIFY_LOG_FORMAT",
        "(unset: human-readable lines)",
        "json writes every log line as a JSON object",
    ),
];

const INTRO: &str = "\
qualify reads its settings once at start-up. Each one is an environment variable; the same
key without the `QUALIFY_` prefix and in lower case may instead be put in an optional
`qualify.toml` in the working directory (or in the file named by `QUALIFY_CONFIG`):

```toml
database_url = \"postgres://qualify:secret@db.internal:5432/qualify\"
base_url = \"https://qualify.intranet.example\"
database_pool_size = 32
```

Precedence: the environment wins over the file, and the file over the defaults below. An empty
value counts as unset. A bad value stops start-up with one line that names the setting, for
example `invalid setting QUALIFY_BIND: 'localhost' is not an address with a port, such as
127.0.0.1:8080`. `qualify --help` prints the same list.
";

/// `docs/configuration.md`: every setting of [`SETTINGS`],
/// [`RULE_SETTINGS`](crate::config::rules::RULE_SETTINGS) and [`ENVIRONMENT_ONLY`] with its
/// default and meaning.
pub fn configuration_markdown() -> String {
    let mut page = String::from(
        "# Configuration\n\n\
         <!-- Generated from src/config/table.rs by\n     \
         QUALIFY_WRITE_DOCS=1 cargo test --lib config::table\n     \
         Do not edit by hand. -->\n\n",
    );
    page.push_str(INTRO);
    page.push_str("\n## Settings\n\n");
    push_table(&mut page, SETTINGS);
    page.push_str(
        "\n## Reminders, escalation and scheduled mail\n\n\
         When reminders go out and when the owner hears of overdue reviews. Digests and reports \
         are\nmailed only in working hours on working days, in each recipient's time zone.\n\n",
    );
    push_table(&mut page, crate::config::rules::RULE_SETTINGS);
    page.push_str("\n## Read from the environment only\n\n");
    push_table(&mut page, ENVIRONMENT_ONLY);
    page
}

fn push_table(page: &mut String, rows: &[(&str, &str, &str)]) {
    page.push_str("| Key | Default | Meaning |\n|---|---|---|\n");
    for (key, default, meaning) in rows {
        let default = if default.starts_with('(') {
            plain(default)
        } else {
            format!("`{default}`")
        };
        page.push_str(&format!("| `{key}` | {default} | {} |\n", plain(meaning)));
    }
}

/// Table text that Markdown shows as written: no cell breaks, no HTML tags.
fn plain(text: &str) -> String {
    text.replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_is_documented_once() {
        let mut keys: Vec<&str> = SETTINGS
            .iter()
            .chain(crate::config::rules::RULE_SETTINGS)
            .chain(ENVIRONMENT_ONLY)
            .map(|(key, _, _)| *key)
            .collect();
        let count = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), count, "a setting is listed twice");
        let page = configuration_markdown();
        for key in keys {
            assert!(page.contains(&format!("| `{key}` |")), "{key} missing");
        }
    }

    /// `docs/configuration.md` is what [`configuration_markdown`] renders. With
    /// `QUALIFY_WRITE_DOCS=1` the test writes the file instead of comparing.
    #[test]
    fn docs_configuration_md_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/configuration.md");
        let page = configuration_markdown();
        if std::env::var_os("QUALIFY_WRITE_DOCS").is_some() {
            std::fs::write(&path, &page).expect("write docs/configuration.md");
            return;
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == page,
            "docs/configuration.md is stale: the settings in src/config/table.rs (or \
             src/config/rules.rs) changed. Regenerate it with\n  \
             QUALIFY_WRITE_DOCS=1 cargo test --lib config::table\nand commit the file."
        );
    }
}
