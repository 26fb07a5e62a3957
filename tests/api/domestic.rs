//! The domestic-service station (家政服务站): 「职业指导—职业培训—职业技能鉴定—职业介绍“一条龙”服务
//! 体系,切实为大龄下岗失业女职工解决就业咨询题」 — domestic workers registered from the agency's
//! seekers with their certificates, clients' orders matched and placed, a live-in worker
//! serving one household at a time, ratings, and the union's contests and public-good work.

use serde_json::{Value, json};

use crate::employment::{Agency, agency, seeker};
use crate::fixtures::*;
use crate::helpers::*;

const REGISTER: &str = "mutation($i: RegisterDomesticWorkerInput!) { registerDomesticWorker(input: $i) { domesticWorker { id services unionMember district } } }";
const CLIENT: &str =
    "mutation($i: CreateClientInput!) { createClient(input: $i) { client { id name } } }";
const ORDER: &str = "mutation($i: CreateServiceOrderInput!) { createServiceOrder(input: $i) { order { id status } } }";
const MATCH: &str = "query($o: ID!) { matchDomesticWorkers(orderId: $o) { domesticWorker { id } certificateLevel score reasons } }";
const PLACE: &str = "mutation($i: PlaceServiceOrderInput!) { placeServiceOrder(input: $i) { order { status contractFrom contractTo domesticWorker { id } } } }";
const CLOSE: &str = "mutation($i: CloseServiceOrderInput!) { closeServiceOrder(input: $i) { order { status rating followUp closedOn } } }";
const ASSESS: &str = "mutation($s: ID!, $o: String!, $l: Int!) { recordSkillAssessment(input: {seekerId: $s, occupation: $o, level: $l, passed: true, assessedOn: \"2026-02-20\"}) { seekerId } }";

/// The agency of the district (minimum wage 2330.00 a month) and a community service point.
pub struct Station {
    pub a: Agency,
    pub point: String,
}

pub async fn station(app: &TestApp) -> Station {
    let a = agency(app).await;
    let unit = |name: &str, kind: &str, parent: &str| {
        let vars = json!({ "i": { "name": name, "kind": kind, "parentId": parent, "regionCode": "510104" } });
        let admin = a.s.admin.clone();
        async move {
            id_of(
                &app.ok(
                    Some(&admin),
                    "mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { orgUnit { id } } }",
                    vars,
                )
                .await["createOrgUnit"]["orgUnit"]["id"],
            )
        }
    };
    let street = unit("水井坊街道帮扶工作站", "STREET_WORKSTATION", &a.s.district).await;
    let point = unit("水井坊社区服务点", "COMMUNITY_POINT", &street).await;
    Station { a, point }
}

fn id_of(v: &Value) -> String {
    v.as_str().unwrap().to_owned()
}

/// A job seeker registered as a domestic worker offering `services`.
pub async fn domestic_worker(
    app: &TestApp,
    st: &Station,
    name: &str,
    id_number: &str,
    services: &[&str],
    extra: Value,
) -> String {
    let s = seeker(
        app,
        &st.a,
        name,
        id_number,
        &["LAID_OFF_UNEMPLOYED"],
        json!({ "wantedOccupation": "家政服务员", "wantedWageMin": null }),
    )
    .await;
    let mut input = json!({ "seekerId": s, "servicePointId": st.point, "services": services });
    for (k, v) in extra.as_object().unwrap() {
        input[k] = v.clone();
    }
    id_of(
        &app.ok(Some(&st.a.staff), REGISTER, json!({ "i": input }))
            .await["registerDomesticWorker"]["domesticWorker"]["id"],
    )
}

pub async fn client(app: &TestApp, st: &Station, name: &str, district: &str) -> String {
    id_of(
        &app.ok(
            Some(&st.a.staff),
            CLIENT,
            json!({ "i": { "name": name, "phone": "13512345678", "district": district, "address": "水井坊街12号" } }),
        )
        .await["createClient"]["client"]["id"],
    )
}

pub async fn order(app: &TestApp, st: &Station, client: &str, extra: Value) -> String {
    let mut input = json!({
        "clientId": client, "service": "ELDERLY_CARE", "arrangement": "LIVE_IN",
        "startsOn": "2026-03-10", "endsOn": "2026-09-09", "wageOffered": "4200.00"
    });
    for (k, v) in extra.as_object().unwrap() {
        input[k] = v.clone();
    }
    id_of(
        &app.ok(Some(&st.a.staff), ORDER, json!({ "i": input }))
            .await["createServiceOrder"]["order"]["id"],
    )
}

fn place_input(order: &str, worker: &str, from: &str, to: &str) -> Value {
    json!({ "i": { "orderId": order, "domesticWorkerId": worker, "contractFrom": from, "contractTo": to } })
}

fn matched(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|m| id_of(&m["domesticWorker"]["id"]))
        .collect()
}

