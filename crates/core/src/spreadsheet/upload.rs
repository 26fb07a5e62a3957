//! An uploaded spreadsheet over GraphQL (multipart request spec): its bytes within the
//! body limit, and the problems of its rows as the API reports them.

use std::io::Read;

use async_graphql::{Context, SimpleObject};

use super::rows::RowError;
use crate::error::{ApiError, ApiResult};
use crate::graphql::scalars::FileUpload;

/// A problem in one cell of an imported file (导入错误).
#[derive(SimpleObject)]
pub struct ImportRowError {
    /// Row number as the spreadsheet shows it, the header being row 1 (行号).
    pub row: i32,
    /// Column header (列名).
    pub column: String,
    /// What is wrong, in Chinese (错误说明).
    pub message: String,
}

impl From<RowError> for ImportRowError {
    fn from(
        RowError {
            row,
            column,
            message,
        }: RowError,
    ) -> Self {
        ImportRowError {
            row: i32::try_from(row).unwrap_or(i32::MAX),
            column,
            message,
        }
    }
}

/// Reads an uploaded file (its name and bytes), no larger than the body limit.
pub fn read_upload(ctx: &Context<'_>, file: &FileUpload) -> ApiResult<(String, Vec<u8>)> {
    let limit = ctx
        .data::<crate::app::AppState>()
        .map_err(|_| ApiError::internal("no state"))?
        .config
        .body_limit;
    let upload = file.value(ctx, "file")?;
    let file_name = upload.filename.clone();
    let mut bytes = Vec::new();
    upload
        .into_read()
        .take(u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ApiError::internal)?;
    if bytes.len() > limit {
        return Err(ApiError::bad_input(
            "file",
            format!("文件超过{limit}字节的上限"),
        ));
    }
    Ok((file_name, bytes))
}
