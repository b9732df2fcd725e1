//! Whether a sign-in link request tells by its timing that an address has an account: requests
//! for known and unknown addresses, interleaved (known, unknown, unknown, known, …), each timed
//! to the end of its answer, with the work left for after the answer finished before the next
//! request. The noise is how far two halves of the same kind's samples differ in their medians.

use std::sync::Arc;
use std::time::{Duration, Instant};

use qualify::clock::FixedClock;

use crate::scale::{Figure, figure};

/// Request pairs measured (after ten warm-up pairs).
const PAIRS: usize = 300;

/// Known addresses are the bench's co-trainers (`coach{i}@bench.example`).
pub async fn measure(base: &str, clock: &Arc<FixedClock>, known_people: usize) -> Figure {
    let client = awc::Client::default();
    let (cookie, token) = csrf(&client, base).await;
    let (mut known, mut unknown) = (Vec::new(), Vec::new());
    for i in 0..PAIRS + 10 {
        if i % 10 == 0 {
            // Past the per-address window: the limit is not what is measured.
            clock.advance(chrono::Duration::minutes(16));
        }
        let known_email = format!("coach{}@bench.example", i % known_people);
        let unknown_email = format!("nobody{i}@bench.example");
        let order = if i % 2 == 0 {
            [(true, known_email), (false, unknown_email)]
        } else {
            [(false, unknown_email), (true, known_email)]
        };
        for (is_known, email) in order {
            let took = request(&client, base, &cookie, &token, &email).await;
            qualify::db::after_response::settled().await;
            if i >= 10 {
                if is_known { &mut known } else { &mut unknown }.push(took);
            }
        }
    }
    let noise = split_half(&known).max(split_half(&unknown));
    let (k, u) = (median(known.clone()), median(unknown.clone()));
    let difference = k.abs_diff(u);
    figure(
        "sign-in link answer, known vs unknown address (median)",
        "difference < noise",
        format!(
            "{:.3} / {:.3} ms, difference {:.3} ms, noise {:.3} ms",
            ms(k),
            ms(u),
            ms(difference),
            ms(noise)
        ),
        Some(k.as_secs_f64()),
    )
}

/// The anonymous CSRF cookie and the sign-in form's token.
async fn csrf(client: &awc::Client, base: &str) -> (String, String) {
    let mut resp = client
        .get(format!("{base}/sign-in"))
        .send()
        .await
        .expect("sign-in page");
    let cookie = resp
        .cookies()
        .expect("cookies")
        .iter()
        .find(|c| c.name().ends_with("qualify_csrf"))
        .map(|c| format!("{}={}", c.name(), c.value()))
        .expect("csrf cookie");
    let body = resp.body().await.expect("body");
    let body = String::from_utf8_lossy(&body);
    let token = body
        .split("name=\"csrf_token\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("csrf token on the sign-in page")
        .to_string();
    (cookie, token)
}

/// One link request, timed to the end of its answer.
async fn request(
    client: &awc::Client,
    base: &str,
    cookie: &str,
    token: &str,
    email: &str,
) -> Duration {
    let started = Instant::now();
    let mut resp = client
        .post(format!("{base}/sign-in/link"))
        .insert_header(("Cookie", cookie))
        .send_form(&[("email", email), ("csrf_token", token)])
        .await
        .expect("link request");
    let _ = resp.body().await.expect("body");
    let took = started.elapsed();
    assert_eq!(resp.status(), 200, "link request for {email}");
    took
}

/// The difference of the medians of the even and the odd samples.
fn split_half(samples: &[Duration]) -> Duration {
    let even = samples.iter().step_by(2).copied().collect();
    let odd = samples.iter().skip(1).step_by(2).copied().collect();
    median(even).abs_diff(median(odd))
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
