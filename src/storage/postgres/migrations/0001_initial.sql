-- flowdeck's PostgreSQL schema, version 1: the same tables, columns and checks as the SQLite
-- schema at its version 8, in PostgreSQL's types. Applied migrations are never edited: add a
-- new file instead (and the matching SQLite migration, so the engines keep one shape).
-- Kinds, statuses and states are small integers (see src/domain). Timestamps are kept as the
-- text the SQLite engine writes (nanoseconds included; timestamptz would round them to
-- microseconds, and a restore from SQLite would no longer be whole).

CREATE TABLE policy (
    id               BIGINT PRIMARY KEY CHECK (id = 1),
    target_feature   BIGINT NOT NULL CHECK (target_feature BETWEEN 0 AND 100),
    target_defect    BIGINT NOT NULL CHECK (target_defect BETWEEN 0 AND 100),
    target_risk      BIGINT NOT NULL CHECK (target_risk BETWEEN 0 AND 100),
    target_debt      BIGINT NOT NULL CHECK (target_debt BETWEEN 0 AND 100),
    tolerance        BIGINT NOT NULL CHECK (tolerance BETWEEN 0 AND 50),
    investment_floor BIGINT NOT NULL CHECK (investment_floor BETWEEN 0 AND 100),
    model            BIGINT NOT NULL CHECK (model IN (0, 1)),
    weight_impact    DOUBLE PRECISION NOT NULL CHECK (weight_impact BETWEEN 0 AND 10),
    weight_risk      DOUBLE PRECISION NOT NULL CHECK (weight_risk BETWEEN 0 AND 10),
    weight_ttv       DOUBLE PRECISION NOT NULL CHECK (weight_ttv BETWEEN 0 AND 10),
    weight_effort    DOUBLE PRECISION NOT NULL CHECK (weight_effort BETWEEN 0 AND 10),
    unit             BIGINT NOT NULL CHECK (unit IN (0, 1)),
    default_focus    DOUBLE PRECISION NOT NULL CHECK (default_focus BETWEEN 0 AND 1),
    version          BIGINT NOT NULL DEFAULT 1,
    min_commitment   BIGINT NOT NULL DEFAULT 85 CHECK (min_commitment BETWEEN 0 AND 100),
    blocking         TEXT   NOT NULL DEFAULT 'over-commitment',
    team_name        TEXT   NOT NULL DEFAULT '' CHECK (length(team_name) <= 200),
    plan_overdue_high_risk_debt_first BOOLEAN NOT NULL DEFAULT TRUE,
    CHECK (target_feature + target_defect + target_risk + target_debt = 100)
);

INSERT INTO policy (id, target_feature, target_defect, target_risk, target_debt, tolerance, investment_floor,
                    model, weight_impact, weight_risk, weight_ttv, weight_effort, unit, default_focus, version)
VALUES (1, 60, 10, 10, 20, 5, 20, 0, 0.4, 0.35, 0.25, 1.0, 0, 0.8, 1);

CREATE TABLE members (
    id          BIGINT PRIMARY KEY,
    name        TEXT   NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    allocation  DOUBLE PRECISION NOT NULL CHECK (allocation BETWEEN 0 AND 1),
    focus       DOUBLE PRECISION CHECK (focus IS NULL OR focus BETWEEN 0 AND 1),
    version     BIGINT NOT NULL DEFAULT 1,
    joined_on   DATE,
    left_on     DATE,
    skills      TEXT   NOT NULL DEFAULT ''
);

CREATE TABLE holidays (
    date  DATE PRIMARY KEY,
    name  TEXT NOT NULL
);

CREATE TABLE sprints (
    id          BIGINT PRIMARY KEY,
    name        TEXT   NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    start_date  DATE   NOT NULL,
    end_date    DATE   NOT NULL,
    goal        TEXT   NOT NULL DEFAULT '',
    state       BIGINT NOT NULL CHECK (state IN (0, 1, 2)),
    version     BIGINT NOT NULL DEFAULT 1,
    CHECK (end_date >= start_date)
);

CREATE TABLE sprint_actuals (
    sprint_id         BIGINT PRIMARY KEY REFERENCES sprints(id) ON DELETE CASCADE,
    closed_on         DATE,
    unplanned_feature DOUBLE PRECISION NOT NULL CHECK (unplanned_feature >= 0),
    unplanned_defect  DOUBLE PRECISION NOT NULL CHECK (unplanned_defect >= 0),
    unplanned_risk    DOUBLE PRECISION NOT NULL CHECK (unplanned_risk >= 0),
    unplanned_debt    DOUBLE PRECISION NOT NULL CHECK (unplanned_debt >= 0),
    rework            DOUBLE PRECISION NOT NULL CHECK (rework >= 0),
    deployments       BIGINT CHECK (deployments IS NULL OR deployments >= 0),
    lead_time_days    DOUBLE PRECISION CHECK (lead_time_days IS NULL OR lead_time_days >= 0),
    change_failures   BIGINT CHECK (change_failures IS NULL OR change_failures >= 0),
    incidents         BIGINT CHECK (incidents IS NULL OR incidents >= 0),
    recovery_hours    DOUBLE PRECISION CHECK (recovery_hours IS NULL OR recovery_hours >= 0)
);