/// 「成立了四川省第一具家政服务职员会委员会」: a seeker is registered as a domestic worker with
/// her services, her service point and her union membership; once only.
#[tokio::test]
async fn domestic_workers_are_registered_from_job_seekers() {
    let app = spawn_app().await;
    let st = station(&app).await;
    let s = seeker(
        &app,
        &st.a,
        "何镜茹",
        &id_number("510104", "19780505", 128),
        &["LAID_OFF_UNEMPLOYED"],
        json!({}),
    )
    .await;
    let input = json!({ "i": {
        "seekerId": s, "servicePointId": st.point, "services": ["COOKING", "CLEANING", "COOKING"],
        "unionJoinedOn": "2025-03-05"
    } });
    let w = app.ok(Some(&st.a.staff), REGISTER, input.clone()).await["registerDomesticWorker"]
        ["domesticWorker"]
        .clone();
    assert_eq!(w["services"], json!(["CLEANING", "COOKING"]));
    assert_eq!(w["unionMember"], true);
    assert_eq!(w["district"], "510104", "the seeker's wanted district");

    let body = app.gql(Some(&st.a.staff), REGISTER, input.clone()).await;
    assert_code(&body, "CONFLICT");
    assert_eq!(reasons(&body), vec!["ALREADY_REGISTERED"]);
    let mut district = input.clone();
    district["i"]["servicePointId"] = json!(st.a.s.district);
    let body = app.gql(Some(&st.a.staff), REGISTER, district).await;
    assert_eq!(reasons(&body), vec!["NOT_A_SERVICE_POINT"]);
    let mut empty = input.clone();
    empty["i"]["services"] = json!([]);
    assert_code(
        &app.gql(Some(&st.a.staff), REGISTER, empty).await,
        "BAD_USER_INPUT",
    );
    assert_code(
        &app.gql(Some(&st.a.s.caseworker), REGISTER, input).await,
        "FORBIDDEN",
    );
    assert_eq!(app.count("domestic_worker").await, 1);
    assert_eq!(app.count("domestic_worker_service").await, 2);

    let list = app
        .ok(
            Some(&st.a.staff),
            "{ cooks: domesticWorkers(filter: {service: COOKING, unionMember: true}) { nodes { seeker { name } servicePoint { name } } }
               carers: domesticWorkers(filter: {service: ELDERLY_CARE}) { nodes { id } } }",
            json!({}),
        )
        .await;
    assert_eq!(list["cooks"]["nodes"][0]["seeker"]["name"], "何镜茹");
    assert_eq!(
        list["cooks"]["nodes"][0]["servicePoint"]["name"],
        "水井坊社区服务点"
    );
    assert_eq!(list["carers"]["nodes"], json!([]));

    // 「宣传问点」: the points, the staff who keep them and the workers they keep.
    app.create_user(&st.a.s.admin, "point.keeper", &["AGENCY_STAFF"], &st.point)
        .await;
    app.create_user(&st.a.s.admin, "point.clerk", &["CASEWORKER"], &st.point)
        .await;
    let points = app
        .ok(
            Some(&st.a.staff),
            "{ servicePoints { nodes { orgUnit { name } keepers { username } domesticWorkers } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        points["servicePoints"]["nodes"],
        json!([{ "orgUnit": { "name": "水井坊社区服务点" }, "keepers": [{ "username": "point.keeper" }], "domesticWorkers": 1 }])
    );
}

/// Wage below the local minimum refused, as for postings: 2330.00 a month living in,
/// 2330.00 / 174 = 13.39… → 13.40 an hour.
#[tokio::test]
async fn orders_below_the_local_minimum_wage_are_refused() {
    let app = spawn_app().await;
    let st = station(&app).await;
    let c = client(&app, &st, "王淑芬", "510104").await;
    let try_order = |extra: Value| {
        let mut input = json!({
            "clientId": c, "service": "CLEANING", "arrangement": "HOURLY", "hoursPerWeek": 12,
            "startsOn": "2026-03-10", "wageOffered": "13.40"
        });
        for (k, v) in extra.as_object().unwrap() {
            input[k] = v.clone();
        }
        let token = st.a.staff.clone();
        let app = &app;
        async move { app.gql(Some(&token), ORDER, json!({ "i": input })).await }
    };
    for (extra, reason) in [
        (json!({ "wageOffered": "13.39" }), "BELOW_MINIMUM_WAGE"),
        (
            json!({ "arrangement": "LIVE_IN", "hoursPerWeek": null, "wageOffered": "2329.99" }),
            "BELOW_MINIMUM_WAGE",
        ),
        (json!({ "hoursPerWeek": null }), "HOURS_MISSING"),
        (json!({ "startsOn": "2026-03-01" }), "START_IN_PAST"),
        (json!({ "minCertificateLevel": 6 }), "LEVEL_OUT_OF_RANGE"),
    ] {
        let body = try_order(extra).await;
        assert_code(&body, "BAD_USER_INPUT");
        assert_eq!(reasons(&body), vec![reason]);
    }
    assert_eq!(app.count("service_order").await, 0, "nothing written");
    assert!(try_order(json!({})).await["errors"].is_null());
    assert!(
        try_order(
            json!({ "arrangement": "LIVE_IN", "hoursPerWeek": null, "wageOffered": "2330.00" })
        )
        .await["errors"]
            .is_null()
    );
    assert_eq!(app.count("service_order").await, 2);
    assert_code(
        &app.gql(
            Some(&st.a.s.caseworker),
            ORDER,
            json!({ "i": { "clientId": c, "service": "CLEANING", "arrangement": "LIVE_IN", "startsOn": "2026-03-10", "wageOffered": "3000" } }),
        )
        .await,
        "FORBIDDEN",
    );
}

