//! Every cookie Helder sets, with its attributes in one place: Path=/, SameSite=Lax, Secure
//! when served over HTTPS, HttpOnly unless the value is harmless to scripts (the language).
use axum::http::{header, HeaderValue};
use leptos::prelude::use_context;

/// The `Set-Cookie` value. `max_age`: `None` lasts the browser session, `Some(0)` deletes.
pub fn header_value(
    name: &str,
    value: &str,
    max_age: Option<i64>,
    http_only: bool,
    secure: bool,
) -> String {
    let mut cookie = format!("{name}={value}; Path=/; SameSite=Lax");
    if http_only {
        cookie.push_str("; HttpOnly");
    }
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        cookie.push_str("; Secure");
    }
    cookie
}

/// Adds a cookie to the response of the server function or page being handled.
pub fn set(name: &str, value: &str, max_age: Option<i64>, http_only: bool, secure: bool) {
    if let (Some(res), Ok(v)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&header_value(name, value, max_age, http_only, secure)),
    ) {
        res.append_header(header::SET_COOKIE, v);
    }
}

/// A cookie in request headers, by exact name.
pub fn find<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A cookie of the request being handled (the server's context layer reads the usual ones;
/// this is for the few server functions that need one themselves: the second log-in step).
pub fn read(name: &str) -> Option<String> {
    let parts = use_context::<axum::http::request::Parts>()?;
    find(&parts.headers, name).map(str::to_string)
}

#[cfg(test)]
mod tests {
    #[test]
    fn attributes() {
        assert_eq!(
            super::header_value("a", "1", None, true, false),
            "a=1; Path=/; SameSite=Lax; HttpOnly"
        );
        assert_eq!(
            super::header_value("a", "", Some(0), true, true),
            "a=; Path=/; SameSite=Lax; HttpOnly; Max-Age=0; Secure"
        );
        assert_eq!(
            super::header_value("l", "en", Some(60), false, false),
            "l=en; Path=/; SameSite=Lax; Max-Age=60"
        );
    }
}
