//! `flowdeck keys`: the keymap as text or as the README's Markdown table.

use std::io::Write;
use std::process::ExitCode;

use crate::tui::keymap::{keys_label, Scope, KEYMAP};

use super::args::KeysFormat;
use super::exit::Failure;

pub fn run(format: KeysFormat, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let scopes = Scope::ALL;
    match format {
        KeysFormat::Text => {
            let width = KEYMAP.iter().map(|b| keys_label(b).chars().count()).max().unwrap_or(0);
            for scope in scopes {
                writeln!(out, "{}", scope.title())?;
                for b in KEYMAP.iter().filter(|b| b.scope == scope) {
                    let label = keys_label(b);
                    let pad = width.saturating_sub(label.chars().count());
                    writeln!(out, "  {label}{}  {}", " ".repeat(pad), b.help)?;
                }
            }
        }
        KeysFormat::Md => {
            writeln!(out, "| Where | Keys | Action | Name |")?;
            writeln!(out, "| --- | --- | --- | --- |")?;
            for scope in scopes {
                for b in KEYMAP.iter().filter(|b| b.scope == scope) {
                    let keys = b.keys.iter().map(|k| format!("`{}`", k.label())).collect::<Vec<_>>().join(" ");
                    writeln!(out, "| {} | {keys} | {} | `{}` |", scope.title(), b.help, b.action.name())?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
