//! `[live_sessions]` of a cohort program: the kick-off and one call per module, laid on every
//! new cohort's dates. Each is given as a day (the kick-off's counted from the cohort's start,
//! a module call's from the day its module opens), a local time in the cohort's time zone and
//! a length in minutes.
//!
//! ```toml
//! [live_sessions]
//! join_url = "https://intranet.example.com/meet/community-manager"
//! kickoff = { day = 0, time = "10:00", minutes = 90 }
//! module_calls = { day = 7, time = "16:00", minutes = 60 }
//! ```

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::files::Source;
use super::loader::{Problem, in_range};

/// `[live_sessions]` as written.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLiveSessions {
    join_url: Option<Spanned<String>>,
    kickoff: Option<RawSlot>,
    module_calls: Option<RawSlot>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSlot {
    day: Spanned<i64>,
    time: Spanned<String>,
    minutes: Spanned<i64>,
}

/// The live sessions every new cohort of the program gets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveSessionPlan {
    /// Where the sessions are joined online.
    pub join_url: Option<String>,
    /// The kick-off, its day counted from the cohort's start.
    pub kickoff: Option<SessionSlot>,
    /// One call per module, its day counted from the day the module opens.
    pub module_calls: Option<SessionSlot>,
}

impl LiveSessionPlan {
    /// No session is planned.
    pub fn is_empty(&self) -> bool {
        self.kickoff.is_none() && self.module_calls.is_none()
    }
}

/// When a planned session takes place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSlot {
    /// Days after the day it is counted from.
    pub day: i32,
    /// Local start time, `HH:MM`.
    pub time: String,
    /// Length in minutes.
    pub minutes: i32,
}

impl SessionSlot {
    /// The local start time.
    pub fn start_time(&self) -> NaiveTime {
        NaiveTime::parse_from_str(&self.time, "%H:%M").unwrap_or(NaiveTime::MIN)
    }
}

fn slot(
    src: &Source,
    raw: Option<&RawSlot>,
    name: &str,
    problems: &mut Vec<Problem>,
) -> Option<SessionSlot> {
    let raw = raw?;
    let day = in_range(
        src,
        &raw.day,
        &format!("live_sessions.{name}.day"),
        0,
        365,
        problems,
    );
    let minutes = in_range(
        src,
        &raw.minutes,
        &format!("live_sessions.{name}.minutes"),
        15,
        480,
        problems,
    );
    let time = raw.time.get_ref().trim();
    if NaiveTime::parse_from_str(time, "%H:%M").is_err() {
        problems.push(src.problem(
            &raw.time.span(),
            format!("live_sessions.{name}.time: give a time of day as HH:MM, not '{time}'"),
        ));
    }
    Some(SessionSlot {
        day,
        time: time.to_string(),
        minutes,
    })
}

/// Checks `[live_sessions]`: days, times of day, lengths and the join address.
pub(super) fn plan(
    src: &Source,
    raw: &RawLiveSessions,
    problems: &mut Vec<Problem>,
) -> LiveSessionPlan {
    let join_url = raw.join_url.as_ref().map(|url| {
        let text = url.get_ref().trim();
        let ok = (text.starts_with("https://") || text.starts_with("http://"))
            && !text.contains(char::is_whitespace)
            && text.len() <= 500;
        if !ok {
            problems.push(src.problem(
                &url.span(),
                "live_sessions.join_url: give a web address starting with https://",
            ));
        }
        text.to_string()
    });
    let plan = LiveSessionPlan {
        join_url,
        kickoff: slot(src, raw.kickoff.as_ref(), "kickoff", problems),
        module_calls: slot(src, raw.module_calls.as_ref(), "module_calls", problems),
    };
    let first = raw.kickoff.as_ref().or(raw.module_calls.as_ref());
    if let Some(slot) = first
        && plan.join_url.is_none()
    {
        problems.push(src.problem(
            &slot.day.span(),
            "live_sessions: give join_url, the web address where the sessions are joined",
        ));
    }
    plan
}
