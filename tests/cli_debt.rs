//! `flowdeck debt` and `flowdeck debt defer` on the demo database through the real binary.

mod common;

use predicates::prelude::*;
use serde_json::Value;

fn json(sandbox: &common::Sandbox, db: &std::path::Path, extra: &[&str]) -> Value {
    let out = sandbox.on(db).args(["debt", "--format", "json"]).args(extra).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn keys(v: &Value) -> Vec<String> {
    v["debts"].as_array().expect("debts").iter().map(|d| d["key"].as_str().unwrap_or("?").to_string()).collect()
}

#[test]
fn the_register_text_shows_totals_flow_and_the_costliest_debt_first() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    let out = sandbox.on(&db).arg("debt").output().expect("run");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("Debt register on 2026-11-21: 15 open debts\n"), "{text}");
    assert!(text.contains("drag       8.2 points a sprint, 24% of Sprint 48's plannable 34.5 points"), "{text}");
    assert!(text.contains("principal  57 points to repay it all"), "{text}");
    assert!(text.contains("overdue    4 agreements"), "{text}");
    assert!(text.contains("Sprint 47  added     0  repaid     8"), "no negative zero: {text}");
    let first = text.lines().find(|l| l.trim_start().starts_with("1  ")).expect("rank 1 row");
    assert!(first.contains("PAY-1062") && first.contains("2.5"), "shortest payback first: {first}");
    let vault = text.lines().find(|l| l.contains("PAY-1033")).expect("PAY-1033 row");
    assert!(vault.contains("[overdue, deferred 2×, rationale to defer]"), "{vault}");
}

#[test]
fn json_figures_follow_the_formulas_and_filters_combine() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    let v = json(&sandbox, &db, &[]);
    assert_eq!(v["totals"]["count"], 15);
    for d in v["debts"].as_array().expect("debts") {
        let (drag, principal) = (d["drag"].as_f64().expect("drag"), d["principal"].as_f64().expect("principal"));
        let payback = d["payback_sprints"].as_f64().expect("every demo debt has drag");
        assert!((payback * drag - principal).abs() < 0.01, "payback = principal ÷ drag: {d}");
        let ret = d["return_over_horizon"].as_f64().expect("return");
        assert!((ret - (drag * 26.0 - principal) / principal).abs() < 0.001, "{d}");
        let carried = d["sprints_carried"].as_f64().expect("carried");
        assert!((d["drag_paid"].as_f64().expect("paid") - drag * carried).abs() < 0.01, "{d}");
    }
    let share = v["totals"]["drag_share_of_capacity"].as_f64().expect("share");
    assert!((share - 8.2 / 34.5).abs() < 0.001);

    let overdue = json(&sandbox, &db, &["--overdue", "--sort", "trigger"]);
    assert_eq!(keys(&overdue), ["PAY-1015", "PAY-1033", "PAY-1007", "PAY-1096"], "earliest trigger first");
    let both = json(&sandbox, &db, &["--overdue", "--high-risk"]);
    assert_eq!(keys(&both), ["PAY-1096", "PAY-1033"], "by payback");
    let strategic = json(&sandbox, &db, &["--category", "strategic", "--sort", "drag", "--limit", "2"]);
    assert_eq!(keys(&strategic), ["PAY-1006", "PAY-1012"]);
    assert_eq!(strategic["totals"]["count"], 15, "totals cover the whole register");
    let short = json(&sandbox, &db, &["--horizon", "4"]);
    assert_eq!(short["horizon_sprints"], 4);
    assert!(short["debts"][0]["return_over_horizon"].as_f64().expect("return") < 1.0);
}

#[test]
fn the_markdown_review_puts_totals_first_then_agreements_and_deferrals() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    let out = sandbox.on(&db).args(["debt", "--format", "md", "--high-risk"]).output();
    let out = out.expect("run");
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.starts_with("# Tech-debt register review, 2026-11-21\n\n**15 open debts** cost the team"), "{md}");
    let totals = md.find("points a sprint").expect("totals");
    let table = md.find("| Rank | Debt |").expect("table");
    let details = md.find("### 13. PAY-1033").expect("PAY-1033 section");
    assert!(totals < table && table < details);
    assert!(md.contains("- **Why we took it:** Card-vault tokens kept on the 2019 AES-CBC key"), "{md}");
    assert!(md.contains("  - 2026-10-26: Deferred again for the Black Friday load work"), "{md}");
    assert!(md.contains("- **Deferring needs a written rationale:** it is high-risk (security) debt, overdue"), "{md}");
    assert_eq!(md.matches("\n### ").count(), 5, "the five high-risk debts");
}

