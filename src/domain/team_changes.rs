//! Changes to the team — add, edit, remove a member; days off as ranges; holidays — as change
//! sets, shared by the Team & policy screen and `flowdeck team` / `flowdeck holiday`.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::change::{Change, ChangeSet};
use super::setup::{check_member_name, format_day_list, MemberDraft};
use super::sprint::SprintId;
use super::team::{Holiday, Member, MemberId};
use super::text::sanitize_line;
use super::workspace::Workspace;

/// A member by name (case and surrounding spaces ignored), current members first.
pub fn find_member<'w>(ws: &'w Workspace, name: &str) -> Result<&'w Member, String> {
    let name = name.trim();
    let matching = |m: &&Member| m.name.eq_ignore_ascii_case(name);
    if let Some(m) = ws.members.iter().filter(|m| m.is_current()).find(matching) {
        return Ok(m);
    }
    if let Some(m) = ws.members.iter().find(matching) {
        return Ok(m);
    }
    let names: Vec<&str> = ws.members.iter().filter(|m| m.is_current()).map(|m| m.name.as_str()).collect();
    Err(if names.is_empty() {
        format!("no member is called '{name}': the team has no members yet (add one with `flowdeck team add NAME`)")
    } else {
        format!("no member is called '{name}'; the team is {}", names.join(", "))
    })
}

pub fn add_member(ws: &Workspace, draft: &MemberDraft, today: NaiveDate) -> Result<ChangeSet, String> {
    check_member_name(ws, &draft.name, None)?;
    let mut member = Member::joining(draft.name.clone(), draft.allocation, draft.focus, today);
    member.skills = super::skills::skill_list(&draft.skills);
    Ok(ChangeSet::new(format!("added {} to the team", draft.name), vec![Change::new_member(member)]))
}

/// What `edit_member` changes; `None` leaves a field as it is. `focus: Some(None)` goes back to
/// the team's default.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MemberEdit {
    pub name: Option<String>,
    pub allocation: Option<f64>,
    pub focus: Option<Option<f64>>,
    /// Replaces their skills (an empty list removes them).
    pub skills: Option<Vec<String>>,
}

pub fn edit_member(ws: &Workspace, id: MemberId, edit: &MemberEdit) -> Result<ChangeSet, String> {
    let before = ws.members.iter().find(|m| m.id == id).ok_or("that member no longer exists")?;
    let mut after = before.clone();
    if let Some(name) = &edit.name {
        let name = sanitize_line(name).trim().to_string();
        if name.is_empty() {
            return Err("a member needs a name".into());
        }
        check_member_name(ws, &name, Some(id))?;
        after.name = name;
    }
    if let Some(a) = edit.allocation {
        after.allocation = a;
    }
    if let Some(f) = edit.focus {
        after.focus = f;
    }
    if let Some(skills) = &edit.skills {
        after.skills = super::skills::skill_list(skills);
    }
    if after == *before {
        return Ok(ChangeSet::new(format!("{} unchanged", before.name), Vec::new()));
    }
    let label = if after.name != before.name {
        format!("renamed {} to {}", before.name, after.name)
    } else {
        format!("updated {}", before.name)
    };
    Ok(ChangeSet::new(label, vec![Change::member(before.clone(), after)]))
}

/// Takes a member off the team from `today`. Nothing about them is deleted: the sprints that
/// started before today still count their person-days, later ones do not.
pub fn remove_member(ws: &Workspace, id: MemberId, today: NaiveDate) -> Result<ChangeSet, String> {
    let before = ws.members.iter().find(|m| m.id == id).ok_or("that member no longer exists")?;
    if !before.is_current() {
        return Err(format!("{} already left the team", before.name));
    }
    let after = Member { left_on: Some(today), ..before.clone() };
    Ok(ChangeSet::new(format!("removed {} from the team", before.name), vec![Change::member(before.clone(), after)]))
}

/// The member's days off in one sprint, sorted.
pub fn days_off(ws: &Workspace, member: MemberId, sprint: SprintId) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = ws.days_off_in(sprint).filter(|d| d.member == member).map(|d| d.date).collect();
    days.sort();
    days
}

/// Adds (or with `clear`, removes) days off; each day goes to the sprint that holds it, and a
/// day no sprint holds is refused with the way to create that sprint.
pub fn change_days_off(ws: &Workspace, id: MemberId, days: &[NaiveDate], clear: bool) -> Result<ChangeSet, String> {
    let member = ws.members.iter().find(|m| m.id == id).ok_or("that member no longer exists")?;
    let mut per_sprint: BTreeMap<SprintId, Vec<NaiveDate>> = BTreeMap::new();
    for day in days {
        let Some(sprint) = ws.sprints.iter().find(|s| s.start <= *day && *day <= s.end) else {
            let hint = match ws.sprints.iter().map(|s| s.end).max() {
                Some(last) if *day > last => "create it first with `flowdeck sprint new`".to_string(),
                Some(_) => "it falls between sprints".to_string(),
                None => "there are no sprints yet (`flowdeck init` or `flowdeck sprint new`)".to_string(),
            };
            return Err(format!("no sprint holds {day}: {hint}"));
        };
        per_sprint.entry(sprint.id).or_default().push(*day);
    }
    let mut changes = Vec::new();
    for (sprint, days) in per_sprint {
        let before = days_off(ws, id, sprint);
        let mut after = before.clone();
        if clear {
            after.retain(|d| !days.contains(d));
        } else {
            after.extend(days);
            after.sort();
            after.dedup();
        }
        if after != before {
            changes.push(Change::DaysOff { member: id, sprint, before, after });
        }
    }
    let what = format_day_list(days);
    let label =
        if clear { format!("{} back on {what}", member.name) } else { format!("{} off on {what}", member.name) };
    Ok(ChangeSet::new(label, changes))
}

