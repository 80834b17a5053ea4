-- A deferral may move the debt's repay-by (trigger) date; the log keeps the date it had and the
-- date it was given, so the history of promises stays readable. Both NULL: the date was left.
ALTER TABLE deferrals ADD COLUMN repay_by_before TEXT
    CHECK (repay_by_before IS NULL OR date(repay_by_before) = repay_by_before);
ALTER TABLE deferrals ADD COLUMN repay_by_after TEXT
    CHECK (repay_by_after IS NULL OR date(repay_by_after) = repay_by_after);

-- A debt's drag as it was before each change (until the day it changed), so a changed drag
-- does not rewrite what the debt has already cost. Written whole with the debt's row.
CREATE TABLE debt_drag_history (
    id      INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES debts(item_id) ON DELETE CASCADE,
    until   TEXT    NOT NULL CHECK (date(until) = until),
    drag    REAL    NOT NULL CHECK (drag >= 0)
) STRICT;

CREATE INDEX debt_drag_history_by_item ON debt_drag_history(item_id);
