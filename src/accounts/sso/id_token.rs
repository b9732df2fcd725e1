//! Checking an ID token: the signature against the provider's published keys (JWKS), with an
//! allow-list of asymmetric algorithms (never `none`, never an HMAC, whose "secret" would be
//! the public key an attacker can read), and the claims `iss`, `aud`, `azp`, `exp`, `iat` and
//! `nonce` against what this sign-in expects, with a small clock skew. Pure: time comes in as
//! `now`, keys as a [`JwkSet`].

use chrono::NaiveDateTime;
use jsonwebtoken::jwk::{AlgorithmParameters, JwkSet};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{Map, Value};

/// Signature algorithms an ID token may use.
pub const ALLOWED: &[Algorithm] = &[
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::EdDSA,
];

/// Seconds of difference between the provider's clock and ours that are forgiven.
pub const SKEW_SECONDS: i64 = 60;

/// An ID token older than this (by `iat`) is refused: it cannot belong to a sign-in that
/// began at most ten minutes ago.
pub const MAX_AGE_SECONDS: i64 = 15 * 60;

/// What this sign-in expects of the token.
#[derive(Debug, Clone)]
pub struct Expected<'a> {
    /// The configured issuer.
    pub issuer: &'a str,
    /// qualify's client id (the audience).
    pub client_id: &'a str,
    /// The nonce stored when the sign-in began.
    pub nonce: &'a str,
    /// Now, from the clock.
    pub now: NaiveDateTime,
}

/// Why a token is refused (for the log; the person sees one plain sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenError {
    /// Not a JWT, or an algorithm outside [`ALLOWED`] (including `none` and HMAC).
    Algorithm(String),
    /// No published key has the token's `kid` (fetch the keys again, once).
    UnknownKey,
    /// The key does not fit the algorithm, or the signature does not verify.
    Signature,
    /// A claim does not match: which one.
    Claim(&'static str),
}

/// The verified claims of an ID token.
pub type Claims = Map<String, Value>;

/// Checks `token` against `keys` and `expected`; gives its claims.
pub fn verify(token: &str, keys: &JwkSet, expected: &Expected<'_>) -> Result<Claims, TokenError> {
    let header = jsonwebtoken::decode_header(token)
        .map_err(|e| TokenError::Algorithm(format!("unreadable header: {e}")))?;
    if !ALLOWED.contains(&header.alg) {
        return Err(TokenError::Algorithm(format!("{:?}", header.alg)));
    }
    let key = key_for(keys, header.kid.as_deref(), header.alg)?;
    let mut validation = Validation::new(header.alg);
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.set_required_spec_claims(&["iss", "aud", "sub"]);
    validation.set_issuer(&[expected.issuer]);
    validation.set_audience(&[expected.client_id]);
    let data = jsonwebtoken::decode::<Claims>(token, &key, &validation).map_err(|e| {
        use jsonwebtoken::errors::ErrorKind;
        match e.kind() {
            ErrorKind::InvalidIssuer => TokenError::Claim("iss"),
            ErrorKind::InvalidAudience => TokenError::Claim("aud"),
            ErrorKind::MissingRequiredClaim(_) => TokenError::Claim("required"),
            _ => TokenError::Signature,
        }
    })?;
    check_claims(&data.claims, expected)?;
    Ok(data.claims)
}

/// The published key for `kid` (or the only key that fits, when the token names none), as a
/// decoding key whose type fits the algorithm.
fn key_for(keys: &JwkSet, kid: Option<&str>, alg: Algorithm) -> Result<DecodingKey, TokenError> {
    let fits = |params: &AlgorithmParameters| match params {
        AlgorithmParameters::RSA(_) => matches!(
            alg,
            Algorithm::RS256
                | Algorithm::RS384
                | Algorithm::RS512
                | Algorithm::PS256
                | Algorithm::PS384
                | Algorithm::PS512
        ),
        AlgorithmParameters::EllipticCurve(_) => {
            matches!(alg, Algorithm::ES256 | Algorithm::ES384)
        }
        AlgorithmParameters::OctetKeyPair(_) => alg == Algorithm::EdDSA,
        AlgorithmParameters::OctetKey(_) => false,
    };
    let jwk = match kid {
        Some(kid) => keys.find(kid).ok_or(TokenError::UnknownKey)?,
        None => {
            let mut fitting = keys.keys.iter().filter(|k| fits(&k.algorithm));
            match (fitting.next(), fitting.next()) {
                (Some(only), None) => only,
                _ => return Err(TokenError::UnknownKey),
            }
        }
    };
    if !fits(&jwk.algorithm) {
        return Err(TokenError::Signature);
    }
    if let Some(stated) = jwk.common.key_algorithm
        && format!("{stated:?}") != format!("{alg:?}")
    {
        return Err(TokenError::Signature);
    }
    DecodingKey::from_jwk(jwk).map_err(|_| TokenError::Signature)
}

fn number(claims: &Claims, name: &'static str) -> Result<i64, TokenError> {
    claims
        .get(name)
        .and_then(Value::as_i64)
        .ok_or(TokenError::Claim(name))
}

/// `exp`, `iat`, `nonce` and, with several audiences, `azp`.
fn check_claims(claims: &Claims, expected: &Expected<'_>) -> Result<(), TokenError> {
    let now = expected.now.and_utc().timestamp();
    if number(claims, "exp")? + SKEW_SECONDS <= now {
        return Err(TokenError::Claim("exp"));
    }
    let iat = number(claims, "iat")?;
    if iat > now + SKEW_SECONDS || iat < now - MAX_AGE_SECONDS - SKEW_SECONDS {
        return Err(TokenError::Claim("iat"));
    }
    if claims.get("nonce").and_then(Value::as_str) != Some(expected.nonce) {
        return Err(TokenError::Claim("nonce"));
    }
    let several = claims
        .get("aud")
        .and_then(Value::as_array)
        .is_some_and(|a| a.len() > 1);
    let azp = claims.get("azp").and_then(Value::as_str);
    if (several || azp.is_some()) && azp != Some(expected.client_id) {
        return Err(TokenError::Claim("azp"));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
