//! Plan screen actions: planning moves, pins, auto-fill, filter, search, sort and item edits.

use crate::domain::change::{Change, ChangeSet};
use crate::domain::edits;
use crate::domain::{ItemId, Kind, Status, Workspace};
use crate::report::plan::{write_body, PlanView};
use crate::service::autofill::propose;
use crate::tui::app::{App, Overlay, Tab};
use crate::tui::forms::item;
use crate::tui::keymap::Action;
use crate::tui::plan_list::Filter;

use super::{refuse_if_read_only, save, Effect};

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let sprint = app.workspace.current_sprint().cloned();
    let selected = app.selected_item();
    let result: Result<Vec<Effect>, String> = match action {
        Action::TogglePlanned => match (sprint, selected) {
            (Some(s), Some(id)) => edits::toggle_planned(&app.workspace, &s, id).map(|set| {
                // Like marking mail: the cursor moves on, so Space Space Space plans a run.
                if app.plan.filter != Filter::InSprint {
                    let at = &mut app.selected[Tab::Plan.index()];
                    *at = (*at + 1).min(app.plan.len().saturating_sub(1));
                }
                save(app, set)
            }),
            (None, _) => Err("There is no sprint in planning to add to: N creates the next one.".into()),
            (_, None) => Ok(Vec::new()),
        },
        Action::TogglePinned => with_selected(app, selected, |ws, id| edits::toggle_pinned(ws, sprint.as_ref(), id)),
        Action::ToggleExcluded => with_selected(app, selected, edits::toggle_excluded),
        Action::ClearSprint => match sprint {
            Some(s) => edits::clear(&app.workspace, &s).map(|set| {
                // Read-only (or nothing to clear): refused or reported at once, never asked.
                if set.is_empty() || app.read_only {
                    return save(app, set);
                }
                let question = format!("Clear {}? {} (u undoes it)", s.name, capitalised(&set.label));
                app.overlay = Some(Overlay::Confirm { question, set });
                Vec::new()
            }),
            None => Err("There is no sprint in planning: N creates the next one.".into()),
        },
        // Esc on the list drops a search kept with Enter.
        Action::Cancel if !app.plan.query.is_empty() => {
            app.plan.query.clear();
            app.search = tui_input::Input::default();
            relist(app);
            app.status = Some("Search cleared.".into());
            Ok(Vec::new())
        }
        Action::AutoFill => auto_fill(app),
        Action::Forecast => forecast_view(app),
        Action::CycleFilter => {
            app.plan.filter = app.plan.filter.next();
            relist(app);
            app.status = Some(format!(
                "Showing {} ({}).",
                app.plan.filter.label(),
                crate::domain::text::count(app.plan.len(), "item", "items")
            ));
            Ok(Vec::new())
        }
        Action::CycleSort => {
            app.plan.sort = app.plan.sort.next();
            relist(app);
            app.status = Some(format!("Sorted by {}.", app.plan.sort.label()));
            Ok(Vec::new())
        }
        Action::StartSearch => {
            app.search = tui_input::Input::new(app.plan.query.clone());
            app.overlay = Some(Overlay::Search);
            Ok(Vec::new())
        }
        Action::NewItem => {
            let kind = match app.plan.filter {
                Filter::Kind(k) => k,
                _ => Kind::Feature,
            };
            open_item_form(app, None, kind)
        }
        Action::EditSelected => match selected {
            Some(id) => open_item_form(app, Some(id), Kind::Feature),
            None => Ok(Vec::new()),
        },
        Action::DeleteSelected => match selected {
            Some(id) => edits::delete(&app.workspace, id).map(|set| {
                let question = delete_question(&app.workspace, id);
                app.overlay = Some(Overlay::Confirm { question, set });
                Vec::new()
            }),
            None => Ok(Vec::new()),
        },
        Action::StartTriage | Action::ToggleMark | Action::ClearMarks | Action::BulkEdit => {
            Ok(super::marks::update(app, action))
        }
        _ => Ok(Vec::new()),
    };
    result.unwrap_or_else(|message| {
        app.status = Some(message);
        Vec::new()
    })
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn with_selected(
    app: &mut App,
    selected: Option<ItemId>,
    edit: impl Fn(&Workspace, ItemId) -> Result<ChangeSet, String>,
) -> Result<Vec<Effect>, String> {
    match selected {
        Some(id) => edit(&app.workspace, id).map(|set| save(app, set)),
        None => Ok(Vec::new()),
    }
}

