//! The second pass: rows in batches, each compared with the people it names (by employee id,
//! else by email) and, unless it is a dry run, written in one transaction per batch. Only what
//! differs is written, so the same file twice changes nothing.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::Serialize;

use super::rows::{Row, RowError};
use super::status::{reinstate, suspend};
use crate::db::DbConnection;
use crate::db::models::Person;
use crate::domain::ids::PersonId;
use crate::domain::states::PersonStatus;
use crate::error::AppError;
use crate::mail::compose::Composer;

/// One field a row changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldChange {
    /// `email`, `name`, `language`, `org_unit`, `manager_employee_id` or `employee_id`.
    pub field: String,
    /// The value now.
    pub from: Option<String>,
    /// The value after the sync.
    pub to: Option<String>,
}

/// What a row does to its person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Change {
    /// The file's line.
    pub line: u64,
    /// The employee id.
    pub employee_id: String,
    /// `new`, `changed`, `suspended` or `reinstated`.
    pub kind: String,
    /// The fields that change (for `changed`; also with a suspension or reinstatement).
    pub fields: Vec<FieldChange>,
}

/// What a run reports as it goes.
#[derive(Debug, Clone)]
pub enum Event {
    /// A person is created, changed, suspended or reinstated.
    Change(Change),
    /// A line that is not applied.
    Error(RowError),
    /// How far the run has got: rows of the file gone through, of all its rows.
    Rows {
        /// Rows applied or skipped so far.
        done: u64,
        /// Rows in the file.
        total: u64,
    },
}

/// The run's counts.
#[derive(Debug, Default, Clone, Copy, Serialize, utoipa::ToSchema)]
pub struct Counts {
    /// Rows read (without the header and empty lines).
    pub rows: u64,
    /// People created.
    pub created: u64,
    /// People whose fields changed.
    pub updated: u64,
    /// Rows that changed nothing.
    pub unchanged: u64,
    /// People suspended.
    pub suspended: u64,
    /// People reinstated.
    pub reinstated: u64,
    /// Lines in error (not applied).
    pub errors: u64,
    /// Open reviews of suspended people moved to others.
    pub reviews_moved: u64,
    /// Open reviews of suspended people that nobody else fits yet.
    pub reviews_stayed: u64,
}

/// How a batch is applied.
pub(super) struct Apply<'a> {
    pub composer: &'a Composer,
    pub actor: Option<&'a PersonId>,
    pub dry_run: bool,
    pub now: NaiveDateTime,
}

