//! Importing a Teams or Zoom attendance export. The file may be UTF-8 or UTF-16 (Teams writes
//! UTF-16 with tabs), separated by tabs, semicolons or commas, with summary sections around
//! the participant list: every row under a header that names an email column is read, and
//! each address is matched to a person with a place at the session, who is marked present
//! unless a host already marked them. Importing the same file again changes nothing.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use serde::Serialize;

use super::EventRefusal;
use super::attendance::may_host;
use crate::accounts::Identity;
use crate::db::models::{AuditEntry, EventRegistration};
use crate::db::{DbConnection, refusable_tx};
use crate::domain::ids::EventId;
use crate::domain::states::{Attendance, EventState};
use crate::error::{AppError, FieldError, Outcome, Refusal};
use crate::mail::compose::Composer;

/// The largest export read (2 MiB).
pub const MAX_BYTES: usize = 2 << 20;

/// What an import did.
#[derive(Debug, Default, Serialize, utoipa::ToSchema)]
pub struct ImportReport {
    /// Distinct addresses in the file.
    pub addresses: usize,
    /// People with a place marked present now.
    pub marked: usize,
    /// People with a place whose attendance was already known (left as it was).
    pub already: usize,
    /// Addresses of nobody with a place at the session.
    pub unknown: Vec<String>,
}

/// The text of the file: UTF-16 (little or big endian, by its byte order mark or by its
/// zero bytes) or UTF-8; `None` when it is neither.
pub fn decode(bytes: &[u8]) -> Option<String> {
    let utf16 = |le: bool, body: &[u8]| {
        let units: Vec<u16> = body
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16(&units).ok()
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(true, rest),
        [0xFE, 0xFF, rest @ ..] => utf16(false, rest),
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8(rest.to_vec()).ok(),
        [a, 0, ..] if *a != 0 && bytes.len().is_multiple_of(2) => utf16(true, bytes),
        [0, b, ..] if *b != 0 && bytes.len().is_multiple_of(2) => utf16(false, bytes),
        _ => String::from_utf8(bytes.to_vec()).ok(),
    }
}

fn is_email_header(cell: &str) -> bool {
    let cell = cell.trim().to_lowercase();
    cell.contains("mail") || cell.contains("upn")
}

/// The distinct addresses under every header row that names an email column.
pub fn addresses(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut column: Option<usize> = None;
    for line in text.lines() {
        let delimiter = [b'\t', b';', b',']
            .into_iter()
            .max_by_key(|d| line.matches(*d as char).count());
        let Some(delimiter) = delimiter else { continue };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(line.as_bytes());
        let Some(Ok(row)) = reader.records().next() else {
            column = None;
            continue;
        };
        let cells: Vec<&str> = row.iter().map(str::trim).collect();
        if let Some(at) = cells.iter().position(|c| is_email_header(c))
            && !cells.iter().any(|c| c.contains('@'))
        {
            column = Some(at);
            continue;
        }
        match column.and_then(|c| cells.get(c)) {
            Some(cell) if cell.contains('@') && !cell.contains(char::is_whitespace) => {
                found.insert(cell.to_lowercase());
            }
            Some(_) => {}
            // A blank line or a new section ends the list.
            None => column = None,
        }
    }
    found
}

/// Imports an export for the session (hosts only, once it has begun).
pub fn import(
    conn: &mut DbConnection,
    composer: &Composer,
    me: &Identity,
    id: &EventId,
    file: &[u8],
    now: NaiveDateTime,
) -> Outcome<ImportReport> {
    refusable_tx(conn, |conn| {
        // Who may import is answered before what the file holds.
        let event = super::view::visible(conn, me, id)?;
        if !may_host(conn, me, &event)? {
            return Err(AppError::Forbidden);
        }
        let Some(text) = decode(file) else {
            return Ok(Err(Refusal::invalid(vec![FieldError::new(
                "file",
                "event-error-import-encoding",
            )])));
        };
        let emails = addresses(&text);
        if emails.is_empty() {
            return Ok(Err(Refusal::invalid(vec![FieldError::new(
                "file",
                "event-error-import-empty",
            )])));
        }
        if event.state == EventState::Canceled {
            return Ok(Err(EventRefusal::Canceled.into()));
        }
        if now < event.starts_at {
            return Ok(Err(EventRefusal::NotStarted.into()));
        }
        let list: Vec<String> = emails.iter().cloned().collect();
        let places = EventRegistration::places_by_email(conn, id, &list)?;
        let mut report = ImportReport {
            addresses: list.len(),
            ..ImportReport::default()
        };
        for email in &list {
            let Some((person, known)) = places.get(email) else {
                // Guests of a public session are matched by their address too.
                match crate::db::models::EventGuest::mark_present(conn, id, email)? {
                    Some(true) => report.marked += 1,
                    Some(false) => report.already += 1,
                    None => report.unknown.push(email.clone()),
                }
                continue;
            };
            let fresh = known.is_none() || *known == Some(Attendance::Absent);
            if fresh && EventRegistration::check_in(conn, id, person, Attendance::Present, now)? {
                report.marked += 1;
                super::attendance::certify_if_met(conn, composer, &event, person, now)?;
            } else {
                report.already += 1;
            }
        }
        AuditEntry::new(
            now,
            Some(&me.person.id),
            "event_attendance_imported",
            "event",
            Some(id.as_str()),
        )
        .details(serde_json::json!({ "marked": report.marked, "unknown": report.unknown.len() }))
        .record(conn)?;
        Ok(Ok(report))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEAMS: &str = "1. Summary\n\
        Meeting title\tCommunity call\n\
        Attended participants\t2\n\
        \n\
        2. Participants\n\
        Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\n\
        Ada Lovelace\t3/28/27, 9:01:12 AM\t3/28/27, 9:58:00 AM\t56m\tAda@Example.com\tada@example.com\tAttendee\n\
        Bob Builder\t3/28/27, 9:03:00 AM\t3/28/27, 9:30:00 AM\t27m\tbob@example.com\tbob@example.com\tAttendee\n\
        \n\
        3. In-Meeting Activities\n\
        Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole\n\
        Ada Lovelace\t3/28/27, 9:01:12 AM\t3/28/27, 9:58:00 AM\t56m\tada@example.com\tAttendee\n";

    fn utf16le(text: &str) -> Vec<u8> {
        let mut out = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            out.extend_from_slice(&unit.to_le_bytes());
        }
        out
    }

    #[test]
    fn a_teams_export_in_utf16_gives_each_address_once() {
        let text = decode(&utf16le(TEAMS)).expect("UTF-16 read");
        let found: Vec<String> = addresses(&text).into_iter().collect();
        assert_eq!(found, ["ada@example.com", "bob@example.com"]);
    }

    #[test]
    fn a_zoom_export_in_utf8_with_commas_is_read() {
        let zoom = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n\
            Ada Lovelace,ada@example.com,03/28/2027 09:01:12 AM,03/28/2027 09:58:00 AM,57,No\n\
            \"Builder, Bob\",bob@example.com,03/28/2027 09:03:00 AM,03/28/2027 09:30:00 AM,27,No\n";
        let found: Vec<String> = addresses(&decode(zoom.as_bytes()).unwrap())
            .into_iter()
            .collect();
        assert_eq!(found, ["ada@example.com", "bob@example.com"]);
    }

    #[test]
    fn text_that_is_no_export_gives_nothing() {
        assert!(decode(&[0xC3, 0x28]).is_none(), "not UTF-8");
        assert!(addresses("just some words\nand more").is_empty());
    }
}
