//! The TUI's state. Rendering is a pure function of it; `update` is the only thing that
//! changes it, and `saved`/`reloaded` bring in what the session committed or loaded.

use chrono::NaiveDate;
use tui_input::Input;

use crate::config::Settings;
use crate::domain::capacity::Fallbacks;
use crate::domain::change::{self, Change, ChangeSet};
use crate::domain::{SprintState, Workspace};

use super::debt_list::{affects_register, DebtList};
use super::forms::Form;
use super::history_scroll::HistoryScroll;
use super::history_view::HistoryView;
use super::plan_list::PlanList;
use super::projection_view::ProjectionView;
use super::summary::Summary;
use super::theme::Palette;
use super::undo::{History, Step};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Plan,
    Debt,
    Split,
    Projection,
    History,
    Team,
}

impl Tab {
    pub const ALL: [Tab; 6] = [Tab::Plan, Tab::Debt, Tab::Split, Tab::Projection, Tab::History, Tab::Team];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Plan => "Plan",
            Tab::Debt => "Debt",
            Tab::Split => "Split",
            Tab::Projection => "Projection",
            Tab::History => "History",
            Tab::Team => "Team & policy",
        }
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// What sits on top of the screen and has the keyboard.
#[derive(Debug, Clone)]
pub enum Overlay {
    /// The key list, scrolled by `scroll` lines.
    Help {
        scroll: usize,
    },
    /// Typing a search on the Plan screen (the text is `App::search`).
    Search,
    /// A question before a change that deserves one (delete).
    Confirm {
        question: String,
        set: ChangeSet,
    },
    /// Auto-fill's proposal: `lines` explain it, `set` is what accepting saves.
    Proposal {
        lines: Vec<String>,
        set: ChangeSet,
        scroll: usize,
    },
    Form(Form),
    /// Quit was pressed (Ctrl+C) while a form was open: asked first, so typing is not lost
    /// by a reflex; "no" gives the form back as it was.
    QuitFromForm(Form),
    /// A command's full result to read (an import's summary and every note the CLI would
    /// print); any of y, n, Enter, Esc closes it, j/k scroll.
    Notes {
        title: String,
        lines: Vec<String>,
        scroll: usize,
    },
    /// The command palette's line (`import …`, `export …`; see `tui::palette`).
    Palette(Input),
    /// Triage of the unestimated and unscored items (see `tui::triage`).
    Triage(super::triage::Triage),
}

pub struct App {
    pub workspace: Workspace,
    pub today: NaiveDate,
    pub fallbacks: Fallbacks,
    pub tab: Tab,
    pub overlay: Option<Overlay>,
    /// Selected row of each tab's main list, by tab index.
    pub selected: [usize; 6],
    /// A one-line message for the status bar: what was just saved, or why not.
    pub status: Option<String>,
    pub read_only: bool,
    /// The database file name, shown in the status bar.
    pub db_label: String,
    pub palette: Palette,
    /// Rows a page move jumps; follows the terminal height.
    pub page_rows: usize,
    pub quit: bool,
    pub plan: PlanList,
    /// The Debt screen's rows (rebuilt lazily: see `refresh_views`).
    pub debt: DebtList,
    pub summary: Summary,
    pub search: Input,
    /// Undo and redo.
    pub history: History,
    /// The History screen's figures (rebuilt lazily: see `refresh_views`).
    pub sprint_history: HistoryView,
    /// Where the History screen's snapshot list and trends are scrolled to.
    pub history_scroll: HistoryScroll,
    /// The Projection screen's parameters and result (rebuilt lazily too).
    pub projection: ProjectionView,
    /// The settings the palette's imports and exports use.
    pub settings: Settings,
    /// Rows marked on Plan (`v`) for a bulk edit.
    pub marks: std::collections::BTreeSet<crate::domain::ItemId>,
}

impl App {
    /// With the default settings (tests and benchmarks).
    pub fn new(workspace: Workspace, today: NaiveDate, db_label: String, palette: Palette) -> App {
        App::with_settings(workspace, today, db_label, palette, &Settings::default())
    }

    pub fn with_settings(
        workspace: Workspace,
        today: NaiveDate,
        db_label: String,
        palette: Palette,
        settings: &Settings,
    ) -> App {
        let fallbacks = crate::service::planning::fallbacks(settings);
        let plan = PlanList::new(&workspace);
        let summary = Summary::compute(&workspace, &fallbacks, settings, today);
        // Built when the Debt screen first comes to the front (see `refresh_views`), not
        // before the first frame.
        let debt = DebtList::new(settings.debt, today);
        // History opens on the latest closed sprint: its snapshot against what happened.
        let mut selected = [0; 6];
        selected[Tab::History.index()] =
            workspace.sprints.iter().rposition(|s| s.state == SprintState::Closed).unwrap_or(0);
        App {
            debt,
            workspace,
            today,
            fallbacks,
            tab: Tab::Plan,
            overlay: None,
            selected,
            status: None,
            read_only: false,
            db_label,
            palette,
            page_rows: 10,
            quit: false,
            plan,
            summary,
            search: Input::default(),
            history: History::default(),
            sprint_history: HistoryView::stale(),
            history_scroll: HistoryScroll::default(),
            projection: ProjectionView::new(settings.projection.clone()),
            settings: settings.clone(),
            marks: Default::default(),
        }
    }

