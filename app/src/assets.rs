//! The built files' names. With `hash-files` (Cargo.toml) cargo-leptos names the stylesheet,
//! script and WebAssembly after their content (`helder.<hash>.css`, …) and writes the hashes
//! to `hash.txt` beside the server binary. Leptos' `HydrationScripts` reads that file for the
//! script and the WebAssembly; this module reads it for the stylesheet. A name that changes
//! with its content lets browsers keep the file for a year (`server::layers`). Without the
//! file (the integration tests, a plain `cargo build`) the plain names are used.
use leptos::config::LeptosOptions;
use std::{path::PathBuf, sync::OnceLock};

/// The hash file's name, beside the running binary (where cargo-leptos writes it and Leptos
/// reads it).
pub const HASH_FILE: &str = "hash.txt";

/// The hash file, if this binary was built with hashed file names.
pub fn hash_file() -> Option<PathBuf> {
    let path = std::env::current_exe().ok()?.parent()?.join(HASH_FILE);
    path.is_file().then_some(path)
}

/// The stylesheet's address, e.g. `/pkg/helder.Yq3…Q.css`.
pub fn stylesheet(options: &LeptosOptions) -> &'static str {
    static CSS: OnceLock<String> = OnceLock::new();
    CSS.get_or_init(|| {
        let hashes = options
            .hash_files
            .then(hash_file)
            .flatten()
            .and_then(|path| std::fs::read_to_string(path).ok())
            .unwrap_or_default();
        let (pkg, name) = (&options.site_pkg_dir, &options.output_name);
        match hash_of(&hashes, "css") {
            Some(hash) => format!("/{pkg}/{name}.{hash}.css"),
            None => format!("/{pkg}/{name}.css"),
        }
    })
}

/// The hash of one kind of file in the hash file's `kind: hash` lines.
fn hash_of<'a>(hashes: &'a str, kind: &str) -> Option<&'a str> {
    hashes
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(k, _)| k.trim() == kind)
        .map(|(_, hash)| hash.trim())
        .filter(|hash| !hash.is_empty())
}

#[cfg(test)]
mod tests {
    use super::hash_of;

    #[test]
    fn reads_the_hash_of_each_kind() {
        let file = "js: AbC-_1\nwasm: Zz9\ncss: Q0w\n";
        assert_eq!(hash_of(file, "css"), Some("Q0w"));
        assert_eq!(hash_of(file, "wasm"), Some("Zz9"));
        assert_eq!(hash_of(file, "split"), None);
        assert_eq!(hash_of("css: \n", "css"), None);
    }
}
