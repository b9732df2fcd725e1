//! The impact report as an XLSX workbook in the reader's language: the org units (indented
//! by level, with their parent), the company's quarters, and notes (as of when, which figures
//! are withheld and why, which are not recorded yet). A withheld figure is a dash, a figure
//! not recorded yet an empty cell; every other figure is a number.

use super::impact::{ImpactReport, QuarterFigures, UnitFigures};
use super::xlsx::XlsxSink;
use super::{Cell, Column, Kind, Sink};
use crate::domain::language::Language;
use crate::error::AppError;
use crate::web::i18n::t;

/// How a withheld figure reads.
pub const WITHHELD: &str = "–";

fn column(lang: Language, key: &str, kind: Kind, width: u8) -> Column {
    Column {
        key: key.to_string(),
        title: t(lang, &format!("impact-col-{}", key.replace('_', "-"))),
        kind,
        width,
    }
}

fn figure(value: Option<i64>) -> Cell {
    value.map_or(Cell::Text(WITHHELD.into()), Cell::Int)
}

/// The name a line shows: the unit's, or what the company and people without a unit are
/// called in the language.
pub fn line_name(lang: Language, unit: &UnitFigures) -> String {
    match unit.kind {
        super::impact::LineKind::Company => t(lang, "impact-company"),
        super::impact::LineKind::NoUnit => t(lang, "impact-no-unit"),
        super::impact::LineKind::Unit => unit.name.clone(),
    }
}

fn units_sheet(
    sink: &mut XlsxSink<&mut Vec<u8>>,
    lang: Language,
    report: &ImpactReport,
) -> std::io::Result<()> {
    let mut columns = vec![
        column(lang, "unit", Kind::Text, 40),
        column(lang, "level", Kind::Int, 8),
        column(lang, "parent", Kind::Text, 28),
    ];
    for key in ["certified", "active", "expiring", "expired", "self_study"] {
        columns.push(column(lang, key, Kind::Int, 14));
    }
    for key in super::impact::NOT_RECORDED {
        columns.push(column(lang, key, Kind::Int, 16));
    }
    sink.header(&columns)?;
    for u in &report.units {
        let mut row = vec![
            Cell::Text(format!(
                "{}{}",
                "  ".repeat(u.depth as usize),
                line_name(lang, u)
            )),
            Cell::Int(i64::from(u.depth)),
            Cell::text(u.parent.clone()),
        ];
        row.extend([u.certified, u.active, u.expiring, u.expired, u.self_study].map(figure));
        row.extend([Cell::Empty, Cell::Empty, Cell::Empty]);
        sink.row(&row)?;
    }
    Ok(())
}

fn trend_sheet(
    sink: &mut XlsxSink<&mut Vec<u8>>,
    lang: Language,
    trend: &[QuarterFigures],
) -> std::io::Result<()> {
    sink.next_sheet(&t(lang, "impact-sheet-trend"))?;
    sink.header(&[
        column(lang, "quarter", Kind::Text, 12),
        column(lang, "certified", Kind::Int, 14),
        column(lang, "self_study", Kind::Int, 14),
    ])?;
    for q in trend {
        sink.row(&[
            Cell::Text(q.quarter.clone()),
            figure(q.certified),
            figure(q.self_study),
        ])?;
    }
    Ok(())
}

fn notes_sheet(
    sink: &mut XlsxSink<&mut Vec<u8>>,
    lang: Language,
    report: &ImpactReport,
) -> std::io::Result<()> {
    sink.next_sheet(&t(lang, "impact-sheet-notes"))?;
    sink.header(&[column(lang, "note", Kind::Text, 100)])?;
    let as_of = crate::domain::format::date_time(lang, report.as_of);
    let notes = [
        crate::web::i18n::t_args(lang, "impact-note-as-of", &[("time", as_of.as_str())]),
        crate::web::i18n::t_args(lang, "impact-note-withheld", &[("dash", WITHHELD)]),
        t(lang, "impact-note-rolled-up"),
        t(lang, "impact-note-expiring"),
        t(lang, "impact-not-recorded"),
    ];
    for note in notes {
        sink.row(&[Cell::Text(note)])?;
    }
    Ok(())
}

/// The workbook's bytes.
pub fn workbook(report: &ImpactReport, lang: Language) -> Result<Vec<u8>, AppError> {
    let mut bytes = Vec::new();
    {
        let mut sink =
            XlsxSink::new(&mut bytes, &t(lang, "impact-sheet-units")).map_err(super::io_error)?;
        units_sheet(&mut sink, lang, report).map_err(super::io_error)?;
        trend_sheet(&mut sink, lang, &report.trend).map_err(super::io_error)?;
        notes_sheet(&mut sink, lang, report).map_err(super::io_error)?;
        sink.finish().map_err(super::io_error)?;
    }
    Ok(bytes)
}
