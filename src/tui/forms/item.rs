//! The item form: every field of a work item, and the register fields when it is debt.

use chrono::{NaiveDate, TimeZone, Utc};

use crate::domain::edits::save_item;
use crate::domain::text::{sanitize_title, MAX_TITLE_CHARS};
use crate::domain::{
    Agreement, DebtCategory, DebtDetails, HalfPoints, ItemId, Kind, Member, MemberId, RiskArea, Status, WorkItem,
    Workspace,
};

use super::{parse_date, parse_decimal, parse_line, parse_score, Errors, Field, Form, Outcome, Target};

const KINDS: &[&str] = &["feature", "defect", "risk", "debt"];
const CATEGORIES: &[&str] = &["strategic", "tactical", "accidental"];
const AREAS: &[&str] = &["none", "security", "performance", "compliance"];

/// A form filled with `item`, or with sensible blanks for a new item of `kind`; `ws` names
/// the assignee and the blockers.
pub fn form(item: Option<&WorkItem>, kind: Kind, ws: &Workspace) -> Form {
    let members: &[Member] = &ws.members;
    let assignee = item
        .and_then(|i| i.assignee)
        .and_then(|a| members.iter().find(|m| m.id == a))
        .map_or(String::new(), |m| m.name.clone());
    let debt = item.and_then(|i| i.debt.as_deref().cloned()).unwrap_or_else(DebtDetails::blank);
    let a = &debt.agreement;
    let text = |v: Option<&str>| v.unwrap_or("").to_string();
    let title = match item {
        Some(i) => format!("Edit {}", crate::domain::edits::label(i)),
        None => "New item".to_string(),
    };
    let fields = vec![
        Field::text("Key", text(item.and_then(|i| i.key.as_deref())), "tracker key, e.g. PAY-1400 (optional, unique)"),
        Field::text("Title", item.map_or("", |i| i.title.as_str()), "what it is, in one line"),
        Field::choice("Kind", KINDS, item.map_or(kind, |i| i.kind).as_str(), "←/→ to change"),
        Field::text(
            "Estimate",
            item.map_or("1".into(), |i| i.estimate.to_string()),
            "points, in halves: 0.5, 1, 2.5 …",
        ),
        Field::text("Impact", item.map_or("3".into(), |i| i.impact.to_string()), "1–5: value when done"),
        Field::text("Risk", item.map_or("3".into(), |i| i.risk.to_string()), "1–5: risk it removes"),
        Field::text("Time to value", item.map_or("3".into(), |i| i.time_to_value.to_string()), "1–5: how soon it pays"),
        Field::text("Outcome", text(item.and_then(|i| i.outcome.as_deref())), "the result it should bring (optional)"),
        Field::text("Tags", item.map_or(String::new(), |i| i.tags.join(", ")), "comma-separated (optional)"),
        Field::text("Assignee", assignee, "the team member who does it (optional; empty: nobody yet)"),
        Field::text(
            "Skills",
            item.map_or(String::new(), |i| i.skills.join(", ")),
            "skills the work needs, comma-separated, e.g. ios (optional)",
        ),
        Field::text(
            "Blocked by",
            item.map_or(String::new(), |i| crate::domain::dependencies::blockers_text(ws, i)),
            "keys (or #numbers) that must be done first (optional)",
        ),
        Field::text("Interest", debt.interest.to_string(), "1–5: what living with it costs each sprint")
            .shown_if("Kind", "debt"),
        Field::text("Visibility", debt.visibility.to_string(), "1–5: how often the team touches it")
            .shown_if("Kind", "debt"),
        Field::text(
            "Drag",
            debt.drag.map(|d| d.to_string()).unwrap_or_default(),
            "points lost per sprint; blank = 0.1 × interest × visibility",
        )
        .shown_if("Kind", "debt"),
        Field::choice("Category", CATEGORIES, debt.category.as_str(), "←/→: strategic, tactical, accidental")
            .shown_if("Kind", "debt"),
        Field::choice("Risk area", AREAS, debt.risk_area.as_str(), "←/→: anything but none is high-risk")
            .shown_if("Kind", "debt"),
        Field::text("Reason", a.reason.clone(), "why the shortcut was taken").shown_if("Kind", "debt"),
        Field::text("Cost", a.impact.clone(), "what it does to us while it stays").shown_if("Kind", "debt"),
        Field::text(
            "Trigger date",
            a.trigger_date.map(|d| d.to_string()).unwrap_or_default(),
            "repay by, e.g. 2027-01-31 (optional)",
        )
        .shown_if("Kind", "debt"),
        Field::text("Trigger if", a.trigger_condition.clone(), "repay when … happens (optional)")
            .shown_if("Kind", "debt"),
        Field::text("Owner", a.owner.clone(), "who holds the agreement").shown_if("Kind", "debt"),
        Field::text("Linked key", text(a.linked_key.as_deref()), "related ticket (optional)").shown_if("Kind", "debt"),
        Field::text(
            "Recorded",
            item.map(|i| i.created.date_naive().to_string()).unwrap_or_default(),
            "the day the debt was taken on (interest runs from it); blank = today",
        )
        .shown_if("Kind", "debt"),
    ];
    Form::new(title, Target::Item(item.map(|i| i.id)), fields)
}

