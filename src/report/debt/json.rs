//! The register as JSON, every figure included, for scripts and dashboards.

use serde_json::{json, Value};

use crate::domain::text::sanitize_line;
use crate::report::numbers::round3;
use crate::service::debt::RegisterReport;

pub fn to_json(r: &RegisterReport<'_>) -> Value {
    let t = &r.totals;
    let debts: Vec<Value> = r
        .rows
        .iter()
        .map(|(row, need)| {
            let e = &row.economics;
            let d = row.debt;
            let a = &d.agreement;
            json!({
                "rank": row.rank,
                "id": row.item.id.0,
                "key": row.item.key,
                "title": sanitize_line(&row.item.title),
                "status": row.item.status.as_str(),
                "interest": d.interest,
                "visibility": d.visibility,
                "drag": round3(e.drag),
                "drag_derived": d.drag.is_none(),
                "principal": round3(e.principal),
                "payback_sprints": e.payback.map(round3),
                "sprints_carried": e.sprints_carried,
                "drag_paid": round3(e.interest_paid),
                "return_over_horizon": e.horizon_return.map(round3),
                "age_days": e.age_days,
                "recorded": row.item.created.date_naive(),
                "category": d.category.as_str(),
                "risk_area": d.risk_area.as_str(),
                "high_risk": d.risk_area.is_high_risk(),
                "overdue": row.overdue,
                "agreement": {
                    "reason": a.reason,
                    "impact": a.impact,
                    "trigger_date": a.trigger_date,
                    "trigger_condition": a.trigger_condition,
                    "owner": a.owner,
                    "linked_key": a.linked_key,
                },
                "deferrals": d.deferrals.iter().map(|f| {
                    let (before, after) = f.repay_by_columns();
                    json!({"on": f.on, "rationale": f.rationale, "repay_by_before": before, "repay_by_after": after})
                }).collect::<Vec<_>>(),
                "deferral_needs_rationale": need,
            })
        })
        .collect();
    json!({
        "as_of": r.terms.today,
        "horizon_sprints": r.terms.horizon,
        "sprint_days": r.terms.cadence_days,
        "top": r.top,
        "filter": {
            "overdue": r.filter.overdue,
            "high_risk": r.filter.high_risk,
            "category": r.filter.category.map(|c| c.as_str()),
        },
        "sort": r.sort.as_str(),
        "capacity": r.capacity.as_ref().map(|(sprint, plannable)| json!({"sprint": sprint, "plannable": round3(*plannable)})),
        "totals": {
            "count": t.count,
            "drag": round3(t.drag),
            "principal": round3(t.principal),
            "drag_paid": round3(t.interest_paid),
            "drag_share_of_capacity": t.drag_share.map(round3),
            "overdue": t.overdue,
            "high_risk": t.high_risk,
        },
        "added_vs_repaid": r.flow.iter().map(|f| json!({
            "sprint": f.sprint, "start": f.start, "added": round3(f.added), "repaid": round3(f.repaid),
        })).collect::<Vec<_>>(),
        "debts": debts,
    })
}
