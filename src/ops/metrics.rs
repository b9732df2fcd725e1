//! Operational metrics in the Prometheus text format (version 0.0.4), kept and written by
//! `prometheus-client`: requests and their latency by route pattern (never the raw path: tokens
//! stay out), the scheduler tick's duration. The outbox and the database pool are read when
//! `/metrics` is scraped and exposed as that scrape's gauges. In-process metrics, per instance.
//!
//! Counting a request takes no lock of its own: the families look up their series under a read
//! lock, and the labels own the route pattern the request span already matched, so a request
//! adds no allocation once its series exists.

use std::borrow::Cow;
use std::sync::LazyLock;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::prometheus_text;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

/// The `Content-Type` of what [`render`] writes.
pub const CONTENT_TYPE: &str = prometheus_text::CONTENT_TYPE;

/// Upper bounds of the latency histograms, seconds.
const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

fn latency_histogram() -> Histogram {
    Histogram::new(BUCKETS)
}

/// A request's method and route pattern.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: Cow<'static, str>,
    route: String,
}

/// A request's method, route pattern and status.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    #[prometheus(flatten)]
    route: RouteLabels,
    status: u16,
}

/// The metrics kept in process, registered once.
struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
    ticks: Counter,
    tick_seconds: Histogram,
    last_tick_seconds: Gauge<f64, AtomicU64>,
}

impl Metrics {
    fn new() -> Self {
        let mut m = Self {
            registry: Registry::default(),
            requests: Family::default(),
            latency: Family::new_with_constructor(latency_histogram),
            ticks: Counter::default(),
            tick_seconds: latency_histogram(),
            last_tick_seconds: Gauge::default(),
        };
        let registry = &mut m.registry;
        registry.register(
            "qualify_http_requests",
            "HTTP requests by method, route pattern and status",
            m.requests.clone(),
        );
        registry.register(
            "qualify_http_request_duration_seconds",
            "Time to answer, by method and route pattern",
            m.latency.clone(),
        );
        registry.register(
            "qualify_scheduler_ticks",
            "Scheduler ticks run by this instance",
            m.ticks.clone(),
        );
        registry.register(
            "qualify_scheduler_tick_seconds",
            "Time spent in scheduler ticks",
            m.tick_seconds.clone(),
        );
        registry.register(
            "qualify_scheduler_last_tick_seconds",
            "Duration of the last tick",
            m.last_tick_seconds.clone(),
        );
        m
    }
}

static METRICS: LazyLock<Metrics> = LazyLock::new(Metrics::new);

/// The method as a label value; the standard methods need no allocation.
fn method_label(method: &str) -> Cow<'static, str> {
    const STANDARD: [&str; 9] = [
        "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "CONNECT", "TRACE",
    ];
    match STANDARD.iter().find(|m| **m == method) {
        Some(m) => Cow::Borrowed(m),
        None => Cow::Owned(method.to_owned()),
    }
}

/// Counts one request and its latency under its route pattern.
pub fn request(method: &str, route: String, status: u16, took: Duration) {
    let route = RouteLabels {
        method: method_label(method),
        route,
    };
    METRICS
        .latency
        .get_or_create(&route)
        .observe(took.as_secs_f64());
    METRICS
        .requests
        .get_or_create(&RequestLabels { route, status })
        .inc();
}

/// Records one scheduler tick.
pub fn tick(took: Duration) {
    let seconds = took.as_secs_f64();
    METRICS.ticks.inc();
    METRICS.tick_seconds.observe(seconds);
    METRICS.last_tick_seconds.set(seconds);
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

/// An outbox status.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutboxLabels {
    status: String,
}

/// A state of the pool's connections: open, idle or max.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    state: &'static str,
}

