//! `flowdeck forecast` on the demo database through the real binary.

mod common;

use common::Sandbox;
use serde_json::Value;

fn forecast_json(sandbox: &Sandbox, db: &std::path::Path, args: &[&str]) -> Value {
    let out = sandbox.on(db).arg("forecast").args(args).args(["--format", "json"]).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}

fn start(v: &Value) -> String {
    v["start"].as_str().unwrap_or("9999-12-31").to_string()
}

#[test]
fn forecast_gives_the_sprints_chance_and_when_the_top_items_are_done() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo_db("demo.sqlite");
    let f = forecast_json(&sandbox, &db, &[]);
    assert_eq!(f["sprint"]["name"], "Sprint 48");
    let p = f["sprint"]["p_finish"].as_f64().expect("p_finish");
    assert!((0.0..=1.0).contains(&p));
    assert_eq!(f["history_sprints"], 6);
    let items = f["items"].as_array().expect("items");
    assert_eq!(items.len(), 10, "the default is the top 10 not yet planned");
    assert!(items.iter().all(|i| i["in_sprint"] == false));
    for i in items {
        let d = &i["done"];
        assert!(start(&d["p50"]) <= start(&d["p85"]) && start(&d["p85"]) <= start(&d["p95"]), "{i}");
    }
    // Listed in rank order; the best-ranked is done no later than any other.
    let first = start(&items[0]["done"]["p50"]);
    assert!(items.iter().all(|i| start(&i["done"]["p50"]) >= first), "{items:?}");
    assert_eq!(forecast_json(&sandbox, &db, &[]), f, "the same seed gives the same forecast");
}

#[test]
fn a_long_selection_spills_into_sprints_not_created_yet() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo_db("demo.sqlite");
    let f = forecast_json(&sandbox, &db, &["--top", "60"]);
    assert_eq!(f["items"].as_array().map(Vec::len), Some(60));
    assert_eq!(f["all"]["p95"]["proposed"], true, "{}", f["all"]);
    assert!(start(&f["all"]["p50"]).as_str() > "2026-12-04", "60 items do not fit Sprint 48");
    let text = sandbox.on(&db).args(["forecast", "--top", "60"]).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(text).expect("utf-8");
    assert!(text.contains("Sprint 48: 10 of 34.5 plannable points planned — P(finish) "), "{text}");
    assert!(text.contains("all 60 item(s): P50 Sprint"), "{text}");
    assert!(text.contains("not created yet"), "{text}");
}

