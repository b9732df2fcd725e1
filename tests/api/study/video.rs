//! Lesson videos come from the file storage in byte ranges (206), with an ETag, private
//! caching and captions in both languages; nobody reaches them without enrolling.

use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::content::course_content;
use crate::support::fixtures::people::create_person;

const LESSON: &str = "/self-study/community-basics/lessons/start";

#[actix_web::test]
async fn videos_answer_range_requests_with_etag_and_captions() {
    let app = spawn_app().await;
    let file =
        std::fs::read(course_content().join("community-basics/lessons/start/video.webm")).unwrap();
    let size = file.len();
    let id = create_person(&app, "vera@example.com", "Vera Video", false);
    let b = signed_in(&app, &id).await;
    let (status, _, _) = b.get_bytes(&format!("{LESSON}/video"), &[]).await;
    assert_eq!(status, 404, "not enrolled: no video");
    b.get("/self-study").await;
    let enrolled = b.post("/self-study/community-basics/enroll", &[]).await;
    assert_eq!(enrolled.status, 303, "{}", enrolled.body);

    let (status, headers, body) = b.get_bytes(&format!("{LESSON}/video"), &[]).await;
    assert_eq!(status, 200);
    assert_eq!(body, file);
    let header = |h: &awc::http::header::HeaderMap, n: &str| {
        h.get(n)
            .unwrap_or_else(|| panic!("{n} in {h:?}"))
            .to_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(header(&headers, "content-type"), "video/webm");
    assert_eq!(header(&headers, "accept-ranges"), "bytes");
    assert!(header(&headers, "cache-control").starts_with("private"));
    let etag = header(&headers, "etag");

    // The viewer skips ahead: the middle of the file, then its end.
    let (status, headers, body) = b
        .get_bytes(&format!("{LESSON}/video"), &[("Range", "bytes=1000-1999")])
        .await;
    assert_eq!(status, 206, "{}", String::from_utf8_lossy(&body));
    assert_eq!(
        header(&headers, "content-range"),
        format!("bytes 1000-1999/{size}")
    );
    assert_eq!(body, file[1000..2000]);
    let (status, headers, body) = b
        .get_bytes(&format!("{LESSON}/video"), &[("Range", "bytes=-100")])
        .await;
    assert_eq!(status, 206);
    assert_eq!(
        header(&headers, "content-range"),
        format!("bytes {}-{}/{size}", size - 100, size - 1)
    );
    assert_eq!(body, file[size - 100..]);
    let (status, headers, _) = b
        .get_bytes(
            &format!("{LESSON}/video"),
            &[("Range", &format!("bytes={size}-"))],
        )
        .await;
    assert_eq!(status, 416);
    assert_eq!(header(&headers, "content-range"), format!("bytes */{size}"));
    // A cached copy is still good; a stale If-Range gets the whole file.
    let (status, _, body) = b
        .get_bytes(&format!("{LESSON}/video"), &[("If-None-Match", &etag)])
        .await;
    assert_eq!((status, body.len()), (304, 0));
    let (status, _, body) = b
        .get_bytes(
            &format!("{LESSON}/video"),
            &[("Range", "bytes=0-9"), ("If-Range", "\"old\"")],
        )
        .await;
    assert_eq!((status, body.len()), (200, size));

    for (lang, word) in [("de", "WEBVTT"), ("en", "WEBVTT")] {
        let (status, headers, body) = b.get_bytes(&format!("{LESSON}/captions/{lang}"), &[]).await;
        assert_eq!(status, 200);
        assert!(header(&headers, "content-type").starts_with("text/vtt"));
        assert!(String::from_utf8(body).unwrap().starts_with(word));
    }
    let (status, _, _) = b.get_bytes(&format!("{LESSON}/captions/fr"), &[]).await;
    assert_eq!(status, 404);
    let (status, _, _) = b
        .get_bytes("/self-study/community-basics/lessons/purpose/video", &[])
        .await;
    assert_eq!(status, 404, "a lesson without a video has none");
}
