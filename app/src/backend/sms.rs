//! The seam for text messages (today: the half of a family member's activation code that the
//! professional must not hold). No real SMS gateway is connected yet — that comes with the
//! notification work; until then a message is either refused (`Off`, the default: no code is
//! handed out that cannot reach the family), written to a local file (`Log`, for the demo and
//! the end-to-end tests: `HELDER_SMS=log:<file>`), or kept in memory (`Memory`, the tests'
//! double).
use std::{
    io::Write,
    path::PathBuf,
    sync::{Arc, Mutex},
};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmsMessage {
    pub to: String,
    pub text: String,
}

#[derive(Clone, Debug)]
pub enum Sms {
    Off,
    /// Appends one JSON line per message to a file (never for production: the file holds codes).
    Log(PathBuf),
    Memory(Arc<Mutex<Vec<SmsMessage>>>),
}

#[derive(Debug, thiserror::Error)]
pub enum SmsError {
    #[error("no text-message channel is configured (HELDER_SMS)")]
    Off,
    #[error("writing the message log: {0}")]
    Log(#[from] std::io::Error),
}

impl Sms {
    pub fn memory() -> Sms {
        Sms::Memory(Arc::new(Mutex::new(Vec::new())))
    }

    pub fn is_off(&self) -> bool {
        matches!(self, Sms::Off)
    }

    pub fn send(&self, to: &str, text: &str) -> Result<(), SmsError> {
        let message = SmsMessage {
            to: to.to_string(),
            text: text.to_string(),
        };
        match self {
            Sms::Off => Err(SmsError::Off),
            Sms::Log(path) => {
                let line = serde_json::json!({ "to": message.to, "text": message.text });
                let mut f = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)?;
                writeln!(f, "{line}")?;
                Ok(())
            }
            Sms::Memory(sent) => {
                sent.lock().unwrap_or_else(|e| e.into_inner()).push(message);
                Ok(())
            }
        }
    }

    /// What the test double recorded (empty for the other channels).
    pub fn sent(&self) -> Vec<SmsMessage> {
        match self {
            Sms::Memory(sent) => sent.lock().unwrap_or_else(|e| e.into_inner()).clone(),
            _ => Vec::new(),
        }
    }
}

/// A phone number as typed, normalised: digits with an optional leading `+`; spaces, dashes,
/// dots and brackets ignored. 10 to 15 digits (a Dutch `06…` number has 10).
pub fn normalise_phone(typed: &str) -> Option<String> {
    let t = typed.trim();
    let plus = t.starts_with('+');
    let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
    let rest_ok = t.chars().enumerate().all(|(i, c)| {
        c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')') || (i == 0 && c == '+')
    });
    (rest_ok && (10..=15).contains(&digits.len())).then(|| {
        if plus {
            format!("+{digits}")
        } else {
            digits
        }
    })
}

/// The last two digits, for the letter ("sent to the number ending in 78").
pub fn last_digits(phone: &str) -> String {
    let d: Vec<char> = phone.chars().filter(|c| c.is_ascii_digit()).collect();
    d[d.len().saturating_sub(2)..].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers() {
        assert_eq!(
            normalise_phone("06-12345678").as_deref(),
            Some("0612345678")
        );
        assert_eq!(
            normalise_phone("+31 6 1234 5678").as_deref(),
            Some("+31612345678")
        );
        assert_eq!(normalise_phone("0612"), None);
        assert_eq!(normalise_phone("06 1234 567a"), None);
        assert_eq!(normalise_phone(""), None);
        assert_eq!(last_digits("+31612345678"), "78");
    }

    #[test]
    fn the_double_records_and_off_refuses() {
        let sms = Sms::memory();
        sms.send("0612345678", "hallo").unwrap();
        assert_eq!(sms.sent()[0].to, "0612345678");
        assert!(Sms::Off.send("0612345678", "x").is_err());
    }
}
