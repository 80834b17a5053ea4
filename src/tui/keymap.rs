//! The one keymap table. It drives the dispatcher, the help overlay, the hint bar,
//! `flowdeck keys` and the README's key list, so they can never disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Everything a key can ask for. Names are kebab-case (`Action::name`) for config and docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    ToggleHelp,
    CloseOverlay,
    NextTab,
    PrevTab,
    ShowTab(usize),
    Undo,
    Redo,
    MoveDown,
    MoveUp,
    PageDown,
    PageUp,
    MoveTop,
    MoveBottom,
    TogglePlanned,
    TogglePinned,
    ToggleExcluded,
    AutoFill,
    /// Plan: when the marked items (or the best ten) are done, as `flowdeck forecast`.
    Forecast,
    ClearSprint,
    CycleFilter,
    StartSearch,
    CycleSort,
    NewItem,
    EditSelected,
    DeleteSelected,
    NewMember,
    NewHoliday,
    AdjustDown,
    AdjustUp,
    ResetProjection,
    NewSprint,
    StartSprint,
    CloseSprint,
    /// History: the next or previous page of the selected sprint's snapshot.
    SnapshotDown,
    SnapshotUp,
    /// History: the next page of trend rows (when they do not all fit).
    NextTrends,
    Defer,
    ToggleOverdue,
    ToggleHighRisk,
    CycleCategory,
    Confirm,
    Cancel,
    NextField,
    PrevField,
    NextChoice,
    PrevChoice,
    /// After an edit conflict: replace the form's values with the other version.
    TakeTheirs,
    /// Open the command palette (`import …`, `export …`).
    OpenPalette,
    /// Open triage: the unestimated and unscored items one at a time.
    StartTriage,
    /// Mark or unmark the selected row for a bulk edit.
    ToggleMark,
    ClearMarks,
    /// One form that sets a field on every marked row.
    BulkEdit,
    /// Triage: leave this item unchanged and show the next.
    SkipItem,
    /// Triage: the digit pressed (the binding's own number is a placeholder; `resolve` puts
    /// the pressed digit in).
    Pick(u8),
    /// A key for the text field being edited (search line or form field).
    EditText(tui_input::InputRequest),
}

