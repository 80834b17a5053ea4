//! `flowdeck plan auto`: the optimizer's proposal, applied only with --apply.

use std::io::Write;
use std::process::ExitCode;

use super::args::PlanFormat;
use super::context::Context;
use super::exit::{code, Failure};

pub fn auto(_ctx: &Context, _apply: bool, _format: PlanFormat, _out: &mut impl Write) -> Result<ExitCode, Failure> {
    Err(Failure::new(code::ERROR, "plan auto is not available yet"))
}