#[test]
fn named_keys_are_forecast_and_unknown_ones_refused() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo_db("demo.sqlite");
    let top = forecast_json(&sandbox, &db, &["--top", "3"]);
    let third = top["items"][2]["key"].as_str().expect("key").to_string();
    let f = forecast_json(&sandbox, &db, &[&third.to_lowercase()]);
    assert_eq!(f["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(f["items"][0]["key"], third.as_str());
    assert_eq!(f["items"][0]["done"], top["items"][2]["done"], "its place in the rank decides, not the selection");
    let twice = forecast_json(&sandbox, &db, &[&third, &third]);
    assert_eq!(twice["items"].as_array().map(Vec::len), Some(1), "a key named twice is forecast once");
    sandbox
        .on(&db)
        .args(["forecast", "NOPE-1"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("no item with key 'NOPE-1'"));
}

#[test]
fn a_holiday_week_in_a_future_sprint_pushes_its_work_later() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo_db("demo.sqlite");
    let before = forecast_json(&sandbox, &db, &["--top", "30"]);
    // The whole first week of the sprint after Sprint 48 (Mon 7 → Fri 11 Dec 2026) off.
    for day in 7..=11 {
        let date = format!("2026-12-{day:02}");
        sandbox.on(&db).args(["holiday", "add", &date, "Company week"]).assert().success();
    }
    let after = forecast_json(&sandbox, &db, &["--top", "30"]);
    let p50 = |f: &Value| -> Vec<String> {
        f["items"].as_array().expect("items").iter().map(|i| start(&i["done"]["p50"])).collect()
    };
    let (b, a) = (p50(&before), p50(&after));
    assert!(b.iter().zip(&a).all(|(b, a)| a >= b), "a lower capacity never brings work earlier:\n{b:?}\n{a:?}");
    assert!(b.iter().zip(&a).any(|(b, a)| a > b), "some item slips past the shortened sprint:\n{b:?}\n{a:?}");
    assert_eq!(after["sprint"]["plannable"], before["sprint"]["plannable"], "the current sprint keeps its capacity");
    let capacity = |f: &Value, n: usize| f["roadmap"][n]["capacity"].as_f64().expect("capacity");
    assert!((capacity(&after, 1) - capacity(&before, 1) / 2.0).abs() < 0.01, "half its working days gone");
}

#[test]
fn tag_and_kind_select_the_open_work_in_rank_order() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo_db("demo.sqlite");
    let all = forecast_json(&sandbox, &db, &["--top", "200"]);
    let defects = forecast_json(&sandbox, &db, &["--kind", "defect"]);
    let keys: Vec<&str> =
        defects["items"].as_array().expect("items").iter().filter_map(|i| i["key"].as_str()).collect();
    assert!(!keys.is_empty());
    let rank = sandbox.on(&db).args(["rank", "--kind", "defect", "--format", "json"]).output().expect("runs");
    let rank: Value = serde_json::from_slice(&rank.stdout).expect("json");
    let ranked: Vec<&str> = rank.as_array().expect("rank").iter().filter_map(|i| i["key"].as_str()).collect();
    let backlog: Vec<&&str> = keys.iter().filter(|k| ranked.contains(k)).collect();
    assert_eq!(backlog.len(), ranked.len(), "every open defect in the backlog is selected: {keys:?} {ranked:?}");
    // Each is dated where it stands in the whole rank, as in an unfiltered forecast.
    for i in defects["items"].as_array().expect("items") {
        if let Some(same) = all["items"].as_array().expect("items").iter().find(|a| a["key"] == i["key"]) {
            assert_eq!(same["done"], i["done"], "{}", i["key"]);
        }
    }
    let two = forecast_json(&sandbox, &db, &["--kind", "defect", "--top", "2"]);
    assert_eq!(two["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(two["items"][0]["key"], defects["items"][0]["key"]);
    sandbox
        .on(&db)
        .args(["forecast", "--tag", "no-such-tag"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("no open work tagged 'no-such-tag'"));
}

#[test]
fn a_tag_selects_exactly_the_items_carrying_it() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo_db("demo.sqlite");
    let top = forecast_json(&sandbox, &db, &["--top", "8"]);
    let key = |n: usize| top["items"][n]["key"].as_str().expect("key").to_string();
    for n in [6, 2] {
        sandbox.on(&db).args(["item", "edit", &key(n), "--tag", "q4-launch"]).assert().success();
    }
    let f = forecast_json(&sandbox, &db, &["--tag", "Q4-Launch"]);
    let keys: Vec<&str> = f["items"].as_array().expect("items").iter().filter_map(|i| i["key"].as_str()).collect();
    assert_eq!(keys, vec![key(2), key(6)], "in rank order, any case");
    assert_eq!(f["items"][1]["done"], top["items"][6]["done"]);
    assert_eq!(f["all"], top["items"][6]["done"], "all of them: when the lower-ranked one is done");
}

#[test]
fn the_roadmap_lists_each_sprint_with_its_capacity_and_the_work_done_in_it_at_p50() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo_db("demo.sqlite");
    let f = forecast_json(&sandbox, &db, &["--top", "30"]);
    let roadmap = f["roadmap"].as_array().expect("roadmap");
    assert_eq!(roadmap[0]["sprint"]["name"], "Sprint 48");
    assert_eq!(roadmap[0]["capacity"], f["sprint"]["plannable"], "the current sprint first, its own capacity");
    assert_eq!(roadmap.last().map(|r| &r["sprint"]), Some(&f["all"]["p50"]), "up to when all are done at P50");
    // Every selected item sits under the sprint its P50 names.
    let placed: Vec<(&Value, &Value)> = roadmap
        .iter()
        .flat_map(|r| r["items"].as_array().expect("items").iter().map(move |i| (i, &r["sprint"])))
        .filter(|(i, _)| i["selected"] == true)
        .collect();
    let items = f["items"].as_array().expect("items");
    assert_eq!(placed.len(), items.len());
    for item in items {
        let (_, sprint) = placed.iter().find(|(i, _)| i["key"] == item["key"]).expect("on the roadmap");
        assert_eq!(*sprint, &item["done"]["p50"], "{item}");
    }
    // What is pinned for the sprint (PAY-1221, low in rank) is worked on in it, after the
    // blocker it waits for (PAY-1282, planned).
    let first: Vec<&str> =
        roadmap[0]["items"].as_array().expect("items").iter().filter_map(|i| i["key"].as_str()).collect();
    let pinned = first.iter().position(|k| *k == "PAY-1221").unwrap_or_else(|| panic!("not in Sprint 48: {first:?}"));
    assert!(first.iter().position(|k| *k == "PAY-1282").is_some_and(|b| b < pinned), "{first:?}");
    // The sprint's own plan (not selected) is on the roadmap too, in Sprint 48 or later.
    assert!(roadmap.iter().flat_map(|r| r["items"].as_array().expect("items")).any(|i| i["selected"] == false));
    let text = sandbox.on(&db).args(["forecast", "--top", "30"]).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(text).expect("utf-8");
    assert!(text.contains("Roadmap at P50"), "{text}");
    assert!(text.contains("  Sprint 48 (2026-11-23 → 2026-12-04) — 34.5 plannable, "), "{text}");
}

#[test]
fn forecast_as_markdown_has_the_chance_the_dates_and_the_roadmap() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo_db("demo.sqlite");
    let f = forecast_json(&sandbox, &db, &["--top", "5"]);
    let md = sandbox
        .on(&db)
        .args(["forecast", "--top", "5", "--format", "md"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(md).expect("utf-8");
    assert!(md.starts_with("## Forecast · Sprint 48\n"), "{md}");
    let chance = format!("**P(finish) {:.0}%**", f["sprint"]["p_finish"].as_f64().expect("p") * 100.0);
    assert!(md.contains(&chance), "{chance} in {md}");
    assert!(md.contains("| Item | Points | P50 | P85 | P95 |"), "{md}");
    let first = f["items"][0]["key"].as_str().expect("key");
    let p50 = f["items"][0]["done"]["p50"]["name"].as_str().expect("p50");
    assert!(md.lines().any(|l| l.starts_with(&format!("| {first} ")) && l.contains(p50)), "{md}");
    assert!(md.contains("### Roadmap at P50"), "{md}");
    assert!(md.contains("| Sprint 48 (2026-11-23 → 2026-12-04) | 34.5 |"), "{md}");
}

#[test]
fn by_a_date_gives_points_and_items_of_each_kind_done_in_whole_sprints() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo_db("demo.sqlite");
    let near = forecast_json(&sandbox, &db, &["--by", "2026-12-31"]);
    let far = forecast_json(&sandbox, &db, &["--by", "2027-01-31"]);
    let by = &far["by"];
    assert_eq!(by["date"], "2027-01-31");
    assert!(by["last_sprint"]["end"].as_str().expect("end") <= "2027-01-31", "a whole sprint: {by}");
    let total = |v: &Value, q: &str| v["by"]["total"]["points"][q].as_f64().expect("points");
    assert!(total(&far, "p95") <= total(&far, "p85") && total(&far, "p85") <= total(&far, "p50"), "{by}");
    assert!(total(&near, "p50") < total(&far, "p50"), "more sprints, more done");
    let kinds: f64 = ["feature", "defect", "risk", "debt"]
        .iter()
        .map(|k| by["kinds"][k]["points"]["p50"].as_f64().expect("kind"))
        .sum();
    assert!(kinds > 0.0);
    let none = forecast_json(&sandbox, &db, &["--by", "2026-11-30"]);
    assert_eq!(none["by"]["last_sprint"], Value::Null, "Sprint 48 ends after that day");
    assert_eq!(none["by"]["total"]["items"]["p50"], 0);
    let text = sandbox.on(&db).args(["forecast", "--by", "2027-01-31"]).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(text).expect("utf-8");
    assert!(text.contains("Done by 2027-01-31 (whole sprints through "), "{text}");
    assert!(text.contains("  feature  P50 "), "{text}");
}

#[test]
fn the_brief_has_a_forecast_section_with_the_chance_and_the_next_items() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo_db("demo.sqlite");
    let f = forecast_json(&sandbox, &db, &["--top", "5"]);
    let brief = sandbox.path("brief.md");
    sandbox.on(&db).args(["export", "--format", "md", "--out"]).arg(&brief).assert().success();
    let text = std::fs::read_to_string(&brief).expect("the brief");
    let section = text.split("## Forecast\n").nth(1).expect("a Forecast section");
    let chance = format!("**P(finish) {:.0}%**", f["sprint"]["p_finish"].as_f64().expect("p") * 100.0);
    assert!(section.contains(&chance), "{chance} in {section}");
    assert!(section.contains("| Next item | P50 | P85 |"), "{section}");
    for i in f["items"].as_array().expect("items") {
        let key = i["key"].as_str().expect("key");
        let p85 = i["done"]["p85"]["name"].as_str().expect("p85");
        assert!(section.lines().any(|l| l.starts_with(&format!("| {key} ")) && l.contains(p85)), "{key} in {section}");
    }
    assert!(text.find("## Forecast").expect("forecast") < text.find("## How to read").expect("how to read"));
}

