//! The badge image of a certificate: a round PNG badge drawn from the program's title (no
//! network, no image library), and the same image with the signed credential baked in, in an
//! `iTXt` chunk with the keyword `openbadgecredential` as Open Badges 3.0 defines baking, so a
//! wallet that is handed the image finds the credential in it. The same picture as an SVG
//! carries the credential in an `openbadges:credential` element.
//!
//! The title is laid out by `typeset` (bundled fonts, every script, right to left) and its
//! glyph outlines are filled by `raster`: one fixed picture needs no drawing library. Same
//! title, same bytes.

use sha2::{Digest, Sha256};

use super::raster::{Coverage, Pen};
use super::typeset::{self, Weight};

/// The image formats a badge is baked in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// PNG, the credential in an `iTXt` chunk.
    Png,
    /// SVG, the credential in an `openbadges:credential` element.
    Svg,
}

impl Format {
    /// `png` or `svg`.
    pub fn parse(text: &str) -> Option<Format> {
        match text {
            "png" => Some(Format::Png),
            "svg" => Some(Format::Svg),
            _ => None,
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Svg => "svg",
        }
    }

    /// The content type.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Png => "image/png",
            Format::Svg => "image/svg+xml",
        }
    }
}

/// A program title's badge in a format with a credential baked in.
pub fn baked(title: &str, credential: &str, format: Format) -> Vec<u8> {
    match format {
        Format::Png => bake(&png(title), credential),
        Format::Svg => bake_svg(&svg(title), credential).into_bytes(),
    }
}

/// Width and height in pixels.
pub const SIZE: usize = 512;

/// The keyword of the chunk a credential is baked into.
pub const KEYWORD: &str = "openbadgecredential";

/// Deep colours the badge's disc takes one of, chosen by the title.
const PALETTE: [[u8; 3]; 6] = [
    [0x1f, 0x4e, 0x79],
    [0x0b, 0x6e, 0x4f],
    [0x6a, 0x1b, 0x9a],
    [0x9c, 0x27, 0x27],
    [0x8a, 0x5a, 0x00],
    [0x00, 0x5f, 0x73],
];

/// The title's lines and their size: as large as fits four lines inside the ring.
fn layout(title: &str) -> (Vec<String>, f32) {
    let mut size = 64.0;
    loop {
        let lines = typeset::wrap(title, Weight::Bold, size, 330.0);
        let fits = lines.len() <= 4
            && lines
                .iter()
                .all(|l| typeset::line(l, Weight::Bold).width(size) <= 340.0);
        if fits || size <= 14.0 {
            return (lines, size);
        }
        size -= 4.0;
    }
}

/// The title's coverage on the badge, centred.
fn title_coverage(title: &str) -> Vec<f32> {
    let mut cov = Coverage::new(SIZE, SIZE);
    let (lines, size) = layout(title);
    let height = size * 1.25;
    let top = SIZE as f32 / 2.0 - height * lines.len() as f32 / 2.0;
    for (i, text) in lines.iter().enumerate() {
        let line = typeset::line(text, Weight::Bold);
        let width = line.width(size).min(400.0);
        let squeeze = width / line.width(size).max(1.0);
        let left = (SIZE as f32 - width) / 2.0;
        let baseline = top + height * (i as f32 + 0.5) + size * 0.36;
        for (face, glyph, x, y) in line.glyphs() {
            let scale = size * squeeze / face.units_per_em() as f32;
            let origin = (left + x * size * squeeze, baseline - y * size);
            let mut pen = Pen::new(&mut cov, scale, origin);
            face.outline_glyph(rustybuzz::ttf_parser::GlyphId(glyph), &mut pen);
        }
    }
    cov.finish()
}

/// The badge of a program title as RGBA pixels: a disc with a ring and the title in white.
fn pixels(title: &str) -> Vec<u8> {
    let colour = PALETTE[Sha256::digest(title.as_bytes())[0] as usize % PALETTE.len()];
    let text = title_coverage(title);
    let centre = SIZE as f32 / 2.0;
    let mut out = Vec::with_capacity(SIZE * SIZE * 4);
    for y in 0..SIZE {
        for x in 0..SIZE {
            let d = ((x as f32 + 0.5 - centre).powi(2) + (y as f32 + 0.5 - centre).powi(2)).sqrt();
            let disc = (240.0 - d + 0.5).clamp(0.0, 1.0);
            let ring = ((d - 216.0).min(222.0 - d) + 0.5).clamp(0.0, 1.0);
            let white = ring.max(text[y * SIZE + x]);
            for c in colour {
                out.push((c as f32 + (255.0 - c as f32) * white).round() as u8);
            }
            out.push((disc * 255.0).round() as u8);
        }
    }
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
}

