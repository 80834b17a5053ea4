//! Setting up a team in an empty database: its name, sprint rhythm, unit and members, written
//! as one change set (so one undo takes the whole set-up back). The TUI's first-run form and
//! `flowdeck init --team …` both end here.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::change::{Change, ChangeSet};
use super::policy::EstimateUnit;
use super::sprint_lifecycle::{new_sprint, SprintDraft};
use super::team::Member;
use super::text::sanitize_line;
use super::workspace::Workspace;

/// Working days in the sprint the set-up proposes (two weeks).
pub const DEFAULT_SPRINT_DAYS: u32 = 10;
/// The longest sprint the set-up takes, in working days (a quarter is not a sprint).
pub const MAX_SPRINT_DAYS: u32 = 40;

/// One member as the set-up (or `team add`) is told about them.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberDraft {
    pub name: String,
    /// Share of the person on this team, 0–1.
    pub allocation: f64,
    /// `None`: the team's default focus.
    pub focus: Option<f64>,
    /// What they can take on that not everyone can (stored as `skills::skill_list` gives it).
    pub skills: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SetupDraft {
    pub team_name: String,
    pub sprint_days: u32,
    pub start: NaiveDate,
    pub unit: EstimateUnit,
    pub members: Vec<MemberDraft>,
}

/// The Monday after `today` (a week ahead when today is a Monday: planning happens first).
pub fn next_monday(today: NaiveDate) -> NaiveDate {
    let ahead = 7 - i64::from(today.weekday().num_days_from_monday());
    today + Duration::days(ahead)
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The last day of a sprint of `working_days` weekdays from `start` (weekends not counted;
/// holidays are, as the calendar takes them out of capacity anyway).
pub fn sprint_end(start: NaiveDate, working_days: u32) -> NaiveDate {
    let mut day = start;
    let mut counted = u32::from(!is_weekend(day));
    while counted < working_days.max(1) {
        day += Duration::days(1);
        if !is_weekend(day) {
            counted += 1;
        }
    }
    day
}

/// A share as typed: `0.8`, `80%` or `80` (a number above 1 is read as a percentage).
pub fn parse_share(text: &str, what: &str) -> Result<f64, String> {
    let text = text.trim();
    let (number, percent) = match text.strip_suffix('%') {
        Some(p) => (p.trim(), true),
        None => (text, false),
    };
    let value: f64 = number.parse().map_err(|_| format!("{what} '{text}' is not a number like 80% or 0.8"))?;
    let value = if percent || value > 1.0 { value / 100.0 } else { value };
    if value.is_finite() && (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!("{what} '{text}' must be from 0% to 100%"))
    }
}

/// `Priya Raman`, `Priya Raman, 80%` or `Priya Raman, 80%, 0.7`: allocation defaults to
/// 100%, focus to the team's default.
pub fn parse_member(text: &str) -> Result<MemberDraft, String> {
    let mut parts = text.split(',').map(str::trim);
    let name = sanitize_line(parts.next().unwrap_or_default()).trim().to_string();
    if name.is_empty() {
        return Err("a member needs a name".into());
    }
    if name.chars().count() > 200 {
        return Err(format!("the name is {} characters; at most 200", name.chars().count()));
    }
    let allocation = match parts.next().filter(|p| !p.is_empty()) {
        Some(p) => parse_share(p, "allocation")?,
        None => 1.0,
    };
    let focus = match parts.next().filter(|p| !p.is_empty()) {
        Some(p) => Some(parse_share(p, "focus")?),
        None => None,
    };
    if let Some(extra) = parts.find(|p| !p.is_empty()) {
        return Err(format!("'{extra}' is one part too many: name, allocation, focus"));
    }
    Ok(MemberDraft { name, allocation, focus, skills: Vec::new() })
}

/// `2026-12-21`, or a range `2026-12-21..2026-12-24` (both ends included): the weekdays in it.
pub fn parse_day_range(text: &str) -> Result<Vec<NaiveDate>, String> {
    let text = text.trim();
    let parse = |s: &str| {
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| format!("'{}' is not a date like 2026-12-21", s.trim()))
    };
    let (from, to) = match text.split_once("..") {
        Some((a, b)) => (parse(a)?, parse(b)?),
        None => {
            let d = parse(text)?;
            (d, d)
        }
    };
    if to < from {
        return Err(format!("{text}: the range ends before it starts"));
    }
    if (to - from).num_days() > 366 {
        return Err(format!("{text}: more than a year; check the dates"));
    }
    Ok(from.iter_days().take_while(|d| *d <= to).filter(|d| !is_weekend(*d)).collect())
}

