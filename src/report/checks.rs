//! A list of named checks as aligned text: `doctor`'s output.

use std::io::{self, Write};

use crate::domain::text::sanitize_line;
use crate::service::doctor::Check;

pub fn write_checks(checks: &[Check], out: &mut impl Write) -> io::Result<()> {
    let width = checks.iter().map(|c| c.name.len()).max().unwrap_or(0);
    for c in checks {
        let verdict = if c.ok { "ok  " } else { "FAIL" };
        // Details may quote file contents or paths; keep them on one clean line each.
        let mut lines = c.detail.lines();
        writeln!(out, "{verdict}  {:<width$}  {}", c.name, sanitize_line(lines.next().unwrap_or("")))?;
        for rest in lines {
            writeln!(out, "      {:<width$}  {}", "", sanitize_line(rest))?;
        }
    }
    Ok(())
}
