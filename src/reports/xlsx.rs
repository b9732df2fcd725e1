//! XLSX written as a stream: the worksheet XML goes straight into a deflated ZIP entry, so an
//! export of any length needs constant memory. Cells are typed (text, numbers, dates with a
//! date format); the header row is bold, frozen and carries an auto-filter; columns have
//! widths. Strings are inline, so no shared-string table has to be held.

use std::io::{self, Write};

use chrono::NaiveDate;
use zip::ZipWriter;
use zip::write::{SimpleFileOptions, StreamWriter};

use super::{Cell, Column, Sink};

/// `[Content_Types].xml` for a workbook of `sheets` sheets.
fn content_types(sheets: usize) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    );
    for n in 1..=sheets {
        out.push_str(&format!(
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        ));
    }
    out.push_str(r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#);
    out
}

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

/// `xl/_rels/workbook.xml.rels`: the sheets (`rId1`…) and the styles after them.
fn workbook_rels(sheets: usize) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for n in 1..=sheets {
        out.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
    }
    out.push_str(&format!(
        r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
        sheets + 1
    ));
    out
}

/// Styles: 0 plain, 1 date, 2 bold header, 3 one decimal.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/><numFmt numFmtId="165" formatCode="0.0"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

/// Writes an XLSX workbook into `W`: one sheet, or more with [`XlsxSink::next_sheet`].
pub struct XlsxSink<W: Write> {
    zip: Option<ZipWriter<StreamWriter<W>>>,
    /// Each sheet's name and filtered range (the current one's range is set when it ends).
    sheets: Vec<(String, String)>,
    columns: usize,
    rows: u32,
    line: String,
}

/// A sheet name as Excel accepts it: without `[]:*?/\`, at most 31 characters.
fn sheet_name(name: &str) -> String {
    name.chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}

fn options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(3))
}

impl<W: Write> XlsxSink<W> {
    /// A workbook whose sheet is called `sheet_name` (cut to Excel's 31 characters).
    pub fn new(inner: W, sheet_name: &str) -> io::Result<Self> {
        let mut zip = ZipWriter::new_stream(inner);
        for (name, body) in [("_rels/.rels", ROOT_RELS), ("xl/styles.xml", STYLES)] {
            zip.start_file(name, options()).map_err(io::Error::other)?;
            zip.write_all(body.as_bytes())?;
        }
        Ok(XlsxSink {
            zip: Some(zip),
            sheets: vec![(self::sheet_name(sheet_name), String::new())],
            columns: 0,
            rows: 0,
            line: String::with_capacity(4096),
        })
    }

    fn zip(&mut self) -> io::Result<&mut ZipWriter<StreamWriter<W>>> {
        self.zip
            .as_mut()
            .ok_or_else(|| io::Error::other("workbook already finished"))
    }
}

/// `A`, `B`, … `Z`, `AA`, … for a zero-based column.
pub fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Days since 1899-12-30, as spreadsheets count dates.
pub fn serial(date: NaiveDate) -> i64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    (date - epoch).num_days()
}

/// Escapes XML and drops characters XML 1.0 cannot hold.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

