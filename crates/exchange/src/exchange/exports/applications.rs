//! The assistance application form (救助申请表): 「职工本人向综合部提出申请」 — what is asked
//! for and why, the worker and household it is for, and every step of its review.

use entity::{application_transition, hardship_case};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::form::{Form, time};
use super::{Shown, Subject, subject};
use crate::app::AppState;
use crate::assistance::rules::effective_status;
use crate::assistance::service::get_application;
use crate::auth::Actor;
use crate::error::ApiResult;
use crate::exchange::Sheet;
use crate::exchange::labels::Label;

/// The form of an application of the caller's subtree. Readers of applications
/// (`application(id:)`); NOT_FOUND outside the caller's subtree.
pub async fn application_form(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> ApiResult<(Sheet, String)> {
    let application = get_application(state, actor, id).await?;
    let db = &state.db;
    let today = state.clock.today();
    let Subject {
        worker,
        org,
        household,
    } = subject(db, application.worker_id, application.org_unit_id).await?;
    let case = hardship_case::Entity::find_by_id(application.case_id)
        .one(db)
        .await?;
    let steps = application_transition::Entity::find()
        .filter(application_transition::Column::ApplicationId.eq(application.id))
        .order_by_asc(application_transition::Column::At)
        .order_by_asc(application_transition::Column::Id)
        .all(db)
        .await?;

    let shown = Shown::for_actor(actor);
    let status = effective_status(application.status, application.notice_end, today);
    let mut form = Form::new("救助申请表");
    form.section("救助申请");
    form.field("申请状态", status.label());
    form.field("救助项目", application.item.label());
    form.field("救助年度", i64::from(application.year));
    form.field("申请金额", application.requested_amount);
    form.field("批准金额", application.approved_amount);
    form.field(
        "申请理由",
        Some(application.reason.clone()).filter(|_| shown.whole),
    );
    form.field("公示开始日", application.notice_start);
    form.field("公示截止日", application.notice_end);
    form.field(
        "发放日期",
        application
            .paid_at
            .map(|at| at.with_timezone(&crate::clock::CHINA).date_naive()),
    );

    form.section("职工情况");
    form.field("单位", org.map(|o| o.name));
    form.field("姓名", shown.name(&worker.name));
    form.field("性别", worker.gender.label());
    form.field("身份证号", shown.id_number(&worker.id_number));
    form.field("联系电话", worker.phone.as_deref().map(|p| shown.phone(p)));
    form.field("人员类别", worker.employment_type.label());
    form.field("困难类别", case.and_then(|c| c.level).map(|l| l.label()));
    if let Some(h) = &household {
        form.field("享受低保", h.receives_minimum_allowance.label());
        form.field("家庭人口", i64::from(h.member_count));
        form.field("家庭月收入", Some(h.income_total).filter(|_| shown.whole));
    }

    form.section("审核流程");
    let step_rows = steps
        .into_iter()
        .map(|s| {
            vec![
                s.from_status.map(|f| f.label()).into(),
                s.to_status.label().into(),
                s.actor_username.into(),
                time(s.at).into(),
                s.comment.into(),
            ]
        })
        .collect();
    form.table(
        "流转记录",
        &["原状态", "新状态", "操作人", "时间", "意见"],
        step_rows,
    );
    let file = format!("救助申请表-{}", shown.name(&worker.name));
    Ok((form.sheet, file))
}
