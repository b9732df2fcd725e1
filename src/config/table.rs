//! Every setting with its default and meaning: `--help` and the README list them from here.

/// Every setting with its default, in the order the README documents them.
pub const SETTINGS: &[(&str, &str, &str)] = &[
    ("QUALIFY_ENV", "development", "development or production"),
    (
        "QUALIFY_DATABASE_URL",
        "sqlite://data/qualify.db",
        "database URL (DATABASE_URL is read too)",
    ),
    (
        "QUALIFY_DATABASE_POOL_SIZE",
        "8",
        "database connections per instance",
    ),
    (
        "QUALIFY_BIND",
        "127.0.0.1:8080",
        "address and port to listen on",
    ),
    (
        "QUALIFY_BASE_URL",
        "http://<QUALIFY_BIND>",
        "public URL used in links and mails",
    ),
    (
        "QUALIFY_DATA_DIR",
        "data",
        "secret key, uploads, mail files, SQLite database",
    ),
    (
        "QUALIFY_CONTENT_DIR",
        "course_content",
        "curriculum folder loaded at start-up",
    ),
    (
        "QUALIFY_SECRET_KEY",
        "(generated in development)",
        "64 hex characters or more",
    ),
    (
        "QUALIFY_ISSUER_KEY",
        "(generated in development)",
        "Ed25519 seed that signs certificate credentials: exactly 64 hex characters",
    ),
    (
        "QUALIFY_STORAGE",
        "files",
        "where attachments live: files (under <data dir>/uploads) or s3://BUCKET[/PREFIX]",
    ),
    (
        "QUALIFY_S3_ENDPOINT",
        "(unset: AWS)",
        "URL of an S3-compatible server, e.g. http://127.0.0.1:9000",
    ),
    ("QUALIFY_S3_REGION", "us-east-1", "region of the bucket"),
    (
        "QUALIFY_S3_ACCESS_KEY_ID",
        "(unset: AWS_ACCESS_KEY_ID or the instance role)",
        "access key id for the bucket",
    ),
    (
        "QUALIFY_S3_SECRET_ACCESS_KEY",
        "(unset: AWS_SECRET_ACCESS_KEY or the instance role)",
        "secret access key for the bucket (never logged)",
    ),
    (
        "QUALIFY_SMTP_URL",
        "(unset: mails go to <data dir>/mail/)",
        "smtp:// or smtps:// relay",
    ),
    (
        "QUALIFY_MAIL_FROM",
        "qualify <noreply@localhost>",
        "sender of every mail",
    ),
    ("QUALIFY_LOG", "info", "log filter (RUST_LOG syntax)"),
    (
        "QUALIFY_METRICS_TOKEN",
        "(unset: /metrics is open)",
        "bearer token that /metrics asks for",
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
        "hours after sign-in when a session ends",
    ),
    (
        "QUALIFY_MAIL_RATE_PER_MINUTE",
        "600",
        "mails sent per minute at most",
    ),
    (
        "QUALIFY_MAIL_RETRY_HORIZON_HOURS",
        "24",
        "hours after which a failing mail is given up",
    ),
    (
        "QUALIFY_MAIL_WORKER",
        "on",
        "deliver mail inside serve (off: run `qualify worker`)",
    ),
    (
        "QUALIFY_SCHEDULER",
        "on",
        "run the scheduler tick every minute inside serve (allocation, escalation)",
    ),
    (
        "QUALIFY_TRUST_FORWARDED",
        "off",
        "take the client address from X-Forwarded-For",
    ),
];
