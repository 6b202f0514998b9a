//! "De import-API": the readable reference for integrators, made from the same OpenAPI
//! document the API serves (`api::ApiDoc`), so the two cannot drift apart. Each problem type
//! the API answers with has its anchor here: a problem's `type` is `/api-beschrijving#<slug>`.
//! Public, like the glossary: it holds no dossier data, so no log-in and no audit row.
use crate::error::{AppError, ProblemKind};
use crate::i18n::{t, use_lang, Msg};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Where this page lives; problem types link to its anchors.
pub use crate::error::API_REFERENCE as PATH;

/// One field of a request or answer, or one parameter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldDoc {
    pub name: String,
    /// The JSON type, e.g. `string (date)`, `Gezinslid[]`, or the choices.
    pub kind: String,
    /// The schema this field is, when it is one of the document's (for a link).
    pub schema: Option<String>,
    pub required: bool,
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndpointDoc {
    pub method: String,
    pub path: String,
    pub summary: String,
    pub description: String,
    pub parameters: Vec<FieldDoc>,
    /// The request body's schema, if the call takes one.
    pub body: Option<String>,
    /// Status code and what it means.
    pub responses: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemaDoc {
    pub name: String,
    pub description: String,
    pub fields: Vec<FieldDoc>,
    /// For a schema that is a choice of words rather than an object.
    pub choices: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiReference {
    pub version: String,
    pub endpoints: Vec<EndpointDoc>,
    pub schemas: Vec<SchemaDoc>,
}

#[server(prefix = "/api", endpoint = "api_reference")]
pub async fn load_api_reference() -> Result<ApiReference, AppError> {
    crate::error::respond(reference())
}

#[cfg(feature = "ssr")]
fn reference() -> Result<ApiReference, AppError> {
    use crate::backend::{ctx, policy::Action};
    ctx::authorize_public(Action::ReadApiReference)?;
    let doc: serde_json::Value =
        serde_json::from_str(crate::api::openapi_json()).map_err(|_| AppError::Unavailable)?;
    Ok(ssr::read(&doc))
}

/// Reading the OpenAPI document (3.1, as utoipa writes it) into what the page shows.
#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;
    use serde_json::Value;

    fn text(v: &Value) -> String {
        v.as_str().unwrap_or("").trim().to_string()
    }

    fn ref_name(v: &Value) -> Option<String> {
        v.get("$ref")?
            .as_str()?
            .rsplit('/')
            .next()
            .map(str::to_string)
    }

    /// A schema's type in words, and the named schema it refers to, if any.
    fn kind(s: &Value) -> (String, Option<String>) {
        if let Some(name) = ref_name(s) {
            return (name.clone(), Some(name));
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(options) = s.get(key).and_then(Value::as_array) {
                let named: Vec<_> = options
                    .iter()
                    .filter(|o| o.get("type").and_then(Value::as_str) != Some("null"))
                    .collect();
                if let [one] = named.as_slice() {
                    return kind(one);
                }
            }
        }
        if let Some(choices) = s.get("enum").and_then(Value::as_array) {
            let words: Vec<String> = choices
                .iter()
                .filter_map(|c| c.as_str())
                .map(str::to_string)
                .collect();
            return (words.join(" | "), None);
        }
        let ty = match s.get("type") {
            Some(Value::Array(types)) => types
                .iter()
                .filter_map(Value::as_str)
                .find(|t| *t != "null")
                .unwrap_or("")
                .to_string(),
            Some(t) => text(t),
            None => String::new(),
        };
        if ty == "array" {
            let (inner, schema) = s.get("items").map(kind).unwrap_or_default();
            return (format!("{inner}[]"), schema);
        }
        match s.get("format").and_then(Value::as_str) {
            Some(f) => (format!("{ty} ({f})"), None),
            None => (ty, None),
        }
    }

    pub fn read(doc: &Value) -> ApiReference {
        let mut endpoints = Vec::new();
        for (path, item) in doc["paths"].as_object().into_iter().flatten() {
            for (method, op) in item.as_object().into_iter().flatten() {
                let parameters = op["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|p| {
                        let (kind, schema) = kind(&p["schema"]);
                        FieldDoc {
                            name: format!("{} ({})", text(&p["name"]), text(&p["in"])),
                            kind,
                            schema,
                            required: p["required"].as_bool().unwrap_or(false),
                            description: text(&p["description"]),
                        }
                    })
                    .collect();
                let body = op["requestBody"]["content"]
                    .as_object()
                    .and_then(|c| c.values().next())
                    .and_then(|m| ref_name(&m["schema"]));
                let responses = op["responses"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(status, r)| (status.clone(), text(&r["description"])))
                    .collect();
                endpoints.push(EndpointDoc {
                    method: method.to_uppercase(),
                    path: path.clone(),
                    summary: text(&op["summary"]),
                    description: text(&op["description"]),
                    parameters,
                    body,
                    responses,
                });
            }
        }
        let mut schemas = Vec::new();
        for (name, s) in doc["components"]["schemas"]
            .as_object()
            .into_iter()
            .flatten()
        {
            let required: Vec<&str> = s["required"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let fields = s["properties"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(field, p)| {
                    let (kind, schema) = kind(p);
                    FieldDoc {
                        name: field.clone(),
                        kind,
                        schema,
                        required: required.contains(&field.as_str()),
                        description: text(&p["description"]),
                    }
                })
                .collect();
            let choices = s["enum"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect();
            schemas.push(SchemaDoc {
                name: name.clone(),
                description: text(&s["description"]),
                fields,
                choices,
            });
        }
        ApiReference {
            version: text(&doc["info"]["version"]),
            endpoints,
            schemas,
        }
    }
}

#[component]
fn Fields(lang: crate::i18n::Lang, fields: Vec<FieldDoc>) -> impl IntoView {
    view! {
        <dl class="api-fields">
            {fields.into_iter().map(|f| {
                let kind = match f.schema.clone() {
                    Some(s) => view! { <a href=format!("#s-{s}")><code>{f.kind.clone()}</code></a> }.into_any(),
                    None => view! { <code>{f.kind.clone()}</code> }.into_any(),
                };
                view! {
                    <dt><code>{f.name}</code> " " {kind} " "
                        <span class="muted">{t(lang, if f.required { Msg::ApirefRequired } else { Msg::ApirefOptional })}</span></dt>
                    <dd>{f.description}</dd>
                }
            }).collect_view()}
        </dl>
    }
}

#[component]
pub fn ApiReferencePage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new_blocking(|| (), |_| load_api_reference());
    super::loaded(data, move |r: ApiReference| {
        view! {
            <section class="card" aria-labelledby="apiref-title">
                <h1 id="apiref-title">{t(lang, Msg::ApirefTitle)}</h1>
                <p>{t(lang, Msg::ApirefIntro)}</p>
                <p>{t(lang, Msg::ApirefAccess)}</p>
                <p>{t(lang, Msg::ApirefVersions)} " " <code>{format!("API-version: {}", r.version)}</code></p>
                <p><a href="/api/v1/openapi.json">{t(lang, Msg::ApirefDocument)}</a></p>
            </section>
            <section class="card" aria-labelledby="apiref-calls">
                <h2 id="apiref-calls">{t(lang, Msg::ApirefCalls)}</h2>
                {r.endpoints.into_iter().map(|e| view! {
                    <h3><code>{format!("{} {}", e.method, e.path)}</code></h3>
                    {(!e.summary.is_empty()).then(|| view! { <p><strong>{e.summary}</strong></p> })}
                    {(!e.description.is_empty()).then(|| view! { <p>{e.description}</p> })}
                    {(!e.parameters.is_empty()).then(|| view! {
                        <h4>{t(lang, Msg::ApirefParameters)}</h4>
                        <Fields lang fields=e.parameters/>
                    })}
                    {e.body.map(|b| view! {
                        <p>{t(lang, Msg::ApirefBody)} " " <a href=format!("#s-{b}")><code>{b.clone()}</code></a></p>
                    })}
                    <h4>{t(lang, Msg::ApirefResponses)}</h4>
                    <dl class="api-fields">
                        {e.responses.into_iter().map(|(status, d)| view! {
                            <dt><code>{status}</code></dt><dd>{d}</dd>
                        }).collect_view()}
                    </dl>
                }).collect_view()}
            </section>
            <section class="card" aria-labelledby="apiref-schemas">
                <h2 id="apiref-schemas">{t(lang, Msg::ApirefSchemas)}</h2>
                {r.schemas.into_iter().map(|s| view! {
                    <h3 id=format!("s-{}", s.name)><code>{s.name.clone()}</code></h3>
                    {(!s.description.is_empty()).then(|| view! { <p>{s.description}</p> })}
                    {(!s.choices.is_empty()).then(|| view! { <p><code>{s.choices.join(" | ")}</code></p> })}
                    {(!s.fields.is_empty()).then(|| view! { <Fields lang fields=s.fields/> })}
                }).collect_view()}
            </section>
            <section class="card" aria-labelledby="apiref-problems">
                <h2 id="apiref-problems">{t(lang, Msg::ApirefProblems)}</h2>
                <p>{t(lang, Msg::ApirefProblemsIntro)}</p>
                <dl class="api-fields">
                    {ProblemKind::ALL.into_iter().map(|k| view! {
                        <dt id=k.slug()><code>{k.slug()}</code> " " <code>{k.status()}</code></dt>
                        <dd>{t(lang, k.title())}</dd>
                    }).collect_view()}
                </dl>
            </section>
        }
    })
}
