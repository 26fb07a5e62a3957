//! In-kind aid (爱心超市): 「在全市困难职工较为聚中的区域建设了7个“爱心超市”。各“爱心超市”
//! 全部设置了衣物架、粮油供应区」 — stock that moves only through its ledger and never below
//! zero, purchases paid from a fund's own ledger, and hand-outs within the quota.

use chrono::Duration;
use serde_json::{Value, json};

use crate::fixtures::*;
use crate::funds::{FUND, finance, fund};
use crate::helpers::*;
use crate::server::serve;

const STOCK: &str = "query($s: ID!) { stock(storeId: $s) { goods { name } quantity } }";
const DONATE: &str = "mutation($i: RecordDonationInput!) { recordDonation(input: $i) { movements { kind quantity value } } }";
const WRITE_OFF: &str = "mutation($i: WriteOffStockInput!) { writeOffStock(input: $i) { movements { kind quantity } } }";
const HAND_OUT: &str = "mutation($i: HandOutInput!) { handOut(input: $i) { handOut { value periodStart collectedBy collectedByKinship level } } }";

/// Two stores of the district and three goods of the catalogue.
struct Stores {
    s: Staff,
    a: String,
    b: String,
    rice: String,
    oil: String,
    salt: String,
}

async fn stores(app: &TestApp) -> Stores {
    let s = staff(app).await;
    let store = |name: &str| json!({ "i": { "orgUnitId": s.district, "name": name, "address": "春熙路1号" } });
    let create = "mutation($i: CreateStoreInput!) { createStore(input: $i) { store { id } } }";
    let a =
        app.ok(Some(&s.admin), create, store("春熙爱心超市")).await["createStore"]["store"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
    let b = app
        .ok(Some(&s.admin), create, store("盐市口爱心超市"))
        .await["createStore"]["store"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let goods = |name: &str, unit: &str, category: &str, price: &str| {
        let admin = s.admin.clone();
        let i = json!({ "i": { "name": name, "unit": unit, "category": category, "referencePrice": price } });
        async move {
            app.ok(
                Some(&admin),
                "mutation($i: CreateGoodsInput!) { createGoods(input: $i) { goods { id } } }",
                i,
            )
            .await["createGoods"]["goods"]["id"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };
    let rice = goods("大米10kg", "袋", "GRAIN_AND_OIL", "45.50").await;
    let oil = goods("菜籽油5L", "桶", "GRAIN_AND_OIL", "60.00").await;
    let salt = goods("食盐礼包", "份", "DAILY_NECESSITIES", "18.00").await;
    Stores {
        s,
        a,
        b,
        rice,
        oil,
        salt,
    }
}

fn line(goods: &str, quantity: i64) -> Value {
    json!({ "goodsId": goods, "quantity": quantity })
}

async fn donate(app: &TestApp, st: &Stores, store: &str, lines: Vec<Value>) {
    app.ok(
        Some(&st.s.caseworker),
        DONATE,
        json!({ "i": { "storeId": store, "lines": lines, "donor": "成都某粮油公司", "receiptNo": "JZ-2026-001" } }),
    )
    .await;
}

async fn stock(app: &TestApp, token: &str, store: &str) -> Vec<(String, i64)> {
    app.ok(Some(token), STOCK, json!({ "s": store })).await["stock"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["goods"]["name"].as_str().unwrap().to_owned(),
                l["quantity"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn stock_moves_only_through_its_ledger_and_never_below_zero() {
    let app = spawn_app().await;
    let st = stores(&app).await;
    let cw = &st.s.caseworker;
    donate(&app, &st, &st.a, vec![line(&st.rice, 10)]).await;
    app.ok(
        Some(cw),
        "mutation($i: TransferStockInput!) { transferStock(input: $i) { movements { kind quantity } } }",
        json!({ "i": { "fromStoreId": st.a, "toStoreId": st.b, "goodsId": st.rice, "quantity": 4 } }),
    )
    .await;
    let off = app
        .ok(
            Some(cw),
            WRITE_OFF,
            json!({ "i": { "storeId": st.a, "goodsId": st.rice, "quantity": 1, "reason": "受潮霉变" } }),
        )
        .await;
    assert_eq!(off["writeOffStock"]["movements"][0]["quantity"], -1);
    assert_eq!(stock(&app, cw, &st.a).await, [("大米10kg".to_owned(), 5)]);
    assert_eq!(stock(&app, cw, &st.b).await, [("大米10kg".to_owned(), 4)]);

    let movements = app.count("stock_movement").await;
    let too_many = app
        .gql(
            Some(cw),
            WRITE_OFF,
            json!({ "i": { "storeId": st.a, "goodsId": st.rice, "quantity": 6, "reason": "x" } }),
        )
        .await;
    assert_code(&too_many, "CONFLICT");
    assert_eq!(reasons(&too_many), ["NOT_IN_STOCK"]);
    assert_eq!(app.count("stock_movement").await, movements);
    let ledger = app
        .ok(
            Some(cw),
            "query($s: ID!) { stockMovements(storeId: $s) { nodes { kind quantity value donor receiptNo otherStore { name } reason } } }",
            json!({ "s": st.a }),
        )
        .await;
    let kinds: Vec<(&str, i64)> = ledger["stockMovements"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["kind"].as_str().unwrap(), m["quantity"].as_i64().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [("DONATION", 10), ("TRANSFER_OUT", -4), ("WRITE_OFF", -1)]
    );
    assert_eq!(ledger["stockMovements"]["nodes"][0]["value"], "455.00");
    assert_eq!(
        ledger["stockMovements"]["nodes"][1]["otherStore"]["name"],
        "盐市口爱心超市"
    );

    // Many keepers writing off the last items at once: exactly the stock goes.
    let results = futures_util::future::join_all((0..8).map(|_| {
        app.gql(
            Some(cw),
            WRITE_OFF,
            json!({ "i": { "storeId": st.a, "goodsId": st.rice, "quantity": 1, "reason": "过期" } }),
        )
    }))
    .await;
    let done = results.iter().filter(|b| b.get("errors").is_none()).count();
    assert_eq!(done, 5);
    for body in results.iter().filter(|b| b.get("errors").is_some()) {
        assert_eq!(reasons(body), ["NOT_IN_STOCK"]);
    }
    assert_eq!(stock(&app, cw, &st.a).await, [("大米10kg".to_owned(), 0)]);
}

#[tokio::test]
async fn a_purchase_is_an_entry_of_the_paying_funds_ledger() {
    // 「专账核算」: the money side stays in the fund's own ledger.
    let app = spawn_app().await;
    let st = stores(&app).await;
    let (fin, _) = finance(&app, &st.s).await;
    let f = fund(&app, &fin, &st.s.district, "ASSISTANCE", "1000.00").await;
    let buy = "mutation($i: RecordPurchaseInput!) { recordPurchase(input: $i) { movements { kind quantity ledgerEntryId } } }";
    let bought = app
        .ok(
            Some(&fin),
            buy,
            json!({ "i": { "storeId": st.a, "fundId": f, "lines": [line(&st.rice, 10), line(&st.oil, 2)], "amountPaid": "560.00" } }),
        )
        .await;
    let movements = bought["recordPurchase"]["movements"].as_array().unwrap();
    assert_eq!(movements.len(), 2);
    let ledger = app.ok(Some(&fin), FUND, json!({ "id": f })).await;
    assert_eq!(ledger["fund"]["balance"], "440.00");
    assert_eq!(ledger["verifyLedger"]["ok"], true);
    assert_eq!(ledger["verifyLedger"]["balanceMatches"], true);
    let last = &ledger["fund"]["entries"]["edges"][1]["node"];
    assert_eq!(last["kind"], "PURCHASE");
    assert_eq!(last["amount"], "-560.00");
    assert_eq!(movements[0]["ledgerEntryId"], last["id"]);

    // The goods are on the shelves: the money alone is not reversed.
    let reverse = app
        .gql(
            Some(&fin),
            "mutation($e: ID!) { reverseEntry(input: {entryId: $e, memo: \"冲正\"}) { entry { id } } }",
            json!({ "e": last["id"] }),
        )
        .await;
    assert_eq!(reasons(&reverse), ["PURCHASE_NOT_REVERSIBLE"]);
    // The mutual-aid fund pays its contributors, not the stores.
    let mutual = fund(&app, &fin, &st.s.district, "MUTUAL_AID", "1000.00").await;
    let wrong_fund = app
        .gql(
            Some(&fin),
            buy,
            json!({ "i": { "storeId": st.a, "fundId": mutual, "lines": [line(&st.rice, 1)], "amountPaid": "45.50" } }),
        )
        .await;
    assert_eq!(reasons(&wrong_fund), ["NOT_AN_ASSISTANCE_FUND"]);
    // More than the fund holds: refused, and neither stock nor ledger moves.
    let stock_rows = app.count("stock_movement").await;
    let entries = app.count("ledger_entry").await;
    let refused = app
        .gql(
            Some(&fin),
            buy,
            json!({ "i": { "storeId": st.a, "fundId": f, "lines": [line(&st.rice, 20)], "amountPaid": "910.00" } }),
        )
        .await;
    assert_eq!(reasons(&refused), ["INSUFFICIENT_FUNDS"]);
    assert_eq!(app.count("stock_movement").await, stock_rows);
    assert_eq!(app.count("ledger_entry").await, entries);
    let keeper = app
        .gql(
            Some(&st.s.caseworker),
            buy,
            json!({ "i": { "storeId": st.a, "fundId": f, "lines": [line(&st.rice, 1)], "amountPaid": "1.00" } }),
        )
        .await;
    assert_code(&keeper, "FORBIDDEN");
}

/// A filed (ACTIVE) case of the district: on notice, then past its five working days.
async fn active_case(app: &TestApp, st: &Stores, name: &str, sequence: u32) -> (String, String) {
    case_on_notice(app, &st.s, name, &id_number("510104", "19700101", sequence)).await
}

#[tokio::test]
async fn hand_outs_stay_within_the_quota_of_the_level() {
    let srv = serve().await;
    let app = &srv.app;
    let mut st = stores(app).await;
    let (filed_worker, filed) = active_case(app, &st, "张三明", 11).await;
    let (_, draft) = {
        let w = worker(
            app,
            &st.s.caseworker,
            &st.s.district,
            "李四",
            &id_number("510104", "19710101", 13),
        )
        .await;
        set_household(app, &st.s.caseworker, &w, poor_household()).await;
        (
            w.clone(),
            case(app, &st.s.caseworker, &w, &["LOW_INCOME"]).await,
        )
    };
    app.advance(Duration::days(8));
    st.s.refresh(app).await;
    donate(app, &st, &st.a, vec![line(&st.rice, 20), line(&st.salt, 5)]).await;
    let give = |case: &str, lines: Vec<Value>| json!({ "i": { "storeId": st.a, "caseId": case, "lines": lines } });
    let cw = st.s.caseworker.clone();

    let no_quota = app
        .gql(Some(&cw), HAND_OUT, give(&filed, vec![line(&st.rice, 1)]))
        .await;
    assert_eq!(reasons(&no_quota), ["NO_QUOTA"]);
    let set = "mutation($i: SetInKindQuotaInput!) { setInKindQuota(input: $i) { quota { level period value } } }";
    for level in ["EXTREME", "ORDINARY"] {
        app.ok(
            Some(&st.s.admin),
            set,
            json!({ "i": { "level": level, "period": "MONTH", "value": "200.00" } }),
        )
        .await;
    }

    let first = app
        .ok(Some(&cw), HAND_OUT, give(&filed, vec![line(&st.rice, 4)]))
        .await;
    assert_eq!(first["handOut"]["handOut"]["value"], "182.00");
    assert_eq!(first["handOut"]["handOut"]["periodStart"], "2026-03-01");
    assert_eq!(first["handOut"]["handOut"]["collectedBy"], "张三明");
    assert_eq!(first["handOut"]["handOut"]["collectedByKinship"], "SELF");
    // 182.00 + 45.50 passes the 200.00 of the month: refused, nothing written.
    let (movements, hand_outs) = (
        app.count("stock_movement").await,
        app.count("hand_out").await,
    );
    let over = app
        .gql(Some(&cw), HAND_OUT, give(&filed, vec![line(&st.rice, 1)]))
        .await;
    assert_code(&over, "CONFLICT");
    assert_eq!(reasons(&over), ["OVER_QUOTA"]);
    assert_eq!(
        (
            app.count("stock_movement").await,
            app.count("hand_out").await
        ),
        (movements, hand_outs)
    );
    // Another store's goods are not this store's.
    let other_store = app
        .gql(
            Some(&cw),
            HAND_OUT,
            json!({ "i": { "storeId": st.b, "caseId": filed, "lines": [line(&st.salt, 1)] } }),
        )
        .await;
    assert_eq!(reasons(&other_store), ["NOT_IN_STOCK"]);
    // Only a member of the household on record collects on the worker's behalf.
    let mut named = poor_household();
    named["members"][1]["name"] = json!("王芳");
    set_household(app, &st.s.caseworker, &filed_worker, named).await;
    let stranger = app
        .gql(
            Some(&cw),
            HAND_OUT,
            json!({ "i": { "storeId": st.a, "caseId": filed, "lines": [line(&st.salt, 1)], "collectedByKinship": "SPOUSE", "collectedBy": "李某" } }),
        )
        .await;
    assert_eq!(reasons(&stranger), ["NOT_A_HOUSEHOLD_MEMBER"]);
    assert_eq!(app.count("hand_out").await, hand_outs);
    // 182.00 + 18.00 is the quota exactly: handed out, to the spouse on the worker's behalf.
    let exact = app
        .ok(
            Some(&cw),
            HAND_OUT,
            json!({ "i": { "storeId": st.a, "caseId": filed, "lines": [line(&st.salt, 1)], "collectedByKinship": "SPOUSE", "collectedBy": "王芳" } }),
        )
        .await;
    assert_eq!(exact["handOut"]["handOut"]["collectedBy"], "王芳");
    // A draft case collects nothing.
    let draft_refused = app
        .gql(Some(&cw), HAND_OUT, give(&draft, vec![line(&st.salt, 1)]))
        .await;
    assert_eq!(reasons(&draft_refused), ["CASE_NOT_ACTIVE"]);

    // A new month, a new quota.
    app.advance(Duration::days(31));
    st.s.refresh(app).await;
    let cw = st.s.caseworker.clone();
    let april = app
        .ok(Some(&cw), HAND_OUT, give(&filed, vec![line(&st.rice, 4)]))
        .await;
    assert_eq!(april["handOut"]["handOut"]["periodStart"], "2026-04-01");
    let listed = app
        .ok(
            Some(&cw),
            "query($c: ID!) { handOuts(caseId: $c) { value } }",
            json!({ "c": filed }),
        )
        .await;
    assert_eq!(listed["handOuts"].as_array().unwrap().len(), 3);
    // Who collected is personal data: whole for the caseworker, masked for ADMIN.
    let by_admin = app
        .ok(
            Some(&st.s.admin),
            "query($c: ID!) { handOuts(caseId: $c) { collectedBy } }",
            json!({ "c": filed }),
        )
        .await;
    assert_eq!(by_admin["handOuts"][0]["collectedBy"], "张*明");
    assert_eq!(by_admin["handOuts"][1]["collectedBy"], "王*");

    // On the case, and in the figures as in-kind help apart from cash (value and 人次).
    let on_case = app
        .ok(
            Some(&cw),
            "query($c: ID!) { node(id: $c) { ... on Case { level handOuts { value } } } }",
            json!({ "c": filed }),
        )
        .await;
    let values: Vec<&str> = on_case["node"]["handOuts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["value"].as_str().unwrap())
        .collect();
    assert_eq!(values, ["182.00", "18.00", "182.00"]);
    let level = on_case["node"]["level"].as_str().unwrap().to_owned();
    let stats = app
        .ok(
            Some(&cw),
            "{ inKindStats(from: \"2026-03-01\", to: \"2026-04-30\") { handOuts value byLevel { level handOuts value } movements { kind quantity value } stores { name units value } perStore: stores { movements { kind quantity value } } } }",
            json!({}),
        )
        .await["inKindStats"]
        .clone();
    assert_eq!(stats["handOuts"], 3);
    assert_eq!(stats["value"], "382.00");
    for line in stats["byLevel"].as_array().unwrap() {
        let expected = if line["level"] == json!(level) {
            (3, "382.00")
        } else {
            (0, "0.00")
        };
        assert_eq!(
            (
                line["handOuts"].as_i64().unwrap(),
                line["value"].as_str().unwrap()
            ),
            expected
        );
    }
    let movement = |kind: &str| {
        stats["movements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["kind"] == kind)
            .cloned()
            .unwrap()
    };
    assert_eq!(
        movement("DONATION"),
        json!({ "kind": "DONATION", "quantity": 25, "value": "1000.00" })
    );
    assert_eq!(
        movement("HAND_OUT"),
        json!({ "kind": "HAND_OUT", "quantity": -9, "value": "-382.00" })
    );
    assert_eq!(
        stats["stores"],
        json!([
            { "name": "春熙爱心超市", "units": 16, "value": "618.00" },
            { "name": "盐市口爱心超市", "units": 0, "value": "0.00" }
        ])
    );
    // Per store and period: what moved where.
    let moved = |store: usize| -> Vec<(String, i64)> {
        stats["perStore"][store]["movements"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["quantity"] != 0)
            .map(|m| {
                (
                    m["kind"].as_str().unwrap().to_owned(),
                    m["quantity"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        moved(0),
        vec![("DONATION".to_owned(), 25), ("HAND_OUT".to_owned(), -9)]
    );
    assert_eq!(moved(1), vec![]);
    let rows = srv
        .get(
            "/exports/stats/in-kind.csv?from=2026-03-01&to=2026-04-30",
            Some(&cw),
        )
        .await
        .csv();
    let row = rows
        .iter()
        .find(|r| r[0] == "实物发放" && r[1] == "合计人次")
        .unwrap();
    assert_eq!((row[2].as_str(), row[3].as_str()), ("3", "382.00"));
    let stock_row = rows
        .iter()
        .find(|r| r[0] == "库存" && r[1] == "春熙爱心超市")
        .unwrap();
    assert_eq!(
        (stock_row[2].as_str(), stock_row[3].as_str()),
        ("16", "618.00")
    );
    let handed = rows
        .iter()
        .find(|r| r[0] == "出入库(春熙爱心超市)" && r[1] == "发放出库")
        .unwrap();
    assert_eq!((handed[2].as_str(), handed[3].as_str()), ("-9", "-382.00"));
}

/// Many keepers handing out to one household at once: the quota holds.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_hand_outs_to_one_household_keep_its_quota() {
    let app = spawn_app().await;
    let mut st = stores(&app).await;
    let (_, filed) = active_case(&app, &st, "张三明", 21).await;
    app.advance(Duration::days(8));
    st.s.refresh(&app).await;
    donate(&app, &st, &st.a, vec![line(&st.rice, 20)]).await;
    app.ok(
        Some(&st.s.admin),
        "mutation { setInKindQuota(input: {level: EXTREME, period: MONTH, value: \"200.00\"}) { quota { value } } }",
        json!({}),
    )
    .await;
    app.ok(
        Some(&st.s.admin),
        "mutation { setInKindQuota(input: {level: ORDINARY, period: MONTH, value: \"200.00\"}) { quota { value } } }",
        json!({}),
    )
    .await;
    let results = futures_util::future::join_all((0..8).map(|_| {
        app.gql(
            Some(&st.s.caseworker),
            HAND_OUT,
            json!({ "i": { "storeId": st.a, "caseId": filed, "lines": [line(&st.rice, 1)] } }),
        )
    }))
    .await;
    let done = results.iter().filter(|b| b.get("errors").is_none()).count();
    assert_eq!(done, 4, "200.00 affords four bags at 45.50");
    for body in results.iter().filter(|b| b.get("errors").is_some()) {
        assert_eq!(reasons(body), ["OVER_QUOTA"]);
    }
    assert_eq!(
        stock(&app, &st.s.caseworker, &st.a).await,
        [("大米10kg".to_owned(), 16)]
    );
}

const IMPORTED: &str = "{ created updated failed errors { row column message } }";

/// A CSV as Excel on Chinese Windows saves it: GBK.
fn gbk_csv(rows: &[&[&str]]) -> Vec<u8> {
    let text: String = rows.iter().map(|r| r.join(",") + "\r\n").collect();
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    bytes.into_owned()
}

/// The goods catalogue and a store's donations from spreadsheets, with their templates:
/// all or nothing unless partial, the catalogue updated by name, a receipt's goods
/// received once.
#[tokio::test]
async fn the_catalogue_and_donations_are_imported_from_spreadsheets() {
    let srv = serve().await;
    let app = &srv.app;
    let st = stores(app).await;
    let goods_import =
        format!("mutation($input: ImportGoodsInput!) {{ importGoods(input: $input) {IMPORTED} }}");
    let header: &[&str] = &["物资名称", "计量单位", "类别", "参考价"];
    let bad = gbk_csv(&[
        header,
        &["大米10kg", "袋", "粮油", "46.00"],
        &["面粉5kg", "袋", "粮油", "25.00"],
        &["电饭锅", "台", "电器", "199.00"],
    ]);
    let (_, body) = srv
        .upload(
            Some(&st.s.admin),
            &goods_import,
            json!({}),
            "物资目录.csv",
            &bad,
        )
        .await;
    let out = &body["data"]["importGoods"];
    assert_eq!((&out["created"], &out["failed"]), (&json!(0), &json!(1)));
    assert_eq!(out["errors"][0]["row"], 4);
    assert_eq!(out["errors"][0]["column"], "类别");
    assert_eq!(app.count("goods").await, 3, "nothing written");
    let (_, body) = srv
        .upload(
            Some(&st.s.caseworker),
            &goods_import,
            json!({}),
            "物资目录.csv",
            &bad,
        )
        .await;
    assert_code(&body, "FORBIDDEN");
    let good = gbk_csv(&[
        header,
        &["大米10kg", "袋", "粮油", "46.00"],
        &["面粉5kg", "袋", "粮油", "25.00"],
        &["冬衣", "件", "衣服", "80.00"],
    ]);
    let (_, body) = srv
        .upload(
            Some(&st.s.admin),
            &goods_import,
            json!({}),
            "物资目录.csv",
            &good,
        )
        .await;
    let out = &body["data"]["importGoods"];
    assert_eq!(
        (&out["created"], &out["updated"], &out["failed"]),
        (&json!(2), &json!(1), &json!(0)),
        "{body:#}"
    );
    assert_eq!(
        app.count("goods WHERE name = '大米10kg' AND reference_price = 4600")
            .await,
        1
    );
    assert_eq!(
        app.count("goods WHERE name = '冬衣' AND category = 'CLOTHING'")
            .await,
        1
    );

    let donations_import = format!(
        "mutation($input: ImportDonationsInput!) {{ importDonations(input: $input) {IMPORTED} }}"
    );
    let header: &[&str] = &["物资名称", "数量", "捐赠方", "收据号"];
    let file = gbk_csv(&[
        header,
        &["大米10kg", "20", "锦城商会", "JZ-2026-100"],
        &["面粉5kg", "10", "锦城商会", "JZ-2026-100"],
        &["电饭锅", "5", "蜀通集团", "JZ-2026-101"],
        &["冬衣", "0", "蜀通集团", "JZ-2026-101"],
    ]);
    let input = json!({ "storeId": st.a });
    let (_, body) = srv
        .upload(
            Some(&st.s.caseworker),
            &donations_import,
            input.clone(),
            "捐赠.csv",
            &file,
        )
        .await;
    let out = &body["data"]["importDonations"];
    assert_eq!(
        (&out["created"], &out["failed"]),
        (&json!(0), &json!(2)),
        "{body:#}"
    );
    assert_eq!(
        app.count("stock_movement").await,
        0,
        "nothing written while a row is bad"
    );
    let (_, body) = srv
        .upload(
            Some(&st.s.admin),
            &donations_import,
            input.clone(),
            "捐赠.csv",
            &file,
        )
        .await;
    assert_code(&body, "FORBIDDEN");
    let partial = json!({ "storeId": st.a, "partial": true });
    let (_, body) = srv
        .upload(
            Some(&st.s.caseworker),
            &donations_import,
            partial.clone(),
            "捐赠.csv",
            &file,
        )
        .await;
    let out = &body["data"]["importDonations"];
    assert_eq!(
        (&out["created"], &out["failed"]),
        (&json!(2), &json!(2)),
        "{body:#}"
    );
    assert_eq!(
        stock(app, &st.s.caseworker, &st.a).await,
        vec![("大米10kg".to_owned(), 20), ("面粉5kg".to_owned(), 10)]
    );
    // The same receipt again: its goods are received once.
    let (_, body) = srv
        .upload(
            Some(&st.s.caseworker),
            &donations_import,
            partial,
            "捐赠.csv",
            &file,
        )
        .await;
    let out = &body["data"]["importDonations"];
    assert_eq!(
        (&out["created"], &out["failed"]),
        (&json!(0), &json!(4)),
        "{body:#}"
    );
    assert_eq!(out["errors"][0]["column"], "收据号");
    assert_eq!(
        app.count("stock_movement WHERE kind = 'DONATION' AND donor = '锦城商会' AND receipt_no = 'JZ-2026-100'")
            .await,
        2
    );
    // Stock equals its ledger.
    assert_eq!(
        app.count(
            "stock k WHERE k.quantity <> (SELECT SUM(m.quantity) FROM stock_movement m \
             WHERE m.store_id = k.store_id AND m.goods_id = k.goods_id)"
        )
        .await,
        0
    );

    for (path, first) in [
        ("/templates/goods.csv", "物资名称,计量单位,类别,参考价"),
        ("/templates/donations.csv", "物资名称,数量,捐赠方,收据号"),
    ] {
        let rows = srv.get(path, Some(&st.s.caseworker)).await.csv();
        assert_eq!(rows[0].join(","), first);
    }
}
