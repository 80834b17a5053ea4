-- Several teams in one store (issue 19). Every team-owned row gains a team_id, and every key
-- becomes a key within the team: item, member and sprint numbers, names, Jira keys and
-- holiday dates are each team's own, so a team restored from its own file into a store that
-- holds other teams keeps its numbering. The policy row is the team's row (its name, targets
-- and weights); the rows the file already had become team 1.
--
-- SQLite cannot change a primary key in place: each table is rebuilt (created anew, copied,
-- the old one dropped, the new one renamed). The migration runs with foreign keys off (the
-- open sequence turns them on after it, and checks them first).

CREATE TABLE policy_v9 (
    team_id          INTEGER PRIMARY KEY,
    team_name        TEXT    NOT NULL DEFAULT '' CHECK (length(team_name) <= 200),
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
    min_commitment   INTEGER NOT NULL DEFAULT 85 CHECK (min_commitment BETWEEN 0 AND 100),
    blocking         TEXT    NOT NULL DEFAULT 'over-commitment',
    plan_overdue_high_risk_debt_first INTEGER NOT NULL DEFAULT 1
        CHECK (plan_overdue_high_risk_debt_first IN (0, 1)),
    CHECK (target_feature + target_defect + target_risk + target_debt = 100)
) STRICT;

INSERT INTO policy_v9 (team_id, team_name, target_feature, target_defect, target_risk, target_debt, tolerance,
                       investment_floor, model, weight_impact, weight_risk, weight_ttv, weight_effort, unit,
                       default_focus, version, min_commitment, blocking, plan_overdue_high_risk_debt_first)
SELECT 1, team_name, target_feature, target_defect, target_risk, target_debt, tolerance, investment_floor, model,
       weight_impact, weight_risk, weight_ttv, weight_effort, unit, default_focus, version, min_commitment,
       blocking, plan_overdue_high_risk_debt_first
FROM policy;

CREATE TABLE members_v9 (
    team_id     INTEGER NOT NULL REFERENCES policy(team_id) ON DELETE CASCADE,
    id          INTEGER NOT NULL,
    name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    allocation  REAL    NOT NULL CHECK (allocation BETWEEN 0 AND 1),
    focus       REAL             CHECK (focus IS NULL OR focus BETWEEN 0 AND 1),
    version     INTEGER NOT NULL DEFAULT 1,
    joined_on   TEXT    CHECK (joined_on IS NULL OR date(joined_on) = joined_on),
    left_on     TEXT    CHECK (left_on IS NULL OR date(left_on) = left_on),
    skills      TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (team_id, id),
    UNIQUE (team_id, name)
) STRICT;

INSERT INTO members_v9 SELECT 1, id, name, allocation, focus, version, joined_on, left_on, skills FROM members;

CREATE TABLE holidays_v9 (
    team_id INTEGER NOT NULL REFERENCES policy(team_id) ON DELETE CASCADE,
    date    TEXT    NOT NULL CHECK (date(date) = date),
    name    TEXT    NOT NULL,
    PRIMARY KEY (team_id, date)
) STRICT;

INSERT INTO holidays_v9 SELECT 1, date, name FROM holidays;

CREATE TABLE sprints_v9 (
    team_id     INTEGER NOT NULL REFERENCES policy(team_id) ON DELETE CASCADE,
    id          INTEGER NOT NULL,
    name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    start_date  TEXT    NOT NULL CHECK (date(start_date) = start_date),
    end_date    TEXT    NOT NULL CHECK (date(end_date) = end_date),
    goal        TEXT    NOT NULL DEFAULT '',
    state       INTEGER NOT NULL CHECK (state IN (0, 1, 2)),
    version     INTEGER NOT NULL DEFAULT 1,
    CHECK (end_date >= start_date),
    PRIMARY KEY (team_id, id),
    UNIQUE (team_id, name)
) STRICT;

INSERT INTO sprints_v9 SELECT 1, id, name, start_date, end_date, goal, state, version FROM sprints;

