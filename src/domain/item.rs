//! Work items and the extra register fields a debt item carries.

use chrono::{DateTime, NaiveDate, Utc};

use super::estimate::HalfPoints;
use super::kind::Kind;
use super::sprint::SprintId;
use super::team::MemberId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemId(pub i64);

/// Where an item is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Backlog,
    /// Planned into the sprint named by `WorkItem::sprint`.
    Planned,
    Done,
    Dropped,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Backlog, Status::Planned, Status::Done, Status::Dropped];

    pub fn code(self) -> u8 {
        match self {
            Status::Backlog => 0,
            Status::Planned => 1,
            Status::Done => 2,
            Status::Dropped => 3,
        }
    }

    pub fn from_code(code: i64) -> Option<Status> {
        Status::ALL.into_iter().find(|s| i64::from(s.code()) == code)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Backlog => "backlog",
            Status::Planned => "planned",
            Status::Done => "done",
            Status::Dropped => "dropped",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s.trim().to_ascii_lowercase())
    }
}

/// The tag that marks an item without an estimate (imported without one, or added from the
/// command line without one). Such an item is excluded from auto-fill (a zero-point item would
/// fill a sprint for free) until it gets an estimate; triage walks them.
pub const UNESTIMATED: &str = "unestimated";

/// A candidate or committed piece of work.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkItem {
    pub id: ItemId,
    /// Key in an external tracker (e.g. `PAY-123`); unique when present.
    pub key: Option<String>,
    pub title: String,
    pub kind: Kind,
    pub status: Status,
    pub sprint: Option<SprintId>,
    pub estimate: HalfPoints,
    /// 1–5 each. For a debt item, impact is the impact of repayment and risk is its interest.
    pub impact: u8,
    pub risk: u8,
    pub time_to_value: u8,
    pub outcome: Option<String>,
    pub tags: Vec<String>,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    /// Must be in the sprint.
    pub pinned: bool,
    /// Never put in the sprint by auto-fill.
    pub excluded: bool,
    /// Boxed: most items are not debts, and the details are most of an item's size (a
    /// 100k-item workspace is ~19 MB smaller for it).
    pub debt: Option<Box<DebtDetails>>,
    /// The one member who does it; `None` while nobody is named.
    pub assignee: Option<MemberId>,
    /// Skills the work needs (e.g. `ios`), matched against members' skills.
    pub skills: Vec<String>,
    /// Items that must be done (or planned with it) before this one can be: `blocked by`.
    /// Ids of items that no longer exist, or are done or dropped, block nothing.
    pub blocked_by: Vec<ItemId>,
    /// Optimistic-concurrency counter, bumped by every update.
    pub version: i64,
}

impl WorkItem {
    /// True while the item carries the [`UNESTIMATED`] tag.
    pub fn is_unestimated(&self) -> bool {
        self.tags.iter().any(|t| t == UNESTIMATED)
    }
}

/// Why a debt was taken on, judged later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DebtCategory {
    /// Taken on deliberately to reach a goal sooner.
    Strategic,
    /// Taken on deliberately under short-term pressure.
    Tactical,
    /// Discovered, never chosen.
    Accidental,
}

impl DebtCategory {
    pub const ALL: [DebtCategory; 3] = [DebtCategory::Strategic, DebtCategory::Tactical, DebtCategory::Accidental];

    pub fn code(self) -> u8 {
        match self {
            DebtCategory::Strategic => 0,
            DebtCategory::Tactical => 1,
            DebtCategory::Accidental => 2,
        }
    }

    pub fn from_code(code: i64) -> Option<Self> {
        Self::ALL.into_iter().find(|c| i64::from(c.code()) == code)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DebtCategory::Strategic => "strategic",
            DebtCategory::Tactical => "tactical",
            DebtCategory::Accidental => "accidental",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s.trim().to_ascii_lowercase())
    }
}

/// The area of risk a debt puts the product in; anything but `None` makes it high-risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RiskArea {
    None,
    Security,
    Performance,
    Compliance,
}

impl RiskArea {
    pub const ALL: [RiskArea; 4] = [RiskArea::None, RiskArea::Security, RiskArea::Performance, RiskArea::Compliance];

    pub fn code(self) -> u8 {
        match self {
            RiskArea::None => 0,
            RiskArea::Security => 1,
            RiskArea::Performance => 2,
            RiskArea::Compliance => 3,
        }
    }

    pub fn from_code(code: i64) -> Option<Self> {
        Self::ALL.into_iter().find(|c| i64::from(c.code()) == code)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RiskArea::None => "none",
            RiskArea::Security => "security",
            RiskArea::Performance => "performance",
            RiskArea::Compliance => "compliance",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s.trim().to_ascii_lowercase())
    }

    pub fn is_high_risk(self) -> bool {
        self != RiskArea::None
    }
}

/// The terms under which a shortcut was taken.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Agreement {
    pub reason: String,
    pub impact: String,
    pub trigger_date: Option<NaiveDate>,
    pub trigger_condition: String,
    pub owner: String,
    pub linked_key: Option<String>,
}

