//! The certificate as a PDF: A4 landscape, in German or English, from the frozen record only,
//! byte-identical every time (no dates or random ids in the file). Text uses the standard
//! Helvetica faces with WinAnsi encoding, which covers umlauts, ß and typographic quotes; the
//! verification URL is printed and drawn as a QR code.

use std::fmt::Write as _;

use qrcode::{Color, QrCode};

use super::record::Record;

/// What goes on the page besides the record.
pub struct Page<'a> {
    /// The frozen record.
    pub record: &'a Record,
    /// The verification URL.
    pub verify_url: &'a str,
    /// `de` or `en`.
    pub lang: &'a str,
}

/// WinAnsi bytes of a text, as a PDF literal string with octal escapes (the file stays ASCII).
fn literal(text: &str) -> String {
    let mut out = String::from("(");
    for c in text.chars() {
        let byte: u8 = match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
                continue;
            }
            ' '..='~' => {
                out.push(c);
                continue;
            }
            '€' => 0x80,
            '‚' => 0x82,
            '„' => 0x84,
            '…' => 0x85,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            '\u{a0}'..='\u{ff}' => c as u32 as u8,
            _ => b'?',
        };
        let _ = write!(out, "\\{byte:03o}");
    }
    out.push(')');
    out
}

/// Text at a position in a font (`F1` regular, `F2` bold) and size.
fn text(out: &mut String, font: &str, size: f32, x: f32, y: f32, s: &str) {
    let _ = writeln!(out, "BT /{font} {size} Tf {x} {y} Td {} Tj ET", literal(s));
}

struct Words<'a> {
    title: &'a str,
    certifies: &'a str,
    completed: &'a str,
    cohort: &'a str,
    issued: &'a str,
    valid: &'a str,
    issuer: &'a str,
    verify: &'a str,
}

fn words(lang: &str) -> Words<'static> {
    if lang == "de" {
        Words {
            title: "Zertifikat",
            certifies: "Hiermit wird bestätigt, dass",
            completed: "die folgende Qualifizierung erfolgreich abgeschlossen hat:",
            cohort: "Jahrgang",
            issued: "Ausgestellt am",
            valid: "Gültig bis",
            issuer: "Aussteller",
            verify: "Echtheit prüfen:",
        }
    } else {
        Words {
            title: "Certificate",
            certifies: "This is to certify that",
            completed: "has successfully completed the qualification",
            cohort: "Cohort",
            issued: "Issued on",
            valid: "Valid until",
            issuer: "Issuer",
            verify: "Verify:",
        }
    }
}

/// The page's content stream.
fn content(page: &Page<'_>) -> String {
    let w = words(page.lang);
    let r = page.record;
    let mut out = String::new();
    // A frame and a rule under the title.
    out.push_str("0.12 0.32 0.55 RG 3 w 28 28 786 539 re S 1 w 70 432 m 400 432 l S\n");
    out.push_str("0.12 0.32 0.55 rg\n");
    text(&mut out, "F2", 40.0, 70.0, 450.0, w.title);
    out.push_str("0.1 0.1 0.12 rg\n");
    text(&mut out, "F1", 15.0, 70.0, 395.0, w.certifies);
    text(&mut out, "F2", 30.0, 70.0, 352.0, &r.holder_name);
    text(&mut out, "F1", 15.0, 70.0, 315.0, w.completed);
    text(
        &mut out,
        "F2",
        20.0,
        70.0,
        282.0,
        r.program_title.get(page.lang),
    );
    let modules: Vec<&str> = r.modules.iter().map(|m| m.title.get(page.lang)).collect();
    text(&mut out, "F1", 10.0, 70.0, 255.0, &modules.join(" · "));
    let rows = [
        (w.cohort, r.cohort.clone()),
        (w.issued, r.issued_on.clone()),
        (w.valid, r.expires_on.clone().unwrap_or_else(|| "–".into())),
        (w.issuer, r.issuer.clone()),
    ];
    for (i, (label, value)) in rows.iter().enumerate() {
        let y = 200.0 - 22.0 * i as f32;
        text(&mut out, "F1", 12.0, 70.0, y, label);
        text(&mut out, "F2", 12.0, 190.0, y, value);
    }
    text(&mut out, "F1", 10.0, 70.0, 70.0, w.verify);
    text(&mut out, "F1", 10.0, 70.0, 56.0, page.verify_url);
    qr(&mut out, page.verify_url, 640.0, 56.0, 130.0);
    out
}

/// The QR code of `data` as filled squares in a `size` box at (x, y).
fn qr(out: &mut String, data: &str, x: f32, y: f32, size: f32) {
    let Ok(code) = QrCode::new(data.as_bytes()) else {
        return;
    };
    let n = code.width();
    let colors = code.to_colors();
    let cell = size / n as f32;
    out.push_str("0 0 0 rg\n");
    for (i, color) in colors.iter().enumerate() {
        if *color == Color::Dark {
            let (col, row) = ((i % n) as f32, (i / n) as f32);
            let _ = writeln!(
                out,
                "{:.2} {:.2} {:.2} {:.2} re f",
                x + col * cell,
                y + size - (row + 1.0) * cell,
                cell,
                cell
            );
        }
    }
}

/// Renders the certificate.
pub fn render(page: &Page<'_>) -> Vec<u8> {
    let stream = content(page);
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>".to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>".to_string(),
        format!("<< /Length {} >>\nstream\n{stream}endstream", stream.len()),
    ];
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        let _ = write!(pdf, "{} 0 obj\n{body}\nendobj\n", i + 1);
    }
    let xref = pdf.len();
    let _ = write!(pdf, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for o in offsets {
        let _ = writeln!(pdf, "{o:010} 00000 n ");
    }
    let _ = write!(
        pdf,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    pdf.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umlauts_become_winansi_escapes_and_parentheses_are_escaped() {
        assert_eq!(literal("Jörg (Maß)"), "(J\\366rg \\(Ma\\337\\))");
        assert_eq!(literal("„Zitat“ – ok"), "(\\204Zitat\\223 \\226 ok)");
    }
}
