//! The Projection screen: keys adjust the what-if share, horizon, α and ρ and the chart and
//! figures follow; r resets; the screen names where every input came from.

mod common;

use flowdeck::config::Theme;
use flowdeck::service::demo::demo_workspace;
use flowdeck::tui::app::App;
use flowdeck::tui::keymap::Action;
use flowdeck::tui::theme::Palette;
use flowdeck::tui::update::update;
use flowdeck::tui::view;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn app() -> App {
    let ws = demo_workspace(common::today()).expect("demo loads");
    let mut app = App::new(ws, common::today(), "demo.sqlite".into(), Palette::new(Theme::Dark, false));
    update(&mut app, Action::ShowTab(3));
    app
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| view::render(f, app)).expect("draw");
    terminal.backend().to_string()
}

fn totals(app: &App) -> Vec<(String, f64)> {
    let p = app.projection.result.as_ref().expect("a projection");
    p.scenarios.iter().map(|s| (s.label.clone(), s.path.total())).collect()
}

#[test]
fn keys_move_the_what_if_share_horizon_alpha_and_rho_and_r_resets() {
    let mut app = app();
    let before = totals(&app);
    assert!(before.iter().any(|(l, _)| l == "20% (plan)"), "{before:?}");
    update(&mut app, Action::AdjustUp);
    let after = totals(&app);
    assert!(after.iter().any(|(l, _)| l == "25% (what-if)"), "{after:?}");
    // The what-if stands beside the plan, never in its place.
    assert!(after.iter().any(|(l, _)| l == "20% (plan)"), "{after:?}");
    let text = screen(&app, 120, 40);
    assert!(text.contains("Your plan (20%) gives ") && text.contains("; the what-if 25% gives "), "{text}");
    assert_eq!(app.status.as_deref(), Some("what-if share 25%: the chart follows (r resets)."));

    // j: the horizon; → lengthens it by two sprints.
    update(&mut app, Action::MoveDown);
    update(&mut app, Action::AdjustUp);
    let p = app.projection.result.as_ref().expect("projection");
    assert_eq!(p.calibration.params.horizon, 28);
    assert!(p.scenarios.iter().all(|s| s.path.cumulative.len() == 28));

    // α down to 0: health can only grow, so 50% ends healthier than 10%.
    update(&mut app, Action::MoveDown);
    for _ in 0..10 {
        update(&mut app, Action::AdjustDown);
    }
    let p = app.projection.result.as_ref().expect("projection");
    assert_eq!(p.calibration.params.alpha, 0.0);
    let end = |share: f64| p.scenarios.iter().find(|s| (s.path.share - share).abs() < 1e-9).map(|s| s.path.end_health);
    assert!(end(0.5) > end(0.1));

    // ρ up one step.
    update(&mut app, Action::MoveDown);
    let rho = app.projection.result.as_ref().map(|p| p.calibration.params.rho).unwrap_or_default();
    update(&mut app, Action::AdjustUp);
    let raised = app.projection.result.as_ref().map(|p| p.calibration.params.rho).unwrap_or_default();
    assert!((raised - rho - 0.01).abs() < 0.0011, "{rho} → {raised}");
    let text = screen(&app, 120, 40);
    assert!(text.contains("(set)"), "hand-set values are marked: {text}");

    update(&mut app, Action::ResetProjection);
    assert_eq!(totals(&app), before, "r brings back the calibrated projection");
}

#[test]
fn the_screen_shows_the_chart_the_answer_and_the_inputs_at_both_sizes() {
    let app = app();
    for (w, h) in [(80, 24), (120, 40)] {
        let text = screen(&app, w, h);
        assert!(text.contains("Feature output so far"), "{text}");
        assert!(text.contains("Best share: 40%"), "{text}");
        assert!(text.contains("▶ what-if share 20%"), "{text}");
        assert!(text.contains("from 15"), "30% overtakes 10% at sprint 15: {text}");
    }
    let wide = screen(&app, 120, 40);
    assert!(wide.contains("invested = drag 8.2 ÷"), "ρ names the register: {wide}");
    assert!(wide.contains("10,000 Monte Carlo trials"), "{wide}");
}

#[test]
fn without_colour_each_share_has_its_own_mark_and_the_panel_is_the_legend_at_80x24() {
    let ws = demo_workspace(common::today()).expect("demo loads");
    let mut app = App::new(ws, common::today(), "demo.sqlite".into(), Palette::new(Theme::Dark, true));
    update(&mut app, Action::ShowTab(3));
    let text = screen(&app, 80, 24);
    let marks: Vec<char> = text
        .lines()
        .filter(|l| l.contains("% ") && (l.contains(" from ") || l.contains(" — ") || l.contains(" never")))
        .filter_map(|l| l.split('│').nth(4).and_then(|panel| panel.chars().next()))
        .collect();
    assert!(marks.len() >= 4, "a row per share in the panel: {marks:?}\n{text}");
    assert!(marks.iter().all(|c| !c.is_alphanumeric()), "each row starts with its line's mark: {marks:?}\n{text}");
    let distinct: std::collections::BTreeSet<char> = marks.iter().copied().collect();
    assert!(distinct.len() >= 4, "each line its own mark: {marks:?}\n{text}");
    assert!(text.contains("Your plan (20%) gives 435 points"), "the answer at 80×24:\n{text}");
}
