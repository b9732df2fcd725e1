//! qualify's speed targets, measured on demo databases and printed as one table:
//! allocating 10,000 pending submissions across 300 co-trainers (< 1 s), a co-trainer's queue
//! page with 200 open reviews (< 20 ms median), rendering one certificate PDF (< 50 ms) and
//! issuing 1,000 certificates in one bulk action with PDFs and outbox rows (< 30 s), a sign-in
//! link request that answers known and unknown addresses alike (difference < noise), and
//! syncing an HR directory of 300,000 people (< 60 s, constant memory), and searching the expert
//! directory among 10,000 profiles (< 50 ms).
//!
//! Run: `cargo bench --bench targets` (SQLite in a temporary folder), or with
//! `QUALIFY_BENCH_DATABASE_URL=postgres://…/db` for PostgreSQL (the database is reset).

mod certificates;
mod directory;
mod experts;
mod exports;
mod reference;
mod scale;
mod self_study;
mod sign_in_timing;
mod smtp;
mod trainee;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{NaiveDateTime, TimeZone, Utc};
use diesel::QueryResult;
use qualify::clock::{Clock, FixedClock};
use qualify::config::Settings;
use qualify::db::models::{
    Cohort, CohortCotrainer, Cotrainer, CurriculumVersion, Enrollment, Person, Program, QueuedSlot,
    Submission, SubmissionVersion,
};
use qualify::db::{DbConnection, DbPool, build_pool, write_tx};
use qualify::domain::ids::{CohortId, EnrollmentId, PersonId};
use qualify::domain::states::SubmissionState;
use qualify::mail::compose::Composer;

const COHORTS: usize = 10;
const COTRAINERS: usize = 300;
const PENDING: usize = 10_000;
const UNITS: [&str; 8] = [
    "Sales",
    "HR",
    "IT",
    "Finance",
    "Ops",
    "Legal",
    "R&D",
    "Marketing",
];

fn bench_settings(dir: &std::path::Path, url: &str) -> Settings {
    let mut map = BTreeMap::new();
    let content = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("course_content");
    for (k, v) in [
        ("QUALIFY_DATABASE_URL", url.to_string()),
        ("QUALIFY_BIND", "127.0.0.1:0".into()),
        ("QUALIFY_DATA_DIR", dir.join("data").display().to_string()),
        ("QUALIFY_CONTENT_DIR", content.display().to_string()),
        ("QUALIFY_SECRET_KEY", "cd".repeat(32)),
        ("QUALIFY_MAIL_WORKER", "off".into()),
        ("QUALIFY_SCHEDULER", "off".into()),
        ("QUALIFY_LOG", "warn".into()),
    ] {
        map.insert(k.to_string(), v);
    }
    Settings::from_map(&map).expect("bench settings")
}

fn person(i: usize, kind: &str, now: NaiveDateTime) -> Person {
    let email = format!("{kind}{i}@bench.example");
    Person {
        id: PersonId::new(),
        email_normalized: email.clone(),
        email,
        name: format!("{kind} {i}"),
        language: if i.is_multiple_of(3) { "de" } else { "en" }.into(),
        time_zone: "Europe/Berlin".into(),
        org_unit: Some(UNITS[i % UNITS.len()].into()),
        manager_email: None,
        password_hash: None,
        status: qualify::domain::states::PersonStatus::Active,
        lock_version: 1,
        created_at: now,
        updated_at: now,
        last_sign_in_at: None,
        employee_id: None,
        manager_employee_id: None,
        scim_external_id: None,
        scim_deleted_at: None,
    }
}

/// 10 cohorts, 300 co-trainers (30 per cohort, one with a large capacity), and 10,000
/// submitted versions waiting in the allocation queue. Returns the large co-trainer.
fn build(conn: &mut DbConnection, now: NaiveDateTime) -> PersonId {
    write_tx(conn, |conn| -> Result<PersonId, diesel::result::Error> {
        let program =
            Program::list_of_kind(conn, qualify::domain::states::ProgramKind::Cohort)?.remove(0);
        let version = CurriculumVersion::find_current(conn, &program.id)?.expect("curriculum");
        let assignment = qualify::db::models::Assignment::list_by_version(conn, &version.id)?
            .into_iter()
            .find(|a| a.slug == "purpose-canvas")
            .expect("purpose canvas");
        let cohorts = bench_cohorts(conn, &program, &version, now)?;
        let large = bench_cotrainers(conn, &program, &cohorts, now)?;
        pending(conn, &assignment, &cohorts, now)?;
        Ok(large)
    })
    .expect("bench data")
}

/// The running cohorts the work is spread over.
fn bench_cohorts(
    conn: &mut DbConnection,
    program: &Program,
    version: &CurriculumVersion,
    now: NaiveDateTime,
) -> QueryResult<Vec<CohortId>> {
    let mut cohorts = Vec::new();
    for c in 0..COHORTS {
        let id = CohortId::new();
        Cohort::create(
            conn,
            &Cohort {
                id: id.clone(),
                program_id: program.id.clone(),
                curriculum_version_id: version.id.clone(),
                name: format!("Bench {c}"),
                starts_on: "2026-03-02".into(),
                time_zone: "Europe/Berlin".into(),
                state: qualify::domain::states::CohortState::Running,
                lock_version: 1,
                created_at: now,
                updated_at: now,
            },
        )?;
        cohorts.push(id);
    }
    Ok(cohorts)
}

