//! Shared test helpers: an isolated home for the real binary, and small builders.
#![allow(dead_code)] // each test crate uses a different subset

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::NaiveDate;
use tempfile::TempDir;

/// The fixed "today" every test runs at, so demo dates and snapshots never drift.
pub const TODAY: &str = "2026-11-21";

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).expect("valid date")
}

/// A temporary home: config and data directories inside it, nothing from the real user.
pub struct Sandbox {
    pub dir: TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The real binary with HOME and XDG dirs inside the sandbox.
    pub fn flowdeck(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_flowdeck"));
        apply_env(&mut cmd, self.dir.path());
        cmd
    }

    /// The real binary on the database `db`.
    pub fn on(&self, db: &Path) -> Command {
        let mut cmd = self.flowdeck();
        cmd.arg("--db").arg(db);
        cmd
    }

    /// A fresh demo database at `name`, built by the real binary.
    pub fn demo_db(&self, name: &str) -> PathBuf {
        let db = self.path(name);
        self.flowdeck().args(["demo", "--no-tui", "--db"]).arg(&db).assert().success();
        db
    }
}

pub fn apply_env(cmd: &mut Command, home: &Path) {
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("FLOWDECK_TODAY", TODAY)
        .env_remove("FLOWDECK_DB")
        .env_remove("FLOWDECK_CONFIG")
        .env_remove("FLOWDECK_TEAM")
        .env_remove("NO_COLOR");
}
pub mod engines;
pub mod pty;
pub mod tui_harness;
