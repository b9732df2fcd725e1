//! `QUALIFY_ORGANIZATION_LOGO`: the organization's logo, read once at start-up and checked
//! there (a file that exists, a PNG or an SVG by its content, at most [`MAX_BYTES`]), so a
//! wrong file stops start-up instead of breaking a page, a mail or a certificate later.

use std::path::Path;
use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::{SettingsError, err};

/// The largest logo file accepted, in bytes.
pub const MAX_BYTES: usize = 1024 * 1024;

/// The URL path the service serves the logo at (pages, mails and the issuer profile link it).
pub const PATH: &str = "/organization/logo";

const KEY: &str = "QUALIFY_ORGANIZATION_LOGO";
const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The kind of a logo file, decided by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoKind {
    /// A PNG image.
    Png,
    /// An SVG drawing.
    Svg,
}

impl LogoKind {
    /// The media type it is served with.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Svg => "image/svg+xml",
        }
    }
}

/// A checked logo: its bytes, kind, size in pixels (PNG) or user units (SVG), and the entity
/// tag it is served with.
#[derive(Clone)]
pub struct Logo {
    /// The file's bytes.
    pub bytes: Arc<Vec<u8>>,
    /// PNG or SVG.
    pub kind: LogoKind,
    /// Width and height, for the aspect ratio.
    pub size: (f32, f32),
    /// A quoted hash of the bytes, for `ETag` and `If-None-Match`.
    pub etag: String,
}

impl std::fmt::Debug for Logo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Logo")
            .field("kind", &self.kind)
            .field("bytes", &self.bytes.len())
            .field("size", &self.size)
            .finish()
    }
}

impl Logo {
    /// Reads and checks the file at `path`; the error names the setting and what is wrong.
    pub fn read(path: &Path) -> Result<Self, SettingsError> {
        let shown = path.display();
        let meta =
            std::fs::metadata(path).map_err(|e| err(KEY, format!("cannot read {shown}: {e}")))?;
        if !meta.is_file() {
            return Err(err(KEY, format!("{shown} is not a file")));
        }
        if meta.len() > MAX_BYTES as u64 {
            return Err(err(
                KEY,
                format!(
                    "{shown} has {} bytes; a logo may have at most {MAX_BYTES}",
                    meta.len()
                ),
            ));
        }
        let bytes =
            std::fs::read(path).map_err(|e| err(KEY, format!("cannot read {shown}: {e}")))?;
        Self::from_bytes(bytes).map_err(|m| err(KEY, format!("{shown}: {m}")))
    }

    /// Checks bytes as a logo: a PNG with a size, or an SVG that parses and has a size.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, String> {
        let (kind, size) = if bytes.starts_with(PNG_MAGIC) {
            (LogoKind::Png, png_size(&bytes)?)
        } else if looks_like_svg(&bytes) {
            (LogoKind::Svg, svg_size(&bytes)?)
        } else {
            return Err("not a PNG or SVG file (decided by its content)".into());
        };
        let digest = Sha256::digest(&bytes);
        let etag = format!("\"{}\"", hex::encode(&digest[..12]));
        Ok(Self {
            bytes: Arc::new(bytes),
            kind,
            size,
            etag,
        })
    }
}

/// Width and height from the PNG's IHDR chunk (right after the signature).
fn png_size(bytes: &[u8]) -> Result<(f32, f32), String> {
    let header = bytes.get(8..24).ok_or("a PNG file cut short")?;
    if &header[4..8] != b"IHDR" {
        return Err("a PNG file without its IHDR header".into());
    }
    let number = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let (width, height) = (number(8), number(12));
    if width == 0 || height == 0 {
        return Err("a PNG image of no size".into());
    }
    Ok((width as f32, height as f32))
}

/// Text whose first element (after an XML declaration, comments and a doctype) is `<svg`.
fn looks_like_svg(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(&bytes[..bytes.len().min(4096)])
        .or_else(|e| std::str::from_utf8(&bytes[..e.valid_up_to()]))
    else {
        return false;
    };
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<?") {
            rest = after.split_once("?>").map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->").map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("<!") {
            rest = after.split_once('>').map_or("", |(_, r)| r).trim_start();
        } else {
            return rest.starts_with("<svg");
        }
    }
}

/// The drawing's size, once it parsed as SVG.
fn svg_size(bytes: &[u8]) -> Result<(f32, f32), String> {
    let tree = usvg::Tree::from_data(bytes, &usvg::Options::default())
        .map_err(|e| format!("not a readable SVG file: {e}"))?;
    let size = tree.size();
    Ok((size.width(), size.height()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<?xml version="1.0"?><!-- logo --><svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#1f528c"/></svg>"##;

    #[test]
    fn an_svg_is_known_by_its_content_with_its_size() {
        let logo = Logo::from_bytes(SVG.as_bytes().to_vec()).unwrap();
        assert_eq!(logo.kind, LogoKind::Svg);
        assert_eq!(logo.size, (120.0, 40.0));
        assert!(logo.etag.starts_with('"') && logo.etag.len() == 26);
    }

    #[test]
    fn a_png_is_known_by_its_signature_and_header() {
        let mut png = PNG_MAGIC.to_vec();
        png.extend([0, 0, 0, 13]);
        png.extend(b"IHDR");
        png.extend(64u32.to_be_bytes());
        png.extend(32u32.to_be_bytes());
        let logo = Logo::from_bytes(png).unwrap();
        assert_eq!((logo.kind, logo.size), (LogoKind::Png, (64.0, 32.0)));
    }

    #[test]
    fn other_files_are_refused_with_a_reason() {
        let jpeg = vec![0xff, 0xd8, 0xff, 0xe0, 0, 0];
        assert!(
            Logo::from_bytes(jpeg)
                .unwrap_err()
                .contains("not a PNG or SVG")
        );
        let html = b"<html><svg></svg></html>".to_vec();
        assert!(Logo::from_bytes(html).is_err());
        let broken = b"<svg width=\"10\"".to_vec();
        assert!(Logo::from_bytes(broken).unwrap_err().contains("SVG"));
        let missing = Logo::read(Path::new("/nonexistent/logo.png")).unwrap_err();
        assert_eq!(missing.setting, KEY);
    }
}
