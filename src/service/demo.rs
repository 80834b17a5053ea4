//! The demo workspace: `assets/demo.json`, moved in time so its sprint being planned starts
//! within the next two weeks of `today`.

use chrono::NaiveDate;

use crate::domain::{SprintState, Workspace};
use crate::interchange::{json, DocumentError};

pub const DEMO_JSON: &str = include_str!("../../assets/demo.json");

/// Days to add to the demo's dates: a multiple of 14 so weekdays and the two-week cadence
/// hold, chosen so the sprint in planning starts on or after `today` and within 14 days.
pub fn shift_for(planning_start: NaiveDate, today: NaiveDate) -> i64 {
    let behind = (today - planning_start).num_days();
    behind.div_euclid(14) * 14 + if behind.rem_euclid(14) > 0 { 14 } else { 0 }
}

pub fn demo_workspace(today: NaiveDate) -> Result<Workspace, DocumentError> {
    let doc = json::parse_document(DEMO_JSON, "assets/demo.json")?;
    let mut ws = doc.to_workspace("assets/demo.json")?;
    let start = ws
        .sprints
        .iter()
        .find(|s| s.state == SprintState::Planning)
        .map(|s| s.start)
        .ok_or_else(|| DocumentError::new("assets/demo.json", "the demo has no sprint in planning"))?;
    ws.shift_dates(shift_for(start, today));
    Ok(ws)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn shift_lands_the_planning_sprint_in_the_next_two_weeks() {
        let start = day(2026, 11, 23);
        for offset in -400..400 {
            let today = start + chrono::Duration::days(offset);
            let shift = shift_for(start, today);
            assert_eq!(shift % 14, 0);
            let new_start = start + chrono::Duration::days(shift);
            let lead = (new_start - today).num_days();
            assert!((0..14).contains(&lead), "today {today}: starts {new_start}");
        }
    }

    #[test]
    fn the_demos_holidays_have_names_that_fit_any_date() {
        // Its dates move with the calendar, so a named feast day would land on the wrong day.
        let ws = demo_workspace(day(2027, 3, 3)).expect("demo loads");
        assert!(!ws.holidays.is_empty());
        for h in &ws.holidays {
            for dated in ["Thanksgiving", "Labor", "Christmas", "Easter", "Independence", "New Year", "Memorial"] {
                assert!(!h.name.contains(dated), "{} on {} names a dated holiday", h.name, h.date);
            }
        }
    }

    #[test]
    fn the_demo_loads_and_keeps_weekdays() {
        use chrono::Datelike;
        let ws = demo_workspace(day(2027, 3, 3)).expect("demo loads");
        assert_eq!(ws.members.len(), 6);
        for s in &ws.sprints {
            assert_eq!(s.start.weekday(), chrono::Weekday::Mon, "{}", s.name);
        }
    }
}
