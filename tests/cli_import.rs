//! `flowdeck import` and `flowdeck export` through the real binary on real SQLite files: the
//! sample exports, a corpus of good and bad files, re-imports, dry runs and the brief.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

use common::Sandbox;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

/// A new, empty flowdeck database.
fn empty_db(sandbox: &Sandbox, name: &str) -> PathBuf {
    let db = sandbox.path(name);
    sandbox.flowdeck().args(["init", "--db"]).arg(&db).assert().success();
    db
}

/// The database as flowdeck's JSON document (the export is the one way to look at everything).
fn document(sandbox: &Sandbox, db: &Path) -> String {
    let out = sandbox.on(db).args(["export", "--format", "json"]).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).expect("utf-8")
}

fn items(sandbox: &Sandbox, db: &Path) -> Vec<Value> {
    let doc: Value = serde_json::from_str(&document(sandbox, db)).expect("json");
    doc["items"].as_array().cloned().unwrap_or_default()
}

fn item(sandbox: &Sandbox, db: &Path, key: &str) -> Value {
    items(sandbox, db).into_iter().find(|i| i["key"] == key).unwrap_or_else(|| panic!("no item {key}"))
}

fn import(sandbox: &Sandbox, db: &Path, file: &Path) -> assert_cmd::assert::Assert {
    sandbox.on(db).arg("import").arg(file).assert()
}

#[test]
fn the_sample_jira_export_imports_cleanly_and_maps_types_statuses_and_points() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo_db("demo.sqlite");
    let before = items(&sandbox, &db).len();
    import(&sandbox, &db, &fixture("jira-export.csv"))
        .success()
        .stdout(predicate::str::contains("(jira): 12 items created, 0 updated, 0 unchanged."))
        // The export's assignees are not on the demo team: the one note says so, and how to fix it.
        .stdout(predicate::str::contains(
            "Notes:\n  - assignees not on the team, left unassigned: Ana Souza (3 items), Ben Okafor (2 items)",
        ))
        .stdout(predicate::str::contains("\n  - ").count(1));
    assert_eq!(items(&sandbox, &db).len(), before + 12);

    let story = item(&sandbox, &db, "PAY-101");
    assert_eq!(story["title"], "Checkout: save card for later");
    assert_eq!((story["kind"].as_str(), story["estimate"].as_f64()), (Some("feature"), Some(5.0)));
    assert_eq!(story["impact"], 4, "priority High starts impact at 4");
    assert_eq!(story["tags"], serde_json::json!(["payments", "q3-okr"]), "both Labels columns");
    assert_eq!(story["created"], "2026-10-01T09:10:00Z");
    assert_eq!(item(&sandbox, &db, "PAY-102")["kind"], "defect");
    let debt = item(&sandbox, &db, "PAY-103");
    assert_eq!(debt["kind"], "debt");
    assert_eq!(debt["debt"]["category"], "tactical", "imported debt enters the register with the form's blanks");
    assert_eq!(item(&sandbox, &db, "PAY-104")["kind"], "risk");
    assert_eq!(item(&sandbox, &db, "PAY-104")["status"], "backlog", "In Progress is not planned");
    assert_eq!(item(&sandbox, &db, "PAY-110")["status"], "done");
    assert_eq!(item(&sandbox, &db, "PAY-108")["kind"], "feature", "Task");
    let imported: Vec<Value> = items(&sandbox, &db)
        .into_iter()
        .filter(|i| i["key"].as_str().is_some_and(|k| k.len() == 7 && k.starts_with("PAY-1")))
        .collect();
    assert_eq!(imported.len(), 12);
    assert!(imported.iter().all(|i| i["status"] != "planned"), "imports never plan items into a sprint");
}