/// The keys of the forecast's roadmap, in the order the work is done.
fn roadmap_keys(f: &Value) -> Vec<String> {
    f["roadmap"]
        .as_array()
        .expect("roadmap")
        .iter()
        .flat_map(|r| r["items"].as_array().expect("items").iter().map(|i| i["key"].as_str().unwrap_or("").to_string()))
        .collect()
}

#[test]
fn the_forecast_never_finishes_a_dependant_before_its_blocker_whatever_their_ranks() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo_db("demo.sqlite");
    // The demo's account updater (PAY-1043) waits for network tokens (PAY-1041); make the
    // blocker rank far below it.
    sandbox.on(&db).args(["item", "edit", "PAY-1041", "--impact", "1", "--risk", "1", "--ttv", "1"]).assert().success();
    let order = |sandbox: &Sandbox| {
        let f = forecast_json(sandbox, &db, &["PAY-1041", "PAY-1043"]);
        let keys = roadmap_keys(&f);
        let at = |k: &str| keys.iter().position(|x| x == k).unwrap_or_else(|| panic!("{k} not on {keys:?}"));
        let p50 = |n: usize| start(&f["items"][n]["done"]["p50"]);
        (at("PAY-1041"), at("PAY-1043"), p50(0), p50(1))
    };
    let (blocker, dependant, blocker_done, dependant_done) = order(&sandbox);
    assert!(blocker < dependant, "the blocker is worked on first");
    assert!(blocker_done <= dependant_done);
    // Without the link, rank decides: the updater goes first.
    sandbox.on(&db).args(["item", "edit", "PAY-1043", "--blocked-by", ""]).assert().success();
    let (blocker, dependant, _, _) = order(&sandbox);
    assert!(dependant < blocker, "by rank once nothing links them");
}
