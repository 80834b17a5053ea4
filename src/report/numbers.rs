//! Number formatting shared by every report, so text, Markdown and screens agree.

pub use crate::domain::text::format_points as points;

/// A fraction as a whole percentage: 0.236 → "24%".
pub fn percent(fraction: f64) -> String {
    format!("{:.0}%", fraction * 100.0)
}

/// Rounds for JSON output so contracts show 33.6, not 33.600000000000001.
pub fn round3(value: f64) -> f64 {
    // `+ 0.0` turns −0 into 0.
    (value * 1000.0).round() / 1000.0 + 0.0
}

/// "1 point", "2.5 points".
pub fn points_phrase(value: f64) -> String {
    let text = points(value);
    if text == "1" {
        "1 point".into()
    } else {
        format!("{text} points")
    }
}
