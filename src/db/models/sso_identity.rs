//! `sso_identities`: who a person is at the identity provider (issuer + subject).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::sso_identities;
use crate::domain::ids::PersonId;

/// One identity at one provider, and the person it signs in.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sso_identities)]
pub struct SsoIdentity {
    /// The provider's issuer URL.
    pub issuer: String,
    /// The provider's stable id of the person (`sub`).
    pub subject: String,
    /// The person.
    pub person_id: PersonId,
    /// The email the provider sent last.
    pub email: String,
    /// First sign-in.
    pub created_at: NaiveDateTime,
    /// Latest sign-in.
    pub last_sign_in_at: NaiveDateTime,
}

impl SsoIdentity {
    /// Inserts an identity.
    pub fn create(conn: &mut DbConnection, new: &SsoIdentity) -> QueryResult<()> {
        diesel::insert_into(sso_identities::table)
            .values(new)
            .execute(conn)
            .map(|_| ())
    }

    /// The identity with this issuer and subject.
    pub fn find(
        conn: &mut DbConnection,
        issuer: &str,
        subject: &str,
    ) -> QueryResult<Option<SsoIdentity>> {
        sso_identities::table
            .find((issuer, subject))
            .select(SsoIdentity::as_select())
            .first(conn)
            .optional()
    }

    /// Whether the person has any identity at a provider.
    pub fn exists_for_person(conn: &mut DbConnection, person: &PersonId) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(
            sso_identities::table.filter(sso_identities::person_id.eq(person)),
        ))
        .get_result(conn)
    }

    /// Notes a sign-in and the email the provider sent with it.
    pub fn touch(
        conn: &mut DbConnection,
        issuer: &str,
        subject: &str,
        email: &str,
        now: NaiveDateTime,
    ) -> QueryResult<()> {
        diesel::update(sso_identities::table.find((issuer, subject)))
            .set((
                sso_identities::email.eq(email),
                sso_identities::last_sign_in_at.eq(now),
            ))
            .execute(conn)
            .map(|_| ())
    }
}
