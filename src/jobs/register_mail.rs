//! The certification register by mail: on the first working-hours tick of each month (in the
//! owner's time zone), every owner who has not switched owner mail off gets last month's
//! figures and the whole register as an XLSX attachment, through the outbox (the file is
//! stored with the mail, so a retry sends the same). `QUALIFY_REGISTER_MAIL=off` stops it.

use std::io::{self, Write};
use std::sync::{Arc, Mutex};

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use diesel::prelude::*;
use serde::Serialize;

use super::reminders::in_working_hours;
use crate::config::rules::Rules;
use crate::db::models::{OutboxMessage, Person, RoleGrant, mail_preference};
use crate::db::schema::certificates;
use crate::db::{DbConnection, write_tx};
use crate::domain::language::Language;
use crate::domain::schedule::to_local;
use crate::domain::states::CertificateStatus;
use crate::error::AppError;
use crate::mail::compose::{Composer, Email, enqueue_with_files};
use crate::reports::xlsx::XlsxSink;
use crate::reports::{Report, Scope, Spec};

/// Last month's figures.
#[derive(Debug, Clone, Serialize)]
pub struct MonthFigures {
    /// The month, `YYYY-MM`.
    pub month: String,
    /// Certificates issued in it.
    pub issued: i64,
    /// Certificates revoked in it.
    pub revoked: i64,
    /// Active and unexpired now.
    pub active: i64,
    /// Active ones expiring in the next 90 days.
    pub expiring: i64,
}

/// A writer whose bytes can be taken afterwards.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| io::Error::other("poisoned"))?
            .extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The figures of the month that starts on `first`.
pub fn figures(
    conn: &mut DbConnection,
    first: NaiveDate,
    now: NaiveDateTime,
) -> Result<MonthFigures, AppError> {
    let start = first.and_time(NaiveTime::MIN);
    let end = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(first)
        .and_time(NaiveTime::MIN);
    let issued = certificates::table
        .filter(certificates::issued_at.ge(start))
        .filter(certificates::issued_at.lt(end))
        .count()
        .get_result(conn)?;
    let revoked = certificates::table
        .filter(certificates::revoked_at.ge(start))
        .filter(certificates::revoked_at.lt(end))
        .count()
        .get_result(conn)?;
    let active = certificates::table
        .filter(certificates::status.eq(CertificateStatus::Active))
        .filter(
            certificates::expires_at
                .is_null()
                .or(certificates::expires_at.gt(now)),
        )
        .count()
        .get_result(conn)?;
    let expiring = crate::db::models::Certificate::count_expiring(conn, now, 90)?;
    Ok(MonthFigures {
        month: first.format("%Y-%m").to_string(),
        issued,
        revoked,
        active,
        expiring,
    })
}

/// The register as an XLSX file in the owner's language.
pub fn register_xlsx(
    conn: &mut DbConnection,
    lang: Language,
    base_url: &str,
    now: NaiveDateTime,
) -> Result<Vec<u8>, AppError> {
    let spec = Spec {
        report: Report::Certificates,
        scope: Scope::default(),
        lang,
        now,
        base_url: base_url.to_string(),
    };
    let buffer = Shared::default();
    let sheet = crate::web::i18n::t(lang, "report-title-certificates");
    let mut sink = XlsxSink::new(buffer.clone(), &sheet).map_err(crate::reports::io_error)?;
    crate::reports::write(conn, &spec, &mut sink)?;
    drop(sink);
    let bytes = std::mem::take(
        &mut *buffer
            .0
            .lock()
            .map_err(|_| AppError::Internal(anyhow::anyhow!("register buffer poisoned")))?,
    );
    Ok(bytes)
}

/// Sends this month's register mail to every owner in working hours who has not had it;
/// returns how many were written.
pub fn tick(
    conn: &mut DbConnection,
    composer: &Composer,
    rules: &Rules,
    now: NaiveDateTime,
) -> Result<usize, AppError> {
    if !rules.register_mail {
        return Ok(0);
    }
    let mut sent = 0;
    let owners = RoleGrant::people_with_role(conn, "owner")?;
    for owner in Person::list_by_ids(conn, &owners)? {
        let today = to_local(owner.tz(), now).date();
        let key = format!("register:{}:{}", owner.id, today.format("%Y-%m"));
        if !owner.is_active()
            || !in_working_hours(rules, &owner, now)
            || OutboxMessage::key_exists(conn, &key)?
            || !mail_preference::is_enabled(conn, &owner.id, "owner_alerts")?
        {
            continue;
        }
        let this_month = today.with_day(1).unwrap_or(today);
        let last_month = this_month
            .checked_sub_months(chrono::Months::new(1))
            .unwrap_or(this_month);
        let lang = Language::parse(&owner.language).unwrap_or_default();
        let f = figures(conn, last_month, now)?;
        let file = register_xlsx(conn, lang, &composer.base_url, now)?;
        let name = format!(
            "{}-{}.xlsx",
            crate::web::i18n::t(lang, "mail-register-file"),
            today.format("%Y-%m-%d")
        );
        let mut context = tera::Context::new();
        context.insert("f", &f);
        context.insert(
            "link",
            &format!("{}/reports?report=certificates", composer.base_url),
        );
        let written = write_tx(conn, |conn| {
            enqueue_with_files(
                conn,
                composer,
                now,
                Email {
                    key: key.clone(),
                    template: "owner_register",
                    to: &owner,
                    context,
                },
                vec![(
                    name,
                    crate::reports::Format::Xlsx.content_type().into(),
                    file,
                )],
            )
        })?;
        if written {
            sent += 1;
        }
    }
    Ok(sent)
}
