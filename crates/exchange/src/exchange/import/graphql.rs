//! GraphQL mutations of the imports: `importWorkers`, `importJobSeekers`,
//! `importEmployers`, `importGoods`, `importDonations`, each taking the file as a multipart upload (GraphQL multipart
//! request spec).

use async_graphql::{Context, ID, InputObject, Object, ResultExt, SimpleObject};

use super::{ImportFile, Outcome, employers, in_kind, seekers, workers};
use crate::error::ApiResult;
use crate::graphql::context::ContextExt;
use crate::graphql::node::{decode, decode_opt};
use crate::graphql::scalars::FileUpload;
use crate::spreadsheet::upload::{ImportRowError, read_upload};

/// Input of an import (批量导入): the spreadsheet and what to do with bad rows.
#[derive(InputObject)]
pub struct ImportInput {
    /// The file (导入文件), `.xlsx`, or `.csv` in UTF-8 or GBK/GB18030, sent as a
    /// multipart upload; at most the request body limit and 2000 data rows.
    pub file: FileUpload,
    /// Partial import (部分导入): write the good records and report the bad ones. By
    /// default nothing is written while any row is bad.
    #[graphql(default = false)]
    pub partial: bool,
    /// Org unit new records are filed under (所属组织); the caller's own when omitted.
    /// Records already filed keep their org unit.
    pub org_unit_id: Option<ID>,
}

/// Input of `importGoods` (导入物资目录): the catalogue is shared by every store.
#[derive(InputObject)]
pub struct ImportGoodsInput {
    /// The file (导入文件), `.xlsx`, or `.csv` in UTF-8 or GBK/GB18030, sent as a
    /// multipart upload.
    pub file: FileUpload,
    /// Partial import (部分导入): write the good rows and report the bad ones.
    #[graphql(default = false)]
    pub partial: bool,
}

/// Input of `importDonations` (导入捐赠入库).
#[derive(InputObject)]
pub struct ImportDonationsInput {
    /// The store receiving the goods (爱心超市).
    pub store_id: ID,
    /// The file (导入文件), `.xlsx`, or `.csv` in UTF-8 or GBK/GB18030, sent as a
    /// multipart upload.
    pub file: FileUpload,
    /// Partial import (部分导入): write the good rows and report the bad ones.
    #[graphql(default = false)]
    pub partial: bool,
}

/// Result of an import (导入结果).
#[derive(SimpleObject)]
pub struct ImportPayload {
    /// Records filed anew (新增).
    pub created: i32,
    /// Records already filed and updated (更新).
    pub updated: i32,
    /// Records not written because a row of theirs is bad (失败); without `partial`,
    /// nothing is written when this is above zero.
    pub failed: i32,
    /// Every problem found, by row (错误明细).
    pub errors: Vec<ImportRowError>,
}

impl From<Outcome> for ImportPayload {
    fn from(o: Outcome) -> Self {
        let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
        ImportPayload {
            created: count(o.created),
            updated: count(o.updated),
            failed: count(o.failed),
            errors: o.errors.into_iter().map(ImportRowError::from).collect(),
        }
    }
}

/// Reads the uploaded import file with the caller's choices.
fn file_of(ctx: &Context<'_>, input: ImportInput) -> ApiResult<ImportFile> {
    let (file_name, bytes) = read_upload(ctx, &input.file)?;
    let org_unit_id = decode_opt(input.org_unit_id.as_ref(), "OrgUnit", "orgUnitId")?;
    Ok(ImportFile {
        file_name,
        bytes,
        partial: input.partial,
        org_unit_id,
    })
}

#[derive(Default)]
pub struct ImportMutation;

#[Object]
impl ImportMutation {
    /// Imports workers with their households from a spreadsheet (导入职工及家庭成员): one
    /// row per person, the worker's own row (本人) first; matched on the ID number.
    /// Who may call: CASEWORKER (into the caller's org subtree).
    async fn import_workers(
        &self,
        ctx: &Context<'_>,
        input: ImportInput,
    ) -> async_graphql::Result<ImportPayload> {
        let actor = ctx.actor()?;
        let file = file_of(ctx, input).extend()?;
        workers::import(ctx.state()?, actor, file)
            .await
            .map(ImportPayload::from)
            .extend()
    }

    /// Imports job seekers from a spreadsheet (导入求职人员), matched on the ID number.
    /// Who may call: AGENCY_STAFF (into the caller's org subtree).
    async fn import_job_seekers(
        &self,
        ctx: &Context<'_>,
        input: ImportInput,
    ) -> async_graphql::Result<ImportPayload> {
        let actor = ctx.actor()?;
        let file = file_of(ctx, input).extend()?;
        seekers::import(ctx.state()?, actor, file)
            .await
            .map(ImportPayload::from)
            .extend()
    }

    /// Imports employers from a spreadsheet (导入用工单位), matched on the unified social
    /// credit code.
    /// Who may call: AGENCY_STAFF (into the caller's org subtree).
    async fn import_employers(
        &self,
        ctx: &Context<'_>,
        input: ImportInput,
    ) -> async_graphql::Result<ImportPayload> {
        let actor = ctx.actor()?;
        let file = file_of(ctx, input).extend()?;
        employers::import(ctx.state()?, actor, file)
            .await
            .map(ImportPayload::from)
            .extend()
    }

    /// Imports the goods catalogue from a spreadsheet (导入物资目录), matched on the
    /// goods' name: new goods are added, goods of the same name get the file's unit,
    /// category and reference price.
    /// Who may call: ADMIN (root unit only).
    async fn import_goods(
        &self,
        ctx: &Context<'_>,
        input: ImportGoodsInput,
    ) -> async_graphql::Result<ImportPayload> {
        let actor = ctx.actor()?;
        let (file_name, bytes) = read_upload(ctx, &input.file).extend()?;
        let file = ImportFile {
            file_name,
            bytes,
            partial: input.partial,
            org_unit_id: None,
        };
        in_kind::import_goods(ctx.state()?, actor, file)
            .await
            .map(ImportPayload::from)
            .extend()
    }

    /// Imports donations received by a store from a spreadsheet (导入捐赠入库): one row per
    /// goods of a receipt, each a movement of the store's stock ledger; a receipt's goods
    /// already received are refused by row.
    /// Who may call: CASEWORKER (a store in the caller's org subtree).
    async fn import_donations(
        &self,
        ctx: &Context<'_>,
        input: ImportDonationsInput,
    ) -> async_graphql::Result<ImportPayload> {
        let actor = ctx.actor()?;
        let store = decode(&input.store_id, "Store", "storeId").extend()?;
        let (file_name, bytes) = read_upload(ctx, &input.file).extend()?;
        let file = ImportFile {
            file_name,
            bytes,
            partial: input.partial,
            org_unit_id: None,
        };
        in_kind::import_donations(ctx.state()?, actor, store, file)
            .await
            .map(ImportPayload::from)
            .extend()
    }
}
