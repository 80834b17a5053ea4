//! Forms of the Team & policy screen: a member with their days off in the current sprint,
//! a holiday, the sprint's dates and goal, and the policy.

use chrono::NaiveDate;

use crate::domain::change::{Change, ChangeSet};
use crate::domain::setup::{check_member_name, format_day_list, parse_day_list, MemberDraft};
use crate::domain::team_changes;
use crate::domain::{Holiday, Kind, KindMap, MemberId, Policy, ScoringModel, SprintId, Workspace};

use super::{parse_date, parse_decimal, parse_fraction, parse_int, parse_line, Errors, Field, Form, Outcome, Target};

const MODELS: &[&str] = &["wsjf", "weighted-sum"];
const ON_OFF: &[&str] = &["on", "off"];
/// The policy form's label for `plan_overdue_high_risk_debt_first`.
pub const DEBT_FIRST: &str = "Overdue debt first";

pub fn member_form(ws: &Workspace, id: MemberId) -> Option<Form> {
    let m = ws.members.iter().find(|m| m.id == id)?;
    let days = match ws.current_sprint() {
        Some(s) => format_day_list(&team_changes::days_off(ws, id, s.id)),
        None => String::new(),
    };
    let fields = vec![
        Field::text("Name", m.name.clone(), "as the team says it"),
        Field::text(
            "Allocation",
            format!("{}%", (m.allocation * 100.0).round()),
            "share of the person on this team, 0–100%",
        ),
        Field::text(
            "Focus",
            m.focus.map(|f| f.to_string()).unwrap_or_default(),
            "share of time on sprint work; blank = team default",
        ),
        Field::text("Skills", m.skills.join(", "), "what they can take on, comma-separated, e.g. ios (optional)"),
        Field::text(
            "Days off",
            days,
            "in the current sprint: dates or ranges, e.g. 2026-12-21..2026-12-24, 2026-12-28",
        ),
    ];
    Some(Form::new(format!("Edit {}", m.name), Target::Member(id), fields))
}

pub fn member_change(form: &Form, ws: &Workspace, id: MemberId) -> Outcome {
    let mut e = Errors::new(form);
    let Some(before) = ws.members.iter().find(|m| m.id == id) else {
        return Err(vec![(0, "this member no longer exists".into())]);
    };
    let name = e.check("Name", parse_line(form.value("Name"), true, 200));
    if let Some(n) = &name {
        if let Err(message) = check_member_name(ws, n, Some(id)) {
            e.add("Name", message);
        }
    }
    let allocation = e.check("Allocation", parse_fraction(form.value("Allocation"), "allocation"));
    let focus = match form.value("Focus").trim() {
        "" => Some(None),
        text => e.check("Focus", parse_fraction(text, "focus")).map(Some),
    };
    let sprint = ws.current_sprint();
    let mut days: Vec<NaiveDate> = Vec::new();
    match (parse_day_list(form.value("Days off")), sprint) {
        (Ok(list), _) if list.is_empty() => {}
        (Ok(list), Some(s)) => match list.iter().find(|d| **d < s.start || **d > s.end) {
            Some(d) => e.add("Days off", format!("{d} is outside {} ({} → {})", s.name, s.start, s.end)),
            None => days = list,
        },
        (Ok(_), None) => e.add("Days off", "there is no current sprint to take days off in"),
        (Err(message), _) => e.add("Days off", message),
    }
    let (Some(name), Some(allocation), Some(focus)) = (name, allocation, focus) else { return Err(e.list) };
    if !e.list.is_empty() {
        return Err(e.list);
    }
    let mut changes = Vec::new();
    let skills = crate::domain::skills::skill_list([form.value("Skills")]);
    let after = crate::domain::Member { name, allocation, focus, skills, ..before.clone() };
    if after != *before {
        changes.push(Change::member(before.clone(), after));
    }
    if let Some(s) = sprint {
        let mut old: Vec<NaiveDate> = ws.days_off_in(s.id).filter(|d| d.member == id).map(|d| d.date).collect();
        old.sort();
        if old != days {
            changes.push(Change::DaysOff { member: id, sprint: s.id, before: old, after: days });
        }
    }
    Ok(ChangeSet::new(format!("updated {}", before.name), changes))
}

pub fn new_member_form() -> Form {
    let fields = vec![
        Field::text("Name", "", "as the team says it"),
        Field::text("Allocation", "100%", "share of the person on this team, 0–100%"),
        Field::text("Focus", "", "share of time on sprint work; blank = team default"),
        Field::text("Skills", "", "what they can take on, comma-separated, e.g. ios (optional)"),
    ];
    Form::new("New member — they count from the sprints that end after today", Target::NewMember, fields)
}

