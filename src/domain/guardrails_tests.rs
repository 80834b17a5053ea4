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
    i.debt = Some(DebtDetails {
        interest: 4,
        visibility: 3,
        drag: None,
        category: DebtCategory::Tactical,
        risk_area: area,
        agreement: Agreement { trigger_date: trigger, ..Agreement::default() },
        deferrals: vec![],
    });
    i
}

fn ids(guardrails: &[Guardrail]) -> Vec<&str> {
    guardrails.iter().map(|g| g.id.as_str()).collect()
}

#[test]
fn a_sprint_on_policy_passes() {
    let policy = Policy::default();
    let plan =
        [item(1, Kind::Feature, 18.0), item(2, Kind::Defect, 3.0), item(3, Kind::Risk, 3.0), item(4, Kind::Debt, 6.0)];
    let s = split(plan.iter(), &policy);
    assert_eq!(s.load, 30.0);
    assert!((s.investment_share - 0.3).abs() < 1e-12);
    assert!(check(&s, 31.0, &policy, [], day(11, 21)).is_empty());
}

#[test]
fn bands_floor_and_commitment_each_produce_a_readable_guardrail() {
    let policy = Policy::default();
    let plan = [item(1, Kind::Feature, 24.0), item(2, Kind::Defect, 3.0), item(3, Kind::Debt, 3.0)];
    let s = split(plan.iter(), &policy);
    let g = check(&s, 20.0, &policy, [], day(11, 21));
    assert_eq!(
        ids(&g),
        vec!["kind-share:feature", "kind-share:risk", "kind-share:debt", "investment-floor", "over-commitment"]
    );
    assert_eq!(g[0].message, "Feature is 80% of the sprint (24 of 30 points), above its 55–65% band.");
    assert_eq!(
        g[3].message,
        "Technical investment (debt + risk) is 10% of the sprint (3 points), below the 20% floor."
    );
    assert_eq!(g[4].severity, Severity::Block, "the default policy blocks over-commitment");
    assert_eq!(g[0].severity, Severity::Warn);
}

#[test]
fn under_commitment_is_measured_against_the_policy_minimum() {
    let policy = Policy::default();
    let plan =
        [item(1, Kind::Feature, 12.0), item(2, Kind::Debt, 4.0), item(3, Kind::Defect, 2.0), item(4, Kind::Risk, 2.0)];
    let s = split(plan.iter(), &policy);
    let g = check(&s, 30.0, &policy, [], day(11, 21));
    assert_eq!(ids(&g), vec!["under-commitment"]);
    assert!(g[0].message.contains("room for 10 more"), "{}", g[0].message);
    assert!(check(&s, 23.0, &policy, [], day(11, 21)).is_empty(), "20 of 23 is 87%, above 85%");
}

#[test]
fn only_overdue_high_risk_debt_left_out_is_flagged() {
    let policy = Policy::default();
    let s = split([].iter(), &policy);
    let left_out = [
        debt(10, RiskArea::Security, Some(day(10, 1))),
        debt(11, RiskArea::None, Some(day(10, 1))),
        debt(12, RiskArea::Compliance, Some(day(12, 1))),
        debt(13, RiskArea::Performance, None),
    ];
    let g = check(&s, 0.0, &policy, left_out.iter(), day(11, 21));
    assert_eq!(ids(&g), vec!["debt-left-out:PAY-10"]);
    assert!(g[0].message.contains("high-risk (security) debt, overdue since 2026-10-01"), "{}", g[0].message);
}

#[test]
fn bands_never_leave_zero_to_one() {
    let policy = Policy { tolerance: 30, ..Policy::default() };
    assert_eq!(band(&policy, Kind::Defect), (0.0, 0.4));
}