CREATE TABLE days_off (
    member_id  BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    sprint_id  BIGINT NOT NULL REFERENCES sprints(id) ON DELETE CASCADE,
    date       DATE   NOT NULL,
    PRIMARY KEY (member_id, date)
);

CREATE TABLE items (
    id              BIGINT PRIMARY KEY,
    external_key    TEXT UNIQUE,
    title           TEXT   NOT NULL CHECK (length(title) BETWEEN 1 AND 1000),
    kind            BIGINT NOT NULL CHECK (kind BETWEEN 0 AND 3),
    status          BIGINT NOT NULL CHECK (status BETWEEN 0 AND 3),
    sprint_id       BIGINT REFERENCES sprints(id) ON DELETE SET NULL,
    estimate_halves BIGINT NOT NULL CHECK (estimate_halves BETWEEN 0 AND 2000),
    impact          BIGINT NOT NULL CHECK (impact BETWEEN 1 AND 5),
    risk            BIGINT NOT NULL CHECK (risk BETWEEN 1 AND 5),
    time_to_value   BIGINT NOT NULL CHECK (time_to_value BETWEEN 1 AND 5),
    outcome         TEXT,
    tags            TEXT   NOT NULL DEFAULT '',
    created_at      TEXT   NOT NULL,
    updated_at      TEXT   NOT NULL,
    pinned          BOOLEAN NOT NULL DEFAULT FALSE,
    excluded        BOOLEAN NOT NULL DEFAULT FALSE,
    version         BIGINT NOT NULL DEFAULT 1,
    -- No REFERENCES: members leave on a date rather than go, as in the SQLite schema.
    assignee_id     BIGINT,
    skills          TEXT   NOT NULL DEFAULT '',
    blocked_by      TEXT   NOT NULL DEFAULT '',
    CHECK (status <> 1 OR sprint_id IS NOT NULL),
    CHECK (NOT (pinned AND excluded))
);

CREATE INDEX items_by_status ON items(status, kind);
CREATE INDEX items_by_sprint ON items(sprint_id);
CREATE INDEX items_by_assignee ON items(assignee_id) WHERE assignee_id IS NOT NULL;

CREATE TABLE debts (
    item_id           BIGINT PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
    interest          BIGINT NOT NULL CHECK (interest BETWEEN 1 AND 5),
    visibility        BIGINT NOT NULL CHECK (visibility BETWEEN 1 AND 5),
    drag              DOUBLE PRECISION CHECK (drag IS NULL OR drag >= 0),
    category          BIGINT NOT NULL CHECK (category BETWEEN 0 AND 2),
    risk_area         BIGINT NOT NULL CHECK (risk_area BETWEEN 0 AND 3),
    reason            TEXT   NOT NULL DEFAULT '',
    impact            TEXT   NOT NULL DEFAULT '',
    trigger_date      DATE,
    trigger_condition TEXT   NOT NULL DEFAULT '',
    owner             TEXT   NOT NULL DEFAULT '',
    linked_key        TEXT
);

CREATE TABLE deferrals (
    id              BIGSERIAL PRIMARY KEY,
    item_id         BIGINT NOT NULL REFERENCES debts(item_id) ON DELETE CASCADE,
    deferred_on     DATE   NOT NULL,
    rationale       TEXT   NOT NULL,
    repay_by_before DATE,
    repay_by_after  DATE
);

CREATE INDEX deferrals_by_item ON deferrals(item_id);

CREATE TABLE debt_drag_history (
    id      BIGSERIAL PRIMARY KEY,
    item_id BIGINT NOT NULL REFERENCES debts(item_id) ON DELETE CASCADE,
    until   DATE   NOT NULL,
    drag    DOUBLE PRECISION NOT NULL CHECK (drag >= 0)
);

CREATE INDEX debt_drag_history_by_item ON debt_drag_history(item_id);

CREATE TABLE sprint_entries (
    sprint_id        BIGINT NOT NULL REFERENCES sprints(id) ON DELETE CASCADE,
    item_id          BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    planned_halves   BIGINT NOT NULL CHECK (planned_halves >= 0),
    outcome          BIGINT NOT NULL CHECK (outcome BETWEEN 0 AND 3),
    remaining_halves BIGINT NOT NULL DEFAULT 0 CHECK (remaining_halves >= 0),
    PRIMARY KEY (sprint_id, item_id)
);

CREATE INDEX sprint_entries_by_item ON sprint_entries(item_id);

CREATE TABLE sprint_availability (
    sprint_id   BIGINT NOT NULL REFERENCES sprints(id) ON DELETE CASCADE,
    member_id   BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    allocation  DOUBLE PRECISION NOT NULL CHECK (allocation BETWEEN 0 AND 1),
    focus       DOUBLE PRECISION NOT NULL CHECK (focus BETWEEN 0 AND 1),
    PRIMARY KEY (sprint_id, member_id)
);
