//! Login tokens: JWT signed with HS256. Expiry is checked against the service clock, not
//! the library's, so it follows the same time as every other rule. A token lives no longer
//! than the configured lifetime, whatever its own claims say: a token signed with a
//! leaked or reused secret cannot be made to last for years.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The claims bangfu puts in a token. Roles are not in it: every request reloads the
/// account, so a role change or a disabled account takes effect at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub sub: Uuid,
    pub iat: i64,
    pub exp: i64,
    /// The account's credentials version when the token was issued: a password change
    /// raises it and so ends the token. (Tokens from before it was carried count as 0.)
    #[serde(default)]
    pub ver: i32,
}

/// How much a token's issue time may lie ahead of this server's clock (another replica's
/// clock may run slightly ahead).
const CLOCK_SKEW_SECS: i64 = 60;

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
        credentials_version: i32,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        let claims = Claims {
            sub: user_id,
            iat: now.timestamp(),
            exp: expires_at.timestamp(),
            ver: credentials_version,
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.0.0)
    }

    /// The claims of a token that is signed with this secret, unexpired, issued no later
    /// than now, and made to live no longer than `lifetime`.
    pub fn verify(
        &self,
        token: &str,
        now: DateTime<Utc>,
        lifetime: Duration,
    ) -> Result<Claims, &'static str> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.validate_exp = false;
        validation.set_required_spec_claims(&["exp", "sub", "iat"]);
        let claims = jsonwebtoken::decode::<Claims>(token, &self.0.1, &validation)
            .map_err(|_| "invalid token")?
            .claims;
        let now = now.timestamp();
        if claims.exp <= now {
            return Err("token expired");
        }
        if claims.iat > now.saturating_add(CLOCK_SKEW_SECS) {
            return Err("token issued in the future");
        }
        if claims.exp.saturating_sub(claims.iat) > lifetime.num_seconds() {
            return Err("token lifetime is longer than this server allows");
        }
        Ok(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";
    const TTL: Duration = Duration::minutes(480);

    #[test]
    fn a_token_verifies_until_it_expires() {
        let keys = Keys::new(SECRET).unwrap();
        let now = Utc::now();
        let id = Uuid::now_v7();
        let token = keys.issue(id, 3, now, now + Duration::minutes(5)).unwrap();
        let claims = keys.verify(&token, now, TTL).unwrap();
        assert_eq!((claims.sub, claims.ver), (id, 3));
        assert_eq!(
            keys.verify(&token, now + Duration::minutes(5), TTL),
            Err("token expired")
        );
    }

    #[test]
    fn a_token_signed_with_another_secret_is_refused() {
        let now = Utc::now();
        let token = Keys::new(SECRET)
            .unwrap()
            .issue(Uuid::now_v7(), 0, now, now + Duration::minutes(5))
            .unwrap();
        let other = Keys::new(b"fedcba9876543210fedcba9876543210").unwrap();
        assert_eq!(other.verify(&token, now, TTL), Err("invalid token"));
    }

    #[test]
    fn a_well_signed_token_made_to_outlive_the_configured_lifetime_is_refused() {
        let keys = Keys::new(SECRET).unwrap();
        let now = Utc::now();
        let id = Uuid::now_v7();
        let long = keys
            .issue(id, 0, now, now + TTL + Duration::seconds(1))
            .unwrap();
        assert_eq!(
            keys.verify(&long, now, TTL),
            Err("token lifetime is longer than this server allows")
        );
        let exact = keys.issue(id, 0, now, now + TTL).unwrap();
        assert!(keys.verify(&exact, now, TTL).is_ok());
        // Issued "later" so that its lifetime looks short while it is valid from now on.
        let ahead = now + Duration::days(3650);
        let future = keys.issue(id, 0, ahead, ahead + TTL).unwrap();
        assert_eq!(
            keys.verify(&future, now, TTL),
            Err("token issued in the future")
        );
    }

    #[test]
    fn a_token_without_an_issue_time_is_refused() {
        #[derive(Serialize)]
        struct Bare {
            sub: Uuid,
            exp: i64,
        }
        let now = Utc::now();
        let token = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &Bare {
                sub: Uuid::now_v7(),
                exp: (now + Duration::minutes(5)).timestamp(),
            },
            &EncodingKey::from_secret(SECRET).unwrap(),
        )
        .unwrap();
        let keys = Keys::new(SECRET).unwrap();
        assert_eq!(keys.verify(&token, now, TTL), Err("invalid token"));
    }
}
