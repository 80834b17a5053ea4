//! `flowdeck pull github` and `push github`: the same import and the same plan as
//! `flowdeck import` of `gh issue list --json` and `export --format gh-script`, but with gh run
//! by flowdeck. Pulling is planned here and saved by `service::import`; pushing is planned
//! here (which issues get the milestone, which lose it) and applied issue by issue, going on
//! past a failure so the end can say exactly which issues changed.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::PathBuf;

use chrono::{DateTime, Utc};

use crate::config::ImportSettings;
use crate::domain::text::sanitize_line;
use crate::domain::Workspace;
use crate::interchange::detect::Format;
use crate::interchange::gh_script::{milestone_list_args, Targets};
use crate::interchange::github::{GithubOptions, GH_DEFAULT_LIMIT};
use crate::interchange::record::{ImportError, Notices};

use super::gh_cli::{command_line, Gh, GhError};
use super::import::{prepare, ImportRequest, Plan, Prepared};

/// `pull github`'s default `--limit`: gh fetches page after page up to it, so this many means
/// "every issue" for any backlog a sprint is planned from (gh's own default is 30).
pub const PULL_LIMIT: usize = 10_000;

/// The fields `pull github` asks gh for: what the GitHub import reads.
pub const PULL_FIELDS: &str = "number,title,labels,state,stateReason,url,createdAt,assignees";

/// Why a pull or push stopped before changing anything.
#[derive(Debug)]
pub enum SyncError {
    Gh(GhError),
    /// gh printed something that is not the JSON asked for.
    Output {
        command: String,
        reason: String,
    },
    /// The issues cannot be imported (the import's own message).
    Import(ImportError),
    /// The issues could not be handed to the import.
    Io(String),
}

impl From<GhError> for SyncError {
    fn from(e: GhError) -> Self {
        SyncError::Gh(e)
    }
}

impl fmt::Display for SyncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SyncError::Gh(e) => write!(f, "{e}"),
            SyncError::Output { command, reason } => write!(
                f,
                "`{command}` printed no usable JSON ({reason}): check that `gh --version` is 2.0 or newer, \
                 and run the command yourself to see what it prints"
            ),
            SyncError::Import(e) => write!(f, "{e}"),
            SyncError::Io(why) => write!(f, "cannot hand gh's issues to the import: {why}"),
        }
    }
}

/// What `pull github` fetches.
#[derive(Debug, Clone, PartialEq)]
pub struct PullRequest {
    /// `OWNER/NAME`.
    pub repo: String,
    pub limit: usize,
    pub include_closed: bool,
}

/// `gh issue list …` for `request`.
pub fn pull_args(request: &PullRequest) -> Vec<String> {
    let state = if request.include_closed { "all" } else { "open" };
    let limit = request.limit.to_string();
    ["issue", "list", "--repo", &request.repo, "--state", state, "--limit", &limit, "--json", PULL_FIELDS]
        .map(String::from)
        .to_vec()
}

/// Runs gh and plans the import of what it printed into `ws` (nothing is written): the
/// preview `pull github` shows, and what it saves with `service::import::save`.
pub fn prepare_pull(
    ws: &Workspace,
    gh: &dyn Gh,
    request: &PullRequest,
    settings: &ImportSettings,
    now: DateTime<Utc>,
) -> Result<Prepared, SyncError> {
    let args = pull_args(request);
    let source = command_line(&args[..4]);
    let bytes = gh.run(&args)?;
    let count = serde_json::from_slice::<Vec<serde::de::IgnoredAny>>(&bytes)
        .map_err(|e| SyncError::Output { command: command_line(&args), reason: e.to_string() })?
        .len();
    let file = TempJson::write(&bytes).map_err(|e| SyncError::Io(e.to_string()))?;
    let import = ImportRequest {
        path: file.0.clone(),
        format: Some(Format::Github),
        dry_run: true,
        github: GithubOptions { include_closed: request.include_closed, repo: Some(request.repo.clone()) },
    };
    let mut prepared = prepare(ws, &import, settings, now, &mut |_| {}).map_err(|e| {
        SyncError::Import(ImportError::new(e.place.clone(), e.column.as_deref(), &e.reason, &e.fix).in_file(&source))
    })?;
    prepared.file = source;
    if let Plan::Merge(m) = &mut prepared.plan {
        m.set.label = format!("pull github {}", request.repo);
        m.notices = limit_notices(&m.notices, count, request.limit);
    }
    Ok(prepared)
}

