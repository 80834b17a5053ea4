//! The defer form: one rationale, required when the register's rule says so.

use chrono::NaiveDate;

use crate::domain::debt::deferral::{defer, rationale_needed, MIN_RATIONALE_CHARS};
use crate::domain::edits::label;
use crate::domain::{ItemId, WorkItem, Workspace};

use super::{Field, Form, Outcome, Target};

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
    let field = Field::text("Rationale", "", "").with_hint(hint);
    Form::new(title, Target::Defer { item: item.id, rank, top }, vec![field])
}

pub fn to_change(form: &Form, ws: &Workspace, id: ItemId, rank: usize, top: usize, today: NaiveDate) -> Outcome {
    defer(ws, id, form.value("Rationale"), today, rank, top).map_err(|message| {
        // The rule's message names the item and the reason; the field shows what to do.
        let short = match message.split_once(": say why") {
            Some((_, rest)) => format!("say why{rest}"),
            None => message,
        };
        vec![(form.index_of("Rationale"), short)]
    })
}
