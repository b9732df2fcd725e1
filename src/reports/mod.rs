//! The numbers management asks for: the certification register, cohort progress and
//! co-trainer activity, filtered, and written row by row as CSV, XLSX or JSON (so an export of
//! any size runs in constant memory); the owner's dashboard; and the impact report by org unit
//! (`impact`), live or as kept each month.
//!
//! A report is a list of typed [`Column`]s and rows of [`Cell`]s pushed into a [`Sink`]; the
//! writers (`csv_out`, `xlsx`, `json_out`) and the on-screen preview are sinks.

pub mod cotrainers;
pub mod csv_out;
pub mod dashboard;
mod dashboard_cache;
mod dashboard_sql;
mod dashboard_stalls;
pub mod dashboard_study;
mod dashboard_turnaround;
pub mod event_attendance;
pub mod export;
pub mod filters;
pub mod impact;
pub mod impact_cache;
mod impact_privacy;
#[cfg(test)]
mod impact_privacy_audit;
pub mod impact_snapshot;
mod impact_sql;
mod impact_tree;
pub mod impact_view;
pub mod impact_xlsx;
pub mod json_out;
pub mod pages;
pub mod progress;
pub mod progress_attendance;
pub mod register;
pub mod stream;
pub mod xlsx;

use std::io;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

pub use filters::{FilterError, Filters, Scope};

use crate::db::DbConnection;
use crate::domain::language::Language;
use crate::error::AppError;

/// Rows fetched per query while a report is written.
pub const PAGE: i64 = 2_000;

/// The reports there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Report {
    /// Every certificate with holder, org unit, cohort, dates, status and verification URL.
    Certificates,
    /// One row per trainee of a cohort, three columns per assignment, the certificate.
    Progress,
    /// Reviews done, open and overdue, turnaround and rating per co-trainer.
    Cotrainers,
}

impl Report {
    /// Every report, in menu order.
    pub const ALL: [Report; 3] = [Report::Certificates, Report::Progress, Report::Cotrainers];

    /// The report named in a URL or on the command line.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.name() == name)
    }

    /// Its name in URLs, file names and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Report::Certificates => "certificates",
            Report::Progress => "progress",
            Report::Cotrainers => "cotrainers",
        }
    }
}

/// The file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RFC 4180, UTF-8 with a byte order mark for Excel, formula cells neutralised.
    Csv,
    /// Office Open XML with typed cells, a frozen and filtered header row.
    Xlsx,
    /// An array of objects keyed by column key.
    Json,
}

impl Format {
    /// The format named in a URL or on the command line.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
        }
    }

    /// HTTP content type.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Json => "application/json",
        }
    }
}

/// What a column holds, which decides how spreadsheets type it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Free text.
    Text,
    /// A whole number.
    Int,
    /// A decimal number.
    Num,
    /// A calendar date.
    Date,
}

/// One column: a stable key (JSON), a title in the reader's language, a type and a width.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    /// Stable key, e.g. `holder` or `a2_points`.
    pub key: String,
    /// Header in the reader's language.
    pub title: String,
    /// Cell type.
    pub kind: Kind,
    /// Width in characters (spreadsheets).
    pub width: u8,
}

impl Column {
    /// A column whose title is the Fluent text `report-col-<key>`.
    pub fn named(lang: Language, key: &str, kind: Kind, width: u8) -> Self {
        Column {
            key: key.to_string(),
            title: crate::web::i18n::t(lang, &format!("report-col-{}", key.replace('_', "-"))),
            kind,
            width,
        }
    }
}

/// One value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    /// Text.
    Text(String),
    /// Whole number.
    Int(i64),
    /// Decimal number.
    Num(f64),
    /// Date.
    Date(NaiveDate),
    /// Nothing.
    Empty,
}

impl Cell {
    /// Text, or empty when there is none.
    pub fn text(value: Option<impl Into<String>>) -> Self {
        value.map_or(Cell::Empty, |v| Cell::Text(v.into()))
    }

    /// The date of a moment, or empty.
    pub fn day(value: Option<NaiveDateTime>) -> Self {
        value.map_or(Cell::Empty, |v| Cell::Date(v.date()))
    }

    /// As shown on screen and in CSV.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Num(n) => format!("{n:.1}"),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// Where rows go.
pub trait Sink {
    /// Called once, first.
    fn header(&mut self, columns: &[Column]) -> io::Result<()>;
    /// Called for every row, in order.
    fn row(&mut self, cells: &[Cell]) -> io::Result<()>;
    /// Called once, last.
    fn finish(&mut self) -> io::Result<()>;
}

/// What a report is asked for: which one, filtered how, for whom.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The report.
    pub report: Report,
    /// Checked filters.
    pub scope: Scope,
    /// Language of headers and state names.
    pub lang: Language,
    /// Now (statuses such as expired, overdue).
    pub now: NaiveDateTime,
    /// Public base URL (verification links).
    pub base_url: String,
}

/// Writes the report into `sink`; returns the number of rows.
pub fn write(conn: &mut DbConnection, spec: &Spec, sink: &mut dyn Sink) -> Result<u64, AppError> {
    let rows = crate::db::without_parallel_workers(conn, |conn| match spec.report {
        Report::Certificates => register::write(conn, spec, sink),
        Report::Progress => progress::write(conn, spec, sink),
        Report::Cotrainers => cotrainers::write(conn, spec, sink),
    })?;
    sink.finish().map_err(io_error)?;
    Ok(rows)
}

/// A failed write (a closed download, a full disk) as an application error.
pub fn io_error(e: io::Error) -> AppError {
    AppError::Internal(anyhow::anyhow!("report output: {e}"))
}

/// Keeps the first rows in memory, for the page preview and tests.
#[derive(Debug, Default)]
pub struct Collect {
    /// At most this many rows are kept.
    pub limit: usize,
    /// The columns.
    pub columns: Vec<Column>,
    /// The kept rows.
    pub rows: Vec<Vec<Cell>>,
    /// Every row seen.
    pub total: u64,
}

impl Collect {
    /// Keeps up to `limit` rows.
    pub fn new(limit: usize) -> Self {
        Collect {
            limit,
            ..Default::default()
        }
    }
}

impl Sink for Collect {
    fn header(&mut self, columns: &[Column]) -> io::Result<()> {
        self.columns = columns.to_vec();
        Ok(())
    }

    fn row(&mut self, cells: &[Cell]) -> io::Result<()> {
        self.total += 1;
        if self.rows.len() < self.limit {
            self.rows.push(cells.to_vec());
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The text of a state name, e.g. `report-state-passed`.
pub fn state_text(lang: Language, state: &str) -> String {
    crate::web::i18n::t(lang, &format!("report-state-{}", state.replace('_', "-")))
}
