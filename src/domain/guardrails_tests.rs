use chrono::NaiveDate;

use super::*;
use crate::domain::{test_support, Agreement, DebtCategory, DebtDetails, RiskArea, Status};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("valid date")
}

fn item(id: i64, kind: Kind, points: f64) -> WorkItem {
    WorkItem { status: Status::Planned, ..test_support::item(id, kind, points) }
}

fn debt(id: i64, area: RiskArea, trigger: Option<NaiveDate>) -> WorkItem {
    let mut i = item(id, Kind::Debt, 3.0);
    i.status = Status::Backlog;
    i.debt = Some(Box::new(DebtDetails {
        interest: 4,
        visibility: 3,
        drag: None,
        category: DebtCategory::Tactical,
        risk_area: area,
        agreement: Agreement { trigger_date: trigger, ..Agreement::default() },
        deferrals: vec![],
        drag_history: vec![],
    }));
    i
}

fn ids(guardrails: &[Guardrail]) -> Vec<&str> {
    guardrails.iter().map(|g| g.id.as_str()).collect()
}

/// Only the debt-left-out lines (these cases plan nothing into a team without capacity).
fn debt_lines(guardrails: Vec<Guardrail>) -> Vec<Guardrail> {
    guardrails.into_iter().filter(|g| g.rule == Rule::DebtLeftOut).collect()
}

#[test]
fn a_team_without_capacity_is_a_guardrail_not_all_clear() {
    let policy = Policy::default();
    let empty = split([].iter(), &policy);
    let g = check(&empty, 0.0, &policy, [], day(11, 21), day(11, 10));
    assert_eq!(ids(&g), vec!["no-capacity"]);
    assert!(g[0].message.contains("no plannable capacity"), "{}", g[0].message);
    let plan = [item(1, Kind::Feature, 3.0)];
    let g = check(&split(plan.iter(), &policy), 0.0, &policy, [], day(11, 21), day(11, 10));
    assert!(ids(&g).contains(&"no-capacity") && ids(&g).contains(&"over-commitment"), "{g:?}");
}

#[test]
fn a_share_just_below_its_band_never_reads_as_the_band_edge() {
    let policy = Policy::default();
    // Defect band 5–15%: 4.8% must not print as "5%".
    let plan =
        [item(1, Kind::Feature, 31.0), item(2, Kind::Defect, 2.5), item(3, Kind::Debt, 12.0), item(4, Kind::Risk, 6.5)];
    let s = split(plan.iter(), &policy);
    let g = check(&s, 52.0, &policy, [], day(11, 21), day(11, 10));
    assert_eq!(ids(&g), vec!["kind-share:defect"]);
    let defect = g.iter().find(|g| g.id == "kind-share:defect").expect("defect below its band");
    assert!(defect.message.starts_with("Defect is 4.8% of the sprint"), "{}", defect.message);
    assert_eq!(pct_apart(0.048, 0.05), "4.8%");
    assert_eq!(pct_apart(0.153, 0.15), "15.3%");
    assert_eq!(pct_apart(0.30, 0.15), "30%");
    assert_eq!(pct_apart(0.14999, 0.15), "14.999%");
}

#[test]
fn a_sprint_on_policy_passes() {
    let policy = Policy::default();
    let plan =
        [item(1, Kind::Feature, 18.0), item(2, Kind::Defect, 3.0), item(3, Kind::Risk, 3.0), item(4, Kind::Debt, 6.0)];
    let s = split(plan.iter(), &policy);
    assert_eq!(s.load, 30.0);
    assert!((s.investment_share - 0.3).abs() < 1e-12);
    assert!(check(&s, 31.0, &policy, [], day(11, 21), day(11, 10)).is_empty());
}

#[test]
fn bands_floor_and_commitment_each_produce_a_readable_guardrail() {
    let policy = Policy::default();
    let plan = [item(1, Kind::Feature, 24.0), item(2, Kind::Defect, 3.0), item(3, Kind::Debt, 3.0)];
    let s = split(plan.iter(), &policy);
    let g = check(&s, 20.0, &policy, [], day(11, 21), day(11, 10));
    // What blocks comes first, so it is read before the warnings (and never scrolls away).
    assert_eq!(
        ids(&g),
        vec!["over-commitment", "kind-share:feature", "kind-share:risk", "kind-share:debt", "investment-floor"]
    );
    assert_eq!(g[1].message, "Feature is 80% of the sprint (24 of 30 points), above its 55–65% band.");
    assert_eq!(
        g[4].message,
        "Technical investment (debt + risk) is 10% of the sprint (3 points), below the 20% floor."
    );
    assert_eq!(g[0].severity, Severity::Block, "the default policy blocks over-commitment");
    assert!(g[1..].iter().all(|g| g.severity == Severity::Warn));
}

#[test]
fn under_commitment_is_measured_against_the_policy_minimum() {
    let policy = Policy::default();
    let plan =
        [item(1, Kind::Feature, 12.0), item(2, Kind::Debt, 4.0), item(3, Kind::Defect, 2.0), item(4, Kind::Risk, 2.0)];
    let s = split(plan.iter(), &policy);
    let g = check(&s, 30.0, &policy, [], day(11, 21), day(11, 10));
    assert_eq!(ids(&g), vec!["under-commitment"]);
    assert!(g[0].message.contains("room for 10 more"), "{}", g[0].message);
    assert!(check(&s, 23.0, &policy, [], day(11, 21), day(11, 10)).is_empty(), "20 of 23 is 87%, above 85%");
}

