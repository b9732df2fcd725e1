//! `trainee_pseudonyms`: the stable label co-trainers see instead of a trainee under anonymous
//! grading (random, one per enrollment, never derived from the person).

use diesel::prelude::*;
use rand::Rng;

use crate::db::schema::trainee_pseudonyms;
use crate::db::{DbConnection, per_backend};
use crate::domain::ids::EnrollmentId;

/// Letters and digits that cannot be confused with each other.
const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// The pseudonym of an enrollment, created on first use.
pub fn label_for(conn: &mut DbConnection, enrollment: &EnrollmentId) -> QueryResult<String> {
    let mut rng = rand::rng();
    let fresh: String = (0..6)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    per_backend!(conn, c => diesel::insert_into(trainee_pseudonyms::table)
        .values((
            trainee_pseudonyms::enrollment_id.eq(enrollment),
            trainee_pseudonyms::label.eq(&fresh),
        ))
        .on_conflict_do_nothing()
        .execute(c))?;
    trainee_pseudonyms::table
        .find(enrollment)
        .select(trainee_pseudonyms::label)
        .first(conn)
}
