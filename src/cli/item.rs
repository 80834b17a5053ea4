//! `flowdeck item add|edit|show|rm`: one item from the command line.
//!
//! The command fills the TUI's own item form with the flags given and validates it, so every
//! field, check and message is the form's; the change set is the one the form would save
//! (lifting `unestimated` when an estimate comes), saved in one transaction.
//!
//! Stale rows: a command reads the item and writes it in the same breath, and the store refuses
//! the write if another process saved the row in between. Across commands, `item show` prints
//! the row's version; `--expect-version N` makes `edit` and `rm` refuse (exit 18, nothing saved)
//! when the item is no longer at version N — the same refusal the TUI gives a form opened on a
//! row someone else has saved since.

use std::io::Write;
use std::process::ExitCode;

use crate::domain::change::{Change, ChangeSet, VersionedRow};
use crate::domain::edits::{self, label};
use crate::domain::{ItemId, Kind, Status, WorkItem, Workspace};
use crate::report::item::{to_json, write_text, Standing};
use crate::service::debt::find_item;
use crate::service::import_merge::{differences, UNESTIMATED};
use crate::service::planning::ranking;
use crate::tui::forms::{item as item_form, Form};

use super::context::Context;
use super::exit::{code, Failure};
use super::item_args::{ItemCommand, ItemFields, ShowFormat};

pub fn run(ctx: &Context, command: ItemCommand, out: &mut impl Write) -> Result<ExitCode, Failure> {
    match command {
        ItemCommand::Add { fields, format } => add(ctx, &fields, format, out),
        ItemCommand::Edit { item, fields, expect_version } => edit(ctx, &item, &fields, expect_version, out),
        ItemCommand::Show { item, format } => show(ctx, &item, format, out),
        ItemCommand::Rm { item, expect_version } => remove(ctx, &item, expect_version, out),
    }
}

/// The refusal when the item moved on since the version the caller saw (the store refuses the
/// same way if it moves on between this check and the write).
fn expect(item: &WorkItem, expected: Option<i64>) -> Result<(), Failure> {
    match expected {
        Some(v) if v != item.version => Err(Failure::new(
            code::CONFLICT,
            format!(
                "{} is at version {}, not {v}: it was saved since you looked; nothing was saved\n  \
                 `flowdeck item show {}` shows it now; repeat the change if it still makes sense",
                label(item),
                item.version,
                label(item)
            ),
        )),
        _ => Ok(()),
    }
}

fn usage(message: impl Into<String>) -> Failure {
    Failure::new(code::USAGE, message)
}

fn find(ws: &Workspace, reference: &str) -> Result<ItemId, Failure> {
    find_item(ws, reference).map_err(|m| Failure::new(code::ERROR, m))
}

/// Writes the flags into the form; a debt field on an item that is not debt is refused
/// rather than silently dropped.
fn fill(form: &mut Form, fields: &ItemFields) -> Result<(), Failure> {
    let given = fields.form_values();
    for (flag, label, value) in &given {
        form.set(label, value).map_err(|m| usage(format!("{flag}: {m}")))?;
    }
    if !fields.add_tags.is_empty() || !fields.remove_tags.is_empty() {
        let mut tags: Vec<String> =
            form.value("Tags").split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
        for tag in &fields.add_tags {
            if !tags.contains(tag) {
                tags.push(tag.clone());
            }
        }
        tags.retain(|t| !fields.remove_tags.contains(t));
        form.set("Tags", &tags.join(", ")).map_err(usage)?;
    }
    let kind = form.value("Kind").to_string();
    if kind != Kind::Debt.as_str() {
        let debt_only = given.iter().find(|(_, label, _)| {
            form.fields.iter().any(|f| f.label == *label && f.show_if.as_ref().is_some_and(|(on, _)| on == "Kind"))
        });
        if let Some((flag, _, _)) = debt_only {
            return Err(usage(format!("{flag} is a debt register field and this item is a {kind} (add --kind debt)")));
        }
    }
    Ok(())
}

/// The form's change set, or every invalid field named by its flag.
fn validated(form: &mut Form, ws: &Workspace, ctx: &Context) -> Result<ChangeSet, Failure> {
    if let Some(set) = form.validate(ws, ctx.today) {
        return Ok(set);
    }
    let problems: Vec<String> =
        form.visible().filter_map(|(_, f)| f.error.as_ref().map(|e| format!("{}: {e}", flag_of(&f.label)))).collect();
    Err(usage(format!("not saved: {}", problems.join("; "))))
}

fn flag_of(label: &str) -> String {
    match label {
        "Time to value" => "--ttv".into(),
        other => format!("--{}", other.to_lowercase().replace(' ', "-")),
    }
}

/// The one item change of a form's set.
fn item_after(set: &mut ChangeSet) -> Option<&mut WorkItem> {
    set.changes.iter_mut().find_map(|c| match c {
        Change::Item { after: Some(a), .. } => Some(a),
        _ => None,
    })
}

