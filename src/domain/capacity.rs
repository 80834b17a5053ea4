//! Capacity: working days → person-days → points → plannable points, every step kept so the
//! screens and reports can show the whole computation.

use chrono::{Datelike, NaiveDate, Weekday};

use super::history::sprint_totals;
use super::sprint::{Sprint, SprintId, SprintState};
use super::team::{Availability, MemberId};
use super::workspace::Workspace;

/// Values used when the team has no closed sprints to calibrate from (from the config file).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fallbacks {
    pub points_per_person_day: f64,
    pub unplanned_reserve: f64,
    /// How many of the most recent closed sprints calibrate.
    pub history_window: usize,
}

/// The reserve is never allowed outside this range, whatever history says.
pub const MAX_RESERVE: f64 = 0.5;

#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// Calibrated from these closed sprints.
    History(Vec<String>),
    /// No usable history: the configured value.
    Configured,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MemberCapacity {
    pub member: MemberId,
    pub name: String,
    /// Days off that fall on working days (a day off on a weekend or holiday is not counted twice).
    pub days_off: u32,
    pub allocation: f64,
    pub focus: f64,
    /// (working days − days off) × allocation × focus.
    pub person_days: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CapacityBreakdown {
    pub sprint: SprintId,
    pub weekdays: u32,
    /// Holidays on weekdays inside the sprint.
    pub holidays: Vec<(NaiveDate, String)>,
    pub working_days: u32,
    pub members: Vec<MemberCapacity>,
    pub person_days: f64,
    pub points_per_person_day: f64,
    pub points_per_person_day_source: Source,
    /// person-days × points per person-day.
    pub points: f64,
    pub reserve_share: f64,
    pub reserve_source: Source,
    pub reserve_points: f64,
    /// points × (1 − reserve).
    pub plannable: f64,
}

fn is_weekday(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Working days of a sprint: weekdays in [start, end] that are not team holidays.
pub fn working_days(ws: &Workspace, sprint: &Sprint) -> Vec<NaiveDate> {
    sprint
        .start
        .iter_days()
        .take_while(|d| *d <= sprint.end)
        .filter(|d| is_weekday(*d) && !ws.holidays.iter().any(|h| h.date == *d))
        .collect()
}

/// Each member's person-days in `sprint`, with the steps. A started sprint counts the members
/// and the allocation and focus it kept when it started; a sprint in planning counts the
/// members as they are now (see `availability`).
pub fn member_capacities(ws: &Workspace, sprint: &Sprint) -> Vec<MemberCapacity> {
    let days = working_days(ws, sprint);
    let kept: Vec<Availability> = ws.availability_of(sprint.id).copied().collect();
    // No snapshot: a sprint in planning, counted as the team is now.
    let counted = if kept.is_empty() { super::availability::snapshot(ws, sprint) } else { kept };
    counted
        .into_iter()
        .map(|Availability { member, allocation, focus, .. }| {
            let days_off =
                ws.days_off_in(sprint.id).filter(|d| d.member == member && days.contains(&d.date)).count() as u32;
            let available = f64::from((days.len() as u32).saturating_sub(days_off));
            let name =
                ws.members.iter().find(|m| m.id == member).map_or_else(|| format!("#{}", member.0), |m| m.name.clone());
            MemberCapacity { member, name, days_off, allocation, focus, person_days: available * allocation * focus }
        })
        .collect()
}

pub fn team_person_days(ws: &Workspace, sprint: &Sprint) -> f64 {
    // `+ 0.0`: an empty sum is −0.0 (see `capacity`).
    member_capacities(ws, sprint).iter().map(|m| m.person_days).sum::<f64>() + 0.0
}

/// The most recent closed sprints (newest first), at most `window`.
fn recent_closed(ws: &Workspace, window: usize) -> Vec<&Sprint> {
    let mut closed: Vec<&Sprint> = ws.sprints.iter().filter(|s| s.state == SprintState::Closed).collect();
    closed.sort_by_key(|s| std::cmp::Reverse(s.end));
    closed.truncate(window);
    closed
}

/// Work a closed sprint actually absorbed: completed planned work plus unplanned work.
/// Unplanned work counts here because the reserve then sets it aside again.
fn throughput(ws: &Workspace, sprint: &Sprint) -> f64 {
    let t = sprint_totals(ws, sprint.id);
    t.completed + t.unplanned
}

/// Points per person-day: Σ throughput ÷ Σ person-days over the recent closed sprints.
pub fn calibrate_points_per_person_day(ws: &Workspace, fallbacks: &Fallbacks) -> (f64, Source) {
    let recent: Vec<&Sprint> =
        recent_closed(ws, fallbacks.history_window).into_iter().filter(|s| team_person_days(ws, s) > 0.0).collect();
    let days: f64 = recent.iter().map(|s| team_person_days(ws, s)).sum();
    let points: f64 = recent.iter().map(|s| throughput(ws, s)).sum();
    if recent.is_empty() || days <= 0.0 || points <= 0.0 {
        return (fallbacks.points_per_person_day, Source::Configured);
    }
    (points / days, Source::History(recent.iter().map(|s| s.name.clone()).collect()))
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 0 { (values[mid - 1] + values[mid]) / 2.0 } else { values[mid] })
}

/// Unplanned reserve: the median share of unplanned work over the recent closed sprints,
/// clamped to 0–50%.
pub fn calibrate_reserve(ws: &Workspace, fallbacks: &Fallbacks) -> (f64, Source) {
    let mut names = Vec::new();
    let mut shares = Vec::new();
    for sprint in recent_closed(ws, fallbacks.history_window) {
        let t = sprint_totals(ws, sprint.id);
        let total = t.completed + t.unplanned;
        if sprint.actuals.is_some() && total > 0.0 {
            shares.push(t.unplanned / total);
            names.push(sprint.name.clone());
        }
    }
    match median(shares) {
        Some(share) => (share.clamp(0.0, MAX_RESERVE), Source::History(names)),
        None => (fallbacks.unplanned_reserve.clamp(0.0, MAX_RESERVE), Source::Configured),
    }
}

pub fn capacity(ws: &Workspace, sprint: &Sprint, fallbacks: &Fallbacks) -> CapacityBreakdown {
    let weekdays = sprint.start.iter_days().take_while(|d| *d <= sprint.end).filter(|d| is_weekday(*d)).count() as u32;
    let holidays: Vec<(NaiveDate, String)> = ws
        .holidays_between(sprint.start, sprint.end)
        .filter(|h| is_weekday(h.date))
        .map(|h| (h.date, h.name.clone()))
        .collect();
    let members = member_capacities(ws, sprint);
    // An empty f64 sum is −0.0 (a team with no members yet), which prints as "-0.0
    // person-days"; `+ 0.0` makes it 0.
    let person_days: f64 = members.iter().map(|m| m.person_days).sum::<f64>() + 0.0;
    let (ppd, ppd_source) = calibrate_points_per_person_day(ws, fallbacks);
    let (reserve, reserve_source) = calibrate_reserve(ws, fallbacks);
    let points = person_days * ppd;
    CapacityBreakdown {
        sprint: sprint.id,
        weekdays,
        working_days: weekdays.saturating_sub(holidays.len() as u32),
        holidays,
        members,
        person_days,
        points_per_person_day: ppd,
        points_per_person_day_source: ppd_source,
        points,
        reserve_share: reserve,
        reserve_source,
        reserve_points: points * reserve,
        plannable: points * (1.0 - reserve),
    }
}

#[cfg(test)]
#[path = "capacity_tests.rs"]
mod tests;
