//! The revocation status list (W3C Bitstring Status List v1.0): every certificate's credential
//! names one bit of one list; the bit is set while the certificate no longer stands (revoked,
//! or superseded by a newer certificate). The list is itself a credential, signed with the
//! issuer's key and published at one stable URL, so a verifier that fetched it learns of a
//! revocation without asking qualify about the certificate.
//!
//! Positions are drawn at random (the specification's advice: neighbouring bits say nothing
//! about each other) from a list of at least 131,072 bits (16 KB, the specification's minimum,
//! so one set bit hides among many), which grows in steps of that size to stay at most half
//! full. The list is built from the database on every request: a revocation is in the next
//! answer of every instance, and nothing needs invalidating.

use std::io::Write;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use chrono::{Duration, NaiveDateTime};
use rand::Rng;
use serde_json::{Value, json};

use super::credential::Issuer;
use crate::db::DbConnection;
use crate::db::models::CertificateCredential;
use crate::error::AppError;

/// The smallest list (bits): 16 KB uncompressed.
pub const MIN_BITS: usize = 131_072;

/// How long a fetched list may be relied on before a verifier fetches it again.
const VALID_FOR: Duration = Duration::days(1);

/// The path the list is published at.
pub const PATH: &str = "/status-lists/revocation";

/// The list's URL.
pub fn url(issuer: &Issuer) -> String {
    format!("{}{PATH}", issuer.base_url)
}

/// The `credentialStatus` entry of a credential whose bit is `index`.
pub fn entry(issuer: &Issuer, index: i32) -> Value {
    json!({
        "id": format!("{}#{index}", url(issuer)),
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": index.to_string(),
        "statusListCredential": url(issuer),
    })
}

/// The list's length in bits for this many taken positions (the highest one included).
fn length(taken: i64, highest: Option<i32>) -> usize {
    let need = (taken.max(0) as usize * 2).max(highest.map_or(0, |h| h.max(0) as usize + 1));
    need.div_ceil(MIN_BITS).max(1) * MIN_BITS
}

/// A free position, drawn at random from a list that stays at most half full.
pub fn free_index(conn: &mut DbConnection) -> Result<i32, AppError> {
    let (taken, highest) = CertificateCredential::extent(conn)?;
    let bits = length(taken + 1, highest);
    let mut rng = rand::rng();
    loop {
        let index = rng.random_range(0..bits) as i32;
        if !CertificateCredential::index_taken(conn, index)? {
            return Ok(index);
        }
    }
}

/// The bitstring with these bits set (the first bit is the high bit of the first byte),
/// GZIP-compressed and base64url-encoded with the multibase prefix `u`.
pub fn encode(set: &[i32], bits: usize) -> String {
    let mut bytes = vec![0u8; bits / 8];
    for &i in set {
        if let Some(byte) = usize::try_from(i).ok().and_then(|i| bytes.get_mut(i / 8)) {
            *byte |= 0x80 >> (i % 8);
        }
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes).expect("writing to memory");
    format!("u{}", B64.encode(gz.finish().expect("writing to memory")))
}

/// The status list credential as of `now`, signed (a JWT whose payload is the credential).
pub fn credential(
    conn: &mut DbConnection,
    issuer: &Issuer,
    now: NaiveDateTime,
) -> Result<String, AppError> {
    let (taken, highest) = CertificateCredential::extent(conn)?;
    let ended = CertificateCredential::ended_indices(conn)?;
    let list = url(issuer);
    let until = now + VALID_FOR;
    let body = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": list,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer.id(),
        "validFrom": crate::domain::timestamp::rfc3339(&now),
        "validUntil": crate::domain::timestamp::rfc3339(&until),
        "credentialSubject": {
            "id": format!("{list}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode(&ended, length(taken, highest)),
        },
        "iss": issuer.id(),
        "jti": list,
        "nbf": now.and_utc().timestamp(),
        "exp": until.and_utc().timestamp(),
    });
    Ok(issuer.sign(&body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn decode(encoded: &str) -> Vec<u8> {
        let gz = B64.decode(encoded.strip_prefix('u').unwrap()).unwrap();
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn set_bits_read_back_high_bit_first_in_a_16_kb_list() {
        let bytes = decode(&encode(&[0, 9, 131_071], MIN_BITS));
        assert_eq!(bytes.len(), 16_384);
        assert_eq!(bytes[0], 0x80);
        assert_eq!(bytes[1], 0x40);
        assert_eq!(bytes[16_383], 0x01);
        assert_eq!(bytes.iter().map(|b| b.count_ones()).sum::<u32>(), 3);
    }

    #[test]
    fn the_list_grows_to_stay_at_most_half_full_and_covers_every_position() {
        assert_eq!(length(0, None), MIN_BITS);
        assert_eq!(length(65_536, Some(10)), MIN_BITS);
        assert_eq!(length(65_537, Some(10)), 2 * MIN_BITS);
        assert_eq!(length(3, Some(200_000)), 2 * MIN_BITS);
    }
}
