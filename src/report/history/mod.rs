//! `flowdeck history`: past sprints' metrics and their trends as text, Markdown or JSON.
//! Cells are formatted here once so every form (and the History screen) reads the same.

mod json;
mod markdown;
mod text;

pub use json::to_json;
pub use markdown::write_markdown;
pub use text::write_text;

use crate::domain::history::{SprintMetrics, Trend, Trends};
use crate::domain::Kind;

use super::numbers::{percent, points};

/// "87%", or "—" where there is no ratio (nothing planned).
pub fn ratio(value: Option<f64>) -> String {
    value.map_or_else(|| "—".into(), percent)
}

/// "Nov 02 → Nov 13".
pub fn dates(m: &SprintMetrics) -> String {
    format!("{} → {}", m.start.format("%b %d"), m.end.format("%b %d"))
}

/// "58/18/9/15": the actual split in whole percent, feature/defect/risk/debt.
pub fn split_cell(m: &SprintMetrics) -> String {
    Kind::ALL.iter().map(|k| format!("{:.0}", m.actual_split.get(*k) * 100.0)).collect::<Vec<_>>().join("/")
}

/// A sprint's cells after its name, in table order: dates, planned, done, say/do, real
/// velocity, carried, unplanned share, investment share, split (text and Markdown agree).
pub fn row_cells(m: &SprintMetrics) -> [String; 9] {
    [
        dates(m),
        points(m.planned),
        points(m.velocity),
        ratio(m.say_do),
        points(m.real_velocity),
        points(m.carried),
        ratio(m.unplanned_share),
        ratio(m.investment_share),
        split_cell(m),
    ]
}

/// The trends shown, in order: label, the trend, and whether it is a share (else points).
pub fn trend_rows(t: &Trends) -> [(&'static str, &Trend, bool); 6] {
    [
        ("velocity", &t.velocity, false),
        ("real velocity", &t.real_velocity, false),
        ("say/do", &t.say_do, true),
        ("carry-over", &t.carry_over, false),
        ("unplanned share", &t.unplanned_share, true),
        ("investment share", &t.investment_share, true),
    ]
}

/// "mean 27.5, last 30 (+3.2 against the sprints before)" for points; percentages for shares.
pub fn trend_summary(trend: &Trend, share: bool) -> String {
    let fmt = |v: f64| if share { percent(v) } else { points(v) };
    let mut text = match (trend.mean(), trend.last()) {
        (Some(mean), Some(last)) => format!("mean {}, last {}", fmt(mean), fmt(last)),
        (Some(mean), None) => format!("mean {}", fmt(mean)),
        _ => return "no data".into(),
    };
    if let Some(change) = trend.change() {
        let change_text = if share { format!("{} pp", signed(change * 100.0, 0)) } else { signed(change, 1) };
        text.push_str(&format!(" ({change_text} against the sprints before)"));
    }
    text
}

/// "+3.2" or "−3.2" (a real minus sign, as in the debt register).
fn signed(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    if value < 0.0 && text.trim_start_matches(['0', '.']).is_empty() {
        format!("+{text}")
    } else if value < 0.0 {
        format!("−{text}")
    } else {
        format!("+{text}")
    }
}

/// Delivery figures are optional: only sprints that recorded any appear in that table.
pub fn has_delivery(m: &SprintMetrics) -> bool {
    let d = &m.delivery;
    d.deployments.is_some()
        || d.lead_time_days.is_some()
        || d.change_failures.is_some()
        || d.incidents.is_some()
        || d.recovery_hours.is_some()
}

pub fn optional<T: std::fmt::Display>(value: Option<T>) -> String {
    value.map_or_else(|| "—".into(), |v| v.to_string())
}

/// A figure with one decimal, or "—".
pub fn optional_decimal(value: Option<f64>) -> String {
    value.map_or_else(|| "—".into(), |v| format!("{v:.1}"))
}
