//! Exports (导出) as `.xlsx` or `.csv` downloads, authorised with the bearer token of
//! `/graphql` and scoped like the GraphQL queries they mirror:
//!
//! - `GET /exports/cases.{xlsx,csv}?status=&level=&orgUnitId=&year=` — the summary table
//!   (《汇总表》) of the caller's cases;
//! - `GET /exports/cases/{id}.{xlsx,csv}` — one worker's application form (《职工申请表》);
//! - `GET /exports/applications/{id}.{xlsx,csv}` — an assistance application's form
//!   (救助申请表);
//! - `GET /exports/payout-batches/{id}.{xlsx,csv}` — a batch's payout list for the bank
//!   (发放名单), FINANCE and AUDITOR only;
//! - `GET /exports/bank-file/{batchId}.{xlsx,csv}` — the file the bank pays a batch from
//!   (代发文件), account numbers whole, FINANCE and AUDITOR only, each download audited;
//! - `GET /exports/open-postings.{xlsx,csv}?occupation=&district=&suitableFor4050=&wageAtLeast=`
//!   — the job bulletin (招聘信息) of the public board, no login needed.
//!
//! Rows come from SQL with the org scope in the WHERE clause; children are loaded with one
//! `IN (...)` query per kind. Personal data is masked as the GraphQL types mask it.
//!
//! The one-row downloads (`/exports/{kind}/{id}`) are rows of one table ([`ONE_ROW`]) read
//! by one handler. The summary as `.csv` is streamed 500 cases at a time
//! ([`cases::summary_csv`]): a refusal still comes back as the JSON error body with its
//! status, but a failure after the first byte can only cut the body short (it is logged,
//! and the body ends in an error, so the client sees a broken download). Every other
//! file is made in memory; `.xlsx` always is, as rust_xlsxwriter builds it so.

pub mod applications;
pub mod cases;
mod form;
pub mod payouts;
pub mod postings;

use std::collections::HashMap;

use async_graphql::ID;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use entity::{CaseStatus, HardshipLevel, Money, household, org_unit, worker};
use futures_util::future::BoxFuture;
use rust_decimal::Decimal;
use sea_orm::{ConnectionTrait, EntityTrait};
use uuid::Uuid;

use super::http::{caller, download, download_bytes, download_stream, error_response, file_name};
use super::{Format, Sheet};
use crate::app::AppState;
use crate::auth::Actor;
use crate::employment::postings::BoardFilter;
use crate::error::{ApiError, ApiResult};
use crate::graphql::node::decode;
use crate::privacy;

/// The export routes, merged into the application's router (`http::router`).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/exports/{file}", get(table))
        .route("/exports/{kind}/{file}", get(one_row))
}

/// Keys of one `IN (...)` query: well below every backend's limit on bound values.
const CHUNK: usize = 500;

/// Splits the keys of a batch load into `IN (...)` lists of at most [`CHUNK`].
pub(crate) fn chunks(ids: &[Uuid]) -> impl Iterator<Item = &[Uuid]> {
    ids.chunks(CHUNK)
}

/// Personal data as the caller may see it: whole, or masked (张*明, 510104********1234).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shown {
    pub whole: bool,
}

impl Shown {
    pub fn for_actor(actor: &Actor) -> Shown {
        Shown {
            whole: actor.sees_personal_data(),
        }
    }

    fn masked(self, value: &str, mask: fn(&str) -> String) -> String {
        if self.whole {
            value.to_owned()
        } else {
            mask(value)
        }
    }

    pub fn name(self, value: &str) -> String {
        self.masked(value, privacy::mask_name)
    }

    pub fn id_number(self, value: &str) -> String {
        self.masked(value, privacy::mask_id_number)
    }

    pub fn phone(self, value: &str) -> String {
        self.masked(value, privacy::mask_phone)
    }
}

/// Whom a form is about: the worker, its org unit and its household.
pub(crate) struct Subject {
    pub worker: worker::Model,
    pub org: Option<org_unit::Model>,
    pub household: Option<household::Model>,
}

/// The [`Subject`] of a form about `worker_id`, filed under `org_unit_id`.
pub(crate) async fn subject(
    db: &impl ConnectionTrait,
    worker_id: Uuid,
    org_unit_id: Uuid,
) -> ApiResult<Subject> {
    let worker = worker::Entity::find_by_id(worker_id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::internal("a form without its worker"))?;
    let org = org_unit::Entity::find_by_id(org_unit_id).one(db).await?;
    let household = household::Entity::find_by_id(worker_id).one(db).await?;
    Ok(Subject {
        worker,
        org,
        household,
    })
}

