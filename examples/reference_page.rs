//! The speed targets' reference page in a process of its own: a minimal actix-web page that
//! runs one indexed query (a person by email) and renders one template. `scripts/bench.sh`
//! measures it with wrk beside a running `qualify serve`, the same client for both.
//!
//!   cargo run --release --example reference_page -- DATABASE_URL EMAIL POOL_SIZE
//!
//! Prints the page's URL, then serves until the process is killed.

#[path = "../benches/targets/reference.rs"]
mod reference;

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [url, email, size] = args.as_slice() else {
        eprintln!("usage: reference_page DATABASE_URL EMAIL POOL_SIZE");
        std::process::exit(2);
    };
    let target = qualify::config::DatabaseTarget::parse(url).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    let size = size.parse().unwrap_or(16);
    let pool = qualify::db::build_pool(&target, size).expect("pool");
    println!("{}", reference::reference_server(pool, email));
    std::io::Write::flush(&mut std::io::stdout())?;
    std::future::pending::<()>().await;
    Ok(())
}
