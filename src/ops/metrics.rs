//! Operational metrics in the Prometheus text format: requests and their latency by route
//! pattern (never the raw path: tokens stay out), the scheduler tick's duration. The outbox and
//! the database pool are read when `/metrics` is scraped. In-process counters, per instance.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds of the latency histogram, seconds.
const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

#[derive(Default)]
struct Latency {
    counts: [u64; BUCKETS.len()],
    total: u64,
    sum: f64,
}

#[derive(Default)]
struct Registry {
    requests: BTreeMap<(String, String, u16), u64>,
    latency: BTreeMap<(String, String), Latency>,
    ticks: u64,
    tick_seconds_sum: f64,
    last_tick_seconds: f64,
}

static REGISTRY: Mutex<Option<Registry>> = Mutex::new(None);

fn with<T>(f: impl FnOnce(&mut Registry) -> T) -> T {
    let mut guard = REGISTRY.lock().unwrap_or_else(|e| e.into_inner());
    f(guard.get_or_insert_with(Registry::default))
}

/// Counts one request.
pub fn request(method: &str, route: &str, status: u16, took: Duration) {
    let seconds = took.as_secs_f64();
    with(|r| {
        *r.requests
            .entry((method.to_string(), route.to_string(), status))
            .or_default() += 1;
        let l = r
            .latency
            .entry((method.to_string(), route.to_string()))
            .or_default();
        l.total += 1;
        l.sum += seconds;
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                l.counts[i] += 1;
            }
        }
    });
}

/// Records one scheduler tick.
pub fn tick(took: Duration) {
    with(|r| {
        r.ticks += 1;
        r.tick_seconds_sum += took.as_secs_f64();
        r.last_tick_seconds = took.as_secs_f64();
    });
}

fn label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', " ")
}

/// Figures read from the database at scrape time.
#[derive(Debug, Default)]
pub struct Gauges {
    /// Outbox rows by status.
    pub outbox: Vec<(String, i64)>,
    /// Age of the oldest pending mail, seconds.
    pub oldest_pending_seconds: f64,
    /// Connections in the pool.
    pub pool_connections: u32,
    /// Of those, idle.
    pub pool_idle: u32,
    /// The pool's maximum.
    pub pool_max: u32,
}

/// The whole exposition.
pub fn render(g: &Gauges) -> String {
    let mut out = String::new();
    with(|r| {
        out.push_str("# HELP qualify_http_requests_total HTTP requests by method, route pattern and status.\n# TYPE qualify_http_requests_total counter\n");
        for ((method, route, status), n) in &r.requests {
            let _ = writeln!(
                out,
                "qualify_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{status}\"}} {n}",
                label(method),
                label(route)
            );
        }
        out.push_str("# HELP qualify_http_request_duration_seconds Time to answer, by method and route pattern.\n# TYPE qualify_http_request_duration_seconds histogram\n");
        for ((method, route), l) in &r.latency {
            let labels = format!("method=\"{}\",route=\"{}\"", label(method), label(route));
            for (i, bound) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "qualify_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {}",
                    l.counts[i]
                );
            }
            let _ = writeln!(
                out,
                "qualify_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                l.total
            );
            let _ = writeln!(
                out,
                "qualify_http_request_duration_seconds_sum{{{labels}}} {}",
                l.sum
            );
            let _ = writeln!(
                out,
                "qualify_http_request_duration_seconds_count{{{labels}}} {}",
                l.total
            );
        }
        out.push_str("# HELP qualify_scheduler_ticks_total Scheduler ticks run by this instance.\n# TYPE qualify_scheduler_ticks_total counter\n");
        let _ = writeln!(out, "qualify_scheduler_ticks_total {}", r.ticks);
        out.push_str("# HELP qualify_scheduler_tick_seconds_sum Time spent in scheduler ticks.\n# TYPE qualify_scheduler_tick_seconds_sum counter\n");
        let _ = writeln!(
            out,
            "qualify_scheduler_tick_seconds_sum {}",
            r.tick_seconds_sum
        );
        out.push_str("# HELP qualify_scheduler_last_tick_seconds Duration of the last tick.\n# TYPE qualify_scheduler_last_tick_seconds gauge\n");
        let _ = writeln!(
            out,
            "qualify_scheduler_last_tick_seconds {}",
            r.last_tick_seconds
        );
    });
    out.push_str("# HELP qualify_outbox_mails Mails in the outbox by status.\n# TYPE qualify_outbox_mails gauge\n");
    for (status, n) in &g.outbox {
        let _ = writeln!(
            out,
            "qualify_outbox_mails{{status=\"{}\"}} {n}",
            label(status)
        );
    }
    out.push_str("# HELP qualify_outbox_oldest_pending_seconds Age of the oldest mail waiting to be sent.\n# TYPE qualify_outbox_oldest_pending_seconds gauge\n");
    let _ = writeln!(
        out,
        "qualify_outbox_oldest_pending_seconds {}",
        g.oldest_pending_seconds
    );
    out.push_str("# HELP qualify_db_pool_connections Database connections open, idle and allowed.\n# TYPE qualify_db_pool_connections gauge\n");
    let _ = writeln!(
        out,
        "qualify_db_pool_connections{{state=\"open\"}} {}",
        g.pool_connections
    );
    let _ = writeln!(
        out,
        "qualify_db_pool_connections{{state=\"idle\"}} {}",
        g.pool_idle
    );
    let _ = writeln!(
        out,
        "qualify_db_pool_connections{{state=\"max\"}} {}",
        g.pool_max
    );
    out
}
