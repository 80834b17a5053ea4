//! Triage: the unestimated and unscored candidates one at a time, set with single keys.
//!
//! The queue is fixed when triage opens (import order), so saving an item never reshuffles
//! what comes next. Each save is one change set, undone like any other.

use crate::config::{TriageScale, TriageSettings};
use crate::domain::{HalfPoints, ItemId, WorkItem, Workspace};
use crate::service::import_merge::DEFAULT_SCORE;

/// True for a candidate triage should show: no estimate yet, or every score still at the
/// import's default (3, 3, 3).
pub fn needs_triage(item: &WorkItem) -> bool {
    let default = DEFAULT_SCORE;
    item.is_unestimated()
        || item.estimate == HalfPoints::ZERO
        || (item.impact, item.risk, item.time_to_value) == (default, default, default)
}

/// How many candidates are still unestimated (the Plan list's title offers triage for them).
pub fn unestimated_count(ws: &Workspace) -> usize {
    ws.candidates().filter(|i| i.is_unestimated()).count()
}

/// The rows of the triage card, in the order the keys walk them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Estimate,
    Impact,
    Risk,
    TimeToValue,
}

impl Row {
    pub const ALL: [Row; 4] = [Row::Estimate, Row::Impact, Row::Risk, Row::TimeToValue];

    pub fn label(self) -> &'static str {
        match self {
            Row::Estimate => "Estimate",
            Row::Impact => "Impact",
            Row::Risk => "Risk",
            Row::TimeToValue => "Time to value",
        }
    }

    pub fn step(self, forward: bool) -> Row {
        let at = Row::ALL.iter().position(|r| *r == self).unwrap_or(0);
        let len = Row::ALL.len();
        Row::ALL[if forward { (at + 1) % len } else { (at + len - 1) % len }]
    }
}

/// The values chosen for the item shown, before they are saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Draft {
    /// `None` while an unestimated item has no estimate chosen.
    pub estimate: Option<HalfPoints>,
    pub impact: u8,
    pub risk: u8,
    pub time_to_value: u8,
}

impl Draft {
    pub fn of(item: &WorkItem) -> Draft {
        let estimate = (!item.is_unestimated() && item.estimate != HalfPoints::ZERO).then_some(item.estimate);
        Draft { estimate, impact: item.impact, risk: item.risk, time_to_value: item.time_to_value }
    }

    pub fn score(&self, row: Row) -> Option<u8> {
        match row {
            Row::Estimate => None,
            Row::Impact => Some(self.impact),
            Row::Risk => Some(self.risk),
            Row::TimeToValue => Some(self.time_to_value),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Triage {
    pub queue: Vec<ItemId>,
    /// Position in `queue` of the item shown; `queue.len()` when every item was seen.
    pub at: usize,
    pub row: Row,
    /// What the keys chose for the item shown; `None` until the first key (then taken from the
    /// item as it is at that moment, so an undo that just landed is what the keys start from).
    pub draft: Option<Draft>,
    /// The estimate being typed (scale `typed`).
    pub typed: String,
    pub scale: TriageScale,
    /// (label, points) under keys 1, 2, 3 …; empty for a typed scale.
    pub steps: Vec<(String, f64)>,
    pub saved: usize,
    pub skipped: usize,
}

impl Triage {
    pub fn new(ws: &Workspace, settings: &TriageSettings) -> Triage {
        Triage {
            queue: ws.candidates().filter(|i| needs_triage(i)).map(|i| i.id).collect(),
            at: 0,
            row: Row::Estimate,
            draft: None,
            typed: String::new(),
            scale: settings.scale,
            steps: settings.steps(),
            saved: 0,
            skipped: 0,
        }
    }

    pub fn current(&self) -> Option<ItemId> {
        self.queue.get(self.at).copied()
    }

    /// The draft shown: chosen values, else the item's own.
    pub fn draft_of(&self, ws: &Workspace) -> Option<Draft> {
        self.draft.or_else(|| self.current().and_then(|id| ws.item(id)).map(Draft::of))
    }

    /// Shows the item at `at` afresh.
    pub fn go_to(&mut self, at: usize) {
        self.at = at.min(self.queue.len());
        self.row = Row::Estimate;
        self.draft = None;
        self.typed.clear();
    }

    pub fn is_typing(&self) -> bool {
        self.scale == TriageScale::Typed && self.row == Row::Estimate
    }

    /// A digit key on the current row; `Err` says why it does nothing.
    pub fn pick(&mut self, ws: &Workspace, digit: u8) -> Result<(), String> {
        let mut draft = self.draft_of(ws).ok_or("Nothing left to triage.")?;
        match self.row {
            Row::Estimate if self.scale == TriageScale::Typed => {
                self.typed.push(char::from(b'0' + digit.min(9)));
                self.draft = Some(draft);
                return Ok(());
            }
            Row::Estimate => {
                let (_, points) = usize::from(digit)
                    .checked_sub(1)
                    .and_then(|n| self.steps.get(n))
                    .ok_or_else(|| format!("No step under {digit}: keys 1–{} set the estimate.", self.steps.len()))?;
                draft.estimate = HalfPoints::from_points(*points).ok();
            }
            row => {
                if !(1..=5).contains(&digit) {
                    return Err(format!("{} is 1–5.", row.label()));
                }
                match row {
                    Row::Impact => draft.impact = digit,
                    Row::Risk => draft.risk = digit,
                    _ => draft.time_to_value = digit,
                }
            }
        }
        self.draft = Some(draft);
        if self.row != Row::TimeToValue {
            self.row = self.row.step(true);
        }
        Ok(())
    }

    /// The typed estimate, if one is being typed and it is valid.
    pub fn typed_estimate(&self) -> Result<Option<HalfPoints>, String> {
        if self.typed.is_empty() {
            return Ok(None);
        }
        let points: f64 =
            self.typed.parse().map_err(|_| format!("“{}” is not a number of points (e.g. 3 or 2.5)", self.typed))?;
        HalfPoints::from_points(points).map(Some)
    }

    /// The item shown with the draft applied (the typed estimate included), or why not.
    pub fn edited(&self, ws: &Workspace) -> Result<Option<WorkItem>, String> {
        let Some(item) = self.current().and_then(|id| ws.item(id)) else { return Ok(None) };
        let Some(draft) = self.draft else { return Ok(Some(item.clone())) };
        let mut after = item.clone();
        if let Some(estimate) = self.typed_estimate()?.or(draft.estimate) {
            after.estimate = estimate;
        }
        after.impact = draft.impact;
        after.risk = draft.risk;
        after.time_to_value = draft.time_to_value;
        Ok(Some(after))
    }

    pub fn summary(&self, ws: &Workspace) -> String {
        format!("Triage: {} saved, {} skipped; {} still unestimated.", self.saved, self.skipped, unestimated_count(ws))
    }
}
