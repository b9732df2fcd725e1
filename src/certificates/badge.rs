//! The badge image of a certificate: a round PNG badge drawn from the program's title (no
//! network, no image library), and the same image with the signed credential baked in, in an
//! `iTXt` chunk with the keyword `openbadgecredential` as Open Badges 3.0 defines baking, so a
//! wallet that is handed the image finds the credential in it.
//!
//! The title is laid out by `typeset` (bundled fonts, every script, right to left) and its
//! glyph outlines are filled by a small coverage rasterizer (the signed-area accumulation of
//! font-rs): one fixed picture needs no drawing library. Same title, same bytes.

use rustybuzz::ttf_parser::OutlineBuilder;
use sha2::{Digest, Sha256};

use super::typeset::{self, Weight};

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

/// Signed area per pixel (font-rs): a closed outline sums to its coverage along each row.
struct Coverage {
    w: usize,
    acc: Vec<f32>,
}

impl Coverage {
    fn new(w: usize, h: usize) -> Self {
        Self {
            w,
            acc: vec![0.0; w * h + 2],
        }
    }

    fn line(&mut self, a: (f32, f32), b: (f32, f32)) {
        if (a.1 - b.1).abs() <= f32::EPSILON {
            return;
        }
        let (dir, (x0, y0), (x1, y1)) = if a.1 < b.1 { (1.0, a, b) } else { (-1.0, b, a) };
        let dxdy = (x1 - x0) / (y1 - y0);
        let h = (self.acc.len() - 2) / self.w;
        let mut x = x0 + dxdy * (0f32.max(y0) - y0);
        for y in (y0.max(0.0) as usize)..h.min(y1.ceil().max(0.0) as usize) {
            let dy = ((y + 1) as f32).min(y1) - (y as f32).max(y0);
            let next = x + dxdy * dy;
            self.span(y * self.w, x, next, dy * dir);
            x = next;
        }
    }

    /// Adds a row's share of one edge between `x` and `next` (clamped inside the row).
    fn span(&mut self, row: usize, x: f32, next: f32, d: f32) {
        let max = (self.w - 1) as f32;
        let (x0, x1) = (x.min(next).clamp(0.0, max), x.max(next).clamp(0.0, max));
        let (f0, c1) = (x0.floor(), x1.ceil());
        let (i0, i1) = (f0 as usize, c1 as usize);
        if i1 <= i0 + 1 {
            let mid = 0.5 * (x0 + x1) - f0;
            self.acc[row + i0] += d - d * mid;
            self.acc[row + i0 + 1] += d * mid;
            return;
        }
        let s = (x1 - x0).recip();
        let x0f = x0 - f0;
        let a0 = 0.5 * s * (1.0 - x0f) * (1.0 - x0f);
        let x1f = x1 - c1 + 1.0;
        let am = 0.5 * s * x1f * x1f;
        self.acc[row + i0] += d * a0;
        if i1 == i0 + 2 {
            self.acc[row + i0 + 1] += d * (1.0 - a0 - am);
        } else {
            let a1 = s * (1.5 - x0f);
            self.acc[row + i0 + 1] += d * (a1 - a0);
            for xi in i0 + 2..i1 - 1 {
                self.acc[row + xi] += d * s;
            }
            let a2 = a1 + (i1 - i0 - 3) as f32 * s;
            self.acc[row + i1 - 1] += d * (1.0 - a2 - am);
        }
        self.acc[row + i1] += d * am;
    }

    /// Coverage per pixel, 0 to 1.
    fn finish(self) -> Vec<f32> {
        let mut sum = 0.0;
        self.acc
            .iter()
            .map(|a| {
                sum += a;
                sum.abs().min(1.0)
            })
            .collect()
    }
}

/// Feeds one glyph's outline (font units, y up) into the coverage, flattening curves.
struct Pen<'a> {
    cov: &'a mut Coverage,
    scale: f32,
    origin: (f32, f32),
    start: (f32, f32),
    last: (f32, f32),
}

impl Pen<'_> {
    fn at(&self, x: f32, y: f32) -> (f32, f32) {
        (
            self.origin.0 + x * self.scale,
            self.origin.1 - y * self.scale,
        )
    }

    fn to(&mut self, p: (f32, f32)) {
        self.cov.line(self.last, p);
        self.last = p;
    }
}

impl OutlineBuilder for Pen<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.start = self.at(x, y);
        self.last = self.start;
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let p = self.at(x, y);
        self.to(p);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (p0, p1, p2) = (self.last, self.at(x1, y1), self.at(x, y));
        for i in 1..=8 {
            let t = i as f32 / 8.0;
            let u = 1.0 - t;
            let q = |a: f32, b: f32, c: f32| u * u * a + 2.0 * u * t * b + t * t * c;
            self.to((q(p0.0, p1.0, p2.0), q(p0.1, p1.1, p2.1)));
        }
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (p0, p1, p2, p3) = (self.last, self.at(x1, y1), self.at(x2, y2), self.at(x, y));
        for i in 1..=12 {
            let t = i as f32 / 12.0;
            let u = 1.0 - t;
            let c = |a: f32, b: f32, c: f32, d: f32| {
                u * u * u * a + 3.0 * u * u * t * b + 3.0 * u * t * t * c + t * t * t * d
            };
            self.to((c(p0.0, p1.0, p2.0, p3.0), c(p0.1, p1.1, p2.1, p3.1)));
        }
    }

    fn close(&mut self) {
        let start = self.start;
        self.to(start);
    }
}

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
            let mut pen = Pen {
                cov: &mut cov,
                scale,
                origin: (left + x * size * squeeze, baseline - y * size),
                start: (0.0, 0.0),
                last: (0.0, 0.0),
            };
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
    fn a_baked_badge_carries_the_credential_in_an_itxt_chunk_before_the_end() {
        let baked = bake(&png("Q"), "a.b.c");
        let all = chunks(&baked);
        assert_eq!(all.len(), 4);
        assert_eq!(all[2].0, "iTXt");
        assert_eq!(all[2].1, b"openbadgecredential\0\0\0\0\0a.b.c");
        assert_eq!(all[3].0, "IEND");
    }
}
