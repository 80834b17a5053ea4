//! Jira exports in other languages through the real binary: localised headers, month names,
//! issue types, statuses and resolutions; a language flowdeck does not read is refused with
//! the Jira setting to switch. And the note every import prints when it assumes a date.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

use common::Sandbox;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

fn empty_db(sandbox: &Sandbox, name: &str) -> PathBuf {
    let db = sandbox.path(name);
    sandbox.flowdeck().args(["init", "--db"]).arg(&db).assert().success();
    db
}

fn items(sandbox: &Sandbox, db: &Path) -> Vec<Value> {
    let out = sandbox.on(db).args(["export", "--format", "json"]).assert().success();
    let doc: Value = serde_json::from_slice(&out.get_output().stdout).expect("json");
    doc["items"].as_array().cloned().unwrap_or_default()
}

fn item(all: &[Value], key: &str) -> Value {
    all.iter().find(|i| i["key"] == key).cloned().unwrap_or_else(|| panic!("no item {key}"))
}

type Expected<'a> = (&'a str, &'a str, &'a str, f64, &'a str);

fn assert_items(all: &[Value], expected: &[Expected<'_>]) {
    for (key, kind, status, estimate, created) in expected {
        let i = item(all, key);
        assert_eq!(
            (i["kind"].as_str(), i["status"].as_str(), i["estimate"].as_f64(), i["created"].as_str()),
            (Some(*kind), Some(*status), Some(*estimate), Some(*created)),
            "{key}"
        );
    }
}

#[test]
fn a_russian_jira_export_imports_with_its_types_resolutions_and_months() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    sandbox
        .on(&db)
        .arg("import")
        .arg(fixture("jira-ru.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("(jira): 5 items created, 0 updated, 0 unchanged."))
        .stdout(predicate::str::contains("not in [import.jira").not())
        .stdout(predicate::str::contains("not understood").not());
    let all = items(&sandbox, &db);
    assert_items(
        &all,
        &[
            ("PAY-201", "feature", "backlog", 5.0, "2026-07-21T10:15:00Z"),
            ("PAY-202", "defect", "backlog", 3.0, "2026-05-03T09:00:00Z"),
            ("PAY-203", "feature", "done", 2.0, "2026-01-15T14:30:00Z"),
            ("PAY-204", "feature", "dropped", 0.0, "2025-12-01T08:00:00Z"),
            ("PAY-205", "risk", "backlog", 0.0, "2026-09-10T12:00:00Z"),
        ],
    );
    let first = item(&all, "PAY-201");
    assert_eq!(first["title"], "Сохранение карты при оплате");
    assert_eq!(first["tags"], serde_json::json!(["payments", "q3-okr"]), "both Метки columns");
    assert_eq!(first["impact"], 4, "Высокий is High");
    assert!(item(&all, "PAY-205")["tags"].as_array().is_some_and(|t| t.iter().any(|t| t == "zero-points")));
    // A second import changes nothing: the keys are found again.
    sandbox
        .on(&db)
        .arg("import")
        .arg(fixture("jira-ru.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("0 items created, 0 updated, 5 unchanged"));
}

#[test]
fn a_german_jira_export_imports_with_its_types_resolutions_and_months() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    sandbox
        .on(&db)
        .arg("import")
        .arg(fixture("jira-de.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("(jira): 4 items created"))
        .stdout(predicate::str::contains("not in [import.jira").not())
        .stdout(predicate::str::contains("not understood").not());
    let all = items(&sandbox, &db);
    assert_items(
        &all,
        &[
            ("ZAHL-11", "feature", "backlog", 5.0, "2026-03-03T14:05:00Z"),
            ("ZAHL-12", "defect", "backlog", 3.0, "2026-10-15T09:30:00Z"),
            ("ZAHL-13", "feature", "done", 2.0, "2025-12-01T08:00:00Z"),
            ("ZAHL-14", "feature", "dropped", 0.0, "2026-06-20T16:45:00Z"),
        ],
    );
    assert_eq!(item(&all, "ZAHL-11")["tags"], serde_json::json!(["zahlungen", "q3-okr"]), "both Stichwörter");
    assert_eq!(item(&all, "ZAHL-12")["impact"], 5, "Höchste is Highest");
}

#[test]
fn french_spanish_portuguese_and_japanese_headers_and_months_are_read() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    let files = [
        ("fr.csv", "Résumé,Clé de ticket,Type de ticket,État,Résolution,Création\nA,FR-1,Bogue,Terminé,Terminé,21/juil./26 10:15 AM\n", "2026-07-21T10:15:00Z", "defect", "done"),
        ("es.csv", "Resumen,Clave de incidencia,Tipo de incidencia,Estado,Resolución,Creada\nA,ES-1,Historia,Cerrado,No se hará,03/ago/26 09:00 AM\n", "2026-08-03T09:00:00Z", "feature", "dropped"),
        ("pt.csv", "Resumo,Chave da item,Tipo de item,Status,Resolução,Criado\nA,PT-1,Tarefa,Em andamento,,14/fev/26 02:00 PM\n", "2026-02-14T14:00:00Z", "feature", "backlog"),
        ("ja.csv", "要約,課題キー,課題タイプ,ステータス,解決状況,作成日\nA,JA-1,バグ,完了,完了,05/7月/26 10:15 午後\n", "2026-07-05T22:15:00Z", "defect", "done"),
    ];
    for (name, text, created, kind, status) in files {
        let file = sandbox.path(name);
        fs::write(&file, text).expect("write");
        sandbox
            .on(&db)
            .arg("import")
            .arg(&file)
            .assert()
            .success()
            .stdout(predicate::str::contains("(jira): 1 item created"));
        let key = format!("{}-1", name[..2].to_uppercase());
        let i = item(&items(&sandbox, &db), &key);
        assert_eq!(
            (i["created"].as_str(), i["kind"].as_str(), i["status"].as_str()),
            (Some(created), Some(kind), Some(status)),
            "{name}"
        );
    }
}

#[test]
fn a_jira_export_in_a_language_flowdeck_does_not_read_names_the_setting_to_switch() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    sandbox
        .on(&db)
        .arg("import")
        .arg(fixture("jira-it.csv"))
        .assert()
        .code(5)
        .stderr(predicate::str::contains("cannot tell its format"))
        .stderr(predicate::str::contains("Profile → Personal settings → Language → English"));
    sandbox
        .on(&db)
        .args(["import", "--from", "jira"])
        .arg(fixture("jira-it.csv"))
        .assert()
        .code(5)
        .stderr(predicate::str::contains("no \"Issue key\" column"))
        .stderr(predicate::str::contains("Profile → Personal settings → Language → English"));
    assert!(items(&sandbox, &db).is_empty());
}

#[test]
fn flowdeck_csv_rows_without_a_created_date_are_noted_with_the_date_they_get() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    let file = sandbox.path("plain.csv");
    fs::write(&file, "key,title,kind,estimate\nP-1,A,feature,2\nP-2,B,defect,3\n").expect("write");
    let out = sandbox.on(&db).arg("import").arg(&file).assert().success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let note = "2 new items had no created date: dated today (";
    let at = stdout.find(note).unwrap_or_else(|| panic!("no note in {stdout}"));
    let date = &stdout[at + note.len()..at + note.len() + 10];
    for i in items(&sandbox, &db) {
        assert!(i["created"].as_str().is_some_and(|c| c.starts_with(date)), "{i} dated {date}");
    }
    // Updating the same items assumes nothing: no note.
    sandbox
        .on(&db)
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("no created date").not());
}
