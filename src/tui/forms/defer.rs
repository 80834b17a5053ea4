//! The defer form: one rationale, required when the register's rule says so.

use chrono::NaiveDate;

use crate::domain::debt::deferral::{defer, rationale_needed, MIN_RATIONALE_CHARS};
use crate::domain::edits::label;
use crate::domain::{ItemId, WorkItem, Workspace};

use super::{parse_date, Field, Form, Outcome, Target};

/// A form to defer `item` (register rank `rank`, "top" meaning the first `top`).
pub fn form(item: &WorkItem, rank: usize, top: usize, today: NaiveDate) -> Form {
    let debt = item.debt.as_ref();
    let required = debt.and_then(|d| rationale_needed(d, rank, top, today)).is_some();
    let hint = match debt {
        Some(d) if required && d.agreement.is_overdue(today) => {
            format!(
                "Required ({}, overdue): why it waits, in words ({MIN_RATIONALE_CHARS}+ characters)",
                d.risk_area.as_str()
            )
        }
        Some(d) if required => format!(
            "Required ({}, rank {rank} of the top {top}): why it waits, in words ({MIN_RATIONALE_CHARS}+ characters)",
            d.risk_area.as_str()
        ),
        _ => "Optional for this debt: why it waits, in words; logged with today's date".to_string(),
    };
    let title =
        if required { format!("Defer {} (rationale required)", label(item)) } else { format!("Defer {}", label(item)) };
    let rationale = Field::text("Rationale", "", "").with_hint(hint);
    let due = debt.and_then(|d| d.agreement.trigger_date).map_or_else(|| "none set".to_string(), |d| d.to_string());
    let repay_by = Field::text("New repay-by", "", "")
        .with_hint(format!("optional, a later YYYY-MM-DD: the new repay-by (now {due}; the old one is logged)"));
    Form::new(title, Target::Defer { item: item.id, rank, top }, vec![rationale, repay_by])
}

pub fn to_change(form: &Form, ws: &Workspace, id: ItemId, rank: usize, top: usize, today: NaiveDate) -> Outcome {
    let repay_by = match form.value("New repay-by").trim() {
        "" => None,
        text => Some(parse_date(text).map_err(|m| vec![(form.index_of("New repay-by"), m)])?),
    };
    defer(ws, id, form.value("Rationale"), repay_by, today, rank, top).map_err(|message| {
        if message.contains("repay-by") {
            return vec![(form.index_of("New repay-by"), message)];
        }
        // The rule's message names the item and the reason; the field shows what to do.
        let short = match message.split_once(": say why") {
            Some((_, rest)) => format!("say why{rest}"),
            None => message,
        };
        vec![(form.index_of("Rationale"), short)]
    })
}