/// --status, --exclude and --include: item fields the form does not hold (Plan's keys set them).
fn apply_flags(ws: &Workspace, after: &mut WorkItem, fields: &ItemFields) -> Result<(), Failure> {
    if fields.exclude {
        after.excluded = true;
        // The store refuses an item both pinned and excluded; as `x` on Plan, exclusion wins.
        after.pinned = false;
    }
    if fields.include {
        after.excluded = false;
    }
    if let Some(text) = &fields.status {
        let status = Status::parse(text).filter(|s| *s != Status::Planned).ok_or_else(|| {
            usage(format!(
                "--status {text:?}: backlog, done or dropped (plan items on Plan or with `flowdeck plan auto`)"
            ))
        })?;
        if after.status == Status::Planned && status != Status::Backlog {
            let sprint = after.sprint.and_then(|id| ws.sprint(id)).map_or("a sprint", |s| s.name.as_str());
            return Err(usage(format!(
                "{} is planned into {sprint}: take it out first (--status backlog), or close the sprint",
                label(after)
            )));
        }
        if status != after.status {
            after.status = status;
            after.sprint = None;
        }
    }
    Ok(())
}

fn add(
    ctx: &Context,
    fields: &ItemFields,
    format: Option<ShowFormat>,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    let mut session = ctx.open_session(&settings)?;
    let ws = session.workspace();
    let mut form = item_form::form(None, Kind::Feature, ws);
    let unestimated = fields.estimate.is_none();
    if unestimated {
        form.set("Estimate", "0").map_err(usage)?;
    }
    fill(&mut form, fields)?;
    let mut set = validated(&mut form, ws, ctx)?;
    if let Some(after) = item_after(&mut set) {
        if unestimated && !after.is_unestimated() {
            after.tags.push(UNESTIMATED.to_string());
            after.excluded = true;
        }
        apply_flags(ws, after, fields)?;
    }
    let committed = session.apply(&set)?;
    let ws = session.workspace();
    let created = committed.changes.iter().find_map(Change::item_id).and_then(|id| ws.item(id));
    let Some(item) = created else { return Err(Failure::new(code::ERROR, "the new item was not saved")) };
    match format {
        Some(format) => write_item(ws, item, format, out)?,
        None => {
            let note =
                if item.is_unestimated() { "; unestimated: excluded from auto-fill until it gets one" } else { "" };
            let number = if item.key.is_some() { format!("#{}, ", item.id.0) } else { String::new() };
            writeln!(out, "created {} ({number}version {}){note}", label(item), item.version)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn edit(
    ctx: &Context,
    reference: &str,
    fields: &ItemFields,
    expect_version: Option<i64>,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    let mut session = ctx.open_session(&settings)?;
    let ws = session.workspace();
    let id = find(ws, reference)?;
    let before = ws.item(id).cloned().ok_or_else(|| Failure::new(code::ERROR, "that item no longer exists"))?;
    expect(&before, expect_version)?;
    let mut form = item_form::form(Some(&before), before.kind, ws);
    form.remember(ws);
    fill(&mut form, fields)?;
    let mut set = validated(&mut form, ws, ctx)?;
    if let Some(after) = item_after(&mut set) {
        apply_flags(ws, after, fields)?;
    }
    if let Some(version) = expect_version {
        set.expect_version(VersionedRow::Item(id), version);
    }
    let after = item_after(&mut set).cloned();
    let changed = after.as_ref().map(|a| differences(&before, a)).unwrap_or_default();
    let flags_changed = after.as_ref().is_some_and(|a| (a.excluded, a.pinned) != (before.excluded, before.pinned));
    if changed.is_empty() && !flags_changed {
        writeln!(out, "{}: nothing to change (version {} stays)", label(&before), before.version)?;
        return Ok(ExitCode::SUCCESS);
    }
    let committed = session.apply(&set)?;
    let version = committed.changes.iter().find_map(|c| c.written()).map_or(before.version, |(_, v)| v);
    let mut what = changed;
    if after.as_ref().is_some_and(|a| a.pinned != before.pinned) {
        what.push("unpinned".into());
    }
    writeln!(out, "{} (version {version}): {}", committed.label, what.join(", "))?;
    Ok(ExitCode::SUCCESS)
}

fn standing(ws: &Workspace, item: &WorkItem) -> Standing {
    let ranked = ranking(ws, None);
    Standing { rank: ranked.iter().position(|(r, _)| r.id == item.id).map(|p| p + 1), of: ranked.len() }
}

fn write_item(ws: &Workspace, item: &WorkItem, format: ShowFormat, out: &mut impl Write) -> Result<(), Failure> {
    let standing = standing(ws, item);
    match format {
        ShowFormat::Text => write_text(ws, item, &standing, out)?,
        ShowFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &to_json(ws, item, &standing)).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

fn show(ctx: &Context, reference: &str, format: ShowFormat, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    let session = ctx.open_session(&settings)?;
    let ws = session.workspace();
    let id = find(ws, reference)?;
    let item = ws.item(id).ok_or_else(|| Failure::new(code::ERROR, "that item no longer exists"))?;
    write_item(ws, item, format, out)?;
    Ok(ExitCode::SUCCESS)
}

fn remove(
    ctx: &Context,
    reference: &str,
    expect_version: Option<i64>,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    let mut session = ctx.open_session(&settings)?;
    let ws = session.workspace();
    let id = find(ws, reference)?;
    let title = ws.item(id).map(|i| i.title.clone()).unwrap_or_default();
    if let Some(item) = ws.item(id) {
        expect(item, expect_version)?;
    }
    let mut set = edits::delete(ws, id).map_err(|m| Failure::new(code::ERROR, m))?;
    if let Some(version) = expect_version {
        set.expect_version(VersionedRow::Item(id), version);
    }
    let committed = session.apply(&set)?;
    writeln!(out, "{} “{}”", committed.label, crate::domain::text::sanitize_line(&title))?;
    Ok(ExitCode::SUCCESS)
}
