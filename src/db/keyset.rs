//! Keyset paging for every list: a page is "the next `limit` rows after this key" in a fixed
//! order that ends in the row's id, so a page costs the same on the last page as on the first
//! (no `OFFSET`), and walking the pages returns every row exactly once while rows are added or
//! removed elsewhere in the list.
//!
//! The cursor handed out is opaque: the list's name, the sort, and the last row's sort key and
//! id, as base64url JSON. A cursor of another list or another sort is refused, so a client
//! cannot mix them up. Counts never scan a table: [`Count`] stops at [`COUNT_CAP`].

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, InputLocation};

/// The page size when none is asked for.
pub const DEFAULT_LIMIT: i64 = 50;
/// The largest page size.
pub const MAX_LIMIT: i64 = 500;
/// Counts stop here: above it a list says "more than 1,000" (counting further costs a
/// view more than the page itself).
pub const COUNT_CAP: i64 = 1_000;

/// Where a page starts: after the row with this sort key and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct After {
    /// The sort key of the last row seen, as text (timestamps in [`key_of_time`]'s form).
    pub key: String,
    /// The id of the last row seen.
    pub id: String,
}

impl After {
    /// The key read back as a timestamp (for lists ordered by time).
    pub fn time(&self) -> Result<NaiveDateTime, AppError> {
        NaiveDateTime::parse_from_str(&self.key, "%Y-%m-%dT%H:%M:%S%.f").map_err(|_| bad_cursor())
    }

    /// The key read back as a number (for lists ordered by a count).
    pub fn number(&self) -> Result<i64, AppError> {
        self.key.parse().map_err(|_| bad_cursor())
    }
}

/// A timestamp as a cursor key: exact to the microsecond, so it compares back equal.
pub fn key_of_time(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6f").to_string()
}

#[derive(Serialize, Deserialize)]
struct Wire {
    l: String,
    s: String,
    k: String,
    i: String,
}

/// The refusal of a cursor that is not one this list handed out.
pub fn bad_cursor() -> AppError {
    AppError::Malformed {
        detail: "unknown cursor: pass the next_cursor of the previous page as it came".into(),
        at: Some(InputLocation::Query("cursor".into())),
    }
}

/// The cursor after a row of list `list` in sort `sort`.
pub fn encode(list: &str, sort: &str, after: &After) -> String {
    let wire = Wire {
        l: list.into(),
        s: sort.into(),
        k: after.key.clone(),
        i: after.id.clone(),
    };
    B64.encode(serde_json::to_vec(&wire).unwrap_or_default())
}

/// The position a cursor names; refused when it is not one of this list and sort.
pub fn decode(list: &str, sort: &str, cursor: Option<&str>) -> Result<Option<After>, AppError> {
    let Some(text) = cursor.filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    if text.len() > 1_000 {
        return Err(bad_cursor());
    }
    let bytes = B64.decode(text).map_err(|_| bad_cursor())?;
    let wire: Wire = serde_json::from_slice(&bytes).map_err(|_| bad_cursor())?;
    if wire.l != list || wire.s != sort || wire.i.is_empty() {
        return Err(bad_cursor());
    }
    Ok(Some(After {
        key: wire.k,
        id: wire.i,
    }))
}

/// A page size as asked for: [`DEFAULT_LIMIT`] when absent, refused outside 1 to [`MAX_LIMIT`].
pub fn limit(asked: Option<i64>) -> Result<i64, AppError> {
    match asked {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(_) => Err(AppError::Malformed {
            detail: format!("limit must be between 1 and {MAX_LIMIT}"),
            at: Some(InputLocation::Query("limit".into())),
        }),
    }
}

/// One page of a list, as the API answers it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Paged<T> {
    /// The rows of this page.
    pub items: Vec<T>,
    /// Pass it as `cursor` for the next page; none on the last page.
    pub next_cursor: Option<String>,
}

/// Cuts the `limit + 1` rows a query fetched down to a page; the extra row only tells that
/// another page follows, and the cursor points after the page's last row.
pub fn page<T>(
    list: &str,
    sort: &str,
    mut rows: Vec<T>,
    limit: i64,
    key: impl Fn(&T) -> After,
) -> Paged<T> {
    let limit = usize::try_from(limit).unwrap_or(0);
    let more = rows.len() > limit;
    rows.truncate(limit);
    let next_cursor = match (more, rows.last()) {
        (true, Some(last)) => Some(encode(list, sort, &key(last))),
        _ => None,
    };
    Paged {
        items: rows,
        next_cursor,
    }
}

impl<T> Paged<T> {
    /// The same page with its rows turned into another shape.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Paged<U> {
        Paged {
            items: self.items.into_iter().map(f).collect(),
            next_cursor: self.next_cursor,
        }
    }
}

/// A count that stops at [`COUNT_CAP`].
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Count {
    /// The rows counted, at most the cap.
    pub n: i64,
    /// Whether there are more than `n`.
    pub more: bool,
}

impl Count {
    /// From the number of ids a query fetched with `LIMIT COUNT_CAP + 1`.
    pub fn of_fetched(fetched: usize) -> Self {
        let n = i64::try_from(fetched).unwrap_or(i64::MAX);
        Self {
            n: n.min(COUNT_CAP),
            more: n > COUNT_CAP,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_only_in_its_own_list_and_sort() {
        let after = After {
            key: "Müller, Ann".into(),
            id: "7f3c".into(),
        };
        let c = encode("people", "name", &after);
        assert_eq!(decode("people", "name", Some(&c)).unwrap(), Some(after));
        assert!(decode("people", "email", Some(&c)).is_err());
        assert!(decode("cohorts", "name", Some(&c)).is_err());
        assert!(decode("people", "name", Some("not a cursor")).is_err());
        assert_eq!(decode("people", "name", Some("")).unwrap(), None);
    }

    #[test]
    fn a_time_key_compares_back_equal() {
        let t = chrono::NaiveDate::from_ymd_opt(2026, 12, 7)
            .unwrap()
            .and_hms_micro_opt(8, 1, 2, 345_678)
            .unwrap();
        let after = After {
            key: key_of_time(t),
            id: "x".into(),
        };
        assert_eq!(after.time().unwrap(), t);
    }

    #[test]
    fn a_page_points_after_its_last_row_only_when_more_follow() {
        let key = |n: &i32| After {
            key: n.to_string(),
            id: n.to_string(),
        };
        let p = page("l", "s", vec![1, 2, 3], 2, key);
        assert_eq!(p.items, vec![1, 2]);
        let after = decode("l", "s", p.next_cursor.as_deref()).unwrap().unwrap();
        assert_eq!(after.id, "2");
        assert_eq!(page("l", "s", vec![1, 2], 2, key).next_cursor, None);
    }

    #[test]
    fn limits_outside_the_range_are_refused() {
        assert_eq!(limit(None).unwrap(), DEFAULT_LIMIT);
        assert_eq!(limit(Some(500)).unwrap(), 500);
        assert!(limit(Some(0)).is_err());
        assert!(limit(Some(501)).is_err());
    }

    #[test]
    fn a_count_stops_at_the_cap() {
        assert_eq!(Count::of_fetched(3), Count { n: 3, more: false });
        let capped = Count::of_fetched(usize::try_from(COUNT_CAP).unwrap() + 1);
        assert_eq!(
            capped,
            Count {
                n: COUNT_CAP,
                more: true
            }
        );
    }
}
