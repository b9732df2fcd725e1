//! The live-session part of cohort progress: for each trainee, the sessions attended out of
//! the cohort's sessions (an excused absence counting as the program says), and one column per
//! session with their attendance. Sessions called off are left out, as the certification rule
//! leaves them out.

use std::collections::HashMap;

use diesel::prelude::*;

use super::{Cell, Column, Kind, state_text};
use crate::db::DbConnection;
use crate::db::models::{Cohort, CurriculumVersion, Event};
use crate::db::schema::event_registrations;
use crate::domain::language::Language;
use crate::domain::schedule::local_text;
use crate::domain::states::{Attendance, EventState};
use crate::error::AppError;

/// The cohort's sessions and what counts as attended.
pub struct Sessions {
    events: Vec<Event>,
    excused_counts: bool,
}

impl Sessions {
    /// The cohort's sessions that were not called off, soonest first.
    pub fn of(conn: &mut DbConnection, cohort: &Cohort) -> Result<Self, AppError> {
        let events = Event::of_cohort(conn, &cohort.id)?
            .into_iter()
            .filter(|e| e.state == EventState::Scheduled)
            .collect();
        let excused_counts = CurriculumVersion::find(conn, &cohort.curriculum_version_id)?
            .is_none_or(|v| v.excused_counts);
        Ok(Sessions {
            events,
            excused_counts,
        })
    }

    /// The columns: attended, sessions, then one per session (its title and local start).
    pub fn columns(&self, lang: Language) -> Vec<Column> {
        let mut cols = vec![
            Column::named(lang, "sessions_attended", Kind::Int, 10),
            Column::named(lang, "sessions", Kind::Int, 10),
        ];
        for (n, e) in self.events.iter().enumerate() {
            let tz = e.time_zone.parse().unwrap_or(chrono_tz::UTC);
            let title = if lang == Language::En {
                &e.title_en
            } else {
                &e.title_de
            };
            cols.push(Column {
                key: format!("session_{}", n + 1),
                title: format!("{title} ({})", local_text(tz, e.starts_at)),
                kind: Kind::Text,
                width: 16,
            });
        }
        cols
    }

    /// The marks of these people at the cohort's sessions: by (person, event).
    pub fn marks_of(
        &self,
        conn: &mut DbConnection,
        people: &[&String],
    ) -> Result<HashMap<(String, String), Attendance>, AppError> {
        if self.events.is_empty() {
            return Ok(HashMap::new());
        }
        let ids: Vec<&str> = self.events.iter().map(|e| e.id.as_str()).collect();
        let rows: Vec<(String, String, Option<Attendance>)> = event_registrations::table
            .filter(event_registrations::event_id.eq_any(ids))
            .filter(event_registrations::person_id.eq_any(people))
            .filter(event_registrations::attendance.is_not_null())
            .select((
                event_registrations::person_id,
                event_registrations::event_id,
                event_registrations::attendance,
            ))
            .load(conn)?;
        Ok(rows
            .into_iter()
            .filter_map(|(p, e, a)| a.map(|a| ((p, e), a)))
            .collect())
    }

    /// One trainee's cells.
    pub fn push_cells(
        &self,
        cells: &mut Vec<Cell>,
        lang: Language,
        person: &str,
        marks: &HashMap<(String, String), Attendance>,
    ) {
        let mark = |e: &Event| marks.get(&(person.to_string(), e.id.0.clone())).copied();
        let attended = self
            .events
            .iter()
            .filter_map(mark)
            .filter(|a| {
                matches!(a, Attendance::Present | Attendance::Late)
                    || (self.excused_counts && *a == Attendance::Excused)
            })
            .count();
        cells.push(Cell::Int(attended as i64));
        cells.push(Cell::Int(self.events.len() as i64));
        for e in &self.events {
            cells.push(match mark(e) {
                Some(a) => Cell::Text(state_text(lang, a.as_str())),
                None => Cell::Empty,
            });
        }
    }
}
