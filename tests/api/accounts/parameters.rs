//! Pages and the API name their query parameters alike, and a page ignores parameters it does
//! not know: an old bookmark or a link written for the API never answers 400.

use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::people::create_person;

#[actix_web::test]
async fn the_people_page_takes_the_apis_search_parameter_and_ignores_unknown_ones() {
    let app = spawn_app().await;
    let owner = create_person(&app, "owner@example.com", "Olga Brandt", true);
    create_person(&app, "jana@example.com", "Jana Schmidt", false);
    let browser = signed_in(&app, &owner).await;

    let found = browser.get("/people?search=Schmidt").await;
    assert_eq!(found.status, 200, "{}", found.body);
    assert!(found.body.contains("jana@example.com"));
    assert!(
        !found.body.contains("owner@example.com"),
        "the search applies"
    );

    for path in [
        "/people?q=Schmidt&sort=name",
        "/reviews?page=1&utm_source=mail",
        "/learn?old=1",
        "/certificates?status=active&x=1",
        "/program?lang=en",
    ] {
        assert_eq!(browser.get(path).await.status, 200, "{path}");
    }
}
