//! What every download route does (`GET /exports/...`, `GET /templates/...`): the caller
//! by the same bearer token as `/graphql`, the file as an attachment, errors as the
//! GraphQL error body.
//!
//! A file route takes its format from the extension of the last path segment
//! (`/exports/cases.xlsx`, `/exports/cases.csv`). Errors come back as the GraphQL error
//! body the frontends already parse, with an HTTP status that matches the code.

use axum::body::Body;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};

use futures_util::{Stream, StreamExt};

use super::sheet::{Format, Sheet};
use crate::app::AppState;
use crate::auth::Actor;
use crate::auth::service::authenticate;
use crate::error::{ApiError, ApiResult};
use crate::http::answer::{bearer, failure};

/// The caller of a download: a valid bearer token is required.
pub async fn caller(state: &AppState, headers: &HeaderMap) -> ApiResult<Actor> {
    let auth = authenticate(state, bearer(headers)).await?;
    Ok(auth.actor()?.clone())
}

/// Splits `name.ext` into the name and the file format.
pub fn file_name(segment: &str) -> ApiResult<(&str, Format)> {
    segment
        .rsplit_once('.')
        .and_then(|(stem, ext)| Some((stem, Format::from_extension(ext)?)))
        .ok_or_else(|| ApiError::bad_input("format", "ask for a .xlsx or a .csv file"))
}

/// The sheet as a file download named `<file_stem>.<ext>`.
pub fn download(sheet: &Sheet, format: Format, file_stem: &str) -> Response {
    match sheet.render(format) {
        Ok(bytes) => download_bytes(bytes, format, file_stem),
        Err(err) => error_response(err),
    }
}

/// A file's bytes as a download named `<file_stem>.<ext>`.
pub fn download_bytes(bytes: Vec<u8>, format: Format, file_stem: &str) -> Response {
    attachment(bytes.into_response(), format, file_stem)
}

/// A file sent piece by piece as it is made (the case summary as `.csv`), with the
/// headers of [`download_bytes`] but no `Content-Length`. A piece that fails after the
/// first has gone out is logged and aborts the body, so that the client sees a broken
/// download rather than a file that looks whole but is cut short.
pub fn download_stream<S>(pieces: S, format: Format, file_stem: &str) -> Response
where
    S: Stream<Item = ApiResult<Vec<u8>>> + Send + 'static,
{
    let body = Body::from_stream(pieces.map(|piece| {
        piece.map_err(|err| {
            tracing::error!(error = %err, "a streamed download failed part way");
            std::io::Error::other("the download failed part way")
        })
    }));
    attachment(body.into_response(), format, file_stem)
}

/// `response` as an attachment named `<file_stem>.<ext>`, never cached.
fn attachment(mut response: Response, format: Format, file_stem: &str) -> Response {
    let file = format!("{file_stem}.{}", format.extension());
    let disposition = format!(
        "attachment; filename=\"{}\"; filename*=UTF-8''{}",
        ascii_fallback(&file),
        percent_encode(&file)
    );
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// An error as the GraphQL error body, with the HTTP status its code implies.
pub fn error_response(err: ApiError) -> Response {
    failure(err)
}

fn ascii_fallback(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// RFC 5987 encoding of a UTF-8 file name.
fn percent_encode(name: &str) -> String {
    name.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_carry_the_format() {
        assert_eq!(file_name("cases.xlsx").unwrap(), ("cases", Format::Xlsx));
        assert_eq!(file_name("a.b.CSV").unwrap(), ("a.b", Format::Csv));
        assert!(file_name("cases.pdf").is_err());
        assert!(file_name("cases").is_err());
    }

    #[test]
    fn chinese_file_names_are_encoded_for_the_header() {
        assert_eq!(percent_encode("汇总.csv"), "%E6%B1%87%E6%80%BB.csv");
        assert_eq!(ascii_fallback("汇总.csv"), "__.csv");
    }
}
