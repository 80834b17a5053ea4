//! `flowdeck team [list|add|edit|remove|off]`: the team's members from the command line.

use std::io::Write;
use std::process::ExitCode;

use serde_json::json;

use crate::domain::capacity::member_capacities;
use crate::domain::setup::{format_day_list, parse_day_list, parse_share, MemberDraft};
use crate::domain::skills::skill_list;
use crate::domain::team_changes::{self, find_member, MemberEdit};
use crate::domain::text::{capitalised, sanitize_line};
use crate::domain::Workspace;
use crate::report::numbers::percent;

use super::args::{PlanFormat, TeamCommand};
use super::context::Context;
use super::exit::{code, Failure};

fn refused(message: String) -> Failure {
    Failure::new(code::ERROR, message)
}

fn usage(message: String) -> Failure {
    Failure::new(code::USAGE, message)
}

pub fn run(ctx: &Context, command: TeamCommand, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    let mut session = ctx.open_session(&settings)?;
    let ws = session.workspace();
    let set = match command {
        TeamCommand::List { all, format } => {
            list(ws, all, format, out)?;
            return Ok(ExitCode::SUCCESS);
        }
        TeamCommand::Add { name, allocation, focus, skills } => {
            let draft = MemberDraft {
                name: sanitize_line(&name).trim().to_string(),
                allocation: parse_share(&allocation, "allocation").map_err(usage)?,
                focus: focus.as_deref().map(|f| parse_share(f, "focus")).transpose().map_err(usage)?,
                skills: skill_list(skills.as_deref()),
            };
            if draft.name.is_empty() {
                return Err(usage("a member needs a name".into()));
            }
            team_changes::add_member(ws, &draft, ctx.today).map_err(refused)?
        }
        TeamCommand::Edit { name, rename, allocation, focus, skills } => {
            let member = find_member(ws, &name).map_err(refused)?;
            let edit = MemberEdit {
                name: rename,
                allocation: allocation.as_deref().map(|a| parse_share(a, "allocation")).transpose().map_err(usage)?,
                focus: match focus.as_deref().map(str::trim) {
                    None => None,
                    Some("default" | "") => Some(None),
                    Some(f) => Some(Some(parse_share(f, "focus").map_err(usage)?)),
                },
                skills: skills.as_deref().map(|s| skill_list(Some(s))),
            };
            if edit == MemberEdit::default() {
                return Err(usage("nothing to change: give --rename, --allocation, --focus or --skills".into()));
            }
            team_changes::edit_member(ws, member.id, &edit).map_err(refused)?
        }
        TeamCommand::Remove { name } => {
            let member = find_member(ws, &name).map_err(refused)?;
            team_changes::remove_member(ws, member.id, ctx.today).map_err(refused)?
        }
        TeamCommand::Off { name, days, clear } => {
            let member = find_member(ws, &name).map_err(refused)?;
            let days = parse_day_list(&days).map_err(usage)?;
            if days.is_empty() {
                return Err(usage("no weekday in those dates: days off are counted on weekdays".into()));
            }
            team_changes::change_days_off(ws, member.id, &days, clear).map_err(refused)?
        }
    };
    if set.is_empty() {
        writeln!(out, "Nothing changed ({}).", set.label)?;
        return Ok(ExitCode::SUCCESS);
    }
    let committed = session.apply(&set)?;
    writeln!(out, "{}.", capitalised(&committed.label))?;
    list(session.workspace(), false, PlanFormat::Text, out)?;
    Ok(ExitCode::SUCCESS)
}

/// The team as the Team & policy screen shows it, for the current sprint.
fn list(ws: &Workspace, all: bool, format: PlanFormat, out: &mut impl Write) -> Result<(), Failure> {
    let sprint = ws.current_sprint();
    let capacities = sprint.map(|s| member_capacities(ws, s)).unwrap_or_default();
    let members: Vec<_> = ws.members.iter().filter(|m| all || m.is_current()).collect();
    let default_focus = ws.policy.default_focus;
    if format == PlanFormat::Json {
        let rows: Vec<_> = members
            .iter()
            .map(|m| {
                let c = capacities.iter().find(|c| c.member == m.id);
                let days = sprint.map(|s| team_changes::days_off(ws, m.id, s.id)).unwrap_or_default();
                json!({
                    "name": m.name,
                    "allocation": m.allocation,
                    "focus": m.focus,
                    "effective_focus": m.focus.unwrap_or(default_focus),
                    "joined_on": m.joined_on,
                    "left_on": m.left_on,
                    "days_off": days,
                    "person_days": c.map(|c| c.person_days),
                    "skills": m.skills,
                })
            })
            .collect();
        let doc = json!({
            "team": ws.policy.team_name,
            "sprint": sprint.map(|s| s.name.clone()),
            "members": rows,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&doc).map_err(|e| Failure::new(code::ERROR, e.to_string()))?)?;
        return Ok(());
    }
    let team = if ws.policy.team_name.is_empty() { "The team".to_string() } else { ws.policy.team_name.clone() };
    match sprint {
        Some(s) => writeln!(out, "{team} in {} ({} → {}):", s.name, s.start, s.end)?,
        None => writeln!(out, "{team} (no sprint in planning or running):")?,
    }
    if members.is_empty() {
        writeln!(out, "  no members yet: `flowdeck team add NAME --allocation 100%`")?;
        return Ok(());
    }
    let width = members.iter().map(|m| m.name.chars().count()).max().unwrap_or(4).max(4);
    // Skills come only when someone has one, so a team without any keeps its narrow table.
    let widest = members.iter().map(|m| m.skills.join(", ").chars().count()).max().unwrap_or(0);
    let skills_width = if widest == 0 { 0 } else { widest.max("skills".len()) };
    let skills_cell = |text: &str| if skills_width == 0 { String::new() } else { format!("  {text:<skills_width$}") };
    writeln!(
        out,
        "  {:<width$}  {:>5}  {:>9}  {:>11}{}  days off",
        "name",
        "alloc",
        "focus",
        "person-days",
        skills_cell("skills")
    )?;
    for m in members {
        let focus = match m.focus {
            Some(f) => percent(f),
            None => format!("{} (team)", percent(default_focus)),
        };
        let pd =
            capacities.iter().find(|c| c.member == m.id).map_or("—".to_string(), |c| format!("{:.1}", c.person_days));
        let days = sprint.map(|s| format_day_list(&team_changes::days_off(ws, m.id, s.id))).unwrap_or_default();
        let days = match m.left_on {
            Some(left) => format!("left on {left}"),
            None if days.is_empty() => "—".to_string(),
            None => days,
        };
        let skills = if m.skills.is_empty() { "—".to_string() } else { m.skills.join(", ") };
        writeln!(
            out,
            "  {:<width$}  {:>5}  {:>9}  {:>11}{}  {days}",
            m.name,
            percent(m.allocation),
            focus,
            pd,
            skills_cell(&skills)
        )?;
    }
    Ok(())
}
