//! One file per page, named after what the page is for. A page's server functions live next
//! to it: authorise through the policy, call the store, return a view model.
pub mod access_log;
pub mod account;
pub mod admin;
pub mod api_clients;
pub mod api_reference;
pub mod case;
pub mod contact_details;
pub mod contacts;
pub mod family;
pub mod feedback;
pub mod full_information;
pub mod glossary;
pub mod home;
pub mod inbox;
pub mod informants;
pub mod insights;
pub mod involved;
pub mod involvement;
pub mod login;
pub mod not_found;
pub mod open_case;
pub mod own_dossier;
pub mod phase;
pub mod reports;
pub mod rights;
pub mod session;
pub mod sessions;
pub mod where_am_i;
pub mod writing;

use crate::{
    error::AppError,
    i18n::{t, use_lang},
};
use leptos::prelude::*;

/// Renders a page that ended in an error, with the right HTTP status. Not logged in sends
/// the reader to the log-in page.
pub fn error_page(e: AppError) -> AnyView {
    #[cfg(feature = "ssr")]
    {
        if e == AppError::Unauthenticated {
            leptos_axum::redirect("/inloggen");
        } else if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(
                axum::http::StatusCode::from_u16(e.status())
                    .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
    }
    let lang = use_lang();
    // A young person is addressed with "je" here too (see i18n::tj).
    let young = session::current_user().is_some_and(|u| u.role == crate::domain::Role::YoungPerson);
    view! {
        <section class="error" role="alert">
            <h1>{crate::i18n::tj(lang, e.msg(), young)}</h1>
            <p><a href="/">{t(lang, crate::i18n::Msg::BackHome)}</a></p>
        </section>
    }
    .into_any()
}

/// Waits (on the server) for a page's data and renders it, or the error page. With
/// `SsrMode::Async` nothing is sent before this has settled.
pub fn loaded<T, V>(
    data: Resource<Result<T, AppError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(value) => render(value).into_any(),
                        Err(e) => error_page(e),
                    }
                })
            }}
        </Suspense>
    }
}

/// A local path to send someone back to; anything else becomes "/".
pub fn local_path(back: &str) -> String {
    let ok = back.starts_with('/')
        && !back.starts_with("//")
        && !back.contains('\\')
        && !back.chars().any(char::is_control);
    if ok {
        back.to_string()
    } else {
        "/".to_string()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(super::local_path("/zaken/1"), "/zaken/1");
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil",
            "evil",
            "/a\nb",
        ] {
            assert_eq!(super::local_path(bad), "/", "{bad}");
        }
    }
}