/// The co-trainers, in the pool and spread over the cohorts; returns the first, who takes
/// up to 300 reviews (the others 40).
fn bench_cotrainers(
    conn: &mut DbConnection,
    program: &Program,
    cohorts: &[CohortId],
    now: NaiveDateTime,
) -> QueryResult<PersonId> {
    let mut large = None;
    for i in 0..COTRAINERS {
        let p = person(i, "coach", now);
        Person::create(conn, &p)?;
        let capacity = if i == 0 { 300 } else { 40 };
        Cotrainer::create_if_absent(
            conn,
            &Cotrainer {
                id: qualify::domain::ids::CotrainerId::new(),
                program_id: program.id.clone(),
                person_id: p.id.clone(),
                capacity,
                languages: "de,en".into(),
                active: true,
                source: "owner".into(),
                lock_version: 1,
                created_at: now,
                removed_at: None,
                calibrated_at: Some(now),
            },
        )?;
        CohortCotrainer::add(
            conn,
            &CohortCotrainer {
                cohort_id: cohorts[i % COHORTS].clone(),
                person_id: p.id.clone(),
                added_at: now,
            },
        )?;
        if i == 0 {
            large = Some(p.id);
        }
    }
    Ok(large.expect("a large co-trainer"))
}

/// One trainee per pending submission: enrolled, handed in, and waiting in the queue.
fn pending(
    conn: &mut DbConnection,
    assignment: &qualify::db::models::Assignment,
    cohorts: &[CohortId],
    now: NaiveDateTime,
) -> QueryResult<()> {
    for i in 0..PENDING {
        let p = person(i, "trainee", now);
        Person::create(conn, &p)?;
        let enrollment = EnrollmentId::new();
        let cohort = cohorts[i % COHORTS].clone();
        Enrollment::create(
            conn,
            &Enrollment {
                id: enrollment.clone(),
                cohort_id: cohort.clone(),
                person_id: p.id.clone(),
                state: qualify::domain::states::EnrollmentState::Active,
                lock_version: 1,
                enrolled_at: now,
                updated_at: now,
                certified_at: None,
            },
        )?;
        let submission = Submission {
            state: SubmissionState::Submitted,
            current_version: 1,
            ..Submission::draft(&enrollment, &assignment.id, &cohort, &p.language, now)
        };
        Submission::create(conn, &submission)?;
        let body = "## Purpose\nA community for supplier quality.";
        let version = SubmissionVersion::handed_in(&submission, body, false, now);
        let version_id = version.id.clone();
        SubmissionVersion::create(conn, &version)?;
        QueuedSlot::enqueue(
            conn,
            &QueuedSlot {
                submission_version_id: version_id,
                slot: 1,
                cohort_id: cohort,
                queued_at: now,
                reason: "{}".into(),
            },
        )?;
    }
    Ok(())
}

/// Empties the PostgreSQL database the benchmark was given (`docs/performance.md` says it is
/// reset). Dropping the schema is sure where reverting every migration is not: over a database
/// a demo has filled, a revert can fail, leave the data in place and stop the run at the demo.
fn reset_postgres(conn: &mut qualify::db::DbConnection) {
    use diesel::connection::SimpleConnection;
    conn.batch_execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        .expect("reset the benchmark's PostgreSQL database");
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

#[actix_web::main]
async fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = std::env::var("QUALIFY_BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", dir.path().join("bench.db").display()));
    let backend = if url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let settings = bench_settings(dir.path(), &url);
    let pool = build_pool(&settings.database, 2).expect("pool");
    let clock = Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap(),
    ));
    let now = clock.now_naive();
    prepare(&pool, &settings, backend, now).await;
    let large = {
        let mut conn = pool.get().expect("connection");
        build(&mut conn, now)
    };
    let templates = Arc::new(qualify::web::templates::Templates::load().expect("templates"));
    let composer = Composer::new(templates, &settings.base_url, &settings.mail_from)
        .with_unsubscribe_key(&settings.secret_key)
        .with_reply_to(settings.mail_reply_to.as_deref());
    let started = Instant::now();
    let allocated = {
        let mut conn = pool.get().expect("connection");
        qualify::grading::allocate::drain(&mut conn, &composer, PENDING as i64, now)
            .expect("allocation")
    };
    let allocation = started.elapsed();
    assert_eq!(allocated, PENDING, "every pending submission allocated");
    let open = {
        let mut conn = pool.get().expect("connection");
        qualify::db::models::Review::list_open_by_reviewer(&mut conn, &large)
            .expect("queue")
            .len()
    };

    // The queue page over HTTP, signed in as the large co-trainer.
    let cookie = {
        let mut conn = pool.get().expect("connection");
        qualify::accounts::session::start(&mut conn, &large, None, now, &settings).expect("session")
    };
    let app = qualify::startup::Application::build(settings.clone(), clock.clone())
        .await
        .expect("app");
    let address = format!("http://127.0.0.1:{}/reviews", app.port());
    actix_web::rt::spawn(app.run_until_stopped());
    let queue = queue_page(&address, &cookie).await;
    let base = address.trim_end_matches("/reviews").to_string();
    let timing = sign_in_timing::measure(&base, &clock, COTRAINERS).await;
    let certs = certificates::measure(&pool, &composer, now);
    let mut figures = first_figures(allocation, open, queue, &certs);
    figures.push(timing);
    figures.extend(directory::measure(&pool, &composer, dir.path(), now));
    // Company scale, in a database of its own.
    let trainees: usize = std::env::var("QUALIFY_BENCH_TRAINEES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let scale_url = if backend == "PostgreSQL" {
        url.clone()
    } else {
        format!("sqlite://{}", dir.path().join("scale.db").display())
    };
    let scale_settings = bench_settings(&dir.path().join("scale"), &scale_url);
    let scale_pool = build_pool(&scale_settings.database, 4).expect("pool");
    prepare(&scale_pool, &scale_settings, backend, now).await;
    let (more, reference) = scale::measure(
        &scale_settings,
        &scale_pool,
        &composer,
        clock.clone(),
        now,
        trainees,
    )
    .await;
    figures.extend(more);
    print_table(backend, figures, reference);
}

