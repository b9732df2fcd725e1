//! Reading the HR directory's CSV as a stream of rows: UTF-8 with or without a byte-order
//! mark, `,` or `;` (told by the header line), the columns found by name, unknown columns
//! ignored. Nothing but the current record is held in memory.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::rc::Rc;

use crate::domain::language::Language;

/// The columns a directory file must have.
pub const REQUIRED: [&str; 3] = ["employee_id", "email", "name"];

/// Every column a directory file may use (others are ignored).
pub const COLUMNS: [&str; 8] = [
    "employee_id",
    "email",
    "name",
    "language",
    "org_unit",
    "parent_org_unit",
    "manager_employee_id",
    "status",
];

/// One row of the file, trimmed; empty cells are `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The file's line the row starts on (the header is line 1).
    pub line: u64,
    /// The key.
    pub employee_id: String,
    /// Email as given.
    pub email: String,
    /// Name.
    pub name: String,
    /// `de` or `en` (German when empty).
    pub language: Language,
    /// Org unit.
    pub org_unit: Option<String>,
    /// The org unit's parent.
    pub parent_org_unit: Option<String>,
    /// The manager's employee id.
    pub manager: Option<String>,
    /// `status=left`.
    pub left: bool,
}

/// A row the file's own content makes unusable, or a problem found later for its line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct RowError {
    /// The file's line.
    pub line: u64,
    /// The row's employee id, if it had one.
    pub employee_id: Option<String>,
    /// What is wrong: `employee_id_missing`, `email_invalid`, `name_missing`,
    /// `language_invalid`, `status_invalid`, `duplicate_employee_id`, `duplicate_email`,
    /// `unknown_manager`, `manager_cycle`, `org_unit_conflict`, `org_unit_cycle`,
    /// `email_taken`.
    pub code: String,
}

/// Passes the bytes through and notes where each line ends, so a record's byte offset can be
/// turned into its line (the CSV reader skips blank lines without counting them). Only the
/// line ends of the bytes read ahead are kept.
struct LineEnds<R> {
    inner: R,
    offset: u64,
    last: u8,
    ends: Rc<RefCell<VecDeque<(u64, bool)>>>,
}

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut ends = self.ends.borrow_mut();
        for (i, b) in buf[..n].iter().enumerate() {
            if *b == b'\n' {
                ends.push_back((self.offset + i as u64, self.last == b'\r'));
            }
            self.last = *b;
        }
        self.offset += n as u64;
        Ok(n)
    }
}

/// The rows of a directory file, one at a time.
pub struct Reader<R: Read> {
    records: csv::StringRecordsIntoIter<BufReader<LineEnds<R>>>,
    index: [Option<usize>; 8],
    ends: Rc<RefCell<VecDeque<(u64, bool)>>>,
    /// Line ends before the first one still in `ends`.
    lines_before: u64,
    /// Bytes before what the CSV reader counts (a byte-order mark).
    skipped: u64,
}

impl<R: Read> Reader<R> {
    /// The line a record starting at `byte` (as the CSV reader counts) is on, 1-based. The
    /// CSV reader's offset is where it started looking, before the blank lines it skipped.
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut at = byte + self.skipped;
        let mut ends = self.ends.borrow_mut();
        while let Some(&(end, after_cr)) = ends.front() {
            if end < at {
                self.lines_before += 1;
            } else if end == at || (end == at + 1 && after_cr) {
                // A blank line where the record was looked for.
                self.lines_before += 1;
                at = end + 1;
            } else {
                break;
            }
            ends.pop_front();
        }
        self.lines_before + 1
    }
}

