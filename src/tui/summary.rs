//! Figures about the sprint being planned, computed once per change rather than per frame:
//! capacity, what is planned, the split, the guardrails and the text of `flowdeck split`.

use chrono::NaiveDate;

use crate::domain::capacity::Fallbacks;
use crate::domain::Workspace;
use crate::report::split::write_text;
use crate::service::planning::{sprint_plan, SprintPlan};

#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// `None` when there is no sprint in planning or running.
    pub plan: Option<SprintPlan>,
    /// Exactly what `flowdeck split` prints, line by line.
    pub split_report: Vec<String>,
}

impl Summary {
    pub fn compute(ws: &Workspace, fallbacks: &Fallbacks, today: NaiveDate) -> Summary {
        let Some(sprint) = ws.current_sprint() else {
            return Summary {
                plan: None,
                split_report: vec![
                    "No sprint is being planned or run.".into(),
                    "Create one with `flowdeck sprint new` (or try `flowdeck demo`).".into(),
                ],
            };
        };
        let plan = sprint_plan(ws, sprint, fallbacks, today);
        let mut text = Vec::new();
        let split_report = match write_text(&plan.sprint, &plan.capacity, &plan.split, &plan.guardrails, &mut text) {
            Ok(()) => String::from_utf8_lossy(&text).lines().map(str::to_string).collect(),
            Err(e) => vec![format!("could not render the split: {e}")],
        };
        Summary { plan: Some(plan), split_report }
    }

    /// Points planned in the sprint.
    pub fn load(&self) -> f64 {
        self.plan.as_ref().map_or(0.0, |p| p.split.load)
    }
}
