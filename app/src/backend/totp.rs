//! Time-based one-time codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the second
//! factor for professionals. A code is accepted for the step before, of and after now (clock
//! drift), and never for a step at or before the last one used: a used code cannot be used
//! again (the caller stores the returned step, atomically).
use hmac::{Hmac, Mac};
use sha1::Sha1;

pub const STEP_SECONDS: i64 = 30;
const DIGITS: u32 = 6;

/// The step a Unix time falls in.
pub fn step_of(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS)
}

/// The code for one step (RFC 4226 dynamic truncation).
pub fn code_for_step(secret: &[u8], step: i64) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(&(step as u64).to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = (hash[19] & 0x0f) as usize;
    let value = u32::from_be_bytes([
        hash[offset] & 0x7f,
        hash[offset + 1],
        hash[offset + 2],
        hash[offset + 3],
    ]);
    format!(
        "{:0width$}",
        value % 10u32.pow(DIGITS),
        width = DIGITS as usize
    )
}

/// Decodes a base32 secret (RFC 4648, as authenticator apps show it; spaces and case ignored).
pub fn decode_secret(base32: &str) -> Option<Vec<u8>> {
    let clean: String = base32
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '=')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    data_encoding::BASE32_NOPAD.decode(clean.as_bytes()).ok()
}

/// A new random secret (160 bits), base32.
pub fn new_secret() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    data_encoding::BASE32_NOPAD.encode(&bytes)
}

/// The step the typed code belongs to, if it is valid now and newer than `last_used`.
pub fn verify(
    secret: &[u8],
    typed: &str,
    unix_seconds: i64,
    last_used: Option<i64>,
) -> Option<i64> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.len() != DIGITS as usize || !typed.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let now = step_of(unix_seconds);
    (now - 1..=now + 1)
        .filter(|s| last_used.is_none_or(|l| *s > l))
        .find(|s| constant_time_eq(code_for_step(secret, *s).as_bytes(), typed.as_bytes()))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA1 (the 8-digit values' last 6 digits).
    #[test]
    fn rfc6238_test_vectors() {
        let secret = b"12345678901234567890";
        for (time, code) in [
            (59, "287082"),
            (1111111109, "081804"),
            (1111111111, "050471"),
            (1234567890, "005924"),
            (2000000000, "279037"),
            (20000000000, "353130"),
        ] {
            assert_eq!(code_for_step(secret, step_of(time)), code, "t = {time}");
        }
    }

    #[test]
    fn a_used_code_is_refused_and_drift_is_one_step() {
        let secret = b"12345678901234567890";
        let t = 1111111111;
        let code = code_for_step(secret, step_of(t));
        let step = verify(secret, &code, t, None).expect("valid now");
        assert_eq!(verify(secret, &code, t, Some(step)), None, "not twice");
        assert_eq!(
            verify(secret, &code, t + 30, None),
            Some(step),
            "one step late is fine"
        );
        assert_eq!(
            verify(secret, &code, t + 90, None),
            None,
            "three steps late is not"
        );
        assert_eq!(verify(secret, "12345", t, None), None);
        assert_eq!(verify(secret, "abcdef", t, None), None);
    }

    #[test]
    fn base32_secrets_round_trip() {
        let s = new_secret();
        assert_eq!(decode_secret(&s).unwrap().len(), 20);
        assert_eq!(decode_secret("gezd gnbv gy3t qojq").unwrap(), b"1234567890");
    }
}
