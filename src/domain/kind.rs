//! The four flow item kinds (Flow Framework) and a small fixed map keyed by kind.

use std::fmt;
use std::str::FromStr;

/// Every work item has exactly one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Feature,
    Defect,
    Risk,
    Debt,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Feature, Kind::Defect, Kind::Risk, Kind::Debt];

    /// Stable small-integer code used by the store (kinds are stored as integers, not strings).
    pub fn code(self) -> u8 {
        match self {
            Kind::Feature => 0,
            Kind::Defect => 1,
            Kind::Risk => 2,
            Kind::Debt => 3,
        }
    }

    pub fn from_code(code: i64) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| i64::from(k.code()) == code)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Feature => "feature",
            Kind::Defect => "defect",
            Kind::Risk => "risk",
            Kind::Debt => "debt",
        }
    }

    /// Technical investment = debt + risk work; policy reserves a floor for it.
    pub fn is_investment(self) -> bool {
        matches!(self, Kind::Debt | Kind::Risk)
    }

    fn index(self) -> usize {
        usize::from(self.code())
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == wanted)
            .ok_or_else(|| format!("unknown kind '{s}' (expected feature, defect, risk or debt)"))
    }
}

/// A value for each kind, stored in a fixed array (no hashing, no missing keys).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct KindMap<T>([T; 4]);

impl<T: Copy> KindMap<T> {
    pub fn new(feature: T, defect: T, risk: T, debt: T) -> Self {
        KindMap([feature, defect, risk, debt])
    }

    pub fn splat(value: T) -> Self {
        KindMap([value; 4])
    }

    pub fn get(&self, kind: Kind) -> T {
        self.0[kind.index()]
    }

    pub fn set(&mut self, kind: Kind, value: T) {
        self.0[kind.index()] = value;
    }

    pub fn iter(&self) -> impl Iterator<Item = (Kind, T)> + '_ {
        Kind::ALL.into_iter().map(|k| (k, self.get(k)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_distinct() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_code(i64::from(kind.code())), Some(kind));
            assert_eq!(kind.as_str().parse::<Kind>(), Ok(kind));
        }
        assert_eq!(Kind::from_code(4), None);
    }

    #[test]
    fn parsing_is_forgiving_about_case_but_names_bad_input() {
        assert_eq!(" Debt ".parse::<Kind>(), Ok(Kind::Debt));
        let err = "story".parse::<Kind>().unwrap_err();
        assert!(err.contains("'story'"), "{err}");
    }

    #[test]
    fn investment_is_debt_and_risk() {
        let invest: Vec<Kind> = Kind::ALL.into_iter().filter(|k| k.is_investment()).collect();
        assert_eq!(invest, vec![Kind::Risk, Kind::Debt]);
    }
}
