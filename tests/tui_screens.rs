//! Screens drawn with ratatui's TestBackend: snapshots at the two reference sizes, the help
//! overlay, the too-small notice, NO_COLOR cues, and no panic at any size.

mod common;

use flowdeck::config::Theme;
use flowdeck::domain::change::ChangeSet;
use flowdeck::domain::Kind;
use flowdeck::service::demo::demo_workspace;
use flowdeck::tui::app::{App, Overlay, Tab};
use flowdeck::tui::keymap::Action;
use flowdeck::tui::theme::Palette;
use flowdeck::tui::update::update;
use flowdeck::tui::view;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;

fn demo_app(no_color: bool) -> App {
    let ws = demo_workspace(common::today()).expect("demo loads");
    App::new(ws, common::today(), "demo.sqlite".into(), Palette::new(Theme::Dark, no_color))
}

fn draw(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| view::render(f, app)).expect("draw");
    terminal.backend().buffer().clone()
}

fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| (0..area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_screen_at_80x24_and_120x40() {
    for (w, h) in [(80, 24), (120, 40)] {
        for tab in Tab::ALL {
            let mut app = demo_app(false);
            // As the key does: the screen's figures are computed when it comes to the front.
            update(&mut app, Action::ShowTab(tab.index()));
            let name = format!("{}_{w}x{h}", tab.title().to_lowercase().replace(" & ", "_"));
            insta::assert_snapshot!(name, text(&draw(&app, w, h)));
        }
    }
}

#[test]
fn help_overlay_lists_the_whole_keymap_scrolling_at_80x24() {
    let mut app = demo_app(false);
    update(&mut app, Action::ToggleHelp);
    let first = text(&draw(&app, 80, 24));
    insta::assert_snapshot!("help_80x24", first);
    let mut seen = first;
    for _ in 0..flowdeck::tui::keymap::KEYMAP.len() {
        update(&mut app, Action::MoveDown);
        seen.push_str(&text(&draw(&app, 80, 24)));
    }
    for binding in flowdeck::tui::keymap::KEYMAP {
        assert!(seen.contains(binding.help), "help misses '{}'", binding.help);
    }
}

#[test]
fn a_small_terminal_gets_a_notice_instead_of_a_broken_screen() {
    let app = demo_app(false);
    let screen = text(&draw(&app, 79, 24));
    assert!(screen.contains("Terminal too small"), "{screen}");
    assert!(screen.contains("79×24"), "{screen}");
    assert!(text(&draw(&app, 80, 23)).contains("too small"));
    assert!(!text(&draw(&app, 80, 24)).contains("too small"));
}

fn overlay_for(app: &App, tab: Tab) -> Option<Overlay> {
    let debt = app.workspace.items.iter().find(|i| i.debt.is_some());
    match tab {
        Tab::Plan => Some(Overlay::Help { scroll: 0 }),
        Tab::Debt => Some(Overlay::Form(flowdeck::tui::forms::item::form(debt, Kind::Debt, &app.workspace))),
        Tab::Split => Some(Overlay::Confirm {
            question: "Delete PAY-1 “a long title”?".into(),
            set: ChangeSet::new("x", vec![]),
        }),
        Tab::Projection => Some(Overlay::Proposal {
            lines: vec!["Auto-fill for Sprint 48: 14 items".into(); 40],
            set: ChangeSet::new("auto-fill (3 in, 1 out)", vec![]),
            scroll: 3,
        }),
        Tab::History => {
            Some(Overlay::Form(flowdeck::tui::forms::sprint::new_sprint_form(&app.workspace, common::today())))
        }
        Tab::Team => Some(Overlay::Form(flowdeck::tui::forms::team::policy_form(&app.workspace))),
    }
}

#[test]
fn every_screen_renders_at_every_size_without_panic() {
    let mut app = demo_app(false);
    for tab in Tab::ALL {
        update(&mut app, Action::ShowTab(tab.index()));
        // Each tab carries a different overlay, so every overlay meets every size too.
        app.overlay = overlay_for(&app, tab);
        app.selected = [usize::MAX / 2; 6]; // a selection far past the end must be clamped
        for width in 1..=200 {
            for height in 1..=60 {
                draw(&app, width, height);
            }
        }
    }
}

#[test]
fn no_color_keeps_a_visible_selection_cue_without_colours() {
    let app = demo_app(true);
    for tab in Tab::ALL {
        let mut app = demo_app(true);
        update(&mut app, Action::ShowTab(tab.index()));
        let buffer = draw(&app, 120, 40);
        for cell in buffer.content() {
            assert!(
                matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
                "{tab:?}: a coloured cell '{}' under NO_COLOR",
                cell.symbol()
            );
        }
    }
    let buffer = draw(&app, 120, 40);
    let marker =
        buffer.content().iter().position(|c| c.symbol() == "▶").expect("a selection marker on the Plan screen");
    assert!(buffer.content()[marker].modifier.contains(Modifier::REVERSED), "the selected row is reversed");
}

#[test]
fn with_colour_kinds_are_coloured() {
    let app = demo_app(false);
    let buffer = draw(&app, 120, 40);
    let coloured = buffer.content().iter().filter(|c| c.fg == Color::Green && c.symbol() == "f").count();
    assert!(coloured > 0, "feature kind labels are green");
}

#[test]
fn moving_the_selection_follows_keys_and_stays_in_bounds() {
    let mut app = demo_app(false);
    update(&mut app, Action::MoveDown);
    update(&mut app, Action::MoveDown);
    assert_eq!(app.selected(), 2);
    update(&mut app, Action::MoveBottom);
    let last = app.selected();
    update(&mut app, Action::MoveDown);
    assert_eq!(app.selected(), last, "cannot move past the end");
    update(&mut app, Action::PageUp);
    assert_eq!(app.selected(), last.saturating_sub(app.page_rows));
    update(&mut app, Action::MoveTop);
    assert_eq!(app.selected(), 0);
    update(&mut app, Action::MoveUp);
    assert_eq!(app.selected(), 0);
}

#[test]
fn tabs_switch_by_number_and_cycle_both_ways() {
    let mut app = demo_app(false);
    update(&mut app, Action::ShowTab(4));
    assert_eq!(app.tab, Tab::History);
    update(&mut app, Action::NextTab);
    update(&mut app, Action::NextTab);
    assert_eq!(app.tab, Tab::Plan);
    update(&mut app, Action::PrevTab);
    assert_eq!(app.tab, Tab::Team);
    assert!(text(&draw(&app, 120, 40)).contains("Capacity split targets"));
}

#[test]
fn planning_overlays_at_80x24_and_120x40() {
    for (w, h) in [(80, 24), (120, 40)] {
        // The auto-fill preview, straight from the keys.
        let mut app = demo_app(false);
        update(&mut app, Action::AutoFill);
        let screen = text(&draw(&app, w, h));
        assert!(screen.contains("Auto-fill proposal"), "{screen}");
        insta::assert_snapshot!(format!("autofill_preview_{w}x{h}"), screen);

        // The item form of a debt item shows the register fields.
        let mut app = demo_app(false);
        let debt = app.workspace.open_debts().next().map(|i| i.id).expect("a debt");
        let at = app.plan.position_of(debt).expect("debt is a candidate");
        app.selected[Tab::Plan.index()] = at;
        update(&mut app, Action::EditSelected);
        insta::assert_snapshot!(format!("item_form_debt_{w}x{h}"), text(&draw(&app, w, h)));

        // The policy form on the Team & policy screen.
        let mut app = demo_app(false);
        app.tab = Tab::Team;
        update(&mut app, Action::MoveBottom);
        update(&mut app, Action::EditSelected);
        insta::assert_snapshot!(format!("policy_form_{w}x{h}"), text(&draw(&app, w, h)));
    }
}

#[test]
fn debt_screen_filtered_with_the_defer_form_at_80x24_and_120x40() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app(false);
        for action in [Action::ShowTab(1), Action::ToggleOverdue, Action::ToggleHighRisk, Action::MoveBottom] {
            update(&mut app, action);
        }
        let screen = text(&draw(&app, w, h));
        assert!(screen.contains("Register 2 of 15 · overdue, high-risk · by payback"), "{screen}");
        assert!(screen.contains("Deferring needs a written rationale: it is high-risk (security) debt"), "{screen}");
        insta::assert_snapshot!(format!("debt_overdue_high_risk_{w}x{h}"), screen);
        update(&mut app, Action::Defer);
        let screen = text(&draw(&app, w, h));
        assert!(screen.contains("Defer PAY-1033 (rationale required)"), "{screen}");
        insta::assert_snapshot!(format!("defer_form_{w}x{h}"), screen);
    }
}

