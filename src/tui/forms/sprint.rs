//! Forms of the History screen: the next sprint, and closing the running one (an outcome per
//! committed item, unplanned work, rework and the optional delivery figures).

use chrono::NaiveDate;

use crate::domain::edits::label;
use crate::domain::sprint_lifecycle::{self, Closing, ItemOutcome, SprintDraft};
use crate::domain::{DeliveryFigures, HalfPoints, Kind, SprintId, Workspace};
use crate::report::numbers::points;

use super::{parse_date, parse_decimal, parse_int, parse_line, Errors, Field, Form, Outcome, Target};

pub fn new_sprint_form(ws: &Workspace, today: NaiveDate) -> Form {
    let (name, start, end) = sprint_lifecycle::propose_next(ws, today);
    let fields = vec![
        Field::text("Name", name, "e.g. Sprint 49"),
        Field::text("Start", start.to_string(), "first day; proposed: the first weekday after the last sprint"),
        Field::text("End", end.to_string(), "last day; proposed: as long as the last sprint"),
        Field::text("Goal", "", "the outcome the sprint is for, in one sentence"),
    ];
    Form::new("New sprint", Target::NewSprint, fields)
}

pub fn new_sprint_change(form: &Form, ws: &Workspace, today: NaiveDate) -> Outcome {
    let mut e = Errors::new(form);
    let name = e.check("Name", parse_line(form.value("Name"), true, 200));
    let start = e.check("Start", parse_date(form.value("Start")));
    let end = e.check("End", parse_date(form.value("End")));
    let goal = e.check("Goal", parse_line(form.value("Goal"), false, 500));
    let (Some(name), Some(start), Some(end), Some(goal)) = (name, start, end, goal) else { return Err(e.list) };
    let draft = SprintDraft { name: Some(name), start: Some(start), end: Some(end), goal };
    sprint_lifecycle::new_sprint(ws, &draft, today).map_err(|message| {
        let field = if message.contains("called") { "Name" } else { "End" };
        vec![(form.index_of(field), message)]
    })
}

pub const OUTCOMES: &[&str] = &["done", "carried over", "dropped"];

/// The field holding what remains of a carried-over item.
fn remaining_label(key: &str) -> String {
    format!("{key} left")
}

pub fn close_form(ws: &Workspace, id: SprintId) -> Option<Form> {
    let sprint = ws.sprint(id)?;
    let mut fields = Vec::new();
    for entry in ws.entries_of(id) {
        let Some(item) = ws.item(entry.item) else { continue };
        let key = label(item);
        let hint = format!(
            "{} ({} points): ←/→ done, carried over or dropped",
            crate::domain::text::sanitize_line(&item.title),
            points(entry.planned.points())
        );
        fields.push(Field::choice(key.clone(), OUTCOMES, "done", "").with_hint(hint));
        let remaining = format!("points still to do on {key}: its estimate from now on");
        fields.push(Field::text(remaining_label(&key), "", "").with_hint(remaining).shown_if(key, "carried over"));
    }
    for kind in Kind::ALL {
        let hint = "points of unplanned work that came in during the sprint (blank: none)";
        fields.push(Field::text(format!("Unplanned {kind}"), "", hint));
    }
    fields.extend([
        Field::text("Rework", "", "points spent redoing work already counted as done (blank: none)"),
        Field::text("Deployments", "", "optional: deployments to production"),
        Field::text("Lead time days", "", "optional: median lead time for changes, in days"),
        Field::text("Change failures", "", "optional: deployments that caused a failure"),
        Field::text("Incidents", "", "optional: incidents during the sprint"),
        Field::text("Recovery hours", "", "optional: median time to restore service, in hours"),
    ]);
    Some(Form::new(format!("Close {}", sprint.name), Target::CloseSprint(id), fields))
}

fn blank_or<T>(text: &str, parse: impl FnOnce(&str) -> Result<T, String>) -> Result<Option<T>, String> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        parse(text).map(Some)
    }
}

pub fn close_change(form: &Form, ws: &Workspace, id: SprintId, today: NaiveDate) -> Outcome {
    let mut e = Errors::new(form);
    let mut closing = Closing::default();
    for entry in ws.entries_of(id) {
        let Some(item) = ws.item(entry.item) else { continue };
        let key = label(item);
        let outcome = match form.value(&key) {
            "carried over" => {
                let left = remaining_label(&key);
                let parsed = parse_decimal(form.value(&left), 0.5, crate::domain::estimate::MAX_ESTIMATE)
                    .and_then(|p| HalfPoints::from_points(p).map_err(|m| m.replace("estimate", "remaining")));
                e.check(&left, parsed).map(|remaining| ItemOutcome::Carried { remaining })
            }
            "dropped" => Some(ItemOutcome::Dropped),
            _ => Some(ItemOutcome::Done),
        };
        if let Some(outcome) = outcome {
            closing.outcomes.insert(item.id, outcome);
        }
    }
    let max = crate::domain::estimate::MAX_ESTIMATE * 10.0;
    for kind in Kind::ALL {
        let label = format!("Unplanned {kind}");
        let parsed = blank_or(form.value(&label), |t| parse_decimal(t, 0.0, max));
        if let Some(points) = e.check(&label, parsed) {
            closing.unplanned.set(kind, points.unwrap_or(0.0));
        }
    }
    closing.rework =
        e.check("Rework", blank_or(form.value("Rework"), |t| parse_decimal(t, 0.0, max))).flatten().unwrap_or(0.0);
    let count = |e: &mut Errors<'_>, label: &str| {
        e.check(label, blank_or(form.value(label), |t| parse_int(t, 0, 100_000))).flatten().map(|v| v as u32)
    };
    let decimal = |e: &mut Errors<'_>, label: &str| {
        e.check(label, blank_or(form.value(label), |t| parse_decimal(t, 0.0, 100_000.0))).flatten()
    };
    closing.delivery = DeliveryFigures {
        deployments: count(&mut e, "Deployments"),
        lead_time_days: decimal(&mut e, "Lead time days"),
        change_failures: count(&mut e, "Change failures"),
        incidents: count(&mut e, "Incidents"),
        recovery_hours: decimal(&mut e, "Recovery hours"),
    };
    if !e.list.is_empty() {
        return Err(e.list);
    }
    sprint_lifecycle::close(ws, id, &closing, today).map_err(|message| vec![(0, message)])
}
