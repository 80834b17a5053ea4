//! The organisation view's figures: every team of the store, one after the other, read as
//! `flowdeck split`, `debt` and `history` read them, then totalled (`domain::org`).

use chrono::NaiveDate;

use crate::config::Settings;
use crate::domain::debt::register;
use crate::domain::history::trends;
use crate::domain::org::{totals, OrgTotals, TeamFigures};
use crate::domain::{Kind, KindMap, Workspace};
use crate::storage::{Store, StoreError};

use super::planning::{fallbacks, sprint_plan};

/// Closed sprints the say/do figure pools.
pub const SAY_DO_SPRINTS: usize = 3;

pub struct OrgReport {
    pub teams: Vec<TeamFigures>,
    pub totals: OrgTotals,
    pub say_do_sprints: usize,
}

/// Every team's figures, in the store's team order; the store is left on its first team.
pub fn org_report(store: &mut Store, settings: &Settings, today: NaiveDate) -> Result<OrgReport, StoreError> {
    let home = store.team_id();
    let mut teams = Vec::new();
    for team in store.teams()? {
        store.set_team(team.id);
        let ws = store.load_for_sprint();
        let ws = match ws {
            Ok(ws) => ws,
            Err(e) => {
                store.set_team(home);
                return Err(e);
            }
        };
        let name = if team.name.is_empty() { "(unnamed)".to_string() } else { team.name };
        teams.push(team_figures(&name, &ws, settings, today));
    }
    store.set_team(home);
    Ok(OrgReport { totals: totals(&teams), teams, say_do_sprints: SAY_DO_SPRINTS })
}

/// One team's figures from its workspace (as `load_for_sprint` reads it).
pub fn team_figures(name: &str, ws: &Workspace, settings: &Settings, today: NaiveDate) -> TeamFigures {
    let policy = &ws.policy;
    // The policy holds whole percentages; the figures are shares.
    let share = |pct: u8| f64::from(pct) / 100.0;
    let mut targets = KindMap::splat(0.0);
    for kind in Kind::ALL {
        targets.set(kind, share(policy.targets.get(kind)));
    }
    let mut figures = TeamFigures {
        team: name.to_string(),
        targets,
        tolerance: share(policy.tolerance),
        floor: share(policy.investment_floor),
        ..TeamFigures::default()
    };
    if let Some(sprint) = ws.current_sprint() {
        let plan = sprint_plan(ws, sprint, &fallbacks(settings), today);
        figures.sprint = Some(sprint.name.clone());
        figures.plannable = plan.capacity.plannable;
        figures.load = plan.split.load;
        for k in &plan.split.kinds {
            figures.planned.set(k.kind, k.planned);
        }
        figures.investment = plan.split.investment;
        figures.warnings = plan.guardrails.iter().map(|g| g.message.clone()).collect();
    }
    let rows = register(ws, &super::debt::terms(ws, today, &settings.debt));
    figures.debts = rows.len();
    figures.drag = rows.iter().map(|r| r.economics.drag).sum();
    figures.overdue_high_risk = rows.iter().filter(|r| r.overdue && r.debt.risk_area.is_high_risk()).count();
    for sprint in trends(ws, SAY_DO_SPRINTS).sprints {
        if let Some(say_do) = sprint.say_do {
            figures.said += sprint.planned;
            figures.done += say_do * sprint.planned;
        }
    }
    figures
}
