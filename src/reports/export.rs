//! `qualify report …`: a report written to a file for scheduled exports, telling its caller
//! of every row (the command line counts them on a progress bar). The file appears only when
//! complete (written beside it, then renamed), so a scheduler never picks up half an export.

use std::io::{self, BufWriter};
use std::path::Path;

use diesel::prelude::*;

use super::stream::sink_for;
use super::{Cell, Column, Format, Report, Sink, Spec};
use crate::db::DbConnection;
use crate::db::schema::{certificates, cotrainers, enrollments};
use crate::error::AppError;

/// Passes rows on and tells `on_row` of each one written.
struct Counting<'a> {
    inner: &'a mut dyn Sink,
    on_row: &'a dyn Fn(),
}

impl Sink for Counting<'_> {
    fn header(&mut self, columns: &[Column]) -> io::Result<()> {
        self.inner.header(columns)
    }

    fn row(&mut self, cells: &[Cell]) -> io::Result<()> {
        self.inner.row(cells)?;
        (self.on_row)();
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.inner.finish()
    }
}

/// At most how many rows the report can have (for a progress bar; filters make it fewer).
pub fn expected_rows(conn: &mut DbConnection, spec: &Spec) -> Result<u64, AppError> {
    let rows: i64 = match spec.report {
        Report::Certificates => certificates::table.count().get_result(conn),
        Report::Progress => enrollments::table
            .filter(enrollments::cohort_id.eq(spec.scope.cohort.clone().unwrap_or_default()))
            .count()
            .get_result(conn),
        Report::Cotrainers => cotrainers::table.count().get_result(conn),
    }?;
    Ok(rows.max(0) as u64)
}

/// Writes the report to `out`, calling `on_row` after each row; returns the number of rows.
pub fn to_file(
    conn: &mut DbConnection,
    spec: &Spec,
    format: Format,
    out: &Path,
    on_row: &dyn Fn(),
) -> Result<u64, AppError> {
    let file_name = out
        .file_name()
        .ok_or_else(|| AppError::BadRequest(format!("not a file name: {}", out.display())))?;
    let partial = out.with_file_name(format!(".{}.partial", file_name.to_string_lossy()));
    let file = std::fs::File::create(&partial).map_err(super::io_error)?;
    let sheet = crate::web::i18n::t(spec.lang, &format!("report-title-{}", spec.report.name()));
    let mut sink = sink_for(format, BufWriter::new(file), &sheet).map_err(super::io_error)?;
    let mut counting = Counting {
        inner: sink.as_mut(),
        on_row,
    };
    let result = super::write(conn, spec, &mut counting);
    drop(sink);
    match result {
        Ok(rows) => {
            std::fs::rename(&partial, out).map_err(super::io_error)?;
            Ok(rows)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}
