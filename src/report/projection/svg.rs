//! The projection as an SVG chart for a stakeholder deck (plotters' SVG backend, into a
//! string): cumulative feature output per scenario, P10–P90 bands, crossover markers, the best
//! share and the model's inputs.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::report::numbers::points;
use crate::service::projection::Projection;

use super::{answer_sentence, best_sentence, crossover_sentence, CAVEAT};

const WIDTH: u32 = 1100;
const HEIGHT: u32 = 700;

/// Distinct, colour-blind-friendly line colours (Okabe–Ito).
const COLOURS: [RGBColor; 8] = [
    RGBColor(213, 94, 0),
    RGBColor(0, 114, 178),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(120, 120, 120),
    RGBColor(0, 0, 0),
];

fn colour(i: usize) -> RGBColor {
    COLOURS[i % COLOURS.len()]
}

/// The chart as an SVG document.
pub fn to_svg(p: &Projection) -> Result<String, String> {
    let mut svg = String::new();
    draw(p, &mut svg).map_err(|e| format!("could not draw the chart: {e}"))?;
    Ok(svg)
}

fn draw(p: &Projection, svg: &mut String) -> Result<(), Box<dyn std::error::Error>> {
    let horizon = p.calibration.params.horizon;
    let root = SVGBackend::with_string(svg, (WIDTH, HEIGHT)).into_drawing_area();
    root.fill(&WHITE)?;
    let (chart_area, footer) = root.split_vertically(HEIGHT - 150);

    let top = p
        .scenarios
        .iter()
        .flat_map(|s| s.bands.as_ref().map_or(&s.path.cumulative, |b| &b.p90).iter())
        .fold(1.0f64, |m, v| m.max(*v));
    // The answer is the title: a slide is read from the top.
    let title = answer_sentence(p);
    let what = format!(
        "Cumulative feature output by technical-investment share, {} sprints from {}.",
        horizon, p.calibration.inputs.sprint
    );
    let mut chart = ChartBuilder::on(&chart_area)
        .caption(title, ("sans-serif", 22))
        .margin(16)
        .x_label_area_size(48)
        .y_label_area_size(72)
        .build_cartesian_2d(0f64..horizon as f64, 0f64..top * 1.06)?;
    chart
        .configure_mesh()
        .x_desc("Sprint")
        .y_desc("Feature output so far (points)")
        .x_labels(horizon.min(26) + 1)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| format!("{y:.0}"))
        .light_line_style(RGBColor(235, 235, 235))
        .draw()?;

    // Bands first, under the lines: P90 forward, then P10 back, as one shaded polygon.
    for (i, s) in p.scenarios.iter().enumerate() {
        if let Some(b) = &s.bands {
            let mut outline: Vec<(f64, f64)> = b.p90.iter().enumerate().map(|(t, v)| ((t + 1) as f64, *v)).collect();
            outline.extend(b.p10.iter().enumerate().rev().map(|(t, v)| ((t + 1) as f64, *v)));
            // Visible at slide size: a clear tint, and dashed P10 and P90 edges in the line's colour.
            chart.draw_series(std::iter::once(Polygon::new(outline, colour(i).mix(0.22).filled())))?;
            for edge in [&b.p10, &b.p90] {
                let at: Vec<(f64, f64)> = edge.iter().enumerate().map(|(t, v)| ((t + 1) as f64, *v)).collect();
                chart.draw_series(DashedLineSeries::new(at, 8, 6, colour(i).mix(0.8).stroke_width(2)))?;
            }
        }
    }
    for (i, s) in p.scenarios.iter().enumerate() {
        let line =
            std::iter::once((0.0, 0.0)).chain(s.path.cumulative.iter().enumerate().map(|(t, v)| ((t + 1) as f64, *v)));
        let width = if s.is_plan || s.is_what_if || s.is_best { 4 } else { 2 };
        chart
            .draw_series(LineSeries::new(line, colour(i).stroke_width(width)))?
            .label(format!("invest {}", s.label))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], colour(i).stroke_width(width)));
    }
    // Crossover markers: where a higher share gets ahead of the lowest one. Labels step up
    // one line each so markers close together stay readable.
    let lift = top * 0.06;
    for (n, c) in p.crossovers.iter().filter(|c| c.lower == 0).enumerate() {
        let Some(s) = p.scenarios.get(c.higher) else { continue };
        let y = s.path.cumulative[c.sprint - 1];
        chart.draw_series(std::iter::once(Circle::new((c.sprint as f64, y), 6, colour(c.higher).stroke_width(2))))?;
        let label_at = (c.sprint as f64 + 0.3, y - lift * (n as f64 + 1.0));
        let font = ("sans-serif", 13).into_font().color(&colour(c.higher)).pos(Pos::new(HPos::Left, VPos::Center));
        chart.draw_series(std::iter::once(Text::new(
            format!("{} passes {} at sprint {}", s.label, p.scenarios[0].label, c.sprint),
            label_at,
            font,
        )))?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .label_font(("sans-serif", 14))
        .draw()?;

    // Below the chart: the answer, the crossovers, the inputs and the caveat.
    let m = &p.calibration.params;
    let mut notes = vec![what, best_sentence(p)];
    if p.why_no_bands().is_none() {
        notes
            .push("Lines: the model. Shaded bands between dashed edges: P10–P90 of the Monte Carlo draws.".to_string());
    }
    let lines: Vec<String> = p.crossovers.iter().filter(|c| c.lower == 0).map(|c| crossover_sentence(p, c)).collect();
    if !lines.is_empty() {
        notes.push(format!("Crossovers: {}.", lines.join("; ")));
    }
    notes.push(format!(
        "Inputs: C0 {} points a sprint, h0 {:.2} (1 − drag {} ÷ C0), α {:.3}, ρ {:.3}; {}.",
        points(m.c0),
        m.h0,
        points(p.calibration.inputs.drag),
        m.alpha,
        m.rho,
        super::bands_sentence(p)
    ));
    notes.push(CAVEAT.to_string());
    let lines: Vec<String> = notes.iter().flat_map(|n| crate::domain::text::wrap_words(n, 150)).collect();
    for (n, line) in lines.iter().enumerate() {
        footer.draw(&Text::new(line.clone(), (24, 6 + 20 * n as i32), ("sans-serif", 14).into_font().color(&BLACK)))?;
    }
    root.present()?;
    Ok(())
}
