//! iCalendar (RFC 5545) invitations for live sessions. A registration is sent `METHOD:REQUEST`;
//! every later change is sent again under the same `UID` with a higher `SEQUENCE`, so calendar
//! programs update the entry they have instead of adding one; a called-off session or a given-up
//! place is sent `METHOD:CANCEL`. The `icalendar` crate writes the text (CRLF, escaping, lines
//! folded at 75 octets).

use chrono::NaiveDateTime;

/// What the invitation asks the calendar to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Add or update the entry.
    Request,
    /// Remove the entry.
    Cancel,
}

impl Method {
    /// The MIME type of the attached file, with the method calendar programs look for.
    pub fn content_type(self) -> &'static str {
        match self {
            Method::Request => "text/calendar; method=REQUEST; charset=UTF-8",
            Method::Cancel => "text/calendar; method=CANCEL; charset=UTF-8",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        }
    }
}

/// One person's invitation to one event. Times are UTC.
#[derive(Debug, Clone)]
pub struct Invitation<'a> {
    /// Request or cancel.
    pub method: Method,
    /// The event's stable id in calendars (`<event id>@<host>`).
    pub uid: &'a str,
    /// Grows with every change of the event.
    pub sequence: i32,
    /// When this version was made.
    pub stamp: NaiveDateTime,
    /// Start.
    pub starts_at: NaiveDateTime,
    /// End.
    pub ends_at: NaiveDateTime,
    /// Title.
    pub summary: &'a str,
    /// Description, plain text.
    pub description: &'a str,
    /// Room and address, or the join address.
    pub location: Option<&'a str>,
    /// The event's page.
    pub url: &'a str,
    /// Who sends it: name and address.
    pub organizer: (&'a str, &'a str),
    /// Who it is for: name and address.
    pub attendee: (&'a str, &'a str),
}

impl Invitation<'_> {
    /// The `.ics` text, written by the `icalendar` crate (escaping and folding included).
    pub fn to_ics(&self) -> String {
        use icalendar::{Calendar, Component, EventLike, EventStatus, Property};
        let status = match self.method {
            Method::Request => EventStatus::Confirmed,
            Method::Cancel => EventStatus::Cancelled,
        };
        let mut event = icalendar::Event::new();
        event
            .uid(self.uid)
            .sequence(u32::try_from(self.sequence).unwrap_or(0))
            .timestamp(self.stamp.and_utc())
            .starts(self.starts_at.and_utc())
            .ends(self.ends_at.and_utc())
            .summary(self.summary)
            .description(self.description)
            .url(self.url)
            .status(status);
        if let Some(location) = self.location.filter(|l| !l.trim().is_empty()) {
            event.location(location);
        }
        event.append_property(
            Property::new("ORGANIZER", format!("mailto:{}", self.organizer.1))
                .add_parameter("CN", &name(self.organizer.0))
                .done(),
        );
        event.append_property(
            Property::new("ATTENDEE", format!("mailto:{}", self.attendee.1))
                .add_parameter("CN", &name(self.attendee.0))
                .add_parameter("ROLE", "REQ-PARTICIPANT")
                .add_parameter("PARTSTAT", "ACCEPTED")
                .add_parameter("RSVP", "FALSE")
                .done(),
        );
        let mut calendar = Calendar::new();
        calendar.append_property(Property::new("METHOD", self.method.name()));
        calendar.push(event.done());
        calendar.done().to_string()
    }
}

/// A name as a parameter value: without the characters a quoted value cannot hold.
fn name(text: &str) -> String {
    text.chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2027, 3, 28)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    fn invitation(method: Method, summary: &str) -> String {
        Invitation {
            method,
            uid: "e1@qualify.example",
            sequence: 2,
            stamp: at(8),
            starts_at: at(9),
            ends_at: at(10),
            summary,
            description: "Line one\nLine two; with, marks \\ done",
            location: Some("Raum 4.12, Berlin"),
            url: "https://qualify.example/events/e1",
            organizer: ("Program \"Team\"", "team@example.com"),
            attendee: ("Ada", "ada@example.com"),
        }
        .to_ics()
    }

    #[test]
    fn lines_are_escaped_folded_and_end_in_crlf() {
        let long = "Community-Call über Moderation ".repeat(5);
        let ics = invitation(Method::Request, &long);
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:{long}\r\n")));
        assert!(unfolded.contains("DESCRIPTION:Line one\\nLine two\\; with\\, marks \\\\ done"));
        assert!(unfolded.contains("LOCATION:Raum 4.12\\, Berlin"));
        assert!(unfolded.contains("ORGANIZER;CN=Program Team:mailto:team@example.com"));
        assert!(unfolded.contains("METHOD:REQUEST") && unfolded.contains("SEQUENCE:2"));
        assert!(unfolded.contains("DTSTART:20270328T090000Z"));
    }

    #[test]
    fn a_cancellation_says_so_twice() {
        let ics = invitation(Method::Cancel, "Kick-off");
        assert!(ics.contains("METHOD:CANCEL\r\n") && ics.contains("STATUS:CANCELLED\r\n"));
        assert_eq!(
            Method::Cancel.content_type(),
            "text/calendar; method=CANCEL; charset=UTF-8"
        );
    }
}
