-- flowdeck schema version 1. Applied migrations are never edited: add a new file instead.
-- Kinds, statuses and states are small integers (see src/domain); dates are ISO 8601 text.

CREATE TABLE policy (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    target_feature   INTEGER NOT NULL CHECK (target_feature BETWEEN 0 AND 100),
    target_defect    INTEGER NOT NULL CHECK (target_defect BETWEEN 0 AND 100),
    target_risk      INTEGER NOT NULL CHECK (target_risk BETWEEN 0 AND 100),
    target_debt      INTEGER NOT NULL CHECK (target_debt BETWEEN 0 AND 100),
    tolerance        INTEGER NOT NULL CHECK (tolerance BETWEEN 0 AND 50),
    investment_floor INTEGER NOT NULL CHECK (investment_floor BETWEEN 0 AND 100),
    model            INTEGER NOT NULL CHECK (model IN (0, 1)),
    weight_impact    REAL    NOT NULL CHECK (weight_impact BETWEEN 0 AND 10),
    weight_risk      REAL    NOT NULL CHECK (weight_risk BETWEEN 0 AND 10),
    weight_ttv       REAL    NOT NULL CHECK (weight_ttv BETWEEN 0 AND 10),
    weight_effort    REAL    NOT NULL CHECK (weight_effort BETWEEN 0 AND 10),
    unit             INTEGER NOT NULL CHECK (unit IN (0, 1)),
    default_focus    REAL    NOT NULL CHECK (default_focus BETWEEN 0 AND 1),
    version          INTEGER NOT NULL DEFAULT 1,
    CHECK (target_feature + target_defect + target_risk + target_debt = 100)
) STRICT;

INSERT INTO policy VALUES (1, 60, 10, 10, 20, 5, 20, 0, 0.4, 0.35, 0.25, 1.0, 0, 0.8, 1);

CREATE TABLE members (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    allocation  REAL    NOT NULL CHECK (allocation BETWEEN 0 AND 1),
    focus       REAL             CHECK (focus IS NULL OR focus BETWEEN 0 AND 1),
    version     INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE holidays (
    date  TEXT PRIMARY KEY CHECK (date(date) = date),
    name  TEXT NOT NULL
) STRICT;

CREATE TABLE sprints (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    start_date  TEXT    NOT NULL CHECK (date(start_date) = start_date),
    end_date    TEXT    NOT NULL CHECK (date(end_date) = end_date),
    goal        TEXT    NOT NULL DEFAULT '',
    state       INTEGER NOT NULL CHECK (state IN (0, 1, 2)),
    version     INTEGER NOT NULL DEFAULT 1,
    CHECK (end_date >= start_date)
) STRICT;

CREATE TABLE sprint_actuals (
    sprint_id        INTEGER PRIMARY KEY REFERENCES sprints(id) ON DELETE CASCADE,
    closed_on        TEXT    CHECK (closed_on IS NULL OR date(closed_on) = closed_on),
    unplanned_feature REAL   NOT NULL CHECK (unplanned_feature >= 0),
    unplanned_defect REAL    NOT NULL CHECK (unplanned_defect >= 0),
    unplanned_risk   REAL    NOT NULL CHECK (unplanned_risk >= 0),
    unplanned_debt   REAL    NOT NULL CHECK (unplanned_debt >= 0),
    rework           REAL    NOT NULL CHECK (rework >= 0),
    deployments      INTEGER CHECK (deployments IS NULL OR deployments >= 0),
    lead_time_days   REAL    CHECK (lead_time_days IS NULL OR lead_time_days >= 0),
    change_failures  INTEGER CHECK (change_failures IS NULL OR change_failures >= 0),
    incidents        INTEGER CHECK (incidents IS NULL OR incidents >= 0),
    recovery_hours   REAL    CHECK (recovery_hours IS NULL OR recovery_hours >= 0)
) STRICT;

CREATE TABLE days_off (
    member_id  INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    sprint_id  INTEGER NOT NULL REFERENCES sprints(id) ON DELETE CASCADE,
    date       TEXT    NOT NULL CHECK (date(date) = date),
    PRIMARY KEY (member_id, date)
) STRICT;

CREATE TABLE items (
    id             INTEGER PRIMARY KEY,
    external_key   TEXT UNIQUE,
    title          TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 1000),
    kind           INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 3),
    status         INTEGER NOT NULL CHECK (status BETWEEN 0 AND 3),
    sprint_id      INTEGER REFERENCES sprints(id) ON DELETE SET NULL,
    estimate_halves INTEGER NOT NULL CHECK (estimate_halves BETWEEN 0 AND 2000),
    impact         INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
    risk           INTEGER NOT NULL CHECK (risk BETWEEN 1 AND 5),
    time_to_value  INTEGER NOT NULL CHECK (time_to_value BETWEEN 1 AND 5),
    outcome        TEXT,
    tags           TEXT    NOT NULL DEFAULT '',
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    pinned         INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    excluded       INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),
    version        INTEGER NOT NULL DEFAULT 1,
    CHECK (status <> 1 OR sprint_id IS NOT NULL),
    CHECK (NOT (pinned AND excluded))
) STRICT;

CREATE INDEX items_by_status ON items(status, kind);
CREATE INDEX items_by_sprint ON items(sprint_id);

CREATE TABLE debts (
    item_id           INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
    interest          INTEGER NOT NULL CHECK (interest BETWEEN 1 AND 5),
    visibility        INTEGER NOT NULL CHECK (visibility BETWEEN 1 AND 5),
    drag              REAL    CHECK (drag IS NULL OR drag >= 0),
    category          INTEGER NOT NULL CHECK (category BETWEEN 0 AND 2),
    risk_area         INTEGER NOT NULL CHECK (risk_area BETWEEN 0 AND 3),
    reason            TEXT    NOT NULL DEFAULT '',
    impact            TEXT    NOT NULL DEFAULT '',
    trigger_date      TEXT    CHECK (trigger_date IS NULL OR date(trigger_date) = trigger_date),
    trigger_condition TEXT    NOT NULL DEFAULT '',
    owner             TEXT    NOT NULL DEFAULT '',
    linked_key        TEXT
) STRICT;

CREATE TABLE deferrals (
    id         INTEGER PRIMARY KEY,
    item_id    INTEGER NOT NULL REFERENCES debts(item_id) ON DELETE CASCADE,
    deferred_on TEXT   NOT NULL CHECK (date(deferred_on) = deferred_on),
    rationale  TEXT    NOT NULL
) STRICT;

CREATE INDEX deferrals_by_item ON deferrals(item_id);

-- The plan snapshot of each started sprint and, once closed, each item's outcome.
CREATE TABLE sprint_entries (
    sprint_id        INTEGER NOT NULL REFERENCES sprints(id) ON DELETE CASCADE,
    item_id          INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    planned_halves   INTEGER NOT NULL CHECK (planned_halves >= 0),
    outcome          INTEGER NOT NULL CHECK (outcome BETWEEN 0 AND 3),
    remaining_halves INTEGER NOT NULL DEFAULT 0 CHECK (remaining_halves >= 0),
    PRIMARY KEY (sprint_id, item_id)
) STRICT;

CREATE INDEX sprint_entries_by_item ON sprint_entries(item_id);
