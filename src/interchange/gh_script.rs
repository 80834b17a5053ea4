//! The plan back to GitHub: a POSIX sh script of `gh` commands that puts each GitHub issue
//! planned in the sprint into a milestone (and, if asked, adds a label), and takes the milestone
//! off the issues in it that are no longer planned. It is meant to be read before it is run, so
//! it is plain and commented. Every value in a command is single-quoted,
//! so a milestone or label with quotes, `$` or backticks is passed to gh as written; titles
//! only ever appear in comments, on one line. It does not use `set -e`: a failed edit is
//! counted and named at the end, and the others still run.

use std::io::{self, Write};

use chrono::NaiveDate;

use crate::domain::text::sanitize_line;
use crate::domain::WorkItem;

/// What the script sets, and where issues keyed without an owner live.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GhOptions {
    /// The milestone each issue is put in (default: the sprint's name).
    pub milestone: Option<String>,
    /// A label added to each issue (default: none).
    pub label: Option<String>,
    /// `OWNER/REPO` for issues keyed `repo#N` or `#N` (imported with `--repo NAME`).
    pub repo: Option<String>,
}

/// Where an item is on GitHub, told from its key.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    /// Issue `number` of `repo` (`OWNER/REPO`).
    Issue { repo: String, number: String },
    /// No GitHub issue: no key, or a Jira or flowdeck key.
    NotOnGithub,
    /// A GitHub issue whose repository's owner the key does not say (`app#12`, `#12`), and
    /// `--repo` does not either; the reason says what to pass.
    RepoUnknown(String),
}

/// An owner or repository name as GitHub allows them (letters, digits, `-`, `_`, `.`), so it
/// can go in an API path.
fn is_name(part: &str) -> bool {
    !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
}

/// `OWNER/REPO`, as `--repo` takes it.
pub fn is_repo(text: &str) -> bool {
    text.split_once('/').is_some_and(|(owner, name)| is_name(owner) && is_name(name))
}

/// Where the item keyed `key` is: `owner/repo#N` says it all; `repo#N` and `#N` (imported with
/// `--repo NAME`) need `repo` (`OWNER/REPO`), whose name must then match the key's.
pub fn place(key: Option<&str>, repo: Option<&str>) -> Place {
    let Some((named, number)) = key.and_then(|k| k.rsplit_once('#')) else { return Place::NotOnGithub };
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) {
        return Place::NotOnGithub;
    }
    let issue = |repo: &str| Place::Issue { repo: repo.to_string(), number: number.to_string() };
    if named.contains('/') {
        return if is_repo(named) { issue(named) } else { Place::NotOnGithub };
    }
    if !named.is_empty() && !is_name(named) {
        return Place::NotOnGithub;
    }
    match repo.and_then(|r| r.split_once('/').map(|(_, name)| (r, name))) {
        Some((repo, name)) if named.is_empty() || named.eq_ignore_ascii_case(name) => issue(repo),
        Some((repo, _)) => Place::RepoUnknown(format!("repository {named}, not {repo}")),
        None => Place::RepoUnknown("pass --repo OWNER/REPO".to_string()),
    }
}

/// `text` as one sh word that the shell takes literally: in single quotes, each `'` written as
/// `'\''` (close the quotes, an escaped quote, open them again).
pub fn sh_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// `text` fit for a comment: one line (a line break would end the comment and make the rest a
/// command), no control characters.
fn comment(text: &str) -> String {
    sanitize_line(text)
}

/// How an item is named in the script: its key, else its number.
fn name(item: &WorkItem) -> String {
    comment(&item.key.clone().unwrap_or_else(|| format!("item {}", item.id.0)))
}

/// The sprint's plan sorted by where each item is on GitHub: what the script writes and what
/// `flowdeck push github` runs, computed once so the two never disagree.
#[derive(Debug, Clone)]
pub struct Targets<'a> {
    /// The milestone the planned issues go in (`--milestone`, else the sprint's name).
    pub milestone: String,
    /// Planned GitHub issues as (item, `OWNER/REPO`, number), in plan order.
    pub issues: Vec<(&'a WorkItem, String, String)>,
    /// Planned items with no GitHub issue.
    pub not_on_github: Vec<&'a WorkItem>,
    /// Planned GitHub issues whose repository is unknown, with what to pass.
    pub repo_unknown: Vec<(&'a WorkItem, String)>,
    /// The repositories of `issues`, first seen first: where the milestone (and label) is
    /// created and where issues taken out are looked for.
    pub repos: Vec<String>,
}

impl Targets<'_> {
    /// The planned issue numbers in `repo`.
    pub fn numbers_in(&self, repo: &str) -> Vec<&str> {
        self.issues.iter().filter(|(_, r, _)| r == repo).map(|(_, _, n)| n.as_str()).collect()
    }
}

