//! `flowdeck history --format json`: a stable contract, documented in the README.

use serde_json::{json, Value};

use crate::domain::history::{SprintMetrics, Trend};
use crate::domain::{Kind, KindMap};
use crate::service::history::HistoryReport;

use super::super::numbers::round3;
use super::trend_rows;

fn opt(value: Option<f64>) -> Value {
    value.map_or(Value::Null, |v| json!(round3(v)))
}

fn per_kind(map: &KindMap<f64>) -> Value {
    let mut object = serde_json::Map::new();
    for kind in Kind::ALL {
        object.insert(kind.as_str().into(), json!(round3(map.get(kind))));
    }
    Value::Object(object)
}

fn sprint(m: &SprintMetrics) -> Value {
    let d = &m.delivery;
    json!({
        "name": m.name,
        "start": m.start,
        "end": m.end,
        "state": m.state.as_str(),
        "goal": m.goal,
        "items": m.items,
        "planned": round3(m.planned),
        "planned_by_kind": per_kind(&m.planned_by_kind),
        "velocity": round3(m.velocity),
        "completed_by_kind": per_kind(&m.completed_by_kind),
        "real_velocity": round3(m.real_velocity),
        "say_do": opt(m.say_do),
        "carried": round3(m.carried),
        "carried_items": m.carried_items,
        "carry_over_share": opt(m.carry_over_share),
        "dropped": round3(m.dropped),
        "dropped_items": m.dropped_items,
        "unplanned": per_kind(&m.unplanned),
        "unplanned_share": opt(m.unplanned_share),
        "rework": round3(m.rework),
        "actual_split": per_kind(&m.actual_split),
        "investment_share": opt(m.investment_share),
        "delivery": {
            "deployments": d.deployments,
            "lead_time_days": d.lead_time_days.map(round3),
            "change_failures": d.change_failures,
            "incidents": d.incidents,
            "recovery_hours": d.recovery_hours.map(round3),
        },
    })
}

fn trend(t: &Trend) -> Value {
    json!({
        "values": t.values.iter().map(|v| opt(*v)).collect::<Vec<_>>(),
        "mean": opt(t.mean()),
        "last": opt(t.last()),
        "change": opt(t.change()),
    })
}

pub fn to_json(r: &HistoryReport) -> Value {
    let mut trends = serde_json::Map::new();
    for (label, t, _) in trend_rows(&r.trends) {
        trends.insert(label.replace([' ', '/'], "_"), trend(t));
    }
    let targets = KindMap::new(
        f64::from(r.policy.targets.get(Kind::Feature)) / 100.0,
        f64::from(r.policy.targets.get(Kind::Defect)) / 100.0,
        f64::from(r.policy.targets.get(Kind::Risk)) / 100.0,
        f64::from(r.policy.targets.get(Kind::Debt)) / 100.0,
    );
    json!({
        "closed_total": r.closed_total,
        "sprints": r.trends.sprints.iter().map(sprint).collect::<Vec<_>>(),
        "trends": trends,
        "actual_split": r.trends.actual_split().as_ref().map_or(Value::Null, per_kind),
        "policy": {
            "targets": per_kind(&targets),
            "tolerance": f64::from(r.policy.tolerance) / 100.0,
            "investment_floor": f64::from(r.policy.investment_floor) / 100.0,
        },
        "current": r.current.as_ref().map_or(Value::Null, sprint),
    })
}