#[test]
fn deferring_high_risk_overdue_debt_needs_a_reason_and_the_log_keeps_it() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    sandbox.on(&db).args(["debt", "defer", "PAY-1033"]).assert().code(1).stderr(
        predicate::str::contains("PAY-1033 needs a written rationale").and(predicate::str::contains("--reason")),
    );
    sandbox.on(&db).args(["debt", "defer", "PAY-1033", "--reason", "later"]).assert().code(1);
    let reason = "KMS integration ships 2026-12-08; rotate keys in Sprint 49";
    sandbox
        .on(&db)
        .args(["debt", "defer", "pay-1033", "--reason", reason])
        .assert()
        .success()
        .stdout("deferred PAY-1033 on 2026-11-21; deferred 3 times so far.\n");
    let v = json(&sandbox, &db, &["--high-risk"]);
    let vault = v["debts"].as_array().expect("debts").iter().find(|d| d["key"] == "PAY-1033").cloned();
    let log = vault.expect("PAY-1033")["deferrals"].clone();
    assert_eq!(log.as_array().map(Vec::len), Some(3));
    assert_eq!(log[2]["on"], "2026-11-21");
    assert_eq!(log[2]["rationale"], reason);
    // The guardrail now quotes the rationale as this sprint's deferral.
    sandbox
        .on(&db)
        .arg("split")
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("Deferred for this sprint on 2026-11-21: \"{reason}\"")));
    // Low-risk debt can be put off without a word; an unknown key is named.
    sandbox.on(&db).args(["debt", "defer", "PAY-1007"]).assert().success();
    sandbox
        .on(&db)
        .args(["debt", "defer", "PAY-9999", "--reason", "no such debt here"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no item has the key or number \"PAY-9999\""));
}

#[test]
fn bad_sort_keys_and_categories_are_named() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    sandbox
        .on(&db)
        .args(["debt", "--sort", "cost"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\"cost\" is not a sort key: payback, interest, drag"));
    sandbox
        .on(&db)
        .args(["debt", "--category", "urgent"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a category: strategic, tactical or accidental"));
}

#[test]
fn a_deferral_may_move_the_repay_by_date_and_the_log_keeps_the_old_one() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    let reason = "KMS integration ships 2026-12-08; rotate keys in Sprint 49";
    let before = json(&sandbox, &db, &["--high-risk"]);
    let vault = |v: &serde_json::Value| {
        v["debts"].as_array().expect("debts").iter().find(|d| d["key"] == "PAY-1033").cloned().expect("PAY-1033")
    };
    let old_due = vault(&before)["agreement"]["trigger_date"].as_str().expect("a repay-by date").to_string();
    sandbox
        .on(&db)
        .args(["debt", "defer", "PAY-1033", "--reason", reason, "--until", "2026-11-01"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("a new repay-by date must be after today (2026-11-21)"));
    sandbox
        .on(&db)
        .args(["debt", "defer", "PAY-1033", "--until", "soon", "--reason", reason])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\"soon\" is not a date: use YYYY-MM-DD"));
    sandbox
        .on(&db)
        .args(["debt", "defer", "PAY-1033", "--reason", reason, "--until", "2027-01-15"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("deferred PAY-1033, repay-by {old_due} → 2027-01-15 on 2026-11-21")));
    let after = vault(&json(&sandbox, &db, &["--high-risk"]));
    assert_eq!(after["agreement"]["trigger_date"], "2027-01-15", "{after}");
    assert_eq!(after["overdue"], false, "no longer overdue: {after}");
    let last = after["deferrals"].as_array().and_then(|l| l.last()).cloned().expect("a deferral");
    assert_eq!(
        (last["repay_by_before"].as_str(), last["repay_by_after"].as_str()),
        (Some(old_due.as_str()), Some("2027-01-15"))
    );
    // The register review prints the move beside the rationale.
    let md = sandbox.on(&db).args(["debt", "--format", "md", "--high-risk"]).output().expect("run");
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(md.contains(&format!("(repay-by moved {old_due} → 2027-01-15)")), "{md}");
}

#[test]
fn interest_names_only_the_score_and_what_was_paid_is_called_drag() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    let brief = sandbox.path("brief.md");
    sandbox.on(&db).args(["export", "--format", "md", "--out"]).arg(&brief).assert().success();
    let brief = std::fs::read_to_string(&brief).expect("brief");
    for args in [vec!["debt"], vec!["debt", "--format", "md"]] {
        let out = sandbox.on(&db).args(&args).output().expect("run");
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        for (name, report) in [(args.join(" "), text.as_str()), ("brief".to_string(), brief.as_str())] {
            assert!(!report.contains("interest paid") && !report.contains("in interest"), "{name}:\n{report}");
            let named = ["drag paid so far", "its drag has cost", "lost to drag so far"];
            assert!(named.iter().any(|n| report.contains(n)), "{name}:\n{report}");
        }
    }
}

#[test]
fn raising_a_debts_drag_changes_what_is_to_come_not_what_it_has_cost() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    let find = |v: &serde_json::Value| {
        v["debts"].as_array().expect("debts").iter().find(|d| d["key"] == "PAY-1007").cloned().expect("PAY-1007")
    };
    let before = find(&json(&sandbox, &db, &[]));
    assert!(before["drag_paid"].as_f64().expect("paid") > 0.0, "{before}");
    sandbox.on(&db).args(["item", "edit", "PAY-1007", "--drag", "3"]).assert().success();
    let after = find(&json(&sandbox, &db, &[]));
    assert_eq!(after["drag"], 3.0, "{after}");
    assert_eq!(after["drag_paid"], before["drag_paid"], "the past keeps its drag: {before} → {after}");
    // The backup keeps the history, so a restore pays the same.
    let backup = sandbox.path("backup.json");
    sandbox.on(&db).args(["export", "--format", "json", "--out"]).arg(&backup).assert().success();
    let restored = sandbox.path("restored.sqlite");
    sandbox.on(&restored).arg("init").assert().success();
    sandbox.on(&restored).arg("import").arg(&backup).assert().success();
    assert_eq!(find(&json(&sandbox, &restored, &[]))["drag_paid"], before["drag_paid"]);
}