#[test]
fn re_importing_updates_by_key_and_never_duplicates() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    import(&sandbox, &db, &fixture("jira-export.csv")).success();
    import(&sandbox, &db, &fixture("jira-export.csv"))
        .success()
        .stdout(predicate::str::contains("0 items created, 0 updated, 12 unchanged"));

    let changed = fs::read_to_string(fixture("jira-export.csv")).expect("read").replace(
        "Refund emails go out twice,PAY-102,10102,Bug,To Do",
        "Refund emails sent twice,PAY-102,10102,Bug,Done",
    );
    let file = sandbox.path("changed.csv");
    fs::write(&file, changed).expect("write");
    sandbox
        .on(&db)
        .args(["import", "--dry-run"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("would create 0 items, update 1 and leave 11 unchanged"))
        .stdout(predicate::str::contains("update  PAY-102  status backlog → done, title"));
    assert_eq!(item(&sandbox, &db, "PAY-102")["title"], "Refund emails go out twice", "a dry run saves nothing");
    import(&sandbox, &db, &file).success().stdout(predicate::str::contains("0 items created, 1 updated, 11 unchanged"));
    let updated = item(&sandbox, &db, "PAY-102");
    assert_eq!(
        (updated["title"].as_str(), updated["status"].as_str()),
        (Some("Refund emails sent twice"), Some("done"))
    );
    assert_eq!(items(&sandbox, &db).len(), 12);
}

#[test]
fn an_import_never_takes_planned_work_out_of_the_sprint_nor_overwrites_tuned_scores() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo_db("demo.sqlite");
    // PAY-1282 is planned and pinned in the demo's sprint; PAY-1007 is an overdue debt.
    let planned = item(&sandbox, &db, "PAY-1282");
    assert_eq!(planned["status"], "planned");
    let file = sandbox.path("jira.csv");
    fs::write(
        &file,
        "Issue key,Summary,Issue Type,Status,Priority,Custom field (Story Points)\n\
         PAY-1282,Apple Pay merchant validation endpoint,Story,Done,Lowest,13\n\
         PAY-1007,Replace hand-rolled retry loop in ledger client,Story,To Do,Highest,3\n",
    )
    .expect("write");
    import(&sandbox, &db, &file)
        .success()
        .stdout(
            predicate::str::contains("the status in the file was not applied")
                .and(predicate::str::contains("PAY-1282")),
        )
        .stdout(predicate::str::contains("kept as debt, not feature"));
    let after = item(&sandbox, &db, "PAY-1282");
    assert_eq!(
        (after["status"].as_str(), after["sprint"].as_str()),
        (planned["status"].as_str(), planned["sprint"].as_str())
    );
    assert_eq!(after["pinned"], true);
    assert_eq!(after["estimate"], 13.0, "the estimate is the tracker's and does follow");
    assert_eq!(after["impact"], planned["impact"], "a priority never overwrites the impact set in flowdeck");
    let debt = item(&sandbox, &db, "PAY-1007");
    assert_eq!(debt["kind"], "debt", "its register entry holds an agreement");
    assert!(debt["debt"]["agreement"]["reason"].as_str().is_some_and(|r| !r.is_empty()));
}