pub fn add_holiday(ws: &Workspace, date: NaiveDate, name: &str) -> Result<ChangeSet, String> {
    let name = sanitize_line(name).trim().to_string();
    if name.is_empty() {
        return Err("a holiday needs a name, e.g. \"Christmas Eve\"".into());
    }
    if let Some(h) = ws.holidays.iter().find(|h| h.date == date) {
        return Err(format!("{date} is already a holiday ({})", h.name));
    }
    let label = format!("added the holiday {date} {name}");
    Ok(ChangeSet::new(label, vec![Change::Holiday { before: None, after: Some(Holiday { date, name }) }]))
}

pub fn remove_holiday(ws: &Workspace, date: NaiveDate) -> Result<ChangeSet, String> {
    let h = ws.holidays.iter().find(|h| h.date == date).ok_or_else(|| format!("{date} is not a holiday"))?;
    let label = format!("removed the holiday {} {}", h.date, h.name);
    Ok(ChangeSet::new(label, vec![Change::Holiday { before: Some(h.clone()), after: None }]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::capacity::team_person_days;
    use crate::domain::change::apply;
    use crate::domain::{Sprint, SprintState};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn sprint(id: i64, start: &str, end: &str, state: SprintState) -> Sprint {
        Sprint {
            id: SprintId(id),
            name: format!("S{id}"),
            start: d(start),
            end: d(end),
            goal: String::new(),
            state,
            actuals: None,
            version: 1,
        }
    }

    fn team() -> Workspace {
        let member = |id, name: &str| Member {
            id: MemberId(id),
            name: name.into(),
            allocation: 1.0,
            focus: Some(1.0),
            joined_on: None,
            left_on: None,
            skills: vec![],
            version: 1,
        };
        Workspace {
            members: vec![member(1, "Ana"), member(2, "Bo")],
            sprints: vec![
                sprint(1, "2026-11-23", "2026-12-04", SprintState::Closed),
                sprint(2, "2026-12-07", "2026-12-18", SprintState::Planning),
            ],
            ..Workspace::default()
        }
    }

    #[test]
    fn a_removed_member_keeps_past_sprints_and_leaves_the_next() {
        let mut ws = team();
        let (past, next) = (ws.sprints[0].clone(), ws.sprints[1].clone());
        assert_eq!((team_person_days(&ws, &past), team_person_days(&ws, &next)), (20.0, 20.0));
        let set = remove_member(&ws, MemberId(2), d("2026-12-03")).expect("removed");
        apply(&mut ws, &set);
        assert_eq!(team_person_days(&ws, &past), 20.0, "the closed sprint keeps Bo's days");
        assert_eq!(team_person_days(&ws, &next), 10.0, "the sprint in planning loses them");
        assert!(remove_member(&ws, MemberId(2), d("2026-12-03")).is_err());
        // Undo brings Bo back into the next sprint.
        apply(&mut ws, &set.inverse());
        assert_eq!(team_person_days(&ws, &next), 20.0);
    }

    #[test]
    fn a_member_added_today_does_not_change_past_sprints() {
        let mut ws = team();
        let draft = MemberDraft { name: "Cy".into(), allocation: 0.5, focus: Some(1.0), skills: vec!["iOS".into()] };
        // Added the weekend after S1 ended.
        let mut set = add_member(&ws, &draft, d("2026-12-05")).expect("added");
        if let Change::Member { after: Some(m), .. } = &mut set.changes[0] {
            m.id = MemberId(3);
        }
        apply(&mut ws, &set);
        assert_eq!(team_person_days(&ws, &ws.sprints[0].clone()), 20.0);
        assert_eq!(team_person_days(&ws, &ws.sprints[1].clone()), 25.0);
        assert!(add_member(&ws, &draft, d("2026-12-03")).expect_err("dup").contains("already on the team"));
    }

    #[test]
    fn days_off_land_in_the_sprint_that_holds_them() {
        let mut ws = team();
        let days = crate::domain::setup::parse_day_list("2026-12-03..2026-12-08").expect("days");
        let set = change_days_off(&ws, MemberId(1), &days, false).expect("ok");
        assert_eq!(set.changes.len(), 2, "one change per sprint");
        apply(&mut ws, &set);
        assert_eq!(days_off(&ws, MemberId(1), SprintId(1)), vec![d("2026-12-03"), d("2026-12-04")]);
        assert_eq!(days_off(&ws, MemberId(1), SprintId(2)), vec![d("2026-12-07"), d("2026-12-08")]);
        let clear = change_days_off(&ws, MemberId(1), &[d("2026-12-08")], true).expect("ok");
        apply(&mut ws, &clear);
        assert_eq!(days_off(&ws, MemberId(1), SprintId(2)), vec![d("2026-12-07")]);
        assert!(change_days_off(&ws, MemberId(1), &[d("2027-03-01")], false)
            .expect_err("no sprint")
            .contains("sprint new"));
    }

    #[test]
    fn members_are_found_by_name_and_the_error_lists_the_team() {
        let ws = team();
        assert_eq!(find_member(&ws, " ana ").expect("found").id, MemberId(1));
        assert!(find_member(&ws, "Zed").expect_err("missing").contains("Ana, Bo"));
    }
}