#[test]
fn gauges_mark_out_of_band_kinds_in_words_and_colour() {
    let app = demo_app(false);
    let buffer = draw(&app, 120, 40);
    let screen = text(&buffer);
    // The demo's sprint holds only features and risk so far: feature above, debt below.
    let gauge_line = screen.lines().find(|l| l.starts_with("feature")).expect("a gauge line");
    assert!(gauge_line.contains("▲") && gauge_line.contains("▼"), "{gauge_line}");
    let warned = buffer.content().iter().any(|c| c.symbol() == "▲" && c.fg == Color::Yellow);
    assert!(warned, "an out-of-band gauge is drawn in the warning colour");
}

#[test]
fn a_long_status_message_ends_in_an_ellipsis_with_a_gap_before_the_hints() {
    let mut app = demo_app(true);
    app.status = Some(format!("Imported {}: 7 items created", "/a/very/long/path/".repeat(6)));
    let screen = text(&draw(&app, 80, 24));
    let last = screen.lines().last().expect("a status line");
    assert!(last.ends_with("? help"), "{last}");
    let before_hints = last.trim_end_matches("? help");
    assert!(before_hints.ends_with("…  "), "cut with an ellipsis and two spaces of gap: {last:?}");
}

#[test]
fn hints_and_the_status_bar_use_no_fixed_grey() {
    // ANSI 7 and 8 vanish on light and Solarized terminals: dim and reverse read on any.
    let app = demo_app(false);
    let buffer = draw(&app, 120, 40);
    for cell in buffer.content() {
        assert!(!matches!(cell.fg, Color::Gray | Color::DarkGray), "grey text at {:?}", cell.symbol());
        assert!(!matches!(cell.bg, Color::Gray | Color::DarkGray), "grey background at {:?}", cell.symbol());
    }
    let status = &buffer[(1, 39)];
    assert!(status.modifier.contains(Modifier::REVERSED), "the status bar is reverse video");
}
