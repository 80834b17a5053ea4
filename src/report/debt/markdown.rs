//! The register review a manager pastes into a document: totals first, then the debts with
//! their economics, agreements and deferral logs.

use std::io::{self, Write};

use crate::report::markdown::cell;
use crate::service::debt::RegisterReport;

use super::super::numbers::{percent, points};
use super::{economics_sentence, horizon_return, key, payback, trigger};

pub fn write_markdown(r: &RegisterReport<'_>, out: &mut impl Write) -> io::Result<()> {
    let t = &r.totals;
    writeln!(out, "# Tech-debt register review, {}\n", r.terms.today)?;
    let share = match (&r.capacity, t.drag_share) {
        (Some((sprint, plannable)), Some(share)) => {
            format!(", {} of {}'s plannable capacity ({} points)", percent(share), cell(sprint), points(*plannable))
        }
        _ => String::new(),
    };
    let open = crate::domain::text::count(t.count, "open debt", "open debts");
    let verb = if t.count == 1 { "costs" } else { "cost" };
    writeln!(out, "**{open}** {verb} the team **{} points a sprint**{share}.", points(t.drag))?;
    writeln!(
        out,
        "Repaying all of it would take **{} points**; so far its drag has cost **{} points**.",
        points(t.principal),
        points(t.interest_paid)
    )?;
    writeln!(out, "**{}** agreements are overdue; **{}** debts are high-risk.\n", t.overdue, t.high_risk)?;
    if !r.flow.is_empty() {
        writeln!(out, "| Sprint | Debt added (points) | Debt repaid (points) |")?;
        writeln!(out, "| --- | ---: | ---: |")?;
        for f in &r.flow {
            writeln!(out, "| {} | {} | {} |", cell(&f.sprint), points(f.added), points(f.repaid))?;
        }
        writeln!(out)?;
    }
    writeln!(out, "## Debts: {}, by {} ({} shown)\n", r.filter.describe(), r.sort.as_str(), r.rows.len())?;
    if r.rows.is_empty() {
        writeln!(out, "No debt matches.")?;
        return Ok(());
    }
    writeln!(
        out,
        "| Rank | Debt | Drag / sprint | Principal | Payback (sprints) | Drag paid so far | Return over {} sprints | Trigger |",
        r.terms.horizon
    )?;
    writeln!(out, "| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |")?;
    for (row, _) in &r.rows {
        let e = &row.economics;
        let due = row.debt.agreement.trigger_date.map_or("—".to_string(), |d| d.to_string());
        let due = if row.overdue { format!("**{due} overdue**") } else { due };
        writeln!(
            out,
            "| {} | {} {} | {} | {} | {} | {} | {} | {} |",
            row.rank,
            cell(&key(row)),
            cell(&row.item.title),
            points(e.drag),
            points(e.principal),
            payback(e),
            points(e.interest_paid),
            horizon_return(e),
            due
        )?;
    }
    for (row, need) in &r.rows {
        let d = row.debt;
        let a = &d.agreement;
        writeln!(out, "\n### {}. {}: {}\n", row.rank, cell(&key(row)), cell(&row.item.title))?;
        writeln!(out, "- **Economics:** {}.", economics_sentence(&row.economics, r.terms.horizon))?;
        writeln!(
            out,
            "- **Kind of debt:** {}, risk area {}; interest {}/5, visibility {}/5.",
            d.category.as_str(),
            d.risk_area.as_str(),
            d.interest,
            d.visibility
        )?;
        writeln!(out, "- **Why we took it:** {}", or_unknown(&a.reason))?;
        writeln!(out, "- **What it costs us:** {}", or_unknown(&a.impact))?;
        let overdue = if row.overdue { " (**overdue**)" } else { "" };
        writeln!(out, "- **Repay by:** {}{overdue}", cell(&trigger(a)))?;
        let linked = a.linked_key.as_deref().map(|k| format!(" (linked: {})", cell(k))).unwrap_or_default();
        writeln!(out, "- **Owner:** {}{linked}", or_unknown(&a.owner))?;
        if let Some(why) = need {
            writeln!(out, "- **Deferring needs a written rationale:** {why}.")?;
        }
        if d.deferrals.is_empty() {
            writeln!(out, "- **Deferrals:** none.")?;
        } else {
            writeln!(out, "- **Deferrals:**")?;
            for f in &d.deferrals {
                let text = if f.rationale.is_empty() { "(no rationale given)".to_string() } else { cell(&f.rationale) };
                let moved = f.moved.map_or(String::new(), |m| {
                    format!(" (repay-by moved {})", crate::domain::debt::deferral::move_text(m))
                });
                writeln!(out, "  - {}: {text}{moved}", f.on)?;
            }
        }
    }
    Ok(())
}

fn or_unknown(text: &str) -> String {
    if text.trim().is_empty() {
        "*not recorded*".into()
    } else {
        cell(text)
    }
}