impl Agreement {
    /// An agreement whose trigger date has passed is overdue.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.trigger_date.is_some_and(|d| d < today)
    }
}

/// One recorded decision to put a debt off.
#[derive(Debug, Clone, PartialEq)]
pub struct Deferral {
    pub on: NaiveDate,
    pub rationale: String,
    /// The repay-by (trigger) date this deferral moved, if it moved it.
    pub moved: Option<RepayByMove>,
}

/// A repay-by date as it was before a deferral (none set, or a date) and the date it was given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RepayByMove {
    pub from: Option<NaiveDate>,
    pub to: NaiveDate,
}

impl Deferral {
    /// The deferral's repay-by columns as stored: (before, after), both `None` when unmoved.
    pub fn repay_by_columns(&self) -> (Option<NaiveDate>, Option<NaiveDate>) {
        self.moved.map_or((None, None), |m| (m.from, Some(m.to)))
    }

    /// The move the stored columns describe (an `after` date means the date moved).
    pub fn moved_from_columns(before: Option<NaiveDate>, after: Option<NaiveDate>) -> Option<RepayByMove> {
        after.map(|to| RepayByMove { from: before, to })
    }
}

/// The register fields of a debt item. The principal is the item's estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct DebtDetails {
    /// What living with it costs each sprint, 1–5.
    pub interest: u8,
    /// How often the team touches it, 1–5.
    pub visibility: u8,
    /// Capacity lost per sprint (team unit) when stated explicitly.
    pub drag: Option<f64>,
    pub category: DebtCategory,
    pub risk_area: RiskArea,
    pub agreement: Agreement,
    pub deferrals: Vec<Deferral>,
    /// The drag as it was before each change, oldest first, so a changed drag does not rewrite
    /// what the debt has already cost.
    pub drag_history: Vec<PastDrag>,
}

/// The drag a debt had until a day (its drag from the change before, or from when it was
/// recorded, up to `until`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PastDrag {
    pub until: NaiveDate,
    pub drag: f64,
}

impl DebtDetails {
    /// The register fields a new debt starts with (a new item, or an item made a debt): middle
    /// interest and visibility, tactical, no risk area, an empty agreement.
    pub fn blank() -> DebtDetails {
        DebtDetails {
            interest: 3,
            visibility: 3,
            drag: None,
            category: DebtCategory::Tactical,
            risk_area: RiskArea::None,
            agreement: Agreement::default(),
            deferrals: Vec::new(),
            drag_history: Vec::new(),
        }
    }
}

/// Points of drag per unit of interest × visibility when no drag is given:
/// the worst debt (5 × 5) costs 2.5 points a sprint, the mildest (1 × 1) 0.1.
pub const DRAG_PER_INTEREST_VISIBILITY: f64 = 0.1;

impl DebtDetails {
    /// Drag per sprint: explicit when recorded, else derived from interest × visibility.
    pub fn effective_drag(&self) -> f64 {
        self.drag.unwrap_or(f64::from(self.interest) * f64::from(self.visibility) * DRAG_PER_INTEREST_VISIBILITY)
    }

    /// The drag in effect on `day`: the first recorded drag kept until after it, else today's.
    pub fn drag_on(&self, day: NaiveDate) -> f64 {
        self.drag_history.iter().find(|p| day < p.until).map_or_else(|| self.effective_drag(), |p| p.drag)
    }

    /// Keeps `before`'s history, and when this edit changes the drag, what it was until `today`.
    pub fn keep_drag_history(&mut self, before: Option<&DebtDetails>, today: NaiveDate) {
        let Some(before) = before else { return };
        self.drag_history = before.drag_history.clone();
        let old = before.effective_drag();
        if (old - self.effective_drag()).abs() > 1e-9 {
            // Two changes on one day: the day keeps the drag it started with.
            if self.drag_history.last().is_none_or(|p| p.until < today) {
                self.drag_history.push(PastDrag { until: today, drag: old });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn debt(drag: Option<f64>) -> DebtDetails {
        DebtDetails {
            interest: 4,
            visibility: 5,
            drag,
            category: DebtCategory::Tactical,
            risk_area: RiskArea::Security,
            agreement: Agreement::default(),
            deferrals: vec![],
            drag_history: vec![],
        }
    }

    #[test]
    fn drag_is_explicit_or_derived() {
        assert_eq!(debt(Some(1.5)).effective_drag(), 1.5);
        assert!((debt(None).effective_drag() - 2.0).abs() < 1e-12);
    }

    #[test]
    fn overdue_means_trigger_date_passed() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let agreement = Agreement { trigger_date: Some(day(10)), ..Agreement::default() };
        assert!(agreement.is_overdue(day(11)));
        assert!(!agreement.is_overdue(day(10)));
        assert!(!Agreement::default().is_overdue(day(11)));
    }

    #[test]
    fn codes_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::from_code(i64::from(s.code())), Some(s));
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        for c in DebtCategory::ALL {
            assert_eq!(DebtCategory::from_code(i64::from(c.code())), Some(c));
        }
        for a in RiskArea::ALL {
            assert_eq!(RiskArea::from_code(i64::from(a.code())), Some(a));
        }
    }
}
