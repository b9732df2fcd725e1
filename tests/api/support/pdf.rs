//! Reading a PDF back as a viewer shows it: poppler's `pdftotext`.

use std::io::Write as _;
use std::process::Command;

/// Runs pdftotext with `args` on the PDF; `None` (with a notice) where poppler is not
/// installed, unless `QUALIFY_TEST_REQUIRE_PDFTOTEXT=1`.
pub fn pdftotext(pdf: &[u8], args: &[&str]) -> Option<String> {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(args)
        .arg(file.path())
        .arg("-")
        .output();
    match out {
        Ok(out) => {
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(String::from_utf8(out.stdout).unwrap())
        }
        Err(_) if std::env::var("QUALIFY_TEST_REQUIRE_PDFTOTEXT").as_deref() == Ok("1") => {
            panic!("pdftotext is required (apt-get install poppler-utils)")
        }
        Err(_) => {
            eprintln!("NOTICE: pdftotext missing (poppler-utils): PDF text checks skipped");
            None
        }
    }
}
