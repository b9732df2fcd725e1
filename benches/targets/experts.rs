//! The expert directory at 10,000 profiles: a search (words, a topic, both, an org unit with
//! the units below it) answers in under 50 ms, median of 30 each, through the same function the
//! page and the API call.

use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use qualify::db::DbPool;
use qualify::db::models::{ExpertProfile, ExpertTopicLabel};
use qualify::db::schema::people;
use qualify::domain::ids::PersonId;
use qualify::domain::language::Language;
use qualify::experts::search::{SearchQuery, search};

use crate::scale::Figure;

const PROFILES: usize = 10_000;
const TOPICS: [&str; 5] = [
    "moderation",
    "impact",
    "onboarding",
    "working-out-loud",
    "change",
];
const WORDS: [&str; 6] = [
    "sales",
    "barcamp",
    "newsletter",
    "podcast",
    "mentoring",
    "wiki",
];

/// Lays 10,000 profiles on the demo's people and times the searches.
pub fn measure(pool: &DbPool, now: NaiveDateTime) -> Vec<Figure> {
    let mut conn = pool.get().expect("connection");
    if ExpertTopicLabel::all(&mut conn).expect("topics").is_empty() {
        let rows: Vec<(&str, &str, &str)> = TOPICS.iter().map(|t| (*t, *t, *t)).collect();
        ExpertTopicLabel::replace_all(&mut conn, &rows).expect("topics");
    }
    let ids: Vec<(String, String, Option<String>)> = people::table
        .order(people::id)
        .select((people::id, people::name, people::org_unit))
        .limit(PROFILES as i64)
        .load(&mut **conn)
        .expect("people");
    for (n, (id, name, unit)) in ids.iter().enumerate() {
        let person = PersonId(id.clone());
        let profile = ExpertProfile {
            person_id: person.clone(),
            consent_version: qualify::experts::CONSENT_VERSION,
            consented_at: now,
            withdrawn_at: None,
            bio: format!(
                "I run a {} community and help with {}.",
                WORDS[n % 6],
                WORDS[(n / 6) % 6]
            ),
            languages: if n % 4 == 0 {
                "de,en".into()
            } else {
                "de".into()
            },
            communities: "[]".into(),
            open_to_questions: true,
            messages_paused: false,
            lock_version: 1,
            updated_at: now,
        };
        ExpertProfile::create(&mut conn, &profile).expect("profile");
        let topics = vec![TOPICS[n % 5].to_string(), TOPICS[(n / 5) % 5].to_string()];
        let mut topics = topics;
        topics.dedup();
        ExpertProfile::set_topics(&mut conn, &person, &topics).expect("topics");
        let body = format!(
            "{name}\n{}\n{}\n{}",
            unit.clone().unwrap_or_default(),
            topics.join(" "),
            profile.bio
        );
        qualify::experts::index::put(&mut conn, &person, &body).expect("index");
    }
    // The unit most profiles share, so the roll-up has something to find.
    let mut counts = std::collections::HashMap::new();
    for unit in ids.iter().filter_map(|(_, _, u)| u.as_deref()) {
        *counts.entry(unit).or_insert(0) += 1;
    }
    let unit = counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(u, _)| u.to_string())
        .unwrap_or_default();
    let cases = [
        (
            "words",
            SearchQuery {
                q: Some("barcamp mentor".into()),
                ..Default::default()
            },
        ),
        (
            "a topic",
            SearchQuery {
                topic: Some("moderation".into()),
                ..Default::default()
            },
        ),
        (
            "words and a topic, page 3",
            SearchQuery {
                q: Some("podcast".into()),
                topic: Some("impact".into()),
                page: Some(3),
                ..Default::default()
            },
        ),
        (
            "an org unit with the units below",
            SearchQuery {
                org_unit: Some(unit),
                ..Default::default()
            },
        ),
    ];
    let mut out = Vec::new();
    for (what, query) in cases {
        let mut times: Vec<Duration> = (0..30)
            .map(|_| {
                let t = Instant::now();
                let found = search(&mut conn, &query, Language::De, now).expect("search");
                assert!(found.total > 0, "{what} finds someone");
                t.elapsed()
            })
            .collect();
        times.sort();
        let median = times[times.len() / 2];
        out.push(Figure {
            name: format!("expert search among {PROFILES} profiles: {what} (median of 30)"),
            target: "< 50 ms",
            measured: format!("{:.1} ms", median.as_secs_f64() * 1000.0),
            seconds: Some(median.as_secs_f64()),
        });
    }
    out
}
