//! The data key (数据密钥) that seals bank account numbers at rest: AES-256-GCM, an
//! authenticated cipher, so a sealed number that was altered or moved to another row does
//! not open. Each sealed value carries the id of the key that sealed it, so keys can
//! rotate: a new current key seals from then on, retired keys still open what they sealed.

use std::collections::HashMap;
use std::sync::Arc;

use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

/// Bytes of a key.
pub const KEY_LEN: usize = 32;
/// Bytes of a GCM nonce, stored in front of the ciphertext.
const NONCE_LEN: usize = 12;

/// Why a data key or a sealed value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CipherError {
    #[error("a data key is 32 bytes written in base64 (for example `openssl rand -base64 32`)")]
    BadKey,
    #[error("no data key with id {0} is configured (BANGFU_DATA_KEY or BANGFU_DATA_KEYS_RETIRED)")]
    UnknownKey(String),
    #[error("a sealed value does not open: it was altered, or sealed for another record")]
    Tampered,
    #[error("the value could not be sealed")]
    Seal,
}

/// A value sealed by a data key: the key's id and `nonce || ciphertext+tag` in base64.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    pub key_id: String,
    pub blob: String,
}

/// The current data key and the retired ones, by id.
#[derive(Clone)]
pub struct DataKeys(Arc<Inner>);

struct Inner {
    current: String,
    keys: HashMap<String, Aes256Gcm>,
}

/// The id of a key: the start of its SHA-256, which names it without revealing it.
fn key_id(key: &[u8]) -> String {
    hex::encode(&Sha256::digest(key)[..8])
}

/// A key from its base64 text.
pub fn decode_key(text: &str) -> Result<Vec<u8>, CipherError> {
    STANDARD
        .decode(text.trim())
        .ok()
        .filter(|k| k.len() == KEY_LEN)
        .ok_or(CipherError::BadKey)
}

/// A fresh random key, as base64 text.
pub fn generate_key() -> String {
    STANDARD.encode(Aes256Gcm::generate_key(OsRng))
}

impl DataKeys {
    /// The keys from their base64 texts: `current` seals, every one opens.
    pub fn new(current: &str, retired: &[String]) -> Result<Self, CipherError> {
        let current = decode_key(current)?;
        let mut keys = HashMap::new();
        for key in retired
            .iter()
            .filter(|k| !k.trim().is_empty())
            .map(|k| decode_key(k))
        {
            let key = key?;
            keys.insert(key_id(&key), cipher(&key));
        }
        let id = key_id(&current);
        keys.insert(id.clone(), cipher(&current));
        Ok(Self(Arc::new(Inner { current: id, keys })))
    }

    /// Seals `plain` for the record `context` (its id): the sealed value opens only with
    /// the same context.
    pub fn seal(&self, plain: &str, context: &[u8]) -> Result<Sealed, CipherError> {
        let key = self
            .0
            .keys
            .get(&self.0.current)
            .ok_or_else(|| CipherError::UnknownKey(self.0.current.clone()))?;
        let nonce = Aes256Gcm::generate_nonce(OsRng);
        let ciphertext = key
            .encrypt(
                &nonce,
                Payload {
                    msg: plain.as_bytes(),
                    aad: context,
                },
            )
            .map_err(|_| CipherError::Seal)?;
        let mut blob = nonce.to_vec();
        blob.extend(ciphertext);
        Ok(Sealed {
            key_id: self.0.current.clone(),
            blob: STANDARD.encode(blob),
        })
    }

    /// Opens a value sealed for `context`.
    pub fn open(&self, sealed: &Sealed, context: &[u8]) -> Result<String, CipherError> {
        let key = self
            .0
            .keys
            .get(&sealed.key_id)
            .ok_or_else(|| CipherError::UnknownKey(sealed.key_id.clone()))?;
        let blob = STANDARD
            .decode(&sealed.blob)
            .map_err(|_| CipherError::Tampered)?;
        if blob.len() <= NONCE_LEN {
            return Err(CipherError::Tampered);
        }
        let (nonce, ciphertext) = blob.split_at(NONCE_LEN);
        let plain = key
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: context,
                },
            )
            .map_err(|_| CipherError::Tampered)?;
        String::from_utf8(plain).map_err(|_| CipherError::Tampered)
    }

    /// The id of the key that seals now.
    pub fn current_id(&self) -> &str {
        &self.0.current
    }
}

fn cipher(key: &[u8]) -> Aes256Gcm {
    Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_number_opens_only_for_its_record_and_holds_no_digits() {
        let keys = DataKeys::new(&generate_key(), &[]).unwrap();
        let sealed = keys.seal("6222021234567890128", b"row-1").unwrap();
        assert_eq!(sealed.key_id, keys.current_id());
        assert!(!sealed.blob.contains("6222"));
        let again = keys.seal("6222021234567890128", b"row-1").unwrap();
        assert_ne!(sealed.blob, again.blob, "a fresh nonce each time");
        assert_eq!(keys.open(&sealed, b"row-1").unwrap(), "6222021234567890128");
        assert_eq!(keys.open(&sealed, b"row-2"), Err(CipherError::Tampered));
        let mut bytes = STANDARD.decode(&sealed.blob).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        let altered = Sealed {
            blob: STANDARD.encode(bytes),
            ..sealed.clone()
        };
        assert_eq!(keys.open(&altered, b"row-1"), Err(CipherError::Tampered));
    }

    #[test]
    fn a_retired_key_still_opens_what_it_sealed() {
        let old = generate_key();
        let new = generate_key();
        let before = DataKeys::new(&old, &[])
            .unwrap()
            .seal("1234", b"r")
            .unwrap();
        let rotated = DataKeys::new(&new, std::slice::from_ref(&old)).unwrap();
        assert_eq!(rotated.open(&before, b"r").unwrap(), "1234");
        assert_ne!(rotated.seal("1234", b"r").unwrap().key_id, before.key_id);
        let forgotten = DataKeys::new(&new, &[]).unwrap();
        assert!(matches!(
            forgotten.open(&before, b"r"),
            Err(CipherError::UnknownKey(_))
        ));
    }

    #[test]
    fn a_key_is_32_bytes_of_base64() {
        assert_eq!(decode_key("c2hvcnQ="), Err(CipherError::BadKey));
        assert_eq!(decode_key("not base64!"), Err(CipherError::BadKey));
        assert_eq!(decode_key(&generate_key()).unwrap().len(), 32);
    }
}
