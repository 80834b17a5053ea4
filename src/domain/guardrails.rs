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
    /// The team has no plannable capacity (no members, or everyone away): nothing can be true.
    NoCapacity,
    /// A member is assigned more than their share of the plannable capacity.
    PersonOver,
    /// A planned item needs a skill its assignee lacks, or nobody with it has room.
    SkillGap,
    /// A planned item waits for one that is neither done nor in the sprint.
    WaitsFor,
}

impl Rule {
    pub const ALL: [Rule; 9] = [
        Rule::KindShare,
        Rule::InvestmentFloor,
        Rule::OverCommitment,
        Rule::UnderCommitment,
        Rule::DebtLeftOut,
        Rule::NoCapacity,
        Rule::PersonOver,
        Rule::SkillGap,
        Rule::WaitsFor,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Rule::KindShare => "kind-share",
            Rule::InvestmentFloor => "investment-floor",
            Rule::OverCommitment => "over-commitment",
            Rule::UnderCommitment => "under-commitment",
            Rule::DebtLeftOut => "debt-left-out",
            Rule::NoCapacity => "no-capacity",
            Rule::PersonOver => "person-over",
            Rule::SkillGap => "skill-gap",
            Rule::WaitsFor => "waits-for",
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

/// `value` as a percentage with as few decimals as keep it visibly apart from `bound` (0.048
/// against 0.05 is "4.8%", never "5%" next to "below its 5–15% band").
pub fn pct_apart(value: f64, bound: f64) -> String {
    for decimals in 0..5 {
        let shown = format!("{:.decimals$}", value * 100.0);
        if shown != format!("{:.decimals$}", bound * 100.0) {
            return format!("{shown}%");
        }
    }
    format!("{:.4}%", value * 100.0)
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

/// Every guardrail the sprint breaks. `left_out` are open debts not in the sprint (only the
/// overdue and high-risk ones matter); a deferral recorded on or after `deferrals_from` puts a
/// debt off for this sprint.
pub fn check<'a>(
    split: &Split,
    plannable: f64,
    policy: &Policy,
    left_out: impl IntoIterator<Item = &'a WorkItem>,
    today: NaiveDate,
    deferrals_from: NaiveDate,
) -> Vec<Guardrail> {
    let severity_of = |rule| if policy.blocking.contains(&rule) { Severity::Block } else { Severity::Warn };
    let mut out = Vec::new();
    let mut push = |id: String, rule: Rule, message: String| {
        out.push(Guardrail { id, rule, severity: severity_of(rule), message })
    };

    if split.load > 0.0 {
        for k in &split.kinds {
            let (position, bound) = if k.share < k.min - EPS {
                ("below", k.min)
            } else if k.share > k.max + EPS {
                ("above", k.max)
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
                    pct_apart(k.share, bound),
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
                    pct_apart(split.investment_share, split.floor),
                    pts(split.investment),
                    pct(split.floor)
                ),
            );
        }
    }
    if plannable <= EPS {
        push(
            "no-capacity".into(),
            Rule::NoCapacity,
            "The team has no plannable capacity in this sprint (0 person-days): add members, or check \
             their allocation, focus and days off."
                .into(),
        );
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
                pct_apart(split.load / plannable, f64::from(policy.min_commitment) / 100.0),
                policy.min_commitment,
                pts(plannable - split.load)
            ),
        );
    }
    for (id, rule, severity, message) in debts_left_out(left_out, today, deferrals_from) {
        let severity = severity.unwrap_or_else(|| severity_of(rule));
        out.push(Guardrail { id, rule, severity, message });
    }
    blocking_first(&mut out);
    out
}

/// What blocks the plan is read first, on every screen and report; the order within each
/// severity stays as checked (split, load, debts, then people). Stable, so it can run again
/// after more guardrails are appended.
pub fn blocking_first(guardrails: &mut [Guardrail]) {
    guardrails.sort_by_key(|g| g.severity != Severity::Block);
}

