//! A live session's attendance as a file for its hosts: everyone with a place or waiting, with
//! their attendance, as CSV (formula cells neutralised) or XLSX (typed cells, filtered header).
//! The values are the stored words (`registered`, `present` …), as in every export.

use crate::db::models::RegistrationRow;
use crate::domain::language::Language;
use crate::error::AppError;

use super::csv_out::CsvSink;
use super::xlsx::XlsxSink;
use super::{Cell, Column, Format, Kind, Sink};

fn write(sink: &mut dyn Sink, rows: &[RegistrationRow], lang: Language) -> std::io::Result<()> {
    sink.header(&[
        Column::named(lang, "trainee", Kind::Text, 28),
        Column::named(lang, "email", Kind::Text, 32),
        Column::named(lang, "event-place", Kind::Text, 14),
        Column::named(lang, "attendance", Kind::Text, 14),
    ])?;
    for r in rows {
        sink.row(&[
            Cell::Text(r.name.clone()),
            Cell::Text(r.email.clone()),
            Cell::Text(r.state.to_string()),
            Cell::Text(r.attendance.map(|a| a.to_string()).unwrap_or_default()),
        ])?;
    }
    sink.finish()
}

/// The file's bytes in the format (CSV or XLSX; JSON is the API's).
pub fn file(rows: &[RegistrationRow], lang: Language, format: Format) -> Result<Vec<u8>, AppError> {
    let mut bytes = Vec::new();
    match format {
        Format::Xlsx => {
            let sheet = crate::web::i18n::t(lang, "report-col-attendance");
            let mut sink = XlsxSink::new(&mut bytes, &sheet).map_err(super::io_error)?;
            write(&mut sink, rows, lang).map_err(super::io_error)?;
        }
        _ => {
            let mut sink = CsvSink::new(&mut bytes).map_err(super::io_error)?;
            write(&mut sink, rows, lang).map_err(super::io_error)?;
            sink.into_inner().map_err(super::io_error)?;
        }
    }
    Ok(bytes)
}