/// A registry holding this scrape's database figures, so a status that has no rows any more
/// is not reported with an old count.
fn scrape_registry(g: &Gauges) -> Registry {
    let mut registry = Registry::default();
    let outbox = Family::<OutboxLabels, Gauge>::default();
    for (status, n) in &g.outbox {
        outbox
            .get_or_create(&OutboxLabels {
                status: status.clone(),
            })
            .set(*n);
    }
    registry.register(
        "qualify_outbox_mails",
        "Mails in the outbox by status",
        outbox,
    );
    let oldest = Gauge::<f64, AtomicU64>::default();
    oldest.set(g.oldest_pending_seconds);
    registry.register(
        "qualify_outbox_oldest_pending_seconds",
        "Age of the oldest mail waiting to be sent",
        oldest,
    );
    let pool = Family::<PoolLabels, Gauge>::default();
    for (state, n) in [
        ("open", g.pool_connections),
        ("idle", g.pool_idle),
        ("max", g.pool_max),
    ] {
        pool.get_or_create(&PoolLabels { state }).set(n.into());
    }
    registry.register(
        "qualify_db_pool_connections",
        "Database connections open, idle and allowed",
        pool,
    );
    registry
}

/// The whole exposition: the in-process metrics, then this scrape's database figures.
pub fn render(g: &Gauges) -> String {
    let mut out = String::new();
    prometheus_text::encode(&mut out, &METRICS.registry).expect("writing to a String");
    prometheus_text::encode(&mut out, &scrape_registry(g)).expect("writing to a String");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One sample: metric name, labels as `k="v"` joined by commas, value.
    type Sample = (String, String, f64);

    fn is_name(s: &str) -> bool {
        let mut chars = s.chars();
        chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == ':')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
    }

    /// Reads `k="v",…}` up to the closing brace; returns the labels and the rest of the line.
    fn labels(mut rest: &str) -> (Vec<(String, String)>, &str) {
        let mut out = Vec::new();
        while !rest.starts_with('}') {
            let (key, after) = rest.split_once("=\"").expect("label key");
            assert!(is_name(key), "label name {key:?}");
            let mut value = String::new();
            let mut chars = after.char_indices();
            let end = loop {
                match chars.next().expect("closed label value") {
                    (_, '\\') => match chars.next().expect("escape").1 {
                        'n' => value.push('\n'),
                        c @ ('\\' | '"') => value.push(c),
                        c => panic!("bad escape \\{c}"),
                    },
                    (i, '"') => break i,
                    (_, c) => value.push(c),
                }
            };
            out.push((key.to_string(), value));
            rest = &after[end + 1..];
            rest = rest.strip_prefix(',').unwrap_or(rest);
        }
        (out, &rest[1..])
    }

    /// Parses the Prometheus text format (0.0.4) strictly: every sample belongs to the family
    /// whose `# TYPE` came last, with the suffixes its type allows, and appears once.
    fn parse(text: &str) -> Vec<Sample> {
        let mut family: Option<(String, String)> = None;
        let mut samples: Vec<Sample> = Vec::new();
        for line in text.lines() {
            if let Some(help) = line.strip_prefix("# HELP ") {
                assert!(is_name(help.split(' ').next().unwrap()), "{line}");
            } else if let Some(ty) = line.strip_prefix("# TYPE ") {
                let (name, kind) = ty.split_once(' ').expect(line);
                assert!(is_name(name), "{line}");
                assert!(["counter", "gauge", "histogram", "untyped"].contains(&kind));
                family = Some((name.to_string(), kind.to_string()));
            } else {
                let end = line.find(['{', ' ']).expect(line);
                let name = &line[..end];
                let (pairs, value) = match line[end..].strip_prefix('{') {
                    Some(rest) => labels(rest),
                    None => (Vec::new(), &line[end..]),
                };
                let value: f64 = match value.trim_start_matches(' ') {
                    "+Inf" => f64::INFINITY,
                    v => v.parse().unwrap_or_else(|_| panic!("value in {line}")),
                };
                let (family, kind) = family.as_ref().expect("a sample after its # TYPE");
                let suffix = name.strip_prefix(family.as_str()).expect(line);
                let allowed: &[&str] = match kind.as_str() {
                    "histogram" => &["_bucket", "_sum", "_count"],
                    _ => &[""],
                };
                assert!(allowed.contains(&suffix), "{line} in {family}");
                let labels = pairs
                    .iter()
                    .map(|(k, v)| format!("{k}=\"{v}\""))
                    .collect::<Vec<_>>()
                    .join(",");
                assert!(
                    !samples.iter().any(|s| s.0 == name && s.1 == labels),
                    "duplicate {line}"
                );
                samples.push((name.to_string(), labels, value));
            }
        }
        samples
    }

    fn value(samples: &[Sample], name: &str, labels: &str) -> Option<f64> {
        samples
            .iter()
            .find(|s| s.0 == name && s.1 == labels)
            .map(|s| s.2)
    }

    #[test]
    fn two_requests_are_counted_with_their_labels_in_valid_prometheus_text() {
        let route = "/metrics-test/{id}";
        request("GET", route.into(), 200, Duration::from_millis(3));
        request("GET", route.into(), 200, Duration::from_millis(30));
        request("PROPFIND", route.into(), 405, Duration::from_millis(1));
        tick(Duration::from_millis(20));
        let gauges = Gauges {
            outbox: vec![("pending".into(), 2), ("sent".into(), 5)],
            oldest_pending_seconds: 90.0,
            pool_max: 4,
            ..Default::default()
        };
        let samples = parse(&render(&gauges));
        let get = format!(r#"method="GET",route="{route}""#);
        assert_eq!(
            value(
                &samples,
                "qualify_http_requests_total",
                &format!(r#"{get},status="200""#)
            ),
            Some(2.0)
        );
        assert_eq!(
            value(
                &samples,
                "qualify_http_requests_total",
                &format!(r#"method="PROPFIND",route="{route}",status="405""#)
            ),
            Some(1.0)
        );
        let bucket = |le: &str| {
            value(
                &samples,
                "qualify_http_request_duration_seconds_bucket",
                &format!(r#"{get},le="{le}""#),
            )
        };
        assert_eq!(bucket("0.005"), Some(1.0));
        assert_eq!(bucket("0.025"), Some(1.0));
        assert_eq!(bucket("0.05"), Some(2.0));
        assert_eq!(bucket("+Inf"), Some(2.0));
        let sum = value(&samples, "qualify_http_request_duration_seconds_sum", &get);
        assert!((sum.unwrap() - 0.033).abs() < 1e-9, "{sum:?}");
        assert_eq!(
            value(
                &samples,
                "qualify_http_request_duration_seconds_count",
                &get
            ),
            Some(2.0)
        );
        assert!(value(&samples, "qualify_scheduler_ticks_total", "").unwrap() >= 1.0);
        assert!(value(&samples, "qualify_scheduler_tick_seconds_sum", "").unwrap() > 0.0);
        assert!(value(&samples, "qualify_scheduler_last_tick_seconds", "").is_some());
        let outbox = |s: &str| {
            value(
                &samples,
                "qualify_outbox_mails",
                &format!(r#"status="{s}""#),
            )
        };
        assert_eq!((outbox("pending"), outbox("sent")), (Some(2.0), Some(5.0)));
        assert_eq!(
            value(&samples, "qualify_outbox_oldest_pending_seconds", ""),
            Some(90.0)
        );
        let pool = |s: &str| {
            value(
                &samples,
                "qualify_db_pool_connections",
                &format!(r#"state="{s}""#),
            )
        };
        assert_eq!((pool("open"), pool("max")), (Some(0.0), Some(4.0)));
    }

    #[test]
    fn an_outbox_status_without_rows_is_not_reported() {
        let before = Gauges {
            outbox: vec![("failed".into(), 1)],
            ..Default::default()
        };
        assert!(render(&before).contains(r#"qualify_outbox_mails{status="failed"} 1"#));
        let text = render(&Gauges::default());
        assert!(!text.contains(r#"status="failed""#), "{text}");
        parse(&text);
    }
}
