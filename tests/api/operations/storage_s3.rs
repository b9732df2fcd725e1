//! The S3-compatible storage backend against a real S3 server on loopback. `.ci/run` starts
//! moto's server and sets `TEST_S3_ENDPOINT`; without it these tests print that they did not
//! run (and fail when `QUALIFY_TEST_REQUIRE_S3=1`, as in CI).

use diesel::prelude::*;
use qualify::db::schema::attachments;
use qualify::storage::{Storage, StorageSetting};
use sha2::{Digest, Sha256};

use crate::support::api::{download, token};
use crate::support::app::{TestApp, spawn_app_with, spawn_beside};
use crate::support::browser::signed_in;
use crate::support::fixtures::cohorts::enrolled;
use crate::support::fixtures::people::create_person;
use crate::support::uploads::{PNG, multipart};

fn endpoint() -> Option<String> {
    match std::env::var("TEST_S3_ENDPOINT") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var("QUALIFY_TEST_REQUIRE_S3").as_deref() != Ok("1"),
                "QUALIFY_TEST_REQUIRE_S3=1 but TEST_S3_ENDPOINT is not set"
            );
            eprintln!("S3 storage test not run: set TEST_S3_ENDPOINT (see .ci/run)");
            None
        }
    }
}

/// A fresh bucket on the S3 server; returns the settings that point at it.
async fn bucket(endpoint: &str) -> Vec<(String, String)> {
    let name = format!("qualify-{}", uuid::Uuid::new_v4().simple());
    let resp = awc::Client::default()
        .put(format!("{endpoint}/{name}"))
        .send()
        .await
        .expect("S3 server reachable");
    assert!(resp.status().is_success(), "bucket not created: {resp:?}");
    [
        ("QUALIFY_STORAGE", format!("s3://{name}/files")),
        ("QUALIFY_S3_ENDPOINT", endpoint.to_string()),
        ("QUALIFY_S3_ACCESS_KEY_ID", "testing".into()),
        ("QUALIFY_S3_SECRET_ACCESS_KEY", "testing".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

fn attachment_rows(app: &TestApp) -> Vec<(String, String)> {
    let mut conn = app.conn();
    attachments::table
        .select((attachments::id, attachments::storage_key))
        .order(attachments::created_at)
        .load(&mut **conn)
        .unwrap()
}

/// The API path of an attachment.
fn file(id: &str) -> String {
    format!("/api/v1/attachments/{id}")
}

fn local_files(app: &TestApp) -> Vec<String> {
    fn walk(dir: &std::path::Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if entry.path().is_dir() {
                walk(&entry.path(), found);
            } else {
                found.push(entry.path().display().to_string());
            }
        }
    }
    let mut found = Vec::new();
    walk(&app.settings.data_dir.join("uploads"), &mut found);
    found
}

#[actix_web::test]
async fn uploads_go_to_the_bucket_and_another_instance_serves_and_removes_them() {
    let Some(endpoint) = endpoint() else { return };
    let s3 = bucket(&endpoint).await;
    let a = spawn_app_with(|m| m.extend(s3.clone())).await;
    let b = spawn_beside(&a, |m| m.extend(s3.clone())).await;
    let (tara, enrollment) = enrolled(&a).await;
    let path = format!("/learn/{enrollment}/assignments/purpose-canvas");

    // A small file and one of 12 MB (sent to S3 as a multipart upload), both through A.
    let big: Vec<u8> = (0..12 * 1024 * 1024)
        .map(|i| b"Community-Konzept\n"[i % 18])
        .collect();
    let on_a = signed_in(&a, &tara).await;
    on_a.get(&path).await;
    for (name, content) in [("canvas.png", PNG), ("konzept.txt", big.as_slice())] {
        let up = multipart(
            &a,
            &on_a,
            &format!("{path}/attachments"),
            &[
                ("csrf_token", None, on_a.csrf().as_bytes()),
                ("file", Some(name), content),
            ],
        )
        .await;
        assert_eq!(up.status, 303, "{name}: {}", up.body);
    }
    let rows = attachment_rows(&a);
    assert_eq!(rows.len(), 2);
    assert!(
        local_files(&a).is_empty(),
        "nothing stays on A's disk: {:?}",
        local_files(&a)
    );

    // The bucket holds both, under the prefix; the bytes are the ones sent.
    let StorageSetting::S3(setting) = &a.settings.storage else {
        panic!("A runs on S3")
    };
    let store = Storage::open(&StorageSetting::S3(setting.clone()), &b.settings.data_dir).unwrap();
    assert_eq!(store.read(&rows[0].1).await.unwrap(), PNG);
    let stored_big = store.read(&rows[1].1).await.unwrap();
    assert_eq!(Sha256::digest(&stored_big), Sha256::digest(&big));

    // B, with a data dir of its own, serves what A stored, with the download headers.
    let holder = token(&b, &tara);
    let (status, _, _, body) = download(&b, &holder, &file(&rows[0].0)).await;
    assert_eq!((status, body.as_slice()), (200, PNG));
    let (status, _, _, body) = download(&b, &holder, &file(&rows[1].0)).await;
    assert_eq!(status, 200);
    assert_eq!(Sha256::digest(&body), Sha256::digest(&big));
    let resp = b
        .client
        .get(b.url(&format!("/api/v1/attachments/{}", rows[1].0)))
        .bearer_auth(&holder)
        .send()
        .await
        .unwrap();
    let header = |n: &str| {
        resp.headers()
            .get(n)
            .map(|v| v.to_str().unwrap().to_string())
    };
    assert_eq!(header("content-length"), Some(big.len().to_string()));
    assert_eq!(header("x-content-type-options").as_deref(), Some("nosniff"));
    assert!(
        header("content-disposition")
            .unwrap()
            .starts_with("attachment;")
    );

    // Someone else's token gets nothing, on either instance.
    let other = create_person(&b, "otto@example.com", "Otto", false);
    let other_token = token(&b, &other);
    assert_eq!(download(&a, &other_token, &file(&rows[0].0)).await.0, 404);

    // Removing the file from the draft on B deletes it from the bucket.
    let on_b = signed_in(&b, &tara).await;
    on_b.get(&path).await;
    let removed = on_b
        .post(
            &format!("{path}/attachments/{}/delete", rows[0].0),
            &[("csrf_token", on_b.csrf().as_str())],
        )
        .await;
    assert_eq!(removed.status, 303, "{}", removed.body);
    assert!(
        store.read(&rows[0].1).await.is_err(),
        "gone from the bucket"
    );
    assert_eq!(download(&a, &holder, &file(&rows[0].0)).await.0, 404);
}

#[actix_web::test]
async fn a_refused_upload_leaves_nothing_in_the_bucket_or_on_disk() {
    let Some(endpoint) = endpoint() else { return };
    let s3 = bucket(&endpoint).await;
    let app = spawn_app_with(|m| m.extend(s3.clone())).await;
    let (tara, enrollment) = enrolled(&app).await;
    let browser = signed_in(&app, &tara).await;
    let path = format!("/learn/{enrollment}/assignments/purpose-canvas");
    browser.get(&path).await;
    let up = multipart(
        &app,
        &browser,
        &format!("{path}/attachments"),
        &[
            ("csrf_token", None, browser.csrf().as_bytes()),
            (
                "file",
                Some("bild.png"),
                b"<html><script>alert(1)</script></html>",
            ),
        ],
    )
    .await;
    assert_eq!(up.status, 415, "{}", up.body);
    assert!(attachment_rows(&app).is_empty());
    assert!(local_files(&app).is_empty());
    let list = awc::Client::default()
        .get(format!(
            "{endpoint}/{}?list-type=2",
            s3[0]
                .1
                .trim_start_matches("s3://")
                .trim_end_matches("/files")
        ))
        .send()
        .await
        .unwrap()
        .body()
        .await
        .unwrap();
    let list = String::from_utf8_lossy(&list);
    // Only the lesson videos the sync stored; no upload, whole or in parts.
    let keys: Vec<&str> = list
        .split("<Key>")
        .skip(1)
        .filter_map(|k| k.split("</Key>").next())
        .collect();
    assert!(
        keys.iter().all(|k| k.starts_with("files/content/videos/")),
        "{list}"
    );
}

#[actix_web::test]
async fn lesson_videos_are_stored_in_the_bucket_and_served_in_ranges() {
    let Some(endpoint) = endpoint() else { return };
    let s3 = bucket(&endpoint).await;
    let app = spawn_app_with(|m| m.extend(s3.clone())).await;
    let file = std::fs::read(
        crate::support::content::course_content().join("community-basics/lessons/start/video.webm"),
    )
    .unwrap();
    let key = format!("content/videos/{}", hex::encode(Sha256::digest(&file)));
    let storage = Storage::open(&app.settings.storage, &app.settings.data_dir).unwrap();
    assert_eq!(
        storage.read(&key).await.unwrap(),
        file,
        "uploaded at start-up"
    );
    assert!(!app.settings.data_dir.join("uploads").join(&key).exists());

    let learner = create_person(&app, "lena@example.com", "Lena Lernt", false);
    let browser = signed_in(&app, &learner).await;
    browser.get("/self-study").await;
    browser
        .post("/self-study/community-basics/enroll", &[])
        .await;
    let video = "/self-study/community-basics/lessons/start/video";
    let (status, headers, body) = browser
        .get_bytes(video, &[("Range", "bytes=100-1099")])
        .await;
    assert_eq!(status, 206);
    assert_eq!(
        headers.get("content-range").unwrap().to_str().unwrap(),
        format!("bytes 100-1099/{}", file.len())
    );
    assert_eq!(body, file[100..1100]);
}
