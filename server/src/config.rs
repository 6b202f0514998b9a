//! Settings, read once from the environment at start-up. A bad value stops start-up with
//! one line naming the variable and what it expects.
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
        Ok(Config {
            addr,
            database_url,
            secure_cookies: bool_var("HELDER_SECURE_COOKIES", get("HELDER_SECURE_COOKIES"))?,
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
    fn debug_hides_the_database_password() {
        let c = with(&[("DATABASE_URL", "postgres://helder:secret@db/helder")]).unwrap();
        assert!(!format!("{c:?}").contains("secret"));
    }
}
