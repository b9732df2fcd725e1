//! The reference page (a minimal actix-web page: one indexed query, one template) and the
//! throughput of the trainee dashboard beside it, measured in the same run with the same
//! client: 16 connections for 5 seconds each.

use std::time::{Duration, Instant};

use actix_web::{App, HttpResponse, HttpServer, web};
use diesel::prelude::*;
use qualify::db::DbPool;
use qualify::db::schema::people;

use crate::scale::Figure;

const CONNECTIONS: usize = 16;
const SECONDS: u64 = 5;

/// Starts the reference page; returns its URL for the person with `email`.
pub fn reference_server(pool: DbPool, email: &str) -> String {
    let mut tera = tera::Tera::default();
    tera.add_raw_template(
        "ref.html",
        "<!doctype html><title>ref</title><p>{{ name }}</p>",
    )
    .expect("template");
    let tera = web::Data::new(tera);
    let pool = web::Data::new(pool);
    let server = HttpServer::new(move || {
        App::new()
            .app_data(tera.clone())
            .app_data(pool.clone())
            .route("/ref/{email}", web::get().to(reference_page))
    })
    .workers(2)
    .bind("127.0.0.1:0")
    .expect("bind");
    let port = server.addrs()[0].port();
    actix_web::rt::spawn(server.run());
    format!("http://127.0.0.1:{port}/ref/{email}")
}

async fn reference_page(
    path: web::Path<String>,
    tera: web::Data<tera::Tera>,
    pool: web::Data<DbPool>,
) -> HttpResponse {
    let email = path.into_inner();
    let pool = pool.get_ref().clone();
    let name: String = web::block(move || {
        let mut conn = pool.get().expect("conn");
        people::table
            .filter(people::email_normalized.eq(email))
            .select(people::name)
            .first::<String>(&mut conn)
            .unwrap_or_default()
    })
    .await
    .unwrap_or_default();
    let mut ctx = tera::Context::new();
    ctx.insert("name", &name);
    HttpResponse::Ok()
        .content_type("text/html")
        .body(tera.render("ref.html", &ctx).unwrap_or_default())
}

/// Requests per second that `CONNECTIONS` clients get from `url` in `SECONDS`.
async fn throughput(url: &str, session: Option<&str>) -> f64 {
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
