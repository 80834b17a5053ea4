//! The JSON `gh issue list --json number,title,labels,state,url,…` prints: an array of issues.
//! Labels map to a kind by the configured table; unknown fields are ignored, so any `--json`
//! field list works as long as it has `number` and `title`.
//!
//! The key is `<owner>/<repository>#<number>` (`example-org/example-app#412`): issue numbers
//! repeat across repositories, and repository names across owners. Items keyed `repo#N` by
//! older versions are found by the next import and re-keyed (see `legacy_key`). It comes from each issue's `url`
//! (or `repository.name`, as `gh search issues` prints), or from `--repo NAME`.

use std::collections::HashMap;

use serde_json::Value;

use crate::domain::text::{sanitize_line, sanitize_title};
use crate::domain::Status;

use super::cells;
use super::mapping::Mappings;
use super::record::{title_cut, Field, ImportError, ImportRecord, Notices, Parsed, Place};

/// `gh issue list` returns at most this many issues unless told `--limit`.
pub const GH_DEFAULT_LIMIT: usize = 30;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct GithubOptions {
    /// Import closed issues too (as done, or dropped when closed as "not planned").
    pub include_closed: bool,
    /// The repository name for keys, when the issues carry no `url`.
    pub repo: Option<String>,
}

/// Line and column of byte `offset` in `bytes` (1-based).
fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let column = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
    (line, column)
}

fn parse_json(bytes: &[u8]) -> Result<Value, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let (line, column) = line_column(bytes, e.valid_up_to());
        return Err(ImportError::new(
            Place::Text { line, column },
            None,
            "the text is not UTF-8",
            "save the file as UTF-8 (gh always writes UTF-8: export again rather than editing it)",
        ));
    }
    serde_json::from_slice(bytes).map_err(|e| {
        ImportError::new(
            Place::Text { line: e.line(), column: e.column() },
            None,
            format!("not valid JSON: {}", strip_position(&e.to_string())),
            "export again with `gh issue list --json number,title,labels,state,url > issues.json`",
        )
    })
}

/// serde_json appends " at line L column C"; the place already says it.
fn strip_position(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}

/// `OWNER/REPO` from an issue URL `https://github.com/OWNER/REPO/issues/N` (or the API's
/// `https://api.github.com/repos/OWNER/REPO/issues/N`).
pub fn repo_from_url(url: &str) -> Option<String> {
    let path = url.split("://").nth(1)?;
    let parts: Vec<&str> = path.split('/').collect();
    let at = parts.iter().position(|p| *p == "issues" || *p == "pull")?;
    let repo = sanitize_line(parts.get(at.checked_sub(1)?)?);
    let owner = sanitize_line(parts.get(at.checked_sub(2)?)?);
    (at >= 3 && !repo.is_empty() && !owner.is_empty()).then(|| format!("{owner}/{repo}"))
}

/// The key an issue had before keys carried the owner (`repo#N` for `owner/repo#N`), so an
/// item imported then is still found, and re-keyed, by the next import.
pub fn legacy_key(key: &str) -> Option<&str> {
    let (repo, number) = key.split_once('#')?;
    let (_, name) = repo.split_once('/')?;
    Some(&key[key.len() - number.len() - 1 - name.len()..])
}