pub fn new_member_change(form: &Form, ws: &Workspace, today: NaiveDate) -> Outcome {
    let mut e = Errors::new(form);
    let name = e.check("Name", parse_line(form.value("Name"), true, 200));
    let allocation = e.check("Allocation", parse_fraction(form.value("Allocation"), "allocation"));
    let focus = match form.value("Focus").trim() {
        "" => Some(None),
        text => e.check("Focus", parse_fraction(text, "focus")).map(Some),
    };
    let (Some(name), Some(allocation), Some(focus)) = (name, allocation, focus) else { return Err(e.list) };
    let skills = crate::domain::skills::skill_list([form.value("Skills")]);
    team_changes::add_member(ws, &MemberDraft { name, allocation, focus, skills }, today)
        .map_err(|message| vec![(form.index_of("Name"), message)])
}

pub fn holiday_form(ws: &Workspace, date: Option<NaiveDate>) -> Form {
    let h = date.and_then(|d| ws.holidays.iter().find(|h| h.date == d));
    let fields = vec![
        Field::text(
            "Date",
            h.map(|h| h.date.to_string()).unwrap_or_default(),
            "e.g. 2026-12-24: nobody works that day",
        ),
        Field::text("Name", h.map(|h| h.name.clone()).unwrap_or_default(), "e.g. Christmas Eve"),
    ];
    let title = if h.is_some() { "Edit holiday" } else { "New holiday" };
    Form::new(title, Target::Holiday(h.map(|h| h.date)), fields)
}

pub fn holiday_change(form: &Form, ws: &Workspace, original: Option<NaiveDate>) -> Outcome {
    let mut e = Errors::new(form);
    let date = e.check("Date", parse_date(form.value("Date")));
    let name = e.check("Name", parse_line(form.value("Name"), true, 200));
    if let Some(d) = date {
        if Some(d) != original && ws.holidays.iter().any(|h| h.date == d) {
            e.add("Date", format!("{d} is already a holiday"));
        }
    }
    let (Some(date), Some(name)) = (date, name) else { return Err(e.list) };
    if !e.list.is_empty() {
        return Err(e.list);
    }
    let before = original.and_then(|d| ws.holidays.iter().find(|h| h.date == d)).cloned();
    let label = format!("holiday {date} {name}");
    Ok(ChangeSet::new(label, vec![Change::Holiday { before, after: Some(Holiday { date, name }) }]))
}

pub fn sprint_form(ws: &Workspace, id: SprintId) -> Option<Form> {
    let s = ws.sprint(id)?;
    let fields = vec![
        Field::text("Name", s.name.clone(), "e.g. Sprint 48"),
        Field::text("Start", s.start.to_string(), "first day, e.g. 2026-11-23"),
        Field::text("End", s.end.to_string(), "last day, e.g. 2026-12-04"),
        Field::text("Goal", s.goal.clone(), "the outcome the sprint is for, in one sentence"),
    ];
    Some(Form::new(format!("Edit {}", s.name), Target::Sprint(id), fields))
}

pub fn sprint_change(form: &Form, ws: &Workspace, id: SprintId) -> Outcome {
    let mut e = Errors::new(form);
    let Some(before) = ws.sprint(id) else { return Err(vec![(0, "this sprint no longer exists".into())]) };
    let name = e.check("Name", parse_line(form.value("Name"), true, 200));
    if let Some(n) = &name {
        if ws.sprints.iter().any(|s| s.id != id && s.name.eq_ignore_ascii_case(n)) {
            e.add("Name", format!("another sprint is called {n}"));
        }
    }
    let start = e.check("Start", parse_date(form.value("Start")));
    let end = e.check("End", parse_date(form.value("End")));
    if let (Some(s), Some(en)) = (start, end) {
        if en < s {
            e.add("End", "ends before it starts");
        } else if (en - s).num_days() > 62 {
            e.add("End", "a sprint of more than two months? check the dates");
        }
    }
    let goal = e.check("Goal", parse_line(form.value("Goal"), false, 500));
    let (Some(name), Some(start), Some(end), Some(goal)) = (name, start, end, goal) else { return Err(e.list) };
    if !e.list.is_empty() {
        return Err(e.list);
    }
    let after = crate::domain::Sprint { name, start, end, goal, ..before.clone() };
    Ok(ChangeSet::new(format!("updated {}", before.name), vec![Change::sprint(before.clone(), after)]))
}