#[test]
fn a_broken_file_imports_nothing_and_says_exactly_why() {
    let cases: &[(&str, &[&str])] = &[
        (
            "bad-number.csv",
            &["bad-number.csv: row 4, column \"Custom field (Story Points)\"", "\"lots\" is not a number"],
        ),
        ("bad-nan.csv", &["row 2", "\"NaN\" is not a finite number"]),
        ("bad-range.csv", &["row 2", "5000 is above 1000"]),
        ("bad-negative.csv", &["row 2", "-2 is negative"]),
        ("duplicate-key.csv", &["row 4, column \"Issue key\"", "DUP-1 is also on row 2"]),
        ("missing-key-column.csv", &["cannot tell its format", "no \"Issue key\" column"]),
        ("empty-key.csv", &["row 2, column \"Issue key\": the issue key is empty"]),
        ("empty.csv", &["the file is empty"]),
        ("long-row.csv", &["row 2", "value in column 6", "only 5 columns"]),
        ("latin1.csv", &["row 2, column \"Summary\"", "not UTF-8", "0xE9", "CSV UTF-8"]),
        ("github-bad-syntax.json", &["line 2, column 30", "not valid JSON"]),
        ("github-no-url.json", &["entry 1 (#5), field \"url\"", "--repo OWNER/NAME"]),
        ("flowdeck-bad-kind.csv", &["row 3, column \"kind\"", "unknown kind 'story'"]),
        ("flowdeck-bad-item.json", &["items[0] (J-1): title is empty", "fix the document"]),
        ("flowdeck-link-unknown.json", &["items[1] (L-2): blocked_by names 'NOPE-9', which is no item"]),
        ("flowdeck-link-cycle.json", &["make a cycle", "C-1 waits for #3, which waits for C-2, which waits for C-1"]),
        ("unknown-format.txt", &["cannot tell its format", "--from jira, azure, github, csv or json"]),
    ];
    let sandbox = Sandbox::new();
    let db = sandbox.demo_db("demo.sqlite");
    let before = document(&sandbox, &db);
    for (file, expected) in cases {
        let mut assert = import(&sandbox, &db, &fixture(file)).code(5);
        for text in *expected {
            assert = assert.stderr(predicate::str::contains(*text));
        }
        assert.stderr(predicate::str::contains("nothing was imported")).stdout("");
        assert_eq!(document(&sandbox, &db), before, "{file} changed the database");
    }
    // Told it is Jira, the same file names what a Jira export must have.
    sandbox.on(&db).args(["import", "--from", "jira"]).arg(fixture("missing-key-column.csv")).assert().code(5).stderr(
        predicate::str::contains("row 1: the header has no \"Issue key\" column (it has: Summary, Issue Type, Status)"),
    );
}

#[test]
fn a_bad_row_after_good_ones_rolls_back_the_whole_file() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    let mut text = String::from("Issue key,Summary,Custom field (Story Points)\n");
    for n in 1..=500 {
        text.push_str(&format!("ATOM-{n},Item {n},3\n"));
    }
    text.push_str("ATOM-501,Broken,three\n");
    let file = sandbox.path("atomic.csv");
    fs::write(&file, text).expect("write");
    import(&sandbox, &db, &file).code(5).stderr(predicate::str::contains("row 502"));
    assert!(items(&sandbox, &db).is_empty());
}

#[test]
fn bom_crlf_quoted_newlines_repeated_columns_and_any_script_come_through_intact() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    import(&sandbox, &db, &fixture("jira-bom-crlf.csv"))
        .success()
        .stdout(predicate::str::contains("3 items created"))
        .stdout(predicate::str::contains("issue type \"Spike\" is not in [import.jira.kinds]: imported as feature"))
        .stdout(predicate::str::contains("priority \"P0\" is not in [import.jira.impact]"))
        .stdout(predicate::str::contains("1 new item without an estimate"));
    let cjk = item(&sandbox, &db, "WEB-1");
    assert_eq!(cjk["title"], "支払い画面の改善 🚀");
    assert_eq!(cjk["tags"], serde_json::json!(["ui", "日本語"]));
    assert_eq!(cjk["estimate"], 3.0, "the team-managed estimate column");
    let escaped = item(&sandbox, &db, "WEB-2");
    assert_eq!(escaped["title"], "Fix [31mred[0m login gnp.exe", "no escape or bidi character is stored");
    assert_eq!((escaped["status"].as_str(), escaped["estimate"].as_f64()), (Some("done"), Some(1.5)));
    let spike = item(&sandbox, &db, "WEB-3");
    assert_eq!(spike["title"], "Spike: try the new router", "a quoted line break is a space");
    assert_eq!((spike["excluded"].as_bool(), spike["estimate"].as_f64()), (Some(true), Some(0.0)));
    assert_eq!(spike["tags"], serde_json::json!(["unestimated"]));

    // Estimating it in the tracker lifts what the import put on it.
    let file = sandbox.path("estimated.csv");
    fs::write(&file, "Issue key,Summary,Issue Type,Story Points\nWEB-3,Spike: try the new router,Spike,2\n")
        .expect("write");
    import(&sandbox, &db, &file).success().stdout(predicate::str::contains("1 updated"));
    let spike = item(&sandbox, &db, "WEB-3");
    assert_eq!((spike["excluded"].as_bool(), spike["estimate"].as_f64()), (Some(false), Some(2.0)));
    assert_eq!(spike["tags"], serde_json::json!([]));
}

