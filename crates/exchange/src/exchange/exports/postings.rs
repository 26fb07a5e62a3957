//! The job bulletin (招聘信息) for newspapers, radio and television: 「长期在电视台、广播电台
//! 和报纸等新闻媒体上公布聘请信息」. The same postings as the public board (`openPostings`):
//! open, not expired, not full, from employers that are not flagged; no contact data.

use std::collections::HashMap;

use entity::{employer, posting};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::chunks;
use crate::app::AppState;
use crate::employment::postings::{BoardFilter, board_select};
use crate::error::ApiResult;
use crate::exchange::Sheet;
use crate::exchange::labels::{self, Label};

/// Columns of the bulletin.
pub const BULLETIN_HEADERS: &[&str] = &[
    "序号",
    "用工单位",
    "岗位名称",
    "工种",
    "招聘人数",
    "月薪下限",
    "月薪上限",
    "工作区域",
    "年龄要求",
    "学历要求",
    "技能要求",
    "持证要求",
    "适合4050人员",
    "截止日期",
];

fn age_range(min: Option<i32>, max: Option<i32>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("{a}-{b}岁"),
        (Some(a), None) => format!("{a}岁以上"),
        (None, Some(b)) => format!("{b}岁以下"),
        (None, None) => "不限".to_owned(),
    }
}

/// The bulletin of the public board, filtered as `openPostings(filter:)`, soonest expiry
/// first. Public like the board: no login needed.
pub async fn bulletin(state: &AppState, filter: BoardFilter) -> ApiResult<Sheet> {
    let db = &state.db;
    let select = board_select(filter, state.clock.today());
    let postings = select
        .order_by_asc(posting::Column::ExpiresOn)
        .order_by_asc(posting::Column::Id)
        .all(db)
        .await?;

    let employer_ids: Vec<Uuid> = postings.iter().map(|p| p.employer_id).collect();
    let mut employers: HashMap<Uuid, String> = HashMap::new();
    for chunk in chunks(&employer_ids) {
        employers.extend(
            employer::Entity::find()
                .filter(employer::Column::Id.is_in(chunk.iter().copied()))
                .all(db)
                .await?
                .into_iter()
                .map(|e| (e.id, e.name)),
        );
    }

    let mut sheet = Sheet::new("招聘信息", BULLETIN_HEADERS);
    for (n, p) in (1i64..).zip(postings) {
        sheet.push(vec![
            n.into(),
            employers.get(&p.employer_id).cloned().into(),
            p.title.into(),
            p.occupation.into(),
            i64::from(p.headcount - p.filled).into(),
            p.wage_min.into(),
            p.wage_max.into(),
            p.district.into(),
            age_range(p.age_min, p.age_max).into(),
            p.education.map_or("不限", |e| e.label()).into(),
            labels::joined(p.skills.0.iter().map(String::as_str)).into(),
            p.required_certificate.into(),
            p.suitable_for_4050.label().into(),
            p.expires_on.into(),
        ]);
    }
    Ok(sheet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_ranges_read_naturally() {
        assert_eq!(age_range(Some(18), Some(60)), "18-60岁");
        assert_eq!(age_range(Some(40), None), "40岁以上");
        assert_eq!(age_range(None, None), "不限");
    }
}
