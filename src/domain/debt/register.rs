//! The register: every open debt with its economics, in an order a manager can act on.
//!
//! The register's own order — its ranking — is by payback, shortest first: the loans that earn
//! their principal back fastest are the ones to repay first (ties: more drag first). "The top of
//! the register" means the first `top` debts in that order. Views re-sort by any key.

use crate::domain::item::{DebtCategory, DebtDetails, WorkItem};
use crate::domain::workspace::Workspace;

use super::economics::{economics, Economics, Terms};

/// What the register can be sorted by; each sorts the most pressing debt first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortKey {
    /// Shortest payback first (the register's own order).
    #[default]
    Payback,
    /// Highest interest rating first, then most drag.
    Interest,
    /// Most drag per sprint first.
    Drag,
    /// Largest principal first.
    Principal,
    /// Most interest paid so far first.
    Paid,
    /// Best return over the horizon first.
    Return,
    /// Oldest first.
    Age,
    /// Earliest trigger date first; debts without one last.
    Trigger,
}

impl SortKey {
    pub const ALL: [SortKey; 8] = [
        SortKey::Payback,
        SortKey::Interest,
        SortKey::Drag,
        SortKey::Principal,
        SortKey::Paid,
        SortKey::Return,
        SortKey::Age,
        SortKey::Trigger,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Payback => "payback",
            SortKey::Interest => "interest",
            SortKey::Drag => "drag",
            SortKey::Principal => "principal",
            SortKey::Paid => "paid",
            SortKey::Return => "return",
            SortKey::Age => "age",
            SortKey::Trigger => "trigger",
        }
    }

    pub fn parse(s: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.as_str() == s.trim().to_ascii_lowercase())
    }

    pub fn next(self) -> SortKey {
        let i = SortKey::ALL.iter().position(|k| *k == self).unwrap_or(0);
        SortKey::ALL[(i + 1) % SortKey::ALL.len()]
    }
}

/// Which debts a view shows; every condition set must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Filter {
    pub overdue: bool,
    pub high_risk: bool,
    pub category: Option<DebtCategory>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    pub fn admits(&self, row: &impl HasFacts) -> bool {
        let f = row.facts();
        (!self.overdue || f.overdue)
            && (!self.high_risk || f.high_risk)
            && self.category.is_none_or(|c| f.category == c)
    }

    /// "overdue, high-risk, tactical" — or "all".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.overdue {
            parts.push("overdue");
        }
        if self.high_risk {
            parts.push("high-risk");
        }
        if let Some(c) = self.category {
            parts.push(c.as_str());
        }
        if parts.is_empty() {
            "all".into()
        } else {
            parts.join(", ")
        }
    }
}

/// One open debt as the register shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    pub item: &'a WorkItem,
    pub debt: &'a DebtDetails,
    pub economics: Economics,
    pub overdue: bool,
    /// 1-based position in the register's own order (payback).
    pub rank: usize,
}

fn by_payback(a: &Row<'_>, b: &Row<'_>) -> std::cmp::Ordering {
    // No drag means no payback at all: such debts go last.
    let payback = |r: &Row<'_>| r.economics.payback.unwrap_or(f64::INFINITY);
    payback(a)
        .total_cmp(&payback(b))
        .then(b.economics.drag.total_cmp(&a.economics.drag))
        .then(a.item.id.cmp(&b.item.id))
}

/// Every open debt, ranked by payback.
pub fn register<'a>(ws: &'a Workspace, terms: &Terms) -> Vec<Row<'a>> {
    let mut rows: Vec<Row<'a>> = ws
        .open_debts()
        .filter_map(|item| {
            let debt = item.debt.as_ref()?;
            Some(Row {
                item,
                debt,
                economics: economics(item, debt, terms),
                overdue: debt.agreement.is_overdue(terms.today),
                rank: 0,
            })
        })
        .collect();
    rows.sort_by(by_payback);
    for (n, row) in rows.iter_mut().enumerate() {
        row.rank = n + 1;
    }
    rows
}

/// Sorts rows by `key`. The sort is stable: rows given in register order keep it on ties.
/// What the register's filters and sort keys look at, copied out of a row: a screen keeps
/// these for the whole register and filters or re-sorts them per key without recomputing
/// any debt's economics.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RowFacts {
    pub id: crate::domain::ItemId,
    pub rank: usize,
    pub overdue: bool,
    pub high_risk: bool,
    pub category: DebtCategory,
    pub interest: u8,
    pub drag: f64,
    pub principal: f64,
    pub interest_paid: f64,
    pub horizon_return: Option<f64>,
    pub age_days: i64,
    pub trigger_date: Option<chrono::NaiveDate>,
}

/// A register row, or its facts: what [`sort`] and [`Filter::admits`] take.
pub trait HasFacts {
    fn facts(&self) -> RowFacts;
}

impl HasFacts for RowFacts {
    fn facts(&self) -> RowFacts {
        *self
    }
}

impl HasFacts for Row<'_> {
    fn facts(&self) -> RowFacts {
        RowFacts {
            id: self.item.id,
            rank: self.rank,
            overdue: self.overdue,
            high_risk: self.debt.risk_area.is_high_risk(),
            category: self.debt.category,
            interest: self.debt.interest,
            drag: self.economics.drag,
            principal: self.economics.principal,
            interest_paid: self.economics.interest_paid,
            horizon_return: self.economics.horizon_return,
            age_days: self.economics.age_days,
            trigger_date: self.debt.agreement.trigger_date,
        }
    }
}

/// Orders rows by `key` (stable: ties keep the register's order).
pub fn sort<R: HasFacts>(rows: &mut [R], key: SortKey) {
    let desc = |f: fn(&RowFacts) -> f64| move |a: &R, b: &R| f(&b.facts()).total_cmp(&f(&a.facts()));
    match key {
        SortKey::Payback => rows.sort_by_key(|r| r.facts().rank),
        SortKey::Interest => rows.sort_by(|a, b| {
            let (a, b) = (a.facts(), b.facts());
            b.interest.cmp(&a.interest).then(b.drag.total_cmp(&a.drag))
        }),
        SortKey::Drag => rows.sort_by(desc(|r| r.drag)),
        SortKey::Principal => rows.sort_by(desc(|r| r.principal)),
        SortKey::Paid => rows.sort_by(desc(|r| r.interest_paid)),
        SortKey::Return => rows.sort_by(desc(|r| r.horizon_return.unwrap_or(f64::NEG_INFINITY))),
        SortKey::Age => rows.sort_by_key(|r| std::cmp::Reverse(r.facts().age_days)),
        SortKey::Trigger => rows.sort_by_key(|r| {
            let t = r.facts().trigger_date;
            (t.is_none(), t)
        }),
    }
}

/// The register as a view: filtered, then sorted.
pub fn view<'a>(ws: &'a Workspace, terms: &Terms, filter: &Filter, key: SortKey) -> Vec<Row<'a>> {
    let mut rows: Vec<Row<'a>> = register(ws, terms).into_iter().filter(|r| filter.admits(r)).collect();
    sort(&mut rows, key);
    rows
}