pub fn policy_form(ws: &Workspace) -> Form {
    let p = &ws.policy;
    let w = &p.weights;
    let fields = vec![
        Field::text("Feature %", p.targets.get(Kind::Feature).to_string(), "target share; the four add up to 100"),
        Field::text("Defect %", p.targets.get(Kind::Defect).to_string(), "target share; the four add up to 100"),
        Field::text("Risk %", p.targets.get(Kind::Risk).to_string(), "target share; the four add up to 100"),
        Field::text("Debt %", p.targets.get(Kind::Debt).to_string(), "target share; the four add up to 100"),
        Field::text("Tolerance", p.tolerance.to_string(), "± percentage points around each target, 0–50"),
        Field::text("Investment floor", p.investment_floor.to_string(), "minimum % for debt + risk, 0–100"),
        Field::text(
            "Min commitment",
            p.min_commitment.to_string(),
            "% of plannable below which a sprint is under-committed",
        ),
        Field::choice(
            DEBT_FIRST,
            ON_OFF,
            if p.plan_overdue_high_risk_debt_first { "on" } else { "off" },
            "←/→: on = auto-fill plans overdue high-risk debt first (unless deferred)",
        ),
        Field::choice("Model", MODELS, p.model.as_str(), "←/→: wsjf divides by effort, weighted-sum subtracts it"),
        Field::text("Weight impact", w.impact.to_string(), "0–10"),
        Field::text("Weight risk", w.risk.to_string(), "0–10"),
        Field::text("Weight time to value", w.time_to_value.to_string(), "0–10"),
        Field::text("Weight effort", w.effort.to_string(), "0–10: exponent (wsjf) or factor (weighted-sum)"),
        Field::text("Default focus", p.default_focus.to_string(), "focus for members without their own, 0–1"),
    ];
    Form::new("Edit policy", Target::Policy, fields)
}

pub fn policy_change(form: &Form, ws: &Workspace) -> Outcome {
    let mut e = Errors::new(form);
    let mut pct = |label: &str, max: i64| e.check(label, parse_int(form.value(label), 0, max)).map(|v| v as u8);
    let (feature, defect, risk, debt) =
        (pct("Feature %", 100), pct("Defect %", 100), pct("Risk %", 100), pct("Debt %", 100));
    let tolerance = pct("Tolerance", 50);
    let floor = pct("Investment floor", 100);
    let commitment = pct("Min commitment", 100);
    let weight = |e: &mut Errors<'_>, label: &str| e.check(label, parse_decimal(form.value(label), 0.0, 10.0));
    let wi = weight(&mut e, "Weight impact");
    let wr = weight(&mut e, "Weight risk");
    let wt = weight(&mut e, "Weight time to value");
    let we = weight(&mut e, "Weight effort");
    let focus = e.check("Default focus", parse_fraction(form.value("Default focus"), "focus"));
    if let (Some(a), Some(b), Some(c), Some(d)) = (feature, defect, risk, debt) {
        let sum = u32::from(a) + u32::from(b) + u32::from(c) + u32::from(d);
        if sum != 100 {
            e.add("Debt %", format!("the four targets add up to {sum}, not 100"));
        }
    }
    let model = ScoringModel::parse(form.value("Model")).unwrap_or(ScoringModel::Wsjf);
    let debt_first = form.value(DEBT_FIRST) != "off";
    let parsed = (feature, defect, risk, debt, tolerance, floor, commitment, wi, wr, wt, we, focus);
    let (
        Some(f),
        Some(d),
        Some(r),
        Some(b),
        Some(tol),
        Some(fl),
        Some(mc),
        Some(wi),
        Some(wr),
        Some(wt),
        Some(we),
        Some(focus),
    ) = parsed
    else {
        return Err(e.list);
    };
    if !e.list.is_empty() {
        return Err(e.list);
    }
    let before = ws.policy.clone();
    let after = Policy {
        targets: KindMap::new(f, d, r, b),
        tolerance: tol,
        investment_floor: fl,
        min_commitment: mc,
        model,
        weights: crate::domain::Weights { impact: wi, risk: wr, time_to_value: wt, effort: we },
        default_focus: focus,
        plan_overdue_high_risk_debt_first: debt_first,
        ..before.clone()
    };
    Ok(ChangeSet::new("updated the policy", vec![Change::policy(before, after)]))
}