/// The import's notes, with its warning about gh's default 30 replaced by one about the
/// `--limit` this pull passed: only a pull that got exactly that many may have missed some.
fn limit_notices(notices: &Notices, count: usize, limit: usize) -> Notices {
    let mut kept = Notices::default();
    for line in notices.lines() {
        if limit == GH_DEFAULT_LIMIT || !line.starts_with(&format!("exactly {GH_DEFAULT_LIMIT} issues")) {
            kept.add(line, None);
        }
    }
    if count == limit && limit != GH_DEFAULT_LIMIT {
        kept.add(
            format!("exactly {limit} issues, the --limit: there may be more; pull again with a larger --limit"),
            None,
        );
    }
    kept
}

/// gh's output in a temporary file for the import, which reads files; removed when dropped.
struct TempJson(PathBuf);

impl TempJson {
    fn write(bytes: &[u8]) -> std::io::Result<TempJson> {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let path = std::env::temp_dir().join(format!("flowdeck-pull-{}-{nanos}.json", std::process::id()));
        let file = TempJson(path);
        fs::OpenOptions::new().write(true).create_new(true).open(&file.0)?.write_all(bytes)?;
        Ok(file)
    }
}

impl Drop for TempJson {
    fn drop(&mut self) {
        // A leftover file in the temp dir is harmless; failing the pull over it would not be.
        let _ = fs::remove_file(&self.0);
    }
}

/// One issue `push github` edits.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub repo: String,
    pub number: String,
    /// Its title in flowdeck, when flowdeck has it.
    pub title: Option<String>,
    pub action: Action,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Put in the milestone (and given the label).
    Set,
    /// Taken out of the sprint: the milestone is removed.
    Remove,
}

impl Edit {
    pub fn key(&self) -> String {
        format!("{}#{}", self.repo, self.number)
    }
}

/// What `push github` will do.
#[derive(Debug, Clone, PartialEq)]
pub struct PushPlan {
    pub milestone: String,
    pub label: Option<String>,
    /// Repositories whose milestone of that name does not exist yet: created first.
    pub new_milestone: Vec<String>,
    /// Every repository with a planned issue (where the label is created, when given).
    pub repos: Vec<String>,
    /// Planned issues to put in the milestone, then issues taken out of it.
    pub edits: Vec<Edit>,
    /// Planned issues already in the milestone (left alone when no label is added).
    pub already: Vec<String>,
}

/// Plans the push of `targets`: asks gh which issues are in the milestone now in each
/// repository, so issues taken out of the sprint lose it and those already in it are left
/// alone. `title` finds an issue's title by key. Changes nothing on GitHub.
pub fn plan_push(
    targets: &Targets,
    label: Option<&str>,
    title: &dyn Fn(&str) -> Option<String>,
    gh: &dyn Gh,
) -> Result<PushPlan, SyncError> {
    let mut plan = PushPlan {
        milestone: targets.milestone.clone(),
        label: label.map(str::to_string),
        new_milestone: Vec::new(),
        repos: targets.repos.clone(),
        edits: Vec::new(),
        already: Vec::new(),
    };
    let mut removals = Vec::new();
    let mut in_milestone: Vec<(String, String)> = Vec::new();
    for repo in &targets.repos {
        let numbers = match milestone_members(gh, repo, &targets.milestone)? {
            Some(numbers) => numbers,
            None => {
                plan.new_milestone.push(repo.clone());
                continue;
            }
        };
        let planned = targets.numbers_in(repo);
        for n in numbers {
            if planned.contains(&n.as_str()) {
                in_milestone.push((repo.clone(), n));
            } else {
                let key = format!("{repo}#{n}");
                removals.push(Edit { repo: repo.clone(), title: title(&key), number: n, action: Action::Remove });
            }
        }
    }
    for (item, repo, number) in &targets.issues {
        let key = format!("{repo}#{number}");
        if label.is_none() && in_milestone.iter().any(|(r, n)| r == repo && n == number) {
            plan.already.push(key);
            continue;
        }
        let edit =
            Edit { repo: repo.clone(), number: number.clone(), title: Some(item.title.clone()), action: Action::Set };
        plan.edits.push(edit);
    }
    plan.edits.extend(removals);
    Ok(plan)
}

