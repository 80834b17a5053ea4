//! The split of a sprint against policy, and the guardrails a manager reads out in a meeting.

use chrono::NaiveDate;

use super::item::WorkItem;
use super::kind::Kind;
use super::policy::Policy;
use super::text::format_points as pts;

/// The kinds of guardrail; the policy names those that block rather than warn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    KindShare,
    InvestmentFloor,
    OverCommitment,
    UnderCommitment,
    DebtLeftOut,
}

impl Rule {
    pub const ALL: [Rule; 5] =
        [Rule::KindShare, Rule::InvestmentFloor, Rule::OverCommitment, Rule::UnderCommitment, Rule::DebtLeftOut];

    pub fn as_str(self) -> &'static str {
        match self {
            Rule::KindShare => "kind-share",
            Rule::InvestmentFloor => "investment-floor",
            Rule::OverCommitment => "over-commitment",
            Rule::UnderCommitment => "under-commitment",
            Rule::DebtLeftOut => "debt-left-out",
        }
    }

    pub fn parse(s: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    Warn,
    Block,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warn => "warn",
            Severity::Block => "block",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Guardrail {
    /// Stable id, e.g. `kind-share:debt`, `investment-floor`, `debt-left-out:PAY-1033`.
    pub id: String,
    pub rule: Rule,
    pub severity: Severity,
    /// One sentence a manager can read out.
    pub message: String,
}

/// One kind's part of the sprint. Shares are fractions of the sprint's load.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KindSplit {
    pub kind: Kind,
    pub planned: f64,
    pub share: f64,
    pub target: f64,
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    pub load: f64,
    pub kinds: Vec<KindSplit>,
    /// Debt + risk points and their share of the load.
    pub investment: f64,
    pub investment_share: f64,
    pub floor: f64,
}

fn pct(fraction: f64) -> String {
    format!("{:.0}%", fraction * 100.0)
}

/// The band of a kind as fractions: target ± tolerance, kept within 0–1.
pub fn band(policy: &Policy, kind: Kind) -> (f64, f64) {
    let target = f64::from(policy.targets.get(kind));
    let tolerance = f64::from(policy.tolerance);
    (((target - tolerance) / 100.0).max(0.0), ((target + tolerance) / 100.0).min(1.0))
}

pub fn split<'a>(planned: impl IntoIterator<Item = &'a WorkItem>, policy: &Policy) -> Split {
    let mut by_kind = [0.0f64; 4];
    for item in planned {
        by_kind[usize::from(item.kind.code())] += item.estimate.points();
    }
    let load: f64 = by_kind.iter().sum();
    let share = |points: f64| if load > 0.0 { points / load } else { 0.0 };
    let kinds = Kind::ALL
        .into_iter()
        .map(|kind| {
            let planned = by_kind[usize::from(kind.code())];
            let (min, max) = band(policy, kind);
            KindSplit {
                kind,
                planned,
                share: share(planned),
                target: f64::from(policy.targets.get(kind)) / 100.0,
                min,
                max,
            }
        })
        .collect();
    let investment: f64 =
        Kind::ALL.into_iter().filter(|k| k.is_investment()).map(|k| by_kind[usize::from(k.code())]).sum();
    Split {
        load,
        kinds,
        investment,
        investment_share: share(investment),
        floor: f64::from(policy.investment_floor) / 100.0,
    }
}

/// Tolerance for comparing shares, so 15.0000001% is not "above 15%".
const EPS: f64 = 1e-9;

/// Every guardrail the sprint breaks. `left_out` are open debts not in the sprint.
pub fn check<'a>(
    split: &Split,
    plannable: f64,
    policy: &Policy,
    left_out: impl IntoIterator<Item = &'a WorkItem>,
    today: NaiveDate,
) -> Vec<Guardrail> {
    let severity = |rule| if policy.blocking.contains(&rule) { Severity::Block } else { Severity::Warn };
    let mut out = Vec::new();
    let mut push =
        |id: String, rule: Rule, message: String| out.push(Guardrail { id, rule, severity: severity(rule), message });

    if split.load > 0.0 {
        for k in &split.kinds {
            let position = if k.share < k.min - EPS {
                "below"
            } else if k.share > k.max + EPS {
                "above"
            } else {
                continue;
            };
            let name = k.kind.as_str();
            let mut capitalised = name.to_string();
            capitalised[..1].make_ascii_uppercase();
            push(
                format!("kind-share:{name}"),
                Rule::KindShare,
                format!(
                    "{capitalised} is {} of the sprint ({} of {} points), {position} its {:.0}–{} band.",
                    pct(k.share),
                    pts(k.planned),
                    pts(split.load),
                    k.min * 100.0,
                    pct(k.max)
                ),
            );
        }
        if split.investment_share < split.floor - EPS {
            push(
                "investment-floor".into(),
                Rule::InvestmentFloor,
                format!(
                    "Technical investment (debt + risk) is {} of the sprint ({} points), below the {} floor.",
                    pct(split.investment_share),
                    pts(split.investment),
                    pct(split.floor)
                ),
            );
        }
    }
    if split.load > plannable + EPS {
        push(
            "over-commitment".into(),
            Rule::OverCommitment,
            format!(
                "The sprint holds {} points but the team can take {}: {} points over.",
                pts(split.load),
                pts(plannable),
                pts(split.load - plannable)
            ),
        );
    } else if plannable > 0.0 && split.load < plannable * f64::from(policy.min_commitment) / 100.0 - EPS {
        push(
            "under-commitment".into(),
            Rule::UnderCommitment,
            format!(
                "The sprint holds {} of {} plannable points ({}), below the {}% the team aims for: room for {} more.",
                pts(split.load),
                pts(plannable),
                pct(split.load / plannable),
                policy.min_commitment,
                pts(plannable - split.load)
            ),
        );
    }
    for item in left_out {
        let Some(debt) = item.debt.as_ref() else { continue };
        let Some(due) = debt.agreement.trigger_date.filter(|_| debt.agreement.is_overdue(today)) else { continue };
        if !debt.risk_area.is_high_risk() {
            continue;
        }
        let label = super::edits::label(item);
        push(
            format!("debt-left-out:{label}"),
            Rule::DebtLeftOut,
            format!(
                "{label} \"{}\" is high-risk ({}) debt, overdue since {due}, and is not in the sprint.",
                item.title,
                debt.risk_area.as_str()
            ),
        );
    }
    out
}

#[cfg(test)]
#[path = "guardrails_tests.rs"]
mod tests;