    /// Opens `form` over the screen: validated at once (so its marks show) and remembering
    /// the version of the row it edits.
    /// On a database without a team (and writable), opens the first-run set-up form.
    pub fn offer_setup(&mut self) {
        if !self.read_only && crate::tui::forms::setup::needs_setup(&self.workspace) {
            self.open_form(crate::tui::forms::setup::setup_form(self.today));
        }
    }

    pub fn open_form(&mut self, mut form: Form) {
        form.validate(&self.workspace, self.today);
        form.remember(&self.workspace);
        self.overlay = Some(Overlay::Form(form));
    }

    pub fn selected(&self) -> usize {
        self.selected[self.tab.index()]
    }

    pub fn help_open(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Help { .. }))
    }

    /// The item selected on the Plan screen.
    pub fn selected_item(&self) -> Option<crate::domain::ItemId> {
        self.plan.row(self.selected[Tab::Plan.index()]).map(|r| r.id)
    }

    /// The debt selected on the Debt screen, with its register rank.
    pub fn selected_debt(&self) -> Option<(crate::domain::ItemId, usize)> {
        self.debt.row(self.selected[Tab::Debt.index()])
    }

    /// True while work that the first frame did not need is still to be done.
    pub fn has_idle_work(&self) -> bool {
        self.plan.search_pending()
    }

    /// Does the work the first frame put off (the search text), while no key is waiting.
    pub fn idle(&mut self) {
        self.plan.prepare_search(&self.workspace);
    }

    /// Rebuilds the figures of the screen in front if a change made them stale. Cheap to call
    /// after every key.
    pub fn refresh_views(&mut self) {
        if self.tab == Tab::History && self.sprint_history.is_stale() {
            self.sprint_history.rebuild(&self.workspace);
        }
        if self.tab == Tab::Projection && self.projection.is_stale() {
            self.projection.rebuild(&self.workspace, &self.fallbacks);
        }
        self.refresh_debt();
    }

    /// Rebuilds the Debt screen's rows if they are stale and the screen is in front, keeping
    /// the cursor on the debt it was on.
    fn refresh_debt(&mut self) {
        if self.tab != Tab::Debt || !self.debt.is_stale() {
            return;
        }
        let keep = self.selected_debt().map(|(id, _)| id);
        let plannable = self.summary.plan.as_ref().map(|p| p.capacity.plannable);
        self.debt.rebuild(&self.workspace, self.today, plannable);
        let at = keep.and_then(|id| self.debt.position_of(id)).unwrap_or(self.selected[Tab::Debt.index()]);
        self.selected[Tab::Debt.index()] = at.min(self.debt.len().saturating_sub(1));
    }

    /// Brings in a change set the session has committed: applied in place, recorded for undo,
    /// and only the caches it affects recomputed (no reload, no re-rank for plan moves).
    pub fn saved(&mut self, committed: ChangeSet, step: Step) {
        let keep = self.selected_item();
        change::apply(&mut self.workspace, &committed);
        self.summary.changed(&self.workspace, &committed, &self.fallbacks, &self.settings, self.today);
        let rerank = committed.changes.iter().any(Change::touches_ranking);
        let focus = committed.changes.iter().find_map(Change::item_id);
        let verb = match step {
            Step::Do => "",
            Step::Undo => "undone: ",
            Step::Redo => "redone: ",
        };
        if committed.changes.iter().any(affects_register) {
            self.debt.mark_stale();
        }
        self.sprint_history.mark_stale();
        self.projection.mark_stale();
        self.status = Some(format!("Saved — {verb}{}.", committed.label));
        let sprint = committed.changes.iter().find_map(|c| match c {
            Change::Sprint { after: Some(s), .. } => Some(s.id),
            _ => None,
        });
        self.history.record(committed, step);
        if matches!(self.overlay, Some(Overlay::Form(_))) {
            self.overlay = None;
        }
        if rerank {
            self.plan.rebuild(&self.workspace);
        } else if self.plan.filter == super::plan_list::Filter::InSprint {
            self.plan.refilter(&self.workspace);
        }
        // A sprint just created, started or closed is the one History shows.
        if let Some(at) = sprint.and_then(|id| self.workspace.sprints.iter().position(|s| s.id == id)) {
            self.selected[Tab::History.index()] = at;
        }
        // Keep the cursor on the item that was selected, or on the one just changed.
        if let Some(at) = keep.or(focus).and_then(|id| self.plan.position_of(id)) {
            self.selected[Tab::Plan.index()] = at;
        }
        self.clamp_selection();
        self.refresh_views();
    }

    /// Replaces the workspace with what the store holds now (another process saved).
    pub fn reloaded(&mut self, workspace: Workspace) {
        let keep = self.selected_item();
        self.workspace = workspace;
        self.plan.rebuild(&self.workspace);
        self.summary = Summary::compute(&self.workspace, &self.fallbacks, &self.settings, self.today);
        self.debt.mark_stale();
        self.sprint_history.mark_stale();
        self.projection.mark_stale();
        if let Some(at) = keep.and_then(|id| self.plan.position_of(id)) {
            self.selected[Tab::Plan.index()] = at;
        }
        self.clamp_selection();
        self.refresh_views();
    }

    fn clamp_selection(&mut self) {
        for tab in Tab::ALL {
            let rows = super::screens::row_count(self, tab);
            let s = &mut self.selected[tab.index()];
            *s = (*s).min(rows.saturating_sub(1));
        }
    }
}
