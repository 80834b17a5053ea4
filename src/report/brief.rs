//! The Markdown planning brief a manager pastes into a document for stakeholders: the goal,
//! what the team can take and why, what it will do and why each item made it, how the sprint
//! honours the capacity policy, and what technical debt costs.
//!
//! One function per section, each reading its own part of `Brief`.

use std::io::{self, Write};

use crate::domain::scoring::ScoreBreakdown;
use crate::domain::{Policy, ScoringModel, SprintState};
use crate::service::brief::{Brief, Chosen};

use super::debt::{horizon_return, key as debt_key, payback, trigger};
use super::markdown::cell;
use super::numbers::{percent, points, points_phrase};
use super::projection::{answer_sentence, best_sentence, checkpoints, parameter_lines, CAVEAT};
use super::split::{write_capacity_tables, write_split_table};

pub fn write_markdown(b: &Brief<'_>, out: &mut impl Write) -> io::Result<()> {
    header(b, out)?;
    at_a_glance(b, out)?;
    chosen(b, out)?;
    split(b, out)?;
    capacity(b, out)?;
    debt(b, out)?;
    investment(b, out)?;
    forecast(b, out)?;
    how_to_read(b, out)
}

/// "Will we finish?" and when the top items are done, at P50 and P85, with the warnings.
fn forecast(b: &Brief<'_>, out: &mut impl Write) -> io::Result<()> {
    let Some(f) = &b.forecast else { return Ok(()) };
    writeln!(out, "## Forecast\n")?;
    let chance = f.p_finish.map_or_else(|| "unknown".to_string(), super::numbers::percent);
    writeln!(
        out,
        "**P(finish) {chance}** of the {} planned points against {} plannable, from {} closed sprint(s) of say/do ({} trials, seed {}).\n",
        super::numbers::points(f.load),
        super::numbers::points(f.plannable),
        f.history,
        f.trials,
        f.seed
    )?;
    if f.p_finish.is_some() && !f.items.is_empty() {
        writeln!(out, "| Next item | P50 | P85 |")?;
        writeln!(out, "| --- | --- | --- |")?;
        for i in &f.items {
            writeln!(
                out,
                "| {} {} | {} | {} |",
                cell(&i.key),
                cell(&i.title),
                cell(&super::forecast::sprint_text(&i.done[0])),
                cell(&super::forecast::sprint_text(&i.done[1]))
            )?;
        }
        writeln!(out)?;
    }
    for w in &f.warnings {
        writeln!(out, "> warning: {}", cell(&super::forecast::warning_text(w)))?;
    }
    if !f.warnings.is_empty() {
        writeln!(out)?;
    }
    Ok(())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn header(b: &Brief<'_>, out: &mut impl Write) -> io::Result<()> {
    let s = &b.plan.sprint;
    let state = match s.state {
        SprintState::Planning => "in planning",
        SprintState::Active => "running",
        SprintState::Closed => "closed",
    };
    writeln!(out, "# {}: planning brief\n", cell(&s.name))?;
    writeln!(out, "*{} → {} · {state} · prepared {}*\n", s.start, s.end, b.prepared_on)?;
    writeln!(out, "## Sprint goal\n")?;
    if s.goal.trim().is_empty() {
        writeln!(out, "*No goal has been set for this sprint yet.*\n")
    } else {
        writeln!(out, "> {}\n", cell(&s.goal))
    }
}

fn at_a_glance(b: &Brief<'_>, out: &mut impl Write) -> io::Result<()> {
    let c = &b.plan.capacity;
    let sp = &b.plan.split;
    writeln!(out, "## At a glance\n")?;
    writeln!(
        out,
        "- **Capacity:** {} plannable points ({} people, {:.1} person-days, {} held back for unplanned work).",
        points(c.plannable),
        c.members.len(),
        c.person_days,
        percent(c.reserve_share)
    )?;
    let load_share =
        if c.plannable > 0.0 { format!(" ({} of capacity)", percent(sp.load / c.plannable)) } else { String::new() };
    writeln!(
        out,
        "- **Planned:** {} in {}{load_share}.",
        points_phrase(sp.load),
        plural(b.chosen.len(), "item", "items")
    )?;
    let kinds: Vec<String> = sp
        .kinds
        .iter()
        .filter(|k| k.kind.is_investment())
        .map(|k| format!("{} {}", k.kind.as_str(), percent(k.share)))
        .collect();
    let mark = if sp.investment_share + 1e-9 >= sp.floor { "meets" } else { "is below" };
    writeln!(
        out,
        "- **Technical investment:** {} of the sprint ({}), which {mark} the floor of {}.",
        percent(sp.investment_share),
        kinds.join(", "),
        percent(sp.floor)
    )?;
    let blocking =
        b.plan.guardrails.iter().filter(|g| g.severity == crate::domain::guardrails::Severity::Block).count();
    let warnings = b.plan.guardrails.len() - blocking;
    let rails = match (blocking, warnings) {
        (0, 0) => "all clear: the sprint respects the capacity policy".to_string(),
        (0, w) => plural(w, "warning", "warnings"),
        (bl, 0) => plural(bl, "blocking rule", "blocking rules"),
        (bl, w) => format!("{}, {}", plural(bl, "blocking rule", "blocking rules"), plural(w, "warning", "warnings")),
    };
    writeln!(out, "- **Guardrails:** {rails}.")?;
    let t = &b.debt.totals;
    let share = t.drag_share.map(|s| format!(" ({} of plannable capacity)", percent(s))).unwrap_or_default();
    writeln!(
        out,
        "- **Technical debt:** {} cost {} a sprint{share}.\n",
        plural(t.count, "open debt", "open debts"),
        points_phrase(t.drag)
    )
}

/// "0.4×4 + 0.35×3 + 0.25×2 = 3.15 ÷ 3 = 1.05": the score, traceable by hand.
pub fn score_formula(item: &crate::domain::WorkItem, s: &ScoreBreakdown, p: &Policy) -> String {
    let w = &p.weights;
    let benefit = format!(
        "{}×{} + {}×{} + {}×{} = {:.2}",
        w.impact, item.impact, w.risk, item.risk, w.time_to_value, item.time_to_value, s.benefit
    );
    match p.model {
        _ if !s.estimated => format!("{benefit}, unestimated: no score until it has an estimate"),
        ScoringModel::Wsjf if w.effort == 1.0 => {
            format!("{benefit} ÷ {} = {:.2}", points(s.effort_term), s.score)
        }
        ScoringModel::Wsjf => {
            format!("{benefit} ÷ {}^{} = {:.2}", points(item.estimate.points().max(0.5)), w.effort, s.score)
        }
        ScoringModel::WeightedSum => format!("{benefit} − {:.2} = {:.2}", s.effort_term, s.score),
    }
}

fn item_key(c: &Chosen) -> String {
    c.item.key.as_deref().map(cell).unwrap_or_else(|| format!("#{}", c.item.id.0))
}

fn chosen(b: &Brief<'_>, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "## What we plan to do\n")?;
    if b.chosen.is_empty() {
        return writeln!(out, "*Nothing is planned into this sprint yet.*\n");
    }
    let model = match b.policy.model {
        ScoringModel::Wsjf => "benefit ÷ size",
        ScoringModel::WeightedSum => "benefit − effort",
    };
    writeln!(
        out,
        "Best score first. Benefit = {}×impact + {}×risk + {}×time-to-value (each 1–5); score = {model}.\n",
        b.policy.weights.impact, b.policy.weights.risk, b.policy.weights.time_to_value
    )?;
    writeln!(out, "| Item | Kind | Who | Points | Impact | Risk | Time to value | Score |")?;
    writeln!(out, "| --- | --- | --- | ---: | ---: | ---: | ---: | --- |")?;
    // The sprint's load names every assignee of its items.
    let who = |c: &Chosen| {
        c.item
            .assignee
            .and_then(|a| b.plan.load.people.iter().find(|p| p.member == a))
            .map_or_else(|| "—".to_string(), |p| cell(&p.name))
    };
    for c in &b.chosen {
        let pinned = if c.item.pinned { " (pinned)" } else { "" };
        writeln!(
            out,
            "| **{}** {}{pinned} | {} | {} | {} | {} | {} | {} | {} |",
            item_key(c),
            cell(&c.item.title),
            c.item.kind.as_str(),
            who(c),
            c.item.estimate,
            c.item.impact,
            c.item.risk,
            c.item.time_to_value,
            score_formula(&c.item, &c.breakdown, b.policy)
        )?;
    }
    writeln!(out)
}

fn split(b: &Brief<'_>, out: &mut impl Write) -> io::Result<()> {
    let sp = &b.plan.split;
    writeln!(out, "## Split against the capacity policy\n")?;
    write_split_table(sp, out)?;
    super::people::write_markdown(&b.plan.load, out)?;
    writeln!(out, "### Guardrails\n")?;
    if b.plan.guardrails.is_empty() {
        return writeln!(out, "All clear: the sprint respects the policy.\n");
    }
    for g in &b.plan.guardrails {
        let word = match g.severity {
            crate::domain::guardrails::Severity::Block => "Blocking",
            crate::domain::guardrails::Severity::Warn => "Warning",
        };
        writeln!(out, "- **{word}:** {}", cell(&g.message))?;
    }
    writeln!(out)
}

fn capacity(b: &Brief<'_>, out: &mut impl Write) -> io::Result<()> {
    let c = &b.plan.capacity;
    writeln!(out, "## Capacity, step by step\n")?;
    write_capacity_tables(c, out)
}

fn debt(b: &Brief<'_>, out: &mut impl Write) -> io::Result<()> {
    let r = &b.debt;
    let t = &r.totals;
    writeln!(out, "## Technical debt\n")?;
    if t.count == 0 {
        return writeln!(out, "The register holds no open debt.\n");
    }
    writeln!(
        out,
        "{} cost the team **{} a sprint** in lost capacity. Repaying all of it would take {}; \
         so far its drag has cost {}. {} overdue; {} high-risk.\n",
        plural(t.count, "open debt", "open debts"),
        points_phrase(t.drag),
        points_phrase(t.principal),
        points_phrase(t.interest_paid),
        plural(t.overdue, "agreement is", "agreements are"),
        plural(t.high_risk, "debt is", "debts are")
    )?;
    writeln!(
        out,
        "The {} that pay back fastest (repaying them earns their cost back soonest):\n",
        plural(r.rows.len(), "debt", "debts")
    )?;
    writeln!(
        out,
        "| Debt | Drag / sprint | Cost to repay | Pays back in (sprints) | Return over {} sprints | Repay by | In this sprint |",
        r.terms.horizon
    )?;
    writeln!(out, "| --- | ---: | ---: | ---: | ---: | --- | --- |")?;
    for (row, _) in &r.rows {
        let e = &row.economics;
        let planned = b.plan.planned.iter().any(|p| p.id == row.item.id);
        let due = cell(&trigger(&row.debt.agreement));
        let due = if row.overdue { format!("**{due} (overdue)**") } else { due };
        writeln!(
            out,
            "| **{}** {} | {} | {} | {} | {} | {due} | {} |",
            cell(&debt_key(row)),
            cell(&row.item.title),
            points(e.drag),
            points(e.principal),
            payback(e),
            horizon_return(e),
            if planned { "yes" } else { "no" }
        )?;
    }
    writeln!(out)
}

/// What investing in debt and risk work buys over the coming sprints: the projection's
/// scenarios at three checkpoints, when each overtakes the lowest share, the best share, the
/// chart when one was drawn, and the model's inputs with its caveat.
fn investment(b: &Brief<'_>, out: &mut impl Write) -> io::Result<()> {
    let Some(p) = &b.projection else { return Ok(()) };
    let horizon = p.calibration.params.horizon;
    writeln!(
        out,
        "## What investing in debt and risk buys
"
    )?;
    writeln!(
        out,
        "A model of team health compares how much the team ships over the next {horizon} sprints at different \
         shares of technical investment (feature output, points):\n"
    )?;
    let at = checkpoints(horizon);
    let lowest = p.scenarios.first().map(|s| s.label.clone()).unwrap_or_default();
    let mut head = String::from("| Invest |");
    for t in &at {
        head.push_str(&format!(" By sprint {t} |"));
    }
    writeln!(out, "{head} Gets ahead of {lowest} |")?;
    writeln!(out, "| --- |{} --- |", " ---: |".repeat(at.len()))?;
    for (i, s) in p.scenarios.iter().enumerate() {
        let mut row = format!("| {} |", cell(&s.label));
        for t in &at {
            row.push_str(&format!(" {:.0} |", s.path.cumulative[t - 1]));
        }
        let crossing = p.crossovers.iter().find(|c| c.lower == 0 && c.higher == i);
        let when = match crossing {
            Some(c) if c.ahead_at_horizon => format!("sprint {}", c.sprint),
            Some(c) => format!("sprint {}, behind again later", c.sprint),
            None if i == 0 => "—".to_string(),
            None => "not within the horizon".to_string(),
        };
        writeln!(out, "{row} {when} |")?;
    }
    writeln!(out, "\n**{}**\n", answer_sentence(p))?;
    if p.scenarios.iter().any(|s| s.is_plan) {
        writeln!(out, "{}.\n", best_sentence(p))?;
    }
    if let Some(chart) = &b.chart {
        writeln!(out, "![Cumulative feature output by investment share]({})\n", chart.replace(' ', "%20"))?;
    }
    let inputs: Vec<String> = parameter_lines(p).into_iter().map(|(label, text)| format!("{label}: {text}")).collect();
    writeln!(out, "*Inputs — {}. {CAVEAT}*\n", inputs.join("; "))
}

fn how_to_read(b: &Brief<'_>, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "## How to read these numbers\n")?;
    writeln!(out, "- Points measure effort. Capacity comes from the team's availability and its pace over recent sprints, not from a target.")?;
    writeln!(
        out,
        "- Technical investment (debt and risk work) keeps delivery from slowing down; the policy reserves at least {} of every sprint for it.",
        percent(b.plan.split.floor)
    )?;
    writeln!(
        out,
        "- A debt's drag is the capacity it costs every sprint it stays; its payback is cost to repay ÷ drag."
    )
}
