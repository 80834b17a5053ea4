//! Each future sprint's own plannable capacity: its working days (the calendar's holidays on
//! its dates), the members who work in it, their known days off in it, then the same points per
//! person-day and unplanned reserve the current sprint uses (calibrated once, from history).

use crate::domain::capacity::{calibrate_points_per_person_day, calibrate_reserve, team_person_days, Fallbacks};
use crate::domain::{Sprint, SprintId, SprintState, Workspace};

use super::FutureSprint;

/// The id a sprint not created yet is counted under: no day off or snapshot can name it.
const NOT_CREATED: SprintId = SprintId(-1);

/// The sprint a future one is counted as: the stored sprint when it exists (a started one keeps
/// its own snapshot), else one in planning on the proposed dates.
fn counted(ws: &Workspace, s: &FutureSprint) -> Sprint {
    if let Some(stored) = s.id.and_then(|id| ws.sprint(id)) {
        return stored.clone();
    }
    Sprint {
        id: NOT_CREATED,
        name: s.name.clone(),
        start: s.start,
        end: s.end,
        goal: String::new(),
        state: SprintState::Planning,
        actuals: None,
        version: 0,
    }
}

/// Plannable points of each sprint of `calendar`, in order: person-days × points per person-day
/// × (1 − reserve), as `capacity::capacity` computes it for one sprint.
pub fn capacities(ws: &Workspace, calendar: &[FutureSprint], fallbacks: &Fallbacks) -> Vec<f64> {
    let (ppd, _) = calibrate_points_per_person_day(ws, fallbacks);
    let (reserve, _) = calibrate_reserve(ws, fallbacks);
    calendar.iter().map(|s| team_person_days(ws, &counted(ws, s)) * ppd * (1.0 - reserve)).collect()
}
