//! `people` as the HR directory and SCIM see them: lookups by employee id, email and SCIM
//! `externalId`, batched reads and writes for a directory sync, and the reporting line.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::Person;
use crate::db::DbConnection;
use crate::db::schema::people;
use crate::domain::ids::PersonId;
use crate::domain::states::PersonStatus;

/// How far up a reporting line is followed (a guard against cycles in hand-entered data).
const LINE_DEPTH: usize = 64;

impl Person {
    /// Gives a person their employee id (from single sign-on).
    pub fn set_employee_id(
        conn: &mut DbConnection,
        id: &PersonId,
        employee_id: &str,
        now: NaiveDateTime,
    ) -> QueryResult<()> {
        diesel::update(people::table.find(id))
            .set((
                people::employee_id.eq(employee_id),
                people::updated_at.eq(now),
                people::lock_version.eq(people::lock_version + 1),
            ))
            .execute(conn)
            .map(|_| ())
    }

    /// A person by employee id.
    pub fn find_by_employee_id(conn: &mut DbConnection, id: &str) -> QueryResult<Option<Person>> {
        people::table
            .filter(people::employee_id.eq(id))
            .select(Person::as_select())
            .first(conn)
            .optional()
    }

    /// A person by the SCIM provider's object id.
    pub fn find_by_external_id(conn: &mut DbConnection, id: &str) -> QueryResult<Option<Person>> {
        people::table
            .filter(people::scim_external_id.eq(id))
            .select(Person::as_select())
            .first(conn)
            .optional()
    }

    /// The people with these employee ids.
    pub fn list_by_employee_ids(
        conn: &mut DbConnection,
        ids: &[String],
    ) -> QueryResult<Vec<Person>> {
        people::table
            .filter(people::employee_id.eq_any(ids))
            .select(Person::as_select())
            .load(conn)
    }

    /// The people with these emails (given in lower case).
    pub fn list_by_emails(conn: &mut DbConnection, emails: &[String]) -> QueryResult<Vec<Person>> {
        people::table
            .filter(people::email_normalized.eq_any(emails))
            .select(Person::as_select())
            .load(conn)
    }

    /// (employee id, manager's employee id) of the known people among `ids`.
    pub fn manager_links(
        conn: &mut DbConnection,
        ids: &[String],
    ) -> QueryResult<Vec<(Option<String>, Option<String>)>> {
        people::table
            .filter(people::employee_id.eq_any(ids))
            .select((people::employee_id, people::manager_employee_id))
            .load(conn)
    }

    /// People who may sign in.
    pub fn count_active(conn: &mut DbConnection) -> QueryResult<i64> {
        people::table
            .filter(people::status.eq(PersonStatus::Active))
            .count()
            .get_result(conn)
    }

    /// One page of the people with an employee id who are not suspended, by employee id,
    /// after `after`: (id, employee id, status).
    pub fn list_directory_page(
        conn: &mut DbConnection,
        after: &str,
        limit: i64,
    ) -> QueryResult<Vec<(PersonId, Option<String>, PersonStatus)>> {
        people::table
            .filter(people::employee_id.gt(after))
            .filter(people::status.ne(PersonStatus::Suspended))
            .order(people::employee_id.asc())
            .limit(limit)
            .select((people::id, people::employee_id, people::status))
            .load(conn)
    }

    /// Inserts many people, one statement each (the multi-backend connection has no batch
    /// insert; inside one transaction each is a prepared statement executed again).
    pub fn create_many(conn: &mut DbConnection, new: &[Person]) -> QueryResult<()> {
        for person in new {
            Person::create(conn, person)?;
        }
        Ok(())
    }

    /// Writes the fields the directory owns (email, name, language, org unit, manager,
    /// employee id, SCIM's external id and deletion, status) as they are on `p`.
    pub fn save_directory_fields(
        conn: &mut DbConnection,
        p: &Person,
        now: NaiveDateTime,
    ) -> QueryResult<()> {
        diesel::update(people::table.find(&p.id))
            .set((
                people::email.eq(&p.email),
                people::email_normalized.eq(&p.email_normalized),
                people::name.eq(&p.name),
                people::language.eq(&p.language),
                people::org_unit.eq(&p.org_unit),
                people::manager_employee_id.eq(&p.manager_employee_id),
                people::manager_email.eq(&p.manager_email),
                people::employee_id.eq(&p.employee_id),
                people::scim_external_id.eq(&p.scim_external_id),
                people::scim_deleted_at.eq(p.scim_deleted_at),
                people::status.eq(p.status),
                people::updated_at.eq(now),
                people::lock_version.eq(people::lock_version + 1),
            ))
            .execute(conn)
            .map(|_| ())
    }

    /// Everyone above the person: the manager, that manager's manager, and so on. Managers
    /// are found by employee id (as the directory links them) or else by email (as entered
    /// by hand); a cycle or a missing manager ends the line.
    pub fn reporting_line(conn: &mut DbConnection, person: &Person) -> QueryResult<Vec<PersonId>> {
        let mut line: Vec<PersonId> = Vec::new();
        let mut current = person.clone();
        for _ in 0..LINE_DEPTH {
            let next = match (&current.manager_employee_id, &current.manager_email) {
                (Some(id), _) => Person::find_by_employee_id(conn, id)?,
                (None, Some(email)) => Person::find_by_email(conn, email)?,
                (None, None) => None,
            };
            match next {
                Some(m) if m.id != person.id && !line.contains(&m.id) => {
                    line.push(m.id.clone());
                    current = m;
                }
                _ => break,
            }
        }
        Ok(line)
    }
}

impl Person {
    /// One page of the people SCIM sees (not deleted through SCIM), oldest first.
    pub fn list_scim(conn: &mut DbConnection, offset: i64, limit: i64) -> QueryResult<Vec<Person>> {
        people::table
            .filter(people::scim_deleted_at.is_null())
            .order((people::created_at.asc(), people::id.asc()))
            .offset(offset)
            .limit(limit)
            .select(Person::as_select())
            .load(conn)
    }

    /// How many people SCIM sees.
    pub fn count_scim(conn: &mut DbConnection) -> QueryResult<i64> {
        people::table
            .filter(people::scim_deleted_at.is_null())
            .count()
            .get_result(conn)
    }
}
