//! The restore drill: a backup of the SQLite database, restored into a new data dir with the
//! keys given as settings, serves every certificate's verification and verifies the
//! credentials downloaded before. (PostgreSQL is restored with `pg_restore`; see
//! `docs/operations.md`.)

use crate::support::api::{api, token};
use crate::support::app::{on_postgres, spawn_app_on_file, spawn_app_with};
use crate::support::browser::Browser;
use crate::support::fixtures::certificates::{certificates_of, nearly_certified};
use crate::support::fixtures::grading::pass;

const ISSUER: &str = "3333333333333333333333333333333333333333333333333333333333333333";
const SECRET: &str = "4444444444444444444444444444444444444444444444444444444444444444";

#[actix_web::test]
async fn a_restored_backup_verifies_every_certificate_and_old_credential() {
    if on_postgres() {
        println!("restore drill: SQLite's backup command; PostgreSQL uses pg_dump/pg_restore");
        return;
    }
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
    let copy = folder.path().join("qualify-backup.db");
    {
        let mut conn = live.conn();
        let size = qualify::db::backup::sqlite(&mut conn, &copy).expect("backup");
        assert!(size > 0);
    }
    let restored = spawn_app_on_file(&copy, keys).await;
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
