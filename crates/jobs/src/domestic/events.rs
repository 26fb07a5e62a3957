//! Community events of the domestic workers' union (技能竞赛、公益活动): 「一年来家政服务职员会
//! 组织了烹饪、熨烫、擦窗等技能竞赛活动和到社区帮助孤寡老人、残疾人家打扫卫生等公益活动」. Each is
//! recorded with its participants and shows on their timelines.

use std::collections::HashSet;

use chrono::NaiveDate;
use entity::{CommunityEventKind, community_event, community_event_participant, domestic_worker};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
};
use uuid::Uuid;

use super::workers::{READERS, STAFF};
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::{Actor, scope};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::org::service::find_in_scope;
use crate::pagination::{Page, PageArgs, paginate};
use crate::validate;

/// Most participants of one event.
const MAX_PARTICIPANTS: usize = 500;

/// Input of `recordCommunityEvent`.
pub struct NewEvent {
    pub org_unit_id: Uuid,
    pub kind: CommunityEventKind,
    pub title: String,
    pub held_on: NaiveDate,
    pub place: Option<String>,
    /// Domestic workers taking part, with a contest's award.
    pub participants: Vec<(Uuid, Option<String>)>,
}

/// Records a contest or public-good event with its participants (记录技能竞赛或公益活动).
/// AGENCY_STAFF.
pub async fn record(
    state: &AppState,
    actor: &Actor,
    input: NewEvent,
) -> ApiResult<community_event::Model> {
    actor.require_any(STAFF)?;
    let title = validate::name("title", &input.title, 100)?;
    let place = validate::text("place", input.place, 200)?;
    if input.held_on > state.clock.today() {
        return Err(ApiError::bad_input(
            "heldOn",
            "an event is recorded once it has been held",
        ));
    }
    if input.participants.is_empty() {
        return Err(ApiError::bad_input(
            "participants",
            "name at least one participant",
        ));
    }
    if input.participants.len() > MAX_PARTICIPANTS {
        return Err(ApiError::bad_input(
            "participants",
            format!("at most {MAX_PARTICIPANTS} participants"),
        ));
    }
    let mut participants = Vec::with_capacity(input.participants.len());
    let mut seen = HashSet::new();
    for (id, award) in input.participants {
        if !seen.insert(id) {
            return Err(ApiError::bad_input(
                "participants",
                "a participant is named twice",
            ));
        }
        if award.is_some() && !input.kind.is_contest() {
            return Err(ApiError::bad_input(
                "participants",
                "awards are given in contests only",
            ));
        }
        participants.push((id, validate::text("participants.award", award, 50)?));
    }
    let mut tx = Tx::begin(state).await?;
    let unit = find_in_scope(&*tx, actor, input.org_unit_id)
        .await
        .or_refused(|| ApiError::bad_input("orgUnitId", "no such org unit in your scope"))?;
    // Participants are the organiser's own: whoever reads the event may see them.
    let found = domestic_worker::Entity::find()
        .filter(domestic_worker::Column::Id.is_in(seen.iter().copied()))
        .filter(scope::subtree_column(
            domestic_worker::Column::OrgUnitId,
            &unit.path,
        ))
        .count(&*tx)
        .await?;
    if usize::try_from(found).unwrap_or(0) != seen.len() {
        return Err(ApiError::bad_input(
            "participants",
            "a participant is not a domestic worker kept under the organising unit",
        ));
    }
    let now = state.clock.now();
    let event = community_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        org_unit_id: Set(input.org_unit_id),
        kind: Set(input.kind),
        title: Set(title),
        held_on: Set(input.held_on),
        place: Set(place),
        created_by: Set(actor.user_id),
        created_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    let rows: Vec<community_event_participant::Model> = participants
        .into_iter()
        .map(|(id, award)| community_event_participant::Model {
            event_id: event.id,
            domestic_worker_id: id,
            award,
        })
        .collect();
    community_event_participant::Entity::insert_many(rows.iter().cloned().map(|r| {
        community_event_participant::ActiveModel {
            event_id: Set(r.event_id),
            domestic_worker_id: Set(r.domestic_worker_id),
            award: Set(r.award),
        }
    }))
    .exec(&*tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "recordCommunityEvent",
            "CommunityEvent",
            event.id,
            Some(event.org_unit_id),
        )
        .after(&serde_json::json!({ "event": &event, "participants": &rows })),
    )
    .await?;
    tx.commit().await?;
    Ok(event)
}

/// The events in the caller's scope, newest first.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    kind: Option<CommunityEventKind>,
    page: &PageArgs,
) -> ApiResult<Page<community_event::Model>> {
    actor.require_any(READERS)?;
    let mut select = community_event::Entity::find().filter(scope::org_unit_column(
        community_event::Column::OrgUnitId,
        actor,
    ));
    if let Some(k) = kind {
        select = select.filter(community_event::Column::Kind.eq(k));
    }
    paginate(state, select, community_event::Column::Id, page).await
}
