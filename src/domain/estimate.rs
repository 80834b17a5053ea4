//! Estimates in half-point units: halves are allowed, nothing finer.
//!
//! Keeping estimates as integers of halves makes storage exact and lets the optimizer run a
//! dynamic programme over integer capacities.

use std::fmt;

/// An estimate (or any amount of work) counted in half points (or half days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct HalfPoints(pub u32);

/// The largest single estimate accepted: bigger numbers are typos, not work items.
pub const MAX_ESTIMATE: f64 = 1000.0;

impl HalfPoints {
    pub const ZERO: HalfPoints = HalfPoints(0);

    /// Converts a user-supplied number, refusing non-finite, negative, too large and
    /// non-half values with a message that says what is accepted.
    pub fn from_points(points: f64) -> Result<HalfPoints, String> {
        if !points.is_finite() {
            return Err(format!("estimate {points} is not a number"));
        }
        if points < 0.0 {
            return Err(format!("estimate {points} is negative"));
        }
        if points > MAX_ESTIMATE {
            return Err(format!("estimate {points} is larger than {MAX_ESTIMATE}"));
        }
        let halves = points * 2.0;
        if (halves - halves.round()).abs() > 1e-9 {
            return Err(format!("estimate {points} is not a whole or half number (e.g. 3 or 2.5)"));
        }
        // In range 0..=2000 after the checks above, so the cast cannot truncate.
        Ok(HalfPoints(halves.round() as u32))
    }

    pub fn points(self) -> f64 {
        f64::from(self.0) / 2.0
    }
}

impl fmt::Display for HalfPoints {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 % 2 == 0 {
            write!(f, "{}", self.0 / 2)
        } else {
            write!(f, "{}.5", self.0 / 2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_whole_and_half_values() {
        assert_eq!(HalfPoints::from_points(3.0), Ok(HalfPoints(6)));
        assert_eq!(HalfPoints::from_points(2.5), Ok(HalfPoints(5)));
        assert_eq!(HalfPoints::from_points(0.0), Ok(HalfPoints(0)));
        assert_eq!(HalfPoints(5).to_string(), "2.5");
        assert_eq!(HalfPoints(8).to_string(), "4");
    }

    #[test]
    fn refuses_values_a_team_cannot_mean() {
        for bad in [f64::NAN, f64::INFINITY, -1.0, 1.25, 1e9] {
            assert!(HalfPoints::from_points(bad).is_err(), "{bad} accepted");
        }
    }
}