impl Action {
    pub fn name(self) -> String {
        let name = match self {
            Action::ShowTab(n) => return format!("show-tab-{}", n + 1),
            Action::Quit => "quit",
            Action::ToggleHelp => "toggle-help",
            Action::CloseOverlay => "close-overlay",
            Action::NextTab => "next-tab",
            Action::PrevTab => "prev-tab",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::MoveDown => "move-down",
            Action::MoveUp => "move-up",
            Action::PageDown => "page-down",
            Action::PageUp => "page-up",
            Action::MoveTop => "move-top",
            Action::MoveBottom => "move-bottom",
            Action::TogglePlanned => "toggle-planned",
            Action::TogglePinned => "toggle-pinned",
            Action::ToggleExcluded => "toggle-excluded",
            Action::AutoFill => "auto-fill",
            Action::Forecast => "forecast",
            Action::ClearSprint => "clear-sprint",
            Action::CycleFilter => "cycle-filter",
            Action::StartSearch => "start-search",
            Action::CycleSort => "cycle-sort",
            Action::NewItem => "new-item",
            Action::EditSelected => "edit-selected",
            Action::DeleteSelected => "delete-selected",
            Action::NewMember => "new-member",
            Action::NewHoliday => "new-holiday",
            Action::AdjustDown => "adjust-down",
            Action::AdjustUp => "adjust-up",
            Action::ResetProjection => "reset-projection",
            Action::NewSprint => "new-sprint",
            Action::StartSprint => "start-sprint",
            Action::CloseSprint => "close-sprint",
            Action::SnapshotDown => "snapshot-down",
            Action::SnapshotUp => "snapshot-up",
            Action::NextTrends => "next-trends",
            Action::Defer => "defer",
            Action::ToggleOverdue => "toggle-overdue",
            Action::ToggleHighRisk => "toggle-high-risk",
            Action::CycleCategory => "cycle-category",
            Action::Confirm => "confirm",
            Action::Cancel => "cancel",
            Action::NextField => "next-field",
            Action::PrevField => "prev-field",
            Action::NextChoice => "next-choice",
            Action::PrevChoice => "prev-choice",
            Action::TakeTheirs => "take-theirs",
            Action::OpenPalette => "open-palette",
            Action::StartTriage => "start-triage",
            Action::ToggleMark => "toggle-mark",
            Action::ClearMarks => "clear-marks",
            Action::BulkEdit => "bulk-edit",
            Action::SkipItem => "skip-item",
            Action::Pick(_) => "pick",
            Action::EditText(_) => "edit-text",
        };
        name.to_string()
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everywhere, unless an overlay takes the key first.
    Global,
    /// In lists and tables on every screen.
    Lists,
    /// On the Plan screen.
    Plan,
    /// On the Debt screen.
    Debt,
    /// On the Projection screen.
    Projection,
    /// On the History screen.
    History,
    /// On the Team & policy screen.
    Team,
    /// While typing a search.
    Search,
    /// In an item, member, holiday, sprint or policy form.
    Form,
    /// In a question (delete?) or the auto-fill preview.
    Dialog,
    /// While the help overlay is open.
    Help,
    /// While typing a command in the palette.
    Palette,
    /// In triage (`t` on Plan, or `flowdeck triage`).
    Triage,
}

impl Scope {
    pub const ALL: [Scope; 13] = [
        Scope::Global,
        Scope::Lists,
        Scope::Plan,
        Scope::Debt,
        Scope::Projection,
        Scope::History,
        Scope::Team,
        Scope::Search,
        Scope::Form,
        Scope::Dialog,
        Scope::Help,
        Scope::Palette,
        Scope::Triage,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Global",
            Scope::Lists => "Lists",
            Scope::Plan => "Plan screen",
            Scope::Debt => "Debt screen",
            Scope::Projection => "Projection screen",
            Scope::History => "History screen",
            Scope::Team => "Team & policy screen",
            Scope::Search => "Search line",
            Scope::Form => "Forms",
            Scope::Dialog => "Questions and the auto-fill preview",
            Scope::Help => "Help overlay",
            Scope::Palette => "Command palette",
            Scope::Triage => "Triage",
        }
    }
}

/// What has the keyboard: decides which scopes are consulted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// No overlay: the global and list keys, and those of `screen` (Plan, Debt, History or Team;
    /// `Lists` for a screen without keys of its own).
    Normal {
        screen: Scope,
    },
    Help,
    Dialog,
    Search,
    /// `choice` is true when the focused field is a choice (cycled, not typed).
    Form {
        choice: bool,
    },
    Palette,
    /// `typing` is true while a typed estimate is being entered (`.` and Backspace edit it).
    Triage {
        typing: bool,
    },
}

impl Mode {
    fn scopes(self) -> &'static [Scope] {
        match self {
            Mode::Normal { screen: Scope::Plan } => &[Scope::Global, Scope::Lists, Scope::Plan],
            Mode::Normal { screen: Scope::Debt } => &[Scope::Global, Scope::Lists, Scope::Debt],
            Mode::Normal { screen: Scope::Projection } => &[Scope::Global, Scope::Lists, Scope::Projection],
            Mode::Normal { screen: Scope::History } => &[Scope::Global, Scope::Lists, Scope::History],
            Mode::Normal { screen: Scope::Team } => &[Scope::Global, Scope::Lists, Scope::Team],
            Mode::Normal { .. } => &[Scope::Global, Scope::Lists],
            Mode::Help => &[Scope::Help],
            Mode::Dialog => &[Scope::Dialog],
            Mode::Search => &[Scope::Search],
            Mode::Form { .. } => &[Scope::Form],
            Mode::Palette => &[Scope::Palette],
            Mode::Triage { .. } => &[Scope::Triage],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn plain(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::NONE }
}

const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key { code: KeyCode::Char(c), modifiers: KeyModifiers::CONTROL }
}

