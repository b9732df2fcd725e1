//! The certification register exported as CSV and as XLSX, timed, with the growth of the
//! resident memory while it is written.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use qualify::config::Settings;
use qualify::reports::csv_out::CsvSink;
use qualify::reports::xlsx::XlsxSink;
use qualify::reports::{Report, Scope, Spec};

use crate::scale::{Figure, figure, rss};

/// The whole register exported as CSV and as XLSX, with time and memory growth.
pub fn exports(
    conn: &mut qualify::db::DbConnection,
    settings: &Settings,
    now: NaiveDateTime,
) -> Vec<Figure> {
    let spec = |report| Spec {
        report,
        scope: Scope::default(),
        lang: qualify::domain::language::Language::De,
        now,
        base_url: settings.base_url.clone(),
    };
    let mut out = Vec::new();
    let (rows, took, grew) = with_memory(|| {
        let mut sink = CsvSink::new(io::sink()).expect("csv");
        qualify::reports::write(conn, &spec(Report::Certificates), &mut sink).expect("csv export")
    });
    out.push(figure(
        format!(
            "register of {rows} certificates as CSV (memory growth {} MB)",
            grew >> 20
        ),
        "< 2 s, < 200 MB",
        format!("{:.2} s", took.as_secs_f64()),
        Some(took.as_secs_f64()),
    ));
    let (rows, took, grew) = with_memory(|| {
        let mut sink = XlsxSink::new(io::sink(), "Register").expect("xlsx");
        qualify::reports::write(conn, &spec(Report::Certificates), &mut sink).expect("xlsx export")
    });
    out.push(figure(
        format!(
            "register of {rows} certificates as XLSX (memory growth {} MB)",
            grew >> 20
        ),
        "< 8 s, < 200 MB",
        format!("{:.2} s", took.as_secs_f64()),
        Some(took.as_secs_f64()),
    ));
    out
}

/// Runs `f` while sampling the resident memory; returns its result, the time and the peak
/// growth over the memory before.
pub fn with_memory<T>(f: impl FnOnce() -> T) -> (T, Duration, u64) {
    let before = rss();
    let peak = Arc::new(AtomicU64::new(before));
    let done = Arc::new(AtomicBool::new(false));
    let sampler = {
        let (peak, done) = (peak.clone(), done.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                peak.fetch_max(rss(), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(5));
            }
        })
    };
    let started = Instant::now();
    let out = f();
    let took = started.elapsed();
    done.store(true, Ordering::Relaxed);
    sampler.join().ok();
    (
        out,
        took,
        peak.load(Ordering::Relaxed).saturating_sub(before),
    )
}
