//! The TUI's state. Rendering is a pure function of it; `update` is the only thing that changes it.

use chrono::NaiveDate;

use crate::domain::Workspace;

use super::theme::Palette;

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

pub struct App {
    pub workspace: Workspace,
    pub today: NaiveDate,
    pub tab: Tab,
    pub help_open: bool,
    /// Selected row of each tab's main list, by tab index.
    pub selected: [usize; 6],
    /// A one-line message for the status bar (e.g. "reloaded: another flowdeck saved changes").
    pub status: Option<String>,
    pub read_only: bool,
    /// The database file name, shown in the status bar.
    pub db_label: String,
    pub palette: Palette,
    /// Rows a page move jumps; follows the terminal height.
    pub page_rows: usize,
    pub quit: bool,
}

impl App {
    pub fn new(workspace: Workspace, today: NaiveDate, db_label: String, palette: Palette) -> App {
        App {
            workspace,
            today,
            tab: Tab::Plan,
            help_open: false,
            selected: [0; 6],
            status: None,
            read_only: false,
            db_label,
            palette,
            page_rows: 10,
            quit: false,
        }
    }

    pub fn selected(&self) -> usize {
        self.selected[self.tab.index()]
    }
}