#[test]
fn overdue_debt_left_out_gets_a_line_each_and_high_risk_debt_one_reminder() {
    let policy = Policy::default();
    let s = split([].iter(), &policy);
    let left_out = [
        debt(10, RiskArea::Security, Some(day(10, 1))),
        debt(11, RiskArea::None, Some(day(10, 1))),
        debt(12, RiskArea::Compliance, Some(day(12, 1))),
        debt(13, RiskArea::Performance, None),
        debt(14, RiskArea::None, None),
    ];
    let g = debt_lines(check(&s, 0.0, &policy, left_out.iter(), day(11, 21), day(11, 10)));
    assert_eq!(ids(&g), vec!["debt-left-out:PAY-10", "debt-left-out:PAY-11", "debt-left-out:high-risk"]);
    assert_eq!(
        g[0].message,
        "PAY-10 \"item 10\" is high-risk (security) debt, overdue since 2026-10-01, and is not in the sprint. \
         It was never deferred."
    );
    assert!(g[1].message.contains("is debt overdue since 2026-10-01 and is not in the sprint"), "{}", g[1].message);
    assert_eq!(g[2].message, "2 high-risk debts are not in the sprint: PAY-12 (compliance), PAY-13 (performance).");
    assert_eq!(g[2].severity, Severity::Warn, "a reminder never blocks");
}

#[test]
fn a_deferral_for_this_sprint_is_quoted_and_never_blocks() {
    let policy = Policy { blocking: vec![Rule::DebtLeftOut], ..Policy::default() };
    let s = split([].iter(), &policy);
    let mut old = debt(10, RiskArea::Security, Some(day(10, 1)));
    let mut fresh = debt(11, RiskArea::Security, Some(day(10, 1)));
    let log = |on, text: &str| crate::domain::Deferral { on, rationale: text.into(), moved: None };
    if let Some(d) = old.debt.as_mut() {
        d.deferrals = vec![log(day(10, 26), "Black Friday freeze")];
    }
    if let Some(d) = fresh.debt.as_mut() {
        d.deferrals = vec![log(day(10, 26), "first"), log(day(11, 12), "key rotation needs the vendor")];
    }
    let g = debt_lines(check(&s, 0.0, &policy, [&old, &fresh], day(11, 21), day(11, 10)));
    assert_eq!(g[0].severity, Severity::Block, "deferred last sprint, not this one");
    assert!(g[0].message.ends_with("Last deferred 2026-10-26: \"Black Friday freeze\""), "{}", g[0].message);
    assert_eq!(g[1].severity, Severity::Warn);
    assert!(
        g[1].message.ends_with("Deferred for this sprint on 2026-11-12: \"key rotation needs the vendor\""),
        "{}",
        g[1].message
    );
}

#[test]
fn a_huge_register_is_summed_up_not_listed() {
    let policy = Policy::default();
    let s = split([].iter(), &policy);
    let left_out: Vec<WorkItem> = (1..=40)
        .map(|n| debt(n, if n % 2 == 0 { RiskArea::Security } else { RiskArea::None }, Some(day(10, 1))))
        .chain((41..=60).map(|n| debt(n, RiskArea::Compliance, None)))
        .collect();
    let g = debt_lines(check(&s, 0.0, &policy, left_out.iter(), day(11, 21), day(11, 10)));
    assert_eq!(g.len(), 10, "8 overdue lines, one for the other 32, one high-risk reminder");
    assert_eq!(g[0].id, "debt-left-out:PAY-2", "high-risk overdue debt comes first");
    assert_eq!(g[7].id, "debt-left-out:PAY-16");
    assert_eq!(g[8].message, "32 more overdue debts are not in the sprint (`flowdeck debt --overdue`).");
    assert!(g[9].message.starts_with("20 high-risk debts are not in the sprint: PAY-41 (compliance), "));
    assert!(g[9].message.ends_with("PAY-45 (compliance) and 15 more."), "{}", g[9].message);
}

#[test]
fn bands_never_leave_zero_to_one() {
    let policy = Policy { tolerance: 30, ..Policy::default() };
    assert_eq!(band(&policy, Kind::Defect), (0.0, 0.4));
}

proptest::proptest! {
    /// Whatever the policy blocks, every blocking guardrail is listed before the first warning.
    #[test]
    fn blocking_guardrails_always_come_before_warnings(mask in 0u16..512) {
        let blocking = Rule::ALL.iter().enumerate().filter(|(i, _)| mask >> i & 1 == 1).map(|(_, r)| *r).collect();
        let policy = Policy { blocking, ..Policy::default() };
        let plan = [item(1, Kind::Feature, 24.0), item(2, Kind::Defect, 3.0), item(3, Kind::Debt, 3.0)];
        let left_out = [debt(4, RiskArea::Security, Some(day(10, 1)))];
        let g = check(&split(plan.iter(), &policy), 20.0, &policy, left_out.iter(), day(11, 21), day(11, 10));
        let first_warning = g.iter().position(|g| g.severity == Severity::Warn).unwrap_or(g.len());
        proptest::prop_assert!(g[first_warning..].iter().all(|g| g.severity == Severity::Warn), "{g:?}");
    }
}