/// Matching (派单推荐) by service, certificate level, district and availability, with
/// 「对他们实行“两优先”,即优先推举、优先挑选」: 4050 and hardship first among equals.
#[tokio::test]
async fn matching_ranks_by_certificate_and_district_with_4050_and_hardship_first() {
    let app = spawn_app().await;
    let st = station(&app).await;
    let number = id_number("510104", "19950505", 346);
    let (worker, _) = case_on_notice(&app, &st.a.s, "张玉兰", &number).await;
    app.clock.set(app.clock.now() + chrono::Duration::days(8));
    let st = Station {
        a: Agency {
            staff: app.login("js.he", PASSWORD).await,
            ..st.a
        },
        ..st
    };
    // Young, certified 养老护理员 level 4 (四级): 10 + 20 + 5 + 30 + 20 = 85.
    let certified = domestic_worker(
        &app,
        &st,
        "李小红",
        &id_number("510104", "19960101", 122),
        &["ELDERLY_CARE"],
        json!({}),
    )
    .await;
    let certified_seeker = app
        .ok(
            Some(&st.a.staff),
            "query($w: ID!) { node(id: $w) { ... on DomesticWorker { seeker { id } } } }",
            json!({ "w": certified }),
        )
        .await["node"]["seeker"]["id"]
        .clone();
    app.ok(
        Some(&st.a.staff),
        ASSESS,
        json!({ "s": certified_seeker, "o": "养老护理员", "l": 4 }),
    )
    .await;
    // Three without a certificate in the district, 60 each: a young woman, a 4050 woman,
    // and a young worker in hardship.
    let young = domestic_worker(
        &app,
        &st,
        "赵敏",
        &id_number("510104", "19970101", 124),
        &["ELDERLY_CARE"],
        json!({}),
    )
    .await;
    let older = domestic_worker(
        &app,
        &st,
        "刘秀英",
        &id_number("510104", "19800315", 126),
        &["ELDERLY_CARE", "COOKING"],
        json!({ "unionJoinedOn": "2025-03-05" }),
    )
    .await;
    let s = seeker(
        &app,
        &st.a,
        "张玉兰",
        &number,
        &["LAID_OFF_UNEMPLOYED"],
        json!({ "workerId": worker, "wantedWageMin": null }),
    )
    .await;
    let hardship = id_of(
        &app.ok(
            Some(&st.a.staff),
            REGISTER,
            json!({ "i": { "seekerId": s, "servicePointId": st.point, "services": ["ELDERLY_CARE"] } }),
        )
        .await["registerDomesticWorker"]["domesticWorker"]["id"],
    );
    // Another city district: 15 for the city instead of 30.
    let across = domestic_worker(
        &app,
        &st,
        "陈芳",
        &id_number("510105", "19960101", 128),
        &["ELDERLY_CARE"],
        json!({ "district": "510105" }),
    )
    .await;
    // Offers no elderly care: never offered.
    let cook = domestic_worker(
        &app,
        &st,
        "周丽",
        &id_number("510104", "19960101", 140),
        &["COOKING"],
        json!({}),
    )
    .await;
    let c = client(&app, &st, "王淑芬", "510104").await;
    let o = order(&app, &st, &c, json!({})).await;
    let list =
        app.ok(Some(&st.a.staff), MATCH, json!({ "o": o })).await["matchDomesticWorkers"].clone();
    assert_eq!(
        matched(&list),
        vec![
            certified.clone(),
            older.clone(),
            hardship.clone(),
            young.clone(),
            across.clone()
        ]
    );
    assert!(!matched(&list).contains(&cook));
    let scores: Vec<u64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["score"].as_u64().unwrap())
        .collect();
    assert_eq!(scores, vec![85, 60, 60, 60, 45]);
    assert_eq!(list[0]["certificateLevel"], 4);
    assert_eq!(
        list[0]["reasons"],
        json!([
            "SERVICE_OFFERED",
            "CERTIFIED_LEVEL",
            "SAME_DISTRICT",
            "WAGE_MEETS_WISH"
        ])
    );
    assert_eq!(
        list[1]["reasons"],
        json!([
            "SERVICE_OFFERED",
            "SAME_DISTRICT",
            "WAGE_MEETS_WISH",
            "UNION_MEMBER",
            "PRIORITY_4050"
        ])
    );
    assert!(
        list[2]["reasons"]
            .as_array()
            .unwrap()
            .contains(&json!("PRIORITY_HARDSHIP"))
    );
    assert_eq!(list[4]["reasons"][1], "SAME_CITY");

    // A level asked for is a hard condition: only the certified worker is offered.
    let picky = order(&app, &st, &c, json!({ "minCertificateLevel": 4 })).await;
    let list = app
        .ok(Some(&st.a.staff), MATCH, json!({ "o": picky }))
        .await["matchDomesticWorkers"]
        .clone();
    assert_eq!(matched(&list), vec![certified.clone()]);
    let body = app
        .gql(
            Some(&st.a.staff),
            PLACE,
            place_input(&picky, &young, "2026-03-10", "2026-09-09"),
        )
        .await;
    assert_code(&body, "INVALID_STATE");
    assert_eq!(reasons(&body), vec!["CERTIFICATE_LEVEL_TOO_LOW"]);
    let body = app
        .gql(
            Some(&st.a.staff),
            PLACE,
            place_input(&picky, &cook, "2026-03-10", "2026-09-09"),
        )
        .await;
    assert_eq!(reasons(&body), vec!["SERVICE_NOT_OFFERED"]);
    assert_eq!(
        app.count("service_order WHERE status = 'PLACED'").await,
        0,
        "nothing written"
    );
    let caseworker = app.login("cw.li", PASSWORD).await;
    assert_code(
        &app.gql(Some(&caseworker), MATCH, json!({ "o": o })).await,
        "FORBIDDEN",
    );
}

