//! Checks an API answer against the OpenAPI document the server serves: the status must be
//! one the operation documents, and the body must match its schema (the subset of JSON Schema
//! that the generated document uses: $ref, type with null, properties, required,
//! additionalProperties, items, enum, oneOf/anyOf/allOf, format date).
use serde_json::Value;

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let pointer = r.trim_start_matches('#');
            resolve(
                doc,
                doc.pointer(pointer).unwrap_or_else(|| panic!("no {r}")),
            )
        }
        None => schema,
    }
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "null" => v.is_null(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        _ => false,
    }
}

/// The ways `v` breaks `schema` (empty: it matches).
pub fn violations(doc: &Value, schema: &Value, v: &Value, at: &str) -> Vec<String> {
    let schema = resolve(doc, schema);
    let mut out = Vec::new();
    if let Some(t) = schema.get("type") {
        let ok = match t {
            Value::String(t) => type_ok(t, v),
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).any(|t| type_ok(t, v)),
            _ => true,
        };
        if !ok {
            out.push(format!("{at}: {v} is not {t}"));
            return out;
        }
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        if !options.contains(v) {
            out.push(format!("{at}: {v} not in {options:?}"));
        }
    }
    if schema.get("format").and_then(Value::as_str) == Some("date") {
        if let Some(s) = v.as_str() {
            if chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_err() {
                out.push(format!("{at}: {s} is not a date"));
            }
        }
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(options) = schema.get(key).and_then(Value::as_array) {
            let matching = options
                .iter()
                .filter(|o| violations(doc, o, v, at).is_empty())
                .count();
            if matching == 0 || (key == "oneOf" && matching > 1) {
                out.push(format!("{at}: {matching} of {key} match {v}"));
            }
        }
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        for s in all {
            out.extend(violations(doc, s, v, at));
        }
    }
    if let Value::Object(map) = v {
        let props = schema.get("properties").and_then(Value::as_object);
        for name in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !map.contains_key(name) {
                out.push(format!("{at}: missing {name}"));
            }
        }
        for (k, item) in map {
            match props.and_then(|p| p.get(k)) {
                Some(s) => out.extend(violations(doc, s, item, &format!("{at}/{k}"))),
                None => match schema.get("additionalProperties") {
                    Some(Value::Bool(false)) => out.push(format!("{at}: unexpected {k}")),
                    Some(s @ Value::Object(_)) => {
                        out.extend(violations(doc, s, item, &format!("{at}/{k}")))
                    }
                    _ => {}
                },
            }
        }
    }
    if let (Value::Array(items), Some(s)) = (v, schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            out.extend(violations(doc, s, item, &format!("{at}/{i}")));
        }
    }
    out
}

/// Panics unless the answer is one the document describes for this operation.
pub fn conforms(doc: &Value, template: &str, method: &str, status: u16, body: &str) {
    let op = doc
        .pointer(&format!("/paths/{}/{method}", template.replace('/', "~1")))
        .unwrap_or_else(|| panic!("{method} {template} is not in the document"));
    let response = op
        .pointer(&format!("/responses/{status}"))
        .unwrap_or_else(|| {
            panic!("{method} {template}: status {status} is not documented ({body})")
        });
    let Some(content) = response.get("content").and_then(Value::as_object) else {
        assert!(
            body.is_empty(),
            "{method} {template} {status}: undocumented body {body}"
        );
        return;
    };
    let (_, media) = content.iter().next().expect("a media type");
    let value: Value = serde_json::from_str(body)
        .unwrap_or_else(|e| panic!("{method} {template} {status}: not JSON ({e}): {body}"));
    let broken = violations(doc, &media["schema"], &value, "");
    assert!(
        broken.is_empty(),
        "{method} {template} {status} breaks the schema: {broken:?}\n{body}"
    );
}