#[test]
fn huge_titles_are_cut_with_a_message() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    let file = sandbox.path("huge.csv");
    fs::write(&file, format!("Issue key,Summary\nBIG-1,{}\n", "Ω".repeat(100_000))).expect("write");
    import(&sandbox, &db, &file)
        .success()
        .stdout(predicate::str::contains("titles longer than 200 characters were cut to 200 — row 2"));
    let title = item(&sandbox, &db, "BIG-1")["title"].as_str().map(|t| t.chars().count());
    assert_eq!(title, Some(200));
}

#[test]
fn github_issues_import_with_labels_mapped_and_closed_ones_skipped_unless_asked() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    import(&sandbox, &db, &fixture("github-issues.json"))
        .success()
        .stdout(predicate::str::contains("(github): 7 items created"))
        .stdout(predicate::str::contains("closed issues skipped; --include-closed imports them as done — #430"));
    assert_eq!(item(&sandbox, &db, "example-org/example-app#415")["kind"], "defect");
    assert_eq!(item(&sandbox, &db, "example-org/example-app#418")["kind"], "risk", "security outranks dependencies");
    assert_eq!(item(&sandbox, &db, "example-org/example-app#420")["kind"], "debt");
    assert_eq!(item(&sandbox, &db, "example-org/example-app#421")["kind"], "defect", "bug + performance");
    assert_eq!(item(&sandbox, &db, "example-org/example-app#412")["kind"], "feature");
    sandbox
        .on(&db)
        .args(["import", "--include-closed"])
        .arg(fixture("github-issues.json"))
        .assert()
        .success()
        .stdout(predicate::str::contains("1 item created, 0 updated, 7 unchanged"));
    assert_eq!(item(&sandbox, &db, "example-org/example-app#430")["status"], "done");

    sandbox.on(&db).args(["import", "--repo", "api"]).arg(fixture("github-no-url.json")).assert().success();
    assert_eq!(item(&sandbox, &db, "api#5")["kind"], "defect");
}

#[test]
fn exactly_thirty_github_issues_warn_about_gh_s_default_limit() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    let issues: Vec<Value> = (1..=30)
        .map(|n| serde_json::json!({"number": n, "title": format!("Issue {n}"), "labels": [], "state": "OPEN", "url": format!("https://github.com/o/r/issues/{n}")}))
        .collect();
    let file = sandbox.path("issues.json");
    fs::write(&file, serde_json::to_string(&issues).expect("json")).expect("write");
    import(&sandbox, &db, &file)
        .success()
        .stdout(predicate::str::contains("exactly 30 issues").and(predicate::str::contains("--limit")));
}

#[test]
fn the_format_is_told_from_the_contents_or_named() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    let disguised = sandbox.path("export.txt");
    fs::copy(fixture("jira-minimal.csv"), &disguised).expect("copy");
    import(&sandbox, &db, &disguised).success().stdout(predicate::str::contains("(jira): 2 items created"));
    sandbox
        .on(&db)
        .args(["import", "--from", "csv"])
        .arg(fixture("jira-minimal.csv"))
        .assert()
        .code(5)
        .stderr(predicate::str::contains("no \"title\" column"));
    sandbox
        .on(&db)
        .args(["import", "--from", "excel", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("jira, azure, github, csv or json"));
    import(&sandbox, &db, &sandbox.path("missing.csv")).code(5).stderr(predicate::str::contains("cannot open it"));
    import(&sandbox, &db, &fixture("header-only.csv")).success().stdout(predicate::str::contains("holds no rows"));
}

#[test]
fn json_round_trips_through_an_empty_database_byte_for_byte() {
    let sandbox = Sandbox::new();
    let demo = sandbox.demo_db("demo.sqlite");
    import(&sandbox, &demo, &fixture("jira-bom-crlf.csv")).success();
    let first = sandbox.path("first.json");
    sandbox
        .on(&demo)
        .args(["export", "--out"])
        .arg(&first)
        .assert()
        .success()
        .stdout(predicate::str::contains("Wrote a flowdeck document"));

    let copy = empty_db(&sandbox, "copy.sqlite");
    import(&sandbox, &copy, &first).success().stdout(predicate::str::contains("Restored"));
    assert_eq!(document(&sandbox, &copy), fs::read_to_string(&first).expect("read"));

    // Into a database with data, only the items merge, by key.
    import(&sandbox, &copy, &first)
        .success()
        .stdout(predicate::str::contains("0 items created, 0 updated"))
        .stdout(predicate::str::contains("only the document's items were merged"));
}

