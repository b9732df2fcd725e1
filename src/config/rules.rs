//! The timing of reminders, escalation and scheduled mail, as settings with good defaults:
//! when "due soon" reminders go out, how long overdue work is reminded of, when the owner is
//! told of an overdue review, when certificate holders hear of the expiry, and the working
//! hours (in each person's time zone) in which non-urgent mail is sent.

use chrono::{Datelike, NaiveDateTime, Timelike, Weekday};

use crate::config::SettingsError;

/// The rules' timing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    /// Trainees are reminded this many days before a deadline (each once), e.g. `[3, 1]`.
    pub due_days: Vec<i64>,
    /// Overdue work is reminded of once, if the deadline passed at most this many days ago.
    pub overdue_days: i64,
    /// Co-trainers are reminded this many hours before a grading deadline.
    pub review_due_hours: i64,
    /// The owner is told of a review this many days after its grading deadline.
    pub escalate_after_days: i64,
    /// Holders are reminded this many days before their certificate expires, e.g. `[60, 30]`.
    pub expiry_days: Vec<i64>,
    /// Working hours start (local hour, inclusive).
    pub work_start: u32,
    /// Working hours end (local hour, exclusive).
    pub work_end: u32,
    /// Working days, Monday first.
    pub work_days: [bool; 7],
    /// Whether owners get the certification register by mail every month.
    pub register_mail: bool,
    /// Whether owners get the impact report by mail every month.
    pub impact_mail: bool,
    /// Seconds between scheduler ticks.
    pub tick_seconds: u64,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            due_days: vec![3, 1],
            overdue_days: 7,
            review_due_hours: 24,
            escalate_after_days: 2,
            expiry_days: vec![60, 30],
            work_start: 8,
            work_end: 18,
            work_days: [true, true, true, true, true, false, false],
            register_mail: true,
            impact_mail: true,
            tick_seconds: 60,
        }
    }
}

/// The settings that set the rules, with defaults and meaning (for `--help` and
/// `docs/configuration.md`).
pub const RULE_SETTINGS: &[(&str, &str, &str)] = &[
    (
        "QUALIFY_REMIND_DUE_DAYS",
        "3,1",
        "days before a deadline on which trainees are reminded",
    ),
    (
        "QUALIFY_REMIND_OVERDUE_DAYS",
        "7",
        "overdue work is reminded of if its deadline passed at most this many days ago",
    ),
    (
        "QUALIFY_REMIND_REVIEW_HOURS",
        "24",
        "hours before a grading deadline on which co-trainers are reminded",
    ),
    (
        "QUALIFY_ESCALATE_AFTER_DAYS",
        "2",
        "days after a grading deadline when the owner is told (0: at the deadline)",
    ),
    (
        "QUALIFY_REMIND_EXPIRY_DAYS",
        "60,30",
        "days before expiry on which certificate holders are reminded",
    ),
    (
        "QUALIFY_WORKING_HOURS",
        "08-18",
        "local hours in which digests and reports are mailed",
    ),
    (
        "QUALIFY_WORKING_DAYS",
        "mon-fri",
        "days on which digests and reports are mailed (mon-fri, or a list such as mon,wed,fri)",
    ),
    (
        "QUALIFY_TICK_SECONDS",
        "60",
        "seconds between scheduler ticks (each instance runs its own)",
    ),
    (
        "QUALIFY_REGISTER_MAIL",
        "monthly",
        "monthly or off: the certification register mailed to owners on the first working day",
    ),
    (
        "QUALIFY_IMPACT_MAIL",
        "monthly",
        "monthly or off: the impact report by org unit mailed to owners on the first working day",
    ),
];

fn err(setting: &str, message: impl Into<String>) -> SettingsError {
    SettingsError {
        setting: setting.to_string(),
        message: message.into(),
    }
}

/// `monthly` or `off`.
fn monthly(key: &str, text: &str) -> Result<bool, SettingsError> {
    match text.trim() {
        "monthly" => Ok(true),
        "off" => Ok(false),
        other => Err(err(key, format!("'{other}' must be monthly or off"))),
    }
}

fn days_list(key: &str, text: &str, max: i64) -> Result<Vec<i64>, SettingsError> {
    let mut list = text
        .split(',')
        .map(|d| match d.trim().parse::<i64>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(err(
                key,
                format!("'{text}' must be whole numbers from 1 to {max}, separated by commas"),
            )),
        })
        .collect::<Result<Vec<_>, _>>()?;
    list.sort_unstable_by(|a, b| b.cmp(a));
    list.dedup();
    Ok(list)
}

fn number(key: &str, text: &str, min: i64, max: i64) -> Result<i64, SettingsError> {
    match text.trim().parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(err(
            key,
            format!("'{text}' must be a whole number from {min} to {max}"),
        )),
    }
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn day_index(key: &str, name: &str) -> Result<usize, SettingsError> {
    let name = name.trim().to_ascii_lowercase();
    DAYS.iter()
        .position(|d| *d == name)
        .ok_or_else(|| err(key, format!("'{name}' is not a day: use mon, tue, … sun")))
}

fn work_days(key: &str, text: &str) -> Result<[bool; 7], SettingsError> {
    let mut days = [false; 7];
    for part in text.split(',') {
        match part.split_once('-') {
            Some((from, to)) => {
                let (from, to) = (day_index(key, from)?, day_index(key, to)?);
                if from > to {
                    return Err(err(key, format!("'{part}' runs backwards")));
                }
                days[from..=to].iter_mut().for_each(|d| *d = true);
            }
            None => days[day_index(key, part)?] = true,
        }
    }
    Ok(days)
}