impl Key {
    /// How the key is written in help, docs and `flowdeck keys`.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift+Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl+{}", base.to_uppercase())
        } else {
            base
        }
    }

    fn matches(&self, event: &KeyEvent) -> bool {
        // Shift is part of the character for printable keys ('G', '?'), so ignore it there.
        let relevant = event.modifiers - KeyModifiers::SHIFT;
        match (self.code, event.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) => a == b && relevant == self.modifiers,
            (KeyCode::BackTab, KeyCode::BackTab) => true,
            (a, b) => a == b && event.modifiers == self.modifiers,
        }
    }
}

pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub scope: Scope,
    pub help: &'static str,
}

const fn bind(keys: &'static [Key], action: Action, scope: Scope, help: &'static str) -> Binding {
    Binding { keys, action, scope, help }
}

use Action as A;
use KeyCode as K;
use Scope as S;

/// The keymap. Order matters only for display.
pub const KEYMAP: &[Binding] = &[
    bind(&[ch('?')], A::ToggleHelp, S::Global, "show or hide this help"),
    bind(&[ch('q'), ctrl('c')], A::Quit, S::Global, "quit (every change is already saved)"),
    bind(&[plain(K::Tab)], A::NextTab, S::Global, "next screen"),
    bind(&[plain(K::BackTab)], A::PrevTab, S::Global, "previous screen"),
    bind(&[ch('1')], A::ShowTab(0), S::Global, "Plan screen"),
    bind(&[ch('2')], A::ShowTab(1), S::Global, "Debt screen"),
    bind(&[ch('3')], A::ShowTab(2), S::Global, "Split screen"),
    bind(&[ch('4')], A::ShowTab(3), S::Global, "Projection screen"),
    bind(&[ch('5')], A::ShowTab(4), S::Global, "History screen"),
    bind(&[ch('6')], A::ShowTab(5), S::Global, "Team & policy screen"),
    bind(&[ch('u'), ctrl('z')], A::Undo, S::Global, "undo the last change, on any screen"),
    bind(&[ctrl('r'), ctrl('y')], A::Redo, S::Global, "redo what was undone"),
    bind(&[ch('j'), plain(K::Down)], A::MoveDown, S::Lists, "next row"),
    bind(&[ch('k'), plain(K::Up)], A::MoveUp, S::Lists, "previous row"),
    bind(&[plain(K::PageDown), ctrl('d')], A::PageDown, S::Lists, "one page down"),
    bind(&[plain(K::PageUp), ctrl('u')], A::PageUp, S::Lists, "one page up"),
    bind(&[plain(K::Home), ch('g')], A::MoveTop, S::Lists, "first row"),
    bind(&[plain(K::End), ch('G')], A::MoveBottom, S::Lists, "last row"),
    bind(&[ch(' ')], A::TogglePlanned, S::Plan, "add to the sprint or take out; moves to the next row"),
    bind(&[ch('p')], A::TogglePinned, S::Plan, "pin: puts it in the sprint and keeps it there"),
    bind(&[ch('x')], A::ToggleExcluded, S::Plan, "exclude: auto-fill never picks it"),
    bind(&[ch('a')], A::AutoFill, S::Plan, "auto-fill: preview the best sprint under the policy"),
    bind(&[ch('F')], A::Forecast, S::Plan, "forecast: when the marked (or top ten) are done"),
    bind(&[ch('C')], A::ClearSprint, S::Plan, "clear the sprint (pinned items stay; asks first)"),
    bind(&[ch('f')], A::CycleFilter, S::Plan, "filter: all, in sprint, feature, defect, risk, debt"),
    bind(&[ch('/')], A::StartSearch, S::Plan, "search keys and titles as you type"),
    bind(&[ch('s')], A::CycleSort, S::Plan, "sort by score, estimate, age or key"),
    bind(&[plain(K::Esc)], A::Cancel, S::Plan, "clear a search kept with Enter"),
    bind(&[ch('n')], A::NewItem, S::Plan, "new item"),
    bind(&[ch('e'), plain(K::Enter)], A::EditSelected, S::Plan, "edit the item"),
    bind(&[ch('D'), plain(K::Delete)], A::DeleteSelected, S::Plan, "delete the item (asks first)"),
    bind(&[ch('t')], A::StartTriage, S::Plan, "triage: estimate and score unestimated items"),
    bind(&[ch('v')], A::ToggleMark, S::Plan, "mark or unmark the row (●) for a bulk edit"),
    bind(&[ch('V')], A::ClearMarks, S::Plan, "unmark every row"),
    bind(&[ch('b')], A::BulkEdit, S::Plan, "bulk edit the marked rows: kind, score, exclude, tag"),
    bind(&[ch(' ')], A::TogglePlanned, S::Debt, "plan the debt into the sprint, or take it out"),
    bind(&[ch('d')], A::Defer, S::Debt, "defer: log why it waits (required if high-risk)"),
    bind(&[ch('o')], A::ToggleOverdue, S::Debt, "only overdue debts, or all again"),
    bind(&[ch('r')], A::ToggleHighRisk, S::Debt, "only high-risk debts, or all again"),
    bind(&[ch('c')], A::CycleCategory, S::Debt, "category: all, strategic, tactical, accidental"),
    bind(&[ch('s')], A::CycleSort, S::Debt, "cycle the sort (payback, interest, drag, … trigger)"),
    bind(&[ch('n')], A::NewItem, S::Debt, "record a new debt"),
    bind(&[ch('e'), plain(K::Enter)], A::EditSelected, S::Debt, "edit the debt: register fields and agreement"),
    bind(&[plain(K::Left), ch('-')], A::AdjustDown, S::Projection, "lower the selected parameter (j/k select)"),
    bind(&[plain(K::Right), ch('+')], A::AdjustUp, S::Projection, "raise the selected parameter"),
    bind(&[ch('r')], A::ResetProjection, S::Projection, "reset the parameters to the calibrated ones"),
    bind(&[ch('n')], A::NewSprint, S::History, "create the next sprint, in planning"),
    bind(&[ch('N')], A::NewSprint, S::Plan, "create the next sprint (as n on History)"),
    bind(&[ch('N')], A::NewSprint, S::Projection, "create the next sprint (as n on History)"),
    bind(&[ch('S')], A::StartSprint, S::History, "start the sprint: its plan becomes the commitment"),
    bind(&[ch('C')], A::CloseSprint, S::History, "close the running sprint: record what happened"),
    bind(&[ch(']')], A::SnapshotDown, S::History, "the sprint's snapshot: next page of items"),
    bind(&[ch('[')], A::SnapshotUp, S::History, "the sprint's snapshot: previous page of items"),
    bind(&[ch('t')], A::NextTrends, S::History, "trends: the next page of trend rows, round"),
    bind(&[ch('e'), plain(K::Enter)], A::EditSelected, S::Team, "edit the row: member, holiday, sprint or policy"),
    bind(&[ch('n')], A::NewMember, S::Team, "add a member"),
    bind(&[ch('h')], A::NewHoliday, S::Team, "add a holiday"),
    bind(&[ch('D'), plain(K::Delete)], A::DeleteSelected, S::Team, "remove the member or holiday (asks first)"),
    bind(&[plain(K::Enter)], A::Confirm, S::Search, "keep the search and go back to the list"),
    bind(&[plain(K::Esc)], A::Cancel, S::Search, "clear the search"),
    bind(&[plain(K::Down)], A::MoveDown, S::Search, "next row"),
    bind(&[plain(K::Up)], A::MoveUp, S::Search, "previous row"),
    bind(&[plain(K::Tab), plain(K::Down)], A::NextField, S::Form, "next field"),
    bind(&[plain(K::BackTab), plain(K::Up)], A::PrevField, S::Form, "previous field"),
    bind(&[plain(K::Right), ch(' ')], A::NextChoice, S::Form, "next choice (choice fields)"),
    bind(&[plain(K::Left)], A::PrevChoice, S::Form, "previous choice (choice fields)"),
    bind(&[plain(K::Enter), ctrl('s')], A::Confirm, S::Form, "save (when every field is valid)"),
    bind(&[plain(K::Esc)], A::Cancel, S::Form, "close without saving"),
    bind(&[ctrl('t')], A::TakeTheirs, S::Form, "conflict: take the other version (Enter keeps yours)"),
    bind(&[ch('y'), plain(K::Enter)], A::Confirm, S::Dialog, "yes / accept"),
    bind(&[ch('n'), plain(K::Esc)], A::Cancel, S::Dialog, "no / reject"),
    bind(&[ch('j'), plain(K::Down)], A::MoveDown, S::Dialog, "scroll the preview down"),
    bind(&[ch('k'), plain(K::Up)], A::MoveUp, S::Dialog, "scroll the preview up"),
    bind(&[plain(K::Esc), ch('?'), ch('q')], A::CloseOverlay, S::Help, "close the help"),
    bind(&[ch('j'), plain(K::Down)], A::MoveDown, S::Help, "scroll the help down"),
    bind(&[ch('k'), plain(K::Up)], A::MoveUp, S::Help, "scroll the help up"),
    // The command palette (import and export from the TUI).
    bind(&[ch(':')], A::OpenPalette, S::Global, "command palette: import FILE, export FILE"),
    bind(&[plain(K::Enter)], A::Confirm, S::Palette, "run the command (the status line tells the result)"),
    bind(&[plain(K::Esc)], A::Cancel, S::Palette, "close without running"),
    bind(DIGITS, A::Pick(0), S::Triage, "set the row: scale step (estimate) or score 1–5"),
    bind(&[plain(K::Tab), plain(K::Down)], A::NextField, S::Triage, "next row (estimate, impact, risk, time to value)"),
    bind(&[plain(K::BackTab), plain(K::Up)], A::PrevField, S::Triage, "previous row"),
    bind(&[plain(K::Enter)], A::Confirm, S::Triage, "save the item (one change set) and show the next"),
    bind(&[ch('s')], A::SkipItem, S::Triage, "skip: the next item, this one unchanged"),
    bind(&[ch('u'), ctrl('z')], A::Undo, S::Triage, "undo the last save and go back to that item"),
    bind(&[plain(K::Esc)], A::Cancel, S::Triage, "leave triage"),
];

