//! GraphQL surface of payout accounts (代发账户).

use async_graphql::{Context, ID, InputObject, Object, ResultExt, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{Kinship, Money, Role, payout_account};

use super::accounts::{self, NewAccount};
use super::reconcile::Reconciliation;
use super::returns::{self, ReturnFile, ReturnOutcome};
use crate::auth::Actor;
use crate::graphql::context::{ContextExt, load};
use crate::graphql::loader::UserKey;
use crate::graphql::node::{decode, decode_opt, global_id};
use crate::graphql::scalars::FileUpload;
use crate::privacy;
use crate::spreadsheet::upload::{ImportRowError, read_upload};
use crate::users::graphql::User;

/// Whether the caller sees account holders' names whole: who sees personal data, and
/// finance, who pays them.
fn sees_holders(actor: &Actor) -> bool {
    actor.sees_personal_data() || actor.has_role(Role::Finance)
}

pub struct PayoutAccount(pub payout_account::Model);

/// The bank account a worker or a member of their household is paid into (代发账户). Its
/// number is only ever shown masked; the bank's payout file (代发文件) alone carries it
/// whole.
#[Object]
impl PayoutAccount {
    /// Opaque global ID (全局标识).
    async fn id(&self) -> ID {
        global_id("PayoutAccount", self.0.id)
    }

    /// Account holder (开户人); masked (张*明) for callers who may not see personal data.
    async fn holder_name(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        let name = &self.0.holder_name;
        Ok(if sees_holders(ctx.actor()?) {
            name.clone()
        } else {
            privacy::mask_name(name)
        })
    }

    /// Whose account it is (开户人与职工关系): SELF for the worker.
    async fn holder_kinship(&self) -> Kinship {
        self.0.holder_kinship
    }

    /// Bank and branch (开户行).
    async fn bank_name(&self) -> &str {
        &self.0.bank_name
    }

    /// Bank code (银行机构代码或联行号), where known.
    async fn bank_code(&self) -> Option<&str> {
        self.0.bank_code.as_deref()
    }

    /// Card or account number, masked (卡号): first and last four digits
    /// (`6222 **** **** 1234`).
    async fn masked_number(&self) -> &str {
        &self.0.masked_number
    }

    /// Who recorded it (登记人); null when outside the caller's view.
    async fn recorded_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        Ok(load(ctx, UserKey(self.0.recorded_by)).await?.map(User))
    }

    /// When it was recorded (登记时间).
    async fn recorded_at(&self) -> DateTime<Utc> {
        self.0.recorded_at
    }
}

pub struct BatchReconciliation(pub Reconciliation);

/// Reconciliation of a payout batch with the bank (对账): every item is paid, refused by
/// the bank, or outstanding.
#[Object]
impl BatchReconciliation {
    /// Items paid (已发放笔数).
    async fn paid_count(&self) -> i64 {
        self.0.paid.count
    }

    /// Sum paid (已发放金额).
    async fn paid_amount(&self) -> Money {
        self.0.paid.amount
    }

    /// Items the bank could not pay, unpaid with its reason (发放失败笔数).
    async fn failed_count(&self) -> i64 {
        self.0.failed.count
    }

    /// Sum the bank could not pay (发放失败金额).
    async fn failed_amount(&self) -> Money {
        self.0.failed.amount
    }

    /// Items not paid and not refused: not yet sent, or not yet answered (待发放笔数).
    async fn outstanding_count(&self) -> i64 {
        self.0.outstanding.count
    }

    /// Sum still to pay, beside the refused (待发放金额).
    async fn outstanding_amount(&self) -> Money {
        self.0.outstanding.amount
    }
}

/// Input of `setPayoutAccount` (登记代发账户).
#[derive(InputObject)]
pub struct SetPayoutAccountInput {
    /// The worker (职工).
    pub worker_id: ID,
    /// The member of the worker's household who holds the account (家庭成员); omitted
    /// for the worker's own.
    pub household_member_id: Option<ID>,
    /// Account holder's name (开户人), as the bank has it: the worker's, or the member's.
    pub holder_name: String,
    /// Bank and branch (开户行), e.g. 中国工商银行成都锦江支行.
    pub bank_name: String,
    /// Bank code (银行机构代码 3 digits, or 联行号 12 digits), where known.
    pub bank_code: Option<String>,
    /// Card or account number (银行卡号/账号); spaces between groups are fine. A card
    /// number (16–19 digits) must pass its check digit.
    pub account_number: String,
}

/// Input of `removePayoutAccount` (撤销代发账户).
#[derive(InputObject)]
pub struct RemovePayoutAccountInput {
    /// The account.
    pub id: ID,
}

