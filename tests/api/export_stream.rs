//! The case summary (《汇总表》) as .csv is sent piece by piece; it must be byte for byte
//! the table rendered whole in memory, as it was before it was streamed.

use axum::http::{HeaderMap, HeaderValue, header};
use bangfu::demo::{self, DemoOptions};
use bangfu::exchange::Format;
use bangfu::exchange::exports::cases::{self, SummaryFilter};
use bangfu::exchange::http::caller;
use chrono::NaiveDate;
use entity::CaseStatus;
use reqwest::StatusCode;

use crate::server::*;

/// Enough workers for more cases than one piece (500) holds.
const WORKERS: u64 = 6_000;

/// 「综合部初核，审核汇总（附《职工申请表》及《汇总表》）」 — the summary the office attaches is
/// the same file whether it is sent whole or piece by piece: same BOM, headers, quoting,
/// masking, numbering and line ends, for a caller who sees personal data and one who
/// does not.
#[tokio::test]
async fn the_streamed_summary_is_the_whole_table_byte_for_byte() {
    let srv = serve().await;
    let app = &srv.app;
    let options = DemoOptions {
        // The suite's clock reads 2026-03-02.
        as_of: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        ..DemoOptions::new(WORKERS)
    };
    demo::seed(&app.state.db, options).await.unwrap();
    let admin = app.admin_token().await;
    let root = app.root_id(&admin).await;
    let finance = app
        .user_token(&admin, "fin.stream", &["FINANCE"], &root)
        .await;

    for token in [&admin, &finance] {
        let mut headers = HeaderMap::new();
        let bearer = HeaderValue::from_str(&format!("Bearer {token}")).unwrap();
        headers.insert(header::AUTHORIZATION, bearer);
        let actor = caller(&app.state, &headers).await.unwrap();
        for (query, filter) in [
            ("", SummaryFilter::default()),
            (
                "?status=ACTIVE",
                SummaryFilter {
                    status: Some(CaseStatus::Active),
                    ..SummaryFilter::default()
                },
            ),
        ] {
            let whole = cases::summary(&app.state, &actor, filter).await.unwrap();
            let rows = whole.rows.len();
            let whole = whole.render(Format::Csv).unwrap();
            let streamed = srv
                .get(&format!("/exports/cases.csv{query}"), Some(token))
                .await;
            assert_eq!(streamed.status, StatusCode::OK);
            assert_eq!(streamed.content_type, "text/csv; charset=utf-8");
            assert!(streamed.disposition.contains(".csv"));
            if query.is_empty() {
                assert!(rows > 500, "more than one piece: {rows} cases");
            }
            assert!(rows > 0, "{query}");
            assert!(
                streamed.bytes == whole,
                "{query}: {} bytes streamed, {} whole",
                streamed.bytes.len(),
                whole.len()
            );
        }
    }

    // A refusal still comes before the first byte, as the JSON error body.
    srv.get("/exports/cases.csv?status=FILED", Some(&admin))
        .await
        .refused(StatusCode::BAD_REQUEST, "BAD_USER_INPUT");
}
