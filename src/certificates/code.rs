//! Verification codes: 160 random bits in lower-case base32 (32 characters), never derived
//! from an id.

use rand::RngCore;

const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// A fresh verification code.
pub fn new_code() -> String {
    let mut bytes = [0u8; 20];
    rand::rng().fill_bytes(&mut bytes);
    let mut out = String::with_capacity(32);
    let mut buffer: u64 = 0;
    let mut bits = 0;
    for b in bytes {
        buffer = (buffer << 8) | u64::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    out
}

/// Whether a text can be a code (checked before any lookup).
pub fn looks_like_code(text: &str) -> bool {
    text.len() == 32 && text.bytes().all(|b| ALPHABET.contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_32_base32_characters_and_differ() {
        let (a, b) = (new_code(), new_code());
        assert!(looks_like_code(&a));
        assert_ne!(a, b);
        assert!(!looks_like_code("0123"));
    }
}
