//! The code people check in with during a session: six digits that change every minute,
//! derived from the session's id, the minute and the installation's secret, so a code is good
//! for one session only and cannot be worked out from another. The code of the minute before
//! is accepted too, for someone who typed it as it changed. The host shows it as digits and as
//! a QR code (inline SVG) that opens the session's page with the code filled in.

use chrono::NaiveDateTime;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// The code of the minute `at` falls in.
pub fn code(secret: &[u8], event: &str, at: NaiveDateTime) -> String {
    let minute = at.and_utc().timestamp().div_euclid(60);
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(format!("check-in:{event}:{minute}").as_bytes());
    let bytes = mac.finalize().into_bytes();
    let number = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) % 1_000_000;
    format!("{number:06}")
}

/// Whether `typed` is the code of this minute or the one before.
pub fn matches(secret: &[u8], event: &str, typed: &str, now: NaiveDateTime) -> bool {
    let typed: String = typed.chars().filter(char::is_ascii_digit).collect();
    [now, now - chrono::Duration::minutes(1)]
        .iter()
        .any(|at| crate::accounts::tokens::constant_time_eq(&code(secret, event, *at), &typed))
}

/// A QR code of `data` as an SVG image (black modules on white, four modules of margin).
pub fn qr_svg(data: &str) -> Option<String> {
    let qr = qrcode::QrCode::new(data.as_bytes()).ok()?;
    let n = qr.width();
    let size = n + 8;
    let mut path = String::new();
    for (i, color) in qr.to_colors().iter().enumerate() {
        if *color == qrcode::Color::Dark {
            path.push_str(&format!("M{} {}h1v1h-1z", i % n + 4, i / n + 4));
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" \
         shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: u32, second: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2027, 3, 28)
            .unwrap()
            .and_hms_opt(9, minute, second)
            .unwrap()
    }

    #[test]
    fn a_code_lasts_its_minute_and_the_next_and_fits_one_session() {
        let key = b"secret";
        let now = code(key, "e1", at(5, 10));
        assert_eq!(now.len(), 6);
        assert_eq!(
            now,
            code(key, "e1", at(5, 59)),
            "the same within the minute"
        );
        assert!(
            matches(key, "e1", &now, at(6, 30)),
            "still good a minute on"
        );
        assert!(!matches(key, "e1", &now, at(7, 1)), "not two minutes on");
        assert!(
            !matches(key, "e2", &now, at(5, 20)),
            "not for another session"
        );
        assert!(
            !matches(b"other", "e1", &now, at(5, 20)),
            "not under another secret"
        );
        assert!(matches(
            key,
            "e1",
            &format!("{} {}", &now[..3], &now[3..]),
            at(5, 20)
        ));
    }

    #[test]
    fn the_qr_code_is_an_svg_image() {
        let svg = qr_svg("https://q.example/events/e1?code=123456").unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("<path d=\"M"));
    }
}
