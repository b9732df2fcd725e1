//! `qualify report …`: a report written to a file for scheduled exports, with a progress bar
//! when a person watches on a terminal. The file appears only when complete (written beside
//! it, then renamed), so a scheduler never picks up half an export.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;
use std::time::Instant;

use diesel::prelude::*;

use super::stream::sink_for;
use super::{Cell, Column, Format, Report, Sink, Spec};
use crate::db::DbConnection;
use crate::db::schema::{certificates, cotrainers, enrollments};
use crate::error::AppError;

/// Draws a progress bar on standard error as rows pass through.
struct Progress<'a> {
    inner: &'a mut dyn Sink,
    expected: u64,
    rows: u64,
    started: Instant,
    draw: bool,
}

impl Progress<'_> {
    fn show(&self, done: bool) {
        if !self.draw {
            return;
        }
        let share = if done || self.expected == 0 {
            1.0
        } else {
            (self.rows as f64 / self.expected as f64).min(1.0)
        };
        let filled = (share * 30.0) as usize;
        eprint!(
            "\r[{}{}] {:>3}% {} rows {:.1}s",
            "#".repeat(filled),
            " ".repeat(30 - filled),
            (share * 100.0) as u32,
            self.rows,
            self.started.elapsed().as_secs_f64()
        );
        if done {
            eprintln!();
        }
    }
}

impl Sink for Progress<'_> {
    fn header(&mut self, columns: &[Column]) -> io::Result<()> {
        self.show(false);
        self.inner.header(columns)
    }

    fn row(&mut self, cells: &[Cell]) -> io::Result<()> {
        self.rows += 1;
        if self.rows.is_multiple_of(1_000) {
            self.show(false);
        }
        self.inner.row(cells)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.inner.finish()?;
        self.show(true);
        Ok(())
    }
}

/// At most how many rows the report can have (for the bar; filters make it fewer).
fn expected(conn: &mut DbConnection, spec: &Spec) -> QueryResult<i64> {
    match spec.report {
        Report::Certificates => certificates::table.count().get_result(conn),
        Report::Progress => enrollments::table
            .filter(enrollments::cohort_id.eq(spec.scope.cohort.clone().unwrap_or_default()))
            .count()
            .get_result(conn),
        Report::Cotrainers => cotrainers::table.count().get_result(conn),
    }
}

/// Writes the report to `out`; returns the number of rows.
pub fn to_file(
    conn: &mut DbConnection,
    spec: &Spec,
    format: Format,
    out: &Path,
) -> Result<u64, AppError> {
    let file_name = out
        .file_name()
        .ok_or_else(|| AppError::BadRequest(format!("not a file name: {}", out.display())))?;
    let partial = out.with_file_name(format!(".{}.partial", file_name.to_string_lossy()));
    let file = std::fs::File::create(&partial).map_err(super::io_error)?;
    let sheet = crate::web::i18n::t(spec.lang, &format!("report-title-{}", spec.report.name()));
    let mut sink = sink_for(format, BufWriter::new(file), &sheet).map_err(super::io_error)?;
    let mut progress = Progress {
        inner: sink.as_mut(),
        expected: expected(conn, spec)?.max(0) as u64,
        rows: 0,
        started: Instant::now(),
        draw: io::stderr().is_terminal(),
    };
    let result = super::write(conn, spec, &mut progress);
    drop(sink);
    match result {
        Ok(rows) => {
            std::fs::rename(&partial, out).map_err(super::io_error)?;
            io::stderr().flush().ok();
            Ok(rows)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}