/// Result of `setPayoutAccount` and `removePayoutAccount`.
#[derive(SimpleObject)]
pub struct PayoutAccountPayload {
    /// The account as recorded (or as it was, once removed).
    pub payout_account: PayoutAccount,
}

/// Input of `importBankReturn` (导入银行回盘文件).
#[derive(InputObject)]
pub struct ImportBankReturnInput {
    /// The payout batch the bank paid (发放批次).
    pub batch_id: ID,
    /// The bank's return file (回盘文件), `.xlsx` or `.csv` (UTF-8 or GBK), sent as a
    /// multipart upload, with the columns 参考号, 账号, 金额, 结果 (成功/失败), 失败原因 and
    /// 银行流水号.
    pub file: FileUpload,
    /// Partial import (部分导入): apply the good lines and report the bad ones. By default
    /// nothing is written while any line is bad.
    #[graphql(default = false)]
    pub partial: bool,
}

/// Result of `importBankReturn` (回盘结果).
#[derive(SimpleObject)]
pub struct BankReturnPayload {
    /// Items paid now (已发放); a line already applied, in this file or an earlier one,
    /// is not counted again.
    pub paid: i32,
    /// Items the bank could not pay (发放失败): still unpaid, with the bank's reason.
    pub failed: i32,
    /// Lines refused (退回行): matching no item of the batch, or with another amount or
    /// account; without `partial`, nothing is written when this is above zero.
    pub refused: i32,
    /// Every refused line, by row (错误明细).
    pub errors: Vec<ImportRowError>,
}

impl From<ReturnOutcome> for BankReturnPayload {
    fn from(o: ReturnOutcome) -> Self {
        let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
        BankReturnPayload {
            paid: count(o.paid),
            failed: count(o.failed),
            refused: count(o.refused),
            errors: o.errors.into_iter().map(ImportRowError::from).collect(),
        }
    }
}

#[derive(Default)]
pub struct BankMutation;

#[Object]
impl BankMutation {
    /// Records the bank account a worker, or a member of their household, is paid into
    /// (登记代发账户); recording one for the same person again replaces it. The holder
    /// must be the worker or a member their household lists by name. The number is
    /// sealed at rest and shown masked.
    /// Who may call: CASEWORKER, FINANCE.
    async fn set_payout_account(
        &self,
        ctx: &Context<'_>,
        input: SetPayoutAccountInput,
    ) -> async_graphql::Result<PayoutAccountPayload> {
        let state = ctx.state()?;
        let actor = ctx.actor()?;
        let input = NewAccount {
            worker_id: decode(&input.worker_id, "Worker", "workerId").extend()?,
            household_member_id: decode_opt(
                input.household_member_id.as_ref(),
                "HouseholdMember",
                "householdMemberId",
            )
            .extend()?,
            holder_name: input.holder_name,
            bank_name: input.bank_name,
            bank_code: input.bank_code,
            account_number: input.account_number,
        };
        accounts::set(state, actor, input)
            .await
            .map(|a| PayoutAccountPayload {
                payout_account: PayoutAccount(a),
            })
            .extend()
    }

    /// Reads the bank's return file (回盘文件) into a payout batch: lines the bank paid are
    /// marked paid with its reference and their ledger entries, exactly once however
    /// often the file or a line comes; lines it could not pay stay unpaid with its reason.
    /// Lines that match no item of the batch, or whose amount or account differs, are
    /// refused with the row named.
    /// Who may call: FINANCE.
    async fn import_bank_return(
        &self,
        ctx: &Context<'_>,
        input: ImportBankReturnInput,
    ) -> async_graphql::Result<BankReturnPayload> {
        let state = ctx.state()?;
        let actor = ctx.actor()?;
        let batch_id = decode(&input.batch_id, "PayoutBatch", "batchId").extend()?;
        let (file_name, bytes) = read_upload(ctx, &input.file).extend()?;
        let file = ReturnFile {
            file_name,
            bytes,
            partial: input.partial,
        };
        returns::import(state, actor, batch_id, file)
            .await
            .map(BankReturnPayload::from)
            .extend()
    }

    /// Removes a recorded account (撤销代发账户).
    /// Who may call: CASEWORKER, FINANCE.
    async fn remove_payout_account(
        &self,
        ctx: &Context<'_>,
        input: RemovePayoutAccountInput,
    ) -> async_graphql::Result<PayoutAccountPayload> {
        let state = ctx.state()?;
        let actor = ctx.actor()?;
        let id = decode(&input.id, "PayoutAccount", "id").extend()?;
        accounts::remove(state, actor, id)
            .await
            .map(|a| PayoutAccountPayload {
                payout_account: PayoutAccount(a),
            })
            .extend()
    }
}
