//! The plan back to GitHub: a POSIX sh script of `gh issue edit` commands, one per planned
//! issue keyed `owner/repo#N`, that sets its milestone and adds labels. The script is meant to
//! be read before it is run, so it is plain and commented; every value is single-quoted, so a
//! title, milestone or label with quotes, `$` or backticks is never run. It does not use
//! `set -e`: a failed edit is counted and named at the end, and the others still run.

use std::io::{self, Write};

use crate::domain::WorkItem;

/// What each edit sets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GhEdits {
    pub milestone: Option<String>,
    pub labels: Vec<String>,
}

/// A GitHub key `owner/repo#N` split into the repository and the issue number; `None` for
/// any other key (Jira's, flowdeck's own), or a name gh could not take.
pub fn github_issue(key: &str) -> Option<(&str, &str)> {
    let (repo, number) = key.rsplit_once('#')?;
    let (owner, name) = repo.split_once('/')?;
    let part = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    (part(owner) && part(name) && !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()))
        .then_some((repo, number))
}

/// `text` as one sh word that the shell takes literally: in single quotes, each `'` written as
/// `'\''` (close, an escaped quote, reopen).
pub fn sh_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// A title on one comment line (a line break would end the comment and run the rest).
fn comment(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// Writes the script for `items` (the sprint's plan) titled with `sprint`'s name.
pub fn write<'a>(
    items: impl IntoIterator<Item = &'a WorkItem>,
    sprint: &str,
    edits: &GhEdits,
    mut out: impl Write,
) -> io::Result<()> {
    let (on_github, elsewhere): (Vec<&WorkItem>, Vec<&WorkItem>) =
        items.into_iter().partition(|i| i.key.as_deref().and_then(github_issue).is_some());
    writeln!(out, "#!/bin/sh")?;
    writeln!(out, "# {}: the plan back to GitHub, written by flowdeck.", comment(sprint))?;
    writeln!(out, "# Review it, then run it with `sh FILE`; it needs `gh auth status` to pass and each")?;
    writeln!(out, "# milestone to exist in its repository. A failed edit does not stop the others:")?;
    writeln!(out, "# the failures are listed at the end, and the script then exits with status 1.")?;
    if !elsewhere.is_empty() {
        let keys: Vec<String> =
            elsewhere.iter().map(|i| comment(i.key.as_deref().unwrap_or("(no key)"))).collect();
        writeln!(out, "# Not on GitHub (no owner/repo#N key), left out: {}", keys.join(", "))?;
    }
    writeln!(out)?;
    writeln!(out, "failed=''")?;
    writeln!(out, "failures=0")?;
    writeln!(out, "edit() {{")?;
    writeln!(out, "  issue=$1")?;
    writeln!(out, "  shift")?;
    writeln!(out, "  if ! gh issue edit \"$@\"; then")?;
    writeln!(out, "    failed=\"$failed $issue\"")?;
    writeln!(out, "    failures=$((failures + 1))")?;
    writeln!(out, "  fi")?;
    writeln!(out, "}}")?;
    writeln!(out)?;
    let mut flags = String::new();
    if let Some(m) = &edits.milestone {
        flags.push_str(&format!(" --milestone {}", sh_quote(m)));
    }
    for label in &edits.labels {
        flags.push_str(&format!(" --add-label {}", sh_quote(label)));
    }
    for i in &on_github {
        let key = i.key.as_deref().unwrap_or_default();
        let Some((repo, number)) = github_issue(key) else { continue };
        writeln!(out, "# {}", comment(&i.title))?;
        writeln!(out, "edit {} {number} --repo {}{flags}", sh_quote(key), sh_quote(repo))?;
    }
    writeln!(out)?;
    writeln!(out, "if [ \"$failures\" -gt 0 ]; then")?;
    writeln!(out, "  echo \"flowdeck: $failures of {} edits failed:$failed\" >&2", on_github.len())?;
    writeln!(out, "  exit 1")?;
    writeln!(out, "fi")?;
    writeln!(out, "echo 'flowdeck: {} issues edited.'", on_github.len())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_owner_repo_number_keys_are_github_issues() {
        assert_eq!(github_issue("example-org/example-app#412"), Some(("example-org/example-app", "412")));
        assert_eq!(github_issue("PAY-101"), None);
        assert_eq!(github_issue("repo#16"), None, "the owner is needed");
        assert_eq!(github_issue("a/b#"), None);
        assert_eq!(github_issue("a/b c#1"), None);
        assert_eq!(github_issue("a/$(x)#1"), None);
    }

    #[test]
    fn quoting_keeps_quotes_dollars_and_backticks_literal() {
        assert_eq!(sh_quote("it's $HOME `id`"), r"'it'\''s $HOME `id`'");
        assert_eq!(sh_quote(""), "''");
    }
}
