//! Rendering a mail from `templates/emails/<name>/{subject.txt,body.txt,body.html}` in the
//! recipient's language and putting it into the outbox.

use std::sync::Arc;

use chrono::NaiveDateTime;
use serde_json::json;

use crate::db::DbConnection;
use crate::db::models::{OutboxAttachment, OutboxMessage, Person};
use crate::domain::ids::{OutboxAttachmentId, OutboxMessageId};
use crate::domain::states::OutboxStatus;
use crate::error::AppError;
use crate::web::templates::Templates;

/// What every mail needs from the application: templates, the public URL, the sender.
#[derive(Debug, Clone)]
pub struct Composer {
    /// The compiled templates.
    pub templates: Arc<Templates>,
    /// Public base URL for links.
    pub base_url: String,
    /// The sender's domain, for Message-IDs.
    pub domain: String,
    /// Signs unsubscribe links.
    pub unsubscribe_key: Vec<u8>,
    /// The program team's address for questions (`QUALIFY_MAIL_REPLY_TO`), if set.
    pub reply_to: Option<String>,
    /// The organisation that runs the program: the issuer of certificates, named in mails.
    pub organization: String,
    /// The absolute URL of the organisation's logo, shown above its name in HTML mails.
    pub organization_logo: Option<String>,
}

impl Composer {
    /// A composer for this installation.
    pub fn new(templates: Arc<Templates>, base_url: &str, mail_from: &str) -> Self {
        let domain = message_id_domain(base_url, mail_from);
        Self {
            templates,
            base_url: base_url.to_string(),
            organization: domain.clone(),
            domain,
            unsubscribe_key: Vec::new(),
            reply_to: None,
            organization_logo: None,
        }
    }

    /// The composer of an installation with these settings (its organisation's name set).
    pub fn for_settings(templates: Arc<Templates>, settings: &crate::config::Settings) -> Self {
        let mut composer = Self::new(templates, &settings.base_url, &settings.mail_from)
            .with_unsubscribe_key(&settings.secret_key)
            .with_reply_to(settings.mail_reply_to.as_deref());
        if let Some(name) = &settings.organization {
            composer.organization = name.clone();
        }
        if settings.organization_logo.is_some() {
            composer.organization_logo = Some(format!(
                "{}{}",
                settings.base_url,
                crate::config::logo::PATH
            ));
        }
        composer
    }

    /// The same composer, signing unsubscribe links with `key`.
    pub fn with_unsubscribe_key(mut self, key: &[u8]) -> Self {
        self.unsubscribe_key = key.to_vec();
        self
    }

    /// The same composer, naming `address` in every mail as the one to ask, and sending
    /// replies there.
    pub fn with_reply_to(mut self, address: Option<&str>) -> Self {
        self.reply_to = address.map(str::to_string);
        self
    }

    /// The address people are told to write to, without a display name.
    fn contact(&self) -> String {
        let Some(reply_to) = &self.reply_to else {
            return String::new();
        };
        match (reply_to.rfind('<'), reply_to.rfind('>')) {
            (Some(open), Some(close)) if open < close => reply_to[open + 1..close].trim(),
            _ => reply_to.trim(),
        }
        .to_string()
    }
}

/// The domain Message-IDs end in: the sender address's, or the base URL's host when the
/// sender is a local address (`@localhost` marks mail as spam at many receivers).
fn message_id_domain(base_url: &str, mail_from: &str) -> String {
    let from = mail_from
        .rsplit('@')
        .next()
        .unwrap_or_default()
        .trim_end_matches('>')
        .trim();
    let host = base_url
        .split("://")
        .nth(1)
        .unwrap_or(base_url)
        .split(['/', ':'])
        .next()
        .unwrap_or_default();
    let local = |d: &str| d.is_empty() || d == "localhost" || !d.contains('.');
    [from, host]
        .into_iter()
        .find(|d| !local(d))
        .unwrap_or(if from.is_empty() { "localhost" } else { from })
        .to_string()
}

/// One mail to one person.
pub struct Email<'a> {
    /// Unique per logical mail, e.g. `signin:<token hash>`; enqueueing it twice is a no-op.
    pub key: String,
    /// The template folder under `templates/emails/`, also the mail's kind.
    pub template: &'static str,
    /// The recipient.
    pub to: &'a Person,
    /// Values for the templates (the recipient's name and language are added).
    pub context: tera::Context,
}

/// Renders the mail in the recipient's language and inserts it into the outbox unless its key
/// is already there. Call inside the transaction of the change the mail reports.
pub fn enqueue(
    conn: &mut DbConnection,
    composer: &Composer,
    now: NaiveDateTime,
    email: Email<'_>,
) -> Result<bool, AppError> {
    enqueue_with_files(conn, composer, now, email, Vec::new())
}

