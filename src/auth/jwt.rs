//! Login tokens: JWT signed with HS256. Expiry is checked against the service clock, not
//! the library's, so it follows the same time as every other rule.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The claims bangfu puts in a token. Roles are not in it: every request reloads the
/// account, so a role change or a disabled account takes effect at once.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: Uuid,
    pub iat: i64,
    pub exp: i64,
}

/// Signing and verifying keys from one secret.
#[derive(Clone)]
pub struct Keys(Arc<(EncodingKey, DecodingKey)>);

impl Keys {
    pub fn new(secret: &[u8]) -> Result<Self, jsonwebtoken::errors::Error> {
        Ok(Self(Arc::new((
            EncodingKey::from_secret(secret)?,
            DecodingKey::from_secret(secret)?,
        ))))
    }

    pub fn issue(
        &self,
        user_id: Uuid,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        let claims = Claims {
            sub: user_id,
            iat: now.timestamp(),
            exp: expires_at.timestamp(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.0.0)
    }

    /// The user id of a valid, unexpired token.
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<Uuid, &'static str> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.validate_exp = false;
        validation.set_required_spec_claims(&["exp", "sub"]);
        let data = jsonwebtoken::decode::<Claims>(token, &self.0.1, &validation)
            .map_err(|_| "invalid token")?;
        if data.claims.exp <= now.timestamp() {
            return Err("token expired");
        }
        Ok(data.claims.sub)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn a_token_verifies_until_it_expires() {
        let keys = Keys::new(b"0123456789abcdef0123456789abcdef").unwrap();
        let now = Utc::now();
        let id = Uuid::now_v7();
        let token = keys.issue(id, now, now + Duration::minutes(5)).unwrap();
        assert_eq!(keys.verify(&token, now), Ok(id));
        assert_eq!(
            keys.verify(&token, now + Duration::minutes(5)),
            Err("token expired")
        );
    }

    #[test]
    fn a_token_signed_with_another_secret_is_refused() {
        let now = Utc::now();
        let token = Keys::new(b"0123456789abcdef0123456789abcdef")
            .unwrap()
            .issue(Uuid::now_v7(), now, now + Duration::minutes(5))
            .unwrap();
        let other = Keys::new(b"fedcba9876543210fedcba9876543210").unwrap();
        assert_eq!(other.verify(&token, now), Err("invalid token"));
    }
}