/// A fresh database: emptied (PostgreSQL), migrated, with the curriculum loaded.
async fn prepare(pool: &DbPool, settings: &Settings, backend: &str, now: NaiveDateTime) {
    {
        let mut conn = pool.get().expect("connection");
        if backend == "PostgreSQL" {
            reset_postgres(&mut conn);
        }
        qualify::db::migrations::run_pending(&mut conn).expect("migrations");
    }
    let storage =
        qualify::storage::Storage::open(&settings.storage, &settings.data_dir).expect("storage");
    qualify::content::sync_folder(pool, &storage, &settings.content_dir, now)
        .await
        .expect("content");
}

/// The median time of the co-trainer's queue page over HTTP (50 requests after 10 warm-ups).
async fn queue_page(address: &str, cookie: &str) -> Duration {
    let client = awc::Client::default();
    let mut samples = Vec::new();
    for i in 0..60 {
        let t = Instant::now();
        let mut resp = client
            .get(address)
            .insert_header(("Cookie", format!("qualify_session={cookie}")))
            .send()
            .await
            .expect("queue page");
        let body = resp.body().limit(10_000_000).await.expect("body");
        assert_eq!(resp.status(), 200);
        assert!(body.len() > 10_000);
        if i >= 10 {
            samples.push(t.elapsed());
        }
    }
    median(samples)
}

/// The figures of allocation, the queue page and certificates.
fn first_figures(
    allocation: Duration,
    open: usize,
    queue: Duration,
    certs: &certificates::Figures,
) -> Vec<scale::Figure> {
    vec![
        scale::Figure {
            name: format!("allocate {PENDING} pending submissions across {COTRAINERS} co-trainers"),
            target: "< 1 s",
            measured: format!("{:.0} ms", allocation.as_secs_f64() * 1000.0),
            seconds: Some(allocation.as_secs_f64()),
        },
        scale::Figure {
            name: format!("queue page of a co-trainer with {open} open reviews (median of 50)"),
            target: "< 20 ms",
            measured: format!("{:.1} ms", queue.as_secs_f64() * 1000.0),
            seconds: Some(queue.as_secs_f64()),
        },
        scale::Figure {
            name: "render one certificate PDF (median of 200)".into(),
            target: "< 50 ms",
            measured: format!("{:.2} ms", certs.pdf.as_secs_f64() * 1000.0),
            seconds: Some(certs.pdf.as_secs_f64()),
        },
        scale::Figure {
            name: format!(
                "issue {} certificates in one bulk action, PDFs and outbox rows included",
                certs.issued
            ),
            target: "< 30 s",
            measured: format!("{:.1} s", certs.bulk.as_secs_f64()),
            seconds: Some(certs.bulk.as_secs_f64()),
        },
    ]
}

/// Prints the table of figures, each with its ratio to the reference page.
fn print_table(backend: &str, figures: Vec<scale::Figure>, reference: Duration) {
    println!("\n| figure ({backend}) | target | measured | × reference |");
    println!("|---|---|---|---|");
    for f in figures {
        let ratio = f.seconds.map_or("-".to_string(), |s| {
            format!("{:.0}×", s / reference.as_secs_f64())
        });
        println!("| {} | {} | {} | {ratio} |", f.name, f.target, f.measured);
    }
    println!(
        "\nreference page: {:.2} ms; resident memory at the end: {} MB",
        reference.as_secs_f64() * 1000.0,
        scale::rss() >> 20
    );
}
