//! `flowdeck pull github` and `flowdeck push github`: the real binary on a demo database,
//! running a fake `gh` (first on PATH) that logs every call and prints canned JSON from
//! tests/fixtures/gh.
#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use predicates::prelude::*;

use common::Sandbox;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gh").join(name)
}

/// A sandbox with a fake `gh` in `bin/`. The fake logs its arguments, one call a line, each
/// in brackets, to `gh.log`; `issue list --milestone …` prints $FAKE_GH_MILESTONE (or says
/// there is no such milestone, as gh does, when that file does not exist), any other
/// `issue list` prints $FAKE_GH_ISSUES; `issue edit $FAKE_GH_FAIL …` fails as GitHub refusing
/// an edit does; with FAKE_GH_LOGGED_OUT set every call fails as a logged-out gh does.
struct Fake {
    sandbox: Sandbox,
    bin: PathBuf,
}

const FAKE_GH: &str = r#"#!/bin/sh
for a in "$@"; do printf '[%s]' "$a"; done >> "$FAKE_GH_LOG"
echo >> "$FAKE_GH_LOG"
if [ -n "$FAKE_GH_LOGGED_OUT" ]; then
  echo 'To get started with GitHub CLI, please run:  gh auth login' >&2
  exit 4
fi
case "$1 $2" in
  'issue list')
    case " $* " in
      *' --milestone '*)
        if [ -f "$FAKE_GH_MILESTONE" ]; then cat "$FAKE_GH_MILESTONE"
        else echo 'no milestone found with title "fake"' >&2; exit 1; fi ;;
      *) cat "$FAKE_GH_ISSUES" ;;
    esac ;;
  'issue edit')
    if [ "$3" = "$FAKE_GH_FAIL" ]; then echo 'HTTP 422: Validation Failed (fake)' >&2; echo 'second line' >&2; exit 1; fi ;;
esac
exit 0
"#;

impl Fake {
    fn new() -> Fake {
        let sandbox = Sandbox::new();
        let bin = sandbox.path("bin");
        fs::create_dir_all(&bin).expect("bin");
        let gh = bin.join("gh");
        fs::write(&gh, FAKE_GH).expect("write gh");
        fs::set_permissions(&gh, fs::Permissions::from_mode(0o755)).expect("chmod gh");
        Fake { sandbox, bin }
    }

    /// flowdeck on `db` with the fake gh first on PATH, printing `issues`.
    fn on(&self, db: &Path, issues: &str) -> assert_cmd::Command {
        let mut cmd = self.sandbox.on(db);
        cmd.env("PATH", format!("{}:/usr/bin:/bin", self.bin.display()))
            .env("FAKE_GH_LOG", self.log())
            .env("FAKE_GH_ISSUES", fixture(issues))
            .env("FAKE_GH_MILESTONE", fixture("milestone-sprint-48.json"))
            .env_remove("FAKE_GH_FAIL")
            .env_remove("FAKE_GH_LOGGED_OUT");
        cmd
    }

    fn log(&self) -> PathBuf {
        self.sandbox.path("gh.log")
    }

    /// The calls gh got, one a line, and forgets them.
    fn calls(&self) -> Vec<String> {
        let text = fs::read_to_string(self.log()).unwrap_or_default();
        let _ = fs::remove_file(self.log());
        text.lines().map(str::to_string).collect()
    }
}

fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).expect("utf-8")
}

/// How many items the database holds with a key of acme/app.
fn pulled(fake: &Fake, db: &Path) -> usize {
    let csv = stdout(&fake.sandbox.on(db).args(["export", "--format", "csv"]).assert().success());
    csv.lines().filter(|l| l.starts_with("acme/app#")).count()
}

const LIST: &str = "[issue][list][--repo][acme/app]";
const FIELDS: &str = "[--json][number,title,labels,state,stateReason,url,createdAt,assignees]";