/// Sorts `items` (the sprint's plan) in `sprint` by where they are on GitHub.
pub fn targets<'a>(items: impl IntoIterator<Item = &'a WorkItem>, sprint: &str, options: &GhOptions) -> Targets<'a> {
    let mut t = Targets {
        milestone: options.milestone.clone().unwrap_or_else(|| sprint.to_string()),
        issues: Vec::new(),
        not_on_github: Vec::new(),
        repo_unknown: Vec::new(),
        repos: Vec::new(),
    };
    for item in items {
        match place(item.key.as_deref(), options.repo.as_deref()) {
            Place::Issue { repo, number } => {
                if !t.repos.contains(&repo) {
                    t.repos.push(repo.clone());
                }
                t.issues.push((item, repo, number));
            }
            Place::NotOnGithub => t.not_on_github.push(item),
            Place::RepoUnknown(why) => t.repo_unknown.push((item, why)),
        }
    }
    t
}

/// The `gh` arguments that list the numbers of the open issues in `milestone` of `repo`.
/// Closed ones are left alone: they are work done (often in this very sprint), and taking
/// them out of the milestone would rewrite what the sprint delivered. gh stops at 30 unless told `--limit`: this many is "all" for any sprint's milestone.
pub const MILESTONE_LIST_LIMIT: usize = 10_000;

