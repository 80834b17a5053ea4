//! `flowdeck org`: every team's sprint figures side by side with the totals, as text,
//! Markdown or JSON. The cells are made here once, so text, Markdown and the Org screen agree.

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::domain::org::{OrgTotals, TeamFigures};
use crate::domain::text::sanitize_line;
use crate::domain::Kind;
use crate::service::org::OrgReport;

use super::markdown::cell;
use super::numbers::{percent, points, round3};

pub const HEADERS: [&str; 9] =
    ["team", "sprint", "capacity", "load", "split F/D/R/Debt", "invest/floor", "drag", "overdue HR", "say/do"];

fn ratio(value: Option<f64>) -> String {
    value.map_or_else(|| "—".into(), percent)
}

/// "58/18/9/15", "!" after it when a kind is outside its band; "—" without a plan.
fn split_cell(shares: impl Fn(Kind) -> Option<f64>, off: bool) -> String {
    if shares(Kind::Feature).is_none() {
        return "—".into();
    }
    let text = Kind::ALL.iter().map(|&k| format!("{:.0}", shares(k).unwrap_or(0.0) * 100.0)).collect::<Vec<_>>();
    format!("{}{}", text.join("/"), if off { " !" } else { "" })
}

fn drag_cell(drag: f64, share: Option<f64>) -> String {
    match share {
        Some(s) => format!("{} ({})", points(drag), percent(s)),
        None => points(drag),
    }
}

/// A team's cells in `HEADERS` order.
pub fn team_cells(t: &TeamFigures) -> [String; 9] {
    let invest = match t.investment_share() {
        Some(s) => format!("{}/{}{}", percent(s), percent(t.floor), if t.below_floor() { " !" } else { "" }),
        None => format!("—/{}", percent(t.floor)),
    };
    [
        sanitize_line(&t.team),
        t.sprint.as_deref().map_or_else(|| "no sprint".into(), sanitize_line),
        points(t.plannable),
        format!("{} ({})", points(t.load), ratio(t.load_share())),
        split_cell(|k| t.share(k), !t.off_split().is_empty()),
        invest,
        drag_cell(t.drag, t.drag_share()),
        t.overdue_high_risk.to_string(),
        ratio(t.say_do()),
    ]
}

/// The totals row in `HEADERS` order.
pub fn total_cells(t: &OrgTotals) -> [String; 9] {
    [
        format!("all {} teams", t.teams),
        String::new(),
        points(t.plannable),
        format!("{} ({})", points(t.load), ratio(t.load_share())),
        split_cell(|k| t.share(k), false),
        format!("{} ({} below)", ratio(t.investment_share()), t.below_floor),
        drag_cell(t.drag, t.drag_share()),
        t.overdue_high_risk.to_string(),
        ratio(t.say_do()),
    ]
}

pub fn write_text(report: &OrgReport, out: &mut impl Write) -> io::Result<()> {
    let mut rows: Vec<[String; 9]> = report.teams.iter().map(team_cells).collect();
    rows.push(total_cells(&report.totals));
    let widths: Vec<usize> = (0..HEADERS.len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).chain([HEADERS[c].len()]).max().unwrap_or(0))
        .collect();
    let line = |cells: &[String]| {
        cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect::<Vec<_>>().join("  ").trim_end().to_string()
    };
    let headers: Vec<String> = HEADERS.iter().map(|h| h.to_string()).collect();
    writeln!(out, "{}", line(&headers))?;
    for (i, row) in rows.iter().enumerate() {
        if i + 1 == rows.len() {
            writeln!(out, "{}", widths.iter().map(|w| "─".repeat(*w)).collect::<Vec<_>>().join("  "))?;
        }
        writeln!(out, "{}", line(row))?;
    }
    write_notes(report, out, false)
}

