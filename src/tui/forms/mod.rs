//! Forms: a list of labelled fields edited in an overlay, validated on every key press.
//!
//! Text fields use `tui-input` (Unicode-aware cursor, word moves, deletes); choice fields cycle
//! through fixed values. Each form type (item, member, holiday, sprint, policy, defer) turns its
//! fields into a change set, or into one message per invalid field.

pub mod bulk;
pub mod defer;
pub mod item;
pub mod setup;
pub mod sprint;
pub mod team;

use std::borrow::Cow;

use tui_input::{Input, InputRequest};

use crate::domain::change::{ChangeSet, VersionedRow};
use crate::domain::Workspace;

#[derive(Debug, Clone)]
pub enum Value {
    Text(Input),
    Choice { options: &'static [&'static str], index: usize },
}

#[derive(Debug, Clone)]
pub struct Field {
    /// Mostly fixed words; a form about several items labels a field per item (its key).
    pub label: Cow<'static, str>,
    pub value: Value,
    /// What the field accepts, shown while it has the focus.
    pub hint: Cow<'static, str>,
    /// Shown only while another field (by label) has this value, e.g. debt fields for debt items.
    pub show_if: Option<(Cow<'static, str>, &'static str)>,
    pub error: Option<String>,
}

impl Field {
    pub fn text(label: impl Into<Cow<'static, str>>, value: impl Into<String>, hint: &'static str) -> Field {
        let value = Value::Text(Input::new(value.into()));
        Field { label: label.into(), value, hint: hint.into(), show_if: None, error: None }
    }

    pub fn choice(
        label: impl Into<Cow<'static, str>>,
        options: &'static [&'static str],
        current: &str,
        hint: &'static str,
    ) -> Field {
        let index = options.iter().position(|o| *o == current).unwrap_or(0);
        Field {
            label: label.into(),
            value: Value::Choice { options, index },
            hint: hint.into(),
            show_if: None,
            error: None,
        }
    }

    /// A hint worked out at run time (e.g. why a rationale is required).
    pub fn with_hint(mut self, hint: String) -> Field {
        self.hint = hint.into();
        self
    }

    pub fn shown_if(mut self, label: impl Into<Cow<'static, str>>, value: &'static str) -> Field {
        self.show_if = Some((label.into(), value));
        self
    }

    pub fn text_value(&self) -> &str {
        match &self.value {
            Value::Text(input) => input.value(),
            Value::Choice { options, index } => options.get(*index).copied().unwrap_or(""),
        }
    }

    pub fn is_choice(&self) -> bool {
        matches!(self.value, Value::Choice { .. })
    }
}

/// What a form edits, and so how its fields become a change.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// `None` for a new item.
    Item(Option<crate::domain::ItemId>),
    Member(crate::domain::MemberId),
    /// A member joining the team.
    NewMember,
    /// The first-run set-up of a database without a team.
    Setup,
    /// `None` for a new holiday; otherwise the date it had when the form opened.
    Holiday(Option<chrono::NaiveDate>),
    Sprint(crate::domain::SprintId),
    Policy,
    /// The next sprint.
    NewSprint,
    /// Closing the running sprint.
    CloseSprint(crate::domain::SprintId),
    /// One field set on every marked row of Plan.
    Bulk(Vec<crate::domain::ItemId>),
    /// Putting a debt off; `rank` is its place in the register, `top` the configured top.
    Defer {
        item: crate::domain::ItemId,
        rank: usize,
        top: usize,
    },
}

impl Target {
    /// The versioned row the form edits, if any.
    fn row(&self) -> Option<VersionedRow> {
        match self {
            Target::Item(Some(id)) | Target::Defer { item: id, .. } => Some(VersionedRow::Item(*id)),
            Target::Member(id) => Some(VersionedRow::Member(*id)),
            Target::Sprint(id) | Target::CloseSprint(id) => Some(VersionedRow::Sprint(*id)),
            Target::Policy => Some(VersionedRow::Policy),
            // A bulk edit expects the versions of the rows as the app holds them when it saves.
            Target::Item(None)
            | Target::Holiday(_)
            | Target::NewSprint
            | Target::NewMember
            | Target::Setup
            | Target::Bulk(_) => None,
        }
    }
}

