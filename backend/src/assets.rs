//! The built app's files: the page at every address the app routes (revalidated on each visit),
//! and the files it loads, named by their content's hash, sent precompressed and cached for a year;
//! the service worker at `/sw.js`, revalidated like the page.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use std::path::{Path, PathBuf};

/// The pattern of a hashed file's name: a plain stem, 16 hex digits, a kind the app loads.
macro_rules! hashed_name {
    () => {
        r"[A-Za-z0-9_\-]+\.[0-9a-f]{16}\.(?:js|css|wasm)"
    };
}

/// How long a browser keeps a file whose name carries its content's hash: it never changes.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The app from the static folder: `/` and any path the app routes get index.html (deep links
/// work); hashed files come precompressed; anything else is a plain file.
pub fn spa(cfg: &mut web::ServiceConfig, dir: PathBuf) {
    let index = dir.join("index.html");
    cfg.route("/", web::get().to(page(index.clone())));
    let worker = dir.join("sw.js");
    cfg.route(
        "/sw.js",
        web::get().to(move || std::future::ready(service_worker(&worker))),
    );
    // Only names with a content hash reach this route; everything else is the file service's
    // (which keeps requests inside the folder) or the page.
    for (pattern, sub) in [
        (concat!("/pkg/{name:", hashed_name!(), "}"), "pkg"),
        (concat!("/{name:", hashed_name!(), "}"), ""),
    ] {
        let folder = dir.join(sub);
        cfg.route(
            pattern,
            web::get().to(move |req: HttpRequest, name: web::Path<String>| {
                let folder = folder.clone();
                async move {
                    hashed_file(&req, &folder, &name)
                        .unwrap_or_else(|| HttpResponse::NotFound().finish())
                }
            }),
        );
    }
    cfg.service(actix_files::Files::new("/", dir).default_handler(web::to(page(index))));
}

/// The handler that answers with the page (`/` and every path the app routes).
fn page(
    index: PathBuf,
) -> impl Fn(HttpRequest) -> std::future::Ready<HttpResponse> + Clone + 'static {
    move |req: HttpRequest| std::future::ready(index_html(&req, &index))
}

/// `obriy_bg.0123456789abcdef.wasm` and the like: a name, a 16-digit hash, a known extension.
fn content_type_of_hashed(name: &str) -> Option<&'static str> {
    let (rest, ext) = name.rsplit_once('.')?;
    let (stem, hash) = rest.rsplit_once('.')?;
    let plain = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    if stem.is_empty()
        || !stem.chars().all(plain)
        || hash.len() != 16
        || !hash.chars().all(|c| c.is_ascii_hexdigit())
    {
        return None;
    }
    match ext {
        "js" => Some("text/javascript; charset=utf-8"),
        "css" => Some("text/css; charset=utf-8"),
        "wasm" => Some("application/wasm"),
        _ => None,
    }
}

/// A hashed file in the encoding the browser takes best (brotli, gzip, or as it is).
fn hashed_file(req: &HttpRequest, folder: &Path, name: &str) -> Option<HttpResponse> {
    let content_type = content_type_of_hashed(name)?;
    let accepts = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let takes = |coding: &str| {
        accepts
            .split(',')
            .map(|part| part.split(';').map(str::trim).collect::<Vec<_>>())
            .any(|p| p.first() == Some(&coding) && !p.contains(&"q=0"))
    };
    let path = folder.join(name);
    let (bytes, encoding) = [("br", ".br"), ("gzip", ".gz")]
        .into_iter()
        .filter(|(coding, _)| takes(coding))
        .find_map(|(coding, ext)| {
            let mut file = path.clone().into_os_string();
            file.push(ext);
            std::fs::read(file).ok().map(|b| (b, Some(coding)))
        })
        .or_else(|| std::fs::read(&path).ok().map(|b| (b, None)))?;
    let mut response = HttpResponse::Ok();
    response
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, IMMUTABLE))
        .insert_header((header::VARY, "Accept-Encoding"));
    if let Some(coding) = encoding {
        response.insert_header((header::CONTENT_ENCODING, coding));
    }
    Some(response.body(bytes))
}

/// The service worker (built with the app): revalidated on every visit, so a new build's worker
/// replaces the old one at once; its scope is the whole app.
fn service_worker(path: &Path) -> HttpResponse {
    match std::fs::read(path) {
        Ok(js) => HttpResponse::Ok()
            .content_type("text/javascript; charset=utf-8")
            .insert_header((header::CACHE_CONTROL, "no-cache"))
            .insert_header(("Service-Worker-Allowed", "/"))
            .body(js),
        Err(_) => HttpResponse::NotFound().finish(),
    }
}

fn index_html(req: &HttpRequest, index: &Path) -> HttpResponse {
    match std::fs::read_to_string(index) {
        Ok(html) => HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .insert_header((header::CACHE_CONTROL, "no-cache"))
            .body(html),
        Err(_) => {
            tracing::warn!(path = %req.path(), index = %index.display(), "the app is not built");
            HttpResponse::NotFound()
                .content_type("text/plain; charset=utf-8")
                .body("Застосунок не зібрано: виконайте `cargo xtask run`.\nThe app is not built: run `cargo xtask run`.\n")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hashed_names_of_known_kinds_are_immutable() {
        assert_eq!(
            content_type_of_hashed("obriy_bg.0123456789abcdef.wasm"),
            Some("application/wasm")
        );
        assert!(content_type_of_hashed("style.0123456789abcdef.css").is_some());
        assert_eq!(content_type_of_hashed("obriy_bg.wasm"), None);
        assert_eq!(content_type_of_hashed("favicon.svg"), None);
        assert_eq!(content_type_of_hashed("x.0123456789abcdeg.js"), None);
        assert_eq!(content_type_of_hashed("..%2f.0123456789abcdef.js"), None);
        assert_eq!(content_type_of_hashed(".0123456789abcdef.js"), None);
    }
}