/// A worker placed live-in is not offered to another client for the same period; hourly
/// work beside hourly work is fine.
#[tokio::test]
async fn a_worker_placed_live_in_is_not_offered_for_the_same_period() {
    let app = spawn_app().await;
    let st = station(&app).await;
    let w = domestic_worker(
        &app,
        &st,
        "何镜茹",
        &id_number("510104", "19780505", 128),
        &["ELDERLY_CARE", "CLEANING"],
        json!({}),
    )
    .await;
    let c1 = client(&app, &st, "王淑芬", "510104").await;
    let c2 = client(&app, &st, "孙建国", "510104").await;
    let live_in = order(&app, &st, &c1, json!({})).await;
    for (from, to) in [("2026-03-09", "2026-09-09"), ("2026-03-10", "2026-09-10")] {
        let body = app
            .gql(
                Some(&st.a.staff),
                PLACE,
                place_input(&live_in, &w, from, to),
            )
            .await;
        assert_eq!(reasons(&body), vec!["CONTRACT_OUTSIDE_ORDER"]);
    }
    let placed = app
        .ok(
            Some(&st.a.staff),
            PLACE,
            place_input(&live_in, &w, "2026-03-10", "2026-09-09"),
        )
        .await["placeServiceOrder"]["order"]
        .clone();
    assert_eq!(placed["status"], "PLACED");
    assert_eq!(placed["domesticWorker"]["id"], json!(w));

    let hourly = json!({ "service": "CLEANING", "arrangement": "HOURLY", "hoursPerWeek": 8, "wageOffered": "20.00", "endsOn": null });
    let mut during = hourly.clone();
    during["startsOn"] = json!("2026-09-09");
    during["endsOn"] = json!("2026-12-31");
    let during = order(&app, &st, &c2, during).await;
    let list = app
        .ok(Some(&st.a.staff), MATCH, json!({ "o": during }))
        .await;
    assert_eq!(matched(&list["matchDomesticWorkers"]), Vec::<String>::new());
    let body = app
        .gql(
            Some(&st.a.staff),
            PLACE,
            place_input(&during, &w, "2026-09-09", "2026-12-31"),
        )
        .await;
    assert_code(&body, "INVALID_STATE");
    assert_eq!(reasons(&body), vec!["WORKER_NOT_AVAILABLE"]);
    assert_eq!(
        app.count("service_order WHERE status = 'OPEN'").await,
        1,
        "nothing written"
    );
    // From the day after the contract she is free again.
    let mut after = hourly.clone();
    after["startsOn"] = json!("2026-09-10");
    let after = order(&app, &st, &c2, after).await;
    let list = app
        .ok(Some(&st.a.staff), MATCH, json!({ "o": after }))
        .await;
    assert_eq!(matched(&list["matchDomesticWorkers"]), vec![w.clone()]);
    app.ok(
        Some(&st.a.staff),
        PLACE,
        place_input(&after, &w, "2026-09-10", "2026-12-31"),
    )
    .await;
    // Hourly beside hourly: offered; live-in beside hourly: not.
    let mut more = hourly.clone();
    more["startsOn"] = json!("2026-10-01");
    let more = order(&app, &st, &c1, more).await;
    let list = app.ok(Some(&st.a.staff), MATCH, json!({ "o": more })).await;
    assert_eq!(matched(&list["matchDomesticWorkers"]), vec![w.clone()]);
    let second_live_in = order(
        &app,
        &st,
        &c1,
        json!({ "startsOn": "2026-11-01", "endsOn": "2027-04-30" }),
    )
    .await;
    let list = app
        .ok(Some(&st.a.staff), MATCH, json!({ "o": second_live_in }))
        .await;
    assert_eq!(matched(&list["matchDomesticWorkers"]), Vec::<String>::new());
    // A placed order is matched and placed no more.
    let body = app
        .gql(Some(&st.a.staff), MATCH, json!({ "o": live_in }))
        .await;
    assert_eq!(reasons(&body), vec!["ORDER_NOT_OPEN"]);
    assert_code(
        &app.gql(
            Some(&st.a.s.caseworker),
            PLACE,
            place_input(&more, &w, "2026-10-01", "2026-10-31"),
        )
        .await,
        "FORBIDDEN",
    );
}

