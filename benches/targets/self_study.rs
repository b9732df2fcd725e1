//! Self-study at company scale: a learner's lesson page and progress page beside the reference
//! page (throughput, same client, same run), and a burst of self-enrolments: 200 a second for
//! 30 seconds through the API, each by a different person, with every answer's latency.

use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use qualify::config::Settings;
use qualify::db::DbPool;
use qualify::db::schema::{people, study_enrollments};
use qualify::domain::ids::PersonId;

use crate::scale::Figure;

const RATE: u64 = 200;
const SECONDS: u64 = 30;

/// Every figure of self-study.
pub async fn measure(
    base: &str,
    pool: &DbPool,
    settings: &Settings,
    now: NaiveDateTime,
    reference: &str,
) -> Vec<Figure> {
    let mut out = pages(base, pool, settings, now, reference).await;
    out.push(enrolments(base, pool, now).await);
    out
}

async fn pages(
    base: &str,
    pool: &DbPool,
    settings: &Settings,
    now: NaiveDateTime,
    reference: &str,
) -> Vec<Figure> {
    let mut conn = pool.get().expect("connection");
    let learner: String = study_enrollments::table
        .filter(study_enrollments::lessons_done.eq(3))
        .select(study_enrollments::person_id)
        .first(&mut **conn)
        .expect("a learner halfway through (run the demo with the company)");
    let session =
        qualify::accounts::session::start(&mut conn, &PersonId(learner), None, now, settings)
            .expect("session");
    drop(conn);
    let lesson = format!("{base}/self-study/community-basics/lessons/moderation");
    let progress = format!("{base}/self-study/community-basics");
    let lesson_rps = crate::trainee::throughput(&lesson, Some(&session)).await;
    let progress_rps = crate::trainee::throughput(&progress, Some(&session)).await;
    let base_rps = crate::trainee::throughput(reference, None).await;
    let line = |name: &str, rps: f64| Figure {
        name: format!("{name} throughput beside the reference, 16 connections for 5 s"),
        target: ">= 50 % of the reference",
        measured: format!(
            "{rps:.0} req/s = {:.0} % of the reference ({base_rps:.0} req/s)",
            rps / base_rps * 100.0
        ),
        seconds: None,
    };
    vec![
        line("self-study lesson page", lesson_rps),
        line("self-study progress page", progress_rps),
    ]
}

/// People who have not enrolled yet, each with an API token.
fn newcomers(pool: &DbPool, now: NaiveDateTime, count: usize) -> Vec<String> {
    let mut conn = pool.get().expect("connection");
    let ids: Vec<String> = people::table
        .filter(diesel::dsl::not(diesel::dsl::exists(
            study_enrollments::table.filter(study_enrollments::person_id.eq(people::id)),
        )))
        .select(people::id)
        .limit(count as i64)
        .load(&mut **conn)
        .expect("people");
    ids.into_iter()
        .map(|id| {
            qualify::accounts::profile::create_token(&mut conn, &PersonId(id), "bench", now)
                .expect("token")
                .0
        })
        .collect()
}

/// `RATE` self-enrolments a second for `SECONDS`, open loop: a request leaves every 1/RATE s
/// whatever the answers before it, so a slow answer shows in the latency, not in the rate.
async fn enrolments(base: &str, pool: &DbPool, now: NaiveDateTime) -> Figure {
    let tokens = newcomers(pool, now, (RATE * SECONDS) as usize);
    let url = format!("{base}/api/v1/programs/community-basics/enrollment");
    let client = awc::Client::builder()
        .timeout(Duration::from_secs(30))
        .finish();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (i, token) in tokens.into_iter().enumerate() {
        let due = started + Duration::from_micros(i as u64 * 1_000_000 / RATE);
        actix_web::rt::time::sleep_until(due.into()).await;
        let (client, url) = (client.clone(), url.clone());
        tasks.push(actix_web::rt::spawn(async move {
            let sent = Instant::now();
            let ok = match client.post(&url).bearer_auth(token).send().await {
                Ok(mut resp) => resp.body().await.is_ok() && resp.status() == 200,
                Err(_) => false,
            };
            (sent.elapsed(), ok)
        }));
    }
    let mut latencies = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (d, ok) = t.await.expect("request task");
        latencies.push(d);
        errors += usize::from(!ok);
    }
    let rate = latencies.len() as f64 / started.elapsed().as_secs_f64();
    latencies.sort();
    let pick = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    Figure {
        name: format!(
            "{RATE} self-enrolments a second for {SECONDS} s (API, each a different person)"
        ),
        target: "no errors, p99 < 200 ms",
        measured: format!(
            "{} requests at {rate:.0}/s, {errors} errors, p50 {:.1} ms, p99 {:.1} ms",
            latencies.len(),
            pick(0.5).as_secs_f64() * 1000.0,
            pick(0.99).as_secs_f64() * 1000.0
        ),
        seconds: None,
    }
}
