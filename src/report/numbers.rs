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

/// 10000 → "10,000".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A row of block characters for a trend in plain text: the lowest value is `▁`, the highest
/// `█`; a missing value is a space.
pub fn sparkline(values: &[Option<f64>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let present = values.iter().flatten().copied();
    let (lo, hi) = present.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    values
        .iter()
        .map(|v| match v {
            Some(v) if hi > lo => {
                let step = ((v - lo) / (hi - lo) * 7.0).round();
                BARS[(step as usize).min(7)]
            }
            Some(_) => BARS[3],
            None => ' ',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(
            (thousands(7), thousands(10_000), thousands(1_234_567)),
            ("7".into(), "10,000".into(), "1,234,567".into())
        );
    }

    #[test]
    fn sparklines_span_lowest_to_highest() {
        assert_eq!(sparkline(&[Some(1.0), Some(8.0), None, Some(4.5)]), "▁█ ▅");
        assert_eq!(sparkline(&[Some(2.0), Some(2.0)]), "▄▄", "a flat trend sits in the middle");
        assert_eq!(sparkline(&[]), "");
    }
}
