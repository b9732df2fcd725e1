//! `cotrainer_unavailability`: periods (inclusive dates) a co-trainer takes no reviews.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::schema::cotrainer_unavailability as periods;
use crate::db::{DbConnection, per_backend};
use crate::domain::ids::{CotrainerId, UnavailabilityId};

/// One period.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = periods)]
pub struct Unavailability {
    /// Id.
    pub id: UnavailabilityId,
    /// The pool entry.
    pub cotrainer_id: CotrainerId,
    /// First day (`YYYY-MM-DD`).
    pub starts_on: String,
    /// Last day (`YYYY-MM-DD`).
    pub ends_on: String,
}

impl Unavailability {
    /// The period as dates (`None` when a stored value is not a date).
    pub fn dates(&self) -> Option<(NaiveDate, NaiveDate)> {
        Some((self.starts_on.parse().ok()?, self.ends_on.parse().ok()?))
    }

    /// The periods of these pool entries.
    pub fn list_for(
        conn: &mut DbConnection,
        ids: &[CotrainerId],
    ) -> QueryResult<Vec<Unavailability>> {
        periods::table
            .filter(periods::cotrainer_id.eq_any(ids))
            .order(periods::starts_on.asc())
            .select(Unavailability::as_select())
            .load(conn)
    }

    /// Replaces the periods of one pool entry.
    pub fn replace(
        conn: &mut DbConnection,
        cotrainer: &CotrainerId,
        dates: &[(NaiveDate, NaiveDate)],
    ) -> QueryResult<()> {
        diesel::delete(periods::table.filter(periods::cotrainer_id.eq(cotrainer))).execute(conn)?;
        let rows: Vec<Unavailability> = dates
            .iter()
            .map(|(from, to)| Unavailability {
                id: UnavailabilityId::new(),
                cotrainer_id: cotrainer.clone(),
                starts_on: from.to_string(),
                ends_on: to.to_string(),
            })
            .collect();
        if rows.is_empty() {
            return Ok(());
        }
        per_backend!(conn, c => diesel::insert_into(periods::table).values(&rows).execute(c))
            .map(|_| ())
    }
}
