//! Debt: the register's totals and added-vs-repaid trend on top, the register table (sortable,
//! filterable), and the selected debt's economics, agreement, deferral rule and log below.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Wrap};
use ratatui::Frame;

use crate::domain::debt::deferral::rationale_needed;
use crate::domain::debt::{economics, Economics};
use crate::domain::edits::label;
use crate::domain::{DebtCategory, RiskArea, Status};
use crate::report::debt::{economics_sentence, horizon_return, payback, trigger};
use crate::report::numbers::{percent, points};
use crate::tui::app::{App, Tab};
use crate::tui::table::{self, TableSpec};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    // The detail pane holds the agreement and a few deferrals; the table takes the rest.
    let detail_height = if area.height >= 30 { 14 } else { 9 };
    let [header, list, detail] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(5), Constraint::Length(detail_height)]).areas(area);
    render_header(frame, header, app);
    render_table(frame, list, app);
    render_detail(frame, detail, app);
}

/// One block character per value, scaled to `max`.
fn sparkline(values: impl Iterator<Item = f64>, max: f64) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .map(|v| if max > 0.0 { BLOCKS[((v / max).clamp(0.0, 1.0) * 7.0).round() as usize] } else { BLOCKS[0] })
        .collect()
}

fn render_header(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.debt.totals;
    let palette = app.palette;
    // Below 110 columns the words give way so both lines stay whole at 80.
    let wide = area.width >= 110;
    let share = match (t.drag_share, app.summary.plan.as_ref()) {
        (Some(share), Some(plan)) if wide => {
            format!(" ({} of plannable {})", percent(share), points(plan.capacity.plannable))
        }
        (Some(share), Some(plan)) => format!(" ({} of {})", percent(share), points(plan.capacity.plannable)),
        _ => String::new(),
    };
    let (debts, per_sprint, paid) =
        if wide { ("open debts", " pts/sprint", "drag paid so far") } else { ("debts", "/sprint", "paid") };
    let first = Line::from(vec![
        Span::styled(format!("{} {debts}", t.count), palette.title()),
        Span::raw(format!(" · drag {}{per_sprint}{share}", points(t.drag))),
        Span::raw(format!(" · principal {} · {paid} {}", points(t.principal), points(t.interest_paid))),
    ]);
    let mut second = vec![
        Span::styled(format!("{} overdue", t.overdue), if t.overdue > 0 { palette.warn() } else { palette.ok() }),
        Span::raw(format!(" · {} high-risk", t.high_risk)),
    ];
    let flow = &app.debt.flow;
    if flow.is_empty() {
        second.push(Span::styled(" · added vs repaid shows after the first closed sprint", palette.muted()));
    } else {
        let max = flow.iter().map(|f| f.added.max(f.repaid)).fold(0.0, f64::max);
        let added: f64 = flow.iter().map(|f| f.added).sum();
        let repaid: f64 = flow.iter().map(|f| f.repaid).sum();
        let net = added - repaid;
        second.extend([
            Span::raw(format!(" · {} sprints: added ", flow.len())),
            Span::styled(sparkline(flow.iter().map(|f| f.added), max), palette.warn()),
            Span::raw(format!(" {}, repaid ", points(added))),
            Span::styled(sparkline(flow.iter().map(|f| f.repaid), max), palette.ok()),
            Span::raw(format!(" {}", points(repaid))),
        ]);
        if wide {
            let verb = if net > 0.0 { "grew" } else { "shrank" };
            second.push(Span::raw(format!(" · the register {verb} by {} points", points(net.abs()))));
        }
    }
    let second = Line::from(second);
    frame.render_widget(Paragraph::new(vec![first, second]), area);
}

fn number<'a>(text: String) -> Cell<'a> {
    Cell::from(Line::from(text).right_aligned())
}

fn category(c: DebtCategory) -> &'static str {
    match c {
        DebtCategory::Strategic => "strat",
        DebtCategory::Tactical => "tact",
        DebtCategory::Accidental => "accid",
    }
}

fn area_short(a: RiskArea) -> &'static str {
    match a {
        RiskArea::None => "—",
        RiskArea::Security => "sec",
        RiskArea::Performance => "perf",
        RiskArea::Compliance => "comp",
    }
}