/// Reads the issues; the first unusable issue stops the reading with an error naming it.
pub fn read(bytes: &[u8], m: &Mappings, options: &GithubOptions) -> Result<Parsed, ImportError> {
    let value = parse_json(bytes)?;
    let Value::Array(issues) = value else {
        return Err(ImportError::new(
            Place::File,
            None,
            "the file is not a JSON array of issues",
            "use the output of `gh issue list --json number,title,labels,state,url`, or name the format with --from",
        ));
    };
    let mut notices = Notices::default();
    if issues.len() == GH_DEFAULT_LIMIT {
        notices.add(
            format!(
                "exactly {GH_DEFAULT_LIMIT} issues: gh issue list stops at {GH_DEFAULT_LIMIT} unless told --limit, \
                 so there may be more; export again with --limit 1000 (or more)"
            ),
            None,
        );
    }
    let mut records = Vec::with_capacity(issues.len());
    let mut seen: HashMap<String, Place> = HashMap::new();
    let mut closed: Vec<Place> = Vec::new();
    let mut pulls = 0;
    for (i, issue) in issues.iter().enumerate() {
        // The REST API lists pull requests among issues, marked by a `pull_request` object.
        if issue.get("pull_request").is_some_and(|p| !p.is_null()) {
            pulls += 1;
            continue;
        }
        let Some(record) = issue_record(i + 1, issue, m, options, &mut notices)? else {
            closed.push(Place::Entry { index: i + 1, label: number_label(issue) });
            continue;
        };
        let key = record.key.clone().unwrap_or_default();
        if let Some(first) = seen.get(&key) {
            return Err(ImportError::new(
                record.place.clone(),
                Some("number"),
                format!("issue {key} is also {}", describe(first)),
                "each issue may appear once; remove one of the two entries",
            ));
        }
        seen.insert(key, record.place.clone());
        records.push(record);
    }
    for place in &closed {
        notices.add("closed issues skipped; --include-closed imports them as done", Some(place));
    }
    if pulls > 0 {
        notices.add(
            format!(
                "{pulls} pull request{} skipped (a REST dump lists them among the issues; flowdeck plans issues)",
                if pulls == 1 { "" } else { "s" }
            ),
            None,
        );
    }
    Ok(Parsed { records, notices, key_column: "number".into() })
}

fn describe(place: &Place) -> String {
    match place {
        Place::Entry { index, .. } => format!("entry {index}"),
        other => other.to_string(),
    }
}

fn number_label(issue: &Value) -> Option<String> {
    issue.get("number").and_then(Value::as_u64).map(|n| format!("#{n}"))
}

/// The first of `names` that is a string: `gh` spells fields in camelCase, the REST API in
/// snake_case (and its `url` is the API's, so `html_url` comes first).
/// The first assignee's login and display name (gh's `assignees`, or the REST `assignee`).
/// flowdeck keeps one assignee per item, so a second one is named in a notice.
fn assignee_names(issue: &Value, place: &Place, notices: &mut Notices) -> Vec<String> {
    let listed: Vec<&Value> = match issue.get("assignees") {
        Some(Value::Array(all)) => all.iter().collect(),
        _ => issue.get("assignee").filter(|a| a.is_object()).into_iter().collect(),
    };
    let names_of = |a: &Value| -> Vec<String> {
        ["login", "name"]
            .iter()
            .filter_map(|f| a.get(*f).and_then(Value::as_str))
            .map(sanitize_line)
            .filter(|n| !n.is_empty())
            .collect()
    };
    if listed.len() > 1 {
        let others: Vec<String> = listed[1..].iter().filter_map(|a| names_of(a).into_iter().next()).collect();
        notices.add(format!("several assignees: flowdeck keeps the first, not {}", others.join(", ")), Some(place));
    }
    listed.first().map(|a| names_of(a)).unwrap_or_default()
}

fn str_field<'v>(issue: &'v Value, names: &[&str]) -> Option<&'v str> {
    names.iter().find_map(|n| issue.get(*n).and_then(Value::as_str))
}

