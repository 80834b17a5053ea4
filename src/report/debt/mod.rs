//! `flowdeck debt`: the register as text, a Markdown review, or JSON. The figures are
//! formatted here once so every form (and the Debt screen) reads the same.

mod json;
mod markdown;
mod text;

pub use json::to_json;
pub use markdown::write_markdown;
pub use text::write_text;

use crate::domain::debt::{Economics, Row};
use crate::domain::text::sanitize_line;
use crate::domain::Agreement;

use super::numbers::{percent, points_phrase};

/// "2.5" sprints, or "never" for a debt with no drag.
pub fn payback(e: &Economics) -> String {
    match e.payback {
        Some(p) => format!("{:.1}", p),
        None => "never".into(),
    }
}

/// "+940%", "−60%", or "—" when there is nothing to repay.
pub fn horizon_return(e: &Economics) -> String {
    match e.horizon_return {
        Some(r) if r >= 0.0 => format!("+{}", percent(r)),
        Some(r) => format!("−{}", percent(-r)),
        None => "—".into(),
    }
}

/// The trigger: date and/or condition, or "none set".
pub fn trigger(a: &Agreement) -> String {
    let condition = sanitize_line(&a.trigger_condition);
    match (a.trigger_date, condition.is_empty()) {
        (Some(date), true) => date.to_string(),
        (Some(date), false) => format!("{date} or {condition}"),
        (None, false) => condition,
        (None, true) => "none set".into(),
    }
}

/// "drag 1.2 points a sprint; principal 3; pays back in 2.5 sprints; …" in one sentence.
pub fn economics_sentence(e: &Economics, horizon: u32) -> String {
    let pays = match e.payback {
        Some(p) => format!("pays back in {p:.1} sprints"),
        None => "never pays back (no drag)".into(),
    };
    format!(
        "drag {} a sprint; principal {}; {pays}; carried {} sprints, {} of drag paid so far; \
         return over {horizon} sprints {}",
        points_phrase(e.drag),
        points_phrase(e.principal),
        e.sprints_carried,
        points_phrase(e.interest_paid),
        horizon_return(e)
    )
}

/// The key (or #id) of a row's item, safe to print.
pub fn key(row: &Row<'_>) -> String {
    row.item.key.as_deref().map(sanitize_line).unwrap_or_else(|| format!("#{}", row.item.id.0))
}
