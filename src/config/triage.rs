//! `[triage]`: how single keys set an estimate in the triage mode.

use serde::Deserialize;

/// The estimate scale the team triages with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum TriageScale {
    /// 1 2 3 5 8 13 points on keys 1–6.
    #[default]
    Fibonacci,
    /// S M L XL on keys 1–4, worth `tshirt_points`.
    Tshirt,
    /// The number typed (halves allowed), e.g. 2.5.
    Typed,
}

pub const FIBONACCI: [f64; 6] = [1.0, 2.0, 3.0, 5.0, 8.0, 13.0];
pub const TSHIRT_SIZES: [&str; 4] = ["S", "M", "L", "XL"];

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TriageSettings {
    pub scale: TriageScale,
    /// Points of S, M, L and XL.
    pub tshirt_points: [f64; 4],
}

impl Default for TriageSettings {
    fn default() -> Self {
        TriageSettings { scale: TriageScale::Fibonacci, tshirt_points: [1.0, 3.0, 5.0, 8.0] }
    }
}

impl TriageSettings {
    /// The (label, points) under keys 1, 2, 3 … for a scale with steps; empty for `typed`.
    pub fn steps(&self) -> Vec<(String, f64)> {
        match self.scale {
            TriageScale::Fibonacci => FIBONACCI.iter().map(|p| (p.to_string(), *p)).collect(),
            TriageScale::Tshirt => {
                TSHIRT_SIZES.iter().zip(self.tshirt_points).map(|(s, p)| ((*s).to_string(), p)).collect()
            }
            TriageScale::Typed => Vec::new(),
        }
    }

    /// (key, value, what is wrong) of the first invalid value.
    pub fn invalid(&self) -> Option<(&'static str, String, &'static str)> {
        let points = &self.tshirt_points;
        let usable = points.iter().all(|p| crate::domain::HalfPoints::from_points(*p).is_ok_and(|h| h.0 > 0));
        let ascending = points.windows(2).all(|w| w[0] < w[1]);
        if usable && ascending {
            None
        } else {
            Some((
                "triage.tshirt_points",
                format!("{points:?}"),
                "must be four estimates in halves above 0, smallest first (S, M, L, XL), e.g. [1, 3, 5, 8]",
            ))
        }
    }
}