/// Eight desks placing one worker live-in on eight overlapping orders at once: one
/// placement, seven refusals (PostgreSQL: a real race; SQLite: queued writers).
#[tokio::test]
async fn concurrent_live_in_placements_of_one_worker_place_exactly_one() {
    let app = spawn_app().await;
    let st = station(&app).await;
    let w = domestic_worker(
        &app,
        &st,
        "何镜茹",
        &id_number("510104", "19780505", 128),
        &["ELDERLY_CARE"],
        json!({}),
    )
    .await;
    let c = client(&app, &st, "王淑芬", "510104").await;
    let mut orders = Vec::new();
    for _ in 0..8 {
        orders.push(order(&app, &st, &c, json!({})).await);
    }
    let bodies = futures_util::future::join_all(orders.iter().map(|o| {
        app.gql(
            Some(&st.a.staff),
            PLACE,
            place_input(o, &w, "2026-03-10", "2026-09-09"),
        )
    }))
    .await;
    let placed = bodies.iter().filter(|b| b["errors"].is_null()).count();
    assert_eq!(placed, 1);
    for b in bodies.iter().filter(|b| !b["errors"].is_null()) {
        assert_eq!(reasons(b), vec!["WORKER_NOT_AVAILABLE"]);
    }
    assert_eq!(app.count("service_order WHERE status = 'PLACED'").await, 1);
}

/// An order closes with the client's rating and comment and a follow-up; the placement
/// and the rating show on the worker's timeline, with the union's contests and
/// public-good work: 「组织了烹饪、熨烫、擦窗等技能竞赛活动和到社区帮助孤寡老人、残疾人家打扫卫生等
/// 公益活动」.
#[tokio::test]
async fn ratings_contests_and_public_good_work_show_on_the_timeline() {
    let app = spawn_app().await;
    let st = station(&app).await;
    let w = domestic_worker(
        &app,
        &st,
        "何镜茹",
        &id_number("510104", "19780505", 128),
        &["ELDERLY_CARE"],
        json!({ "unionJoinedOn": "2025-03-05" }),
    )
    .await;
    let c = client(&app, &st, "王淑芬", "510104").await;
    let o = order(&app, &st, &c, json!({ "startsOn": "2026-03-02" })).await;
    let close = |rating: i64| json!({ "i": { "orderId": o, "rating": rating, "comment": "细心周到", "followUp": "电话回访,老人满意" } });
    let body = app.gql(Some(&st.a.staff), CLOSE, close(5)).await;
    assert_eq!(reasons(&body), vec!["ORDER_NOT_PLACED"]);
    app.ok(
        Some(&st.a.staff),
        PLACE,
        place_input(&o, &w, "2026-03-02", "2026-03-31"),
    )
    .await;
    let body = app.gql(Some(&st.a.staff), CLOSE, close(6)).await;
    assert_code(&body, "BAD_USER_INPUT");
    assert_eq!(reasons(&body), vec!["RATING_OUT_OF_RANGE"]);
    assert_code(
        &app.gql(Some(&st.a.s.caseworker), CLOSE, close(5)).await,
        "FORBIDDEN",
    );
    assert_eq!(
        app.count("service_order WHERE status = 'CLOSED'").await,
        0,
        "nothing written"
    );
    let closed =
        app.ok(Some(&st.a.staff), CLOSE, close(5)).await["closeServiceOrder"]["order"].clone();
    assert_eq!(closed["status"], "CLOSED");
    assert_eq!(closed["rating"], 5);
    assert_eq!(closed["closedOn"], "2026-03-02");

    let event = "mutation($i: RecordCommunityEventInput!) { recordCommunityEvent(input: $i) { event { kind participants { award domesticWorker { id } } } } }";
    let contest = json!({ "i": {
        "orgUnitId": st.a.s.district, "kind": "COOKING_CONTEST", "title": "首次家政服务员烹饪技能大赛",
        "heldOn": "2026-03-01", "participants": [{ "domesticWorkerId": w, "award": "一等奖" }]
    } });
    let recorded = app.ok(Some(&st.a.staff), event, contest.clone()).await;
    assert_eq!(
        recorded["recordCommunityEvent"]["event"]["participants"][0]["award"],
        "一等奖"
    );
    let mut public_good = contest.clone();
    public_good["i"]["kind"] = json!("PUBLIC_GOOD");
    public_good["i"]["title"] = json!("为孤寡老人打扫卫生");
    assert_code(
        &app.gql(Some(&st.a.staff), event, public_good.clone()).await,
        "BAD_USER_INPUT",
    );
    let mut twice = contest.clone();
    twice["i"]["participants"] = json!([{ "domesticWorkerId": w }, { "domesticWorkerId": w }]);
    assert_code(
        &app.gql(Some(&st.a.staff), event, twice).await,
        "BAD_USER_INPUT",
    );
    assert_code(
        &app.gql(Some(&st.a.s.caseworker), event, contest).await,
        "FORBIDDEN",
    );
    assert_eq!(app.count("community_event").await, 1, "nothing written");
    public_good["i"]["participants"] = json!([{ "domesticWorkerId": w }]);
    app.ok(Some(&st.a.staff), event, public_good).await;

    let timeline = app
        .ok(
            Some(&st.a.staff),
            "query($w: ID!) { node(id: $w) { ... on DomesticWorker { timeline { on kind summary } } } }",
            json!({ "w": w }),
        )
        .await["node"]["timeline"]
        .clone();
    let kinds: Vec<(&str, &str)> = timeline
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["on"].as_str().unwrap(), e["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("2026-03-01", "SKILL_CONTEST"),
            ("2026-03-01", "PUBLIC_GOOD_WORK"),
            ("2026-03-02", "DOMESTIC_PLACEMENT"),
            ("2026-03-02", "DOMESTIC_ORDER_CLOSED"),
        ]
    );
    assert_eq!(timeline[0]["summary"], "首次家政服务员烹饪技能大赛 一等奖");
    assert_eq!(
        timeline[2]["summary"], "养老护理 住家 2026-03-02—2026-03-02",
        "closed the first day: the contract ended then"
    );
    assert_eq!(timeline[3]["summary"], "评价 5");

    // Closed early, she is free again from the next day.
    let next = order(&app, &st, &c, json!({ "startsOn": "2026-03-03" })).await;
    let list = app.ok(Some(&st.a.staff), MATCH, json!({ "o": next })).await;
    assert_eq!(matched(&list["matchDomesticWorkers"]), vec![w.clone()]);
}