impl Apply<'_> {
    /// Compares (and writes) one batch of rows.
    pub fn batch(
        &self,
        conn: &mut DbConnection,
        rows: &[Row],
        counts: &mut Counts,
        sink: &mut dyn FnMut(Event),
    ) -> Result<(), AppError> {
        let ids: Vec<String> = rows.iter().map(|r| r.employee_id.clone()).collect();
        let emails: Vec<String> = rows.iter().map(|r| r.email.to_lowercase()).collect();
        let by_id: HashMap<String, Person> = Person::list_by_employee_ids(conn, &ids)?
            .into_iter()
            .filter_map(|p| Some((p.employee_id.clone()?, p)))
            .collect();
        let by_email: HashMap<String, Person> = Person::list_by_emails(conn, &emails)?
            .into_iter()
            .map(|p| (p.email_normalized.clone(), p))
            .collect();
        let mut new = Vec::new();
        for row in rows {
            let email = row.email.to_lowercase();
            let holder = by_email.get(&email);
            let current = by_id.get(&row.employee_id).or(holder.filter(|h| {
                h.employee_id.is_none() || h.employee_id.as_ref() == Some(&row.employee_id)
            }));
            if holder.is_some_and(|h| current.is_none_or(|c| c.id != h.id)) {
                counts.errors += 1;
                sink(Event::Error(RowError {
                    line: row.line,
                    employee_id: Some(row.employee_id.clone()),
                    code: "email_taken".into(),
                }));
                continue;
            }
            match current {
                None if row.left => counts.unchanged += 1,
                None => {
                    counts.created += 1;
                    sink(Event::Change(change(row, "new", Vec::new())));
                    new.push(new_person(row, self.now));
                }
                Some(person) => self.existing(conn, row, person, counts, sink)?,
            }
        }
        if !self.dry_run {
            Person::create_many(conn, &new)?;
        }
        Ok(())
    }

    /// A row about someone known: their fields, then their status.
    fn existing(
        &self,
        conn: &mut DbConnection,
        row: &Row,
        person: &Person,
        counts: &mut Counts,
        sink: &mut dyn FnMut(Event),
    ) -> Result<(), AppError> {
        let (wanted, fields) = desired(row, person);
        let kind = match (row.left, person.status) {
            (true, PersonStatus::Active) => "suspended",
            (false, PersonStatus::Suspended) => "reinstated",
            _ if fields.is_empty() => {
                counts.unchanged += 1;
                return Ok(());
            }
            _ => "changed",
        };
        if !fields.is_empty() {
            counts.updated += 1;
            if !self.dry_run {
                Person::save_directory_fields(conn, &wanted, self.now)?;
            }
        }
        match kind {
            "suspended" => {
                counts.suspended += 1;
                self.suspend(conn, &person.id, counts)?;
            }
            "reinstated" => {
                counts.reinstated += 1;
                if !self.dry_run {
                    reinstate(conn, &person.id, self.now)?;
                }
            }
            _ => {}
        }
        sink(Event::Change(change(row, kind, fields)));
        Ok(())
    }

    /// Suspends one person (unless it is a dry run) and counts what it moved.
    pub fn suspend(
        &self,
        conn: &mut DbConnection,
        person: &PersonId,
        counts: &mut Counts,
    ) -> Result<(), AppError> {
        if self.dry_run {
            return Ok(());
        }
        let done = suspend(conn, self.composer, self.actor, person, self.now)?;
        counts.reviews_moved += done.reviews_moved as u64;
        counts.reviews_stayed += done.reviews_stayed as u64;
        Ok(())
    }
}

fn change(row: &Row, kind: &str, fields: Vec<FieldChange>) -> Change {
    Change {
        line: row.line,
        employee_id: row.employee_id.clone(),
        kind: kind.into(),
        fields,
    }
}

/// The person as the row describes them, and the fields that differ.
fn desired(row: &Row, person: &Person) -> (Person, Vec<FieldChange>) {
    let mut wanted = person.clone();
    wanted.email = row.email.clone();
    wanted.email_normalized = row.email.to_lowercase();
    wanted.name = row.name.clone();
    wanted.language = row.language.code().into();
    wanted.org_unit = row.org_unit.clone();
    wanted.manager_employee_id = row.manager.clone();
    wanted.employee_id = Some(row.employee_id.clone());
    let mut fields = Vec::new();
    let mut compare = |field: &str, from: Option<&String>, to: Option<&String>| {
        if from != to {
            fields.push(FieldChange {
                field: field.into(),
                from: from.cloned(),
                to: to.cloned(),
            });
        }
    };
    compare("email", Some(&person.email), Some(&wanted.email));
    compare("name", Some(&person.name), Some(&wanted.name));
    compare("language", Some(&person.language), Some(&wanted.language));
    compare(
        "org_unit",
        person.org_unit.as_ref(),
        wanted.org_unit.as_ref(),
    );
    compare(
        "manager_employee_id",
        person.manager_employee_id.as_ref(),
        wanted.manager_employee_id.as_ref(),
    );
    compare(
        "employee_id",
        person.employee_id.as_ref(),
        wanted.employee_id.as_ref(),
    );
    (wanted, fields)
}

/// A new person from a row.
fn new_person(row: &Row, now: NaiveDateTime) -> Person {
    Person {
        org_unit: row.org_unit.clone(),
        employee_id: Some(row.employee_id.clone()),
        manager_employee_id: row.manager.clone(),
        // Time-ordered ids: a large first sync appends to the primary key.
        id: PersonId(uuid::Uuid::now_v7().to_string()),
        ..Person::new_active(&row.email, &row.name, row.language.code(), now)
    }
}
