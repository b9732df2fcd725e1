//! Where people land: after signing in and on `/`, the owner on the dashboard, a co-trainer
//! with open reviews on the queue, everyone else on their learning page; a `next` target wins,
//! and the public program page stays one link away.

use qualify::accounts::sign_in::create_link;
use qualify::clock::Clock;
use qualify::domain::ids::PersonId;

use crate::support::app::{TestApp, spawn_app};
use crate::support::browser::Browser;
use crate::support::fixtures::grading::{Grading, Who};

/// Signs in through the link's confirm page (with `next` when given) and follows the answer
/// to where the person lands.
async fn lands(app: &TestApp, person: &PersonId, next: Option<&str>) -> String {
    let browser = Browser::new(app);
    let token = {
        let mut conn = app.conn();
        create_link(
            &mut conn,
            person,
            "sign_in",
            chrono::Duration::minutes(10),
            app.clock.now_naive(),
        )
        .unwrap()
    };
    let query = next.map(|n| format!("?next={n}")).unwrap_or_default();
    let page = browser.get(&format!("/sign-in/link/{token}{query}")).await;
    assert_eq!(page.status, 200);
    let mut fields = vec![("token", token.as_str())];
    if let Some(n) = next {
        let kept = page.body.contains(&format!("name=\"next\" value=\"{n}\""));
        assert_eq!(kept, n.starts_with('/'), "only a local next is kept");
        fields.push(("next", n));
    }
    let confirmed = browser.post("/sign-in/confirm", &fields).await;
    assert_eq!(confirmed.status, 303, "{}", confirmed.body);
    let mut at = confirmed.header("location").unwrap().to_string();
    // Follow redirects within the site until a page answers.
    for _ in 0..3 {
        let resp = browser.get(&at).await;
        match resp.status {
            303 => at = resp.header("location").unwrap().to_string(),
            200 => {
                assert!(
                    resp.body.contains("href=\"/program\""),
                    "the program page stays in the navigation on {at}"
                );
                return at;
            }
            other => panic!("{at} answered {other}"),
        }
    }
    panic!("too many redirects")
}

#[actix_web::test]
async fn each_role_lands_where_their_work_is() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let (tara, coach, enrollment) = g.trainee_and_coach().await;
    let idle = g.person(Who::new("idle@example.com", "Ida Idle"));
    g.cotrainers(&[(&idle, "idle@example.com", 5, &["en"])])
        .await;

    assert_eq!(lands(&app, &g.owner_id, None).await, "/dashboard");
    assert_eq!(lands(&app, &tara, None).await, "/learn");
    assert_eq!(lands(&app, &coach, None).await, "/learn", "no reviews yet");

    g.submit(&tara, &enrollment, "purpose-canvas", "My canvas")
        .await;
    let reviewer = g.reviews()[0].reviewer_id.clone();
    assert_eq!(lands(&app, &reviewer, None).await, "/reviews");
    let other = if reviewer == coach { &idle } else { &coach };
    assert_eq!(lands(&app, other, None).await, "/learn", "nothing to grade");

    // A next target wins over the role's page.
    assert_eq!(
        lands(&app, &g.owner_id, Some("/certificates")).await,
        "/certificates"
    );
    assert_eq!(lands(&app, &reviewer, Some("/me")).await, "/me");
    // A foreign one does not.
    assert_eq!(
        lands(&app, &tara, Some("https://evil.example/")).await,
        "/learn"
    );
}

#[actix_web::test]
async fn the_program_page_is_public_and_signed_in_people_reach_it_from_the_navigation() {
    let app = spawn_app().await;
    let anonymous = app.get("/", None).await;
    assert_eq!(anonymous.status, 200);
    let g = Grading::new(&app).await;
    let home = g.owner.get("/").await;
    assert_eq!(home.status, 303);
    assert_eq!(home.header("location"), Some("/dashboard"));
    let program = g.owner.get("/program").await;
    assert_eq!(program.status, 200);
    let title = |body: &str| body.split("<h1>").nth(1).map(|h| h[..40].to_string());
    assert_eq!(title(&program.body), title(&anonymous.body));
}
