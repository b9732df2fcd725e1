//! `org_units`: the company's org units as a tree (each names its parent), as the HR
//! directory delivers them. People name their unit in `people.org_unit`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::org_units;

/// An org unit and its parent.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = org_units)]
pub struct OrgUnit {
    /// The unit's name (its key).
    pub name: String,
    /// The unit above it; `None` at the top.
    pub parent: Option<String>,
    /// Last changed.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    pub updated_at: NaiveDateTime,
}

impl OrgUnit {
    /// Every unit (a company has thousands, not millions).
    pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<OrgUnit>> {
        org_units::table
            .order(org_units::name.asc())
            .select(OrgUnit::as_select())
            .load(conn)
    }

    /// A unit by name.
    pub fn find(conn: &mut DbConnection, name: &str) -> QueryResult<Option<OrgUnit>> {
        org_units::table
            .find(name)
            .select(OrgUnit::as_select())
            .first(conn)
            .optional()
    }

    /// Inserts the unit, or sets its parent when it exists.
    pub fn save(conn: &mut DbConnection, unit: &OrgUnit) -> QueryResult<()> {
        let changed = diesel::update(org_units::table.find(&unit.name))
            .set((
                org_units::parent.eq(&unit.parent),
                org_units::updated_at.eq(unit.updated_at),
            ))
            .execute(conn)?;
        if changed == 0 {
            diesel::insert_into(org_units::table)
                .values(unit)
                .execute(conn)?;
        }
        Ok(())
    }
}