fn version_in(ws: &Workspace, row: VersionedRow) -> Option<i64> {
    match row {
        VersionedRow::Item(id) => ws.item(id).map(|i| i.version),
        VersionedRow::Member(id) => ws.members.iter().find(|m| m.id == id).map(|m| m.version),
        VersionedRow::Sprint(id) => ws.sprint(id).map(|s| s.version),
        VersionedRow::Policy => Some(ws.policy.version),
    }
}

#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    pub target: Target,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// The row's version when the form opened. The change it saves expects that version, so
    /// if another flowdeck saved the row meanwhile the store refuses, and the user is told,
    /// instead of their form quietly overwriting what the other person saved.
    seen: Option<(VersionedRow, i64)>,
    /// After a refused save: the other version, so the user can keep theirs or take it.
    pub conflict: Option<Conflict>,
}

/// What another flowdeck saved on the row this form edits, field by field.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// Field index → the other version's value, for the fields where it differs from the form.
    pub theirs: Vec<(usize, String)>,
    /// The row no longer exists: keeping the form's values is not possible.
    pub gone: bool,
}

/// Field errors by index, or the change to save.
pub type Outcome = Result<ChangeSet, Vec<(usize, String)>>;

impl Form {
    pub fn new(title: impl Into<String>, target: Target, fields: Vec<Field>) -> Form {
        Form { title: title.into(), target, fields, focus: 0, seen: None, conflict: None }
    }

    /// Remembers the version of the row this form edits, as it is in `ws` now (when it opens).
    pub fn remember(&mut self, ws: &Workspace) {
        self.seen = self.target.row().and_then(|row| version_in(ws, row).map(|v| (row, v)));
    }

    /// The same form as it would open now on `ws` (another process's version of the row).
    fn fresh(&self, ws: &Workspace, today: chrono::NaiveDate) -> Option<Form> {
        match &self.target {
            Target::Item(Some(id)) => ws.item(*id).map(|i| item::form(Some(i), i.kind, ws)),
            Target::Member(id) => team::member_form(ws, *id),
            Target::Sprint(id) => team::sprint_form(ws, *id),
            Target::Policy => Some(team::policy_form(ws)),
            Target::CloseSprint(id) => sprint::close_form(ws, *id),
            Target::Defer { item, rank, top } => ws.item(*item).map(|i| defer::form(i, *rank, *top, today)),
            Target::Item(None)
            | Target::Holiday(_)
            | Target::NewSprint
            | Target::NewMember
            | Target::Setup
            | Target::Bulk(_) => None,
        }
    }

    /// A save was refused because the row changed meanwhile; `ws` holds the other version.
    /// The form keeps what the user typed and learns what differs.
    pub fn conflicted(&mut self, ws: &Workspace, today: chrono::NaiveDate) {
        let conflict = match self.fresh(ws, today) {
            Some(theirs) => Conflict {
                theirs: self
                    .fields
                    .iter()
                    .enumerate()
                    .filter_map(|(n, f)| {
                        let other = theirs.value(&f.label);
                        (other != f.text_value()).then(|| (n, other.to_string()))
                    })
                    .collect(),
                gone: false,
            },
            None => Conflict { theirs: Vec::new(), gone: self.target.row().is_some() },
        };
        self.conflict = Some(conflict);
    }

    /// Keep mine: the next save expects the other version and so replaces it, on purpose.
    pub fn keep_mine(&mut self, ws: &Workspace) {
        self.remember(ws);
        self.conflict = None;
    }

    /// Take theirs: the form shows the other version and edits from it.
    pub fn take_theirs(&mut self, ws: &Workspace, today: chrono::NaiveDate) -> bool {
        match self.fresh(ws, today) {
            Some(mut theirs) => {
                theirs.focus = self.focus.min(theirs.fields.len().saturating_sub(1));
                theirs.remember(ws);
                *self = theirs;
                true
            }
            None => false,
        }
    }

    /// The other version's value of field `n`, when it differs after a conflict.
    pub fn theirs(&self, n: usize) -> Option<&str> {
        self.conflict.as_ref()?.theirs.iter().find(|(i, _)| *i == n).map(|(_, v)| v.as_str())
    }

