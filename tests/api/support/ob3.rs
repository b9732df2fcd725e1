//! An independent Open Badges 3.0 verifier: PyPI's `openbadgeslib`, run through
//! `scripts/ob3_verify.py` against the running test server (the JWKS, the status list). It
//! verifies a credential with the key the JWKS publishes under its `kid`, checks its status
//! list, and reads baked badges (PNG, SVG) back.
//!
//! When the library is missing the tests print that they did not run, unless
//! `QUALIFY_TEST_REQUIRE_OB3=1` (set by `.ci/run`, which installs the package): then they fail.

use std::process::Command;

use crate::support::app::TestApp;

/// What the verifier said.
#[derive(Debug)]
pub struct Verdict {
    /// It accepted the credential.
    pub verified: bool,
    /// Why it refused.
    pub error: Option<String>,
    /// Per baked image given: the token read back from it equals the credential.
    pub images_match: Vec<bool>,
}

fn python() -> String {
    std::env::var("QUALIFY_TEST_PYTHON").unwrap_or_else(|_| "python3".into())
}

/// Whether the library is installed; says why a test does not run (and fails when required).
pub fn available(test: &str) -> bool {
    let required = std::env::var("QUALIFY_TEST_REQUIRE_OB3").as_deref() == Ok("1");
    let found = Command::new(python())
        .args(["-c", "import openbadgeslib.ob3.verifier"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found || !required,
        "QUALIFY_TEST_REQUIRE_OB3=1 but openbadgeslib cannot be imported"
    );
    if !found {
        eprintln!(
            "Open Badges test {test} not run: openbadgeslib is missing; \
             pip install openbadgeslib==4.6.3 (see .ci/run)"
        );
    }
    found
}

/// Verifies a credential (with its status) and reads each baked image (file name, bytes) back.
pub async fn verify(app: &TestApp, token: &str, images: &[(&str, &[u8])]) -> Verdict {
    let dir = tempfile::tempdir().expect("temp dir");
    let token_file = dir.path().join("credential.jwt");
    std::fs::write(&token_file, token).unwrap();
    let mut cmd = Command::new(python());
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/ob3_verify.py");
    cmd.arg(script).arg(&app.address).arg(&token_file);
    for (name, bytes) in images {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        cmd.arg(file);
    }
    // The script fetches from the server this test runs: off the test's own thread.
    let output = actix_web::rt::task::spawn_blocking(move || cmd.output())
        .await
        .unwrap()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "ob3_verify.py failed: {stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).expect("one JSON line");
    Verdict {
        verified: v["verified"] == true,
        error: v["error"].as_str().map(str::to_string),
        images_match: v["images_match"]
            .as_array()
            .map(|a| a.iter().map(|b| b == true).collect())
            .unwrap_or_default(),
    }
}