CREATE TABLE sprint_actuals_v9 (
    team_id          INTEGER NOT NULL,
    sprint_id        INTEGER NOT NULL,
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
    recovery_hours   REAL    CHECK (recovery_hours IS NULL OR recovery_hours >= 0),
    PRIMARY KEY (team_id, sprint_id),
    FOREIGN KEY (team_id, sprint_id) REFERENCES sprints(team_id, id) ON DELETE CASCADE
) STRICT;

INSERT INTO sprint_actuals_v9
SELECT 1, sprint_id, closed_on, unplanned_feature, unplanned_defect, unplanned_risk, unplanned_debt, rework,
       deployments, lead_time_days, change_failures, incidents, recovery_hours
FROM sprint_actuals;

CREATE TABLE days_off_v9 (
    team_id    INTEGER NOT NULL,
    member_id  INTEGER NOT NULL,
    sprint_id  INTEGER NOT NULL,
    date       TEXT    NOT NULL CHECK (date(date) = date),
    PRIMARY KEY (team_id, member_id, date),
    FOREIGN KEY (team_id, member_id) REFERENCES members(team_id, id) ON DELETE CASCADE,
    FOREIGN KEY (team_id, sprint_id) REFERENCES sprints(team_id, id) ON DELETE CASCADE
) STRICT;

INSERT INTO days_off_v9 SELECT 1, member_id, sprint_id, date FROM days_off;

-- WITHOUT ROWID: the rows are kept in (team, id) order, so reading a team's backlog in id
-- order is one pass over the table rather than an index walk with a lookup per row.
CREATE TABLE items_v9 (
    team_id        INTEGER NOT NULL REFERENCES policy(team_id) ON DELETE CASCADE,
    id             INTEGER NOT NULL,
    external_key   TEXT,
    title          TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 1000),
    kind           INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 3),
    status         INTEGER NOT NULL CHECK (status BETWEEN 0 AND 3),
    -- No REFERENCES: SQLite's ON DELETE SET NULL would clear team_id too; the change-set
    -- logic moves a sprint's items off it before the sprint goes.
    sprint_id      INTEGER,
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
    assignee_id    INTEGER,
    skills         TEXT    NOT NULL DEFAULT '',
    blocked_by     TEXT    NOT NULL DEFAULT '',
    CHECK (status <> 1 OR sprint_id IS NOT NULL),
    CHECK (NOT (pinned AND excluded)),
    PRIMARY KEY (team_id, id),
    UNIQUE (team_id, external_key)
) STRICT, WITHOUT ROWID;

INSERT INTO items_v9
SELECT 1, id, external_key, title, kind, status, sprint_id, estimate_halves, impact, risk, time_to_value, outcome,
       tags, created_at, updated_at, pinned, excluded, version, assignee_id, skills, blocked_by
FROM items;

CREATE TABLE debts_v9 (
    team_id           INTEGER NOT NULL,
    item_id           INTEGER NOT NULL,
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
    linked_key        TEXT,
    PRIMARY KEY (team_id, item_id),
    FOREIGN KEY (team_id, item_id) REFERENCES items(team_id, id) ON DELETE CASCADE
) STRICT;

INSERT INTO debts_v9
SELECT 1, item_id, interest, visibility, drag, category, risk_area, reason, impact, trigger_date,
       trigger_condition, owner, linked_key
FROM debts;

CREATE TABLE deferrals_v9 (
    id              INTEGER PRIMARY KEY,
    team_id         INTEGER NOT NULL,
    item_id         INTEGER NOT NULL,
    deferred_on     TEXT    NOT NULL CHECK (date(deferred_on) = deferred_on),
    rationale       TEXT    NOT NULL,
    repay_by_before TEXT    CHECK (repay_by_before IS NULL OR date(repay_by_before) = repay_by_before),
    repay_by_after  TEXT    CHECK (repay_by_after IS NULL OR date(repay_by_after) = repay_by_after),
    FOREIGN KEY (team_id, item_id) REFERENCES debts(team_id, item_id) ON DELETE CASCADE
) STRICT;

INSERT INTO deferrals_v9 SELECT id, 1, item_id, deferred_on, rationale, repay_by_before, repay_by_after FROM deferrals;