    pub fn value(&self, label: &str) -> &str {
        self.fields.iter().find(|f| f.label == label).map_or("", Field::text_value)
    }

    /// Sets a field by label as if typed (a choice must be one of its options): how the command
    /// line fills the same form the TUI shows, so both check a value the same way.
    pub fn set(&mut self, label: &str, text: &str) -> Result<(), String> {
        let field = self.fields.iter_mut().find(|f| f.label == label).ok_or_else(|| format!("no field {label}"))?;
        match &mut field.value {
            Value::Text(input) => *input = Input::new(text.to_string()),
            Value::Choice { options, index } => {
                let wanted = text.trim().to_ascii_lowercase();
                *index = options
                    .iter()
                    .position(|o| *o == wanted)
                    .ok_or_else(|| format!("{text:?} is not one of {}", options.join(", ")))?;
            }
        }
        Ok(())
    }

    pub fn index_of(&self, label: &str) -> usize {
        self.fields.iter().position(|f| f.label == label).unwrap_or(0)
    }

    pub fn is_visible(&self, n: usize) -> bool {
        match self.fields.get(n).and_then(|f| f.show_if.as_ref()) {
            Some((label, value)) => self.value(label) == *value,
            None => n < self.fields.len(),
        }
    }

    /// The fields shown now, with their indices.
    pub fn visible(&self) -> impl Iterator<Item = (usize, &Field)> {
        self.fields.iter().enumerate().filter(|(n, _)| self.is_visible(*n))
    }

    /// True on the last field shown (where the set-up's Enter saves).
    pub fn on_last_field(&self) -> bool {
        self.visible().last().is_none_or(|(n, _)| n == self.focus)
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    pub fn focus_next(&mut self, forward: bool) {
        let len = self.fields.len();
        for step in 1..=len {
            let n = if forward { (self.focus + step) % len } else { (self.focus + len - step % len) % len };
            if self.is_visible(n) {
                self.focus = n;
                return;
            }
        }
    }

    pub fn edit_text(&mut self, request: InputRequest) {
        if let Some(Field { value: Value::Text(input), .. }) = self.fields.get_mut(self.focus) {
            input.handle(request);
        }
    }

    pub fn cycle_choice(&mut self, forward: bool) {
        if let Some(Field { value: Value::Choice { options, index }, .. }) = self.fields.get_mut(self.focus) {
            let len = options.len().max(1);
            *index = if forward { (*index + 1) % len } else { (*index + len - 1) % len };
        }
    }

    /// Validates every visible field, marking errors; the change set when all are valid.
    pub fn validate(&mut self, ws: &Workspace, today: chrono::NaiveDate) -> Option<ChangeSet> {
        let outcome = match &self.target {
            Target::Item(id) => item::to_change(self, ws, *id, today),
            Target::Member(id) => team::member_change(self, ws, *id),
            Target::NewMember => team::new_member_change(self, ws, today),
            Target::Setup => setup::setup_change(self, ws, today),
            Target::Holiday(date) => team::holiday_change(self, ws, *date),
            Target::Sprint(id) => team::sprint_change(self, ws, *id),
            Target::Policy => team::policy_change(self, ws),
            Target::NewSprint => sprint::new_sprint_change(self, ws, today),
            Target::CloseSprint(id) => sprint::close_change(self, ws, *id, today),
            Target::Defer { item, rank, top } => defer::to_change(self, ws, *item, *rank, *top, today),
            Target::Bulk(ids) => bulk::to_change(self, ws, ids),
        };
        for f in &mut self.fields {
            f.error = None;
        }
        match outcome {
            Ok(mut set) => {
                if let Some((row, version)) = self.seen {
                    set.expect_version(row, version);
                }
                Some(set)
            }
            Err(errors) => {
                for (n, message) in errors {
                    if let Some(f) = self.fields.get_mut(n) {
                        f.error = Some(message);
                    }
                }
                None
            }
        }
    }

    /// The first visible field with an error, to jump to on a refused save.
    pub fn first_error(&self) -> Option<usize> {
        self.visible().find(|(_, f)| f.error.is_some()).map(|(n, _)| n)
    }
}

/// Collects field errors while parsing: `check(field, result)` records the message and
/// returns the value when it parsed.
pub struct Errors<'f> {
    form: &'f Form,
    pub list: Vec<(usize, String)>,
}

