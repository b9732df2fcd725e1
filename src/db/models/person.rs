//! `people`: everyone with an account (trainees, co-trainers, owners).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::search::Matches;

use crate::db::DbConnection;
use crate::db::schema::people;
use crate::domain::ids::PersonId;
use crate::domain::states::PersonStatus;

use crate::db::sql::lower;

/// Which people a list shows (every part optional).
#[derive(Debug, Clone, Copy, Default)]
pub struct PeopleFilter<'a> {
    /// Text in the name or email.
    pub search: Option<&'a str>,
    /// In this state.
    pub status: Option<PersonStatus>,
    /// In this org unit.
    pub org_unit: Option<&'a str>,
}

/// The orders of the people list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeopleSort {
    /// By name, A to Z.
    Name,
    /// By email, A to Z.
    Email,
    /// Newest accounts first.
    Newest,
}

impl PeopleSort {
    /// The sort's name in URLs and cursors.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Email => "email",
            Self::Newest => "newest",
        }
    }
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

    /// The people passing the filter (no order yet).
    fn filtered<'a>(
        conn: &mut DbConnection,
        filter: &PeopleFilter<'a>,
    ) -> QueryResult<people::BoxedQuery<'a, crate::db::DbBackend>> {
        let mut q = people::table.into_boxed();
        if let Some(text) = filter.search.filter(|t| !t.trim().is_empty()) {
            q = match crate::db::search::indexed(conn, "people", "people_search", text)? {
                Matches::Rare(found) | Matches::Common(found) => q.filter(found),
                Matches::Unindexed => {
                    let pattern = crate::db::sql::contains(text);
                    q.filter(
                        lower(people::name)
                            .like(pattern.clone())
                            .or(people::email_normalized.like(pattern)),
                    )
                }
            };
        }
        if let Some(status) = filter.status {
            q = q.filter(people::status.eq(status));
        }
        if let Some(unit) = filter.org_unit {
            q = q.filter(people::org_unit.eq(unit.to_string()));
        }
        Ok(q)
    }

    /// A page of people passing the filter in the sort's order (name and email A to Z,
    /// newest first), at most `limit`, after the person with key `after` (the sort key as
    /// text, and the id).
    pub fn page(
        conn: &mut DbConnection,
        filter: &PeopleFilter<'_>,
        sort: PeopleSort,
        after: Option<(String, PersonId)>,
        limit: i64,
    ) -> QueryResult<Vec<Person>> {
        let q = Self::filtered(conn, filter)?.limit(limit);
        let q = match (sort, after) {
            (PeopleSort::Name, None) => q.order((people::name.asc(), people::id.asc())),
            (PeopleSort::Name, Some((k, id))) => q
                .filter(
                    people::name
                        .gt(k.clone())
                        .or(people::name.eq(k).and(people::id.gt(id))),
                )
                .order((people::name.asc(), people::id.asc())),
            (PeopleSort::Email, None) => {
                q.order((people::email_normalized.asc(), people::id.asc()))
            }
            (PeopleSort::Email, Some((k, id))) => q
                .filter(
                    people::email_normalized
                        .gt(k.clone())
                        .or(people::email_normalized.eq(k).and(people::id.gt(id))),
                )
                .order((people::email_normalized.asc(), people::id.asc())),
            (PeopleSort::Newest, None) => q.order((people::created_at.desc(), people::id.desc())),
            (PeopleSort::Newest, Some((k, id))) => {
                let at = chrono::NaiveDateTime::parse_from_str(&k, "%Y-%m-%dT%H:%M:%S%.f")
                    .map_err(|e| diesel::result::Error::DeserializationError(e.into()))?;
                q.filter(
                    people::created_at
                        .lt(at)
                        .or(people::created_at.eq(at).and(people::id.lt(id))),
                )
                .order((people::created_at.desc(), people::id.desc()))
            }
        };
        q.select(Person::as_select()).load(conn)
    }

    /// How many people pass the filter, counted up to the cap.
    pub fn count_capped(
        conn: &mut DbConnection,
        filter: &PeopleFilter<'_>,
    ) -> QueryResult<crate::db::keyset::Count> {
        let common = match filter.search {
            Some(text) if filter.status.is_none() && filter.org_unit.is_none() => matches!(
                crate::db::search::indexed::<people::table>(conn, "people", "people_search", text)?,
                Matches::Common(_)
            ),
            _ => false,
        };
        if common {
            // The index counted past the cap already: no need to walk the table for it.
            return Ok(crate::db::keyset::Count::of_fetched(
                crate::db::keyset::COUNT_CAP as usize + 1,
            ));
        }
        let ids: Vec<PersonId> = Self::filtered(conn, filter)?
            .select(people::id)
            .limit(crate::db::keyset::COUNT_CAP + 1)
            .load(conn)?;
        Ok(crate::db::keyset::Count::of_fetched(ids.len()))
    }

    /// Whether there is anybody at all.
    pub fn any(conn: &mut DbConnection) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(people::table.select(people::id))).get_result(conn)
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
