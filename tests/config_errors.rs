//! Config files a user might really write, and the messages they get back.

mod common;

use std::fs;

use predicates::prelude::*;

fn run_with_config(text: &str) -> (common::Sandbox, assert_cmd::assert::Assert) {
    let sandbox = common::Sandbox::new();
    let config = sandbox.path("config.toml");
    fs::write(&config, text).expect("write config");
    let db = sandbox.demo_db("d.sqlite");
    let assert = sandbox.flowdeck().arg("--config").arg(&config).arg("--db").arg(&db).arg("doctor").assert();
    (sandbox, assert)
}

#[test]
fn a_syntax_error_names_file_line_and_column() {
    let (_s, assert) = run_with_config("[ui]\ntheme = \"dark\"\n\n[capacity]\nunplanned_reserve = 0.1 0.2\n");
    assert.failure().code(1).stdout(predicate::str::contains("config.toml:5:").and(predicate::str::contains("FAIL")));
}

#[test]
fn an_unknown_key_is_reported_by_name_with_its_position() {
    let sandbox = common::Sandbox::new();
    let config = sandbox.path("config.toml");
    fs::write(&config, "[ui]\ntheme = \"dark\"\ncolour = \"blue\"\n").expect("write");
    sandbox
        .flowdeck()
        .arg("--config")
        .arg(&config)
        .args(["init", "--db"])
        .arg(sandbox.path("x.sqlite"))
        .assert()
        .code(4)
        .stderr(predicate::str::contains("config.toml:3:1").and(predicate::str::contains("colour")));
    assert!(!sandbox.path("x.sqlite").exists(), "nothing is created when the config is wrong");
}

#[test]
fn a_value_out_of_range_names_the_key_and_the_allowed_range() {
    let sandbox = common::Sandbox::new();
    let config = sandbox.path("config.toml");
    fs::write(&config, "[capacity]\nunplanned_reserve = 0.9\n").expect("write");
    sandbox.flowdeck().arg("--config").arg(&config).arg("init").assert().code(4).stderr(
        predicate::str::contains("capacity.unplanned_reserve = 0.9").and(predicate::str::contains("0.0 and 0.5")),
    );
}

#[test]
fn a_wrong_type_is_explained() {
    let sandbox = common::Sandbox::new();
    let config = sandbox.path("config.toml");
    fs::write(&config, "[storage]\nbusy_timeout_ms = \"soon\"\n").expect("write");
    sandbox
        .flowdeck()
        .arg("--config")
        .arg(&config)
        .arg("init")
        .assert()
        .code(4)
        .stderr(predicate::str::contains("config.toml:2:19"));
}

#[test]
fn a_named_config_file_must_exist_but_the_default_may_be_absent() {
    let sandbox = common::Sandbox::new();
    sandbox
        .flowdeck()
        .arg("--config")
        .arg(sandbox.path("missing.toml"))
        .arg("init")
        .assert()
        .code(4)
        .stderr(predicate::str::contains("missing.toml"));
    sandbox.flowdeck().arg("init").assert().success();
}

#[test]
fn flowdeck_config_env_var_is_honoured() {
    let sandbox = common::Sandbox::new();
    let config = sandbox.path("env.toml");
    fs::write(&config, "nonsense = 1\n").expect("write");
    sandbox
        .flowdeck()
        .env("FLOWDECK_CONFIG", &config)
        .arg("init")
        .assert()
        .code(4)
        .stderr(predicate::str::contains("nonsense"));
}

#[test]
fn the_printed_default_config_is_accepted_as_is() {
    let sandbox = common::Sandbox::new();
    let output = sandbox.flowdeck().args(["config", "default"]).output().expect("run");
    assert!(output.status.success());
    let config = sandbox.path("config.toml");
    fs::write(&config, &output.stdout).expect("write");
    sandbox.flowdeck().arg("--config").arg(&config).arg("init").assert().success();
}