/// Several ranges separated by commas, e.g. `2026-12-07, 2026-12-21..2026-12-24`.
pub fn parse_day_list(text: &str) -> Result<Vec<NaiveDate>, String> {
    let mut days = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        days.extend(parse_day_range(part)?);
    }
    days.sort();
    days.dedup();
    Ok(days)
}

/// Consecutive weekdays written back as ranges (`2026-12-21..2026-12-24`), so the form shows
/// what the user typed rather than one date per day.
pub fn format_day_list(days: &[NaiveDate]) -> String {
    let mut sorted = days.to_vec();
    sorted.sort();
    sorted.dedup();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let first = sorted[i];
        let mut last = first;
        while i + 1 < sorted.len() && next_weekday(last) == sorted[i + 1] {
            i += 1;
            last = sorted[i];
        }
        parts.push(if first == last { first.to_string() } else { format!("{first}..{last}") });
        i += 1;
    }
    parts.join(", ")
}

fn next_weekday(d: NaiveDate) -> NaiveDate {
    let mut next = d + Duration::days(1);
    while is_weekend(next) {
        next += Duration::days(1);
    }
    next
}

/// Checks a member's name against the team (current and former members: names are unique).
pub fn check_member_name(ws: &Workspace, name: &str, except: Option<super::team::MemberId>) -> Result<(), String> {
    match ws.members.iter().find(|m| Some(m.id) != except && m.name.eq_ignore_ascii_case(name)) {
        Some(m) if m.is_current() => Err(format!("{} is already on the team", m.name)),
        Some(m) => Err(format!(
            "{} was on the team until {}; use another name (e.g. with an initial) — names stay unique so past sprints read right",
            m.name,
            m.left_on.map_or_else(String::new, |d| d.to_string())
        )),
        None => Ok(()),
    }
}

