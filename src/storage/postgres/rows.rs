//! Item and debt rows as the PostgreSQL engine writes them: the values in the column order
//! of the INSERT's and the COPY's, made once for either.

use postgres::types::ToSql;

use crate::domain::WorkItem;
use crate::storage::sqlite::{id_text, timestamp};

use super::tables::code;

/// An item's values in the column order of the INSERT's and the COPY's (the team last), the
/// columns flowdeck spells as text made once.
pub(super) struct ItemRow<'a> {
    team: i64,
    item: &'a WorkItem,
    /// kind, status, estimate, impact, risk, time to value.
    numbers: [i64; 6],
    sprint: Option<i64>,
    assignee: Option<i64>,
    /// tags, created, updated, skills, blocked by.
    texts: [String; 5],
}

impl<'a> ItemRow<'a> {
    pub(super) fn new(team: i64, i: &'a WorkItem) -> Self {
        ItemRow {
            team,
            item: i,
            numbers: [
                code(i.kind.code()),
                code(i.status.code()),
                i64::from(i.estimate.0),
                code(i.impact),
                code(i.risk),
                code(i.time_to_value),
            ],
            sprint: i.sprint.map(|s| s.0),
            assignee: i.assignee.map(|m| m.0),
            texts: [
                i.tags.join(","),
                timestamp(&i.created),
                timestamp(&i.updated),
                i.skills.join(","),
                id_text(&i.blocked_by),
            ],
        }
    }

    pub(super) fn values(&self) -> [&(dyn ToSql + Sync); 21] {
        let (i, n, t) = (self.item, &self.numbers, &self.texts);
        [
            &i.id.0,
            &i.key,
            &i.title,
            &n[0],
            &n[1],
            &self.sprint,
            &n[2],
            &n[3],
            &n[4],
            &n[5],
            &i.outcome,
            &t[0],
            &t[1],
            &t[2],
            &i.pinned,
            &i.excluded,
            &i.version,
            &self.assignee,
            &t[3],
            &t[4],
            &self.team,
        ]
    }
}

/// A debt's register fields in the column order of the INSERT's and the COPY's (the team
/// last); `None` for other kinds.
pub(super) struct DebtRow<'a> {
    team: i64,
    item: &'a WorkItem,
    debt: &'a crate::domain::DebtDetails,
    /// interest, visibility, category, risk area.
    numbers: [i64; 4],
}

impl<'a> DebtRow<'a> {
    pub(super) fn new(team: i64, i: &'a WorkItem) -> Option<Self> {
        let d = i.debt.as_deref()?;
        let numbers = [code(d.interest), code(d.visibility), code(d.category.code()), code(d.risk_area.code())];
        Some(DebtRow { team, item: i, debt: d, numbers })
    }

    pub(super) fn values(&self) -> [&(dyn ToSql + Sync); 13] {
        let (d, a, n) = (self.debt, &self.debt.agreement, &self.numbers);
        [
            &self.item.id.0,
            &n[0],
            &n[1],
            &d.drag,
            &n[2],
            &n[3],
            &a.reason,
            &a.impact,
            &a.trigger_date,
            &a.trigger_condition,
            &a.owner,
            &a.linked_key,
            &self.team,
        ]
    }
}
