//! A scripted OpenID Connect provider on loopback (an actix server on port 0) for what the
//! real one cannot show: the test decides the ID token the token endpoint hands out (forged
//! ones included) and the keys it publishes (rotated ones included), and reads back every
//! token request and how often the keys were fetched.

use std::sync::{Arc, Mutex};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::SigningKey;
use ed25519_dalek::pkcs8::EncodePrivateKey;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

/// A token request: its form fields and its Authorization header.
pub type TokenRequest = (Vec<(String, String)>, Option<String>);

/// What the provider serves and what it was sent.
#[derive(Default)]
pub struct Script {
    /// The published keys, as `(kid, signing key)`.
    pub keys: Vec<(String, SigningKey)>,
    /// The ID token the token endpoint hands out next.
    pub id_token: String,
    /// Every token request: its form fields and its Authorization header.
    pub token_requests: Vec<TokenRequest>,
    /// How often the keys were fetched.
    pub key_fetches: usize,
}

/// A running scripted provider.
pub struct FakeProvider {
    /// `http://127.0.0.1:PORT`, also its issuer.
    pub issuer: String,
    /// The script, shared with the server.
    pub script: Arc<Mutex<Script>>,
}

async fn discovery(req: HttpRequest) -> HttpResponse {
    let issuer = format!("http://{}", req.connection_info().host());
    HttpResponse::Ok().json(json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/authorize"),
        "token_endpoint": format!("{issuer}/token"),
        "jwks_uri": format!("{issuer}/jwks"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["EdDSA"],
    }))
}

async fn jwks(script: web::Data<Arc<Mutex<Script>>>) -> HttpResponse {
    let mut script = script.lock().unwrap();
    script.key_fetches += 1;
    let keys: Vec<Value> = script
        .keys
        .iter()
        .map(|(kid, key)| {
            json!({ "kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "use": "sig", "kid": kid,
                    "x": URL_SAFE_NO_PAD.encode(key.verifying_key().as_bytes()) })
        })
        .collect();
    HttpResponse::Ok().json(json!({ "keys": keys }))
}

async fn token(
    req: HttpRequest,
    body: String,
    script: web::Data<Arc<Mutex<Script>>>,
) -> HttpResponse {
    let fields = form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    let auth = req
        .headers()
        .get("authorization")
        .map(|v| v.to_str().unwrap().to_string());
    let mut script = script.lock().unwrap();
    script.token_requests.push((fields, auth));
    HttpResponse::Ok().json(json!({
        "access_token": "opaque", "token_type": "Bearer", "id_token": script.id_token,
    }))
}

/// Starts the provider with one published key, `k1`.
pub async fn start_fake() -> FakeProvider {
    let script = Arc::new(Mutex::new(Script {
        keys: vec![("k1".into(), SigningKey::from_bytes(&[1; 32]))],
        ..Script::default()
    }));
    let shared = script.clone();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(shared.clone()))
            .route(
                "/.well-known/openid-configuration",
                web::get().to(discovery),
            )
            .route("/jwks", web::get().to(jwks))
            .route("/token", web::post().to(token))
    })
    .workers(1)
    .bind("127.0.0.1:0")
    .expect("bind");
    let port = server.addrs()[0].port();
    actix_web::rt::spawn(server.run());
    FakeProvider {
        issuer: format!("http://127.0.0.1:{port}"),
        script,
    }
}

impl FakeProvider {
    /// An EdDSA token over `claims`, signed with `key` under `kid`.
    pub fn sign(kid: &str, key: &SigningKey, claims: &Value) -> String {
        let der = key.to_pkcs8_der().unwrap();
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(kid.into());
        jsonwebtoken::encode(&header, claims, &EncodingKey::from_ed_der(der.as_bytes())).unwrap()
    }

    /// Good claims for `client_id` and `nonce` at the real time.
    pub fn claims(&self, client_id: &str, nonce: &str, sub: &str) -> Value {
        let now = chrono::Utc::now().timestamp();
        json!({ "iss": self.issuer, "aud": client_id, "sub": sub, "nonce": nonce,
                "iat": now, "exp": now + 300, "email": format!("{sub}@example.com"),
                "email_verified": true })
    }

    /// Sets the ID token the token endpoint hands out next.
    pub fn hand_out(&self, id_token: String) {
        self.script.lock().unwrap().id_token = id_token;
    }
}

/// One query parameter of a URL.
pub fn query_param(url: &str, name: &str) -> String {
    let query = url.split_once('?').map(|(_, q)| q).unwrap_or("");
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| panic!("{name} missing in {url}"))
}