/// The numbers of the issues in `milestone` of `repo`; `None` when the repository has no
/// milestone of that title (gh says "no milestone found").
fn milestone_members(gh: &dyn Gh, repo: &str, milestone: &str) -> Result<Option<Vec<String>>, SyncError> {
    let args = milestone_list_args(repo, milestone);
    let bytes = match gh.run(&args) {
        Ok(bytes) => bytes,
        Err(GhError::Failed { stderr, .. }) if stderr.to_ascii_lowercase().contains("no milestone found") => {
            return Ok(None)
        }
        Err(e) => return Err(e.into()),
    };
    #[derive(serde::Deserialize)]
    struct Numbered {
        number: u64,
    }
    let listed: Vec<Numbered> = serde_json::from_slice(&bytes)
        .map_err(|e| SyncError::Output { command: command_line(&args), reason: e.to_string() })?;
    Ok(Some(listed.into_iter().map(|i| i.number.to_string()).collect()))
}

/// The `gh` arguments of one edit.
pub fn edit_args(plan: &PushPlan, edit: &Edit) -> Vec<String> {
    let mut args: Vec<String> = ["issue", "edit", &edit.number, "--repo", &edit.repo].map(String::from).to_vec();
    match edit.action {
        Action::Set => {
            args.extend(["--milestone".to_string(), plan.milestone.clone()]);
            if let Some(label) = &plan.label {
                args.extend(["--add-label".to_string(), label.clone()]);
            }
        }
        Action::Remove => args.push("--remove-milestone".to_string()),
    }
    args
}

/// What a push did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    pub changed: Vec<Edit>,
    /// Each failed edit with gh's first line about it.
    pub failed: Vec<(Edit, String)>,
}

/// Applies `plan`: creates the milestone where it is missing (and the label, when given),
/// as the gh script does — failures there are ignored, since GitHub refuses a second one of
/// the same name and a real problem fails the edits anyway, with gh's reason — then runs
/// every edit, going on past failures. `done` hears of each edit as it finishes.
pub fn apply(plan: &PushPlan, gh: &dyn Gh, done: &mut dyn FnMut(&Edit, Option<&str>)) -> Outcome {
    for repo in &plan.new_milestone {
        let args = [
            "api".to_string(),
            format!("repos/{repo}/milestones"),
            "-f".to_string(),
            format!("title={}", plan.milestone),
        ];
        let _ = gh.run(&args);
    }
    if let Some(label) = &plan.label {
        let needs_label: Vec<&String> =
            plan.repos.iter().filter(|r| plan.edits.iter().any(|e| e.action == Action::Set && &e.repo == *r)).collect();
        for repo in needs_label {
            let args = ["label", "create", "--repo", repo, "--", label].map(String::from);
            let _ = gh.run(&args);
        }
    }
    let mut outcome = Outcome::default();
    for edit in &plan.edits {
        match gh.run(&edit_args(plan, edit)) {
            Ok(_) => {
                done(edit, None);
                outcome.changed.push(edit.clone());
            }
            Err(e) => {
                let why = e.first_line();
                done(edit, Some(&why));
                outcome.failed.push((edit.clone(), why));
            }
        }
    }
    outcome
}