fn optional(text: String) -> Option<String> {
    if text.is_empty() {
        None
    } else {
        Some(text)
    }
}

/// The edited item as a change, or a message per invalid field.
pub fn to_change(form: &Form, ws: &Workspace, id: Option<ItemId>, today: NaiveDate) -> Outcome {
    let mut e = Errors::new(form);
    let key = e.check("Key", parse_line(form.value("Key"), false, 64)).and_then(optional);
    if let Some(k) = &key {
        if ws.items.iter().any(|i| i.key.as_deref() == Some(k.as_str()) && Some(i.id) != id) {
            e.add("Key", format!("{k} is already used by another item"));
        }
    }
    let title = form.value("Title");
    let title = match sanitize_title(title) {
        (t, _) if t.is_empty() => {
            e.add("Title", "required");
            None
        }
        (_, true) => {
            e.add("Title", format!("at most {MAX_TITLE_CHARS} characters"));
            None
        }
        (t, false) => Some(t),
    };
    let kind = Kind::ALL.into_iter().find(|k| k.as_str() == form.value("Kind")).unwrap_or(Kind::Feature);
    let estimate = e.check(
        "Estimate",
        form.value("Estimate")
            .trim()
            .parse::<f64>()
            .map_err(|_| "a number of points, e.g. 3 or 2.5".to_string())
            .and_then(HalfPoints::from_points),
    );
    let impact = e.check("Impact", parse_score(form.value("Impact")));
    let risk = e.check("Risk", parse_score(form.value("Risk")));
    let ttv = e.check("Time to value", parse_score(form.value("Time to value")));
    let outcome = e.check("Outcome", parse_line(form.value("Outcome"), false, 500)).and_then(optional);
    let tags: Vec<String> =
        form.value("Tags").split(',').map(crate::domain::text::sanitize_line).filter(|t| !t.is_empty()).collect();
    let before_assignee = id.and_then(|id| ws.item(id)).and_then(|i| i.assignee);
    let assignee = e.check("Assignee", assignee_of(ws, form.value("Assignee"), before_assignee, today));
    let skills = crate::domain::skills::skill_list([form.value("Skills")]);
    let blocked_by =
        e.check("Blocked by", crate::domain::dependencies::parse_blockers(ws, form.value("Blocked by"), id));

    let mut debt = if kind == Kind::Debt { debt_fields(form, &mut e, id.and_then(|id| ws.item(id))) } else { None };
    if let Some(d) = debt.as_mut() {
        d.keep_drag_history(id.and_then(|id| ws.item(id)).and_then(|i| i.debt.as_deref()), today);
    }
    let recorded = match form.value("Recorded").trim() {
        _ if kind != Kind::Debt => None,
        "" => None,
        text => match parse_date(text) {
            Ok(date) if date > today => {
                e.add("Recorded", "cannot be in the future");
                None
            }
            Ok(date) => Some(date),
            Err(message) => {
                e.add("Recorded", message);
                None
            }
        },
    };

    if let Some(d) = &debt {
        let kept = id.and_then(|id| ws.item(id)).map(|i| i.created.date_naive());
        check_agreement(&mut e, ws, id, d, recorded.or(kept).unwrap_or(today));
    }
    let (Some(title), Some(estimate), Some(impact), Some(risk), Some(ttv), Some(assignee), Some(blocked_by)) =
        (title, estimate, impact, risk, ttv, assignee, blocked_by)
    else {
        return Err(e.list);
    };
    if !e.list.is_empty() {
        return Err(e.list);
    }
    let created = Utc.from_utc_datetime(&today.and_hms_opt(0, 0, 0).unwrap_or_default());
    let before = id.and_then(|id| ws.item(id));
    let mut item = before.cloned().unwrap_or(WorkItem {
        id: ItemId(0),
        key: None,
        title: String::new(),
        kind,
        status: Status::Backlog,
        sprint: None,
        estimate,
        impact,
        risk,
        time_to_value: ttv,
        outcome: None,
        tags: Vec::new(),
        created,
        updated: created,
        pinned: false,
        excluded: false,
        debt: None,
        assignee: None,
        skills: Vec::new(),
        blocked_by: Vec::new(),
        version: 1,
    });
    item.key = key;
    item.title = title;
    item.kind = kind;
    item.estimate = estimate;
    item.impact = impact;
    item.risk = risk;
    item.time_to_value = ttv;
    item.outcome = outcome;
    item.tags = tags;
    item.debt = debt.map(Box::new);
    item.assignee = assignee;
    item.skills = skills;
    item.blocked_by = blocked_by;
    // Only a changed day moves the timestamp, so an untouched form keeps the original time.
    if let Some(date) = recorded.filter(|d| *d != item.created.date_naive()) {
        item.created = Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0).unwrap_or_default());
    }
    Ok(save_item(ws, item))
}

