//! `flowdeck export --format gh-script`: a planned sprint back to GitHub as a sh script, made by
//! the real binary on a real SQLite file, then run by a real `sh` against a fake `gh` that logs
//! every call (and fails for one issue).

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use predicates::prelude::*;

use common::Sandbox;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

/// A title that would run commands if it ever left a comment.
const TRAP_TITLE: &str = "Don't $(touch pwned) `touch pwned2` dark mode";

/// The GitHub sample imported (keys `example-org/example-app#N`), an issue keyed `api#5`
/// (imported with `--repo api`, no owner), an item on no tracker, and `plan auto` on a new
/// sprint with estimates given to exactly those, so the sprint holds #412, #415, #418, api#5
/// and the new item.
fn planned_github_db(sandbox: &Sandbox) -> PathBuf {
    let db = sandbox.path("db.sqlite");
    sandbox.flowdeck().args(["init", "--db"]).arg(&db).assert().success();
    sandbox.on(&db).arg("import").arg(fixture("github-issues.json")).assert().success();
    sandbox.on(&db).args(["import", "--repo", "api"]).arg(fixture("github-no-url.json")).assert().success();
    for name in ["Ana", "Ben", "Chen"] {
        sandbox.on(&db).args(["team", "add", name]).assert().success();
    }
    for key in ["example-org/example-app#412", "example-org/example-app#415", "example-org/example-app#418", "api#5"] {
        sandbox.on(&db).args(["item", "edit", key, "--estimate", "2"]).assert().success();
    }
    sandbox.on(&db).args(["item", "edit", "example-org/example-app#412", "--title", TRAP_TITLE]).assert().success();
    sandbox.on(&db).args(["item", "add", "--title", "Write the release notes", "--estimate", "1"]).assert().success();
    sandbox.on(&db).args(["sprint", "new"]).assert().success();
    sandbox.on(&db).args(["plan", "auto", "--apply"]).assert().success();
    db
}

fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).expect("utf-8")
}

/// The `gh issue edit` lines of a script.
fn edits(script: &str) -> Vec<&str> {
    script.lines().filter(|l| l.starts_with("gh issue edit")).collect()
}

#[test]
fn the_script_edits_each_planned_github_issue_and_lists_the_rest_in_comments() {
    let sandbox = Sandbox::new();
    let db = planned_github_db(&sandbox);
    let script = stdout(&sandbox.on(&db).args(["export", "--format", "gh-script"]).assert().success());

    assert!(script
        .starts_with("#!/bin/sh\n# The plan of sprint Sprint 1 onto GitHub, written by flowdeck on 2026-11-21.\n"));
    assert!(script.contains("sh plan.sh"), "{script}");
    assert!(script.contains("command -v gh"), "{script}");
    assert!(!script.contains("set -e"), "{script}");
    // The milestone defaults to the sprint's name, and there is no label unless asked.
    assert_eq!(
        edits(&script),
        [
            "gh issue edit '412' --repo 'example-org/example-app' --milestone 'Sprint 1' || fail 'example-org/example-app#412'",
            "gh issue edit '415' --repo 'example-org/example-app' --milestone 'Sprint 1' || fail 'example-org/example-app#415'",
            "gh issue edit '418' --repo 'example-org/example-app' --milestone 'Sprint 1' || fail 'example-org/example-app#418'",
        ],
        "{script}"
    );
    assert!(script
        .contains("gh api 'repos/example-org/example-app/milestones' -f 'title=Sprint 1' >/dev/null 2>&1 || true"));
    assert!(!script.contains("--add-label") && !script.contains("gh label"), "{script}");
    assert!(script.contains("# Not on GitHub, create them first (skipped):\n#   item "), "{script}");
    assert!(script.contains(": Write the release notes\n"), "{script}");
    assert!(
        script.contains(
            "# Repository unknown, the key names no owner (skipped):\n#   api#5 (pass --repo OWNER/REPO): Fix it\n"
        ),
        "{script}"
    );
    // The title is only ever in a comment.
    let title_lines: Vec<&str> = script.lines().filter(|l| l.contains("touch pwned")).collect();
    assert_eq!(title_lines, [format!("# example-org/example-app#412: {TRAP_TITLE}")], "{script}");
}

