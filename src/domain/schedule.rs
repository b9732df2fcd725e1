//! Deadlines from offsets: a module opens at the start of its day and is due at the end of its
//! day, both in the cohort's time zone, stored in UTC. Daylight-saving changes are handled by
//! the time zone database, not by adding hours.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

/// The UTC moment of a local wall-clock time; in a DST gap the next valid moment, in a DST
/// overlap the earlier (for starts) or later (for ends) of the two.
pub fn local_to_utc(tz: Tz, local: NaiveDateTime, prefer_later: bool) -> NaiveDateTime {
    let mut probe = local;
    for _ in 0..4 {
        match tz.from_local_datetime(&probe) {
            chrono::LocalResult::Single(t) => return t.naive_utc(),
            chrono::LocalResult::Ambiguous(a, b) => {
                return if prefer_later {
                    b.naive_utc()
                } else {
                    a.naive_utc()
                };
            }
            chrono::LocalResult::None => probe += chrono::Duration::minutes(30),
        }
    }
    tz.from_utc_datetime(&local).naive_utc()
}

/// 00:00 local on `date`.
pub fn start_of_day(tz: Tz, date: NaiveDate) -> NaiveDateTime {
    local_to_utc(tz, date.and_time(NaiveTime::MIN), false)
}

/// 23:59:59 local on `date`.
pub fn end_of_day(tz: Tz, date: NaiveDate) -> NaiveDateTime {
    local_to_utc(tz, date.and_hms_opt(23, 59, 59).expect("valid time"), true)
}

/// When a module opens and when it is due, for a cohort starting on `start`.
pub fn module_moments(
    tz: Tz,
    start: NaiveDate,
    unlock_days: i32,
    due_days: i32,
) -> (NaiveDateTime, NaiveDateTime) {
    let day = |offset: i32| {
        start
            .checked_add_days(Days::new(offset.max(0) as u64))
            .unwrap_or(start)
    };
    (
        start_of_day(tz, day(unlock_days)),
        end_of_day(tz, day(due_days)),
    )
}

/// A UTC moment as local date and time text (`YYYY-MM-DD`, `HH:MM`) in `tz`.
pub fn to_local(tz: Tz, utc: NaiveDateTime) -> NaiveDateTime {
    tz.from_utc_datetime(&utc).naive_local()
}

/// A wall-clock time to the minute, as pages and mails show deadlines: "2026-03-29 23:59".
/// Written out by hand: `format("%Y-%m-%d %H:%M")` parses its pattern again on every call,
/// and a dashboard shows dozens of these.
pub fn minutes_text(t: NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    let year = t.year();
    if !(0..=9999).contains(&year) {
        return t.format("%Y-%m-%d %H:%M").to_string();
    }
    let mut text = *b"0000-00-00 00:00";
    let mut put = |at: usize, digits: usize, mut n: u32| {
        for i in (at..at + digits).rev() {
            text[i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    put(0, 4, year as u32);
    put(5, 2, t.month());
    put(8, 2, t.day());
    put(11, 2, t.hour());
    put(14, 2, t.minute());
    // ASCII digits and separators only.
    String::from_utf8_lossy(&text).into_owned()
}

/// A UTC moment in `tz`, to the minute ([`minutes_text`]).
pub fn local_text(tz: Tz, utc: NaiveDateTime) -> String {
    minutes_text(to_local(tz, utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn minute_text_matches_the_strftime_pattern_it_replaces() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        // Each side of both 2026 changes in Berlin (01:00 UTC on 29 March and 25 October).
        for (y, mo, d, h, mi) in [
            (2026, 3, 29, 0, 59),
            (2026, 3, 29, 1, 0),
            (2026, 10, 25, 0, 30),
            (2026, 10, 25, 1, 30),
            (987, 1, 2, 3, 4),
            (12026, 11, 28, 9, 5),
            (-44, 3, 15, 12, 0),
        ] {
            let utc = NaiveDate::from_ymd_opt(y, mo, d)
                .unwrap()
                .and_hms_opt(h, mi, 59)
                .unwrap();
            let local = to_local(tz, utc);
            assert_eq!(
                local_text(tz, utc),
                local.format("%Y-%m-%d %H:%M").to_string()
            );
        }
        let berlin = |h, mi| local_text(tz, date("2026-03-29").and_hms_opt(h, mi, 0).unwrap());
        assert_eq!(berlin(0, 59), "2026-03-29 01:59", "winter time, UTC+1");
        assert_eq!(berlin(1, 0), "2026-03-29 03:00", "summer time, UTC+2");
        let t = date("2026-12-31").and_hms_opt(23, 59, 59).unwrap();
        assert_eq!(minutes_text(t), "2026-12-31 23:59");
    }

    #[test]
    fn due_is_local_end_of_day_in_utc() {
        let (open, due) = module_moments(chrono_tz::Europe::Berlin, date("2026-03-02"), 0, 14);
        assert_eq!(open.to_string(), "2026-03-01 23:00:00"); // CET = UTC+1
        // 16 March, still winter time.
        assert_eq!(due.to_string(), "2026-03-16 22:59:59");
    }

    #[test]
    fn daylight_saving_changes_the_utc_hour_not_the_local_one() {
        // Berlin switches to summer time on 29 March 2026.
        let (_, due) = module_moments(chrono_tz::Europe::Berlin, date("2026-03-16"), 0, 14);
        assert_eq!(due.to_string(), "2026-03-30 21:59:59"); // CEST = UTC+2
        assert_eq!(
            to_local(chrono_tz::Europe::Berlin, due).to_string(),
            "2026-03-30 23:59:59"
        );
    }

    #[test]
    fn gaps_and_overlaps_resolve_to_valid_moments() {
        let berlin = chrono_tz::Europe::Berlin;
        let gap = local_to_utc(berlin, "2026-03-29T02:30:00".parse().unwrap(), false);
        assert_eq!(gap.to_string(), "2026-03-29 01:00:00"); // 03:00 CEST
        let overlap_early = local_to_utc(berlin, "2026-10-25T02:30:00".parse().unwrap(), false);
        let overlap_late = local_to_utc(berlin, "2026-10-25T02:30:00".parse().unwrap(), true);
        assert_eq!(overlap_late - overlap_early, chrono::Duration::hours(1));
    }
}