impl<'f> Errors<'f> {
    pub fn new(form: &'f Form) -> Errors<'f> {
        Errors { form, list: Vec::new() }
    }

    pub fn check<T>(&mut self, label: &str, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(message) => {
                self.list.push((self.form.index_of(label), message));
                None
            }
        }
    }

    pub fn add(&mut self, label: &str, message: impl Into<String>) {
        self.list.push((self.form.index_of(label), message.into()));
    }
}

// Parsers shared by the forms; each error says what is accepted.

pub fn parse_int(text: &str, min: i64, max: i64) -> Result<i64, String> {
    let value: i64 = text.trim().parse().map_err(|_| format!("a whole number from {min} to {max}"))?;
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(format!("must be from {min} to {max}"))
    }
}

pub fn parse_score(text: &str) -> Result<u8, String> {
    parse_int(text, 1, 5).map(|v| v as u8)
}

pub fn parse_fraction(text: &str, what: &str) -> Result<f64, String> {
    let text = text.trim();
    let value = match text.strip_suffix('%') {
        Some(percent) => percent.trim().parse::<f64>().map(|p| p / 100.0),
        None => text.parse::<f64>(),
    }
    .map_err(|_| format!("{what}: a number from 0 to 1, or a percentage like 80%"))?;
    if value.is_finite() && (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!("{what} must be from 0 to 1 (0% to 100%)"))
    }
}

pub fn parse_decimal(text: &str, min: f64, max: f64) -> Result<f64, String> {
    let value: f64 = text.trim().parse().map_err(|_| format!("a number from {min} to {max}"))?;
    if value.is_finite() && (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(format!("must be from {min} to {max}"))
    }
}

pub fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| "a date like 2026-11-26".to_string())
}

/// Free text for one line: control and bidi characters removed, length capped.
pub fn parse_line(text: &str, required: bool, max: usize) -> Result<String, String> {
    let clean = crate::domain::text::sanitize_line(text).trim().to_string();
    if required && clean.is_empty() {
        return Err("required".into());
    }
    if clean.chars().count() > max {
        return Err(format!("at most {max} characters (this is {})", clean.chars().count()));
    }
    Ok(clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> Form {
        Form::new(
            "t",
            Target::Policy,
            vec![
                Field::choice("Kind", &["feature", "debt"], "feature", ""),
                Field::text("Title", "héllo wörld", ""),
                Field::text("Interest", "3", "").shown_if("Kind", "debt"),
            ],
        )
    }

    #[test]
    fn focus_skips_hidden_fields_and_wraps() {
        let mut f = form();
        f.focus_next(true);
        assert_eq!(f.focus, 1);
        f.focus_next(true);
        assert_eq!(f.focus, 0, "Interest is hidden for a feature");
        f.cycle_choice(true);
        f.focus = 1;
        f.focus_next(true);
        assert_eq!(f.focus, 2);
        f.focus_next(false);
        assert_eq!(f.focus, 1);
    }

    #[test]
    fn text_editing_is_unicode_aware() {
        let mut f = form();
        f.focus = 1;
        f.edit_text(InputRequest::GoToEnd);
        f.edit_text(InputRequest::DeletePrevWord);
        f.edit_text(InputRequest::InsertChar('名'));
        assert_eq!(f.value("Title"), "héllo 名");
    }

    #[test]
    fn parsers_say_what_they_accept() {
        assert_eq!(parse_fraction("80%", "focus"), Ok(0.8));
        assert!(parse_fraction("1.5", "focus").is_err());
        assert!(parse_fraction("NaN", "focus").is_err());
        assert!(parse_decimal("inf", 0.0, 10.0).is_err());
        assert_eq!(parse_int("7", 1, 5), Err("must be from 1 to 5".into()));
        assert_eq!(parse_line("  a\u{202e}b\u{7}  ", true, 10), Ok("ab".into()));
        assert_eq!(parse_line(" ", true, 10), Err("required".into()));
    }
}
