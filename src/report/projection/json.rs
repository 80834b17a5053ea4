//! `flowdeck project --format json`: a stable contract, documented in the README.

use serde_json::{json, Value};

use crate::domain::projection::{H_MAX, H_MIN};
use crate::service::projection::Projection;

use super::super::numbers::round3;

fn series(values: &[f64]) -> Value {
    json!(values.iter().map(|v| round3(*v)).collect::<Vec<_>>())
}

pub fn to_json(p: &Projection) -> Value {
    let c = &p.calibration;
    let m = &c.params;
    let scenarios: Vec<Value> = p
        .scenarios
        .iter()
        .map(|s| {
            json!({
                "label": s.label,
                "share": round3(s.path.share),
                "is_plan": s.is_plan,
                "is_what_if": s.is_what_if,
                "health": series(&s.path.health),
                "capacity": series(&s.path.capacity),
                "feature": series(&s.path.feature),
                "cumulative": series(&s.path.cumulative),
                "total": round3(s.path.total()),
                "end_health": round3(s.path.end_health),
                "bands": s.bands.as_ref().map_or(Value::Null, |b| json!({
                    "p10": series(&b.p10),
                    "p50": series(&b.p50),
                    "p90": series(&b.p90),
                })),
            })
        })
        .collect();
    let crossovers: Vec<Value> = p
        .crossovers
        .iter()
        .filter_map(|x| {
            let (low, high) = (p.scenarios.get(x.lower)?, p.scenarios.get(x.higher)?);
            Some(json!({
                "lower": round3(low.path.share),
                "higher": round3(high.path.share),
                "sprint": x.sprint,
                "ahead_at_horizon": x.ahead_at_horizon,
                "behind_again": x.behind_again,
            }))
        })
        .collect();
    json!({
        "sprint": c.inputs.sprint,
        "horizon": m.horizon,
        "params": {
            "c0": round3(m.c0),
            "h0": round3(m.h0),
            "h0_unclamped": round3(c.h0_raw),
            "h_min": H_MIN,
            "h_max": H_MAX,
            "alpha": round3(m.alpha),
            "rho": round3(m.rho),
            "rho_source": if c.rho_from_register { "register" } else { "configured" },
        },
        "register": { "drag": round3(c.inputs.drag), "principal": round3(c.inputs.principal) },
        "plan_share": p.plan_share.map(round3),
        "scenarios": scenarios,
        "crossovers": crossovers,
        "best": { "share": f64::from(p.best.0) / 100.0, "cumulative": round3(p.best.1) },
        "monte_carlo": {
            "trials": p.trials,
            "seed": p.seed,
            "samples": series(&p.samples),
            "note": p.why_no_bands(),
        },
    })
}
