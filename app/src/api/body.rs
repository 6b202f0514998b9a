//! A request body, read as the import API reads every one: at most [`API_LIMIT`] bytes, JSON
//! only, every string cleaned as form text is (`backend::text::clean`), then read into the
//! request's type, which refuses unknown fields. A field serde refuses becomes a problem at
//! that field's JSON pointer.
use super::problem::{FieldProblem, Refusal};
use crate::error::ProblemKind;
use crate::{error::AppError, i18n::Msg};
use axum::{
    body::Body,
    http::{header, HeaderMap},
};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The largest body the import API accepts: a case file with its family members fits many
/// times over; reports with their statements get their own, per report.
pub const API_LIMIT: usize = 1024 * 1024;

pub async fn read<T: DeserializeOwned>(headers: &HeaderMap, body: Body) -> Result<T, Refusal> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            let v = v.split(';').next().unwrap_or("").trim();
            v.eq_ignore_ascii_case("application/json")
        });
    if !json {
        return Err(Refusal::new(ProblemKind::NotJson));
    }
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > API_LIMIT as u64) {
        return Err(AppError::TooLarge.into());
    }
    let bytes = axum::body::to_bytes(body, API_LIMIT)
        .await
        .map_err(|_| Refusal::from(AppError::TooLarge))?;
    let mut value: Value =
        serde_json::from_slice(&bytes).map_err(|_| Refusal::from(AppError::Invalid))?;
    clean_strings(&mut value);
    parse(value)
}

/// Reads a (cleaned) JSON value into the request's type.
pub fn parse<T: DeserializeOwned>(value: Value) -> Result<T, Refusal> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let mut pointer = pointer_of(e.path());
        let inner = e.inner().to_string();
        let msg = if let Some(field) = inner
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split('`').next())
        {
            // The path ends at the object that has the unknown field.
            if pointer.ends_with(&format!("/{}", escape(field))) {
                Msg::ApiUnknownField
            } else {
                pointer = format!("{pointer}/{}", escape(field));
                Msg::ApiUnknownField
            }
        } else if inner.starts_with("missing field `") {
            let field = inner
                .trim_start_matches("missing field `")
                .split('`')
                .next()
                .unwrap_or("");
            pointer = format!("{pointer}/{}", escape(field));
            Msg::FieldRequired
        } else if inner.starts_with("unknown variant") {
            Msg::ApiUnknownChoice
        } else {
            Msg::ApiWrongType
        };
        Refusal::invalid(vec![FieldProblem::new(pointer, msg)])
    })
}

/// A serde path as a JSON pointer (RFC 6901): `gezinsleden[0].voornaam` is
/// `/gezinsleden/0/voornaam`.
fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|s| match s {
            Segment::Seq { index } => Some(format!("/{index}")),
            Segment::Map { key } => Some(format!("/{}", escape(key))),
            Segment::Enum { variant } => Some(format!("/{}", escape(variant))),
            Segment::Unknown => None,
        })
        .collect()
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Every string in the body (and every key) as Helder stores text.
fn clean_strings(value: &mut Value) {
    use crate::backend::text::clean;
    match value {
        Value::String(s) => {
            if let std::borrow::Cow::Owned(c) = clean(s) {
                *s = c;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(clean_strings),
        Value::Object(map) => {
            let entries = std::mem::take(map);
            for (k, mut v) in entries {
                clean_strings(&mut v);
                map.insert(clean(&k).into_owned(), v);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        naam: String,
        leden: Vec<Inner>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        gezag: bool,
    }

    fn pointer(v: Value) -> (String, String) {
        let e = parse::<Outer>(v).unwrap_err();
        let f = &e.problem.errors[0];
        (f.pointer.clone(), f.code.clone())
    }

    #[test]
    fn a_refused_field_is_named_by_its_json_pointer() {
        let v = serde_json::json!({"naam": "x", "leden": [{"gezag": true}, {"gezag": "ja"}]});
        assert_eq!(
            pointer(v),
            ("/leden/1/gezag".into(), "api_wrong_type".into())
        );
        let v = serde_json::json!({"naam": "x", "leden": [{"gezag": true, "extra": 1}]});
        assert_eq!(
            pointer(v),
            ("/leden/0/extra".into(), "api_unknown_field".into())
        );
        let v = serde_json::json!({"leden": []});
        assert_eq!(pointer(v), ("/naam".into(), "field_required".into()));
    }

    #[test]
    fn strings_and_keys_are_cleaned_as_form_text_is() {
        let mut v = serde_json::json!({"a\u{202E}": ["x\r\ny\u{0007}"]});
        clean_strings(&mut v);
        assert_eq!(v, serde_json::json!({"a": ["x\ny"]}));
    }
}
