//! Dates, times and numbers as a reader of each language writes them: German `14.12.2026,
//! 23:59` and `1.234,5`, English `14 Dec 2026, 11:59 pm` and `1,234.5`. Pages, mails and the
//! certificate PDF show them this way; exports (CSV, XLSX, the API) keep ISO dates and typed
//! numbers. The values arrive as the texts the views already hold (`2026-12-14 23:59`,
//! `2026-12-14`, ISO timestamps), so a view never has to know the reader's language.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use crate::domain::language::Language;

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

const MONTHS_LONG_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const MONTHS_LONG_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// A month (`2026-07`) in the language (`Juli 2026` / `July 2026`); any other text is
/// returned as it is.
pub fn month(lang: Language, text: &str) -> String {
    let parsed = text
        .split_once('-')
        .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<usize>().ok()?)));
    match parsed {
        Some((year, m)) if (1..=12).contains(&m) && text.len() == 7 => {
            let names = match lang {
                Language::De => MONTHS_LONG_DE,
                Language::En => MONTHS_LONG_EN,
            };
            format!("{} {year}", names[m - 1])
        }
        _ => text.to_string(),
    }
}

/// A calendar date in the language (`14.12.2026` / `14 Dec 2026`).
pub fn date(lang: Language, d: NaiveDate) -> String {
    match lang {
        Language::De => format!("{:02}.{:02}.{}", d.day(), d.month(), d.year()),
        Language::En => format!(
            "{} {} {}",
            d.day(),
            MONTHS_EN[d.month0() as usize],
            d.year()
        ),
    }
}

/// A wall-clock time in the language (`23:59` / `11:59 pm`).
pub fn time(lang: Language, t: NaiveDateTime) -> String {
    match lang {
        Language::De => format!("{:02}:{:02}", t.hour(), t.minute()),
        Language::En => {
            let (pm, hour) = t.hour12();
            let half = if pm { "pm" } else { "am" };
            format!("{hour}:{:02} {half}", t.minute())
        }
    }
}

/// A date with its time (`14.12.2026, 23:59` / `14 Dec 2026, 11:59 pm`).
pub fn date_time(lang: Language, t: NaiveDateTime) -> String {
    format!("{}, {}", date(lang, t.date()), time(lang, t))
}

/// A date or date-time text as the views write it (`2026-12-14`, `2026-12-14 23:59`,
/// `2026-12-14T23:59:00Z` …), rewritten for the language; any other text is returned as it is.
pub fn when_text(lang: Language, text: &str) -> String {
    let trimmed = text.trim();
    if let Ok(d) = NaiveDate::parse_from_str(trimmed, "%Y-%m-%d") {
        return date(lang, d);
    }
    let head = trimmed.trim_end_matches('Z');
    let head = head.get(..16).unwrap_or(head).replace('T', " ");
    match NaiveDateTime::parse_from_str(&head, "%Y-%m-%d %H:%M") {
        Ok(t) => {
            // A time zone name after the time (`2026-12-14 23:59 Europe/Berlin`) stays.
            let zone = trimmed.get(16..).filter(|rest| rest.starts_with(' '));
            format!("{}{}", date_time(lang, t), zone.unwrap_or(""))
        }
        Err(_) => text.to_string(),
    }
}

/// A number with the language's separators, with at most `decimals` places (trailing zeros
/// dropped): `1.234,5` / `1,234.5`.
pub fn number(lang: Language, value: f64, decimals: usize) -> String {
    let (group, point) = match lang {
        Language::De => ('.', ','),
        Language::En => (',', '.'),
    };
    let fixed = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let fraction = fraction.trim_end_matches('0');
    let mut out = String::new();
    if value < 0.0 && fixed.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('-');
    }
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push(point);
        out.push_str(fraction);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_times_and_numbers_read_as_each_language_writes_them() {
        use Language::{De, En};
        assert_eq!(when_text(De, "2026-12-14 23:59"), "14.12.2026, 23:59");
        assert_eq!(when_text(En, "2026-12-14 23:59"), "14 Dec 2026, 11:59 pm");
        assert_eq!(when_text(En, "2026-12-04 00:05"), "4 Dec 2026, 12:05 am");
        assert_eq!(when_text(En, "2026-12-04 12:00"), "4 Dec 2026, 12:00 pm");
        assert_eq!(when_text(De, "2026-02-01"), "01.02.2026");
        assert_eq!(when_text(En, "2026-02-01"), "1 Feb 2026");
        assert_eq!(when_text(De, "2026-12-14T22:59:00Z"), "14.12.2026, 22:59");
        assert_eq!(
            when_text(De, "2026-12-14 23:59 Europe/Berlin"),
            "14.12.2026, 23:59 Europe/Berlin"
        );
        assert_eq!(when_text(De, "soon"), "soon");
        assert_eq!(number(De, 1234.5, 1), "1.234,5");
        assert_eq!(number(En, 1234.5, 1), "1,234.5");
        assert_eq!(number(En, 1_234_567.0, 1), "1,234,567");
        assert_eq!(number(De, 12.0, 0), "12");
        assert_eq!(number(De, -0.04, 1), "0");
        assert_eq!(number(En, -1234.0, 0), "-1,234");
        assert_eq!(month(De, "2026-03"), "März 2026");
        assert_eq!(month(En, "2026-12"), "December 2026");
        assert_eq!(month(En, "2026-13"), "2026-13");
    }
}
