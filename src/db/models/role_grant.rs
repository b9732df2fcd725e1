//! `role_grants`: roles given to a person (`owner`), scoped to a program or to all (`*`).
//! Co-trainer and trainee roles follow from the roster and enrollments.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::role_grants;
use crate::domain::ids::{PersonId, RoleGrantId};

/// A role grant.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = role_grants)]
pub struct RoleGrant {
    /// Id.
    pub id: RoleGrantId,
    /// Who holds it.
    pub person_id: PersonId,
    /// The role, e.g. `owner`.
    pub role: String,
    /// `*` or a program id.
    pub scope: String,
    /// Who granted it.
    pub granted_by: Option<PersonId>,
    /// When.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    pub created_at: NaiveDateTime,
}

impl RoleGrant {
    /// Whether the person holds `role` (in any scope).
    pub fn has_role(conn: &mut DbConnection, person: &PersonId, role: &str) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(
            role_grants::table
                .filter(role_grants::person_id.eq(person))
                .filter(role_grants::role.eq(role)),
        ))
        .get_result(conn)
    }

    /// Everyone holding `role`.
    pub fn people_with_role(conn: &mut DbConnection, role: &str) -> QueryResult<Vec<PersonId>> {
        role_grants::table
            .filter(role_grants::role.eq(role))
            .select(role_grants::person_id)
            .distinct()
            .load(conn)
    }

    /// The roles of these people.
    pub fn list_by_people(
        conn: &mut DbConnection,
        people: &[PersonId],
    ) -> QueryResult<Vec<RoleGrant>> {
        role_grants::table
            .filter(role_grants::person_id.eq_any(people))
            .select(RoleGrant::as_select())
            .load(conn)
    }

    /// Grants a role in all programs unless already held; returns whether it was new.
    pub fn grant(
        conn: &mut DbConnection,
        person: &PersonId,
        role: &str,
        by: Option<&PersonId>,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        if Self::has_role(conn, person, role)? {
            return Ok(false);
        }
        let row = RoleGrant {
            id: RoleGrantId::new(),
            person_id: person.clone(),
            role: role.to_string(),
            scope: "*".into(),
            granted_by: by.cloned(),
            created_at: now,
        };
        diesel::insert_into(role_grants::table)
            .values(&row)
            .execute(conn)?;
        Ok(true)
    }

    /// Removes a role; returns whether it was held.
    pub fn revoke(conn: &mut DbConnection, person: &PersonId, role: &str) -> QueryResult<bool> {
        let n = diesel::delete(
            role_grants::table
                .filter(role_grants::person_id.eq(person))
                .filter(role_grants::role.eq(role)),
        )
        .execute(conn)?;
        Ok(n > 0)
    }

    /// How many people hold `role`.
    pub fn count_role(conn: &mut DbConnection, role: &str) -> QueryResult<i64> {
        role_grants::table
            .filter(role_grants::role.eq(role))
            .count()
            .get_result(conn)
    }
}
