//! What the owner types to plan an event, checked field by field into an event's values.

use chrono::NaiveDateTime;
use chrono_tz::Tz;
use serde::Deserialize;

use crate::db::models::EventChangeset;
use crate::domain::schedule::local_to_utc;
use crate::domain::states::EventMode;
use crate::error::FieldError;

/// The event form, as typed (times are local to `time_zone`, `2027-03-28T09:00`).
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, utoipa::ToSchema)]
pub struct EventInput {
    /// Title in German.
    #[serde(default)]
    pub title_de: String,
    /// Title in English.
    #[serde(default)]
    pub title_en: String,
    /// Description in German.
    #[serde(default)]
    pub description_de: String,
    /// Description in English.
    #[serde(default)]
    pub description_en: String,
    /// Start, local time.
    #[serde(default)]
    pub starts_at: String,
    /// End, local time.
    #[serde(default)]
    pub ends_at: String,
    /// IANA time zone, e.g. `Europe/Berlin`.
    #[serde(default)]
    pub time_zone: String,
    /// `online`, `in_person` or `hybrid`.
    #[serde(default)]
    pub mode: String,
    /// Join address (online and hybrid).
    #[serde(default)]
    pub join_url: String,
    /// Room (in person and hybrid).
    #[serde(default)]
    pub room: String,
    /// Address (in person and hybrid).
    #[serde(default)]
    pub address: String,
    /// Places; empty: unlimited.
    #[serde(default)]
    pub capacity: String,
    /// Registration ends, local time; empty: at the start.
    #[serde(default)]
    pub registration_closes_at: String,
    /// `on` (or `true`): people may wait for a place.
    #[serde(default)]
    pub waitlist: Option<String>,
    /// The cohort whose live session it is; empty: open to every employee.
    #[serde(default)]
    pub cohort_id: String,
    /// `on` (or `true`): an open event guests without an account may register for.
    #[serde(default)]
    pub guests: Option<String>,
}

fn local(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .ok()
}

fn text(value: &str, max: usize) -> Option<String> {
    let value = value.trim();
    (!value.is_empty() && value.chars().count() <= max && !value.contains('\0'))
        .then(|| value.to_string())
}

fn optional(value: &str, max: usize) -> Result<Option<String>, ()> {
    match value.trim() {
        "" => Ok(None),
        v => text(v, max).map(Some).ok_or(()),
    }
}

impl EventInput {
    /// The event's values, or every field to correct. `now` is UTC: an event cannot end in
    /// the past.
    pub fn check(&self, now: NaiveDateTime) -> Result<EventChangeset, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut need = |field: &'static str, key: &'static str, ok: bool| {
            if !ok {
                errors.push(FieldError::new(field, key));
            }
        };
        let title_de = text(&self.title_de, 200);
        need("title_de", "event-error-title", title_de.is_some());
        let title_en = text(&self.title_en, 200);
        need("title_en", "event-error-title", title_en.is_some());
        let too_long = |d: &str| d.chars().count() > 5000 || d.contains('\0');
        need(
            "description_de",
            "event-error-description",
            !too_long(&self.description_de),
        );
        need(
            "description_en",
            "event-error-description",
            !too_long(&self.description_en),
        );
        let tz: Option<Tz> = self.time_zone.trim().parse().ok();
        need("time_zone", "event-error-time-zone", tz.is_some());
        let tz = tz.unwrap_or(chrono_tz::UTC);
        let starts = local(&self.starts_at).map(|t| local_to_utc(tz, t, false));
        need("starts_at", "event-error-time", starts.is_some());
        let ends = local(&self.ends_at).map(|t| local_to_utc(tz, t, true));
        let ordered = matches!((starts, ends), (Some(s), Some(e)) if e > s && e - s <= chrono::Duration::days(7));
        need(
            "ends_at",
            "event-error-end",
            ends.is_some() && (starts.is_none() || ordered),
        );
        need("ends_at", "event-error-past", ends.is_none_or(|e| e > now));
        let mode = self.mode.parse::<EventMode>().ok();
        need("mode", "event-error-mode", mode.is_some());
        let join_url = optional(&self.join_url, 2000);
        let url_ok = match &join_url {
            Ok(Some(u)) => u.starts_with("https://") || u.starts_with("http://"),
            Ok(None) => mode == Some(EventMode::InPerson),
            Err(()) => false,
        };
        need("join_url", "event-error-join-url", url_ok);
        let room = optional(&self.room, 200);
        let address = optional(&self.address, 500);
        let place_ok = match (&room, &address) {
            (Ok(r), Ok(a)) => mode == Some(EventMode::Online) || r.is_some() || a.is_some(),
            _ => false,
        };
        need("room", "event-error-place", place_ok);
        let capacity = match self.capacity.trim() {
            "" => Ok(None),
            n => n
                .parse::<i32>()
                .ok()
                .filter(|n| (1..=100_000).contains(n))
                .map(Some)
                .ok_or(()),
        };
        need("capacity", "event-error-capacity", capacity.is_ok());
        let closes = match self.registration_closes_at.trim() {
            "" => Ok(None),
            t => local(t).map(|t| Some(local_to_utc(tz, t, true))).ok_or(()),
        };
        let closes_ok = match (closes, starts) {
            (Ok(Some(c)), Some(s)) => c <= s,
            (Ok(_), _) => true,
            (Err(()), _) => false,
        };
        need("registration_closes_at", "event-error-closes", closes_ok);
        let guests_allowed = matches!(self.guests.as_deref(), Some("on" | "true" | "1"));
        need(
            "guests",
            "event-error-guests-cohort",
            !guests_allowed || self.cohort_id.trim().is_empty(),
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(EventChangeset {
            title_de: title_de.unwrap_or_default(),
            title_en: title_en.unwrap_or_default(),
            description_de: self.description_de.trim().to_string(),
            description_en: self.description_en.trim().to_string(),
            starts_at: starts.unwrap_or(now),
            ends_at: ends.unwrap_or(now),
            time_zone: tz.name().to_string(),
            mode: mode.unwrap_or(EventMode::Online),
            join_url: join_url
                .unwrap_or_default()
                .filter(|_| mode != Some(EventMode::InPerson)),
            room: room
                .unwrap_or_default()
                .filter(|_| mode != Some(EventMode::Online)),
            address: address
                .unwrap_or_default()
                .filter(|_| mode != Some(EventMode::Online)),
            capacity: capacity.unwrap_or_default(),
            registration_closes_at: closes.unwrap_or_default(),
            waitlist: matches!(self.waitlist.as_deref(), Some("on" | "true" | "1")),
            guests_allowed,
        })
    }
}