/// The digit keys, in order (help shows them as one range).
const DIGITS: &[Key] = &[ch('0'), ch('1'), ch('2'), ch('3'), ch('4'), ch('5'), ch('6'), ch('7'), ch('8'), ch('9')];

/// Resolves a key press to an action in `mode`. Text fields get the keys no binding claims;
/// Ctrl+C quits from anywhere.
pub fn resolve(event: &KeyEvent, mode: Mode) -> Option<Action> {
    let found = KEYMAP
        .iter()
        .filter(|b| mode.scopes().contains(&b.scope))
        // In a text field the arrows and Space edit the text; only choice fields cycle.
        .filter(|b| !(mode == Mode::Form { choice: false } && matches!(b.action, A::NextChoice | A::PrevChoice)))
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| match (b.action, event.code) {
            (A::Pick(_), KeyCode::Char(c)) => A::Pick(c.to_digit(10).map_or(0, |d| d as u8)),
            (action, _) => action,
        });
    if found.is_some() {
        return found;
    }
    if ctrl('c').matches(event) {
        return Some(Action::Quit);
    }
    match mode {
        Mode::Search | Mode::Palette | Mode::Form { choice: false } | Mode::Triage { typing: true } => {
            text_request(event).map(Action::EditText)
        }
        _ => None,
    }
}

