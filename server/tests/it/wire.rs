//! Light on the wire: only a page that holds an island sends the WebAssembly's script and
//! preloads; successful pages go out compressed when the browser accepts it, error pages
//! (which echo an unknown address) never.
use crate::common;
use axum::http::StatusCode;

/// Pages each kind of reader can open ("" is no one logged in).
const PAGES: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "/inloggen",
            "/activeren",
            "/wachtwoord",
            "/woorden",
            "/api-beschrijving",
            "/bestaat-niet",
        ],
    ),
    (
        "sanne",
        &[
            "/",
            "/waar-sta-ik",
            "/wie-betrokken",
            "/rapporten",
            "/mijn-rechten",
            "/mijn-dossier",
            "/mijn-dossier/afdrukken",
            "/feedback",
            "/wie-keek-mee",
            "/sessies",
            "/woorden",
        ],
    ),
    ("jeroen", &["/", "/inbox", "/nieuwe-zaak", "/sessies"]),
    ("analist", &["/inzicht"]),
    ("beheer", &["/beheer"]),
];

on_both!(only_pages_with_islands_load_the_webassembly, |app| {
    let mut islands = 0;
    let mut pages = 0;
    for (user, paths) in PAGES {
        let cookie = if user.is_empty() {
            String::new()
        } else {
            app.login(user).await
        };
        for path in *paths {
            let page = app.get(path, &cookie).await;
            if page.status.is_redirection() {
                continue;
            }
            pages += 1;
            let island = page.body.contains("<leptos-island");
            let script = page.body.contains("modulepreload") || page.body.contains(".wasm");
            assert_eq!(
                island, script,
                "{user} {path}: an island without the script, or the script without an island"
            );
            assert_eq!(
                app::app::PAGES_WITH_ISLANDS.contains(path),
                island,
                "{user} {path}: app::app::PAGES_WITH_ISLANDS is out of date"
            );
            // Without the script nothing hydrates: the render writes no hydration markers.
            if !island {
                assert!(
                    !page.body.contains("<!--hk"),
                    "{user} {path}: hydration markers"
                );
            }
            assert!(
                page.body.contains(r#"<meta name="description" content=""#),
                "{user} {path}: no description"
            );
            islands += usize::from(island);
        }
    }
    assert_eq!(islands, 1, "the log-in page's island");
    assert!(pages > 20, "only {pages} pages were opened");
});

on_both!(
    pages_are_compressed_when_accepted_error_pages_never,
    |app| {
        let cookie = app.login("sanne").await;
        let plain = app.get("/waar-sta-ik", &cookie).await;
        assert_eq!(plain.status, StatusCode::OK);
        assert!(plain.headers.get("content-encoding").is_none());
        for (accept, encoding) in [("gzip, deflate, br, zstd", "br"), ("gzip", "gzip")] {
            let page = app
                .get_with("/waar-sta-ik", &cookie, &[("accept-encoding", accept)])
                .await;
            assert_eq!(page.status, StatusCode::OK);
            assert_eq!(page.headers["content-encoding"], encoding);
            assert_eq!(page.headers["cache-control"], "no-store");
            assert!(page.headers["vary"]
                .to_str()
                .unwrap()
                .contains("accept-encoding"));
            // `Reply::body` is read as text: compressed bytes come back as something else, and
            // shorter than the page even though each byte that is not UTF-8 grows to three.
            assert!(!page.body.contains("<html"));
            assert!(
                page.body.len() < plain.body.len(),
                "{encoding}: {} of {} bytes",
                page.body.len(),
                plain.body.len()
            );
        }
        // An unknown address is echoed in its page (the language switch returns to it): never
        // compressed, so its length tells nothing about the rest of the page.
        let missing = app
            .get_with("/sanne-jansen", &cookie, &[("accept-encoding", "br, gzip")])
            .await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(missing.headers.get("content-encoding").is_none());
        assert!(missing.body.contains("/sanne-jansen"));
    }
);
