//! Sprints, their plan snapshot and, once closed, their actuals.

use chrono::NaiveDate;

use super::estimate::HalfPoints;
use super::item::ItemId;
use super::kind::KindMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SprintId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SprintState {
    /// Being planned; not started.
    Planning,
    /// Started: the plan has been snapshotted.
    Active,
    Closed,
}

impl SprintState {
    pub const ALL: [SprintState; 3] = [SprintState::Planning, SprintState::Active, SprintState::Closed];

    pub fn code(self) -> u8 {
        match self {
            SprintState::Planning => 0,
            SprintState::Active => 1,
            SprintState::Closed => 2,
        }
    }

    pub fn from_code(code: i64) -> Option<Self> {
        Self::ALL.into_iter().find(|s| i64::from(s.code()) == code)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SprintState::Planning => "planning",
            SprintState::Active => "active",
            SprintState::Closed => "closed",
        }
    }

    /// The word a person reads: a started sprint is "running" on every screen, message and text
    /// report (the stored and JSON value stays `active`, see [`SprintState::as_str`]).
    pub fn word(self) -> &'static str {
        match self {
            SprintState::Planning => "planning",
            SprintState::Active => "running",
            SprintState::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s.trim().to_ascii_lowercase())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sprint {
    pub id: SprintId,
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// An outcome sentence, not a list of tickets.
    pub goal: String,
    pub state: SprintState,
    pub actuals: Option<SprintActuals>,
    pub version: i64,
}

/// What happened in a closed sprint beyond the per-item outcomes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SprintActuals {
    pub closed_on: Option<NaiveDate>,
    /// Unplanned work that came in during the sprint, per kind, in points.
    pub unplanned: KindMap<f64>,
    /// Points spent redoing work already counted as done.
    pub rework: f64,
    pub delivery: DeliveryFigures,
}

/// Optional DORA-style delivery figures recorded at close.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DeliveryFigures {
    pub deployments: Option<u32>,
    pub lead_time_days: Option<f64>,
    pub change_failures: Option<u32>,
    pub incidents: Option<u32>,
    pub recovery_hours: Option<f64>,
}

/// How a planned item ended in a sprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryOutcome {
    /// Sprint not closed yet.
    Planned,
    Done,
    /// Not finished; the remaining points go on.
    CarriedOver,
    Dropped,
}

impl EntryOutcome {
    pub const ALL: [EntryOutcome; 4] =
        [EntryOutcome::Planned, EntryOutcome::Done, EntryOutcome::CarriedOver, EntryOutcome::Dropped];

    pub fn code(self) -> u8 {
        match self {
            EntryOutcome::Planned => 0,
            EntryOutcome::Done => 1,
            EntryOutcome::CarriedOver => 2,
            EntryOutcome::Dropped => 3,
        }
    }

    pub fn from_code(code: i64) -> Option<Self> {
        Self::ALL.into_iter().find(|s| i64::from(s.code()) == code)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EntryOutcome::Planned => "planned",
            EntryOutcome::Done => "done",
            EntryOutcome::CarriedOver => "carried-over",
            EntryOutcome::Dropped => "dropped",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s.trim().to_ascii_lowercase())
    }
}

/// One item of a sprint's plan snapshot, with its outcome once the sprint closed.
#[derive(Debug, Clone, PartialEq)]
pub struct SprintEntry {
    pub sprint: SprintId,
    pub item: ItemId,
    /// The estimate when the sprint started.
    pub planned: HalfPoints,
    pub outcome: EntryOutcome,
    /// Points still to do for a carried-over item (partial credit counts toward velocity).
    pub remaining: HalfPoints,
}