fn text_request(event: &KeyEvent) -> Option<tui_input::InputRequest> {
    tui_input::backend::crossterm::to_input_request(&ratatui::crossterm::event::Event::Key(*event))
}

/// The first key bound to `action` in `scope`, from the keymap (hints and on-screen cues
/// name keys through it, so they follow the table).
pub fn key_for(action: Action, scope: Scope) -> String {
    KEYMAP
        .iter()
        .find(|b| b.action == action && b.scope == scope)
        .and_then(|b| b.keys.first())
        .map_or_else(String::new, |k| k.label())
}

/// "j, ↓" — the keys of a binding as one label.
pub fn keys_label(binding: &Binding) -> String {
    if binding.keys == DIGITS {
        return "0–9".to_string();
    }
    binding.keys.iter().map(Key::label).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn mode_of(scope: Scope) -> Mode {
        match scope {
            Scope::Global | Scope::Lists | Scope::Plan => Mode::Normal { screen: Scope::Plan },
            Scope::Debt => Mode::Normal { screen: Scope::Debt },
            Scope::Projection => Mode::Normal { screen: Scope::Projection },
            Scope::History => Mode::Normal { screen: Scope::History },
            Scope::Team => Mode::Normal { screen: Scope::Team },
            Scope::Search => Mode::Search,
            Scope::Form => Mode::Form { choice: true },
            Scope::Dialog => Mode::Dialog,
            Scope::Help => Mode::Help,
            Scope::Palette => Mode::Palette,
            Scope::Triage => Mode::Triage { typing: false },
        }
    }

    #[test]
    fn every_binding_resolves_to_its_own_action() {
        for b in KEYMAP {
            for key in b.keys {
                let got = resolve(&press(key.code, key.modifiers), mode_of(b.scope));
                // A digit binding hands on the digit pressed, so compare by name there.
                assert_eq!(got.map(Action::name), Some(b.action.name()), "{} ({})", key.label(), b.help);
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        let modes = [
            Mode::Normal { screen: Scope::Plan },
            Mode::Normal { screen: Scope::Debt },
            Mode::Normal { screen: Scope::Projection },
            Mode::Normal { screen: Scope::History },
            Mode::Normal { screen: Scope::Team },
            Mode::Search,
            Mode::Form { choice: true },
            Mode::Dialog,
            Mode::Help,
            Mode::Palette,
            Mode::Triage { typing: false },
        ];
        for (i, a) in KEYMAP.iter().enumerate() {
            for b in &KEYMAP[i + 1..] {
                let shared = modes.iter().any(|m| m.scopes().contains(&a.scope) && m.scopes().contains(&b.scope));
                if shared {
                    for k in a.keys {
                        assert!(!b.keys.contains(k), "{} bound to both '{}' and '{}'", k.label(), a.help, b.help);
                    }
                }
            }
        }
    }

    #[test]
    fn digits_in_triage_carry_the_digit_pressed() {
        let triage = Mode::Triage { typing: true };
        assert_eq!(resolve(&press(KeyCode::Char('5'), KeyModifiers::NONE), triage), Some(Action::Pick(5)));
        assert_eq!(resolve(&press(KeyCode::Char('0'), KeyModifiers::NONE), triage), Some(Action::Pick(0)));
        let dot = resolve(&press(KeyCode::Char('.'), KeyModifiers::NONE), triage);
        assert_eq!(
            dot,
            Some(Action::EditText(tui_input::InputRequest::InsertChar('.'))),
            "typed estimates take halves"
        );
        assert_eq!(resolve(&press(KeyCode::Char('.'), KeyModifiers::NONE), Mode::Triage { typing: false }), None);
    }

    #[test]
    fn shifted_characters_match() {
        let normal = Mode::Normal { screen: Scope::Plan };
        assert_eq!(resolve(&press(KeyCode::Char('G'), KeyModifiers::SHIFT), normal), Some(Action::MoveBottom));
        assert_eq!(resolve(&press(KeyCode::Char('?'), KeyModifiers::SHIFT), normal), Some(Action::ToggleHelp));
    }

    #[test]
    fn help_swallows_other_keys_but_ctrl_c_still_quits() {
        assert_eq!(resolve(&press(KeyCode::Char('2'), KeyModifiers::NONE), Mode::Help), None);
        assert_eq!(resolve(&press(KeyCode::Char('c'), KeyModifiers::CONTROL), Mode::Help), Some(Action::Quit));
    }

    #[test]
    fn text_fields_get_letters_and_arrows_but_choice_fields_cycle() {
        use tui_input::InputRequest;
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(resolve(&q, Mode::Search), Some(Action::EditText(InputRequest::InsertChar('q'))));
        let left = press(KeyCode::Left, KeyModifiers::NONE);
        assert_eq!(resolve(&left, Mode::Form { choice: false }), Some(Action::EditText(InputRequest::GoToPrevChar)));
        assert_eq!(resolve(&left, Mode::Form { choice: true }), Some(Action::PrevChoice));
        assert_eq!(resolve(&press(KeyCode::Char('x'), KeyModifiers::NONE), Mode::Dialog), None);
    }
}