fn text_cell(out: &mut String, reference: &str, text: &str, style: u8) {
    use std::fmt::Write as _;
    let _ = write!(out, r#"<c r="{reference}" t="inlineStr""#);
    if style != 0 {
        let _ = write!(out, r#" s="{style}""#);
    }
    out.push_str(r#"><is><t xml:space="preserve">"#);
    escape_into(out, text);
    out.push_str("</t></is></c>");
}

impl<W: Write> Sink for XlsxSink<W> {
    fn header(&mut self, columns: &[Column]) -> io::Result<()> {
        use std::fmt::Write as _;
        self.columns = columns.len();
        let sheet = self.sheets.len();
        let selected = if sheet == 1 {
            r#" tabSelected="1""#
        } else {
            ""
        };
        let mut head = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetViews><sheetView{selected} workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>"#,
        );
        for (i, c) in columns.iter().enumerate() {
            let _ = write!(
                head,
                r#"<col min="{n}" max="{n}" width="{w}" customWidth="1"/>"#,
                n = i + 1,
                w = c.width.max(6)
            );
        }
        head.push_str(r#"</cols><sheetData><row r="1">"#);
        for (i, c) in columns.iter().enumerate() {
            text_cell(&mut head, &format!("{}1", column_letters(i)), &c.title, 2);
        }
        head.push_str("</row>");
        self.rows = 1;
        let zip = self.zip()?;
        zip.start_file(format!("xl/worksheets/sheet{sheet}.xml"), options())
            .map_err(io::Error::other)?;
        zip.write_all(head.as_bytes())
    }

    fn row(&mut self, cells: &[Cell]) -> io::Result<()> {
        use std::fmt::Write as _;
        self.rows += 1;
        let r = self.rows;
        let mut line = std::mem::take(&mut self.line);
        line.clear();
        let _ = write!(line, r#"<row r="{r}">"#);
        for (i, cell) in cells.iter().enumerate() {
            let reference = format!("{}{r}", column_letters(i));
            match cell {
                Cell::Empty => {}
                Cell::Text(t) => text_cell(&mut line, &reference, t, 0),
                Cell::Int(n) => {
                    let _ = write!(line, r#"<c r="{reference}"><v>{n}</v></c>"#);
                }
                Cell::Num(n) if n.is_finite() => {
                    let _ = write!(line, r#"<c r="{reference}" s="3"><v>{n}</v></c>"#);
                }
                Cell::Num(_) => {}
                Cell::Date(d) => {
                    let _ = write!(
                        line,
                        r#"<c r="{reference}" s="1"><v>{}</v></c>"#,
                        serial(*d)
                    );
                }
            }
        }
        line.push_str("</row>");
        let result = self.zip()?.write_all(line.as_bytes());
        self.line = line;
        result
    }

    fn finish(&mut self) -> io::Result<()> {
        if self.zip.is_none() {
            return Ok(());
        }
        self.close_sheet()?;
        let Some(mut zip) = self.zip.take() else {
            return Ok(());
        };
        let (mut sheets, mut names) = (String::new(), String::new());
        for (i, (name, range)) in self.sheets.iter().enumerate() {
            let mut escaped = String::new();
            escape_into(&mut escaped, name);
            sheets.push_str(&format!(
                r#"<sheet name="{escaped}" sheetId="{n}" r:id="rId{n}"/>"#,
                n = i + 1
            ));
            names.push_str(&format!(
                r#"<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'{quoted}'!{range}</definedName>"#,
                quoted = escaped.replace('\'', "''"),
            ));
        }
        let workbook = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets><definedNames>{names}</definedNames></workbook>"#
        );
        let count = self.sheets.len();
        for (name, body) in [
            ("xl/workbook.xml", workbook),
            ("[Content_Types].xml", content_types(count)),
            ("xl/_rels/workbook.xml.rels", workbook_rels(count)),
        ] {
            zip.start_file(name, options()).map_err(io::Error::other)?;
            zip.write_all(body.as_bytes())?;
        }
        let mut inner = zip.finish().map_err(io::Error::other)?.into_inner();
        inner.flush()
    }
}

impl<W: Write> XlsxSink<W> {
    /// Ends the current sheet and starts one called `name`; its [`Sink::header`] comes next.
    pub fn next_sheet(&mut self, name: &str) -> io::Result<()> {
        self.close_sheet()?;
        self.sheets.push((sheet_name(name), String::new()));
        Ok(())
    }

    /// Ends the current sheet's data with a filter over its header and rows.
    fn close_sheet(&mut self) -> io::Result<()> {
        let last = column_letters(self.columns.max(1) - 1);
        let rows = self.rows.max(1);
        let range = format!("A1:{last}{rows}");
        self.zip()?.write_all(
            format!(r#"</sheetData><autoFilter ref="{range}"/></worksheet>"#).as_bytes(),
        )?;
        if let Some(sheet) = self.sheets.last_mut() {
            sheet.1 = format!("$A$1:${last}${rows}");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_serials() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27 * 26), "AAA");
        assert_eq!(serial(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()), 46023);
    }
}
