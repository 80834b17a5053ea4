-- flowdeck schema version 6: auto-fill plans overdue high-risk
-- debt (security, performance, compliance) before anything else unless it was deferred for the
-- sprint being filled. On by default, also for databases created before the option existed.
ALTER TABLE policy ADD COLUMN plan_overdue_high_risk_debt_first INTEGER NOT NULL DEFAULT 1
    CHECK (plan_overdue_high_risk_debt_first IN (0, 1));
