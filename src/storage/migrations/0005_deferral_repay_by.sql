-- A deferral may move the debt's repay-by (trigger) date; the log keeps the date it had and the
-- date it was given, so the history of promises stays readable. Both NULL: the date was left.
ALTER TABLE deferrals ADD COLUMN repay_by_before TEXT
    CHECK (repay_by_before IS NULL OR date(repay_by_before) = repay_by_before);
ALTER TABLE deferrals ADD COLUMN repay_by_after TEXT
    CHECK (repay_by_after IS NULL OR date(repay_by_after) = repay_by_after);
