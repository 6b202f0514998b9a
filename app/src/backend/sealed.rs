//! Secrets at rest (today: the second-factor key) sealed with the server key
//! (`HELDER_SECRET_KEY`) by ChaCha20-Poly1305. A sealed value is `v1:` + base64 of a fresh
//! 96-bit nonce and the ciphertext with its tag; the account's id is the associated data, so
//! a sealed key copied onto another account does not open. Values without the prefix are
//! the plain keys of before (the demo's); [`seal_plain_keys`] seals them at start-up, and
//! reading one seals it too.
use super::{db::Db, StoreError};
use crate::domain::AccountId;
use crate::on_db;
use chacha20poly1305::{
    aead::{Aead, KeyInit, Payload},
    ChaCha20Poly1305, Key, Nonce,
};
use sha2::{Digest, Sha256};

const PREFIX: &str = "v1:";

#[derive(Clone)]
pub struct ServerKey {
    key: [u8; 32],
    /// Derived for development, not configured (logged at start-up).
    pub derived: bool,
}

impl std::fmt::Debug for ServerKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ServerKey(…)")
    }
}

impl ServerKey {
    pub fn new(key: [u8; 32]) -> ServerKey {
        ServerKey {
            key,
            derived: false,
        }
    }

    /// Parses 32 bytes written as 64 hexadecimal digits or in base64.
    pub fn parse(text: &str) -> Option<ServerKey> {
        let text = text.trim();
        let bytes = hex::decode(text)
            .ok()
            .or_else(|| data_encoding::BASE64.decode(text.as_bytes()).ok())?;
        Some(ServerKey::new(bytes.try_into().ok()?))
    }

    /// A development key, derived from the database's address so that a local database stays
    /// readable across restarts. Never for production: anyone who knows the address has it
    /// (start-up refuses it when `HELDER_SECURE_COOKIES=true`).
    pub fn development(database_url: &str) -> ServerKey {
        let mut h = Sha256::new();
        h.update(b"helder development key v1\0");
        h.update(database_url.as_bytes());
        ServerKey {
            key: h.finalize().into(),
            derived: true,
        }
    }

    fn cipher(&self) -> ChaCha20Poly1305 {
        ChaCha20Poly1305::new(Key::from_slice(&self.key))
    }

    pub fn seal(&self, account_id: AccountId, plain: &str) -> String {
        self.seal_for(account_id.0.as_bytes(), plain)
    }

    /// The plain value of a stored one; `None` when it does not open with this key (another
    /// server key, or another account's value).
    pub fn open(&self, account_id: AccountId, stored: &str) -> Option<String> {
        self.open_for(account_id.0.as_bytes(), stored)
    }

    /// A key that only the holder of `token` has: the form flash is sealed with a key made
    /// from its cookie's token, of which the database keeps only a hash, so a copy of the
    /// database does not show what a page was about to show once (a new client's API key,
    /// half an activation code). Domain-separated from the token's stored hash.
    pub fn from_token(token: &str) -> ServerKey {
        let mut h = Sha256::new();
        h.update(b"helder form flash v1\0");
        h.update(token.as_bytes());
        ServerKey {
            key: h.finalize().into(),
            derived: true,
        }
    }

    /// Seals `plain` bound to `aad` (what it belongs to: an account, a flash's form).
    pub fn seal_for(&self, aad: &[u8], plain: &str) -> String {
        use rand::RngCore;
        let mut nonce = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed = self
            .cipher()
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plain.as_bytes(),
                    aad,
                },
            )
            .expect("ChaCha20-Poly1305 encryption of a short value cannot fail");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        [PREFIX, &data_encoding::BASE64.encode(&out)].concat()
    }

    /// [`ServerKey::seal_for`]'s plain value; a value without the prefix is taken as it is.
    pub fn open_for(&self, aad: &[u8], stored: &str) -> Option<String> {
        let Some(body) = stored.strip_prefix(PREFIX) else {
            return Some(stored.to_string());
        };
        let bytes = data_encoding::BASE64.decode(body.as_bytes()).ok()?;
        if bytes.len() < 12 {
            return None;
        }
        let (nonce, sealed) = bytes.split_at(12);
        let plain = self
            .cipher()
            .decrypt(Nonce::from_slice(nonce), Payload { msg: sealed, aad })
            .ok()?;
        String::from_utf8(plain).ok()
    }
}

pub fn is_sealed(stored: &str) -> bool {
    stored.starts_with(PREFIX)
}

/// Seals every second-factor key still stored in plain (a migration cannot: it has no key).
pub async fn seal_plain_keys(db: &Db, key: &ServerKey) -> Result<u64, StoreError> {
    let plain: Vec<(AccountId, String)> = on_db!(db, p => sqlx::query_as(
        "SELECT id, totp_secret FROM accounts WHERE totp_secret IS NOT NULL AND totp_secret NOT LIKE 'v1:%'")
        .fetch_all(p).await)?;
    let mut n = 0;
    for (id, secret) in plain {
        n += seal_one(db, key, id, &secret).await?;
    }
    Ok(n)
}

/// Seals one account's plain key, unless it changed in the meantime.
pub async fn seal_one(
    db: &Db,
    key: &ServerKey,
    account_id: AccountId,
    plain: &str,
) -> Result<u64, StoreError> {
    let sealed = key.seal(account_id, plain);
    Ok(
        on_db!(db, p => sqlx::query("UPDATE accounts SET totp_secret = $1 WHERE id = $2 AND totp_secret = $3")
        .bind(sealed).bind(account_id).bind(plain).execute(p).await.map(|r| r.rows_affected()))?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_only_with_their_key_and_account() {
        let key = ServerKey::new([7; 32]);
        let a = AccountId::fresh();
        let sealed = key.seal(a, "JBSWY3DPEHPK3PXP");
        assert!(is_sealed(&sealed) && !sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_ne!(
            sealed,
            key.seal(a, "JBSWY3DPEHPK3PXP"),
            "a fresh nonce each time"
        );
        assert_eq!(key.open(a, &sealed).as_deref(), Some("JBSWY3DPEHPK3PXP"));
        assert_eq!(
            key.open(AccountId::fresh(), &sealed),
            None,
            "another account"
        );
        assert_eq!(
            ServerKey::new([8; 32]).open(a, &sealed),
            None,
            "another key"
        );
        assert_eq!(key.open(a, "PLAINKEY").as_deref(), Some("PLAINKEY"));
    }

    #[test]
    fn keys_parse_from_hex_or_base64() {
        let hex = "00".repeat(32);
        assert!(ServerKey::parse(&hex).is_some());
        assert!(ServerKey::parse(&data_encoding::BASE64.encode(&[1u8; 32])).is_some());
        assert!(ServerKey::parse("too short").is_none());
        assert!(ServerKey::parse(&"00".repeat(16)).is_none());
    }
}
