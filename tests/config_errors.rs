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

/// Keys and values a config file might hold, real and broken, for the fuzz below.
fn config_line() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let key = prop::sample::select(vec![
        "theme",
        "points_per_person_day",
        "unplanned_reserve",
        "history_window",
        "top",
        "horizon_sprints",
        "busy_timeout_ms",
        "alpha",
        "default_rho",
        "trials",
        "scenarios",
        "colour",
        "",
    ]);
    let value = prop_oneof![
        any::<i64>().prop_map(|v| v.to_string()),
        any::<f64>().prop_map(|v| format!("{v:?}")),
        "\\PC{0,12}".prop_map(|s| format!("{s:?}")),
        Just("[10, 20, 300]".to_string()),
        Just("nan".to_string()),
        Just("inf".to_string()),
        "\\PC{0,8}",
    ];
    let table = prop::sample::select(vec!["[ui]", "[capacity]", "[debt]", "[projection]", "[storage]", "[nope]", ""]);
    (table, key, value).prop_map(|(t, k, v)| format!("{t}\n{k} = {v}"))
}

proptest::proptest! {
    /// Whatever the file holds, loading it never panics: it is the settings, or an error
    /// that names the file and a line.
    #[test]
    fn any_config_text_gives_settings_or_a_located_error(
        lines in proptest::collection::vec(config_line(), 0..6),
        noise in "\\PC{0,40}",
    ) {
        let path = std::path::Path::new("config.toml");
        for text in [lines.join("\n"), noise] {
            match flowdeck::config::Settings::parse(&text, path) {
                Ok(_) => {}
                Err(e) => proptest::prop_assert!(e.to_string().contains("config.toml"), "{e}"),
            }
        }
    }
}
