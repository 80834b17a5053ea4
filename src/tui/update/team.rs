//! Team & policy actions: edit the selected row (sprint, member, holiday, policy), add or
//! remove a member or a holiday.

use crate::domain::change::{Change, ChangeSet};
use crate::tui::app::{App, Overlay};
use crate::tui::forms::team;
use crate::tui::keymap::Action;
use crate::tui::team_rows::{rows, TeamRow};

use super::{refuse_if_read_only, Effect};

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    if let Some(refusal) = refuse_if_read_only(app) {
        return refusal;
    }
    let ws = &app.workspace;
    let row = rows(ws).get(app.selected()).copied();
    let form = match (action, row) {
        (Action::EditSelected, Some(TeamRow::Sprint(id))) => team::sprint_form(ws, id),
        (Action::EditSelected, Some(TeamRow::Member(id))) => team::member_form(ws, id),
        (Action::EditSelected, Some(TeamRow::Holiday(date))) => Some(team::holiday_form(ws, Some(date))),
        (Action::EditSelected, Some(TeamRow::Policy)) => Some(team::policy_form(ws)),
        (Action::NewHoliday, _) => Some(team::holiday_form(ws, None)),
        (Action::NewMember, _) => Some(team::new_member_form()),
        (Action::DeleteSelected, Some(TeamRow::Member(id))) => {
            match crate::domain::team_changes::remove_member(ws, id, app.today) {
                Ok(set) => {
                    let name = ws.members.iter().find(|m| m.id == id).map_or("them", |m| m.name.as_str());
                    let question = format!(
                        "Remove {name} from the team from today? Sprints they worked in keep their figures; u undoes."
                    );
                    app.overlay = Some(Overlay::Confirm { question, set });
                }
                Err(message) => app.status = Some(message),
            }
            None
        }
        (Action::DeleteSelected, Some(TeamRow::Holiday(date))) => {
            if let Some(h) = ws.holidays.iter().find(|h| h.date == date) {
                let set = ChangeSet::new(
                    format!("removed the holiday {} {}", h.date, h.name),
                    vec![Change::Holiday { before: Some(h.clone()), after: None }],
                );
                app.overlay =
                    Some(Overlay::Confirm { question: format!("Remove the holiday {} {}?", h.date, h.name), set });
            }
            None
        }
        (Action::DeleteSelected, _) => {
            app.status =
                Some("Only members and holidays can be removed; the sprint and the policy are edited with e.".into());
            None
        }
        _ => None,
    };
    if let Some(form) = form {
        app.open_form(form);
    }
    Vec::new()
}
