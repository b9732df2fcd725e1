//! Where mails go: an SMTP relay (lettre, pooled, with timeouts), `.eml` files under
//! `<data dir>/mail/` (the development default), or memory (tests).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::db::models::{OutboxAttachment, OutboxMessage};

/// A delivered mail as the memory transport keeps it.
#[derive(Debug, Clone)]
pub struct SentMail {
    /// Recipient address.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Message-ID header.
    pub message_id: String,
    /// The whole message as sent.
    pub raw: String,
}

/// Why a send failed, and whether trying again can help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// 4xx answers, timeouts, refused connections: try again later.
    Transient(String),
    /// 5xx answers and unusable messages: do not try again.
    Permanent(String),
}

/// A way to deliver mail.
#[derive(Clone)]
pub enum Transport {
    /// An SMTP relay.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// One `.eml` file per mail in this folder.
    Files(PathBuf),
    /// Kept in memory (tests).
    Memory(Arc<Mutex<Vec<SentMail>>>),
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Smtp(_) => f.write_str("Transport::Smtp"),
            Self::Files(dir) => write!(f, "Transport::Files({})", dir.display()),
            Self::Memory(_) => f.write_str("Transport::Memory"),
        }
    }
}

impl Transport {
    /// An SMTP transport from an `smtp://` or `smtps://` URL (`?tls=required` for STARTTLS).
    pub fn smtp(url: &str) -> anyhow::Result<Self> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| anyhow::anyhow!("QUALIFY_SMTP_URL: {e}"))?
            .timeout(Some(Duration::from_secs(30)))
            .pool_config(lettre::transport::smtp::PoolConfig::new().max_size(16))
            .build();
        Ok(Self::Smtp(transport))
    }

    /// An empty memory transport and its mailbox.
    pub fn memory() -> (Self, Arc<Mutex<Vec<SentMail>>>) {
        let mailbox = Arc::new(Mutex::new(Vec::new()));
        (Self::Memory(mailbox.clone()), mailbox)
    }

    /// Delivers one outbox mail.
    pub async fn send(
        &self,
        mail: &OutboxMessage,
        files: &[OutboxAttachment],
        from: &str,
    ) -> Result<(), SendError> {
        let message = build(mail, files, from)?;
        match self {
            Self::Smtp(smtp) => smtp.send(message).await.map(|_| ()).map_err(|e| {
                if e.is_permanent() {
                    SendError::Permanent(e.to_string())
                } else {
                    SendError::Transient(e.to_string())
                }
            }),
            Self::Files(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| SendError::Transient(e.to_string()))?;
                let name = format!(
                    "{}-{}.eml",
                    mail.created_at.format("%Y%m%dT%H%M%S"),
                    mail.id
                );
                std::fs::write(dir.join(name), message.formatted())
                    .map_err(|e| SendError::Transient(e.to_string()))
            }
            Self::Memory(mailbox) => {
                let raw = String::from_utf8_lossy(&message.formatted()).into_owned();
                mailbox.lock().expect("mailbox lock").push(SentMail {
                    to: mail.to_address.clone(),
                    subject: mail.subject.clone(),
                    message_id: mail.message_id.clone(),
                    raw,
                });
                Ok(())
            }
        }
    }
}

/// Builds the MIME message; lettre encodes every header, so names cannot inject headers.
fn build(
    mail: &OutboxMessage,
    files: &[OutboxAttachment],
    from: &str,
) -> Result<Message, SendError> {
    let headers: serde_json::Value = serde_json::from_str(&mail.headers).unwrap_or_default();
    let to_name = headers["to_name"]
        .as_str()
        .map(|n| n.replace(['\r', '\n'], " "));
    let to = Mailbox::new(
        to_name,
        mail.to_address
            .parse()
            .map_err(|e| SendError::Permanent(format!("bad recipient address: {e}")))?,
    );
    let from: Mailbox = from
        .parse()
        .map_err(|e| SendError::Permanent(format!("bad sender address: {e}")))?;
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(mail.subject.clone())
        .message_id(Some(mail.message_id.clone()));
    // Every mail is sent by the service itself: out-of-office and other automatic replies
    // (RFC 3834; Exchange reads its own header) must not answer tens of thousands of them.
    for (name, value) in [
        ("Auto-Submitted", "auto-generated"),
        ("X-Auto-Response-Suppress", "All"),
    ] {
        builder = builder.raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str(name),
            value.to_string(),
        ));
    }
    if let Some(extra) = headers["extra"].as_object() {
        for (name, value) in extra {
            if name.eq_ignore_ascii_case("Reply-To") {
                // A typed mailbox, so a display name outside ASCII is encoded.
                if let Some(Ok(mailbox)) = value.as_str().map(str::parse::<Mailbox>) {
                    builder = builder.reply_to(mailbox);
                }
                continue;
            }
            let (Some(value), Ok(name)) =
                (value.as_str(), HeaderName::new_from_ascii(name.clone()))
            else {
                continue;
            };
            builder = builder.raw_header(HeaderValue::new(name, value.replace(['\r', '\n'], " ")));
        }
    }
    let text = MultiPart::alternative()
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(mail.body_text.clone()),
        )
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_HTML)
                .body(mail.body_html.clone()),
        );
    let body = if files.is_empty() {
        text
    } else {
        let mut mixed = MultiPart::mixed().multipart(text);
        for file in files {
            let kind = ContentType::parse(&file.content_type)
                .map_err(|e| SendError::Permanent(format!("bad attachment type: {e}")))?;
            mixed =
                mixed.singlepart(Attachment::new(file.name.clone()).body(file.data.clone(), kind));
        }
        mixed
    };
    builder
        .multipart(body)
        .map_err(|e| SendError::Permanent(format!("cannot build the message: {e}")))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::NaiveDate;

    use super::build;
    use crate::db::models::Person;
    use crate::mail::{Composer, Email};
    use crate::web::templates::Templates;

    #[test]
    fn replies_go_to_the_program_team_with_its_name_encoded() {
        let now = NaiveDate::from_ymd_opt(2026, 12, 7)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let templates = Arc::new(Templates::load().unwrap());
        let composer = Composer::new(templates, "https://q.example", "q@corp.example")
            .with_reply_to(Some("Programmteam Süd <programm@corp.example>"));
        let to = Person::new_active("jana@corp.example", "Jana", "de", now);
        let mut context = tera::Context::new();
        context.insert("link", "https://q.example/x");
        context.insert("minutes", &10);
        let email = Email {
            key: "k".into(),
            template: "sign_in_link",
            to: &to,
            context,
        };
        let mail = crate::mail::compose::compose(&composer, now, email, false).unwrap();
        let raw = build(&mail, &[], "q@corp.example").unwrap().formatted();
        let raw = String::from_utf8(raw).unwrap();
        let header = raw
            .lines()
            .find(|l| l.starts_with("Reply-To:"))
            .expect("a Reply-To header");
        assert!(header.contains("<programm@corp.example>"), "{header}");
        assert!(header.is_ascii(), "the name is encoded: {header}");
        assert!(mail.body_text.contains("programm@corp.example"));
    }
}