/// Opens a directory file: reads the header, tells the delimiter, finds the columns. `Err`
/// names the missing required columns.
pub fn open<R: Read>(input: R) -> std::io::Result<Result<Reader<R>, Vec<String>>> {
    let ends = Rc::new(RefCell::new(VecDeque::new()));
    let counted = LineEnds {
        inner: input,
        offset: 0,
        last: 0,
        ends: ends.clone(),
    };
    let mut buffered = BufReader::with_capacity(64 * 1024, counted);
    let first = buffered.fill_buf()?;
    let first = first
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(first);
    let header_line = first.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = if header_line.iter().filter(|b| **b == b';').count()
        > header_line.iter().filter(|b| **b == b',').count()
    {
        b';'
    } else {
        b','
    };
    let skipped = if buffered.buffer().starts_with(b"\xEF\xBB\xBF") {
        buffered.consume(3);
        3
    } else {
        0
    };
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(buffered);
    let headers = csv.headers().map_err(std::io::Error::other)?.clone();
    let names: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    let position = |column: &str| names.iter().position(|n| n == column);
    let missing: Vec<String> = REQUIRED
        .iter()
        .filter(|c| position(c).is_none())
        .map(|c| c.to_string())
        .collect();
    if !missing.is_empty() {
        return Ok(Err(missing));
    }
    let index = COLUMNS.map(position);
    Ok(Ok(Reader {
        records: csv.into_records(),
        index,
        ends,
        lines_before: 0,
        skipped,
    }))
}

impl<R: Read> Iterator for Reader<R> {
    type Item = std::io::Result<Result<Row, RowError>>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let record = match self.records.next()? {
                Ok(r) => r,
                Err(e) => return Some(Err(std::io::Error::other(e))),
            };
            let byte = record.position().map(|p| p.byte()).unwrap_or_default();
            let line = self.line_at(byte);
            let cell = |i: usize| {
                self.index[i]
                    .and_then(|at| record.get(at))
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(str::to_string)
            };
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            return Some(Ok(row(line, cell)));
        }
    }
}

/// One record as a row, or the first thing wrong with it.
fn row(line: u64, cell: impl Fn(usize) -> Option<String>) -> Result<Row, RowError> {
    let employee_id = cell(0);
    let error = |code: &str| RowError {
        line,
        employee_id: employee_id.clone(),
        code: code.into(),
    };
    let Some(id) = employee_id.clone() else {
        return Err(error("employee_id_missing"));
    };
    let email = cell(1).unwrap_or_default();
    if !crate::accounts::invitations::valid_email(&email) {
        return Err(error("email_invalid"));
    }
    let Some(name) = cell(2) else {
        return Err(error("name_missing"));
    };
    let language = match cell(3) {
        None => Language::De,
        Some(text) => Language::parse(&text).ok_or_else(|| error("language_invalid"))?,
    };
    let left = match cell(7).map(|s| s.to_lowercase()).as_deref() {
        None | Some("active") => false,
        Some("left") => true,
        Some(_) => return Err(error("status_invalid")),
    };
    Ok(Row {
        line,
        employee_id: id,
        email,
        name,
        language,
        org_unit: cell(4),
        parent_org_unit: cell(5),
        manager: cell(6),
        left,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &[u8]) -> Vec<Result<Row, RowError>> {
        open(text).unwrap().unwrap().map(|r| r.unwrap()).collect()
    }

    #[test]
    fn semicolons_a_byte_order_mark_and_extra_columns() {
        let rows = read(
            "\u{feff}Employee_ID;email;name;cost_center;status\nE1;a@example.com;Anna;42;left\n"
                .as_bytes(),
        );
        let row = rows[0].as_ref().unwrap();
        assert_eq!(row.employee_id, "E1");
        assert_eq!(row.line, 2);
        assert!(row.left);
        assert_eq!(row.language, Language::De);
    }

    #[test]
    fn missing_columns_are_named() {
        let missing = open("employee_id,name\n".as_bytes())
            .unwrap()
            .err()
            .unwrap();
        assert_eq!(missing, vec!["email".to_string()]);
    }

    #[test]
    fn bad_cells_are_errors_on_their_line() {
        let rows = read(
            b"employee_id,email,name,language\r\nE1,nope,A,de\r\n\r\n\nE2,b@example.com,B,fr\r\n",
        );
        assert_eq!(rows[0].as_ref().unwrap_err().code, "email_invalid");
        let second = rows[1].as_ref().unwrap_err();
        assert_eq!((second.line, second.code.as_str()), (5, "language_invalid"));
    }
}
