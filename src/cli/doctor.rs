//! `flowdeck doctor`: config and database checks, as a list of verdicts.

use std::io::Write;
use std::process::ExitCode;

use crate::config::Settings;
use crate::report::checks::write_checks;
use crate::service::doctor::{check_database, Check};

use super::context::Context;
use super::exit::{code, Failure};

pub fn run(ctx: &Context, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let mut checks = Vec::new();
    let config_path = ctx.config_path()?;
    let settings = match ctx.settings() {
        Ok(settings) => {
            let detail = if config_path.exists() {
                config_path.display().to_string()
            } else {
                format!("{} (not present: defaults in use)", config_path.display())
            };
            checks.push(Check { name: "config", ok: true, detail });
            settings
        }
        Err(failure) => {
            checks.push(Check { name: "config", ok: false, detail: failure.message });
            Settings::default()
        }
    };
    let (db, _) = ctx.db_location()?;
    checks.extend(check_database(&db, settings.storage.busy_timeout_ms));
    write_checks(&checks, out)?;
    if checks.iter().all(|c| c.ok) {
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::from(code::ERROR))
    }
}
