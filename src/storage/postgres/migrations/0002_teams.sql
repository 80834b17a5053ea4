-- Several teams in one store, as SQLite's migration 9: every team-owned row gains a team_id,
-- every key becomes a key within the team (numbers, names, Jira keys, holiday dates), and the
-- policy row is the team's row. The rows already here become team 1.

ALTER TABLE policy DROP CONSTRAINT policy_id_check;
ALTER TABLE policy RENAME COLUMN id TO team_id;
CREATE UNIQUE INDEX teams_by_name ON policy(team_name) WHERE team_name <> '';

-- Keys: each primary key dropped with the references that lean on it, then made per team.
ALTER TABLE members DROP CONSTRAINT members_pkey CASCADE, DROP CONSTRAINT members_name_key,
    ADD COLUMN team_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE holidays DROP CONSTRAINT holidays_pkey, ADD COLUMN team_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE sprints DROP CONSTRAINT sprints_pkey CASCADE, DROP CONSTRAINT sprints_name_key,
    ADD COLUMN team_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE sprint_actuals DROP CONSTRAINT sprint_actuals_pkey, ADD COLUMN team_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE days_off DROP CONSTRAINT days_off_pkey, ADD COLUMN team_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE items DROP CONSTRAINT items_pkey CASCADE, DROP CONSTRAINT items_external_key_key,
    ADD COLUMN team_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE debts DROP CONSTRAINT debts_pkey CASCADE, ADD COLUMN team_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE deferrals ADD COLUMN team_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE debt_drag_history ADD COLUMN team_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE sprint_entries DROP CONSTRAINT sprint_entries_pkey, ADD COLUMN team_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE sprint_availability DROP CONSTRAINT sprint_availability_pkey,
    ADD COLUMN team_id BIGINT NOT NULL DEFAULT 1;

-- The default only carried the existing rows over: from now on every write names its team.
ALTER TABLE members ALTER COLUMN team_id DROP DEFAULT, ADD PRIMARY KEY (team_id, id), ADD UNIQUE (team_id, name),
    ADD FOREIGN KEY (team_id) REFERENCES policy(team_id) ON DELETE CASCADE;
ALTER TABLE holidays ALTER COLUMN team_id DROP DEFAULT, ADD PRIMARY KEY (team_id, date),
    ADD FOREIGN KEY (team_id) REFERENCES policy(team_id) ON DELETE CASCADE;
ALTER TABLE sprints ALTER COLUMN team_id DROP DEFAULT, ADD PRIMARY KEY (team_id, id), ADD UNIQUE (team_id, name),
    ADD FOREIGN KEY (team_id) REFERENCES policy(team_id) ON DELETE CASCADE;
ALTER TABLE sprint_actuals ALTER COLUMN team_id DROP DEFAULT, ADD PRIMARY KEY (team_id, sprint_id),
    ADD FOREIGN KEY (team_id, sprint_id) REFERENCES sprints(team_id, id) ON DELETE CASCADE;
ALTER TABLE days_off ALTER COLUMN team_id DROP DEFAULT, ADD PRIMARY KEY (team_id, member_id, date),
    ADD FOREIGN KEY (team_id, member_id) REFERENCES members(team_id, id) ON DELETE CASCADE,
    ADD FOREIGN KEY (team_id, sprint_id) REFERENCES sprints(team_id, id) ON DELETE CASCADE;
-- The item's sprint keeps no reference, as in SQLite (ON DELETE SET NULL would clear the
-- team too); the change-set logic moves a sprint's items off it before the sprint goes.
ALTER TABLE items ALTER COLUMN team_id DROP DEFAULT, ADD PRIMARY KEY (team_id, id),
    ADD UNIQUE (team_id, external_key),
    ADD FOREIGN KEY (team_id) REFERENCES policy(team_id) ON DELETE CASCADE;
ALTER TABLE debts ALTER COLUMN team_id DROP DEFAULT, ADD PRIMARY KEY (team_id, item_id),
    ADD FOREIGN KEY (team_id, item_id) REFERENCES items(team_id, id) ON DELETE CASCADE;
ALTER TABLE deferrals ALTER COLUMN team_id DROP DEFAULT,
    ADD FOREIGN KEY (team_id, item_id) REFERENCES debts(team_id, item_id) ON DELETE CASCADE;
ALTER TABLE debt_drag_history ALTER COLUMN team_id DROP DEFAULT,
    ADD FOREIGN KEY (team_id, item_id) REFERENCES debts(team_id, item_id) ON DELETE CASCADE;
ALTER TABLE sprint_entries ALTER COLUMN team_id DROP DEFAULT, ADD PRIMARY KEY (team_id, sprint_id, item_id),
    ADD FOREIGN KEY (team_id, sprint_id) REFERENCES sprints(team_id, id) ON DELETE CASCADE,
    ADD FOREIGN KEY (team_id, item_id) REFERENCES items(team_id, id) ON DELETE CASCADE;
ALTER TABLE sprint_availability ALTER COLUMN team_id DROP DEFAULT, ADD PRIMARY KEY (team_id, sprint_id, member_id),
    ADD FOREIGN KEY (team_id, sprint_id) REFERENCES sprints(team_id, id) ON DELETE CASCADE,
    ADD FOREIGN KEY (team_id, member_id) REFERENCES members(team_id, id) ON DELETE CASCADE;

DROP INDEX items_by_status, items_by_sprint, items_by_assignee, deferrals_by_item, debt_drag_history_by_item,
    sprint_entries_by_item;
CREATE INDEX items_by_status ON items(team_id, status, kind);
CREATE INDEX items_by_sprint ON items(team_id, sprint_id);
CREATE INDEX items_by_assignee ON items(team_id, assignee_id) WHERE assignee_id IS NOT NULL;
CREATE INDEX deferrals_by_item ON deferrals(team_id, item_id);
CREATE INDEX debt_drag_history_by_item ON debt_drag_history(team_id, item_id);
CREATE INDEX sprint_entries_by_item ON sprint_entries(team_id, item_id);
