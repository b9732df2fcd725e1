//! `mail_preferences`: which kinds of non-essential mail a person receives (no row: on).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::mail_preferences;
use crate::db::{DbConnection, per_backend};
use crate::domain::ids::PersonId;

/// Whether a person receives a kind of mail.
pub fn is_enabled(conn: &mut DbConnection, person: &PersonId, kind: &str) -> QueryResult<bool> {
    Ok(mail_preferences::table
        .filter(mail_preferences::person_id.eq(person))
        .filter(mail_preferences::kind.eq(kind))
        .select(mail_preferences::enabled)
        .first::<bool>(conn)
        .optional()?
        .unwrap_or(true))
}

/// The kinds a person switched off.
pub fn disabled_kinds(conn: &mut DbConnection, person: &PersonId) -> QueryResult<Vec<String>> {
    mail_preferences::table
        .filter(mail_preferences::person_id.eq(person))
        .filter(mail_preferences::enabled.eq(false))
        .select(mail_preferences::kind)
        .load(conn)
}

/// Switches a kind on or off.
pub fn set(
    conn: &mut DbConnection,
    person: &PersonId,
    kind: &str,
    enabled: bool,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let row = (
        mail_preferences::person_id.eq(person),
        mail_preferences::kind.eq(kind),
        mail_preferences::enabled.eq(enabled),
        mail_preferences::updated_at.eq(now),
    );
    per_backend!(conn, c => diesel::insert_into(mail_preferences::table)
        .values(row)
        .on_conflict((mail_preferences::person_id, mail_preferences::kind))
        .do_update()
        .set((
            mail_preferences::enabled.eq(enabled),
            mail_preferences::updated_at.eq(now),
        ))
        .execute(c))
    .map(|_| ())
}
