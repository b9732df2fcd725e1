//! Which files may be attached: the type is decided by the content, and the file name's
//! extension must agree with it.

use serde::Serialize;

/// An accepted kind of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FileKind {
    /// PDF.
    Pdf,
    /// PNG image.
    Png,
    /// JPEG image.
    Jpeg,
    /// Word document.
    Docx,
    /// PowerPoint presentation.
    Pptx,
    /// Excel workbook.
    Xlsx,
    /// Plain text.
    Txt,
    /// Markdown.
    Md,
}

impl FileKind {
    /// Every kind, the default allow-list.
    pub const ALL: [FileKind; 8] = [
        Self::Pdf,
        Self::Png,
        Self::Jpeg,
        Self::Docx,
        Self::Pptx,
        Self::Xlsx,
        Self::Txt,
        Self::Md,
    ];

    /// The setting's name for it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Png => "png",
            Self::Jpeg => "jpeg",
            Self::Docx => "docx",
            Self::Pptx => "pptx",
            Self::Xlsx => "xlsx",
            Self::Txt => "txt",
            Self::Md => "md",
        }
    }

    /// Parses a setting's name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| {
            k.name() == name.trim().to_lowercase() || (name.trim() == "jpg" && *k == Self::Jpeg)
        })
    }

    /// The MIME type it is served with.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Txt => "text/plain; charset=utf-8",
            Self::Md => "text/markdown; charset=utf-8",
        }
    }

    fn extensions(self) -> &'static [&'static str] {
        match self {
            Self::Jpeg => &["jpg", "jpeg"],
            Self::Txt => &["txt"],
            Self::Md => &["md", "markdown"],
            other => std::slice::from_ref(match other {
                Self::Pdf => &"pdf",
                Self::Png => &"png",
                Self::Docx => &"docx",
                Self::Pptx => &"pptx",
                _ => &"xlsx",
            }),
        }
    }
}

/// Why a file is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TypeProblem {
    /// The content is of no accepted kind.
    Unsupported,
    /// The content is an accepted kind, but the name says something else.
    NameMismatch,
}

fn looks_like_text(head: &[u8]) -> bool {
    if head.contains(&0) || infer::text::is_html(head) {
        return false;
    }
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        // The buffer may end inside a character.
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or("")
        }
        Err(_) => return false,
    };
    let start = text.trim_start().to_ascii_lowercase();
    !["<!doctype", "<html", "<script", "<svg", "<?xml"]
        .iter()
        .any(|p| start.starts_with(p))
}

/// Decides the kind of a file from its first bytes and checks its name.
pub fn sniff(head: &[u8], file_name: &str, allowed: &[FileKind]) -> Result<FileKind, TypeProblem> {
    let detected = if infer::archive::is_pdf(head) {
        Some(FileKind::Pdf)
    } else if infer::image::is_png(head) {
        Some(FileKind::Png)
    } else if infer::image::is_jpeg(head) {
        Some(FileKind::Jpeg)
    } else if infer::doc::is_docx(head) {
        Some(FileKind::Docx)
    } else if infer::doc::is_pptx(head) {
        Some(FileKind::Pptx)
    } else if infer::doc::is_xlsx(head) {
        Some(FileKind::Xlsx)
    } else if looks_like_text(head) {
        None // text: the extension decides between .txt and .md
    } else {
        return Err(TypeProblem::Unsupported);
    };
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default();
    let kind = match detected {
        Some(kind) => kind,
        None => match extension.as_str() {
            "txt" => FileKind::Txt,
            "md" | "markdown" => FileKind::Md,
            _ if FileKind::ALL
                .iter()
                .any(|k| k.extensions().contains(&extension.as_str())) =>
            {
                return Err(TypeProblem::NameMismatch);
            }
            _ => return Err(TypeProblem::Unsupported),
        },
    };
    if !allowed.contains(&kind) {
        return Err(TypeProblem::Unsupported);
    }
    if !kind.extensions().contains(&extension.as_str()) {
        return Err(TypeProblem::NameMismatch);
    }
    Ok(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    #[test]
    fn content_decides_and_the_name_must_agree() {
        assert_eq!(sniff(PNG, "bild.png", &FileKind::ALL), Ok(FileKind::Png));
        assert_eq!(
            sniff(PNG, "bild.pdf", &FileKind::ALL),
            Err(TypeProblem::NameMismatch)
        );
        assert_eq!(
            sniff(b"%PDF-1.7\n", "Bericht.PDF", &FileKind::ALL),
            Ok(FileKind::Pdf)
        );
        assert_eq!(
            sniff(
                b"<!DOCTYPE html><script>x</script>",
                "bild.png",
                &FileKind::ALL
            ),
            Err(TypeProblem::Unsupported)
        );
        assert_eq!(
            sniff(b"<html><body>", "notes.txt", &FileKind::ALL),
            Err(TypeProblem::Unsupported)
        );
        assert_eq!(
            sniff("# Überschrift\nText".as_bytes(), "plan.md", &FileKind::ALL),
            Ok(FileKind::Md)
        );
        assert_eq!(
            sniff(b"plain words", "plan.pdf", &FileKind::ALL),
            Err(TypeProblem::NameMismatch)
        );
        assert_eq!(
            sniff(b"MZ\x90\0binary\0", "tool.exe", &FileKind::ALL),
            Err(TypeProblem::Unsupported)
        );
        assert_eq!(
            sniff(PNG, "bild.png", &[FileKind::Pdf]),
            Err(TypeProblem::Unsupported)
        );
    }
}
