//! The real HTTP server for tests that download files or upload them: the exports, the
//! bank's files. Files come back as rows of cells (calamine for .xlsx, csv for .csv).

use std::net::SocketAddr;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

pub struct Server {
    pub app: TestApp,
    pub addr: SocketAddr,
    pub client: reqwest::Client,
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

pub async fn serve() -> Server {
    serve_app(spawn_app().await).await
}

/// The HTTP server of an app started with `extra` arguments.
pub async fn serve_with(extra: &[&str]) -> Server {
    serve_app(spawn_app_with(extra).await).await
}

/// The HTTP server of `app`.
pub async fn serve_app(app: TestApp) -> Server {
    let router = bangfu::http::router(app.state.clone(), app.schema.clone()).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    });
    Server {
        app,
        addr,
        client: reqwest::Client::new(),
    }
}

/// A downloaded file, or the JSON error body with its status.
pub struct Download {
    pub status: StatusCode,
    pub content_type: String,
    pub disposition: String,
    pub bytes: Vec<u8>,
}

impl Download {
    pub fn error(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap()
    }

    /// Asserts a refusal: the status and `extensions.code` of the JSON error body.
    pub fn refused(&self, status: StatusCode, code: &str) {
        assert_eq!(
            self.status,
            status,
            "{}",
            String::from_utf8_lossy(&self.bytes)
        );
        assert!(self.content_type.starts_with("application/json"));
        assert_code(&self.error(), code);
    }

    /// The rows of an .xlsx sheet, each cell as text (numbers as Rust prints an f64,
    /// dates as YYYY-MM-DD).
    pub fn xlsx(&self, sheet: &str) -> Vec<Vec<Cell>> {
        assert_eq!(
            self.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&self.bytes)
        );
        assert_eq!(
            self.content_type,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        assert!(self.disposition.contains(".xlsx"), "{}", self.disposition);
        let mut book = Xlsx::new(std::io::Cursor::new(self.bytes.clone())).unwrap();
        let range = book.worksheet_range(sheet).unwrap();
        range
            .rows()
            .map(|row| row.iter().map(Cell::from).collect())
            .collect()
    }

    /// The records of a .csv file (after its byte-order mark), headers first.
    pub fn csv(&self) -> Vec<Vec<String>> {
        assert_eq!(
            self.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&self.bytes)
        );
        assert_eq!(self.content_type, "text/csv; charset=utf-8");
        assert!(self.disposition.contains(".csv"), "{}", self.disposition);
        let text = std::str::from_utf8(&self.bytes).unwrap();
        let text = text.strip_prefix('\u{feff}').expect("a BOM for Excel");
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }
}

/// A cell read back from .xlsx.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Empty,
}

impl From<&Data> for Cell {
    fn from(data: &Data) -> Self {
        match data {
            Data::String(s) => Cell::Text(s.clone()),
            Data::Float(f) => Cell::Number(*f),
            Data::Int(i) => Cell::Number(*i as f64),
            Data::DateTime(d) => {
                let serial = d.as_f64() as i64;
                let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
                Cell::Date(epoch + chrono::Duration::days(serial))
            }
            Data::Empty => Cell::Empty,
            other => Cell::Text(other.to_string()),
        }
    }
}

pub fn text(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

pub fn date(s: &str) -> Cell {
    Cell::Date(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
}

impl Server {
    pub async fn get(&self, path: &str, token: Option<&str>) -> Download {
        let mut req = self.client.get(self.url(path));
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        let r = req.send().await.unwrap();
        let header = |name: &str| {
            r.headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default()
        };
        let (content_type, disposition) = (header("content-type"), header("content-disposition"));
        Download {
            status: r.status(),
            content_type,
            disposition,
            bytes: r.bytes().await.unwrap().to_vec(),
        }
    }
}

const BOUNDARY: &str = "bangfu-upload-test-boundary-7f2c1d";

impl Server {
    /// Sends `query` with `input` whose `file` is the upload (GraphQL multipart request
    /// spec), and returns the status and the response body.
    pub async fn upload(
        &self,
        token: Option<&str>,
        query: &str,
        mut input: Value,
        file_name: &str,
        bytes: &[u8],
    ) -> (StatusCode, Value) {
        input["file"] = Value::Null;
        let operations = json!({ "query": query, "variables": { "input": input } });
        let mut body = Vec::new();
        let mut part = |headers: String, content: &[u8]| {
            body.extend_from_slice(format!("--{BOUNDARY}\r\n{headers}\r\n\r\n").as_bytes());
            body.extend_from_slice(content);
            body.extend_from_slice(b"\r\n");
        };
        part(
            "Content-Disposition: form-data; name=\"operations\"".into(),
            operations.to_string().as_bytes(),
        );
        part(
            "Content-Disposition: form-data; name=\"map\"".into(),
            json!({ "0": ["variables.input.file"] })
                .to_string()
                .as_bytes(),
        );
        part(
            format!(
                "Content-Disposition: form-data; name=\"0\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream"
            ),
            bytes,
        );
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        let mut request = self
            .client
            .post(self.url("/graphql"))
            .header(
                "content-type",
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        (status, response.json().await.unwrap())
    }
}

/// An .xlsx workbook of one worksheet holding `rows` as text (empty cells left out).
pub fn xlsx(rows: &[Vec<&str>]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in (0u32..).zip(rows) {
        for (c, cell) in (0u16..).zip(row) {
            if !cell.is_empty() {
                sheet.write_string(r, c, *cell).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}
