//! The first-run set-up form, opened on a database without a team: the team's name, sprint
//! length and first start, the unit, up to eight members and an optional file to import.
//! Enter moves to the next field (so Enter accepts each proposed value); Enter on the last
//! field sets the team up as one change set, which one undo takes back.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::domain::setup::{next_monday, parse_member, setup, SetupDraft, DEFAULT_SPRINT_DAYS, MAX_SPRINT_DAYS};
use crate::domain::{EstimateUnit, Workspace};

use super::{parse_date, parse_int, parse_line, Errors, Field, Form, Outcome, Target};

/// Member fields in the form; more are added later on Team & policy (n).
pub const MEMBER_FIELDS: usize = 8;
const UNITS: &[&str] = &["points", "days"];
pub const IMPORT_FIELD: &str = "Import file";

fn member_label(n: usize) -> String {
    format!("Member {n}")
}

/// True when the database has neither members nor sprints: the TUI opens on the set-up.
pub fn needs_setup(ws: &Workspace) -> bool {
    ws.members.is_empty() && ws.sprints.is_empty()
}

pub fn setup_form(today: NaiveDate) -> Form {
    let mut fields = vec![
        Field::text("Team name", "", "what the team is called, e.g. Payments"),
        Field::text(
            "Sprint length",
            DEFAULT_SPRINT_DAYS.to_string(),
            "working days per sprint: 10 is two weeks, 5 one week",
        ),
        Field::text("Sprint 1 starts", next_monday(today).to_string(), "its first day; proposed: next Monday"),
        Field::choice("Estimates in", UNITS, "points", "←/→: story points or ideal days"),
    ];
    for n in 1..=MEMBER_FIELDS {
        fields.push(Field::text(
            member_label(n),
            "",
            "name[, allocation[, focus]], e.g. Priya, 80% — blank ones are skipped; more later with n on screen 6",
        ));
    }
    fields.push(Field::text(
        IMPORT_FIELD,
        "",
        "optional: a Jira CSV or `gh issue list --json` file to import after the set-up",
    ));
    Form::new("Set up your team", Target::Setup, fields)
}

/// The file to import after the set-up, if one was typed.
pub fn import_path(form: &Form) -> Option<PathBuf> {
    let text = form.value(IMPORT_FIELD).trim();
    (!text.is_empty()).then(|| PathBuf::from(expand_home(text)))
}

fn expand_home(text: &str) -> String {
    match (text.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => format!("{}/{rest}", home.to_string_lossy()),
        _ => text.to_string(),
    }
}

pub fn setup_change(form: &Form, ws: &Workspace, today: NaiveDate) -> Outcome {
    let mut e = Errors::new(form);
    let team_name = e.check("Team name", parse_line(form.value("Team name"), true, 200));
    let days = e.check("Sprint length", parse_int(form.value("Sprint length"), 1, i64::from(MAX_SPRINT_DAYS)));
    let start = e.check("Sprint 1 starts", parse_date(form.value("Sprint 1 starts")));
    let unit = if form.value("Estimates in") == "days" { EstimateUnit::Days } else { EstimateUnit::Points };
    let mut members = Vec::new();
    for n in 1..=MEMBER_FIELDS {
        let label = member_label(n);
        let text = form.value(&label).trim();
        if text.is_empty() {
            continue;
        }
        match parse_member(text) {
            Ok(m)
                if members.iter().any(|o: &crate::domain::setup::MemberDraft| o.name.eq_ignore_ascii_case(&m.name)) =>
            {
                e.add(&label, format!("{} is listed twice", m.name));
            }
            Ok(m) => members.push(m),
            Err(message) => e.add(&label, message),
        }
    }
    if let Some(path) = import_path(form) {
        if !path.is_file() {
            e.add(
                IMPORT_FIELD,
                format!("no file at {}; leave it blank to import later with :import FILE", path.display()),
            );
        }
    }
    let (Some(team_name), Some(days), Some(start)) = (team_name, days, start) else { return Err(e.list) };
    if !e.list.is_empty() {
        return Err(e.list);
    }
    let draft = SetupDraft { team_name, sprint_days: days as u32, start, unit, members };
    setup(ws, &draft, today).map_err(|message| vec![(form.index_of("Team name"), message)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::forms::Value;

    fn type_into(form: &mut Form, label: &str, text: &str) {
        let n = form.index_of(label);
        if let Value::Text(input) = &mut form.fields[n].value {
            *input = tui_input::Input::new(text.into());
        }
    }

    #[test]
    fn the_proposed_values_and_two_members_set_a_team_up() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
        let mut form = setup_form(today);
        let ws = Workspace::default();
        assert!(form.validate(&ws, today).is_none(), "a team needs a name");
        type_into(&mut form, "Team name", "Atlas");
        type_into(&mut form, "Member 1", "Ana");
        type_into(&mut form, "Member 2", "Bo, 50%");
        let set = form.validate(&ws, today).expect("valid");
        assert_eq!(set.label, "set up Atlas: 2 members, Sprint 1 2026-12-07 → 2026-12-18");
        type_into(&mut form, "Member 3", "Cy, 3000%");
        assert!(form.validate(&ws, today).is_none());
        assert!(form.fields[form.index_of("Member 3")].error.as_deref().is_some_and(|e| e.contains("allocation")));
    }
}