fn render_table(frame: &mut Frame, area: Rect, app: &App) {
    let ws = &app.workspace;
    let palette = app.palette;
    // At 80 columns the title keeps room; interest × visibility, category, interest paid and
    // return join as the terminal widens (the detail pane always has them).
    let medium = area.width >= 100;
    let wide = area.width >= 110;
    let mut header = vec!["", "#", "Key", "Title"];
    let mut widths = vec![Constraint::Length(2), Constraint::Length(3), Constraint::Length(8), Constraint::Min(8)];
    if medium {
        header.push("I×V");
        widths.push(Constraint::Length(3));
    }
    header.extend(["Drag", "Princ", "Payb"]);
    widths.extend([Constraint::Length(4), Constraint::Length(5), Constraint::Length(5)]);
    if wide {
        header.extend(["Paid", "Return"]);
        widths.extend([Constraint::Length(5), Constraint::Length(6)]);
    }
    header.push("Age");
    widths.push(Constraint::Length(4));
    if medium {
        header.push("Cat");
        widths.push(Constraint::Length(5));
    }
    header.extend(["Area", "Trigger"]);
    widths.extend([Constraint::Length(4), Constraint::Length(10)]);
    let list = &app.debt;
    let title = format!(
        " Register {} of {} · {} · by {} ",
        list.len(),
        list.totals.count,
        list.filter.describe(),
        list.sort.as_str()
    );
    let selected = app.selected[Tab::Debt.index()];
    table::render(
        frame,
        area,
        TableSpec { title, header: &header, widths: &widths },
        list.len(),
        (!list.is_empty()).then_some(selected),
        palette,
        |n| {
            let Some((item, d)) = list.row(n).and_then(|(id, _)| ws.item(id)).and_then(|i| Some((i, i.debt.as_ref()?)))
            else {
                return Vec::new();
            };
            let rank = list.row(n).map_or(0, |(_, r)| r);
            let e = economics(item, d, &list.terms);
            let overdue = d.agreement.is_overdue(app.today);
            let planned = if item.status == Status::Planned { "✓" } else { " " };
            let flag = if overdue { "!" } else { " " };
            let due = d.agreement.trigger_date.map_or("—".to_string(), |t| t.to_string());
            let mut cells = vec![
                Cell::from(Span::styled(
                    format!("{planned}{flag}"),
                    if overdue { palette.warn() } else { palette.ok() },
                )),
                number(rank.to_string()),
                Cell::from(item.key.clone().unwrap_or_else(|| format!("#{}", item.id.0))),
                Cell::from(item.title.clone()),
            ];
            if medium {
                cells.push(Cell::from(format!("{}×{}", d.interest, d.visibility)));
            }
            cells.extend([number(points(e.drag)), number(points(e.principal)), number(payback(&e))]);
            if wide {
                cells.push(number(points(e.interest_paid)));
                cells.push(number(horizon_return(&e)));
            }
            cells.push(number(format!("{}d", e.age_days)));
            if medium {
                cells.push(Cell::from(category(d.category)));
            }
            cells.extend([
                Cell::from(if d.risk_area.is_high_risk() {
                    Span::styled(area_short(d.risk_area), palette.warn())
                } else {
                    Span::raw(area_short(d.risk_area))
                }),
                Cell::from(if overdue { Span::styled(due, palette.warn()) } else { Span::raw(due) }),
            ]);
            cells
        },
    );
}

fn render_detail(frame: &mut Frame, area: Rect, app: &App) {
    let palette = app.palette;
    let selected = app.selected_debt().and_then(|(id, rank)| {
        let item = app.workspace.item(id)?;
        Some((item, item.debt.as_ref()?, rank))
    });
    let Some((item, d, rank)) = selected else {
        let text = if app.debt.totals.count == 0 {
            "No open debt recorded. Press n to record one: what the shortcut was, why, and when to repay it."
        } else {
            "No debt matches the filter: o, r and c toggle it back."
        };
        let block = Block::default().borders(Borders::ALL).title(Line::styled(" Agreement ", palette.title()));
        frame.render_widget(Paragraph::new(Line::styled(text, palette.muted())).block(block), area);
        return;
    };
    let e: Economics = economics(item, d, &app.debt.terms);
    let a = &d.agreement;
    // What a manager asks first: is it due, whose is it, may it wait and why did it wait
    // before. The economics follow, then the story of the shortcut.
    let overdue = if a.is_overdue(app.today) { "  OVERDUE" } else { "" };
    let linked = a.linked_key.as_ref().map(|k| format!(" · linked {k}")).unwrap_or_default();
    let mut lines = vec![Line::from(vec![
        Span::raw(format!("Repay by {}", trigger(a))),
        Span::styled(overdue, palette.warn()),
        Span::raw(format!(" · owner {}{linked}", or_dash(&a.owner))),
    ])];
    match rationale_needed(d, rank, app.debt.settings.top, app.today) {
        Some(why) => lines.push(Line::styled(format!("Deferring needs a written rationale: {why}."), palette.warn())),
        None => lines.push(Line::styled("Deferring needs no rationale.", palette.muted())),
    }
    if d.deferrals.is_empty() {
        lines.push(Line::styled("Never deferred.", palette.muted()));
    } else {
        lines.push(Line::styled(
            format!("Deferred {}, newest first:", crate::domain::text::count(d.deferrals.len(), "time", "times")),
            palette.header(),
        ));
        for f in d.deferrals.iter().rev() {
            let text = if f.rationale.is_empty() { "(no rationale given)" } else { f.rationale.as_str() };
            let moved = f
                .moved
                .map_or(String::new(), |m| format!(" (repay-by {})", crate::domain::debt::deferral::move_text(m)));
            lines.push(Line::from(format!("  {}  {text}{moved}", f.on)));
        }
    }
    lines.push(Line::from(format!("{}.", capitalised(&economics_sentence(&e, app.debt.terms.horizon)))));
    lines.push(Line::from(format!("Why: {}", or_dash(&a.reason))));
    lines.push(Line::from(format!("Cost: {}", or_dash(&a.impact))));
    lines.push(Line::styled(
        format!("Interest {}/5 · visibility {}/5 · recorded {}", d.interest, d.visibility, item.created.date_naive()),
        palette.muted(),
    ));
    let block = Block::default().borders(Borders::ALL).title(Line::styled(
        format!(
            " {} · rank {rank} of {} · {} · {} · {} ",
            label(item),
            app.debt.totals.count,
            d.category.as_str(),
            d.risk_area.as_str(),
            item.title
        ),
        palette.title(),
    ));
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn or_dash(text: &str) -> &str {
    if text.trim().is_empty() {
        "—"
    } else {
        text
    }
}