/// How many high-risk debts the summary line names before "and N more".
const NAMED_HIGH_RISK: usize = 5;
/// How many overdue debts get a line each before the rest are summed up in one.
const LISTED_OVERDUE: usize = 8;

type DebtGuardrail = (String, Rule, Option<Severity>, String);

/// One guardrail per overdue debt left out (a deferral for this sprint, with its rationale,
/// makes it a warning whatever the policy), and one line naming the high-risk debts left out
/// that are not overdue (a reminder: always a warning).
fn debts_left_out<'a>(
    left_out: impl IntoIterator<Item = &'a WorkItem>,
    today: NaiveDate,
    deferrals_from: NaiveDate,
) -> Vec<DebtGuardrail> {
    let mut overdue = Vec::new();
    let mut high_risk: Vec<String> = Vec::new();
    let mut high_risk_count = 0usize;
    for item in left_out {
        let Some(debt) = item.debt.as_ref() else { continue };
        let for_this_sprint = super::debt::deferral::latest(debt).filter(|d| d.on >= deferrals_from);
        match debt.agreement.trigger_date.filter(|_| debt.agreement.is_overdue(today)) {
            Some(due) => overdue.push((item, debt, due)),
            None if debt.risk_area.is_high_risk() => {
                high_risk_count += 1;
                if high_risk.len() < NAMED_HIGH_RISK {
                    let deferred = for_this_sprint.map(|d| format!(", deferred {}", d.on)).unwrap_or_default();
                    high_risk.push(format!("{} ({}{deferred})", super::edits::label(item), debt.risk_area.as_str()));
                }
            }
            None => {}
        }
    }
    // High-risk first, then the longest overdue.
    overdue.sort_by_key(|(item, debt, due)| (!debt.risk_area.is_high_risk(), *due, item.id));
    let overdue_beyond_list = overdue.len().saturating_sub(LISTED_OVERDUE);
    let mut out = Vec::new();
    for (item, debt, due) in overdue.into_iter().take(LISTED_OVERDUE) {
        let latest = super::debt::deferral::latest(debt);
        let for_this_sprint = latest.filter(|d| d.on >= deferrals_from);
        let label = super::edits::label(item);
        let area = debt.risk_area;
        let what = if area.is_high_risk() {
            format!("is high-risk ({}) debt, overdue since {due}, and", area.as_str())
        } else {
            format!("is debt overdue since {due} and")
        };
        let quoted = |rationale: &str| {
            if rationale.is_empty() {
                "(no rationale given)".to_string()
            } else {
                format!("\"{rationale}\"")
            }
        };
        let deferral = match (for_this_sprint, latest) {
            (Some(d), _) => format!(" Deferred for this sprint on {}: {}", d.on, quoted(&d.rationale)),
            (None, Some(d)) => format!(" Last deferred {}: {}", d.on, quoted(&d.rationale)),
            (None, None) => " It was never deferred.".to_string(),
        };
        out.push((
            format!("debt-left-out:{label}"),
            Rule::DebtLeftOut,
            for_this_sprint.map(|_| Severity::Warn),
            format!("{label} \"{}\" {what} is not in the sprint.{deferral}", item.title),
        ));
    }
    if overdue_beyond_list > 0 {
        out.push((
            "debt-left-out:more-overdue".into(),
            Rule::DebtLeftOut,
            None,
            format!("{overdue_beyond_list} more overdue debts are not in the sprint (`flowdeck debt --overdue`)."),
        ));
    }
    if high_risk_count > 0 {
        let more = high_risk_count - high_risk.len();
        let more = if more > 0 { format!(" and {more} more") } else { String::new() };
        let debts = if high_risk_count == 1 { "debt is" } else { "debts are" };
        out.push((
            "debt-left-out:high-risk".into(),
            Rule::DebtLeftOut,
            Some(Severity::Warn),
            format!("{high_risk_count} high-risk {debts} not in the sprint: {}{more}.", high_risk.join(", ")),
        ));
    }
    out
}

#[cfg(test)]
#[path = "guardrails_tests.rs"]
mod tests;