/// The station's figures against hand-counted data: workers by service and certificate
/// level, union members, orders taken, placed and closed, the average rating, repeat
/// clients, contests and public-good work; the same figures downloaded.
#[tokio::test]
async fn domestic_service_stats_agree_with_hand_counted_data() {
    let srv = crate::server::serve().await;
    let app = &srv.app;
    let st = station(app).await;
    let staff = st.a.staff.clone();
    let seeker_of = |w: String| {
        let staff = staff.clone();
        async move {
            app.ok(
                Some(&staff),
                "query($w: ID!) { node(id: $w) { ... on DomesticWorker { seeker { id } } } }",
                json!({ "w": w }),
            )
            .await["node"]["seeker"]["id"]
                .clone()
        }
    };
    let union = json!({ "unionJoinedOn": "2025-03-05" });
    let w1 = domestic_worker(
        app,
        &st,
        "何镜茹",
        &id_number("510104", "19780505", 128),
        &["ELDERLY_CARE", "COOKING"],
        union.clone(),
    )
    .await;
    let w2 = domestic_worker(
        app,
        &st,
        "赵敏",
        &id_number("510104", "19970101", 124),
        &["CLEANING"],
        json!({}),
    )
    .await;
    let w3 = domestic_worker(
        app,
        &st,
        "刘秀英",
        &id_number("510104", "19800315", 126),
        &["ELDERLY_CARE"],
        json!({}),
    )
    .await;
    let w4 = domestic_worker(
        app,
        &st,
        "周丽",
        &id_number("510104", "19960101", 140),
        &["COOKING"],
        json!({ "unionJoinedOn": "2026-03-01" }),
    )
    .await;
    // Best levels: w1 四级 (养老护理员 4, 家政服务员 5), w3 三级 (育婴员 3); w2, w4 none
    // (焊工 is no domestic occupation).
    for (w, occupation, level) in [
        (&w1, "养老护理员", 4),
        (&w1, "家政服务员", 5),
        (&w3, "育婴员", 3),
        (&w4, "焊工", 2),
    ] {
        let s = seeker_of(w.clone()).await;
        app.ok(
            Some(&staff),
            ASSESS,
            json!({ "s": s, "o": occupation, "l": level }),
        )
        .await;
    }
    let c1 = client(app, &st, "王淑芬", "510104").await;
    let c2 = client(app, &st, "孙建国", "510104").await;
    let c3 = client(app, &st, "李桂兰", "510104").await;
    let hourly = |service: &str| json!({ "service": service, "arrangement": "HOURLY", "hoursPerWeek": 10, "wageOffered": "25.00", "startsOn": "2026-03-02", "endsOn": null });
    let o1 = order(app, &st, &c1, json!({ "startsOn": "2026-03-02" })).await;
    let o2 = order(app, &st, &c1, hourly("CLEANING")).await;
    let o3 = order(app, &st, &c2, hourly("COOKING")).await;
    order(app, &st, &c3, json!({})).await;
    for (o, w) in [(&o1, &w1), (&o2, &w2), (&o3, &w4)] {
        app.ok(
            Some(&staff),
            PLACE,
            place_input(o, w, "2026-03-02", "2026-06-30"),
        )
        .await;
    }
    for (o, rating) in [(&o1, 5), (&o2, 4)] {
        app.ok(
            Some(&staff),
            CLOSE,
            json!({ "i": { "orderId": o, "rating": rating, "followUp": "回访满意" } }),
        )
        .await;
    }
    let event = "mutation($i: RecordCommunityEventInput!) { recordCommunityEvent(input: $i) { event { id } } }";
    for (kind, people) in [
        ("COOKING_CONTEST", vec![&w1, &w4]),
        ("PUBLIC_GOOD", vec![&w1, &w2, &w3]),
    ] {
        let participants: Vec<Value> = people
            .iter()
            .map(|w| json!({ "domesticWorkerId": w }))
            .collect();
        app.ok(
            Some(&staff),
            event,
            json!({ "i": { "orgUnitId": st.a.s.district, "kind": kind, "title": "活动", "heldOn": "2026-03-01", "participants": participants } }),
        )
        .await;
    }

    let stats = app
        .ok(
            Some(&staff),
            "{ domesticServiceStats { workers unionMembers byService { service workers orders placed }
               byCertificateLevel { level workers } orders placed closed ratings averageRating
               repeatClients events { kind events participants } } }",
            json!({}),
        )
        .await["domesticServiceStats"]
        .clone();
    assert_eq!(stats["workers"], 4);
    assert_eq!(stats["unionMembers"], 2);
    assert_eq!(
        stats["byService"],
        json!([
            { "service": "COOKING", "workers": 2, "orders": 1, "placed": 1 },
            { "service": "CLEANING", "workers": 1, "orders": 1, "placed": 1 },
            { "service": "ELDERLY_CARE", "workers": 2, "orders": 2, "placed": 1 },
            { "service": "INFANT_CARE", "workers": 0, "orders": 0, "placed": 0 },
            { "service": "PATIENT_CARE", "workers": 0, "orders": 0, "placed": 0 },
            { "service": "HOURLY_HELP", "workers": 0, "orders": 0, "placed": 0 },
        ])
    );
    assert_eq!(
        stats["byCertificateLevel"],
        json!([
            { "level": 1, "workers": 0 },
            { "level": 2, "workers": 0 },
            { "level": 3, "workers": 1 },
            { "level": 4, "workers": 1 },
            { "level": 5, "workers": 0 },
            { "level": null, "workers": 2 },
        ])
    );
    assert_eq!(
        (
            &stats["orders"],
            &stats["placed"],
            &stats["closed"],
            &stats["ratings"]
        ),
        (&json!(4), &json!(3), &json!(2), &json!(2))
    );
    assert_eq!(stats["averageRating"], "4.50");
    assert_eq!(stats["repeatClients"], 1, "王淑芬 came back");
    assert_eq!(
        stats["events"],
        json!([
            { "kind": "COOKING_CONTEST", "events": 1, "participants": 2 },
            { "kind": "IRONING_CONTEST", "events": 0, "participants": 0 },
            { "kind": "WINDOW_CLEANING_CONTEST", "events": 0, "participants": 0 },
            { "kind": "PUBLIC_GOOD", "events": 1, "participants": 3 },
        ])
    );
    assert_code(
        &app.gql(
            Some(&st.a.s.caseworker),
            "{ domesticServiceStats { workers } }",
            json!({}),
        )
        .await,
        "FORBIDDEN",
    );

    let rows = srv
        .get("/exports/stats/domestic.csv", Some(&staff))
        .await
        .csv();
    let cell = |category: &str, item: &str| {
        rows.iter()
            .find(|r| r[0] == category && r[1] == item)
            .map(|r| r[2].clone())
            .unwrap()
    };
    assert_eq!(cell("家政服务员", "在册人数"), "4");
    assert_eq!(cell("按服务项目(人数)", "养老护理"), "2");
    assert_eq!(cell("按证书等级(人数)", "无等级证书"), "2");
    assert_eq!(cell("订单", "平均评价"), "4.50");
    assert_eq!(cell("订单", "回头客"), "1");
    assert_eq!(cell("活动(人次)", "公益活动"), "3");
}

