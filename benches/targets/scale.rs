//! Company scale: a demo program of 100,000 trainees (`qualify::cli::demo`), topped up to 100,000
//! certificates, then the targets for the reports, the dashboard, reminders and mail, each
//! next to a reference measured in the same run: a minimal actix-web page with one indexed
//! query and one template.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use qualify::config::Settings;
use qualify::db::DbPool;
use qualify::db::models::Certificate;
use qualify::db::schema::{certificates, cohorts, enrollments, people};
use qualify::mail::compose::Composer;

/// One row of the printed table.
pub struct Figure {
    /// What.
    pub name: String,
    /// The target.
    pub target: &'static str,
    /// Measured, as printed.
    pub measured: String,
    /// Seconds, for the ratio to the reference (none: not a latency).
    pub seconds: Option<f64>,
}

/// A figure of the table.
pub fn figure(
    name: impl Into<String>,
    target: &'static str,
    measured: String,
    seconds: Option<f64>,
) -> Figure {
    Figure {
        name: name.into(),
        target,
        measured,
        seconds,
    }
}

/// Resident memory of this process, bytes.
pub fn rss() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .unwrap_or(0)
        * 1024
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// The first GET, and the median of 30 more (after 4 warm-ups).
pub async fn page(
    client: &awc::Client,
    url: &str,
    cookie: Option<&str>,
    bearer: Option<&str>,
) -> (Duration, Duration) {
    let mut samples = Vec::new();
    let mut first = Duration::ZERO;
    for i in 0..35 {
        let mut req = client.get(url);
        if let Some(c) = cookie {
            req = req.insert_header(("Cookie", format!("qualify_session={c}")));
        }
        if let Some(t) = bearer {
            req = req.insert_header(("Authorization", format!("Bearer {t}")));
        }
        let t = Instant::now();
        let mut resp = req.send().await.expect("request");
        let body = resp.body().limit(200 << 20).await.expect("body");
        assert_eq!(
            resp.status(),
            200,
            "{url}: {}",
            String::from_utf8_lossy(&body)
        );
        if i == 0 {
            first = t.elapsed();
        }
        if i >= 5 {
            samples.push(t.elapsed());
        }
    }
    (first, median(samples))
}

/// Tops the register up to `total` certificates with superseded copies (the unique active
/// certificate per person stays intact).
fn top_up(conn: &mut qualify::db::DbConnection, total: i64) {
    let have: i64 = certificates::table.count().get_result(conn).expect("count");
    let template: Certificate = certificates::table
        .select(Certificate::as_select())
        .first(conn)
        .expect("a certificate");
    let rows: Vec<Certificate> = (have..total)
        .map(|i| Certificate {
            id: qualify::domain::ids::CertificateId::new(),
            public_id: qualify::certificates::code::new_code(),
            status: qualify::domain::states::CertificateStatus::Superseded,
            issued_at: template.issued_at - chrono::Duration::minutes(i),
            ..template.clone()
        })
        .collect();
    for chunk in rows.chunks(1_000) {
        match conn {
            qualify::db::DbConnection::Sqlite(c) => diesel::insert_into(certificates::table)
                .values(chunk)
                .execute(c),
            qualify::db::DbConnection::Postgresql(c) => diesel::insert_into(certificates::table)
                .values(chunk)
                .execute(c),
        }
        .expect("top up");
    }
}

/// Builds the scale database and measures; returns the figures and the reference latency.
pub async fn measure(
    settings: &Settings,
    pool: &DbPool,
    composer: &Composer,
    clock: Arc<qualify::clock::FixedClock>,
    now: NaiveDateTime,
    trainees: usize,
) -> (Vec<Figure>, Duration) {
    let mut out = Vec::new();
    let made = demo(pool, composer, trainees, now, &mut out);
    let mut conn = pool.get().expect("connection");
    top_up(&mut conn, 100_000);
    let owner = qualify::db::models::RoleGrant::people_with_role(&mut conn, "owner")
        .expect("owner")[0]
        .clone();
    let owner_email: String = people::table
        .find(&owner)
        .select(people::email_normalized)
        .first(&mut **conn)
        .expect("owner");
    let reference_url = crate::reference::reference_server(pool.clone(), &owner_email);
    let reference = page(&awc::Client::default(), &reference_url, None, None)
        .await
        .1;
    out.extend(crate::exports::exports(&mut conn, settings, now));
    let enrolled: i64 = enrollments::table
        .count()
        .get_result(&mut **conn)
        .expect("count");
    out.extend(reminder_ticks(&mut conn, composer, now, enrolled));
    out.push(crate::smtp::mail_worker(settings, pool, clock.clone()).await);

    // Pages and API answers over HTTP.
    let cookie =
        qualify::accounts::session::start(&mut conn, &owner, None, now, settings).expect("session");
    let token = qualify::accounts::profile::create_token(&mut conn, &owner, "bench", now)
        .expect("token")
        .0;
    let (big, size) = biggest_running_cohort(&mut conn);
    drop(conn);
    let app = qualify::startup::Application::build(settings.clone(), clock.clone())
        .await
        .expect("app");
    let base = format!("http://127.0.0.1:{}", app.port());
    actix_web::rt::spawn(app.run_until_stopped());
    let client = awc::Client::builder()
        .timeout(Duration::from_secs(60))
        .finish();
    let owner_session = (cookie.as_str(), token.as_str());
    out.extend(owner_pages(&client, &base, owner_session, (&big, size), enrolled).await);
    if let Some((trainee, _)) = &made.trainee {
        let mut conn = pool.get().expect("connection");
        let session = qualify::accounts::session::start(&mut conn, trainee, None, now, settings)
            .expect("session");
        drop(conn);
        let (_, d) = page(&client, &format!("{base}/learn"), Some(&session), None).await;
        out.push(latency(
            format!("trainee dashboard, {enrolled} trainees (median of 30)"),
            "< 20 ms",
            d,
        ));
        out.extend(
            crate::trainee::side_by_side(&format!("{base}/learn"), &session, &reference_url).await,
        );
    }
    out.extend(crate::self_study::measure(&base, pool, settings, now, &reference_url).await);
    out.extend(crate::experts::measure(pool, now));
    out.push(latency(
        "reference: one indexed query, one template".into(),
        "-",
        reference,
    ));
    (out, reference)
}