pub fn write_markdown(report: &OrgReport, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "# Organisation: {} teams\n", report.totals.teams)?;
    writeln!(out, "| {} |", HEADERS.join(" | "))?;
    writeln!(out, "|{}", "---|".repeat(HEADERS.len()))?;
    for team in &report.teams {
        writeln!(out, "| {} |", team_cells(team).iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "))?;
    }
    let total = total_cells(&report.totals);
    let bold = |c: &String| if c.is_empty() { String::new() } else { format!("**{}**", cell(c)) };
    writeln!(out, "| {} |", total.iter().map(bold).collect::<Vec<_>>().join(" | "))?;
    writeln!(out)?;
    write_notes(report, out, true)
}

/// What to look at: how many guardrail warnings each team has and where they are read in
/// full (a director's view names them; the team's own `split` explains them).
fn write_notes(report: &OrgReport, out: &mut impl Write, markdown: bool) -> io::Result<()> {
    let mut first = true;
    for team in report.teams.iter().filter(|t| !t.warnings.is_empty()) {
        if first {
            writeln!(out)?;
            first = false;
        }
        let name = sanitize_line(&team.team);
        let count = team.warnings.len();
        let noun = if count == 1 { "warning" } else { "warnings" };
        let command = format!("flowdeck --team {name:?} split");
        let command = if markdown { format!("`{command}`") } else { command };
        writeln!(out, "{}{name}: {count} {noun}; {command} lists them", if markdown { "- " } else { "" })?;
    }
    writeln!(
        out,
        "\nLoad is against plannable capacity; invest is debt + risk against each team's floor; drag is points lost per \
         sprint to open debt; overdue HR counts high-risk debts past their repay-by date; say/do pools the last {} closed sprints; totals pool points. \"!\" marks off-policy.",
        report.say_do_sprints
    )
}

fn shares_json(share: impl Fn(Kind) -> Option<f64>) -> Value {
    Value::Object(Kind::ALL.iter().map(|&k| (k.as_str().to_string(), json!(share(k).map(round3)))).collect())
}

pub fn to_json(report: &OrgReport) -> Value {
    let teams: Vec<Value> = report
        .teams
        .iter()
        .map(|t| {
            json!({
                "team": t.team,
                "sprint": t.sprint,
                "plannable": round3(t.plannable),
                "load": round3(t.load),
                "load_share": t.load_share().map(round3),
                "split": shares_json(|k| t.share(k)),
                "targets": Value::Object(Kind::ALL.iter().map(|&k| (k.as_str().to_string(), json!(round3(t.targets.get(k))))).collect()),
                "tolerance": round3(t.tolerance),
                "off_split": t.off_split().iter().map(|k| k.as_str()).collect::<Vec<_>>(),
                "investment": round3(t.investment),
                "investment_share": t.investment_share().map(round3),
                "investment_floor": round3(t.floor),
                "below_floor": t.below_floor(),
                "debts": t.debts,
                "drag": round3(t.drag),
                "drag_share": t.drag_share().map(round3),
                "overdue_high_risk": t.overdue_high_risk,
                "said": round3(t.said),
                "done": round3(t.done),
                "say_do": t.say_do().map(round3),
                "warnings": t.warnings,
            })
        })
        .collect();
    let t = &report.totals;
    json!({
        "teams": teams,
        "say_do_sprints": report.say_do_sprints,
        "totals": {
            "teams": t.teams,
            "plannable": round3(t.plannable),
            "load": round3(t.load),
            "load_share": t.load_share().map(round3),
            "split": shares_json(|k| t.share(k)),
            "investment": round3(t.investment),
            "investment_share": t.investment_share().map(round3),
            "below_floor": t.below_floor,
            "with_warnings": t.with_warnings,
            "debts": t.debts,
            "drag": round3(t.drag),
            "drag_share": t.drag_share().map(round3),
            "overdue_high_risk": t.overdue_high_risk,
            "say_do": t.say_do().map(round3),
        }
    })
}
