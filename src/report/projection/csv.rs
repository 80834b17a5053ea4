//! `flowdeck project --format csv`: one row per scenario and sprint, for a spreadsheet.

use std::io::{self, Write};

use crate::service::projection::Projection;

use super::super::numbers::round3;
use crate::interchange::flowdeck_csv::io_error;

pub fn write_csv(p: &Projection, out: &mut impl Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let header = ["scenario", "share", "sprint", "health", "capacity", "feature", "cumulative", "p10", "p50", "p90"];
    w.write_record(header).map_err(io_error)?;
    for s in &p.scenarios {
        for t in 0..s.path.cumulative.len() {
            let band = |pick: fn(&crate::domain::projection::Bands) -> &Vec<f64>| {
                s.bands.as_ref().map_or(String::new(), |b| round3(pick(b)[t]).to_string())
            };
            w.write_record([
                s.label.clone(),
                round3(s.path.share).to_string(),
                (t + 1).to_string(),
                round3(s.path.health[t]).to_string(),
                round3(s.path.capacity[t]).to_string(),
                round3(s.path.feature[t]).to_string(),
                round3(s.path.cumulative[t]).to_string(),
                band(|b| &b.p10),
                band(|b| &b.p50),
                band(|b| &b.p90),
            ])
            .map_err(io_error)?;
        }
    }
    w.flush()
}
