//! Passwords: Argon2id with OWASP's parameters (m = 19 MiB, t = 2, p = 1), hashed on the
//! blocking pool with bounded concurrency; unknown accounts are checked against a dummy hash of
//! the same cost, so the answer takes as long either way. A hash made with other parameters is
//! made again at the next sign-in ([`needs_rehash`]).

use std::sync::LazyLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

/// At most this many hashes run at once (each takes 19 MiB and a core).
static HASHING: LazyLock<Semaphore> =
    LazyLock::new(|| Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get())));

static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_blocking("not a real password").expect("dummy hash"));

fn argon2() -> Argon2<'static> {
    Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        Params::new(19 * 1024, 2, 1, None).expect("valid params"),
    )
}

fn hash_blocking(password: &str) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    rand::fill(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    Ok(argon2()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("hash: {e}"))?
        .to_string())
}

fn verify_blocking(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Whether a stored hash was made with other parameters (or another algorithm) than today's:
/// it is made again at the next successful sign-in, when the password is at hand.
pub fn needs_rehash(hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return true;
    };
    let current = argon2();
    let params = current.params();
    let same = parsed.algorithm.as_str() == "argon2id"
        && parsed.version == Some(Version::V0x13 as u32)
        && Params::try_from(&parsed).is_ok_and(|p| {
            p.m_cost() == params.m_cost()
                && p.t_cost() == params.t_cost()
                && p.p_cost() == params.p_cost()
        });
    !same
}

/// Hashes a new password.
pub async fn hash(password: String) -> anyhow::Result<String> {
    let _permit = HASHING.acquire().await?;
    actix_web::rt::task::spawn_blocking(move || hash_blocking(&password)).await?
}

/// Checks a password against a stored hash; with no hash, burns the same time and fails.
pub async fn verify(password: String, hash: Option<String>) -> bool {
    let Ok(_permit) = HASHING.acquire().await else {
        return false;
    };
    let known = hash.is_some();
    let hash = hash.unwrap_or_else(|| DUMMY_HASH.clone());
    let ok = actix_web::rt::task::spawn_blocking(move || verify_blocking(&password, &hash))
        .await
        .unwrap_or(false);
    ok && known
}

/// The 3,000 most common passwords (`assets/common_passwords.txt`, from zxcvbn's frequency
/// list; licence beside it) and [`COMMON`], lower-case.
static COMMON_LIST: LazyLock<std::collections::HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../assets/common_passwords.txt")
        .lines()
        .chain(COMMON.iter().copied())
        .collect()
});

/// Words of this service and its setting that make a guessable password.
const CONTEXT: &[&str] = &[
    "qualify",
    "community",
    "communitymanager",
    "communitymanagement",
    "certificate",
    "zertifikat",
    "intranet",
];

/// German and seasonal passwords the English-language list misses.
const COMMON: &[&str] = &[
    "password",
    "password1",
    "password123",
    "passwort",
    "passwort1",
    "123456789",
    "12345678",
    "1234567890",
    "qwertzuiop",
    "qwertyuiop",
    "iloveyou",
    "sunshine",
    "football",
    "baseball",
    "welcome1",
    "willkommen",
    "letmein1",
    "abc12345",
    "admin123",
    "qwerty123",
    "hallo123",
    "sommer2026",
    "winter2026",
    "changeme",
];

crate::error::reasons! {
    /// Why a new password is refused.
    pub enum PasswordProblem {
        /// Fewer than 10 characters.
        TooShort = "too_short" => ("password-too-short", UNPROCESSABLE_ENTITY),
        /// More than 256 characters.
        TooLong = "too_long" => ("password-too-long", UNPROCESSABLE_ENTITY),
        /// On the list of common passwords, or the person's own email or name.
        TooCommon = "too_common" => ("password-too-common", UNPROCESSABLE_ENTITY),
    }
}

/// Checks a new password: 10 to 256 characters, not one of the 3,000 most common passwords nor
/// a word of this service, not the person's email or name (also with digits or punctuation
/// appended).
/// No composition rules and no truncation (NIST SP 800-63B, OWASP ASVS 6.2).
pub fn check_new(password: &str, email: &str, name: &str) -> Result<(), PasswordProblem> {
    let length = password.chars().count();
    if length < 10 {
        return Err(PasswordProblem::TooShort);
    }
    if length > 256 {
        return Err(PasswordProblem::TooLong);
    }
    let lower = password.to_lowercase();
    // "Password2026!" is "password" with a suffix: the suffix adds little to guess.
    let base = lower
        .trim_end_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation() || c == ' ');
    let local = email.split('@').next().unwrap_or("").to_lowercase();
    let personal = [email.to_lowercase(), local, name.to_lowercase()];
    let guessable = |word: &str| {
        COMMON_LIST.contains(word) || CONTEXT.contains(&word) || personal.iter().any(|p| p == word)
    };
    if guessable(&lower) || guessable(base) {
        return Err(PasswordProblem::TooCommon);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_for_new_passwords() {
        assert_eq!(
            check_new("short", "a@b.c", "A"),
            Err(PasswordProblem::TooShort)
        );
        assert_eq!(
            check_new("Password123", "a@b.c", "A"),
            Err(PasswordProblem::TooCommon)
        );
        assert_eq!(
            check_new("jana.schmidt", "jana.schmidt@example.com", "Jana"),
            Err(PasswordProblem::TooCommon)
        );
        assert!(check_new(&"x".repeat(64), "a@b.c", "A").is_ok());
        assert!(check_new("korrekt pferd batterie", "a@b.c", "A").is_ok());
    }

    #[test]
    fn hashes_use_argon2id_with_owasp_parameters_and_verify() {
        let hash = hash_blocking("korrekt pferd batterie").unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_blocking("korrekt pferd batterie", &hash));
        assert!(!verify_blocking("korrekt pferd batterie!", &hash));
        let long = "ä".repeat(100);
        let long_hash = hash_blocking(&long).unwrap();
        assert!(
            !verify_blocking(&"ä".repeat(99), &long_hash),
            "no truncation"
        );
    }

    #[test]
    fn hashes_with_other_parameters_are_made_again() {
        let current = hash_blocking("korrekt pferd batterie").unwrap();
        assert!(!needs_rehash(&current));
        let salt = SaltString::encode_b64(&[5u8; 16]).unwrap();
        let weaker = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(4096, 1, 1, None).unwrap(),
        )
        .hash_password(b"korrekt pferd batterie", &salt)
        .unwrap()
        .to_string();
        assert!(needs_rehash(&weaker));
        assert!(
            verify_blocking("korrekt pferd batterie", &weaker),
            "an old hash still verifies"
        );
        let argon2i = Argon2::new(Algorithm::Argon2i, Version::V0x13, Params::default())
            .hash_password(b"x", &salt)
            .unwrap()
            .to_string();
        assert!(needs_rehash(&argon2i));
        assert!(needs_rehash("not a hash"));
    }

    #[test]
    fn common_and_guessable_passwords_are_refused_with_suffixes_too() {
        let refused = |p: &str| check_new(p, "jana.kovac@example.com", "Jana Kovač").is_err();
        for p in [
            "qwertyuiop",
            "password2026!",
            "Dragon12345678",
            "qualify-2026",
            "Zertifikat2026",
            "jana.kovac2026",
            "passwort!!!!!",
        ] {
            assert!(refused(p), "{p} must be refused");
        }
        for p in [
            "correct horse battery staple",
            "dragon fruit on a bicycle",
            "the right passphrase 7",
        ] {
            assert!(!refused(p), "{p} must be accepted");
        }
        assert!(COMMON_LIST.len() >= 3000);
    }
}