/// One issue, or `None` when it is closed and closed issues are not wanted.
fn issue_record(
    index: usize,
    issue: &Value,
    m: &Mappings,
    options: &GithubOptions,
    notices: &mut Notices,
) -> Result<Option<ImportRecord>, ImportError> {
    let place = Place::Entry { index, label: number_label(issue) };
    let err = |field: &str, reason: String, fix: &str| ImportError::new(place.clone(), Some(field), reason, fix);
    if !issue.is_object() {
        return Err(err("", "this entry is not an issue (a JSON object)".into(), "export again with gh"));
    }
    let number = match issue.get("number") {
        Some(Value::Number(n)) if n.as_u64().is_some_and(|n| n > 0) => n.as_u64().unwrap_or_default(),
        Some(other) => {
            return Err(err("number", format!("{other} is not an issue number"), "issue numbers are whole numbers"))
        }
        None => return Err(err("number", "no number".into(), "add number to gh's --json fields")),
    };
    let state = issue.get("state").and_then(Value::as_str).unwrap_or("OPEN").to_ascii_uppercase();
    let status = match state.as_str() {
        "OPEN" => Status::Backlog,
        "CLOSED" if !options.include_closed => return Ok(None),
        "CLOSED" => match str_field(issue, &["stateReason", "state_reason"]) {
            Some(reason) if reason.eq_ignore_ascii_case("NOT_PLANNED") => Status::Dropped,
            _ => Status::Done,
        },
        other => {
            return Err(err(
                "state",
                format!("\"{}\" is not an issue state", sanitize_line(other)),
                "GitHub issues are OPEN or CLOSED",
            ))
        }
    };
    let repo = match (&options.repo, str_field(issue, &["html_url", "url"])) {
        (Some(repo), _) => repo.clone(),
        (None, Some(url)) => repo_from_url(url).ok_or_else(|| {
            err("url", format!("cannot tell the repository from \"{}\"", sanitize_line(url)), "pass --repo OWNER/NAME")
        })?,
        (None, None) => match issue
            .pointer("/repository/nameWithOwner")
            .or_else(|| issue.pointer("/repository/name"))
            .and_then(Value::as_str)
            .map(sanitize_line)
        {
            Some(name) if !name.is_empty() => name,
            _ => return Err(err(
                "url",
                "no url, so flowdeck cannot tell which repository the issue is from (keys are OWNER/REPO#NUMBER)"
                    .into(),
                "add url to gh's fields (gh issue list --json number,title,labels,state,url) or pass --repo OWNER/NAME",
            )),
        },
    };
    let raw_title = match issue.get("title") {
        Some(Value::String(s)) => s.as_str(),
        _ => return Err(err("title", "no title".into(), "add title to gh's --json fields")),
    };
    let (title, cut) = sanitize_title(raw_title);
    if title.is_empty() {
        return Err(err("title", "the title is empty".into(), "give the issue a title"));
    }
    if cut {
        notices.add(title_cut(), Some(&place));
    }
    let mut r = ImportRecord::new(place.clone(), Some(format!("{repo}#{number}")), title);
    r.status = Field::Given(status);
    r.assignee = assignee_names(issue, &place, notices);

    if let Some(labels) = issue.get("labels") {
        let Value::Array(labels) = labels else {
            return Err(err("labels", "labels is not a list".into(), "export again with gh"));
        };
        // gh prints label objects; older tools and hand-written files use plain names.
        let names: Vec<&str> =
            labels.iter().filter_map(|l| l.as_str().or_else(|| l.get("name").and_then(Value::as_str))).collect();
        r.kind = match m.github_kind(names.iter().copied()) {
            Some(kind) => Field::Given(kind),
            None => {
                notices.add(
                    format!(
                        "no label maps to a kind in [import.github.labels]: imported as {}, the default kind",
                        m.default_kind
                    ),
                    Some(&place),
                );
                Field::Initial(m.default_kind)
            }
        };
        let mut tags: Vec<String> = Vec::new();
        for tag in names.into_iter().filter_map(cells::tag) {
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        r.tags = Field::Given(tags);
    } else {
        r.kind = Field::Initial(m.default_kind);
    }
    match str_field(issue, &["createdAt", "created_at"]) {
        Some(created) => match cells::timestamp(created) {
            Some(t) => r.created = Field::Given(t),
            None => notices.add("createdAt not understood: the item is dated today", Some(&place)),
        },
        None => notices.add(
            "no createdAt (or created_at): dated today, the import date (add createdAt to gh's --json fields)",
            Some(&place),
        ),
    }
    Ok(Some(r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Kind;
    use crate::interchange::mapping::tests::mappings;

    fn issue(number: u64, labels: &[&str], state: &str) -> String {
        let labels: Vec<String> = labels.iter().map(|l| format!("{{\"name\":\"{l}\"}}")).collect();
        format!(
            "{{\"number\":{number},\"title\":\"Issue {number}\",\"labels\":[{}],\"state\":\"{state}\",\
             \"url\":\"https://github.com/o/app/issues/{number}\",\"createdAt\":\"2026-10-21T08:30:00Z\"}}",
            labels.join(",")
        )
    }

    fn parse(issues: &[String], options: &GithubOptions) -> Result<Parsed, ImportError> {
        read(format!("[{}]", issues.join(",")).as_bytes(), &mappings(), options)
    }

    #[test]
    fn issues_become_records_keyed_by_repository_and_number() {
        let p =
            parse(&[issue(1, &["bug"], "OPEN"), issue(2, &["security", "dependencies"], "OPEN")], &Default::default())
                .expect("parses");
        assert_eq!(p.records[0].key.as_deref(), Some("o/app#1"));
        assert_eq!(p.records[0].kind, Field::Given(Kind::Defect));
        assert_eq!(p.records[1].kind, Field::Given(Kind::Risk));
        assert_eq!(p.records[1].tags, Field::Given(vec!["security".into(), "dependencies".into()]));
    }

    #[test]
    fn closed_issues_are_skipped_unless_asked_for() {
        let issues = [issue(1, &["bug"], "OPEN"), issue(2, &["bug"], "CLOSED")];
        let p = parse(&issues, &Default::default()).expect("parses");
        assert_eq!(p.records.len(), 1);
        assert!(p.notices.lines()[0].contains("as done — #2"), "{:?}", p.notices.lines());
        let all = parse(&issues, &GithubOptions { include_closed: true, repo: None }).expect("parses");
        assert_eq!(all.records[1].status, Field::Given(Status::Done));
    }

    #[test]
    fn thirty_issues_is_gh_s_limit_and_worth_a_warning() {
        let issues: Vec<String> = (1..=30).map(|n| issue(n, &["bug"], "OPEN")).collect();
        let p = parse(&issues, &Default::default()).expect("parses");
        assert!(p.notices.lines().iter().any(|l| l.contains("--limit")));
        let p = parse(&issues[..29], &Default::default()).expect("parses");
        assert!(p.notices.is_empty());
    }

    #[test]
    fn without_url_the_repository_must_be_named() {
        let text = br#"[{"number":5,"title":"A","labels":[],"state":"OPEN"}]"#;
        let e = read(text, &mappings(), &Default::default()).expect_err("no repo");
        assert!(e.fix.contains("--repo"), "{e}");
        let p =
            read(text, &mappings(), &GithubOptions { repo: Some("web".into()), ..Default::default() }).expect("named");
        assert_eq!(p.records[0].key.as_deref(), Some("web#5"));
        assert_eq!(p.records[0].kind, Field::Initial(Kind::Feature), "no label: the default kind");
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let e = read(b"[\n  {\"number\": 1,}\n]", &mappings(), &Default::default()).expect_err("bad json");
        assert_eq!(e.place, Place::Text { line: 2, column: 16 });
    }

    #[test]
    fn a_bad_entry_is_named_by_its_number() {
        let text = br#"[{"number":7,"title":"","url":"https://github.com/o/app/issues/7"}]"#;
        let e = read(text, &mappings(), &Default::default()).expect_err("empty title");
        assert_eq!(e.to_string().lines().next(), Some("entry 1 (#7), field \"title\": the title is empty"));
    }

    #[test]
    fn urls_name_their_repository() {
        assert_eq!(repo_from_url("https://github.com/org/app/issues/4").as_deref(), Some("org/app"));
        assert_eq!(repo_from_url("https://ghe.example.com/org/app/issues/4").as_deref(), Some("org/app"));
        assert_eq!(repo_from_url("https://api.github.com/repos/org/app/issues/4").as_deref(), Some("org/app"));
        assert_eq!(legacy_key("org/app#4"), Some("app#4"));
        assert_eq!(legacy_key("app#4"), None);
        assert_eq!(legacy_key("PAY-1"), None);
        assert_eq!(repo_from_url("not a url"), None);
    }
}
