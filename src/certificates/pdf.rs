//! The certificate as a PDF/A-2b: A4 landscape, in German or English, from the frozen record
//! only, byte-identical every time (the creation date is the issue date, ids are content
//! hashes). krilla writes the file and embeds subsets of the bundled fonts, so every name
//! prints as written, right-to-left scripts included (`typeset`). Long names, program titles
//! and module lists wrap and shrink to stay on the page; the verification URL is printed and
//! drawn as a QR code.

use krilla::Document;
use krilla::SerializeSettings;
use krilla::color::rgb;
use krilla::configure::{Configuration, Validator};
use krilla::geom::{PathBuilder, Rect, Size, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use qrcode::{Color, QrCode};

use super::record::Record;
use super::typeset::{Weight, line, wrap};
use crate::config::logo::{Logo, LogoKind};

/// What goes on the page besides the record.
pub struct Page<'a> {
    /// The frozen record.
    pub record: &'a Record,
    /// The verification URL.
    pub verify_url: &'a str,
    /// `de` or `en`.
    pub lang: &'a str,
    /// The organisation's logo, drawn at the top right.
    pub logo: Option<&'a Logo>,
}

/// Page size in points (A4 landscape).
pub const WIDTH: f32 = 842.0;
/// Page height in points.
pub const HEIGHT: f32 = 595.0;
/// Left edge of the text.
const LEFT: f32 = 70.0;
/// Right edge of the text above the table and the QR code.
const RIGHT: f32 = 772.0;
/// Nothing of the flowing block goes below this (PDF coordinates, y up): the table starts here.
const FLOOR: f32 = 215.0;

const BLUE: (u8, u8, u8) = (31, 82, 140);
const INK: (u8, u8, u8) = (26, 26, 31);

struct Words<'a> {
    title: &'a str,
    certifies: &'a str,
    completed: &'a str,
    completed_study: &'a str,
    cohort: &'a str,
    kind: &'a str,
    self_study: &'a str,
    issued: &'a str,
    valid: &'a str,
    issuer: &'a str,
    verify: &'a str,
    renewed: &'a str,
    through: &'a str,
}

fn words(lang: &str) -> Words<'static> {
    if lang == "de" {
        Words {
            title: "Zertifikat",
            certifies: "Hiermit wird bestätigt, dass",
            completed: "die folgende Qualifizierung erfolgreich abgeschlossen hat:",
            completed_study: "das folgende Selbststudium erfolgreich abgeschlossen hat:",
            cohort: "Kohorte",
            kind: "Art",
            self_study: "Selbststudium",
            issued: "Ausgestellt am",
            valid: "Gültig bis",
            issuer: "Aussteller",
            verify: "Echtheit prüfen:",
            renewed: "Erneuert am",
            through: "durch",
        }
    } else {
        Words {
            title: "Certificate",
            certifies: "This is to certify that",
            completed: "has successfully completed the qualification",
            completed_study: "has successfully completed the self-study",
            cohort: "Cohort",
            kind: "Kind",
            self_study: "Self-study",
            issued: "Issued on",
            valid: "Valid until",
            issuer: "Issuer",
            verify: "Verify:",
            renewed: "Renewed on",
            through: "through",
        }
    }
}

fn fill(surface: &mut Surface<'_>, (r, g, b): (u8, u8, u8)) {
    surface.set_fill(Some(Fill {
        paint: rgb::Color::new(r, g, b).into(),
        ..Fill::default()
    }));
}

/// One line of text with its baseline at PDF coordinates (x, y), shrunk if it is wider than
/// `max_width`.
fn text(surface: &mut Surface<'_>, s: &str, weight: Weight, size: f32, at: (f32, f32), max: f32) {
    let l = line(s, weight);
    let width = l.width(size);
    let size = if width > max {
        size * max / width
    } else {
        size
    };
    l.draw(surface, at.0, HEIGHT - at.1, size);
}

/// A block of the flowing part: text, weight, font size and the distance of its first
/// baseline below the previous block's last one, both at full scale.
struct Block<'a> {
    text: &'a str,
    weight: Weight,
    size: f32,
    lead: f32,
    scales: bool,
}

