//! Single sign-on against a scripted provider: a public client sends its id and the PKCE
//! verifier of the challenge it sent, a token signed with a new key makes qualify fetch the
//! keys again once, and forged ID tokens are refused at the callback in plain words without
//! a session.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use ed25519_dalek::SigningKey;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::support::app::{Response, TestApp, spawn_app_with};
use crate::support::browser::Browser;
use crate::support::oidc_fake::{FakeProvider, query_param, start_fake};
use crate::support::oidc_provider::{english, plain_words};

const CLIENT: &str = "qualify-public";

async fn app_for(fake: &FakeProvider) -> TestApp {
    let issuer = fake.issuer.clone();
    let app = spawn_app_with(|m| {
        m.insert("QUALIFY_OIDC_ISSUER".into(), issuer);
        m.insert("QUALIFY_OIDC_CLIENT_ID".into(), CLIENT.into());
    })
    .await;
    app.clock.set(Utc::now());
    app
}

/// Begins a sign-in; gives the authorize URL the browser was sent to.
async fn begin(browser: &Browser<'_>) -> String {
    let begun = browser.get("/sign-in/sso").await;
    assert_eq!(begun.status, 303, "{}", begun.body);
    begun.header("location").unwrap().to_string()
}

/// Returns to the callback with the state of `authorize`, the provider handing out `token`
/// (built from the nonce).
async fn finish(
    browser: &Browser<'_>,
    fake: &FakeProvider,
    authorize: &str,
    token: impl FnOnce(&str) -> String,
) -> Response {
    fake.hand_out(token(&query_param(authorize, "nonce")));
    let state = query_param(authorize, "state");
    browser
        .get(&format!("/sign-in/sso/callback?code=c-1&state={state}"))
        .await
}

fn b64(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(value).unwrap())
}

#[actix_web::test]
async fn a_public_client_sends_the_pkce_verifier_and_fetches_new_keys_once() {
    let fake = start_fake().await;
    let app = app_for(&fake).await;
    let browser = Browser::new(&app);
    let authorize = begin(&browser).await;
    assert!(authorize.starts_with(&format!("{}/authorize?", fake.issuer)));
    let key = SigningKey::from_bytes(&[1; 32]);
    let done = finish(&browser, &fake, &authorize, |nonce| {
        FakeProvider::sign("k1", &key, &fake.claims(CLIENT, nonce, "p-1"))
    })
    .await;
    assert_eq!(done.status, 303, "{}", done.body);
    {
        let script = fake.script.lock().unwrap();
        let (fields, auth) = &script.token_requests[0];
        let field = |n: &str| fields.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
        assert_eq!(field("client_id").as_deref(), Some(CLIENT));
        assert_eq!(field("grant_type").as_deref(), Some("authorization_code"));
        let verifier = field("code_verifier").expect("PKCE verifier sent");
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
        assert_eq!(challenge, query_param(&authorize, "code_challenge"));
        assert!(auth.is_none(), "a public client sends no secret");
        assert_eq!(script.key_fetches, 1);
    }

    let rotated = SigningKey::from_bytes(&[2; 32]);
    fake.script.lock().unwrap().keys = vec![("k2".into(), rotated.clone())];
    let again = Browser::new(&app);
    let authorize = begin(&again).await;
    let done = finish(&again, &fake, &authorize, |nonce| {
        FakeProvider::sign("k2", &rotated, &fake.claims(CLIENT, nonce, "p-1"))
    })
    .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(
        fake.script.lock().unwrap().key_fetches,
        2,
        "fetched again once"
    );
}

#[actix_web::test]
async fn forged_id_tokens_are_refused_at_the_callback() {
    let fake = start_fake().await;
    let app = app_for(&fake).await;
    let key = SigningKey::from_bytes(&[1; 32]);
    let forger = SigningKey::from_bytes(&[9; 32]);
    let public_x = URL_SAFE_NO_PAD.encode(key.verifying_key().as_bytes());
    type Forge<'f> = Box<dyn Fn(&str) -> String + 'f>;
    let forgeries: Vec<(&str, Forge<'_>)> = vec![
        (
            "wrong signature",
            Box::new(|n| FakeProvider::sign("k1", &forger, &fake.claims(CLIENT, n, "p-9"))),
        ),
        (
            "alg none",
            Box::new(|n| {
                let head = b64(&json!({ "alg": "none", "kid": "k1" }));
                format!("{head}.{}.", b64(&fake.claims(CLIENT, n, "p-9")))
            }),
        ),
        (
            "HS256 keyed with the public key",
            Box::new(|n| {
                let mut header = Header::new(Algorithm::HS256);
                header.kid = Some("k1".into());
                let secret = EncodingKey::from_secret(public_x.as_bytes());
                jsonwebtoken::encode(&header, &fake.claims(CLIENT, n, "p-9"), &secret).unwrap()
            }),
        ),
        (
            "wrong audience",
            Box::new(|n| FakeProvider::sign("k1", &key, &fake.claims("another-app", n, "p-9"))),
        ),
        (
            "expired",
            Box::new(|n| {
                let mut claims = fake.claims(CLIENT, n, "p-9");
                claims["exp"] = json!(Utc::now().timestamp() - 3600);
                FakeProvider::sign("k1", &key, &claims)
            }),
        ),
        (
            "wrong nonce",
            Box::new(|_| FakeProvider::sign("k1", &key, &fake.claims(CLIENT, "other", "p-9"))),
        ),
    ];
    for (what, forge) in forgeries {
        let browser = english(&app);
        let authorize = begin(&browser).await;
        let page = finish(&browser, &fake, &authorize, forge).await;
        assert_eq!(page.status, 401, "{what}: {}", page.body);
        plain_words(&page, "could not be verified");
        assert!(
            browser.cookie("qualify_session").is_none(),
            "{what}: no session"
        );
    }
}
