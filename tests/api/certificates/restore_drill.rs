//! The restore drill: a backup of the database (`qualify backup` on SQLite, `pg_dump -Fc` on
//! PostgreSQL, as `docs/operations.md` says), restored into a new data dir and database with
//! the keys given as settings, serves every certificate's verification and verifies the
//! credentials downloaded before.

use crate::support::api::{api, token};
use crate::support::app::{
    TestApp, TestDb, on_postgres, spawn_app_on, spawn_app_on_file, spawn_app_with,
};
use crate::support::browser::Browser;
use crate::support::fixtures::certificates::{certificates_of, nearly_certified};
use crate::support::fixtures::grading::pass;

const ISSUER: &str = "3333333333333333333333333333333333333333333333333333333333333333";
const SECRET: &str = "4444444444444444444444444444444444444444444444444444444444444444";

#[actix_web::test]
async fn a_restored_backup_verifies_every_certificate_and_old_credential() {
    let keys = |s: &mut std::collections::BTreeMap<String, String>| {
        s.insert("QUALIFY_ISSUER_KEY".into(), ISSUER.into());
        s.insert("QUALIFY_SECRET_KEY".into(), SECRET.into());
    };
    let live = spawn_app_with(keys).await;
    let (g, tara, _enrollment, _a, _b) = nearly_certified(&live).await;
    for r in g.reviews() {
        pass(&live, &token(&live, &r.reviewer_id), &r.id.0).await;
    }
    let certificates = certificates_of(&live, &tara);
    assert!(!certificates.is_empty());
    let holder = token(&live, &tara);
    let mut credentials = Vec::new();
    for cert in &certificates {
        let path = format!("/api/v1/certificates/{}/credential", cert.id);
        credentials.push(api(&live, &holder, "GET", &path, None).await.body);
    }

    let folder = tempfile::tempdir().unwrap();
    let restored = if on_postgres() {
        restore_postgres(&live, folder.path(), keys).await
    } else {
        let copy = folder.path().join("qualify-backup.db");
        {
            let mut conn = live.conn();
            let size = qualify::db::backup::sqlite(&mut conn, &copy).expect("backup");
            assert!(size > 0);
        }
        spawn_app_on_file(&copy, keys).await
    };
    assert_eq!(restored.get("/readyz", None).await.status, 200);
    for cert in &certificates {
        let answer = restored
            .get(&format!("/api/v1/verify/{}", cert.public_id), None)
            .await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert_eq!(answer.json()["holder_name"], cert.holder_name);
    }
    let anon = Browser::new(&restored);
    anon.get("/verify").await;
    for jwt in &credentials {
        let checked = anon.post("/verify", &[("jwt", jwt)]).await;
        assert!(
            checked
                .body
                .contains("Die Signatur ist echt und das Zertifikat gültig."),
            "{}",
            checked.body
        );
    }
}

/// `pg_dump -Fc` of the live database, `pg_restore` into a new, empty one, and the app on it.
async fn restore_postgres(
    live: &TestApp,
    folder: &std::path::Path,
    keys: impl FnOnce(&mut std::collections::BTreeMap<String, String>),
) -> TestApp {
    let dump = folder.join("qualify.dump");
    let dumped = std::process::Command::new("pg_dump")
        .args(["-Fc", "--no-owner", "-f"])
        .arg(&dump)
        .args(["-d", &live.db.url])
        .output()
        .expect("pg_dump runs");
    assert!(
        dumped.status.success(),
        "{}",
        String::from_utf8_lossy(&dumped.stderr)
    );
    let target = TestDb::create(folder);
    let restored = std::process::Command::new("pg_restore")
        .args(["--no-owner", "--exit-on-error", "-d", &target.url])
        .arg(&dump)
        .output()
        .expect("pg_restore runs");
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );
    spawn_app_on(target, keys).await
}