/// The blocks' lines and baselines at a scale, and whether they stay above the floor.
fn flow(blocks: &[Block<'_>], top: f32, scale: f32) -> (Vec<(String, Weight, f32, f32)>, bool) {
    let mut out = Vec::new();
    let mut y = top;
    let mut fits = true;
    for b in blocks {
        let k = if b.scales { scale } else { 1.0 };
        let size = b.size * k;
        y -= b.lead * k;
        for (i, l) in wrap(b.text, b.weight, size, RIGHT - LEFT)
            .into_iter()
            .enumerate()
        {
            if i > 0 {
                y -= size * 1.25;
            }
            fits &= y - size * 0.3 >= FLOOR;
            out.push((l, b.weight, size, y));
        }
    }
    (out, fits)
}

/// Name, "has completed", program and modules: at full size if they fit, else smaller; at the
/// smallest scale, lines below the floor are left out and the last one shown ends in "…".
fn middle(surface: &mut Surface<'_>, blocks: &[Block<'_>]) {
    let mut scale = 1.0;
    let (mut lines, mut fits) = flow(blocks, 395.0, scale);
    while !fits && scale > 0.45 {
        scale -= 0.05;
        (lines, fits) = flow(blocks, 395.0, scale);
    }
    if !fits {
        let kept = lines
            .iter()
            .take_while(|l| l.3 - l.2 * 0.3 >= FLOOR)
            .count();
        lines.truncate(kept.max(1));
        if let Some(last) = lines.last_mut() {
            last.0.push_str(" …");
        }
    }
    for (s, weight, size, y) in lines {
        text(
            surface,
            &s,
            weight,
            size,
            (LEFT, y.max(FLOOR)),
            RIGHT - LEFT,
        );
    }
}

/// Draws the page.
fn content(surface: &mut Surface<'_>, page: &Page<'_>) {
    let w = words(page.lang);
    let r = page.record;
    frame(surface);
    fill(surface, BLUE);
    text(
        surface,
        w.title,
        Weight::Bold,
        40.0,
        (LEFT, 450.0),
        RIGHT - LEFT,
    );
    fill(surface, INK);
    text(
        surface,
        w.certifies,
        Weight::Regular,
        15.0,
        (LEFT, 395.0),
        RIGHT - LEFT,
    );
    let modules: Vec<&str> = match &r.self_study {
        Some(study) => study
            .lessons
            .iter()
            .map(|l| l.title.get(page.lang))
            .collect(),
        None => r.modules.iter().map(|m| m.title.get(page.lang)).collect(),
    };
    let completed = if r.self_study.is_some() {
        w.completed_study
    } else {
        w.completed
    };
    let modules = modules.join(" · ");
    let block = |text, weight, size, lead, scales| Block {
        text,
        weight,
        size,
        lead,
        scales,
    };
    middle(
        surface,
        &[
            block(&r.holder_name, Weight::Bold, 30.0, 43.0, true),
            block(completed, Weight::Regular, 15.0, 37.0, false),
            block(
                r.program_title.get(page.lang),
                Weight::Bold,
                20.0,
                33.0,
                true,
            ),
            block(&modules, Weight::Regular, 10.0, 27.0, true),
        ],
    );
    table(surface, &w, r, page.lang);
    footer(surface, w.verify, page.verify_url);
    if let Some(logo) = page.logo {
        draw_logo(surface, logo);
    }
}

/// The logo in a box at the top right, as large as its aspect ratio lets it be: from the
/// right edge of the text leftwards, from above the title's rule upwards.
fn draw_logo(surface: &mut Surface<'_>, logo: &Logo) {
    const BOX: (f32, f32) = (200.0, 70.0);
    const BOTTOM: f32 = 440.0;
    let (w, h) = logo.size;
    let scale = (BOX.0 / w).min(BOX.1 / h);
    let Some(size) = Size::from_wh(w * scale, h * scale) else {
        return;
    };
    let (x, top) = (RIGHT - size.width(), HEIGHT - (BOTTOM + size.height()));
    surface.push_transform(&Transform::from_translate(x, top));
    match logo.kind {
        LogoKind::Png => {
            let data: krilla::Data = logo.bytes.clone().into();
            if let Ok(image) = krilla::image::Image::from_png(data, false) {
                surface.draw_image(image, size);
            }
        }
        LogoKind::Svg => {
            use krilla_svg::SurfaceExt;
            if let Ok(tree) = usvg::Tree::from_data(&logo.bytes, &usvg::Options::default()) {
                surface.draw_svg(&tree, size, krilla_svg::SvgSettings::default());
            }
        }
    }
    surface.pop();
}

/// Cohort, dates (as the reader's language writes them), issuer and, for a renewed
/// certification, when and through which refresher, under the flowing block; a value wider
/// than its column shrinks.
fn table(surface: &mut Surface<'_>, w: &Words<'_>, r: &Record, lang: &str) {
    let lang = crate::domain::language::Language::parse(lang).unwrap_or_default();
    let date = |d: &str| crate::domain::format::when_text(lang, d);
    let first = match r.self_study {
        Some(_) => (w.kind, w.self_study.to_string()),
        None => (w.cohort, r.cohort.clone()),
    };
    let mut rows = vec![
        first,
        (w.issued, date(&r.issued_on)),
        (
            w.valid,
            r.expires_on.as_deref().map_or_else(|| "–".into(), date),
        ),
        (w.issuer, r.issuer.clone()),
    ];
    if let Some(through) = &r.renewed_through {
        let value = format!(
            "{} {} {}",
            date(&r.issued_on),
            w.through,
            through.title.get(lang.code())
        );
        rows.push((w.renewed, value));
    }
    for (i, (label, value)) in rows.iter().enumerate() {
        let y = 200.0 - 22.0 * i as f32;
        text(surface, label, Weight::Regular, 12.0, (LEFT, y), 115.0);
        text(surface, value, Weight::Bold, 12.0, (190.0, y), 430.0);
    }
}