/// A root desk may place a worker kept in one district with a client of another: the
/// client's district sees the order, not the worker's file. An event's participants are
/// kept under the organising unit.
#[tokio::test]
async fn a_worker_kept_elsewhere_is_not_shown_to_the_clients_district() {
    let app = spawn_app().await;
    let st = station(&app).await;
    let unit = |name: &str, kind: &str, parent: &str, region: &str| {
        let vars = json!({ "i": { "name": name, "kind": kind, "parentId": parent, "regionCode": region } });
        let admin = st.a.s.admin.clone();
        let app = &app;
        async move {
            id_of(
                &app.ok(
                    Some(&admin),
                    "mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { orgUnit { id } } }",
                    vars,
                )
                .await["createOrgUnit"]["orgUnit"]["id"],
            )
        }
    };
    let other = unit("青羊区总工会", "DISTRICT_UNION", &st.a.s.root, "510105").await;
    let street = unit("草市街道帮扶工作站", "STREET_WORKSTATION", &other, "510105").await;
    let far_point = unit("草市社区服务点", "COMMUNITY_POINT", &street, "510105").await;
    let root_desk = app
        .user_token(&st.a.s.admin, "js.root", &["AGENCY_STAFF"], &st.a.s.root)
        .await;
    let s = seeker(
        &app,
        &st.a,
        "陈芳",
        &id_number("510105", "19780505", 128),
        &["LAID_OFF_UNEMPLOYED"],
        json!({}),
    )
    .await;
    let far = id_of(
        &app.ok(
            Some(&root_desk),
            REGISTER,
            json!({ "i": { "seekerId": s, "servicePointId": far_point, "services": ["CLEANING"] } }),
        )
        .await["registerDomesticWorker"]["domesticWorker"]["id"],
    );
    let c = client(&app, &st, "王淑芬", "510104").await;
    let o = order(&app, &st, &c, json!({ "service": "CLEANING" })).await;
    app.ok(
        Some(&root_desk),
        PLACE,
        place_input(&o, &far, "2026-03-10", "2026-09-09"),
    )
    .await;
    let seen = |token: String| {
        let app = &app;
        async move {
            app.ok(
                Some(&token),
                "{ serviceOrders { nodes { status domesticWorker { id } } } }",
                json!({}),
            )
            .await["serviceOrders"]["nodes"][0]
                .clone()
        }
    };
    let district = seen(st.a.staff.clone()).await;
    assert_eq!(district["status"], "PLACED");
    assert_eq!(district["domesticWorker"], Value::Null);
    assert_eq!(
        seen(root_desk.clone()).await["domesticWorker"]["id"],
        json!(far)
    );

    let event = "mutation($i: RecordCommunityEventInput!) { recordCommunityEvent(input: $i) { event { id } } }";
    let body = app
        .gql(
            Some(&root_desk),
            event,
            json!({ "i": { "orgUnitId": st.a.s.district, "kind": "PUBLIC_GOOD", "title": "敬老服务", "heldOn": "2026-03-01", "participants": [{ "domesticWorkerId": far }] } }),
        )
        .await;
    assert_code(&body, "BAD_USER_INPUT");
    assert_eq!(app.count("community_event").await, 0);
}

