//! `certificate_credentials`: what a certificate's Open Badges credential carries beside the
//! frozen record: its position in the revocation status list and the holder's hashed address.
//! Written once per certificate (at issue, or at the first credential download of a
//! certificate issued before credentials carried them) and never changed.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{certificate_credentials, certificates};
use crate::db::{DbConnection, per_backend};
use crate::domain::ids::CertificateId;
use crate::domain::states::CertificateStatus;

/// The credential facts of one certificate.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = certificate_credentials)]
pub struct CertificateCredential {
    /// The certificate.
    pub certificate_id: CertificateId,
    /// Its bit in the revocation status list.
    pub status_index: i32,
    /// The credential subject's id (`urn:uuid:…`, random, names the holder in no other way).
    pub subject_id: String,
    /// The salt of the identity hash (hex, per certificate).
    pub identity_salt: String,
    /// `sha256$` and the hex SHA-256 of the holder's address followed by the salt.
    pub identity_hash: String,
    /// Written.
    pub created_at: NaiveDateTime,
}

impl CertificateCredential {
    /// The facts of a certificate, if written.
    pub fn find(
        conn: &mut DbConnection,
        certificate: &CertificateId,
    ) -> QueryResult<Option<CertificateCredential>> {
        certificate_credentials::table
            .find(certificate)
            .select(CertificateCredential::as_select())
            .first(conn)
            .optional()
    }

    /// Writes the facts of a certificate unless its row or its status list position exists
    /// (another transaction was first); returns whether it was written.
    pub fn create_if_absent(
        conn: &mut DbConnection,
        row: &CertificateCredential,
    ) -> QueryResult<bool> {
        let n = per_backend!(conn, c => diesel::insert_into(certificate_credentials::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(c))?;
        Ok(n == 1)
    }

    /// Whether a status list position is taken.
    pub fn index_taken(conn: &mut DbConnection, index: i32) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(
            certificate_credentials::table.filter(certificate_credentials::status_index.eq(index)),
        ))
        .get_result(conn)
    }

    /// How many positions are taken, and the highest one.
    pub fn extent(conn: &mut DbConnection) -> QueryResult<(i64, Option<i32>)> {
        certificate_credentials::table
            .select((
                diesel::dsl::count_star(),
                diesel::dsl::max(certificate_credentials::status_index),
            ))
            .first(conn)
    }

    /// The positions of certificates that no longer stand (revoked or superseded).
    pub fn ended_indices(conn: &mut DbConnection) -> QueryResult<Vec<i32>> {
        certificate_credentials::table
            .inner_join(certificates::table)
            .filter(
                certificates::status
                    .eq(CertificateStatus::Revoked)
                    .or(certificates::status.eq(CertificateStatus::Superseded)),
            )
            .select(certificate_credentials::status_index)
            .load(conn)
    }
}
