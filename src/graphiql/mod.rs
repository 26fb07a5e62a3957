//! GraphiQL, the in-browser IDE that `GET /graphql` serves to a browser, entirely from
//! this binary.
//!
//! React, ReactDOM and GraphiQL are pinned production builds vendored in
//! `assets/graphiql/` (its README says where each file comes from), so the page works on a
//! union intranet with no internet access and loads nothing from another origin; its
//! Content-Security-Policy enforces that. Each file is served at
//! `graphiql/<digest>/<name>`, the digest being the start of the file's SHA-256, and may
//! be cached for good: a changed file gets a new path. The page refers to them relative to
//! the endpoint, so it also works behind a proxy that mounts the API under a prefix.
//!
//! GraphiQL loads the schema by the standard introspection query, as any client does.

use std::sync::LazyLock;

use axum::body::Bytes;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

const JS: &str = "text/javascript; charset=utf-8";

/// Only this origin. The scripts are files from this server, never inline. Styles may be
/// inline: GraphiQL's dialogs insert `<style>` elements. Its fonts and icons are `data:`
/// URLs. `connect-src 'self'` covers POST /graphql and the WebSocket on the same host.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; \
    connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; \
    frame-ancestors 'none'";

/// A file the page loads, with the path it is served at (relative to the endpoint).
struct Asset {
    path: String,
    content_type: &'static str,
    body: Bytes,
}

impl Asset {
    /// Served at `graphiql/<first 16 hex digits of the SHA-256>/<name>`.
    fn new(name: &str, content_type: &'static str, body: Bytes) -> Self {
        let digest = hex::encode(Sha256::digest(&body));
        Self {
            path: format!("graphiql/{}/{name}", &digest[..16]),
            content_type,
            body,
        }
    }
}

/// What the page loads.
struct Assets {
    stylesheet: Asset,
    /// In the order the page runs them: GraphiQL takes `React` and `ReactDOM` from the
    /// globals the first two define, and `start.js` renders it.
    scripts: [Asset; 4],
}

impl Assets {
    fn all(&self) -> impl Iterator<Item = &Asset> {
        std::iter::once(&self.stylesheet).chain(&self.scripts)
    }
}

static ASSETS: LazyLock<Assets> = LazyLock::new(|| {
    let vendored =
        |name, content_type, body| Asset::new(name, content_type, Bytes::from_static(body));
    Assets {
        stylesheet: vendored(
            "graphiql.min.css",
            "text/css; charset=utf-8",
            include_bytes!("../../assets/graphiql/graphiql.min.css"),
        ),
        scripts: [
            vendored(
                "react.production.min.js",
                JS,
                include_bytes!("../../assets/graphiql/react.production.min.js"),
            ),
            vendored(
                "react-dom.production.min.js",
                JS,
                include_bytes!("../../assets/graphiql/react-dom.production.min.js"),
            ),
            vendored(
                "graphiql.min.js",
                JS,
                include_bytes!("../../assets/graphiql/graphiql.min.js"),
            ),
            vendored("start.js", JS, include_bytes!("start.js")),
        ],
    }
});

static PAGE: LazyLock<String> = LazyLock::new(|| {
    let assets = &*ASSETS;
    let scripts: String = assets
        .scripts
        .iter()
        .map(|script| format!("    <script src=\"{}\"></script>\n", script.path))
        .collect();
    format!(
        r#"<!DOCTYPE html>
<html>
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>bangfu 帮扶</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="{stylesheet}">
    <style>body {{ margin: 0; }} #graphiql {{ height: 100vh; }}</style>
  </head>
  <body>
    <div id="graphiql">Loading…</div>
    <noscript>GraphiQL needs JavaScript.</noscript>
{scripts}  </body>
</html>
"#,
        stylesheet = assets.stylesheet.path,
    )
});

/// The GraphiQL page, never cached (it names the current assets).
pub fn page() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
            (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        PAGE.as_str(),
    )
        .into_response()
}

/// `GET /graphiql/{digest}/{file}`: an asset of the page, or 404 for any other path
/// (an unknown name, or a digest that is not the file's own).
pub async fn asset(Path((digest, file)): Path<(String, String)>) -> Response {
    let wanted = format!("graphiql/{digest}/{file}");
    let Some(asset) = ASSETS.all().find(|asset| asset.path == wanted) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    (
        [
            (header::CONTENT_TYPE, asset.content_type),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        asset.body.clone(),
    )
        .into_response()
}
