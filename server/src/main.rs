//! `helder`: migrates the database, loads the demo when asked and the database is empty,
//! and serves the app.
use app::backend::{demo, Backend};
use axum::serve::ListenerExt;
use server::config::Config;
use std::net::SocketAddr;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    // `helder demo-code`: the demo professionals' current second-factor code (scripts/code).
    if std::env::args().nth(1).as_deref() == Some("demo-code") {
        let secret = app::backend::totp::decode_secret(demo::DEMO_TOTP_SECRET)
            .expect("the demo key is valid base32");
        let now = app::backend::time::now().timestamp();
        println!(
            "{}",
            app::backend::totp::code_for_step(&secret, app::backend::totp::step_of(now))
        );
        return;
    }
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("helder: configuration error: {e}");
            std::process::exit(2);
        }
    };
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(&config.log))
        .init();
    if let Some(path) = config.database_url.strip_prefix("sqlite:") {
        if let Some(dir) = std::path::Path::new(path.trim_start_matches("//"))
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            let _ = std::fs::create_dir_all(dir);
        }
    }
    let options = app::backend::Options {
        secure_cookies: config.secure_cookies,
        server_key: config.secret_key.clone(),
        migrate_url: config.migrate_url.clone(),
        sms: Some(config.sms.clone()),
        trusted_proxy_hops: config.trusted_proxies,
        api_rate: None,
    };
    let backend = match Backend::open_with(&config.database_url, options).await {
        Ok(b) => b,
        Err(e) => {
            eprintln!(
                "helder: cannot open the database ({}): {e}",
                config.database_url.split('@').next_back().unwrap_or("")
            );
            std::process::exit(1);
        }
    };
    if config.demo {
        match demo::is_empty(&backend.db).await {
            Ok(true) => {
                if let Err(e) = demo::load(&backend.db).await {
                    eprintln!("helder: loading the demo failed: {e}");
                    std::process::exit(1);
                }
                // The demo's second-factor key is written in plain; seal it like any other.
                if let Err(e) =
                    app::backend::sealed::seal_plain_keys(&backend.db, &backend.server_key).await
                {
                    eprintln!("helder: sealing the demo's keys failed: {e}");
                    std::process::exit(1);
                }
                tracing::info!("demo data loaded");
            }
            Ok(false) => tracing::info!("database has accounts; demo not loaded"),
            Err(e) => {
                eprintln!("helder: {e}");
                std::process::exit(1);
            }
        }
    }
    if config.demo {
        print_demo_logins(config.addr);
    }
    // Old throttle rows, ended sessions and stale form flashes go every ten minutes.
    app::backend::housekeeping::start(backend.db.clone());
    let options = server::leptos_options(&config.site_root, config.addr);
    let app = server::router(backend, options);
    let listener = match tokio::net::TcpListener::bind(config.addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!(
                "helder: cannot listen on {} (HELDER_ADDR): {e}",
                config.addr
            );
            std::process::exit(1);
        }
    };
    // Without TCP_NODELAY every small response waits for the peer's delayed ACK (~40 ms).
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    tracing::info!("Helder listens on http://{}", config.addr);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .expect("server error");
}

/// The demo accounts, so a tester can try every role.
fn print_demo_logins(addr: SocketAddr) {
    println!(
        "\n  Helder demo on http://{addr} — password for every account: {}",
        demo::DEMO_PASSWORD
    );
    for (user, who) in demo::DEMO_ACCOUNTS {
        println!("    {user:<9} {who}");
    }
    println!(
        "\n  Professionals also give a 6-digit code: run scripts/code for the current one,\n  \
         or add the key {} to an authenticator app.\n  \
         An invitation code (from /beheer or a case page) is used at /activeren; a family\n  \
         member's second half goes by text message, written to the HELDER_SMS file here.",
        demo::DEMO_TOTP_SECRET
    );
    println!(
        "\n  Import API (reference: http://{addr}/api-beschrijving): the Raad's demo case system\n  \
         has the token {} (bronorganisatie {}); see README.md, \"The import API\".",
        demo::DEMO_API_TOKEN,
        demo::DEMO_RAAD_RSIN
    );
    println!();
}