/// Hourly work beside hourly work, up to 60 hours a week in all: a worker booked to the
/// week's most is not offered more, and placing her anyway is refused.
#[tokio::test]
async fn hourly_work_stops_at_sixty_hours_a_week() {
    let app = spawn_app().await;
    let st = station(&app).await;
    let w = domestic_worker(
        &app,
        &st,
        "何镜茹",
        &id_number("510104", "19780505", 128),
        &["CLEANING"],
        json!({}),
    )
    .await;
    let c = client(&app, &st, "王淑芬", "510104").await;
    let hourly = |hours: i64| json!({ "service": "CLEANING", "arrangement": "HOURLY", "hoursPerWeek": hours, "wageOffered": "20.00", "endsOn": null });
    for hours in [40, 20] {
        let o = order(&app, &st, &c, hourly(hours)).await;
        let list = app.ok(Some(&st.a.staff), MATCH, json!({ "o": o })).await;
        assert_eq!(matched(&list["matchDomesticWorkers"]), vec![w.clone()]);
        app.ok(
            Some(&st.a.staff),
            PLACE,
            place_input(&o, &w, "2026-03-10", "2026-06-30"),
        )
        .await;
    }
    let one_more = order(&app, &st, &c, hourly(1)).await;
    let list = app
        .ok(Some(&st.a.staff), MATCH, json!({ "o": one_more }))
        .await;
    assert_eq!(matched(&list["matchDomesticWorkers"]), Vec::<String>::new());
    let body = app
        .gql(
            Some(&st.a.staff),
            PLACE,
            place_input(&one_more, &w, "2026-03-10", "2026-06-30"),
        )
        .await;
    assert_eq!(reasons(&body), vec!["WORKER_NOT_AVAILABLE"]);
    assert_eq!(
        app.count("service_order WHERE status = 'OPEN'").await,
        1,
        "nothing written"
    );
    // After those contracts she has the whole week again.
    let later = order(
        &app,
        &st,
        &c,
        json!({ "service": "CLEANING", "arrangement": "HOURLY", "hoursPerWeek": 60, "wageOffered": "20.00", "startsOn": "2026-07-01", "endsOn": null }),
    )
    .await;
    let list = app
        .ok(Some(&st.a.staff), MATCH, json!({ "o": later }))
        .await;
    assert_eq!(matched(&list["matchDomesticWorkers"]), vec![w]);
}