#[test]
fn pull_imports_every_issue_past_thirty_and_a_second_pull_updates_them() {
    let fake = Fake::new();
    let db = fake.sandbox.demo_db("demo.sqlite");

    let out = stdout(
        &fake.on(&db, "issues-45.json").args(["pull", "github", "--repo", "acme/app", "--yes"]).assert().success(),
    );
    assert_eq!(fake.calls(), [format!("{LIST}[--state][open][--limit][10000]{FIELDS}")]);
    assert!(
        out.starts_with("Dry run of gh issue list --repo acme/app (github): would create 45 items, update 0"),
        "{out}"
    );
    assert!(out.contains("  create  acme/app#45 "), "the preview lists each issue: {out}");
    assert!(out.contains("Imported gh issue list --repo acme/app (github): 45 items created, 0 updated"), "{out}");
    assert!(!out.contains("exactly 30"), "{out}");
    assert_eq!(pulled(&fake, &db), 45);

    // The same issues again, two reworded, with a limit and closed ones asked for.
    let out = stdout(
        &fake
            .on(&db, "issues-45-reworded.json")
            .args(["pull", "github", "--repo", "acme/app", "--limit", "45", "--include-closed", "-y"])
            .assert()
            .success(),
    );
    assert_eq!(fake.calls(), [format!("{LIST}[--state][all][--limit][45]{FIELDS}")]);
    assert!(out.contains("would create 0 items, update 2 and leave 43 unchanged"), "{out}");
    assert!(out.contains("  update  acme/app#5 "), "{out}");
    assert!(out.contains("exactly 45 issues, the --limit: there may be more"), "{out}");
    assert_eq!(pulled(&fake, &db), 45, "updated, not duplicated");
    fake.sandbox
        .on(&db)
        .args(["item", "show", "acme/app#44"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Issue 44 of the app, reworded"));
}

#[test]
fn pull_without_a_terminal_asks_for_yes_and_saves_nothing() {
    let fake = Fake::new();
    let db = fake.sandbox.demo_db("demo.sqlite");
    fake.on(&db, "issues-45.json")
        .args(["pull", "github", "--repo", "acme/app"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("would create 45 items"))
        .stderr(predicate::str::contains("stdin is not a terminal").and(predicate::str::contains("pass --yes")));
    assert_eq!(pulled(&fake, &db), 0);

    fake.on(&db, "issues-45.json")
        .args(["pull", "github", "--repo", "acme/app", "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains("nothing was saved"));
    assert_eq!(pulled(&fake, &db), 0);
}

#[test]
fn pull_failures_say_what_to_do_and_change_nothing() {
    let fake = Fake::new();
    let db = fake.sandbox.demo_db("demo.sqlite");

    // No gh anywhere on PATH.
    let empty = fake.sandbox.path("empty");
    fs::create_dir_all(&empty).expect("dir");
    fake.sandbox
        .on(&db)
        .env("PATH", &empty)
        .args(["pull", "github", "--repo", "acme/app", "--yes"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("gh (GitHub CLI) is not installed or not on PATH")
                .and(predicate::str::contains("https://cli.github.com"))
                .and(predicate::str::contains("nothing was changed")),
        );

    fake.on(&db, "issues-45.json")
        .env("FAKE_GH_LOGGED_OUT", "1")
        .args(["pull", "github", "--repo", "acme/app", "--yes"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("exited with 4: To get started with GitHub CLI")
                .and(predicate::str::contains("log in with `gh auth login`")),
        );

    fake.on(&db, "not-json.txt").args(["pull", "github", "--repo", "acme/app", "--yes"]).assert().code(1).stderr(
        predicate::str::contains("printed no usable JSON").and(predicate::str::contains("nothing was changed")),
    );

    fake.on(&db, "issues-45.json")
        .args(["pull", "github", "--repo", "app", "--yes"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not OWNER/NAME"));
    assert_eq!(pulled(&fake, &db), 0);
}

/// The demo with its two planned items re-keyed as issues 3 and 7 of acme/app.
fn planned_demo(fake: &Fake) -> PathBuf {
    let db = fake.sandbox.demo_db("demo.sqlite");
    for (key, issue) in [("PAY-1282", "acme/app#3"), ("PAY-1303", "acme/app#7")] {
        fake.sandbox.on(&db).args(["item", "edit", key, "--key", issue]).assert().success();
    }
    db
}

#[test]
fn push_puts_planned_issues_in_the_milestone_and_takes_it_off_one_taken_out() {
    let fake = Fake::new();
    let db = planned_demo(&fake);

    let preview = stdout(&fake.on(&db, "issues-45.json").args(["push", "github", "--dry-run"]).assert().success());
    assert!(preview.starts_with("Push of Sprint 48 to GitHub: milestone 'Sprint 48', 2 edits.\n"), "{preview}");
    assert!(preview.contains("  set     acme/app#7   milestone 'Sprint 48'"), "{preview}");
    assert!(preview.contains("  remove  acme/app#40  remove the milestone (taken out of the sprint)"), "{preview}");
    assert!(preview.contains("Already in the milestone (left alone): acme/app#3."), "{preview}");
    let list = "[issue][list][--repo][acme/app][--milestone][Sprint 48][--state][open][--limit][10000][--json][number]";
    assert_eq!(fake.calls(), [list], "a dry run only looks");

    fake.on(&db, "issues-45.json")
        .args(["push", "github"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pass --yes"));
    assert_eq!(fake.calls(), [list], "refused: nothing edited");

    let out = stdout(&fake.on(&db, "issues-45.json").args(["push", "github", "--yes"]).assert().success());
    assert_eq!(
        fake.calls(),
        [
            list,
            "[issue][edit][7][--repo][acme/app][--milestone][Sprint 48]",
            "[issue][edit][40][--repo][acme/app][--remove-milestone]",
        ]
    );
    assert!(out.contains("2 of 2 issues changed on GitHub.\nChanged: acme/app#7, acme/app#40.\n"), "{out}");
}

#[test]
fn a_failed_edit_does_not_stop_the_others_and_the_end_names_both() {
    let fake = Fake::new();
    let db = planned_demo(&fake);
    let assert = fake
        .on(&db, "issues-45.json")
        .env("FAKE_GH_FAIL", "3")
        .args(["push", "github", "--milestone", "Sprint 48", "--label", "from flowdeck", "--yes"])
        .assert()
        .code(1);
    let m = "[--milestone][Sprint 48][--add-label][from flowdeck]";
    assert_eq!(
        fake.calls(),
        [
            "[issue][list][--repo][acme/app][--milestone][Sprint 48][--state][open][--limit][10000][--json][number]"
                .to_string(),
            "[label][create][--repo][acme/app][--][from flowdeck]".to_string(),
            format!("[issue][edit][3][--repo][acme/app]{m}"),
            format!("[issue][edit][7][--repo][acme/app]{m}"),
            "[issue][edit][40][--repo][acme/app][--remove-milestone]".to_string(),
        ],
        "with a label, issues already in the milestone are edited too"
    );
    let out = stdout(&assert);
    assert!(out.contains("  FAILED  acme/app#3: HTTP 422: Validation Failed (fake)\n"), "{out}");
    assert!(out.contains("2 of 3 issues changed on GitHub.\nChanged: acme/app#7, acme/app#40.\n"), "{out}");
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("not changed: acme/app#3 (HTTP 422: Validation Failed (fake))"), "{stderr}");
    assert!(!stderr.contains("second line"), "one line per issue: {stderr}");
}

#[test]
fn push_without_gh_says_so_and_a_missing_milestone_is_created() {
    let fake = Fake::new();
    let db = planned_demo(&fake);
    let empty = fake.sandbox.path("empty");
    fs::create_dir_all(&empty).expect("dir");
    fake.sandbox
        .on(&db)
        .env("PATH", &empty)
        .args(["push", "github", "--yes"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("gh (GitHub CLI) is not installed or not on PATH"));

    let out = stdout(
        &fake
            .on(&db, "issues-45.json")
            .env("FAKE_GH_MILESTONE", fake.sandbox.path("no-such-file"))
            .args(["push", "github", "--milestone", "Q4", "--yes"])
            .assert()
            .success(),
    );
    assert!(out.contains("  create  milestone 'Q4' in acme/app (it does not exist yet)\n"), "{out}");
    assert_eq!(
        fake.calls(),
        [
            "[issue][list][--repo][acme/app][--milestone][Q4][--state][open][--limit][10000][--json][number]",
            "[api][repos/acme/app/milestones][-f][title=Q4]",
            "[issue][edit][3][--repo][acme/app][--milestone][Q4]",
            "[issue][edit][7][--repo][acme/app][--milestone][Q4]",
        ]
    );
}
