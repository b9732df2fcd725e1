//! The one way a moment leaves the service: RFC 3339 in UTC with the `Z` offset
//! (`2026-12-06T20:11:11.997056Z`). Moments are stored as UTC `NaiveDateTime`; every JSON
//! field, export cell and view string that carries a time of day is written by [`rfc3339`]
//! (directly, or through the serde helpers [`serialize`] and [`serialize_option`]), so no
//! timestamp without a zone reaches a client. Dates without a time stay `YYYY-MM-DD`.

use chrono::{NaiveDateTime, SecondsFormat};

/// A stored UTC moment as RFC 3339 with `Z`; fractions of a second only where there are any.
pub fn rfc3339(at: &NaiveDateTime) -> String {
    at.and_utc().to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// `#[serde(serialize_with = "crate::domain::timestamp::serialize")]` for a UTC moment.
pub fn serialize<S: serde::Serializer>(at: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&rfc3339(at))
}

/// `#[serde(serialize_with = "crate::domain::timestamp::serialize_option")]` for a moment
/// that may be missing (`null`).
pub fn serialize_option<S: serde::Serializer>(
    at: &Option<NaiveDateTime>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => s.serialize_str(&rfc3339(at)),
        None => s.serialize_none(),
    }
}

/// `#[serde(deserialize_with = "crate::domain::timestamp::deserialize")]`: the RFC 3339
/// text [`serialize`] writes, back as a UTC moment.
pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
    let text = <String as serde::Deserialize>::deserialize(d)?;
    chrono::DateTime::parse_from_rfc3339(&text)
        .map(|t| t.naive_utc())
        .map_err(serde::de::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_carry_the_utc_offset() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 6)
            .unwrap()
            .and_hms_micro_opt(20, 11, 11, 997_056)
            .unwrap();
        assert_eq!(rfc3339(&at), "2026-12-06T20:11:11.997056Z");
        let whole = at.date().and_hms_opt(8, 0, 0).unwrap();
        assert_eq!(rfc3339(&whole), "2026-12-06T08:00:00Z");
        let json = serde_json::to_value(Probe { at: Some(whole) }).unwrap();
        assert_eq!(json["at"], "2026-12-06T08:00:00Z");
        let back = deserialize(serde_json::Value::from(rfc3339(&at))).unwrap();
        assert_eq!(back, at);
    }

    #[derive(serde::Serialize)]
    struct Probe {
        #[serde(serialize_with = "crate::domain::timestamp::serialize_option")]
        at: Option<NaiveDateTime>,
    }
}