#[test]
fn csv_export_neutralises_formulas_and_imports_back_unchanged() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    import(&sandbox, &db, &fixture("flowdeck.csv"))
        .success()
        .stdout(predicate::str::contains("2 items created"))
        .stdout(predicate::str::contains("columns not imported (not flowdeck columns): score"));
    assert_eq!(item(&sandbox, &db, "CSV-1")["title"], "=HYPERLINK(\"http://x\")", "the guard quote is removed");
    let debt = item(&sandbox, &db, "CSV-2");
    assert_eq!((debt["debt"]["interest"].as_u64(), debt["debt"]["category"].as_str()), (Some(4), Some("strategic")));

    let out = sandbox.on(&db).args(["export", "--format", "csv"]).assert().success();
    let csv = String::from_utf8(out.get_output().stdout.clone()).expect("utf-8");
    assert!(csv.contains("CSV-1,\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
    let file = sandbox.path("again.csv");
    fs::write(&file, csv).expect("write");
    import(&sandbox, &db, &file).success().stdout(predicate::str::contains("0 items created, 0 updated, 2 unchanged"));
}

#[test]
fn the_markdown_brief_reads_as_a_document() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo_db("demo.sqlite");
    let out = sandbox.on(&db).args(["export", "--format", "md"]).assert().success();
    let md = String::from_utf8(out.get_output().stdout.clone()).expect("utf-8");
    for section in [
        "# Sprint 48: planning brief",
        "## Sprint goal",
        "## At a glance",
        "## What we plan to do",
        "## Split against the capacity policy",
        "### Guardrails",
        "## Capacity, step by step",
        "## Technical debt",
    ] {
        assert!(md.contains(section), "no {section:?} in\n{md}");
    }
    assert!(md.contains("**PAY-1282** Apple Pay merchant validation endpoint (pinned)"), "{md}");
    assert!(md.contains("÷ 8 ="), "score breakdowns are shown: {md}");
    assert!(!md.contains('\u{1b}'));

    let file = sandbox.path("brief.md");
    sandbox
        .on(&db)
        .args(["export", "--out"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("planning brief"));
    assert_eq!(fs::read_to_string(&file).expect("read"), md, "--out picks the format from the extension");

    let empty = empty_db(&sandbox, "empty.sqlite");
    sandbox
        .on(&empty)
        .args(["export", "--format", "md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no sprint"));
}

#[test]
fn progress_goes_to_stderr_only_when_asked_or_on_a_terminal() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    let mut text = String::from("Issue key,Summary,Custom field (Story Points)\n");
    for n in 1..=40_000 {
        text.push_str(&format!("P-{n},A reasonably long summary for issue number {n},3\n"));
    }
    let file = sandbox.path("large.csv");
    fs::write(&file, text).expect("write");
    import(&sandbox, &db, &file).success().stderr("");
    let db = empty_db(&sandbox, "second.sqlite");
    sandbox
        .on(&db)
        .env("FLOWDECK_PROGRESS", "always")
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains("reading large.csv:").and(predicate::str::contains("saving 40000 items")));
}

