//! `config default`, `config path`, `completions` and `man`: about flowdeck itself.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use crate::config::DEFAULT_CONFIG_TOML;

use super::args::{Cli, ConfigCommand};
use super::context::Context;
use super::exit::Failure;

pub fn config(ctx: &Context, command: ConfigCommand, out: &mut impl Write) -> Result<ExitCode, Failure> {
    match command {
        ConfigCommand::Default => out.write_all(DEFAULT_CONFIG_TOML.as_bytes())?,
        ConfigCommand::Path => {
            let (db, _) = ctx.db_location()?;
            writeln!(out, "config    {}", ctx.config_path()?.display())?;
            writeln!(out, "database  {}", db.display())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn completions(shell: clap_complete::Shell, out: &mut impl Write) -> Result<ExitCode, Failure> {
    // Generated into memory first: clap_complete panics when its writer fails (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "flowdeck", &mut script);
    out.write_all(&script)?;
    Ok(ExitCode::SUCCESS)
}

pub fn man(out: &mut impl Write) -> Result<ExitCode, Failure> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(ExitCode::SUCCESS)
}