/// The badge of a program title as a PNG.
pub fn png(title: &str) -> Vec<u8> {
    use std::io::Write;
    let rgba = pixels(title);
    let mut raw = Vec::with_capacity(rgba.len() + SIZE);
    for row in rgba.chunks(SIZE * 4) {
        raw.push(0);
        raw.extend_from_slice(row);
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&raw).expect("writing to memory");
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend_from_slice(&(SIZE as u32).to_be_bytes());
    header.extend_from_slice(&(SIZE as u32).to_be_bytes());
    header.extend_from_slice(&[8, 6, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &header);
    chunk(&mut out, b"IDAT", &z.finish().expect("writing to memory"));
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A PNG from [`png`] with a credential baked in: an uncompressed `iTXt` chunk
/// `openbadgecredential` (no language, no translated keyword) before the end.
pub fn bake(png: &[u8], credential: &str) -> Vec<u8> {
    let end = png.len() - 12;
    let mut data = KEYWORD.as_bytes().to_vec();
    data.extend_from_slice(&[0, 0, 0, 0, 0]);
    data.extend_from_slice(credential.as_bytes());
    let mut out = png[..end].to_vec();
    chunk(&mut out, b"iTXt", &data);
    out.extend_from_slice(&png[end..]);
    out
}

/// Escapes text for an XML attribute or element.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The badge of a program title as an SVG (the same picture; the viewer draws the text).
pub fn svg(title: &str) -> String {
    let [r, g, b] = PALETTE[Sha256::digest(title.as_bytes())[0] as usize % PALETTE.len()];
    let (lines, size) = layout(title);
    let height = size * 1.25;
    let top = SIZE as f32 / 2.0 - height * lines.len() as f32 / 2.0;
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}" role="img"><title>{}</title><circle cx="256" cy="256" r="240" fill="#{r:02x}{g:02x}{b:02x}"/><circle cx="256" cy="256" r="219" fill="none" stroke="#fff" stroke-width="6"/>"##,
        xml(title)
    );
    for (i, line) in lines.iter().enumerate() {
        let baseline = top + height * (i as f32 + 0.5) + size * 0.36;
        out.push_str(&format!(
            r##"<text x="256" y="{baseline:.1}" font-family="Noto Sans, Arial, sans-serif" font-weight="700" font-size="{size}" fill="#fff" text-anchor="middle">{}</text>"##,
            xml(line)
        ));
    }
    out.push_str("</svg>");
    out
}

/// An SVG from [`svg`] with a credential baked in: an `openbadges:credential` element in the
/// Open Badges 3.0 namespace whose `verify` attribute holds the credential.
pub fn bake_svg(svg: &str, credential: &str) -> String {
    let end = svg.rfind("</svg>").unwrap_or(svg.len());
    format!(
        r#"{}<openbadges:credential xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" verify="{}"/>{}"#,
        &svg[..end],
        xml(credential),
        &svg[end..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chunks of a PNG: kind and data, each CRC checked.
    fn chunks(png: &[u8]) -> Vec<(String, Vec<u8>)> {
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let mut at = 8;
        let mut out = Vec::new();
        while at < png.len() {
            let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
            let body = &png[at + 4..at + 8 + len];
            let crc = u32::from_be_bytes(png[at + 8 + len..at + 12 + len].try_into().unwrap());
            assert_eq!(crc32fast::hash(body), crc, "CRC");
            out.push((
                String::from_utf8(body[..4].to_vec()).unwrap(),
                body[4..].to_vec(),
            ));
            at += 12 + len;
        }
        out
    }

    #[test]
    fn the_badge_is_a_deterministic_png_with_the_title_drawn_in_white() {
        let title = "Community-Management · Łódź Ελληνικά Русский 社区 עברית";
        let image = png(title);
        assert_eq!(image, png(title), "same title, same bytes");
        let kinds: Vec<String> = chunks(&image).into_iter().map(|c| c.0).collect();
        assert_eq!(kinds, ["IHDR", "IDAT", "IEND"]);
        let rgba = pixels(title);
        let white = rgba.chunks(4).filter(|p| p[0] > 240 && p[3] == 255).count();
        let inside = rgba.chunks(4).filter(|p| p[3] == 255).count();
        assert!(
            white > inside / 50,
            "the title and ring are drawn: {white} of {inside}"
        );
        assert_eq!(rgba[3], 0, "the corners stay transparent");
        assert_ne!(pixels("Another program"), rgba);
    }

    #[test]
    fn a_baked_svg_carries_the_credential_and_escapes_the_title() {
        let image = svg("Q & <A>");
        assert!(image.contains("Q &amp; &lt;A&gt;"));
        let baked = bake_svg(&image, "a.b.c");
        assert!(baked.ends_with(
            r#"<openbadges:credential xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" verify="a.b.c"/></svg>"#
        ));
    }

    #[test]
    fn a_baked_badge_carries_the_credential_in_an_itxt_chunk_before_the_end() {
        let baked = bake(&png("Q"), "a.b.c");
        let all = chunks(&baked);
        assert_eq!(all.len(), 4);
        assert_eq!(all[2].0, "iTXt");
        assert_eq!(all[2].1, b"openbadgecredential\0\0\0\0\0a.b.c");
        assert_eq!(all[3].0, "IEND");
    }
}
