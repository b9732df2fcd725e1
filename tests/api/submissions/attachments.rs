//! Attachments: type by content (a PNG named .pdf, HTML named .png), size and count limits
//! with nothing left behind, the CSRF token inside the multipart form, downloads only for
//! those allowed and always as attachments, files handed in with a version.

use diesel::prelude::*;
use qualify::db::schema::attachments;

use crate::support::api::{api, token};
use crate::support::app::{Response, TestApp, spawn_app, spawn_app_with};
use crate::support::browser::{Browser, signed_in};
use crate::support::fixtures::cohorts::enrolled;
use crate::support::fixtures::people::{create_person, person};
use crate::support::scrape::{attachment_id, lock_version};
use crate::support::uploads::{PNG, multipart};

fn tmp_files(app: &TestApp) -> usize {
    std::fs::read_dir(app.settings.data_dir.join("uploads").join("tmp"))
        .map(|d| d.count())
        .unwrap_or(0)
}

fn rows(app: &TestApp) -> i64 {
    let mut conn = app.conn();
    attachments::table.count().get_result(&mut **conn).unwrap()
}

#[actix_web::test]
async fn a_file_is_uploaded_downloaded_as_an_attachment_and_handed_in_with_the_version() {
    let app = spawn_app().await;
    let (tara, enrollment) = enrolled(&app).await;
    let browser = signed_in(&app, &tara).await;
    let path = format!("/learn/{enrollment}/assignments/purpose-canvas");
    browser.get(&path).await;
    let csrf = browser.csrf();
    let up = multipart(
        &app,
        &browser,
        &format!("{path}/attachments"),
        &[
            ("csrf_token", None, csrf.as_bytes()),
            ("file", Some("Canvas Übersicht.png"), PNG),
        ],
    )
    .await;
    assert_eq!(up.status, 303, "{}", up.body);
    let page = browser.get(&path).await;
    assert!(page.body.contains("Canvas Übersicht.png"));
    let id = attachment_id(&page.body);
    let stored: String = {
        let mut conn = app.conn();
        attachments::table
            .find(&id)
            .select(attachments::storage_key)
            .first(&mut **conn)
            .unwrap()
    };
    assert!(
        !stored.contains("Canvas"),
        "stored under a generated name: {stored}"
    );

    let download = browser.get(&format!("/attachments/{id}")).await;
    assert_eq!(download.status, 200);
    assert_eq!(download.header("content-type"), Some("image/png"));
    let disposition = download.header("content-disposition").unwrap();
    assert!(
        disposition.starts_with("attachment;")
            && disposition.contains("filename*=UTF-8''Canvas%20%C3%9Cbersicht.png"),
        "{disposition}"
    );
    assert_eq!(download.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(download.header("content-security-policy"), Some("sandbox"));

    let other = create_person(&app, "other@example.com", "Otto", false);
    assert_eq!(
        signed_in(&app, &other)
            .await
            .get(&format!("/attachments/{id}"))
            .await
            .status,
        404
    );
    assert_eq!(
        Browser::new(&app)
            .get(&format!("/attachments/{id}"))
            .await
            .status,
        303,
        "sign in first"
    );
    let owner = person(&app, "owner@example.com").id;
    assert_eq!(
        signed_in(&app, &owner)
            .await
            .get(&format!("/attachments/{id}"))
            .await
            .status,
        200
    );

    let lock = lock_version(&page.body);
    assert_eq!(
        browser
            .post(
                &path,
                &[
                    ("body", "Mit Datei"),
                    ("lock_version", &lock),
                    ("action", "submit")
                ]
            )
            .await
            .status,
        303
    );
    let page = browser.get(&path).await;
    assert!(
        !page
            .body
            .contains(&format!("{path}/attachments/{id}/delete")),
        "no longer removable"
    );
    assert!(
        page.body.contains(&format!("/attachments/{id}")),
        "the version keeps its file"
    );
    let remove = browser
        .post(&format!("{path}/attachments/{id}/delete"), &[])
        .await;
    assert_eq!(remove.status, 409, "handed-in files stay");
}

#[actix_web::test]
async fn the_content_decides_the_type_and_refused_files_leave_nothing_behind() {
    let app = spawn_app().await;
    let (tara, enrollment) = enrolled(&app).await;
    let browser = signed_in(&app, &tara).await;
    let path = format!("/learn/{enrollment}/assignments/purpose-canvas");
    let lock = lock_version(&browser.get(&path).await.body);
    assert_eq!(
        browser
            .post(
                &path,
                &[
                    ("body", "Mein Entwurf bleibt"),
                    ("lock_version", &lock),
                    ("action", "save")
                ]
            )
            .await
            .status,
        303
    );
    browser.get(&path).await;
    let csrf = browser.csrf();
    let url = format!("{path}/attachments");
    let renamed = multipart(
        &app,
        &browser,
        &url,
        &[
            ("csrf_token", None, csrf.as_bytes()),
            ("file", Some("bericht.pdf"), PNG),
        ],
    )
    .await;
    assert_eq!(renamed.status, 415);
    assert!(renamed.body.contains("does not match its name"));
    assert!(
        renamed.body.contains("Mein Entwurf bleibt"),
        "the draft is kept"
    );
    let html = multipart(
        &app,
        &browser,
        &url,
        &[
            ("csrf_token", None, csrf.as_bytes()),
            (
                "file",
                Some("bild.png"),
                b"<!DOCTYPE html><script>alert(1)</script>",
            ),
        ],
    )
    .await;
    assert_eq!(html.status, 415);
    assert!(html.body.contains("not accepted"));
    assert_eq!(rows(&app), 0);
    assert_eq!(tmp_files(&app), 0);

    let no_token = multipart(&app, &browser, &url, &[("file", Some("a.png"), PNG)]).await;
    assert_eq!(no_token.status, 403);
    let wrong = multipart(
        &app,
        &browser,
        &url,
        &[
            ("csrf_token", None, b"forged"),
            ("file", Some("a.png"), PNG),
        ],
    )
    .await;
    assert_eq!(wrong.status, 403);
    // The API's upload takes a bearer token; with the session cookie alone it is refused.
    let api_url = format!(
        "/api/v1{}",
        url.trim_start_matches("/learn")
            .replacen('/', "/enrollments/", 1)
    );
    let by_cookie = multipart(&app, &browser, &api_url, &[("file", Some("a.png"), PNG)]).await;
    assert_eq!(by_cookie.status, 403, "{api_url}: {}", by_cookie.body);
    assert_eq!(rows(&app), 0);
    let other = create_person(&app, "other@example.com", "Otto", false);
    let intruder = signed_in(&app, &other).await;
    intruder.get("/learn").await;
    let token = intruder.csrf();
    let foreign = multipart(
        &app,
        &intruder,
        &url,
        &[
            ("csrf_token", None, token.as_bytes()),
            ("file", Some("a.png"), PNG),
        ],
    )
    .await;
    assert_eq!(foreign.status, 404, "not their submission");
}

#[actix_web::test]
async fn size_and_count_limits_are_enforced_while_streaming() {
    let app = spawn_app_with(|s| {
        s.insert("QUALIFY_UPLOAD_MAX_MB".into(), "1".into());
        s.insert("QUALIFY_UPLOAD_MAX_FILES".into(), "1".into());
    })
    .await;
    let (tara, enrollment) = enrolled(&app).await;
    let browser = signed_in(&app, &tara).await;
    let path = format!("/learn/{enrollment}/assignments/purpose-canvas");
    browser.get(&path).await;
    let csrf = browser.csrf();
    let url = format!("{path}/attachments");
    let mut big = b"%PDF-1.7\n".to_vec();
    big.resize(1024 * 1024 + 1, b'x');
    let too_big = multipart(
        &app,
        &browser,
        &url,
        &[
            ("csrf_token", None, csrf.as_bytes()),
            ("file", Some("gross.pdf"), &big),
        ],
    )
    .await;
    assert_eq!(too_big.status, 413);
    assert!(too_big.body.contains("larger than allowed"));
    assert_eq!(tmp_files(&app), 0, "the partial file is removed");
    assert_eq!(rows(&app), 0);
    assert_eq!(
        multipart(
            &app,
            &browser,
            &url,
            &[
                ("csrf_token", None, csrf.as_bytes()),
                (
                    "file",
                    Some("notiz.md"),
                    "# Notiz\nÄrger vermeiden".as_bytes()
                )
            ]
        )
        .await
        .status,
        303
    );
    let second = multipart(
        &app,
        &browser,
        &url,
        &[
            ("csrf_token", None, csrf.as_bytes()),
            ("file", Some("zwei.txt"), b"noch eine"),
        ],
    )
    .await;
    assert_eq!(second.status, 422);
    assert!(second.body.contains("as many files as allowed"));
    assert_eq!(rows(&app), 1);
}

#[actix_web::test]
async fn files_can_be_uploaded_and_downloaded_through_the_api() {
    let app = spawn_app().await;
    let (tara, enrollment) = enrolled(&app).await;
    let token = token(&app, &tara);
    let boundary = "XyZapiBoundary";
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plan.txt\"\r\n\r\n").into_bytes();
    body.extend_from_slice("Mein Plan für die Community".as_bytes());
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let send = |body: Vec<u8>| {
        app.client
            .post(app.url(&format!(
                "/api/v1/enrollments/{enrollment}/assignments/purpose-canvas/attachments"
            )))
            .insert_header(("Authorization", format!("Bearer {token}")))
            .insert_header((
                "Content-Type",
                format!("multipart/form-data; boundary={boundary}"),
            ))
            .send_body(body)
    };
    let created = Response::from(send(body).await.unwrap()).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.json()["id"].as_str().unwrap().to_string();
    assert_eq!(created.json()["content_type"], "text/plain; charset=utf-8");
    let mut bad = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plan.png\"\r\n\r\n").into_bytes();
    bad.extend_from_slice(b"just text");
    bad.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let refused = Response::from(send(bad).await.unwrap()).await;
    assert_eq!(refused.status, 415);
    assert_eq!(
        refused.header("content-type"),
        Some("application/problem+json")
    );
    let download = api(
        &app,
        &token,
        "GET",
        &format!("/api/v1/attachments/{id}"),
        None,
    )
    .await;
    assert_eq!(download.status, 200);
    assert_eq!(download.body, "Mein Plan für die Community");
    assert!(
        download
            .header("content-disposition")
            .unwrap()
            .starts_with("attachment;")
    );
}