#[test]
fn the_config_file_extends_the_mappings() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    let config = sandbox.path("config.toml");
    fs::write(&config, "[import]\ndefault_kind = \"debt\"\n[import.jira.kinds]\nSpike = \"risk\"\n").expect("write");
    sandbox
        .on(&db)
        .arg("--config")
        .arg(&config)
        .arg("import")
        .arg(fixture("jira-bom-crlf.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("Spike").not());
    assert_eq!(item(&sandbox, &db, "WEB-3")["kind"], "risk");
    fs::write(&config, "[import.github.labels]\nbug = \"story\"\n").expect("write");
    sandbox
        .on(&db)
        .arg("--config")
        .arg(&config)
        .arg("import")
        .arg(fixture("github-issues.json"))
        .assert()
        .code(4)
        .stderr(predicate::str::contains("'story'"));
}

#[test]
fn a_changed_created_date_is_saved_once_and_then_unchanged() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    let file = sandbox.path("dates.csv");
    fs::write(&file, "Issue key,Summary,Created\nD-1,Dated,01/Oct/26 09:10 AM\n").expect("write");
    import(&sandbox, &db, &file).success();
    fs::write(&file, "Issue key,Summary,Created\nD-1,Dated,05/Oct/26 10:00 AM\n").expect("write");
    import(&sandbox, &db, &file).success().stdout(predicate::str::contains("1 updated"));
    // The store keeps the new date, so the same file changes nothing the next time.
    import(&sandbox, &db, &file).success().stdout(predicate::str::contains("0 updated, 1 unchanged"));
    assert_eq!(item(&sandbox, &db, "D-1")["created"], "2026-10-05T10:00:00Z");
}

#[test]
fn jira_resolutions_drop_work_closed_undone_and_status_categories_cover_unknown_statuses() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    import(&sandbox, &db, &fixture("jira-resolution.csv"))
        .success()
        .stdout(predicate::str::contains("(jira): 9 items created"))
        // The only note: this empty team has none of the file's assignees.
        .stdout(predicate::str::contains("Notes:\n  - assignees not on the team, left unassigned: Ana Souza (3 items)"))
        .stdout(predicate::str::contains("\n  - ").count(1));
    for key in ["FIN-201", "FIN-202", "FIN-203", "FIN-204", "FIN-205"] {
        assert_eq!(item(&sandbox, &db, key)["status"], "dropped", "{key}: resolved without being done");
    }
    assert_eq!(item(&sandbox, &db, "FIN-206")["status"], "done", "resolution Done");
    assert_eq!(item(&sandbox, &db, "FIN-207")["status"], "backlog", "In Progress category, unknown status");
    assert_eq!(item(&sandbox, &db, "FIN-208")["status"], "backlog", "To Do category");
    assert_eq!(item(&sandbox, &db, "FIN-209")["status"], "done", "Done category, unknown status Deployed");

    // The resolution table is the user's to change, like the statuses.
    let config = sandbox.path("config.toml");
    fs::write(&config, "[import.jira.resolutions]\nDeclined = \"backlog\"\n").expect("write");
    sandbox.on(&db).arg("--config").arg(&config).arg("import").arg(fixture("jira-resolution.csv")).assert().success();
    assert_eq!(item(&sandbox, &db, "FIN-205")["status"], "backlog", "Declined mapped by the config");
    assert_eq!(item(&sandbox, &db, "FIN-201")["status"], "dropped", "defaults kept");
}

#[test]
fn an_explicit_zero_and_a_missing_estimate_are_told_apart_and_both_kept_out_of_auto_fill() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    import(&sandbox, &db, &fixture("jira-zero-estimates.csv"))
        .success()
        .stdout(predicate::str::contains("2 new items without an estimate: 0 points, tagged unestimated"))
        .stdout(predicate::str::contains("2 new items with an explicit 0 estimate: tagged zero-points"))
        .stdout(predicate::str::contains("-0").not());
    for key in ["OPS-11", "OPS-12"] {
        let i = item(&sandbox, &db, key);
        assert_eq!((i["estimate"].as_f64(), &i["excluded"]), (Some(0.0), &Value::Bool(true)), "{key}");
        assert_eq!(i["tags"], serde_json::json!(["zero-points"]), "{key}");
    }
    for key in ["OPS-13", "OPS-14"] {
        let i = item(&sandbox, &db, key);
        assert_eq!(i["excluded"], true, "{key}");
        assert_eq!(i["tags"], serde_json::json!(["unestimated"]), "{key}");
    }
    assert_eq!(item(&sandbox, &db, "OPS-15")["excluded"], false, "a real estimate stays in auto-fill");

    // A real estimate arriving later lifts the import's own exclusion.
    let later = sandbox.path("later.csv");
    let text = fs::read_to_string(fixture("jira-zero-estimates.csv")).expect("read");
    fs::write(&later, text.replace("OPS Sprint 3,0\n", "OPS Sprint 3,2\n")).expect("write");
    import(&sandbox, &db, &later).success();
    let i = item(&sandbox, &db, "OPS-11");
    assert_eq!((i["estimate"].as_f64(), &i["excluded"]), (Some(2.0), &Value::Bool(false)));
    assert_eq!(i["tags"], serde_json::json!([]));
    assert_eq!(item(&sandbox, &db, "OPS-12")["excluded"], true, "still 0 in the file");
}

