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
    MoveDown,
    MoveUp,
    PageDown,
    PageUp,
    MoveTop,
    MoveBottom,
}

impl Action {
    pub fn name(self) -> String {
        match self {
            Action::Quit => "quit".into(),
            Action::ToggleHelp => "toggle-help".into(),
            Action::CloseOverlay => "close-overlay".into(),
            Action::NextTab => "next-tab".into(),
            Action::PrevTab => "prev-tab".into(),
            Action::ShowTab(n) => format!("show-tab-{}", n + 1),
            Action::MoveDown => "move-down".into(),
            Action::MoveUp => "move-up".into(),
            Action::PageDown => "page-down".into(),
            Action::PageUp => "page-up".into(),
            Action::MoveTop => "move-top".into(),
            Action::MoveBottom => "move-bottom".into(),
        }
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everywhere, unless an overlay takes the key first.
    Global,
    /// In lists and tables on every screen.
    Lists,
    /// While the help overlay is open.
    Help,
}

impl Scope {
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Global",
            Scope::Lists => "Lists",
            Scope::Help => "Help overlay",
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

/// The keymap. Order matters only for display.
pub const KEYMAP: &[Binding] = &[
    Binding { keys: &[ch('?')], action: Action::ToggleHelp, scope: Scope::Global, help: "show or hide this help" },
    Binding { keys: &[ch('q'), ctrl('c')], action: Action::Quit, scope: Scope::Global, help: "quit" },
    Binding { keys: &[plain(KeyCode::Tab)], action: Action::NextTab, scope: Scope::Global, help: "next screen" },
    Binding {
        keys: &[plain(KeyCode::BackTab)],
        action: Action::PrevTab,
        scope: Scope::Global,
        help: "previous screen",
    },
    Binding { keys: &[ch('1')], action: Action::ShowTab(0), scope: Scope::Global, help: "Plan screen" },
    Binding { keys: &[ch('2')], action: Action::ShowTab(1), scope: Scope::Global, help: "Debt screen" },
    Binding { keys: &[ch('3')], action: Action::ShowTab(2), scope: Scope::Global, help: "Split screen" },
    Binding { keys: &[ch('4')], action: Action::ShowTab(3), scope: Scope::Global, help: "Projection screen" },
    Binding { keys: &[ch('5')], action: Action::ShowTab(4), scope: Scope::Global, help: "History screen" },
    Binding { keys: &[ch('6')], action: Action::ShowTab(5), scope: Scope::Global, help: "Team & policy screen" },
    Binding { keys: &[ch('j'), plain(KeyCode::Down)], action: Action::MoveDown, scope: Scope::Lists, help: "next row" },
    Binding { keys: &[ch('k'), plain(KeyCode::Up)], action: Action::MoveUp, scope: Scope::Lists, help: "previous row" },
    Binding {
        keys: &[plain(KeyCode::PageDown), ctrl('d')],
        action: Action::PageDown,
        scope: Scope::Lists,
        help: "one page down",
    },
    Binding {
        keys: &[plain(KeyCode::PageUp), ctrl('u')],
        action: Action::PageUp,
        scope: Scope::Lists,
        help: "one page up",
    },
    Binding { keys: &[plain(KeyCode::Home), ch('g')], action: Action::MoveTop, scope: Scope::Lists, help: "first row" },
    Binding {
        keys: &[plain(KeyCode::End), ch('G')],
        action: Action::MoveBottom,
        scope: Scope::Lists,
        help: "last row",
    },
    Binding {
        keys: &[plain(KeyCode::Esc), ch('?'), ch('q')],
        action: Action::CloseOverlay,
        scope: Scope::Help,
        help: "close the help",
    },
];

/// Resolves a key press to an action. With the help open, only its own keys (and Ctrl+C) work.
pub fn resolve(event: &KeyEvent, help_open: bool) -> Option<Action> {
    let scopes: &[Scope] = if help_open { &[Scope::Help] } else { &[Scope::Global, Scope::Lists] };
    let found = KEYMAP
        .iter()
        .filter(|b| scopes.contains(&b.scope))
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| b.action);
    if found.is_none() && help_open && ctrl('c').matches(event) {
        return Some(Action::Quit);
    }
    found
}

/// "j, ↓" — the keys of a binding as one label.
pub fn keys_label(binding: &Binding) -> String {
    binding.keys.iter().map(Key::label).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn every_binding_resolves_to_its_own_action() {
        for b in KEYMAP {
            for key in b.keys {
                let got = resolve(&press(key.code, key.modifiers), b.scope == Scope::Help);
                assert_eq!(got, Some(b.action), "{} ({})", key.label(), b.help);
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in KEYMAP.iter().enumerate() {
            for b in &KEYMAP[i + 1..] {
                let same_context = a.scope == b.scope || (a.scope != Scope::Help && b.scope != Scope::Help);
                if same_context {
                    for k in a.keys {
                        assert!(!b.keys.contains(k), "{} bound to both '{}' and '{}'", k.label(), a.help, b.help);
                    }
                }
            }
        }
    }

    #[test]
    fn shifted_characters_match() {
        assert_eq!(resolve(&press(KeyCode::Char('G'), KeyModifiers::SHIFT), false), Some(Action::MoveBottom));
        assert_eq!(resolve(&press(KeyCode::Char('?'), KeyModifiers::SHIFT), false), Some(Action::ToggleHelp));
    }

    #[test]
    fn help_swallows_other_keys_but_ctrl_c_still_quits() {
        assert_eq!(resolve(&press(KeyCode::Char('2'), KeyModifiers::NONE), true), None);
        assert_eq!(resolve(&press(KeyCode::Char('c'), KeyModifiers::CONTROL), true), Some(Action::Quit));
    }
}
