//! Debt screen actions: plan or defer the selected debt, filters, sort, and debt edits.

use crate::domain::edits;
use crate::domain::Kind;
use crate::tui::app::{App, Tab};
use crate::tui::forms::defer;
use crate::tui::keymap::Action;

use super::plan::open_item_form;
use super::{refuse_if_read_only, save, Effect};

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let selected = app.selected_debt();
    let result: Result<Vec<Effect>, String> = match action {
        Action::TogglePlanned => match (app.workspace.current_sprint().cloned(), selected) {
            (Some(s), Some((id, _))) => edits::toggle_planned(&app.workspace, &s, id).map(|set| save(app, set)),
            (None, _) => Err("There is no sprint in planning to add to: n on 5 History creates the next one.".into()),
            (_, None) => Ok(Vec::new()),
        },
        Action::Defer => match selected {
            Some((id, rank)) => open_defer_form(app, id, rank),
            None => Ok(Vec::new()),
        },
        Action::ToggleOverdue => {
            app.debt.filter.overdue = !app.debt.filter.overdue;
            relist(app)
        }
        Action::ToggleHighRisk => {
            app.debt.filter.high_risk = !app.debt.filter.high_risk;
            relist(app)
        }
        Action::CycleCategory => {
            app.debt.cycle_category();
            relist(app)
        }
        Action::CycleSort => {
            app.debt.sort = app.debt.sort.next();
            relist(app)
        }
        Action::NewItem => open_item_form(app, None, Kind::Debt),
        Action::EditSelected => match selected {
            Some((id, _)) => open_item_form(app, Some(id), Kind::Debt),
            None => Ok(Vec::new()),
        },
        _ => Ok(Vec::new()),
    };
    result.unwrap_or_else(|message| {
        app.status = Some(message);
        Vec::new()
    })
}

fn open_defer_form(app: &mut App, id: crate::domain::ItemId, rank: usize) -> Result<Vec<Effect>, String> {
    if let Some(refusal) = refuse_if_read_only(app) {
        return Ok(refusal);
    }
    let item = app.workspace.item(id).ok_or("that debt no longer exists")?;
    let form = defer::form(item, rank, app.debt.settings.top, app.today);
    app.open_form(form);
    Ok(Vec::new())
}

/// Filter or sort changed: list again, keeping the cursor on its debt when it is still shown.
fn relist(app: &mut App) -> Result<Vec<Effect>, String> {
    let keep = app.selected_debt().map(|(id, _)| id);
    app.debt.relist();
    let at = keep.and_then(|id| app.debt.position_of(id)).unwrap_or(0);
    app.selected[Tab::Debt.index()] = at;
    app.status = Some(format!(
        "Showing {} debts ({}), sorted by {}.",
        app.debt.filter.describe(),
        crate::domain::text::count(app.debt.len(), "debt", "debts"),
        app.debt.sort.as_str()
    ));
    Ok(Vec::new())
}
