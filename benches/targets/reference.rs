//! The reference page of the speed targets: a minimal actix-web page that runs one indexed
//! query and renders one template. Used by `cargo bench --bench targets` (in its process) and
//! by `examples/reference_page.rs` (a process of its own, for `scripts/bench.sh`).

use actix_web::{App, HttpResponse, HttpServer, web};
use diesel::prelude::*;
use qualify::db::DbPool;
use qualify::db::schema::people;

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
            .first::<String>(&mut **conn)
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