#[test]
fn a_github_rest_dump_takes_created_at_and_html_url_and_skips_pull_requests() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    sandbox
        .on(&db)
        .args(["import", "--include-closed"])
        .arg(fixture("github-rest.json"))
        .assert()
        .success()
        .stdout(predicate::str::contains("(github): 3 items created"))
        .stdout(predicate::str::contains("2 pull requests skipped"))
        .stdout(predicate::str::contains("dated today").not());
    let keys: Vec<String> = items(&sandbox, &db).iter().filter_map(|i| i["key"].as_str().map(str::to_string)).collect();
    assert_eq!(
        keys,
        ["acme/example-app#501", "acme/example-app#503", "acme/example-app#504"],
        "no pull request imported"
    );
    let crash = item(&sandbox, &db, "acme/example-app#501");
    assert_eq!((crash["kind"].as_str(), crash["created"].as_str()), (Some("defect"), Some("2026-09-14T08:02:11Z")));
    assert_eq!(item(&sandbox, &db, "acme/example-app#503")["kind"], "debt");
    assert_eq!(item(&sandbox, &db, "acme/example-app#504")["status"], "dropped", "state_reason not_planned");
}

#[test]
fn an_assumed_date_is_always_noted() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    let gh = sandbox.path("no-dates.json");
    fs::write(&gh, r#"[{"number":9,"title":"A","state":"OPEN","url":"https://github.com/o/app/issues/9"}]"#)
        .expect("write");
    import(&sandbox, &db, &gh).success().stdout(predicate::str::contains("no createdAt (or created_at): dated today"));
    let jira = sandbox.path("no-created.csv");
    fs::write(&jira, "Issue key,Summary,Issue Type,Story Points\nP-1,A,Story,3\n").expect("write");
    import(&sandbox, &db, &jira)
        .success()
        .stdout(predicate::str::contains("no \"Created\" column: every issue is dated today"))
        .stdout(predicate::str::contains("dated today (2026-11-21)"));
    // Today is the day flowdeck takes as today (the sandbox pretends 2026-11-21).
    let created = item(&sandbox, &db, "P-1")["created"].as_str().unwrap_or("").to_string();
    assert!(created.starts_with("2026-11-21T"), "{created}");
}

#[test]
fn github_keys_carry_the_owner_and_items_keyed_the_old_way_are_found_and_re_keyed() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    // An item an older flowdeck keyed `repo#N`, with a score the manager tuned since.
    let old = sandbox.path("old.csv");
    fs::write(&old, "key,title,kind,impact\nexample-app#412,Old title,feature,5\n").expect("write");
    import(&sandbox, &db, &old).success();
    import(&sandbox, &db, &fixture("github-issues.json")).success().stdout(predicate::str::contains(" 1 updated,"));
    let keys: Vec<String> = items(&sandbox, &db).iter().filter_map(|i| i["key"].as_str().map(str::to_string)).collect();
    assert!(keys.iter().all(|k| k.starts_with("example-org/example-app#")), "{keys:?}");
    let moved = item(&sandbox, &db, "example-org/example-app#412");
    assert_eq!(moved["impact"], 5, "the same item, re-keyed, not a duplicate");
    // And the next import finds it under its new key.
    import(&sandbox, &db, &fixture("github-issues.json"))
        .success()
        .stdout(predicate::str::contains("0 items created, 0 updated"));
}
