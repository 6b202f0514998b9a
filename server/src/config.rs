//! Settings, read once from the environment at start-up. A bad value stops start-up with
//! one line naming the variable and what it expects.
use app::backend::{sealed::ServerKey, sms::Sms};
use std::{net::SocketAddr, path::PathBuf};

#[derive(Clone)]
pub struct Config {
    /// HELDER_ADDR (default 127.0.0.1:3000): where to listen.
    pub addr: SocketAddr,
    /// DATABASE_URL (default sqlite:data/helder.db): `sqlite:<file>` or `postgres://…`.
    pub database_url: String,
    /// HELDER_SECURE_COOKIES (default false): true behind HTTPS; adds Secure, `__Host-` and HSTS.
    pub secure_cookies: bool,
    /// HELDER_LOG (default info): a tracing filter such as `info` or `helder=debug`.
    pub log: String,
    /// HELDER_DEMO (default false): load the demo data when the database has no accounts.
    pub demo: bool,
    /// HELDER_SITE_ROOT (default target/site): the built stylesheet, WASM and public files.
    pub site_root: PathBuf,
    /// HELDER_SECRET_KEY (required when HELDER_SECURE_COOKIES=true): 32 random bytes, hex or
    /// base64, that seal the second-factor keys. Unset in development: a derived key.
    pub secret_key: Option<ServerKey>,
    /// HELDER_MIGRATE_URL (default: none): PostgreSQL only; migrate as this owner role and
    /// run with DATABASE_URL's role, which may only insert and read audit rows.
    pub migrate_url: Option<String>,
    /// HELDER_TRUSTED_PROXIES (default 0): how many reverse proxies of our own stand in front;
    /// the client's address is taken that many hops from the right of X-Forwarded-For.
    pub trusted_proxies: usize,
    /// HELDER_SMS (default off): `off` or `log:<file>` (no real gateway yet; see `sms.rs`).
    pub sms: Sms,
}

impl std::fmt::Debug for Config {
    // Never print a database password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let url = match self.database_url.split_once('@') {
            Some((_, host)) => format!("postgres://…@{host}"),
            None => self.database_url.clone(),
        };
        f.debug_struct("Config")
            .field("addr", &self.addr)
            .field("database_url", &url)
            .field("secure_cookies", &self.secure_cookies)
            .field("log", &self.log)
            .field("demo", &self.demo)
            .field("site_root", &self.site_root)
            .field("secret_key", &self.secret_key.as_ref().map(|_| "…"))
            .field("migrate_url", &self.migrate_url.as_ref().map(|_| "…"))
            .field("trusted_proxies", &self.trusted_proxies)
            .field("sms", &self.sms)
            .finish()
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{var}: {problem}")]
pub struct ConfigError {
    pub var: &'static str,
    pub problem: String,
}