/// Re-applies filter and sort, keeping the cursor on the same item when it is still shown.
fn relist(app: &mut App) {
    let keep = app.selected_item();
    app.plan.refilter(&app.workspace);
    app.selected[Tab::Plan.index()] = keep.and_then(|id| app.plan.position_of(id)).unwrap_or(0);
}

pub(super) fn open_item_form(app: &mut App, id: Option<ItemId>, kind: Kind) -> Result<Vec<Effect>, String> {
    if let Some(refusal) = refuse_if_read_only(app) {
        return Ok(refusal);
    }
    let existing = id.and_then(|id| app.workspace.item(id));
    let mut form = item::form(existing, kind, &app.workspace);
    form.focus = form.index_of("Title");
    app.open_form(form);
    Ok(Vec::new())
}

/// `flowdeck forecast` for the marked items, or for the best ten not yet planned, to read
/// and scroll (j/k); any of Enter, Esc, y or n closes it.
fn forecast_view(app: &mut App) -> Result<Vec<Effect>, String> {
    use crate::service::forecast::{forecast, Selection};
    let mut marked: Vec<&crate::domain::WorkItem> = app.marks.iter().filter_map(|id| app.workspace.item(*id)).collect();
    marked.sort_by_key(|i| i.id);
    let keys: Vec<String> = marked.iter().map(|i| i.key.clone().unwrap_or_else(|| format!("#{}", i.id.0))).collect();
    let (selection, what) = if keys.is_empty() {
        (Selection::Top(10), "the best 10 not yet planned".to_string())
    } else {
        (Selection::Keys(&keys), crate::domain::text::count(keys.len(), "marked item", "marked items"))
    };
    let f = forecast(&app.workspace, &app.settings, selection, None, crate::service::finish::DEFAULT_SEED)?;
    let mut text = Vec::new();
    crate::report::forecast::write_text(&f, &mut text).map_err(|e| format!("could not show the forecast: {e}"))?;
    let lines = String::from_utf8_lossy(&text).lines().map(str::to_string).collect();
    app.overlay =
        Some(Overlay::Notes { title: format!("Forecast · {what} · as `flowdeck forecast`"), lines, scroll: 0 });
    Ok(Vec::new())
}

/// Shows auto-fill's proposal; nothing changes until it is accepted.
fn auto_fill(app: &mut App) -> Result<Vec<Effect>, String> {
    let ws = &app.workspace;
    let sprint = ws.current_sprint().ok_or("There is no sprint in planning to fill.")?;
    let proposal = propose(ws, sprint, &app.fallbacks, app.today)?;
    let set = edits::set_plan(ws, sprint, &proposal.result.plan.chosen, "auto-fill")?;
    if set.is_empty() {
        app.status = Some("Auto-fill: the sprint already holds the best plan under the policy.".into());
        return Ok(Vec::new());
    }
    let view = PlanView {
        assign: None,
        ws,
        sprint: &proposal.sprint.name,
        plannable: proposal.capacity.plannable,
        chosen: &proposal.chosen,
        result: &proposal.result,
        total_benefit: proposal.total_benefit(),
        applied: false,
    };
    let mut text = Vec::new();
    write_body(&view, &mut text).map_err(|e| e.to_string())?;
    let lines = String::from_utf8_lossy(&text).lines().map(str::to_string).collect();
    let ins = set.changes.iter().filter(|c| is_planned_after(c)).count();
    let outs = set.changes.len() - ins;
    let mut set = set;
    set.label = format!("auto-fill ({ins} in, {outs} out)");
    app.overlay = Some(Overlay::Proposal { lines, set, scroll: 0 });
    Ok(Vec::new())
}

fn is_planned_after(change: &Change) -> bool {
    matches!(change, Change::Item { after: Some(a), .. } if a.status == Status::Planned)
}

/// The question before a delete; it says when the item is planned in a sprint, because the
/// delete also takes it out of that sprint's plan.
fn delete_question(ws: &crate::domain::Workspace, id: crate::domain::ItemId) -> String {
    let Some(item) = ws.item(id) else { return "Delete this item? (u undoes it)".into() };
    let planned = (item.status == crate::domain::Status::Planned)
        .then(|| item.sprint.and_then(|s| ws.sprint(s)))
        .flatten()
        .map(|s| format!(" It is planned in {} ({} points) and leaves that sprint.", s.name, item.estimate))
        .unwrap_or_default();
    format!("Delete {} “{}”?{planned} (u undoes it)", edits::label(item), item.title)
}