/// An issue's title as a listing shows it: one line.
pub fn shown_title(edit: &Edit) -> String {
    edit.title.as_deref().map(sanitize_line).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::item;
    use crate::domain::Kind;
    use crate::interchange::gh_script::{targets, GhOptions};
    use std::cell::RefCell;

    /// Answers milestone lists from `members` (`None`: no such milestone), fails edits of
    /// `failing`, and records every call.
    struct FakeGh {
        members: Option<&'static str>,
        failing: &'static str,
        calls: RefCell<Vec<String>>,
    }

    impl Gh for FakeGh {
        fn run(&self, args: &[String]) -> Result<Vec<u8>, GhError> {
            self.calls.borrow_mut().push(args.join(" "));
            let fail = |stderr: &str| GhError::Failed { command: "gh".into(), code: Some(1), stderr: stderr.into() };
            match (args[0].as_str(), args[1].as_str()) {
                ("issue", "list") => match self.members {
                    Some(json) => Ok(json.as_bytes().to_vec()),
                    None => Err(fail("no milestone found with title \"Sprint 7\"")),
                },
                ("issue", "edit") if args[2] == self.failing => Err(fail("HTTP 422: nope\nmore")),
                _ => Ok(Vec::new()),
            }
        }
    }

    fn planned() -> Vec<crate::domain::WorkItem> {
        [(1, "o/r#1"), (2, "o/r#2"), (3, "PAY-3")]
            .map(|(id, key)| {
                let mut i = item(id, Kind::Feature, 1.0);
                i.key = Some(key.into());
                i
            })
            .to_vec()
    }

    #[test]
    fn issues_taken_out_lose_the_milestone_and_those_in_it_are_left_alone() {
        let items = planned();
        let t = targets(&items, "Sprint 7", &GhOptions::default());
        let gh = FakeGh { members: Some(r#"[{"number":1},{"number":9}]"#), failing: "", calls: RefCell::default() };
        let plan = plan_push(&t, None, &|_| None, &gh).expect("plan");
        assert_eq!(plan.already, ["o/r#1"]);
        let edits: Vec<(String, Action)> = plan.edits.iter().map(|e| (e.key(), e.action)).collect();
        assert_eq!(edits, [("o/r#2".to_string(), Action::Set), ("o/r#9".to_string(), Action::Remove)]);
        assert!(plan.new_milestone.is_empty());
    }

    #[test]
    fn a_missing_milestone_is_created_and_a_failed_edit_does_not_stop_the_rest() {
        let items = planned();
        let t = targets(&items, "Sprint 7", &GhOptions { label: Some("-x".into()), ..Default::default() });
        let gh = FakeGh { members: None, failing: "1", calls: RefCell::default() };
        let plan = plan_push(&t, Some("-x"), &|_| None, &gh).expect("plan");
        assert_eq!(plan.new_milestone, ["o/r"]);
        let outcome = apply(&plan, &gh, &mut |_, _| {});
        assert_eq!(outcome.changed.iter().map(Edit::key).collect::<Vec<_>>(), ["o/r#2"]);
        assert_eq!(outcome.failed.len(), 1);
        assert_eq!(outcome.failed[0].1, "HTTP 422: nope");
        let calls = gh.calls.borrow();
        assert!(calls.contains(&"api repos/o/r/milestones -f title=Sprint 7".to_string()), "{calls:?}");
        assert!(calls.contains(&"label create --repo o/r -- -x".to_string()), "{calls:?}");
        assert!(calls.contains(&"issue edit 2 --repo o/r --milestone Sprint 7 --add-label -x".to_string()));
    }

    #[test]
    fn other_gh_failures_stop_the_plan() {
        struct Broken;
        impl Gh for Broken {
            fn run(&self, _: &[String]) -> Result<Vec<u8>, GhError> {
                Err(GhError::Missing)
            }
        }
        let items = planned();
        let t = targets(&items, "Sprint 7", &GhOptions::default());
        assert!(matches!(plan_push(&t, None, &|_| None, &Broken), Err(SyncError::Gh(GhError::Missing))));
    }

    #[test]
    fn the_limit_warning_speaks_of_the_limit_passed() {
        let mut n = Notices::default();
        n.add("exactly 30 issues: gh issue list stops at 30 unless told --limit", None);
        n.add("other", None);
        assert_eq!(limit_notices(&n, 30, PULL_LIMIT).lines(), ["other"]);
        let capped = limit_notices(&n, 50, 50).lines();
        assert!(capped.iter().any(|l| l.starts_with("exactly 50 issues, the --limit")), "{capped:?}");
    }
}
