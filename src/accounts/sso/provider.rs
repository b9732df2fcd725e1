//! The identity provider over HTTP: its discovery document (cached for an hour), its keys
//! (cached, and fetched again once when a token names an unknown key), and the token
//! endpoint. One [`Provider`] per process, shared by all requests; nothing here touches the
//! database.

use std::sync::RwLock;
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::JwkSet;
use serde::Deserialize;

use super::id_token::{self, Claims, Expected, TokenError};
use crate::config::oidc::OidcSetting;

/// How long a fetched discovery document is used before it is read again.
const DISCOVERY_TTL: Duration = Duration::from_secs(3600);

/// What qualify reads from `/.well-known/openid-configuration`.
#[derive(Debug, Clone, Deserialize)]
pub struct Discovery {
    /// Must equal the configured issuer.
    pub issuer: String,
    /// Where the browser is sent to sign in.
    pub authorization_endpoint: String,
    /// Where the code is exchanged for tokens.
    pub token_endpoint: String,
    /// The provider's public keys.
    pub jwks_uri: String,
    /// The provider's sign-out page, if it offers one.
    #[serde(default)]
    pub end_session_endpoint: Option<String>,
}

/// Why talking to the provider failed (for the log; the person sees a plain sentence).
#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    /// Not reachable, or an answer that is not what OpenID Connect describes.
    #[error("identity provider: {0}")]
    Unreachable(String),
    /// The token endpoint refused the code (`invalid_grant` …).
    #[error("token endpoint refused the code: {0}")]
    Refused(String),
    /// The ID token failed a check.
    #[error("ID token refused: {0:?}")]
    Token(TokenError),
}

/// The provider, its cached discovery document and keys, and an HTTP client with TLS.
#[derive(Debug)]
pub struct Provider {
    /// The settings it was built from.
    pub setting: OidcSetting,
    http: reqwest::Client,
    discovery: RwLock<Option<(Discovery, Instant)>>,
    keys: RwLock<Option<JwkSet>>,
}

impl Provider {
    /// A provider for these settings; nothing is fetched until the first sign-in.
    pub fn new(setting: OidcSetting) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .connect_timeout(Duration::from_secs(5))
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Self {
            setting,
            http,
            discovery: RwLock::new(None),
            keys: RwLock::new(None),
        })
    }

    async fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        url: &str,
    ) -> Result<T, ProviderError> {
        let unreachable =
            |e: &dyn std::fmt::Display| ProviderError::Unreachable(format!("{url}: {e}"));
        let response = self
            .http
            .get(url)
            .send()
            .await
            .map_err(|e| unreachable(&e))?;
        if !response.status().is_success() {
            return Err(unreachable(&response.status()));
        }
        let body = response.bytes().await.map_err(|e| unreachable(&e))?;
        serde_json::from_slice(&body).map_err(|e| unreachable(&e))
    }

    /// The discovery document, from the cache while it is fresh.
    pub async fn discovery(&self) -> Result<Discovery, ProviderError> {
        if let Some((doc, at)) = self.discovery.read().expect("lock").as_ref()
            && at.elapsed() < DISCOVERY_TTL
        {
            return Ok(doc.clone());
        }
        let url = format!("{}/.well-known/openid-configuration", self.setting.issuer);
        let doc: Discovery = self.get_json(&url).await?;
        if doc.issuer.trim_end_matches('/') != self.setting.issuer {
            return Err(ProviderError::Unreachable(format!(
                "the discovery document names the issuer {}, not {}",
                doc.issuer, self.setting.issuer
            )));
        }
        *self.discovery.write().expect("lock") = Some((doc.clone(), Instant::now()));
        Ok(doc)
    }

    /// The discovery document only if it is already cached (for sign-out, which must not wait).
    pub fn cached_discovery(&self) -> Option<Discovery> {
        self.discovery
            .read()
            .expect("lock")
            .as_ref()
            .map(|(doc, _)| doc.clone())
    }

    async fn fetch_keys(&self, jwks_uri: &str) -> Result<JwkSet, ProviderError> {
        let keys: JwkSet = self.get_json(jwks_uri).await?;
        *self.keys.write().expect("lock") = Some(keys.clone());
        Ok(keys)
    }

    /// Exchanges an authorization code for tokens and checks the ID token; gives its claims.
    pub async fn redeem(
        &self,
        code: &str,
        verifier: &str,
        redirect_uri: &str,
        expected: &Expected<'_>,
    ) -> Result<Claims, ProviderError> {
        let doc = self.discovery().await?;
        let id_token = self.exchange(&doc, code, verifier, redirect_uri).await?;
        let cached = self.keys.read().expect("lock").clone();
        let keys = match cached {
            Some(keys) => keys,
            None => self.fetch_keys(&doc.jwks_uri).await?,
        };
        match id_token::verify(&id_token, &keys, expected) {
            Err(TokenError::UnknownKey) => {
                let fresh = self.fetch_keys(&doc.jwks_uri).await?;
                id_token::verify(&id_token, &fresh, expected).map_err(ProviderError::Token)
            }
            other => other.map_err(ProviderError::Token),
        }
    }

    /// The token request: the code, the PKCE verifier, and the client's credentials (HTTP
    /// Basic with a secret; the client id alone for a public client).
    async fn exchange(
        &self,
        doc: &Discovery,
        code: &str,
        verifier: &str,
        redirect_uri: &str,
    ) -> Result<String, ProviderError> {
        let mut form = form_urlencoded::Serializer::new(String::new());
        form.append_pair("grant_type", "authorization_code")
            .append_pair("code", code)
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("code_verifier", verifier);
        let mut request = self
            .http
            .post(&doc.token_endpoint)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json");
        match &self.setting.client_secret {
            Some(secret) => {
                let enc =
                    |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
                request = request.basic_auth(enc(&self.setting.client_id), Some(enc(secret)));
            }
            None => {
                form.append_pair("client_id", &self.setting.client_id);
            }
        }
        let response = request
            .body(form.finish())
            .send()
            .await
            .map_err(|e| ProviderError::Unreachable(format!("token endpoint: {e}")))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|e| ProviderError::Unreachable(format!("token endpoint: {e}")))?;
        let answer: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        if !status.is_success() {
            let error = answer["error"].as_str().unwrap_or("no error code");
            return Err(ProviderError::Refused(format!("{status} {error}")));
        }
        answer["id_token"]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| ProviderError::Refused("no id_token in the answer".into()))
    }
}