/// A file to attach: name, MIME type, bytes.
pub type File = (String, String, Vec<u8>);

/// Renders the mail in the recipient's language: the outbox row, not stored yet. Pure, so many
/// mails can be rendered on several threads before one transaction stores them.
pub fn compose(
    composer: &Composer,
    now: NaiveDateTime,
    email: Email<'_>,
    with_files: bool,
) -> Result<OutboxMessage, AppError> {
    let mut ctx = email.context;
    ctx.insert(
        "lang",
        if email.to.language == "en" {
            "en"
        } else {
            "de"
        },
    );
    ctx.insert("name", &email.to.name);
    ctx.insert("base_url", &composer.base_url);
    // Every mail ends by saying whom to ask: this address, or the program lead.
    ctx.insert("contact", &composer.contact());
    ctx.insert("organization", &composer.organization);
    if let Some(logo) = &composer.organization_logo {
        ctx.insert("organization_logo", logo);
    }
    let mut headers = json!({ "to_name": email.to.name, "extra": {} });
    if with_files {
        headers["attachments"] = json!(true);
    }
    if let Some(reply_to) = &composer.reply_to {
        headers["extra"]["Reply-To"] = json!(reply_to);
    }
    if let Some(kind) = super::preferences::kind_of(email.template) {
        let url = format!(
            "{}/unsubscribe/{}",
            composer.base_url,
            super::preferences::token(&composer.unsubscribe_key, &email.to.id, kind, now)
        );
        ctx.insert("unsubscribe", &url);
        headers["extra"]["List-Unsubscribe"] = json!(format!("<{url}>"));
        headers["extra"]["List-Unsubscribe-Post"] = json!("List-Unsubscribe=One-Click");
    }
    let folder = format!("emails/{}", email.template);
    let subject = composer
        .templates
        .render(&format!("{folder}/subject.txt"), &ctx)?;
    // One line, whatever a name or title contained: no header can be smuggled in.
    let subject: String = subject
        .split(['\r', '\n'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let body_text = composer
        .templates
        .render(&format!("{folder}/body.txt"), &ctx)?;
    let body_html = composer
        .templates
        .render(&format!("{folder}/body.html"), &ctx)?;
    let id = uuid::Uuid::new_v4().simple().to_string();
    Ok(OutboxMessage {
        message_id: format!("<{id}@{}>", composer.domain),
        id: OutboxMessageId(id),
        idempotency_key: email.key,
        kind: email.template.to_string(),
        person_id: Some(email.to.id.clone()),
        to_address: email.to.email.clone(),
        subject,
        body_text,
        body_html,
        headers: headers.to_string(),
        context: "{}".into(),
        status: OutboxStatus::Pending,
        attempts: 0,
        next_attempt_at: now,
        lease_owner: None,
        lease_expires_at: None,
        last_error: None,
        created_at: now,
        sent_at: None,
    })
}

/// Like [`enqueue`], with files attached (stored with the mail, so every retry sends the same).
pub fn enqueue_with_files(
    conn: &mut DbConnection,
    composer: &Composer,
    now: NaiveDateTime,
    email: Email<'_>,
    files: Vec<File>,
) -> Result<bool, AppError> {
    let message = compose(composer, now, email, !files.is_empty())?;
    store(conn, &message, files)
}

/// Inserts the mail with its files unless its key is already in the outbox.
fn store(
    conn: &mut DbConnection,
    message: &OutboxMessage,
    files: Vec<File>,
) -> Result<bool, AppError> {
    if !OutboxMessage::insert_if_absent(conn, message)? {
        return Ok(false);
    }
    for (name, content_type, data) in files {
        let row = OutboxAttachment {
            id: OutboxAttachmentId(uuid::Uuid::now_v7().to_string()),
            outbox_id: message.id.clone(),
            name,
            content_type,
            data,
        };
        OutboxAttachment::create(conn, &row)?;
    }
    Ok(true)
}

/// Like [`enqueue_with_files`], to someone without an account (a guest of a public event):
/// `to` carries only their name, address and language, and the mail names no person.
pub fn enqueue_to_guest(
    conn: &mut DbConnection,
    composer: &Composer,
    now: NaiveDateTime,
    email: Email<'_>,
    files: Vec<File>,
) -> Result<bool, AppError> {
    debug_assert!(super::preferences::kind_of(email.template).is_none());
    let mut message = compose(composer, now, email, !files.is_empty())?;
    message.person_id = None;
    store(conn, &message, files)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::NaiveDate;
    use serde_json::json;

    use super::{Composer, Email, compose, message_id_domain};
    use crate::db::models::Person;
    use crate::web::templates::Templates;

    /// Every value any mail template reads.
    fn every_value() -> tera::Context {
        let mut ctx = tera::Context::new();
        for (key, value) in [
            ("program", json!("Community Manager")),
            ("link", json!("https://q.example/x")),
            ("verify", json!("https://q.example/verify/x")),
            ("reason", json!("Plagiat")),
            ("assignment", json!("Launch plan")),
            ("version", json!(2)),
            ("decision", json!("passed")),
            ("alert", json!("unallocated")),
            ("inviter", json!("Jana Schmidt")),
            ("days", json!(1)),
            ("minutes", json!(1)),
            ("note", json!("Bitte noch einmal")),
            ("month", json!("2026-11")),
            ("applicant", json!("Ada Applicant")),
            ("cohort", json!("Spring 2027")),
            ("starts_on", json!("2027-03-01")),
            ("title", json!("Community call")),
            ("starts", json!("2027-03-28 09:00")),
            ("ends", json!("2027-03-28 10:00")),
            ("time_zone", json!("Europe/Berlin")),
            ("place", json!("https://meet.example.com/call")),
            ("url", json!("https://q.example/events/0190-e")),
            ("occasion", json!("changed")),
            ("hours", json!(48)),
            ("asker", json!("Ada Asker")),
            ("asker_email", json!("ada@corp.example")),
            ("message", json!("How do you start?")),
            ("confirmed", json!(false)),
            ("called_off", json!("yes")),
            (
                "application",
                json!({"id": "0190-a", "manager_decision": "approved",
                         "manager_comment": "Gern", "decision_reason": "Voll"}),
            ),
            (
                "items",
                json!([{"link": "https://q.example/l", "message": "reminder-due-1",
                               "title": "Launch plan", "when": "14.12.2026"}]),
            ),
            (
                "f",
                json!({"month": "2026-11", "issued": 1, "revoked": 1, "active": 1,
                         "expiring": 1, "stalled": 1, "overdue_reviews": 1,
                         "unallocated": 1, "failed_mails": 1, "certified": 1,
                         "self_study": 1}),
            ),
        ] {
            ctx.insert(key, &value);
        }
        ctx
    }

    #[test]
    fn every_mail_kind_is_a_template_folder() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/emails");
        let mut folders: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        folders.sort();
        assert_eq!(folders, crate::mail::TEMPLATES);
    }

    #[test]
    fn every_mail_in_both_languages_says_whom_to_ask_and_signs_off() {
        let templates = Arc::new(Templates::load().unwrap());
        let now = NaiveDate::from_ymd_opt(2026, 12, 7)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let with = Some("Programmteam <programm@corp.example>");
        for reply_to in [with, None] {
            let composer = Composer::new(templates.clone(), "https://q.example", "q@corp.example")
                .with_unsubscribe_key(b"key")
                .with_reply_to(reply_to);
            for (lang, sign_off, ask) in [
                ("de", "Ihr Programmteam", "Bei Fragen "),
                ("en", "Your program team", "If you have questions, "),
            ] {
                let ask = match reply_to {
                    Some(_) => format!(
                        "{ask}{}",
                        if lang == "de" {
                            "antworten Sie auf diese E-Mail oder schreiben Sie an die Programmleitung: programm@corp.example"
                        } else {
                            "reply to this email or write to the program lead: programm@corp.example"
                        }
                    ),
                    None => format!(
                        "{ask}{}",
                        if lang == "de" {
                            "wenden Sie sich an die Programmleitung."
                        } else {
                            "ask the program lead."
                        }
                    ),
                };
                for kind in crate::mail::TEMPLATES {
                    let to = Person::new_active("jana@corp.example", "Jana", lang, now);
                    let email = Email {
                        key: kind.into(),
                        template: kind,
                        to: &to,
                        context: every_value(),
                    };
                    let mail = compose(&composer, now, email, false).unwrap();
                    for body in [&mail.body_text, &mail.body_html] {
                        assert!(
                            body.contains(sign_off),
                            "{kind} ({lang}) signs off:\n{body}"
                        );
                        assert!(
                            body.contains(&ask),
                            "{kind} ({lang}) says whom to ask:\n{body}"
                        );
                    }
                    let headers: serde_json::Value = serde_json::from_str(&mail.headers).unwrap();
                    assert_eq!(headers["extra"]["Reply-To"].as_str(), reply_to, "{kind}");
                }
            }
        }
    }

    #[test]
    fn message_ids_carry_a_real_domain() {
        let domain = |base, from| message_id_domain(base, from);
        assert_eq!(
            domain(
                "https://qualify.example.com",
                "Qualify <noreply@corp.example>"
            ),
            "corp.example"
        );
        assert_eq!(
            domain("https://qualify.corp.example:8443/x", "qualify@localhost"),
            "qualify.corp.example"
        );
        assert_eq!(
            domain("http://localhost:8080", "qualify@localhost"),
            "localhost"
        );
    }
}