/// The whole set-up as one change set: the policy (team name, unit), the first sprint and the
/// members. Refused when the database already has a team or sprints: the set-up never
/// overwrites a team (use Team & policy, or `flowdeck team`, for that).
pub fn setup(ws: &Workspace, draft: &SetupDraft, today: NaiveDate) -> Result<ChangeSet, String> {
    if ws.members.iter().any(Member::is_current) || !ws.sprints.is_empty() {
        return Err(
            "this database already has a team or sprints; change them on Team & policy (6) or with `flowdeck team`"
                .into(),
        );
    }
    let team_name = sanitize_line(&draft.team_name).trim().to_string();
    if team_name.is_empty() {
        return Err("the team needs a name".into());
    }
    if team_name.chars().count() > 200 {
        return Err("the team name is longer than 200 characters".into());
    }
    if !(1..=MAX_SPRINT_DAYS).contains(&draft.sprint_days) {
        return Err(format!("a sprint of {} working days: use 1 to {MAX_SPRINT_DAYS}", draft.sprint_days));
    }
    let mut changes = Vec::new();
    let policy = super::policy::Policy { team_name: team_name.clone(), unit: draft.unit, ..ws.policy.clone() };
    if policy != ws.policy {
        changes.push(Change::policy(ws.policy.clone(), policy));
    }
    let end = sprint_end(draft.start, draft.sprint_days);
    let sprint = new_sprint(
        ws,
        &SprintDraft { name: Some("Sprint 1".into()), start: Some(draft.start), end: Some(end), goal: String::new() },
        today,
    )?;
    changes.extend(sprint.changes);
    let mut seen: Vec<String> = Vec::new();
    for m in &draft.members {
        check_member_name(ws, &m.name, None)?;
        if seen.iter().any(|s| s.eq_ignore_ascii_case(&m.name)) {
            return Err(format!("{} is listed twice", m.name));
        }
        seen.push(m.name.clone());
        changes.push(Change::new_member(Member::joining(m.name.clone(), m.allocation, m.focus, today)));
    }
    let people = match draft.members.len() {
        1 => "1 member".to_string(),
        n => format!("{n} members"),
    };
    Ok(ChangeSet::new(format!("set up {team_name}: {people}, Sprint 1 {} → {end}", draft.start), changes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn next_monday_is_after_today() {
        assert_eq!(next_monday(d("2026-12-03")), d("2026-12-07")); // Thursday
        assert_eq!(next_monday(d("2026-12-07")), d("2026-12-14")); // a Monday: the next one
        assert_eq!(next_monday(d("2026-12-06")), d("2026-12-07")); // Sunday
    }

    #[test]
    fn ten_working_days_are_two_weeks() {
        assert_eq!(sprint_end(d("2026-12-07"), 10), d("2026-12-18"));
        assert_eq!(sprint_end(d("2026-12-07"), 5), d("2026-12-11"));
        assert_eq!(sprint_end(d("2026-12-05"), 1), d("2026-12-07")); // starts on a Saturday
    }

    #[test]
    fn members_parse_with_defaults() {
        assert_eq!(
            parse_member("Priya Raman").expect("ok"),
            MemberDraft { name: "Priya Raman".into(), allocation: 1.0, focus: None, skills: Vec::new() }
        );
        let m = parse_member("Jo, 50%, 0.6").expect("ok");
        assert_eq!((m.allocation, m.focus), (0.5, Some(0.6)));
        assert_eq!(parse_member("Jo, 80").expect("ok").allocation, 0.8);
        assert!(parse_member(", 50%").is_err());
        assert!(parse_member("Jo, lots").expect_err("bad").contains("allocation 'lots'"));
        assert!(parse_member("Jo, 150%").is_err());
        assert!(parse_member("Jo, 1, 1, 1").is_err());
    }

    #[test]
    fn day_ranges_skip_weekends_and_read_back_as_ranges() {
        let days = parse_day_list("2026-12-18..2026-12-22, 2026-12-24").expect("ok");
        assert_eq!(days, vec![d("2026-12-18"), d("2026-12-21"), d("2026-12-22"), d("2026-12-24")]);
        assert_eq!(format_day_list(&days), "2026-12-18..2026-12-22, 2026-12-24");
        assert!(parse_day_range("2026-12-24..2026-12-21").expect_err("backwards").contains("ends before"));
        assert!(parse_day_range("24.12.2026").is_err());
    }

    proptest! {
        #[test]
        fn day_lists_round_trip(start in 0i64..3000, gaps in proptest::collection::vec(1i64..6, 0..20)) {
            let mut day = d("2024-01-01") + Duration::days(start);
            let mut days = Vec::new();
            for g in gaps {
                day += Duration::days(g);
                if !is_weekend(day) { days.push(day); }
            }
            let text = format_day_list(&days);
            prop_assert_eq!(parse_day_list(&text).expect("parses"), days);
        }

        #[test]
        fn a_sprint_has_its_working_days(start in 0i64..3000, n in 1u32..40) {
            let start = d("2024-01-01") + Duration::days(start);
            let end = sprint_end(start, n);
            let weekdays = start.iter_days().take_while(|x| *x <= end).filter(|x| !is_weekend(*x)).count();
            prop_assert_eq!(weekdays as u32, n);
            prop_assert!(!is_weekend(end));
        }
    }

    #[test]
    fn setup_is_one_change_set_and_refuses_a_second_time() {
        let ws = Workspace::default();
        let draft = SetupDraft {
            team_name: "Atlas".into(),
            sprint_days: 10,
            start: d("2026-12-07"),
            unit: EstimateUnit::Points,
            members: vec![parse_member("Ana").expect("ok"), parse_member("Bo, 50%").expect("ok")],
        };
        let mut set = setup(&ws, &draft, d("2026-12-03")).expect("set up");
        // The store numbers new rows; do what it does.
        for (n, change) in set.changes.iter_mut().enumerate() {
            if let Change::Member { after: Some(m), .. } = change {
                m.id = super::super::team::MemberId(n as i64 + 1);
            }
        }
        let mut after = ws.clone();
        super::super::change::apply(&mut after, &set);
        assert_eq!(after.policy.team_name, "Atlas");
        assert_eq!(after.members.len(), 2);
        assert_eq!(after.sprints.len(), 1);
        assert_eq!(after.sprints[0].end, d("2026-12-18"));
        assert!(setup(&after, &draft, d("2026-12-03")).is_err());
        let twice =
            SetupDraft { members: vec![parse_member("Ana").expect("ok"), parse_member("ana").expect("ok")], ..draft };
        assert!(setup(&ws, &twice, d("2026-12-03")).expect_err("dup").contains("twice"));
    }
}