/// A latency figure in milliseconds.
fn latency(name: String, target: &'static str, d: Duration) -> Figure {
    figure(
        name,
        target,
        format!("{:.1} ms", d.as_secs_f64() * 1000.0),
        Some(d.as_secs_f64()),
    )
}

/// Builds the demo program and records how long it took.
fn demo(
    pool: &DbPool,
    composer: &Composer,
    trainees: usize,
    now: NaiveDateTime,
    out: &mut Vec<Figure>,
) -> qualify::cli::demo::Generated {
    let started = Instant::now();
    let (_, made) = {
        let mut conn = pool.get().expect("connection");
        qualify::cli::demo::build(&mut conn, composer, trainees, 7, false, now).expect("demo")
    };
    out.push(figure(
        format!(
            "demo: {} trainees, {} submissions, {} reviews, {} certificates",
            made.trainees, made.submissions, made.reviews, made.certificates
        ),
        "< 3 min (SQLite)",
        format!("{:.1} s", started.elapsed().as_secs_f64()),
        None,
    ));
    made
}

/// A reminder tick over every enrollment: the first one writes the day's digests, the
/// next one finds them sent (the steady state of a tick every minute).
fn reminder_ticks(
    conn: &mut qualify::db::DbConnection,
    composer: &Composer,
    now: NaiveDateTime,
    enrolled: i64,
) -> Vec<Figure> {
    let rules = qualify::config::rules::Rules::default();
    let t = Instant::now();
    let digests = qualify::jobs::reminders::tick(conn, composer, &rules, now, false)
        .expect("tick")
        .len();
    let first = t.elapsed();
    let t = Instant::now();
    qualify::jobs::reminders::tick(conn, composer, &rules, now, false).expect("tick");
    let steady = t.elapsed();
    vec![
        figure(
            format!(
                "reminder tick over {enrolled} enrollments, first of the day ({digests} digests written)"
            ),
            "< 2 s",
            format!("{:.2} s", first.as_secs_f64()),
            Some(first.as_secs_f64()),
        ),
        figure(
            format!("reminder tick over {enrolled} enrollments, every further minute"),
            "< 2 s",
            format!("{:.2} s", steady.as_secs_f64()),
            Some(steady.as_secs_f64()),
        ),
    ]
}

/// The running cohort with the most enrollments, and how many it has.
fn biggest_running_cohort(conn: &mut qualify::db::DbConnection) -> (String, i64) {
    let big: String = enrollments::table
        .inner_join(cohorts::table)
        .filter(cohorts::state.eq(qualify::domain::states::CohortState::Running))
        .group_by(enrollments::cohort_id)
        .select(enrollments::cohort_id)
        .order(diesel::dsl::count_star().desc())
        .first(conn)
        .expect("a running cohort");
    let size: i64 = enrollments::table
        .filter(enrollments::cohort_id.eq(&big))
        .count()
        .get_result(conn)
        .expect("size");
    (big, size)
}

/// The owner's pages over HTTP: the program dashboard (first view and cached), a large
/// cohort's progress report through the API, and the grading dashboard.
async fn owner_pages(
    client: &awc::Client,
    base: &str,
    (cookie, token): (&str, &str),
    (big, size): (&str, i64),
    enrolled: i64,
) -> Vec<Figure> {
    let mut out = Vec::new();
    let (first, d) = page(client, &format!("{base}/dashboard"), Some(cookie), None).await;
    out.push(latency(
        format!("program dashboard, {enrolled} trainees, computed (first view)"),
        "< 300 ms",
        first,
    ));
    out.push(latency(
        format!("program dashboard, {enrolled} trainees, within 30 s (median of 30)"),
        "< 300 ms",
        d,
    ));
    let (_, d) = page(
        client,
        &format!("{base}/api/v1/cohorts/{big}/progress"),
        None,
        Some(token),
    )
    .await;
    out.push(latency(
        format!("progress report of a {size}-trainee cohort (median of 30)"),
        "< 200 ms",
        d,
    ));
    let (_, d) = page(client, &format!("{base}/grading"), Some(cookie), None).await;
    out.push(latency(
        format!("grading dashboard (owner), {enrolled} trainees (median of 30)"),
        "(vs reference)",
        d,
    ));
    out
}