CREATE TABLE debt_drag_history_v9 (
    id      INTEGER PRIMARY KEY,
    team_id INTEGER NOT NULL,
    item_id INTEGER NOT NULL,
    until   TEXT    NOT NULL CHECK (date(until) = until),
    drag    REAL    NOT NULL CHECK (drag >= 0),
    FOREIGN KEY (team_id, item_id) REFERENCES debts(team_id, item_id) ON DELETE CASCADE
) STRICT;

INSERT INTO debt_drag_history_v9 SELECT id, 1, item_id, until, drag FROM debt_drag_history;

CREATE TABLE sprint_entries_v9 (
    team_id          INTEGER NOT NULL,
    sprint_id        INTEGER NOT NULL,
    item_id          INTEGER NOT NULL,
    planned_halves   INTEGER NOT NULL CHECK (planned_halves >= 0),
    outcome          INTEGER NOT NULL CHECK (outcome BETWEEN 0 AND 3),
    remaining_halves INTEGER NOT NULL DEFAULT 0 CHECK (remaining_halves >= 0),
    PRIMARY KEY (team_id, sprint_id, item_id),
    FOREIGN KEY (team_id, sprint_id) REFERENCES sprints(team_id, id) ON DELETE CASCADE,
    FOREIGN KEY (team_id, item_id) REFERENCES items(team_id, id) ON DELETE CASCADE
) STRICT;

INSERT INTO sprint_entries_v9
SELECT 1, sprint_id, item_id, planned_halves, outcome, remaining_halves FROM sprint_entries;

CREATE TABLE sprint_availability_v9 (
    team_id     INTEGER NOT NULL,
    sprint_id   INTEGER NOT NULL,
    member_id   INTEGER NOT NULL,
    allocation  REAL    NOT NULL CHECK (allocation BETWEEN 0 AND 1),
    focus       REAL    NOT NULL CHECK (focus BETWEEN 0 AND 1),
    PRIMARY KEY (team_id, sprint_id, member_id),
    FOREIGN KEY (team_id, sprint_id) REFERENCES sprints(team_id, id) ON DELETE CASCADE,
    FOREIGN KEY (team_id, member_id) REFERENCES members(team_id, id) ON DELETE CASCADE
) STRICT;

INSERT INTO sprint_availability_v9 SELECT 1, sprint_id, member_id, allocation, focus FROM sprint_availability;

DROP TABLE sprint_availability;
DROP TABLE sprint_entries;
DROP TABLE debt_drag_history;
DROP TABLE deferrals;
DROP TABLE debts;
DROP TABLE items;
DROP TABLE days_off;
DROP TABLE sprint_actuals;
DROP TABLE sprints;
DROP TABLE holidays;
DROP TABLE members;
DROP TABLE policy;

ALTER TABLE policy_v9 RENAME TO policy;
ALTER TABLE members_v9 RENAME TO members;
ALTER TABLE holidays_v9 RENAME TO holidays;
ALTER TABLE sprints_v9 RENAME TO sprints;
ALTER TABLE sprint_actuals_v9 RENAME TO sprint_actuals;
ALTER TABLE days_off_v9 RENAME TO days_off;
ALTER TABLE items_v9 RENAME TO items;
ALTER TABLE debts_v9 RENAME TO debts;
ALTER TABLE deferrals_v9 RENAME TO deferrals;
ALTER TABLE debt_drag_history_v9 RENAME TO debt_drag_history;
ALTER TABLE sprint_entries_v9 RENAME TO sprint_entries;
ALTER TABLE sprint_availability_v9 RENAME TO sprint_availability;

-- A team's name is how `--team` finds it; only a store's first, not yet set up team has none.
CREATE UNIQUE INDEX teams_by_name ON policy(team_name) WHERE team_name <> '';
CREATE INDEX items_by_status ON items(team_id, status, kind);
CREATE INDEX items_by_sprint ON items(team_id, sprint_id);
CREATE INDEX items_by_assignee ON items(team_id, assignee_id) WHERE assignee_id IS NOT NULL;
CREATE INDEX deferrals_by_item ON deferrals(team_id, item_id);
CREATE INDEX debt_drag_history_by_item ON debt_drag_history(team_id, item_id);
CREATE INDEX sprint_entries_by_item ON sprint_entries(team_id, item_id);
