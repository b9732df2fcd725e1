//! Timestamps read without a format string. SQLite keeps them as text, and diesel parses each
//! one by trying strftime patterns with chrono (about 1,900 instructions a value; a trainee's
//! dashboard reads some thirty). Every timestamp qualify writes has the one shape diesel writes
//! (`YYYY-MM-DD HH:MM:SS` with an optional fraction), which is read here by hand; anything else
//! goes to diesel's own parser, so nothing it accepts is refused. PostgreSQL sends binary values
//! and uses diesel's reader unchanged.
//!
//! Use on a model field: `#[diesel(deserialize_as = Ts)]` (or `TsOpt` for a nullable column).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use diesel::deserialize::{self, FromSql};
use diesel::pg::{Pg, PgValue};
use diesel::sql_types::{Nullable, Timestamp};
use diesel::sqlite::{Sqlite, SqliteValue};

use super::multi_connection_impl::{MultiBackend, MultiRawValue};

/// A `Timestamp` column read into a `NaiveDateTime`.
#[derive(Debug, Clone, Copy, diesel::deserialize::FromSqlRow)]
pub struct Ts(pub NaiveDateTime);

/// A nullable `Timestamp` column read into an `Option<NaiveDateTime>`.
#[derive(Debug, Clone, Copy, diesel::deserialize::FromSqlRow)]
pub struct TsOpt(pub Option<NaiveDateTime>);

impl From<Ts> for NaiveDateTime {
    fn from(t: Ts) -> Self {
        t.0
    }
}

impl From<TsOpt> for Option<NaiveDateTime> {
    fn from(t: TsOpt) -> Self {
        t.0
    }
}

/// `YYYY-MM-DD HH:MM:SS` with an optional `.` and 1–9 fraction digits; `None` for any other
/// shape or an impossible date or time.
pub fn parse(text: &str) -> Option<NaiveDateTime> {
    let b = text.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || b[10] != b' ' {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        b[from..to].iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let nanos = match &b[19..] {
        [] => 0,
        [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
            let n = num(20, b.len())?;
            n * 10u32.pow(9 - digits.len() as u32)
        }
        _ => return None,
    };
    let date = NaiveDate::from_ymd_opt(num(0, 4)? as i32, num(5, 7)?, num(8, 10)?)?;
    let time = NaiveTime::from_hms_nano_opt(num(11, 13)?, num(14, 16)?, num(17, 19)?, nanos)?;
    Some(date.and_time(time))
}

impl FromSql<Timestamp, Sqlite> for Ts {
    fn from_sql(mut value: SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
        if let Some(t) = parse(value.read_text()) {
            return Ok(Ts(t));
        }
        <NaiveDateTime as FromSql<Timestamp, Sqlite>>::from_sql(value).map(Ts)
    }
}

impl FromSql<Timestamp, Pg> for Ts {
    fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
        <NaiveDateTime as FromSql<Timestamp, Pg>>::from_sql(value).map(Ts)
    }
}

impl FromSql<Timestamp, MultiBackend> for Ts {
    fn from_sql(value: MultiRawValue<'_>) -> deserialize::Result<Self> {
        value.from_sql::<Self, Timestamp>()
    }
}

impl<DB> FromSql<Nullable<Timestamp>, DB> for TsOpt
where
    DB: diesel::backend::Backend,
    Ts: FromSql<Timestamp, DB>,
{
    fn from_sql(value: DB::RawValue<'_>) -> deserialize::Result<Self> {
        Ts::from_sql(value).map(|t| TsOpt(Some(t.0)))
    }

    fn from_nullable_sql(value: Option<DB::RawValue<'_>>) -> deserialize::Result<Self> {
        match value {
            Some(v) => Self::from_sql(v),
            None => Ok(TsOpt(None)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn the_written_shape_is_read_as_chrono_reads_it() {
        for text in [
            "2026-03-29 00:59:59",
            "2026-10-25 23:59:00.5",
            "2026-02-28 12:00:00.123456",
            "2024-02-29 07:08:09.000000001",
            "0999-01-01 00:00:00",
        ] {
            let chrono = chrono::NaiveDateTime::parse_from_str(text, "%F %T%.f").unwrap();
            assert_eq!(parse(text), Some(chrono), "{text}");
        }
    }

    #[test]
    fn other_shapes_and_impossible_values_are_left_to_diesel() {
        for text in [
            "2026-03-29T00:59:59",
            "2026-03-29 00:59",
            "2026-03-29 00:59:59Z",
            "2026-03-29 00:59:59+01:00",
            "2026-03-29 00:59:59.",
            "2026-03-29 00:59:59.1234567890",
            "2026-02-30 10:00:00",
            "2026-13-01 10:00:00",
            "2026-01-01 24:00:00",
            "2026-01-0a 10:00:00",
            "2461078.5",
            "",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }
}
