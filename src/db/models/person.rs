//! `people`: everyone with an account (trainees, co-trainers, owners).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::people;
use crate::domain::ids::PersonId;
use crate::domain::states::PersonStatus;

diesel::define_sql_function! {
    /// SQL `lower()`, the same on both backends.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// A person.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable)]
#[diesel(table_name = people)]
pub struct Person {
    /// Id.
    pub id: PersonId,
    /// Email as entered.
    pub email: String,
    /// Email in lower case (unique).
    pub email_normalized: String,
    /// Display name.
    pub name: String,
    /// `de` or `en`.
    pub language: String,
    /// IANA time zone.
    pub time_zone: String,
    /// Org unit (for conflict-of-interest rules and reports).
    pub org_unit: Option<String>,
    /// The manager's email.
    pub manager_email: Option<String>,
    /// Argon2id PHC string, when a password is set.
    pub password_hash: Option<String>,
    /// Whether the person may sign in.
    pub status: PersonStatus,
    /// Optimistic lock.
    pub lock_version: i32,
    /// Created.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    pub created_at: NaiveDateTime,
    /// Last changed.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    pub updated_at: NaiveDateTime,
    /// Last successful sign-in.
    #[diesel(deserialize_as = crate::db::timestamp::TsOpt)]
    pub last_sign_in_at: Option<NaiveDateTime>,
    /// The HR directory's key for the person (unique), when the directory knows them.
    pub employee_id: Option<String>,
    /// The manager's employee id, as the HR directory names them.
    pub manager_employee_id: Option<String>,
    /// The SCIM provider's object id (`externalId`).
    pub scim_external_id: Option<String>,
    /// When SCIM deleted the person (kept, suspended, no longer listed to SCIM).
    #[diesel(deserialize_as = crate::db::timestamp::TsOpt)]
    pub scim_deleted_at: Option<NaiveDateTime>,
}

/// New people are inserted whole.
pub type NewPerson = Person;

/// Editable profile fields.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = people)]
pub struct PersonChangeset {
    /// Display name.
    pub name: String,
    /// Language.
    pub language: String,
    /// Time zone.
    pub time_zone: String,
    /// Org unit.
    pub org_unit: Option<String>,
    /// Manager's email.
    pub manager_email: Option<String>,
    /// Now.
    pub updated_at: NaiveDateTime,
}

impl Person {
    /// A new account that may sign in, created at `now`: no password yet, no org unit or
    /// manager, Berlin time. The email is kept as entered (trimmed) and in lower case.
    pub fn new_active(email: &str, name: &str, language: &str, now: NaiveDateTime) -> Person {
        let email = email.trim();
        Person {
            id: PersonId::new(),
            email: email.to_string(),
            email_normalized: email.to_lowercase(),
            name: name.to_string(),
            language: language.to_string(),
            time_zone: "Europe/Berlin".into(),
            org_unit: None,
            manager_email: None,
            password_hash: None,
            status: PersonStatus::Active,
            lock_version: 1,
            created_at: now,
            updated_at: now,
            last_sign_in_at: None,
            employee_id: None,
            manager_employee_id: None,
            scim_external_id: None,
            scim_deleted_at: None,
        }
    }

    /// The person's time zone (Europe/Berlin when the stored name is unknown).
    pub fn tz(&self) -> chrono_tz::Tz {
        self.time_zone.parse().unwrap_or(chrono_tz::Europe::Berlin)
    }

    /// These people.
    pub fn list_by_ids(conn: &mut DbConnection, ids: &[PersonId]) -> QueryResult<Vec<Person>> {
        people::table
            .filter(people::id.eq_any(ids))
            .select(Person::as_select())
            .load(conn)
    }

    /// Whether the account may sign in.
    pub fn is_active(&self) -> bool {
        self.status == PersonStatus::Active
    }

    /// A person by id.
    pub fn find(conn: &mut DbConnection, id: &PersonId) -> QueryResult<Option<Person>> {
        people::table
            .find(id)
            .select(Person::as_select())
            .first(conn)
            .optional()
    }

    /// A person by email (any case).
    pub fn find_by_email(conn: &mut DbConnection, email: &str) -> QueryResult<Option<Person>> {
        people::table
            .filter(people::email_normalized.eq(email.trim().to_lowercase()))
            .select(Person::as_select())
            .first(conn)
            .optional()
    }

    /// People whose name or email contains `search`, by name.
    pub fn list(
        conn: &mut DbConnection,
        search: &str,
        limit: i64,
        offset: i64,
    ) -> QueryResult<Vec<Person>> {
        let pattern = format!("%{}%", search.to_lowercase().replace(['%', '_'], ""));
        people::table
            .filter(
                lower(people::name)
                    .like(pattern.clone())
                    .or(people::email_normalized.like(pattern)),
            )
            .order((people::name.asc(), people::id.asc()))
            .limit(limit)
            .offset(offset)
            .select(Person::as_select())
            .load(conn)
    }

    /// How many people match `search`.
    pub fn count(conn: &mut DbConnection, search: &str) -> QueryResult<i64> {
        let pattern = format!("%{}%", search.to_lowercase().replace(['%', '_'], ""));
        people::table
            .filter(
                lower(people::name)
                    .like(pattern.clone())
                    .or(people::email_normalized.like(pattern)),
            )
            .count()
            .get_result(conn)
    }

    /// Inserts a person.
    pub fn create(conn: &mut DbConnection, new: &NewPerson) -> QueryResult<()> {
        diesel::insert_into(people::table)
            .values(new)
            .execute(conn)
            .map(|_| ())
    }

    /// Updates profile fields if nobody changed the person since `lock_version`; returns
    /// whether the update happened.
    pub fn update(
        conn: &mut DbConnection,
        id: &PersonId,
        lock_version: i32,
        changes: &PersonChangeset,
    ) -> QueryResult<bool> {
        let n = diesel::update(
            people::table
                .filter(people::id.eq(id))
                .filter(people::lock_version.eq(lock_version)),
        )
        .set((changes, people::lock_version.eq(lock_version + 1)))
        .execute(conn)?;
        Ok(n == 1)
    }

    /// Sets the status.
    pub fn set_status(
        conn: &mut DbConnection,
        id: &PersonId,
        status: PersonStatus,
        now: NaiveDateTime,
    ) -> QueryResult<()> {
        diesel::update(people::table.find(id))
            .set((
                people::status.eq(status),
                people::updated_at.eq(now),
                people::lock_version.eq(people::lock_version + 1),
            ))
            .execute(conn)
            .map(|_| ())
    }

    /// Stores a new password hash.
    pub fn set_password_hash(
        conn: &mut DbConnection,
        id: &PersonId,
        hash: &str,
        now: NaiveDateTime,
    ) -> QueryResult<()> {
        diesel::update(people::table.find(id))
            .set((people::password_hash.eq(hash), people::updated_at.eq(now)))
            .execute(conn)
            .map(|_| ())
    }

    /// Records a successful sign-in.
    pub fn touch_sign_in(
        conn: &mut DbConnection,
        id: &PersonId,
        now: NaiveDateTime,
    ) -> QueryResult<()> {
        diesel::update(people::table.find(id))
            .set(people::last_sign_in_at.eq(now))
            .execute(conn)
            .map(|_| ())
    }

    /// Changes the email (as given and in lower case), e.g. when the identity provider sends a
    /// new one for the same person.
    pub fn set_email(
        conn: &mut DbConnection,
        id: &PersonId,
        email: &str,
        now: NaiveDateTime,
    ) -> QueryResult<()> {
        diesel::update(people::table.find(id))
            .set((
                people::email.eq(email),
                people::email_normalized.eq(email.to_lowercase()),
                people::updated_at.eq(now),
                people::lock_version.eq(people::lock_version + 1),
            ))
            .execute(conn)
            .map(|_| ())
    }

    /// Sets the org unit.
    pub fn set_org_unit(
        conn: &mut DbConnection,
        id: &PersonId,
        org_unit: &str,
        now: NaiveDateTime,
    ) -> QueryResult<()> {
        diesel::update(people::table.find(id))
            .set((
                people::org_unit.eq(org_unit),
                people::updated_at.eq(now),
                people::lock_version.eq(people::lock_version + 1),
            ))
            .execute(conn)
            .map(|_| ())
    }
}