#[test]
fn gh_script_flags_are_checked() {
    let sandbox = Sandbox::new();
    let db = planned_github_db(&sandbox);
    let usage = |args: &[&str], says: &str| {
        sandbox.on(&db).arg("export").args(args).assert().code(2).stderr(predicate::str::contains(says));
    };
    usage(&["--format", "jira-csv", "--label", "x"], "--label is for the GitHub script");
    usage(&["--format", "gh-script", "--repo", "api"], "is not OWNER/REPO");
    usage(&["--format", "gh-script", "--milestone", " "], "--milestone is empty");
    usage(&["--format", "gh-script", "--label", "a\nb"], "one line of text");
    sandbox
        .on(&db)
        .args(["export", "--format", "gh-script", "--sprint", "Sprint 9"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no sprint named 'Sprint 9'"));
}

#[cfg(unix)]
mod run {
    use super::*;
    use std::os::unix::fs::PermissionsExt;
    use std::process::{Command, Output};

    /// A fake `gh` in `dir`: logs its arguments, one call a line, each in brackets, to `log`,
    /// and fails for issue 415 as gh does when GitHub refuses an edit. Asked for a milestone's
    /// issues in example-org/example-app it names 412 (planned), 999 (taken out) and words that
    /// must never run; in acme/api only the planned 5.
    fn fake_gh(dir: &Path, log: &Path) {
        let log = log.display().to_string().replace('\'', r"'\''");
        let script = format!(
            "#!/bin/sh\n\
             for a in \"$@\"; do printf '[%s]' \"$a\"; done >> '{log}'\n\
             echo >> '{log}'\n\
             case \"$*\" in 'issue edit 415 '*) echo 'HTTP 422: cannot edit (fake)' >&2; exit 1;; esac\n\
             case \"$*\" in 'issue list --repo example-org/example-app '*) printf '412\\n999\\n$(touch x) `touch y`\\n';; esac\n\
             case \"$*\" in 'issue list --repo acme/api '*) printf '5\\n';; esac\n\
             exit 0\n"
        );
        let gh = dir.join("gh");
        fs::write(&gh, script).expect("write gh");
        fs::set_permissions(&gh, fs::Permissions::from_mode(0o755)).expect("chmod gh");
    }

    /// Runs `script` with sh in the empty directory `cwd`, with `path` as PATH.
    fn run_script(script: &Path, cwd: &Path, path: &str) -> Output {
        Command::new("/bin/sh").arg(script).current_dir(cwd).env("PATH", path).output().expect("run sh")
    }

    fn text(bytes: &[u8]) -> String {
        String::from_utf8_lossy(bytes).into_owned()
    }

    #[test]
    fn running_the_script_edits_the_issues_literally_counts_a_failure_and_exits_1() {
        let sandbox = Sandbox::new();
        let db = planned_github_db(&sandbox);
        let plan = sandbox.path("plan.sh");
        // One quote unpaired: quoted naively, the rest of the line would be run.
        let milestone = "Q4's push $(touch m) `touch n`";
        sandbox
            .on(&db)
            .args(["export", "--format", "gh-script", "--sprint", "current", "--repo", "acme/api"])
            .args(["--milestone", milestone, "--label", "from flowdeck", "--out"])
            .arg(&plan)
            .assert()
            .success()
            .stdout(predicate::str::contains("Wrote the sprint's plan as a gh script"));

        let bin = sandbox.path("bin");
        let cwd = sandbox.path("run");
        fs::create_dir_all(&bin).expect("bin");
        fs::create_dir_all(&cwd).expect("run dir");
        let log = sandbox.path("gh.log");
        fake_gh(&bin, &log);
        let output = run_script(&plan, &cwd, &format!("{}:/usr/bin:/bin", bin.display()));

        let m = format!("[--milestone][{milestone}][--add-label][from flowdeck]");
        let edit = |n: &str, repo: &str| format!("[issue][edit][{n}][--repo][{repo}]{m}");
        let list = |repo: &str| {
            format!(
                "[issue][list][--repo][{repo}][--milestone][{milestone}][--state][open][--limit][10000]\
                 [--json][number][--jq][.[].number]"
            )
        };
        let expected = [
            format!("[api][repos/example-org/example-app/milestones][-f][title={milestone}]"),
            format!("[api][repos/acme/api/milestones][-f][title={milestone}]"),
            "[label][create][--repo][example-org/example-app][--][from flowdeck]".to_string(),
            "[label][create][--repo][acme/api][--][from flowdeck]".to_string(),
            edit("412", "example-org/example-app"),
            edit("415", "example-org/example-app"),
            edit("418", "example-org/example-app"),
            edit("5", "acme/api"),
            list("example-org/example-app"),
            "[issue][edit][999][--repo][example-org/example-app][--remove-milestone]".to_string(),
            list("acme/api"),
        ];
        let logged = fs::read_to_string(&log).expect("gh was called");
        assert_eq!(logged.lines().collect::<Vec<_>>(), expected, "{}", text(&output.stderr));

        assert_eq!(output.status.code(), Some(1), "one edit failed");
        assert_eq!(
            text(&output.stdout),
            "Taking example-org/example-app#999 out of the milestone.\n4 of 5 issues updated.\n"
        );
        let stderr = text(&output.stderr);
        assert!(stderr.contains("HTTP 422: cannot edit (fake)"), "gh's own message is shown: {stderr}");
        assert!(stderr.contains("Not updated (gh said why above): example-org/example-app#415\n"), "{stderr}");
        let made: Vec<_> = fs::read_dir(&cwd).expect("run dir").map(|e| e.expect("entry").file_name()).collect();
        assert!(made.is_empty(), "nothing in a title or milestone ran: {made:?}");
    }

    #[test]
    fn without_gh_on_path_the_script_says_so_and_changes_nothing() {
        let sandbox = Sandbox::new();
        let db = planned_github_db(&sandbox);
        let plan = sandbox.path("plan.sh");
        // `.sh` asks for the gh script without --format.
        sandbox.on(&db).args(["export", "--out"]).arg(&plan).assert().success();
        let empty = sandbox.path("nothing");
        fs::create_dir_all(&empty).expect("dir");

        let output = run_script(&plan, &empty, &empty.display().to_string());
        assert_eq!(output.status.code(), Some(127));
        let stderr = text(&output.stderr);
        assert!(stderr.contains("gh (GitHub CLI) is not installed or not on PATH"), "{stderr}");
        assert!(stderr.contains("Nothing was changed."), "{stderr}");
        assert!(output.stdout.is_empty(), "no summary: {}", text(&output.stdout));
    }
}