fn respond(result: ApiResult<Response>) -> Response {
    result.unwrap_or_else(error_response)
}

/// The query string's parameters (the last value of a repeated one wins).
fn params(query: Option<&str>) -> HashMap<String, String> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .into_owned()
        .filter(|(_, v)| !v.trim().is_empty())
        .collect()
}

/// A code given as a query parameter (`status=ACTIVE`), read as the GraphQL enum value.
fn code<T: serde::de::DeserializeOwned>(
    params: &HashMap<String, String>,
    field: &str,
) -> ApiResult<Option<T>> {
    params
        .get(field)
        .map(|v| {
            serde_json::from_value(serde_json::Value::String(v.trim().to_owned()))
                .map_err(|_| ApiError::bad_input(field, format!("not a valid value: {v}")))
        })
        .transpose()
}

fn parsed<T: std::str::FromStr>(
    params: &HashMap<String, String>,
    field: &str,
    what: &str,
) -> ApiResult<Option<T>> {
    params
        .get(field)
        .map(|v| {
            v.trim()
                .parse()
                .map_err(|_| ApiError::bad_input(field, format!("must be {what}")))
        })
        .transpose()
}

/// A row id in a path or a parameter (`field`): the object's global ID (as GraphQL gives
/// it) or its UUID.
fn row_id(text: &str, kind: &'static str, field: &str) -> ApiResult<Uuid> {
    let text = text.trim();
    decode(&ID::from(text), kind, field).or_else(|err| Uuid::parse_str(text).map_err(|_| err))
}

/// `GET /exports/cases.xlsx` (汇总表) and `GET /exports/open-postings.xlsx` (招聘信息).
async fn table(
    State(state): State<AppState>,
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    respond(
        async {
            let (stem, format) = file_name(&file)?;
            let params = params(query.as_deref());
            match stem {
                "cases" => {
                    let actor = caller(&state, &headers).await?;
                    let filter = cases::SummaryFilter {
                        org_unit_id: params
                            .get("orgUnitId")
                            .map(|id| row_id(id, "OrgUnit", "orgUnitId"))
                            .transpose()?,
                        status: code::<CaseStatus>(&params, "status")?,
                        level: code::<HardshipLevel>(&params, "level")?,
                        year: parsed(&params, "year", "a year such as 2026")?,
                    };
                    let day = state.clock.today().format("%Y-%m-%d");
                    let name = format!("困难职工汇总表-{day}");
                    match format {
                        Format::Csv => {
                            let pieces = cases::summary_csv(&state, &actor, filter).await?;
                            Ok(download_stream(pieces, format, &name))
                        }
                        Format::Xlsx => {
                            let sheet = cases::summary(&state, &actor, filter).await?;
                            Ok(download(&sheet, format, &name))
                        }
                    }
                }
                "open-postings" => {
                    let wage_at_least = parsed::<Decimal>(&params, "wageAtLeast", "an amount")?
                        .map(|d| {
                            Money::new(d).ok_or_else(|| {
                                ApiError::bad_input("wageAtLeast", "at most two decimals")
                            })
                        })
                        .transpose()?;
                    let filter = BoardFilter {
                        occupation: params.get("occupation").cloned(),
                        district: params.get("district").cloned(),
                        suitable_for_4050: parsed(&params, "suitableFor4050", "true or false")?,
                        wage_at_least,
                    };
                    let sheet = postings::bulletin(&state, filter).await?;
                    let day = state.clock.today().format("%Y-%m-%d");
                    Ok(download(&sheet, format, &format!("招聘信息-{day}")))
                }
                _ => Err(ApiError::not_found("Export")),
            }
        }
        .await,
    )
}

/// What the service of a one-row export gives: a sheet to render, or the file itself
/// (the bank's file has its own layout), with the file's name.
enum Made {
    Sheet(Sheet, String),
    File(Vec<u8>, String),
}

/// The service behind one row of [`ONE_ROW`]: the caller, the row's id, the format asked for.
type Make = for<'a> fn(&'a AppState, &'a Actor, Uuid, Format) -> BoxFuture<'a, ApiResult<Made>>;

