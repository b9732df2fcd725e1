//! CSV as Excel opens it without asking: RFC 4180 (quoted where needed, CRLF line ends),
//! UTF-8 with a byte order mark, and text cells that a spreadsheet would run as a formula
//! (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) prefixed with `'`.

use std::io::{self, Write};

use super::{Cell, Column, Sink};

/// Writes CSV into `W`.
pub struct CsvSink<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> CsvSink<W> {
    /// A CSV writer; the byte order mark is written at once.
    pub fn new(mut inner: W) -> io::Result<Self> {
        inner.write_all("\u{feff}".as_bytes())?;
        let out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(inner);
        Ok(CsvSink { out })
    }

    /// The writer underneath, flushed.
    pub fn into_inner(self) -> io::Result<W> {
        self.out.into_inner().map_err(|e| e.into_error())
    }
}

/// A text made harmless for spreadsheets.
pub fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r', '\0']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

impl<W: Write> Sink for CsvSink<W> {
    fn header(&mut self, columns: &[Column]) -> io::Result<()> {
        self.out
            .write_record(columns.iter().map(|c| neutralise(&c.title)))
            .map_err(io::Error::other)
    }

    fn row(&mut self, cells: &[Cell]) -> io::Result<()> {
        self.out
            .write_record(cells.iter().map(|c| match c {
                Cell::Text(t) => neutralise(t),
                other => other.display(),
            }))
            .map_err(io::Error::other)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_plain_text_is_not() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+49 30"), "'+49 30");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("\rx"), "'\rx");
        assert_eq!(neutralise("\0x"), "'\0x");
        assert_eq!(neutralise("Ada = Lovelace"), "Ada = Lovelace");
    }
}