/// The verification address in words and as a QR code.
fn footer(surface: &mut Surface<'_>, label: &str, url: &str) {
    text(surface, label, Weight::Regular, 10.0, (LEFT, 70.0), 550.0);
    text(surface, url, Weight::Regular, 10.0, (LEFT, 56.0), 550.0);
    qr(surface, url, 640.0, 56.0, 130.0);
}

/// The frame around the page and the rule under the title.
fn frame(surface: &mut Surface<'_>) {
    let mut pb = PathBuilder::new();
    if let Some(rect) = Rect::from_xywh(28.0, HEIGHT - 567.0, 786.0, 539.0) {
        pb.push_rect(rect);
    }
    pb.move_to(LEFT, HEIGHT - 432.0);
    pb.line_to(400.0, HEIGHT - 432.0);
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: rgb::Color::new(BLUE.0, BLUE.1, BLUE.2).into(),
        width: 2.0,
        ..Stroke::default()
    }));
    if let Some(path) = pb.finish() {
        surface.draw_path(&path);
    }
    surface.set_stroke(None);
}

/// The QR code of `data` as filled squares in a `size` box whose lower left corner is at
/// PDF coordinates (x, y).
fn qr(surface: &mut Surface<'_>, data: &str, x: f32, y: f32, size: f32) {
    let Ok(code) = QrCode::new(data.as_bytes()) else {
        return;
    };
    let n = code.width();
    let cell = size / n as f32;
    let top = HEIGHT - (y + size);
    let mut pb = PathBuilder::new();
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == Color::Dark {
            let (col, row) = ((i % n) as f32, (i / n) as f32);
            if let Some(rect) = Rect::from_xywh(x + col * cell, top + row * cell, cell, cell) {
                pb.push_rect(rect);
            }
        }
    }
    fill(surface, (0, 0, 0));
    if let Some(path) = pb.finish() {
        surface.draw_path(&path);
    }
}

/// The creation date: the issue date (`YYYY-MM-DD`) at midnight UTC.
fn creation_date(issued_on: &str) -> DateTime {
    let mut parts = issued_on.split('-').map(|p| p.parse::<u16>().unwrap_or(1));
    let year = parts.next().unwrap_or(2000);
    let month = parts.next().unwrap_or(1).clamp(1, 12) as u8;
    let day = parts.next().unwrap_or(1).clamp(1, 31) as u8;
    DateTime::new(year)
        .month(month)
        .day(day)
        .hour(0)
        .minute(0)
        .second(0)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// Draws the logo on an empty page of a PDF/A-2b document: start-up calls this, so a logo
/// the certificate could not carry stops the service with a reason instead of failing each
/// download.
pub fn check_logo(logo: &Logo) -> anyhow::Result<()> {
    let settings = SerializeSettings {
        configuration: Configuration::new_with_validator(Validator::A2_B),
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    document.set_metadata(
        Metadata::new()
            .language("en".to_string())
            .creation_date(creation_date("2000-01-01")),
    );
    let Some(settings) = PageSettings::from_wh(WIDTH, HEIGHT) else {
        unreachable!("A4 has a positive size");
    };
    let mut pdf_page = document.start_page_with(settings);
    let mut surface = pdf_page.surface();
    draw_logo(&mut surface, logo);
    surface.finish();
    pdf_page.finish();
    document.finish().map(|_| ()).map_err(|e| {
        anyhow::anyhow!("QUALIFY_ORGANIZATION_LOGO cannot go on the certificate PDF: {e:?}")
    })
}

/// Renders the certificate; an error means the page broke a PDF/A rule.
pub fn render(page: &Page<'_>) -> anyhow::Result<Vec<u8>> {
    let settings = SerializeSettings {
        configuration: Configuration::new_with_validator(Validator::A2_B),
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    let title = format!("{} – {}", words(page.lang).title, page.record.holder_name);
    document.set_metadata(
        Metadata::new()
            .title(title)
            .authors(vec![page.record.issuer.clone()])
            .language(page.lang.to_string())
            .creation_date(creation_date(&page.record.issued_on)),
    );
    let Some(settings) = PageSettings::from_wh(WIDTH, HEIGHT) else {
        unreachable!("A4 has a positive size");
    };
    let mut pdf_page = document.start_page_with(settings);
    let mut surface = pdf_page.surface();
    content(&mut surface, page);
    surface.finish();
    pdf_page.finish();
    document
        .finish()
        .map_err(|e| anyhow::anyhow!("certificate PDF: {e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_creation_date_is_the_issue_date_at_midnight_utc() {
        let expected = DateTime::new(2026)
            .month(3)
            .day(14)
            .hour(0)
            .minute(0)
            .second(0)
            .utc_offset_hour(0)
            .utc_offset_minute(0);
        assert_eq!(creation_date("2026-03-14"), expected);
    }
}
