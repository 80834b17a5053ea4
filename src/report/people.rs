//! "Who does what": each member's assigned points against their share of the sprint's
//! plannable capacity, and the unassigned rest — in `split` (text, Markdown, JSON) and the brief.

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::domain::person_load::TeamLoad;
use crate::domain::text::sanitize_line;

use super::markdown::cell;
use super::numbers::{points, round3};

/// How to name someone when nobody is assigned yet.
const HOW_TO_ASSIGN: &str = "`flowdeck item edit KEY --assignee NAME`, or Assignee in the item form";

/// Within their share, or how far over.
fn standing(over: f64, room: f64) -> String {
    if over > 0.0 {
        format!("over by {}", points(over))
    } else {
        format!("{} free", points(room))
    }
}

pub fn write_text(load: &TeamLoad, out: &mut impl Write) -> io::Result<()> {
    if load.nobody_assigned() {
        return writeln!(out, "\nWho does what: nobody is assigned yet ({HOW_TO_ASSIGN})");
    }
    let assigned: f64 = load.people.iter().map(|p| p.assigned).sum();
    writeln!(out, "\nWho does what ({} of {} points assigned)", points(assigned), points(assigned + load.unassigned))?;
    let width = load.people.iter().map(|p| p.name.chars().count()).max().unwrap_or(6).max("unassigned".len());
    writeln!(out, "  {:<width$}  assigned  share  items", "member")?;
    for p in &load.people {
        writeln!(
            out,
            "  {:<width$}  {:>8}  {:>5}  {:>5}  {}",
            sanitize_line(&p.name),
            points(p.assigned),
            points(p.share),
            p.items,
            standing(p.over(), p.room())
        )?;
    }
    writeln!(out, "  {:<width$}  {:>8}  {:>5}  {:>5}", "unassigned", points(load.unassigned), "", load.unassigned_items)
}

pub fn write_markdown(load: &TeamLoad, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "### Who does what\n")?;
    if load.nobody_assigned() {
        return writeln!(out, "Nobody is assigned yet ({HOW_TO_ASSIGN}).\n");
    }
    writeln!(out, "| Member | Assigned | Share | Items | |")?;
    writeln!(out, "| --- | ---: | ---: | ---: | --- |")?;
    for p in &load.people {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell(&p.name),
            points(p.assigned),
            points(p.share),
            p.items,
            standing(p.over(), p.room())
        )?;
    }
    writeln!(out, "| *unassigned* | {} | | {} | |\n", points(load.unassigned), load.unassigned_items)
}

pub fn to_json(load: &TeamLoad) -> Value {
    json!({
        "members": load.people.iter().map(|p| json!({
            "name": p.name,
            "assigned": round3(p.assigned),
            "items": p.items,
            "share": round3(p.share),
            "over": round3(p.over()),
        })).collect::<Vec<_>>(),
        "unassigned": { "points": round3(load.unassigned), "items": load.unassigned_items },
    })
}
