//! Colours and text styles. With NO_COLOR, every cue that matters is carried by
//! a marker or a modifier (reverse, bold, underline), never by colour alone.

use ratatui::style::{Color, Modifier, Style};

use crate::config::Theme;
use crate::domain::Kind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub color: bool,
    pub theme: Theme,
}

impl Palette {
    /// `Theme::Auto` is decided here, from the terminal's `COLORFGBG`.
    pub fn new(theme: Theme, no_color: bool) -> Palette {
        let theme = theme.resolve(std::env::var("COLORFGBG").ok().as_deref());
        Palette { color: !no_color, theme }
    }

    /// `NO_COLOR` set to anything non-empty turns colour off (https://no-color.org).
    pub fn no_color_from_env() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::default().fg(color)
        } else {
            Style::default()
        }
    }

    fn accent(&self) -> Color {
        match self.theme {
            Theme::Dark | Theme::Auto => Color::Cyan,
            Theme::Light => Color::Blue,
        }
    }

    pub fn title(&self) -> Style {
        self.fg(self.accent()).add_modifier(Modifier::BOLD)
    }

    pub fn header(&self) -> Style {
        self.fg(self.accent()).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// The selected row: reversed, which reads the same with or without colour.
    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn warn(&self) -> Style {
        self.fg(match self.theme {
            Theme::Dark | Theme::Auto => Color::Yellow,
            Theme::Light => Color::Red,
        })
        .add_modifier(Modifier::BOLD)
    }

    /// Within bounds: green, and bold so it still stands out without colour.
    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// Hints and quoted titles: dimmed in the terminal's own foreground. ANSI grey (7) vanishes on
    /// light terminals and bright black (8) is Solarized's background, so no fixed grey is used.
    pub fn muted(&self) -> Style {
        Style::default().add_modifier(Modifier::DIM)
    }

    pub fn tab_active(&self) -> Style {
        self.title().add_modifier(Modifier::REVERSED)
    }

    /// Reverse video: the terminal's own two colours swapped, so the bar and its key hints read
    /// on dark, light and Solarized backgrounds alike (a grey bar is the background on some).
    pub fn status_bar(&self) -> Style {
        // The terminal's own colours swapped: readable on any background (see `muted`).
        Style::default().add_modifier(Modifier::REVERSED)
    }

    /// The n-th line of a chart (scenarios). Without colour, charts tell lines apart by their
    /// markers instead (see the Projection screen).
    pub fn series(&self, n: usize) -> Style {
        const COLOURS: [Color; 6] = [Color::Red, Color::Blue, Color::Green, Color::Magenta, Color::Yellow, Color::Cyan];
        self.fg(COLOURS[n % COLOURS.len()])
    }

    pub fn kind(&self, kind: Kind) -> Style {
        self.fg(match kind {
            Kind::Feature => Color::Green,
            Kind::Defect => Color::Red,
            Kind::Risk => Color::Magenta,
            Kind::Debt => Color::Yellow,
        })
    }
}
