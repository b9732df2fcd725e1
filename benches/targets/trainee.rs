//! The reference page (a minimal actix-web page: one indexed query, one template) and the
//! throughput of the trainee dashboard beside it, measured in the same run with the same
//! client: 16 connections for 5 seconds each.

use std::time::{Duration, Instant};

use crate::scale::Figure;

const CONNECTIONS: usize = 16;
const SECONDS: u64 = 5;

/// Requests per second that `CONNECTIONS` clients get from `url` in `SECONDS`.
pub async fn throughput(url: &str, session: Option<&str>) -> f64 {
    let deadline = Instant::now() + Duration::from_secs(SECONDS);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CONNECTIONS {
        let (url, cookie) = (
            url.to_string(),
            session.map(|s| format!("qualify_session={s}")),
        );
        tasks.push(actix_web::rt::spawn(async move {
            let client = awc::Client::builder()
                .timeout(Duration::from_secs(30))
                .finish();
            let mut done = 0u64;
            while Instant::now() < deadline {
                let mut req = client.get(&url);
                if let Some(c) = &cookie {
                    req = req.insert_header(("Cookie", c.clone()));
                }
                let mut resp = req.send().await.expect("request");
                resp.body().limit(10 << 20).await.expect("body");
                assert_eq!(resp.status(), 200, "{url}");
                done += 1;
            }
            done
        }));
    }
    let mut total = 0;
    for t in tasks {
        total += t.await.expect("client task");
    }
    total as f64 / started.elapsed().as_secs_f64()
}

/// The trainee dashboard's throughput and the reference's, one after the other.
pub async fn side_by_side(learn: &str, session: &str, reference: &str) -> Vec<Figure> {
    let page = throughput(learn, Some(session)).await;
    let base = throughput(reference, None).await;
    vec![Figure {
        name: format!("trainee dashboard throughput, {CONNECTIONS} connections for {SECONDS} s"),
        target: ">= 25 % of the reference",
        measured: format!(
            "{page:.0} req/s = {:.0} % of the reference ({base:.0} req/s)",
            page / base * 100.0
        ),
        seconds: None,
    }]
}