/// One download of one row, `/exports/{segment}/{id}.{ext}`.
struct OneRow {
    /// The path segment (`payout-batches`).
    segment: &'static str,
    /// The GraphQL type whose global ID names the row (`PayoutBatch`).
    node: &'static str,
    make: Make,
}

/// The one-row downloads: they differ only in the service they call.
const ONE_ROW: &[OneRow] = &[
    // 职工申请表
    OneRow {
        segment: "cases",
        node: "Case",
        make: case_form,
    },
    // 救助申请表
    OneRow {
        segment: "applications",
        node: "Application",
        make: application_form,
    },
    // 发放名单
    OneRow {
        segment: "payout-batches",
        node: "PayoutBatch",
        make: payout_batch,
    },
    // 代发文件: account numbers whole, each download audited by the service.
    OneRow {
        segment: "bank-file",
        node: "PayoutBatch",
        make: bank_file,
    },
];

fn case_form<'a>(
    state: &'a AppState,
    actor: &'a Actor,
    id: Uuid,
    _: Format,
) -> BoxFuture<'a, ApiResult<Made>> {
    Box::pin(async move {
        let (sheet, name) = cases::application_form(state, actor, id).await?;
        Ok(Made::Sheet(sheet, name))
    })
}

fn application_form<'a>(
    state: &'a AppState,
    actor: &'a Actor,
    id: Uuid,
    _: Format,
) -> BoxFuture<'a, ApiResult<Made>> {
    Box::pin(async move {
        let (sheet, name) = applications::application_form(state, actor, id).await?;
        Ok(Made::Sheet(sheet, name))
    })
}

fn payout_batch<'a>(
    state: &'a AppState,
    actor: &'a Actor,
    id: Uuid,
    _: Format,
) -> BoxFuture<'a, ApiResult<Made>> {
    Box::pin(async move {
        let (sheet, name) = payouts::batch_list(state, actor, id).await?;
        Ok(Made::Sheet(sheet, name))
    })
}

fn bank_file<'a>(
    state: &'a AppState,
    actor: &'a Actor,
    id: Uuid,
    format: Format,
) -> BoxFuture<'a, ApiResult<Made>> {
    Box::pin(async move {
        let (bytes, name) = payouts::bank_file(state, actor, id, format).await?;
        Ok(Made::File(bytes, name))
    })
}

/// `GET /exports/{kind}/{id}.{xlsx,csv}`: the row of [`ONE_ROW`] named by `kind`; the
/// caller, then the format, then the id, then the service. A kind not in the table is
/// the router's plain 404, as a path no route matches.
async fn one_row(
    State(state): State<AppState>,
    Path((kind, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let Some(row) = ONE_ROW.iter().find(|r| r.segment == kind) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    respond(
        async {
            let actor = caller(&state, &headers).await?;
            let (stem, format) = file_name(&file)?;
            let id = row_id(stem, row.node, "id")?;
            Ok(match (row.make)(&state, &actor, id, format).await? {
                Made::Sheet(sheet, name) => download(&sheet, format, &name),
                Made::File(bytes, name) => download_bytes(bytes, format, &name),
            })
        }
        .await,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_numbers_come_from_the_query_string() {
        let p = params(Some("status=ACTIVE&year=2026&level=&x=%E7%84%8A%E5%B7%A5"));
        assert_eq!(
            code::<CaseStatus>(&p, "status").unwrap(),
            Some(CaseStatus::Active)
        );
        assert_eq!(code::<HardshipLevel>(&p, "level").unwrap(), None);
        assert_eq!(parsed::<i32>(&p, "year", "a year").unwrap(), Some(2026));
        assert_eq!(p["x"], "焊工");
        let bad = params(Some("status=active"));
        assert!(code::<CaseStatus>(&bad, "status").is_err());
    }

    #[test]
    fn ids_are_global_ids_or_uuids() {
        let id = Uuid::now_v7();
        let global = crate::graphql::node::global_id("Case", id);
        assert_eq!(row_id(global.as_str(), "Case", "id").unwrap(), id);
        assert_eq!(row_id(&id.to_string(), "Case", "id").unwrap(), id);
        assert!(row_id(global.as_str(), "PayoutBatch", "id").is_err());
        assert!(row_id("nope", "Case", "id").is_err());
    }
}
