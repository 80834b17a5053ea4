-- flowdeck schema version 7: who does what.
-- An item may name the one member who does it. Members are never deleted (they leave on a
-- date), and an assignee who has left keeps their items until the manager reassigns them.
-- No REFERENCES clause: SQLite cannot drop or alter a column a foreign key uses, and the
-- domain already shows an id without a member as "#id" rather than failing.
ALTER TABLE items ADD COLUMN assignee_id INTEGER;
-- Skills are comma-separated lowercase words, as tags are: what a member can take on, and what
-- an item needs.
ALTER TABLE items ADD COLUMN skills TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN skills TEXT NOT NULL DEFAULT '';
CREATE INDEX items_by_assignee ON items(assignee_id) WHERE assignee_id IS NOT NULL;
