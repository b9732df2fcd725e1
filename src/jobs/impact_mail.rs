//! The impact report each month. Every tick keeps the report of the month that ended (once,
//! in the first days of the next month: `reports::impact_snapshot`), and every owner who has
//! not switched owner mail off gets that month's report in their first working hours of the
//! new month (in their time zone), with the workbook in their language attached, through the
//! outbox (the file is stored with the mail, so a retry sends the same). One mail per owner
//! and month however many instances tick: the idempotency key names both.
//! `QUALIFY_IMPACT_MAIL=off` stops the mail; the months are still kept.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::reminders::in_working_hours;
use crate::config::rules::Rules;
use crate::db::models::{OutboxMessage, Person, RoleGrant, mail_preference};
use crate::db::{DbConnection, write_tx};
use crate::domain::language::Language;
use crate::domain::schedule::to_local;
use crate::error::AppError;
use crate::mail::compose::{Composer, Email, enqueue_with_files};
use crate::reports::impact::ImpactReport;
use crate::reports::impact_snapshot::{Month, keep, read};

/// What the mail says besides the attachment: the month and the company's totals (none:
/// withheld).
#[derive(Debug, Clone, Serialize)]
pub struct MonthFigures {
    /// The month, `YYYY-MM`.
    pub month: String,
    /// People certified.
    pub certified: Option<i64>,
    /// People who completed a self-study.
    pub self_study: Option<i64>,
}

impl MonthFigures {
    fn of(month: &Month, report: &ImpactReport) -> Self {
        let company = report.units.first();
        MonthFigures {
            month: month.as_str().to_string(),
            certified: company.and_then(|c| c.certified),
            self_study: company.and_then(|c| c.self_study),
        }
    }
}

/// Keeps last month's report and mails it to every owner in working hours who has not had
/// it; returns how many mails were written.
pub fn tick(
    conn: &mut DbConnection,
    composer: &Composer,
    rules: &Rules,
    now: NaiveDateTime,
) -> Result<usize, AppError> {
    keep(conn, now)?;
    if !rules.impact_mail {
        return Ok(0);
    }
    let mut sent = 0;
    let owners = RoleGrant::people_with_role(conn, "owner")?;
    for owner in Person::list_by_ids(conn, &owners)? {
        let month = Month::before(to_local(owner.tz(), now).date());
        let key = format!("impact:{}:{}", owner.id, month.as_str());
        if !owner.is_active()
            || !in_working_hours(rules, &owner, now)
            || OutboxMessage::key_exists(conn, &key)?
            || !mail_preference::is_enabled(conn, &owner.id, "owner_alerts")?
        {
            continue;
        }
        let Some(report) = read(conn, &month)? else {
            continue; // not kept (the service was not running then)
        };
        if send(conn, composer, now, &owner, key, &month, &report)? {
            sent += 1;
        }
    }
    Ok(sent)
}

/// Writes one owner's mail with the workbook attached.
fn send(
    conn: &mut DbConnection,
    composer: &Composer,
    now: NaiveDateTime,
    owner: &Person,
    key: String,
    month: &Month,
    report: &ImpactReport,
) -> Result<bool, AppError> {
    let lang = Language::parse(&owner.language).unwrap_or_default();
    let file = crate::reports::impact_xlsx::workbook(report, lang)?;
    let name = format!(
        "{}-{}.xlsx",
        crate::web::i18n::t(lang, "mail-impact-file"),
        month.as_str()
    );
    let mut context = tera::Context::new();
    context.insert("f", &MonthFigures::of(month, report));
    context.insert(
        "link",
        &format!(
            "{}/reports/impact?month={}",
            composer.base_url,
            month.as_str()
        ),
    );
    write_tx(conn, |conn| {
        enqueue_with_files(
            conn,
            composer,
            now,
            Email {
                key: key.clone(),
                template: "owner_impact",
                to: owner,
                context,
            },
            vec![(
                name,
                crate::reports::Format::Xlsx.content_type().into(),
                file,
            )],
        )
    })
}
