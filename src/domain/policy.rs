//! The team's capacity split policy and scoring settings.

use super::guardrails::Rule;
use super::kind::{Kind, KindMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScoringModel {
    /// Weighted shortest job first: benefit ÷ estimate^w_effort.
    Wsjf,
    /// benefit − w_effort · effort_scale(estimate).
    WeightedSum,
}

impl ScoringModel {
    pub const ALL: [ScoringModel; 2] = [ScoringModel::Wsjf, ScoringModel::WeightedSum];

    pub fn code(self) -> u8 {
        match self {
            ScoringModel::Wsjf => 0,
            ScoringModel::WeightedSum => 1,
        }
    }

    pub fn from_code(code: i64) -> Option<Self> {
        Self::ALL.into_iter().find(|m| i64::from(m.code()) == code)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ScoringModel::Wsjf => "wsjf",
            ScoringModel::WeightedSum => "weighted-sum",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s.trim().to_ascii_lowercase())
    }
}

/// Whether estimates are story points or person-days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EstimateUnit {
    Points,
    Days,
}

impl EstimateUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            EstimateUnit::Points => "points",
            EstimateUnit::Days => "days",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "points" => Some(EstimateUnit::Points),
            "days" => Some(EstimateUnit::Days),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    pub impact: f64,
    pub risk: f64,
    pub time_to_value: f64,
    pub effort: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights { impact: 0.4, risk: 0.35, time_to_value: 0.25, effort: 1.0 }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// Target share of the sprint per kind, in percent; they sum to 100.
    pub targets: KindMap<u8>,
    /// Allowed distance from a target, in percentage points.
    pub tolerance: u8,
    /// Minimum share for technical investment (debt + risk), in percent.
    pub investment_floor: u8,
    pub model: ScoringModel,
    pub weights: Weights,
    pub unit: EstimateUnit,
    /// Focus factor for members who have none of their own.
    pub default_focus: f64,
    /// Below this share of plannable capacity (percent) a sprint is under-committed.
    pub min_commitment: u8,
    /// Guardrails that block instead of warn.
    pub blocking: Vec<Rule>,
    /// The team's name as the set-up wrote it (empty in databases from before the set-up).
    pub team_name: String,
    /// Auto-fill plans overdue high-risk debt (security, performance, compliance) before
    /// anything else, unless it was deferred for the sprint being filled.
    pub plan_overdue_high_risk_debt_first: bool,
    pub version: i64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            targets: KindMap::new(60, 10, 10, 20),
            tolerance: 5,
            investment_floor: 20,
            model: ScoringModel::Wsjf,
            weights: Weights::default(),
            unit: EstimateUnit::Points,
            default_focus: 0.8,
            min_commitment: 85,
            blocking: vec![Rule::OverCommitment],
            team_name: String::new(),
            plan_overdue_high_risk_debt_first: true,
            version: 1,
        }
    }
}

impl Policy {
    /// Checks the invariants a policy must hold; each problem is one readable sentence.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let sum: u32 = Kind::ALL.iter().map(|k| u32::from(self.targets.get(*k))).sum();
        if sum != 100 {
            problems.push(format!("kind targets add up to {sum}%, they must add up to 100%"));
        }
        if self.tolerance > 50 {
            problems.push(format!("tolerance {} is above 50 percentage points", self.tolerance));
        }
        if self.investment_floor > 100 {
            problems.push(format!("investment floor {}% is above 100%", self.investment_floor));
        }
        let w = self.weights;
        for (name, value) in
            [("impact", w.impact), ("risk", w.risk), ("time_to_value", w.time_to_value), ("effort", w.effort)]
        {
            if !value.is_finite() || !(0.0..=10.0).contains(&value) {
                problems.push(format!("weight {name} = {value} is outside 0–10"));
            }
        }
        if self.min_commitment > 100 {
            problems.push(format!("minimum commitment {}% is above 100%", self.min_commitment));
        }
        if !(0.0..=1.0).contains(&self.default_focus) {
            problems.push(format!("default focus {} is outside 0–1", self.default_focus));
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_policy_is_the_documented_one_and_valid() {
        let p = Policy::default();
        assert_eq!(p.targets.get(Kind::Feature), 60);
        assert_eq!(p.targets.get(Kind::Debt), 20);
        assert_eq!(p.investment_floor, 20);
        assert!(p.problems().is_empty(), "{:?}", p.problems());
    }

    #[test]
    fn targets_must_add_up() {
        let mut p = Policy::default();
        p.targets.set(Kind::Feature, 70);
        assert!(p.problems()[0].contains("110%"));
    }
}