pub fn milestone_list_args(repo: &str, milestone: &str) -> Vec<String> {
    [
        "issue",
        "list",
        "--repo",
        repo,
        "--milestone",
        milestone,
        "--state",
        "open",
        "--limit",
        &MILESTONE_LIST_LIMIT.to_string(),
        "--json",
        "number",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// Writes the script for `items` (the sprint's plan) in `sprint`, written on `today`.
pub fn write<'a>(
    items: impl IntoIterator<Item = &'a WorkItem>,
    sprint: &str,
    today: NaiveDate,
    options: &GhOptions,
    mut out: impl Write,
) -> io::Result<()> {
    let targets = targets(items, sprint, options);
    let Targets { milestone, issues, not_on_github, repo_unknown, repos } = &targets;
    let milestone = milestone.as_str();

    writeln!(out, "#!/bin/sh")?;
    writeln!(out, "# The plan of sprint {} onto GitHub, written by flowdeck on {today}.", comment(sprint))?;
    let label = match &options.label {
        Some(l) => format!(" and gets the label {}", comment(l)),
        None => String::new(),
    };
    writeln!(out, "# Each GitHub issue planned in the sprint is put in the milestone {}{label},", comment(milestone))?;
    writeln!(out, "# with GitHub's gh CLI (installed, and logged in with `gh auth login`).")?;
    writeln!(out, "# Read it, then run it:  sh plan.sh  (saved by flowdeck export --format gh-script --out plan.sh)")?;
    writeln!(out, "# A failed edit does not stop the others: the failures are named at the end and the")?;
    writeln!(out, "# script exits 1. Issues in the milestone that are not planned (taken out of the sprint)")?;
    writeln!(out, "# have the milestone removed, in each repository with a planned issue.")?;
    if !not_on_github.is_empty() {
        writeln!(out, "#")?;
        writeln!(out, "# Not on GitHub, create them first (skipped):")?;
        for item in not_on_github {
            writeln!(out, "#   {}: {}", name(item), comment(&item.title))?;
        }
    }
    if !repo_unknown.is_empty() {
        writeln!(out, "#")?;
        writeln!(out, "# Repository unknown, the key names no owner (skipped):")?;
        for (item, why) in repo_unknown {
            writeln!(out, "#   {} ({}): {}", name(item), comment(why), comment(&item.title))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "if ! command -v gh >/dev/null 2>&1; then")?;
    writeln!(
        out,
        "  echo 'gh (GitHub CLI) is not installed or not on PATH: install it from https://cli.github.com,' >&2"
    )?;
    writeln!(out, "  echo 'log in with gh auth login, then run this script again. Nothing was changed.' >&2")?;
    writeln!(out, "  exit 127")?;
    writeln!(out, "fi")?;
    writeln!(out)?;
    writeln!(out, "failed=0")?;
    writeln!(out, "failures=''")?;
    writeln!(out, "# Counts a failed edit and remembers which issue it was.")?;
    writeln!(out, "fail() {{")?;
    writeln!(out, "  failed=$((failed+1))")?;
    writeln!(out, "  failures=\"$failures $1\"")?;
    writeln!(out, "}}")?;

    if !repos.is_empty() {
        writeln!(out)?;
        writeln!(out, "# gh issue edit does not create a milestone, so create it first. GitHub refuses a second")?;
        writeln!(out, "# milestone of the same title, so this fails, harmlessly and silently, where it exists.")?;
        for repo in repos {
            let path = sh_quote(&format!("repos/{repo}/milestones"));
            let title = sh_quote(&format!("title={milestone}"));
            writeln!(out, "gh api {path} -f {title} >/dev/null 2>&1 || true")?;
        }
    }
    if let (Some(label), false) = (&options.label, repos.is_empty()) {
        writeln!(out)?;
        writeln!(out, "# --add-label refuses a label the repository lacks, so create it first; this fails,")?;
        writeln!(out, "# harmlessly and silently, where the label exists (its colour and text stay as they are).")?;
        writeln!(out, "# `--` lets a label start with '-'.")?;
        for repo in repos {
            writeln!(out, "gh label create --repo {} -- {} >/dev/null 2>&1 || true", sh_quote(repo), sh_quote(label))?;
        }
    }

    writeln!(out)?;
    let add_label = options.label.as_deref().map(|l| format!(" --add-label {}", sh_quote(l))).unwrap_or_default();
    for (item, repo, number) in issues {
        let key = format!("{repo}#{number}");
        writeln!(out, "# {key}: {}", comment(&item.title))?;
        writeln!(
            out,
            "gh issue edit {} --repo {} --milestone {}{add_label} || fail {}",
            sh_quote(number),
            sh_quote(repo),
            sh_quote(milestone),
            sh_quote(&key)
        )?;
    }
    writeln!(out)?;
    writeln!(out, "total={}", issues.len())?;
    write_sweep(&targets, &mut out)?;
    writeln!(out)?;
    writeln!(out, "echo \"$((total - failed)) of $total issues updated.\"")?;
    writeln!(out, "if [ \"$failed\" -gt 0 ]; then")?;
    writeln!(out, "  echo \"Not updated (gh said why above):$failures\" >&2")?;
    writeln!(out, "fi")?;
    writeln!(out, "if [ -n \"$unlisted\" ]; then")?;
    writeln!(out, "  echo \"Milestone not read, issues taken out there keep it:$unlisted\" >&2")?;
    writeln!(out, "fi")?;
    writeln!(out, "if [ \"$failed\" -gt 0 ] || [ -n \"$unlisted\" ]; then")?;
    writeln!(out, "  exit 1")?;
    writeln!(out, "fi")?;
    Ok(())
}

/// The part that takes the milestone off issues taken out of the sprint: per repository, gh
/// lists the milestone's issues (open and closed), and each one not planned loses it. gh
/// prints bare numbers (`--jq`); anything else in its output is skipped, never run.
fn write_sweep(targets: &Targets, mut out: impl Write) -> io::Result<()> {
    writeln!(out, "unlisted=''")?;
    if targets.repos.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "# Issues in the milestone that are not planned were taken out of the sprint: their milestone")?;
    writeln!(out, "# is removed. gh lists the milestone's issues, open and closed; the planned ones are skipped.")?;
    for repo in &targets.repos {
        let planned = format!(" {} ", targets.numbers_in(repo).join(" "));
        writeln!(out, "planned={}", sh_quote(&planned))?;
        writeln!(
            out,
            "if numbers=$(gh issue list --repo {} --milestone {} --state open --limit {MILESTONE_LIST_LIMIT} \
             --json number --jq '.[].number'); then",
            sh_quote(repo),
            sh_quote(&targets.milestone)
        )?;
        // Unquoted for word splitting, so globbing is off: gh's words are never file names.
        writeln!(out, "  set -f")?;
        writeln!(out, "  for n in $numbers; do")?;
        writeln!(out, "    case $n in ''|*[!0-9]*) continue ;; esac")?;
        writeln!(out, "    case $planned in *\" $n \"*) continue ;; esac")?;
        writeln!(out, "    total=$((total+1))")?;
        writeln!(out, "    echo {}\"$n\"' out of the milestone.'", sh_quote(&format!("Taking {repo}#")))?;
        writeln!(
            out,
            "    gh issue edit \"$n\" --repo {} --remove-milestone || fail {}\"$n\"",
            sh_quote(repo),
            sh_quote(&format!("{repo}#"))
        )?;
        writeln!(out, "  done")?;
        writeln!(out, "  set +f")?;
        writeln!(out, "else")?;
        writeln!(out, "  unlisted=\"$unlisted \"{}", sh_quote(repo))?;
        writeln!(out, "fi")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::item;
    use crate::domain::Kind;

    fn issue(repo: &str, number: &str) -> Place {
        Place::Issue { repo: repo.into(), number: number.into() }
    }

    #[test]
    fn quoting_keeps_quotes_dollars_and_backticks_literal() {
        assert_eq!(sh_quote("it's $HOME `id`"), r"'it'\''s $HOME `id`'");
        assert_eq!(sh_quote("''"), r"''\'''\'''");
        assert_eq!(sh_quote(""), "''");
    }

    #[test]
    fn owner_repo_number_keys_are_issues_and_others_are_not_on_github() {
        assert_eq!(place(Some("example-org/example-app#412"), None), issue("example-org/example-app", "412"));
        assert_eq!(place(Some("o/r#1"), Some("x/y")), issue("o/r", "1"), "the key's owner wins");
        for key in
            [None, Some("PAY-101"), Some("a/b#"), Some("a/b c#1"), Some("a/$(x)#1"), Some("a/b#1x"), Some("x y#3")]
        {
            assert_eq!(place(key, Some("o/r")), Place::NotOnGithub, "{key:?}");
        }
    }

    #[test]
    fn keys_without_an_owner_take_the_repo_given() {
        assert_eq!(place(Some("api#5"), Some("acme/api")), issue("acme/api", "5"));
        assert_eq!(place(Some("API#5"), Some("acme/api")), issue("acme/api", "5"));
        assert_eq!(place(Some("#5"), Some("acme/api")), issue("acme/api", "5"));
        assert!(matches!(place(Some("api#5"), None), Place::RepoUnknown(w) if w.contains("--repo")));
        assert!(matches!(place(Some("web#5"), Some("acme/api")), Place::RepoUnknown(w) if w.contains("web")));
    }

    #[test]
    fn titles_and_names_stay_on_their_comment_line() {
        let mut on_github = item(1, Kind::Feature, 1.0);
        on_github.key = Some("o/r#1".into());
        on_github.title = "line\n touch x\r\u{1b}[31m red".into();
        let mut new = item(2, Kind::Feature, 1.0);
        new.key = None;
        new.title = "new\ntouch y".into();
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
        let mut out = Vec::new();
        write([&on_github, &new], "Sprint 7", today, &GhOptions::default(), &mut out).expect("write");
        let text = String::from_utf8(out).expect("utf-8");
        for line in text.lines().filter(|l| l.contains("touch")) {
            assert!(line.starts_with('#'), "{line:?} would run:\n{text}");
        }
        assert!(!text.contains('\r') && !text.contains('\u{1b}'), "{text}");
        assert!(text.contains("\n# o/r#1: line touch x [31m red\n"), "{text}");
        assert!(text.contains("\n#   item 2: new touch y\n"), "{text}");
        assert!(text.contains("gh issue edit '1' --repo 'o/r' --milestone 'Sprint 7' || fail 'o/r#1'\n"), "{text}");
    }

    #[test]
    fn repos_are_owner_slash_name() {
        assert!(is_repo("acme/api.v2"));
        assert!(!is_repo("api"));
        assert!(!is_repo("acme/"));
        assert!(!is_repo("a/b/c"));
        assert!(!is_repo("acme/a'pi"));
    }
}
