//! Passwords: argon2id hashes (PHC strings), computed off the async runtime.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use tokio::sync::Semaphore;

use crate::error::{ApiError, ApiResult};

/// Shortest password accepted.
pub const MIN_LENGTH: usize = 8;

/// Refuses a password too short or too long to be a reasonable secret.
pub fn validate_new(field: &str, password: &str) -> ApiResult<()> {
    let len = password.chars().count();
    if len < MIN_LENGTH {
        return Err(ApiError::bad_input(
            field,
            format!("password must be at least {MIN_LENGTH} characters"),
        ));
    }
    if len > 256 {
        return Err(ApiError::bad_input(field, "password is too long"));
    }
    Ok(())
}

/// Each argon2 run holds 19 MiB and a core for a while; a burst of logins waits its turn
/// here rather than piling up blocking threads and memory (a login storm must not take
/// the server's memory with it).
fn hashing_slots() -> &'static Semaphore {
    static SLOTS: OnceLock<Semaphore> = OnceLock::new();
    SLOTS.get_or_init(|| {
        Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZero::get))
    })
}

/// Hashes a password with a fresh salt.
pub async fn hash(password: String) -> ApiResult<String> {
    let _slot = hashing_slots()
        .acquire()
        .await
        .map_err(ApiError::internal)?;
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(ApiError::internal)?
}

fn hash_blocking(password: &str) -> ApiResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(ApiError::internal)
}

/// Whether `password` matches `stored`. With no stored hash (unknown user) it still does
/// the work of a verification, so timing does not tell which usernames exist.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    let Ok(_slot) = hashing_slots().acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || {
        let dummy = dummy_hash();
        let target = stored.as_deref().unwrap_or(dummy);
        let Ok(parsed) = PasswordHash::new(target) else {
            return false;
        };
        let ok = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        ok && stored.is_some()
    })
    .await
    .unwrap_or(false)
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_blocking("bangfu-dummy-password").unwrap_or_default())
}

/// A random password for the first admin: 20 characters from an unambiguous alphabet.
pub fn generate() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = OsRng;
    (0..20)
        .map(|_| ALPHABET[(rng.next_u32() as usize) % ALPHABET.len()] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_differ_by_salt() {
        let a = hash("correct horse".into()).await.unwrap();
        let b = hash("correct horse".into()).await.unwrap();
        assert_ne!(a, b);
        assert!(verify("correct horse".into(), Some(a.clone())).await);
        assert!(!verify("wrong horse".into(), Some(a)).await);
        assert!(!verify("correct horse".into(), None).await);
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(validate_new("password", "1234567").is_err());
        assert!(validate_new("password", "12345678").is_ok());
        assert_eq!(generate().len(), 20);
    }
}