fn bool_var(var: &'static str, value: Option<String>) -> Result<bool, ConfigError> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(false),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some("0" | "false" | "no" | "off") => Ok(false),
        Some(other) => Err(ConfigError {
            var,
            problem: format!("expected true or false, got {other:?}"),
        }),
    }
}

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|k| std::env::var(k).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let addr = get("HELDER_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let addr = addr.parse().map_err(|_| ConfigError {
            var: "HELDER_ADDR",
            problem: format!("expected host:port such as 127.0.0.1:3000, got {addr:?}"),
        })?;
        let database_url = get("DATABASE_URL")
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| "sqlite:data/helder.db".into());
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(ConfigError {
                var: "DATABASE_URL",
                problem: "expected sqlite:<file> or postgres://user@host/db".into(),
            });
        }
        let log = get("HELDER_LOG").unwrap_or_else(|| "info".into());
        if tracing_subscriber::EnvFilter::try_new(&log).is_err() {
            return Err(ConfigError {
                var: "HELDER_LOG",
                problem: format!("expected a log filter such as info or debug, got {log:?}"),
            });
        }
        let secure_cookies = bool_var("HELDER_SECURE_COOKIES", get("HELDER_SECURE_COOKIES"))?;
        let secret_key = match get("HELDER_SECRET_KEY").filter(|s| !s.trim().is_empty()) {
            Some(text) => Some(ServerKey::parse(&text).ok_or_else(|| ConfigError {
                var: "HELDER_SECRET_KEY",
                problem: "expected 32 bytes as 64 hex digits or base64 (e.g. openssl rand -hex 32)"
                    .into(),
            })?),
            None if secure_cookies => {
                return Err(ConfigError {
                    var: "HELDER_SECRET_KEY",
                    problem: "required in production (HELDER_SECURE_COOKIES=true): 32 random bytes as 64 hex digits, e.g. openssl rand -hex 32".into(),
                })
            }
            None => None,
        };
        let migrate_url = get("HELDER_MIGRATE_URL").filter(|s| !s.trim().is_empty());
        if let Some(url) = &migrate_url {
            if !(database_url.starts_with("postgres") && url.starts_with("postgres")) {
                return Err(ConfigError {
                    var: "HELDER_MIGRATE_URL",
                    problem: "only for PostgreSQL: postgres://owner@host/db beside a postgres:// DATABASE_URL".into(),
                });
            }
        }
        let trusted = get("HELDER_TRUSTED_PROXIES").unwrap_or_default();
        let trusted_proxies = match trusted.trim() {
            "" => 0,
            n => n
                .parse::<usize>()
                .ok()
                .filter(|n| *n <= 10)
                .ok_or_else(|| ConfigError {
                    var: "HELDER_TRUSTED_PROXIES",
                    problem: format!(
                        "expected the number of reverse proxies in front (0 to 10), got {n:?}"
                    ),
                })?,
        };
        let sms_text = get("HELDER_SMS").unwrap_or_default();
        let sms = match sms_text.trim() {
            "" | "off" => Sms::Off,
            other => match other.strip_prefix("log:").filter(|p| !p.is_empty()) {
                Some(path) => Sms::Log(path.into()),
                None => {
                    return Err(ConfigError {
                        var: "HELDER_SMS",
                        problem: format!("expected off or log:<file>, got {other:?}"),
                    })
                }
            },
        };
        Ok(Config {
            secret_key,
            migrate_url,
            trusted_proxies,
            sms,
            addr,
            database_url,
            secure_cookies,
            log,
            demo: bool_var("HELDER_DEMO", get("HELDER_DEMO"))?,
            site_root: get("HELDER_SITE_ROOT")
                .unwrap_or_else(|| "target/site".into())
                .into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(move |k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()))
    }

    #[test]
    fn defaults_are_documented_values() {
        let c = with(&[]).unwrap();
        assert_eq!(c.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.database_url, "sqlite:data/helder.db");
        assert!(!c.secure_cookies && !c.demo);
    }

    #[test]
    fn a_bad_value_names_the_variable() {
        assert_eq!(
            with(&[("HELDER_ADDR", "nowhere")]).unwrap_err().var,
            "HELDER_ADDR"
        );
        assert_eq!(
            with(&[("DATABASE_URL", "mysql://x")]).unwrap_err().var,
            "DATABASE_URL"
        );
        assert_eq!(
            with(&[("HELDER_SECURE_COOKIES", "maybe")]).unwrap_err().var,
            "HELDER_SECURE_COOKIES"
        );
    }

    #[test]
    fn production_needs_a_server_key() {
        let e = with(&[("HELDER_SECURE_COOKIES", "true")]).unwrap_err();
        assert_eq!(e.var, "HELDER_SECRET_KEY");
        assert!(
            e.to_string().starts_with("HELDER_SECRET_KEY: required"),
            "{e}"
        );
        let hex = "ab".repeat(32);
        let c = with(&[
            ("HELDER_SECURE_COOKIES", "true"),
            ("HELDER_SECRET_KEY", hex.as_str()),
        ])
        .unwrap();
        assert!(c.secret_key.is_some() && !format!("{c:?}").contains(&hex));
        assert_eq!(
            with(&[("HELDER_SECRET_KEY", "short")]).unwrap_err().var,
            "HELDER_SECRET_KEY"
        );
        assert!(with(&[]).unwrap().secret_key.is_none(), "development");
    }

    #[test]
    fn proxies_sms_and_migration_role() {
        assert_eq!(with(&[]).unwrap().trusted_proxies, 0);
        assert_eq!(
            with(&[("HELDER_TRUSTED_PROXIES", "2")])
                .unwrap()
                .trusted_proxies,
            2
        );
        assert_eq!(
            with(&[("HELDER_TRUSTED_PROXIES", "yes")]).unwrap_err().var,
            "HELDER_TRUSTED_PROXIES"
        );
        assert!(with(&[]).unwrap().sms.is_off());
        assert!(matches!(
            with(&[("HELDER_SMS", "log:/tmp/sms.log")]).unwrap().sms,
            Sms::Log(_)
        ));
        assert_eq!(
            with(&[("HELDER_SMS", "twilio")]).unwrap_err().var,
            "HELDER_SMS"
        );
        assert_eq!(
            with(&[("HELDER_MIGRATE_URL", "postgres://owner@db/h")])
                .unwrap_err()
                .var,
            "HELDER_MIGRATE_URL",
            "not with SQLite"
        );
    }

    #[test]
    fn debug_hides_the_database_password() {
        // (The field name `secret_key` says "secret"; the password itself must not show.)
        let c = with(&[("DATABASE_URL", "postgres://helder:pw-4f9q@db/helder")]).unwrap();
        assert!(!format!("{c:?}").contains("pw-4f9q"));
    }
}
