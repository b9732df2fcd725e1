//! A kept month reads as it was: after more people are certified, the live report counts them
//! and July's report still shows July's figures, on the page (chosen from the months kept) and
//! through the API; months are kept only in the first days after they end.

use qualify::config::rules::Rules;
use qualify::domain::states::CertificateKind;

use crate::support::api::api;
use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::clock::at;
use crate::support::fixtures::impact::{certify, company, issued};
use crate::support::jobs::impact_mail;

#[actix_web::test]
async fn a_kept_month_reads_as_it_was_after_the_data_changed() {
    let app = spawn_app().await;
    at(&app, 2026, 8, 3, 8);
    let c = company(&app);
    let off = Rules {
        impact_mail: false,
        ..Rules::default()
    };
    assert_eq!(impact_mail(&app, &off), 0, "kept, not mailed");
    // Five more in IT, certified in August.
    let august = issued() + chrono::Duration::days(176);
    certify(&app, "IT", 5, CertificateKind::Certification, august);
    at(&app, 2026, 8, 10, 8);
    impact_mail(&app, &off);

    let live = api(&app, &c.owner, "GET", "/api/v1/reports/impact", None)
        .await
        .json();
    assert_eq!(live["units"][2]["name"], "IT");
    assert_eq!(live["units"][2]["certified"], 12);
    assert_eq!(live["units"][0]["certified"], 21);
    assert_eq!(
        live["months"],
        serde_json::json!(["2026-07"]),
        "August is not kept early"
    );
    let july = api(
        &app,
        &c.owner,
        "GET",
        "/api/v1/reports/impact?month=2026-07",
        None,
    )
    .await;
    assert_eq!(july.status, 200, "{}", july.body);
    let july = july.json();
    assert_eq!(july["month"], "2026-07");
    assert_eq!(july["as_of"], "2026-08-03T08:00:00Z");
    assert_eq!(july["units"][2]["certified"], 7);
    assert_eq!(july["units"][0]["certified"], 16);

    let owner = signed_in(&app, &c.owner_id).await;
    let page = owner.get("/reports/impact").await;
    assert!(
        page.body
            .contains(r#"<option value="2026-07" >July 2026</option>"#),
        "{}",
        page.body
    );
    let kept = owner.get("/reports/impact?month=2026-07").await;
    assert_eq!(kept.status, 200);
    assert!(
        kept.body.contains("Figures of July 2026, as kept on"),
        "{}",
        kept.body
    );
    assert!(
        kept.body
            .contains(r#"<option value="2026-07" selected>July 2026</option>"#)
    );
    assert!(kept.body.contains(">16</td>"));
    assert!(!kept.body.contains(">21</td>"));
}