fn hours(key: &str, text: &str) -> Result<(u32, u32), SettingsError> {
    let bad = || err(key, format!("'{text}' must be two hours such as 08-18"));
    let (start, end) = text.split_once('-').ok_or_else(bad)?;
    let start: u32 = start.trim().parse().map_err(|_| bad())?;
    let end: u32 = end.trim().parse().map_err(|_| bad())?;
    if start >= end || end > 24 {
        return Err(bad());
    }
    Ok((start, end))
}

impl Rules {
    /// The rules from the settings `get` finds (absent: the default).
    pub fn from_settings<'a>(
        get: impl Fn(&str) -> Option<&'a str>,
    ) -> Result<Rules, SettingsError> {
        let mut rules = Rules::default();
        if let Some(v) = get("QUALIFY_REMIND_DUE_DAYS") {
            rules.due_days = days_list("QUALIFY_REMIND_DUE_DAYS", v, 30)?;
        }
        if let Some(v) = get("QUALIFY_REMIND_OVERDUE_DAYS") {
            rules.overdue_days = number("QUALIFY_REMIND_OVERDUE_DAYS", v, 1, 60)?;
        }
        if let Some(v) = get("QUALIFY_REMIND_REVIEW_HOURS") {
            rules.review_due_hours = number("QUALIFY_REMIND_REVIEW_HOURS", v, 1, 24 * 14)?;
        }
        if let Some(v) = get("QUALIFY_ESCALATE_AFTER_DAYS") {
            rules.escalate_after_days = number("QUALIFY_ESCALATE_AFTER_DAYS", v, 0, 60)?;
        }
        if let Some(v) = get("QUALIFY_REMIND_EXPIRY_DAYS") {
            rules.expiry_days = days_list("QUALIFY_REMIND_EXPIRY_DAYS", v, 365)?;
        }
        if let Some(v) = get("QUALIFY_WORKING_HOURS") {
            (rules.work_start, rules.work_end) = hours("QUALIFY_WORKING_HOURS", v)?;
        }
        if let Some(v) = get("QUALIFY_WORKING_DAYS") {
            rules.work_days = work_days("QUALIFY_WORKING_DAYS", v)?;
        }
        if let Some(v) = get("QUALIFY_TICK_SECONDS") {
            rules.tick_seconds = number("QUALIFY_TICK_SECONDS", v, 1, 3600)? as u64;
        }
        if let Some(v) = get("QUALIFY_REGISTER_MAIL") {
            rules.register_mail = monthly("QUALIFY_REGISTER_MAIL", v)?;
        }
        if let Some(v) = get("QUALIFY_IMPACT_MAIL") {
            rules.impact_mail = monthly("QUALIFY_IMPACT_MAIL", v)?;
        }
        Ok(rules)
    }

    /// Whether a local moment is within working hours on a working day.
    pub fn is_working_time(&self, local: NaiveDateTime) -> bool {
        let day = local.weekday().num_days_from_monday() as usize;
        self.work_days[day] && (self.work_start..self.work_end).contains(&local.hour())
    }

    /// Whether a weekday is a working day.
    pub fn is_working_day(&self, day: Weekday) -> bool {
        self.work_days[day.num_days_from_monday() as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(pairs: &[(&str, &'static str)]) -> Result<Rules, SettingsError> {
        let map: std::collections::HashMap<String, &'static str> =
            pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        Rules::from_settings(|k| map.get(k).copied())
    }

    #[test]
    fn defaults_and_overrides() {
        assert_eq!(from(&[]).unwrap(), Rules::default());
        let r = from(&[
            ("QUALIFY_REMIND_DUE_DAYS", "1, 5,5"),
            ("QUALIFY_WORKING_HOURS", "07-20"),
            ("QUALIFY_WORKING_DAYS", "mon-tue,thu"),
            ("QUALIFY_REGISTER_MAIL", "off"),
            ("QUALIFY_IMPACT_MAIL", "off"),
            ("QUALIFY_ESCALATE_AFTER_DAYS", "0"),
        ])
        .unwrap();
        assert_eq!(r.due_days, vec![5, 1]);
        assert_eq!((r.work_start, r.work_end), (7, 20));
        assert!(!r.register_mail && !r.impact_mail);
        assert_eq!(r.escalate_after_days, 0);
        assert!(r.is_working_day(Weekday::Thu) && !r.is_working_day(Weekday::Wed));
    }

    #[test]
    fn bad_values_name_the_setting() {
        for (key, value) in [
            ("QUALIFY_REMIND_DUE_DAYS", "3,x"),
            ("QUALIFY_WORKING_HOURS", "18-08"),
            ("QUALIFY_WORKING_DAYS", "fri-mon"),
            ("QUALIFY_WORKING_DAYS", "funday"),
            ("QUALIFY_REGISTER_MAIL", "weekly"),
            ("QUALIFY_IMPACT_MAIL", "yearly"),
            ("QUALIFY_ESCALATE_AFTER_DAYS", "-1"),
        ] {
            assert_eq!(
                from(&[(key, value)]).unwrap_err().setting,
                key,
                "{key}={value}"
            );
        }
    }
}