/// The member a typed name means (any case), or why there is none. A member who has left can
/// no longer be given new work, but an item that already names them keeps them until changed.
fn assignee_of(
    ws: &Workspace,
    typed: &str,
    before: Option<MemberId>,
    today: NaiveDate,
) -> Result<Option<MemberId>, String> {
    let name = crate::domain::text::sanitize_line(typed);
    if name.is_empty() {
        return Ok(None);
    }
    let Some(member) = ws.members.iter().find(|m| m.name.eq_ignore_ascii_case(&name)) else {
        let current: Vec<&str> = ws.members.iter().filter(|m| m.is_current()).map(|m| m.name.as_str()).collect();
        return Err(if current.is_empty() {
            format!("no member named {name}: the team has no members yet (add them on 5 Team)")
        } else {
            format!("no member named {name}; the team: {}", current.join(", "))
        });
    };
    match member.left_on {
        Some(left) if before != Some(member.id) && left <= today => {
            Err(format!("{} left the team on {left}: choose a current member", member.name))
        }
        _ => Ok(Some(member.id)),
    }
}

/// The agreement's dates and link must make sense: a repay-by date on or after the day the debt
/// was recorded, and a linked key that names an item here. Checked only when the field changed,
/// so an imported oddity does not block editing something else.
fn check_agreement(e: &mut Errors<'_>, ws: &Workspace, id: Option<ItemId>, debt: &DebtDetails, recorded: NaiveDate) {
    let before = id.and_then(|id| ws.item(id));
    let old = before.and_then(|i| i.debt.as_ref()).map(|d| &d.agreement);
    let old_recorded = before.map(|i| i.created.date_naive());
    let agreement = &debt.agreement;
    if let Some(due) = agreement.trigger_date {
        let changed = old.is_none_or(|a| a.trigger_date != Some(due)) || old_recorded != Some(recorded);
        if changed && due < recorded {
            e.add("Trigger date", format!("{due} is before the debt was recorded ({recorded}); repay-by comes after"));
        }
    }
    if let Some(link) = &agreement.linked_key {
        let changed = old.is_none_or(|a| a.linked_key.as_ref() != Some(link));
        let known = ws.items.iter().any(|i| i.key.as_deref().is_some_and(|k| k.eq_ignore_ascii_case(link)));
        if changed && !known {
            e.add("Linked key", format!("no item here has the key {link}: name one that exists, or leave it empty"));
        }
    }
}

fn debt_fields(form: &Form, e: &mut Errors<'_>, before: Option<&WorkItem>) -> Option<DebtDetails> {
    let interest = e.check("Interest", parse_score(form.value("Interest")));
    let visibility = e.check("Visibility", parse_score(form.value("Visibility")));
    let drag = match form.value("Drag").trim() {
        "" => Some(None),
        text => e.check("Drag", parse_decimal(text, 0.0, 1000.0)).map(Some),
    };
    let category = DebtCategory::parse(form.value("Category")).unwrap_or(DebtCategory::Tactical);
    let risk_area = RiskArea::parse(form.value("Risk area")).unwrap_or(RiskArea::None);
    let reason = e.check("Reason", parse_line(form.value("Reason"), false, 500));
    let cost = e.check("Cost", parse_line(form.value("Cost"), false, 500));
    let trigger_date = match form.value("Trigger date").trim() {
        "" => Some(None),
        text => e.check("Trigger date", parse_date(text)).map(Some),
    };
    let condition = e.check("Trigger if", parse_line(form.value("Trigger if"), false, 500));
    let owner = e.check("Owner", parse_line(form.value("Owner"), false, 200));
    let linked = e.check("Linked key", parse_line(form.value("Linked key"), false, 64));
    let deferrals = before.and_then(|i| i.debt.as_ref()).map(|d| d.deferrals.clone()).unwrap_or_default();
    Some(DebtDetails {
        interest: interest?,
        visibility: visibility?,
        drag: drag?,
        category,
        risk_area,
        agreement: Agreement {
            reason: reason?,
            impact: cost?,
            trigger_date: trigger_date?,
            trigger_condition: condition?,
            owner: owner?,
            linked_key: linked.and_then(optional),
        },
        deferrals,
        drag_history: Vec::new(),
    })
}
