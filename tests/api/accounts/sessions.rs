//! Sessions: renewed at sign-in, ended on the server by sign-out, sign-out-everywhere and
//! disabling, idle and absolute limits, cookie attributes.

use chrono::Duration;

use crate::support::app::{spawn_app, spawn_app_with};
use crate::support::browser::{Browser, sign_in_with, signed_in};
use crate::support::fixtures::people::create_person;

#[actix_web::test]
async fn signing_in_replaces_the_previous_session() {
    let app = spawn_app().await;
    let a = create_person(&app, "a@example.com", "Anna", false);
    let b = create_person(&app, "b@example.com", "Bernd", false);
    let browser = signed_in(&app, &a).await;
    let first = browser.cookie("qualify_session").unwrap();
    sign_in_with(&browser, &app, &b).await;
    let second = browser.cookie("qualify_session").unwrap();
    assert_ne!(first, second, "a new session id at sign-in");
    let replay = Browser::new(&app);
    replay.set_cookie("qualify_session", &first);
    let resp = replay.get("/me").await;
    assert_eq!(resp.status, 303, "the old session is dead");
    assert!(
        resp.header("location")
            .unwrap()
            .starts_with("/sign-in?next=")
    );
}

#[actix_web::test]
async fn signing_out_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    let a = create_person(&app, "a@example.com", "Anna", false);
    let browser = signed_in(&app, &a).await;
    let cookie = browser.cookie("qualify_session").unwrap();
    browser.get("/me").await;
    assert_eq!(browser.post("/sign-out", &[]).await.status, 303);
    let replay = Browser::new(&app);
    replay.set_cookie("qualify_session", &cookie);
    assert_eq!(replay.get("/me").await.status, 303);
}

#[actix_web::test]
async fn sign_out_everywhere_and_disabling_end_every_session() {
    let app = spawn_app().await;
    let a = create_person(&app, "a@example.com", "Anna", false);
    let laptop = signed_in(&app, &a).await;
    let phone = signed_in(&app, &a).await;
    laptop.get("/me").await;
    assert_eq!(
        laptop.post("/me/sign-out-everywhere", &[]).await.status,
        303
    );
    assert_eq!(phone.get("/me").await.status, 303);

    let owner = create_person(&app, "owner@example.com", "Olga", true);
    let admin = signed_in(&app, &owner).await;
    let victim = signed_in(&app, &a).await;
    assert_eq!(victim.get("/me").await.status, 200);
    admin.get("/people").await;
    assert_eq!(
        admin
            .post(&format!("/people/{a}"), &[("status", "disabled")])
            .await
            .status,
        303
    );
    assert_eq!(victim.get("/me").await.status, 303, "disabled at once");
    let again = Browser::new(&app);
    again
        .post("/sign-in/link", &[("email", "a@example.com")])
        .await;
    assert!(
        app.deliver().await.is_empty(),
        "no link for a disabled account"
    );
}

#[actix_web::test]
async fn sessions_end_after_30_idle_minutes_and_12_hours() {
    let app = spawn_app().await;
    let a = create_person(&app, "a@example.com", "Anna", false);
    let browser = signed_in(&app, &a).await;
    app.clock.advance(Duration::minutes(29));
    assert_eq!(browser.get("/me").await.status, 200);
    app.clock.advance(Duration::minutes(31));
    assert_eq!(browser.get("/me").await.status, 303, "idle too long");

    let busy = signed_in(&app, &a).await;
    for i in 0..35 {
        app.clock.advance(Duration::minutes(20));
        assert_eq!(
            busy.get("/me").await.status,
            200,
            "after {} minutes",
            (i + 1) * 20
        );
    }
    app.clock.advance(Duration::minutes(20));
    assert_eq!(busy.get("/me").await.status, 303, "12 hours at most");
}

#[actix_web::test]
async fn on_https_the_session_cookie_is_host_prefixed_and_secure() {
    let app = spawn_app_with(|s| {
        s.insert(
            "QUALIFY_BASE_URL".into(),
            "https://qualify.intranet.example".into(),
        );
    })
    .await;
    let a = create_person(&app, "a@example.com", "Anna", false);
    let browser = Browser::new(&app);
    let token = {
        let mut conn = app.conn();
        qualify::accounts::sign_in::create_link(
            &mut conn,
            &a,
            "sign_in",
            Duration::minutes(10),
            qualify::clock::Clock::now_naive(&*app.clock),
        )
        .unwrap()
    };
    browser.get(&format!("/sign-in/link/{token}")).await;
    let csrf = browser.csrf();
    let resp = browser
        .post_raw(
            "/sign-in/confirm",
            &[("token", &token), ("csrf_token", &csrf)],
            &[("Origin", "https://qualify.intranet.example")],
        )
        .await;
    assert_eq!(resp.status, 303, "{}", resp.body);
    let cookie = resp
        .headers
        .get_all("set-cookie")
        .map(|c| c.to_str().unwrap().to_string())
        .find(|c| c.starts_with("__Host-qualify_session="))
        .expect("__Host- cookie");
    for attribute in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{attribute} missing: {cookie}");
    }
    assert!(!cookie.contains("Domain="));
}

#[actix_web::test]
async fn housekeeping_forgets_stale_sessions_and_old_links() {
    let app = spawn_app().await;
    let a = create_person(&app, "a@example.com", "Anna", false);
    let _stale = signed_in(&app, &a).await;
    app.clock.advance(Duration::minutes(31));
    let live = signed_in(&app, &a).await;
    app.clock.advance(Duration::days(2));
    let swept =
        qualify::jobs::maintenance::sweep(&app.pool, &app.settings, app.clock.as_ref()).unwrap();
    assert_eq!(
        swept.sessions, 2,
        "both sessions are past their idle limit by now"
    );
    assert_eq!(swept.links, 2, "the used links are older than a day");
    assert_eq!(live.get("/me").await.status, 303);
    let again =
        qualify::jobs::maintenance::sweep(&app.pool, &app.settings, app.clock.as_ref()).unwrap();
    assert_eq!(again, qualify::jobs::maintenance::Swept::default());
}

/// A staging file an interrupted upload left behind goes after a day; a fresh one stays.
#[actix_web::test]
async fn housekeeping_removes_staging_files_of_interrupted_uploads() {
    let app = spawn_app().await;
    let staging = app.settings.data_dir.join("uploads").join("tmp");
    let left = staging.join("left-behind.part");
    let running = staging.join("running.part");
    std::fs::write(&left, b"half a file").unwrap();
    std::fs::write(&running, b"being written").unwrap();
    let two_days_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(48 * 3600);
    std::fs::File::options()
        .write(true)
        .open(&left)
        .unwrap()
        .set_modified(two_days_ago)
        .unwrap();
    let swept =
        qualify::jobs::maintenance::sweep(&app.pool, &app.settings, app.clock.as_ref()).unwrap();
    assert_eq!(swept.staged, 1);
    assert!(!left.exists());
    assert!(running.exists(), "an upload still running keeps its file");
}
