-- flowdeck schema version 8: dependencies.
-- An item's blockers are the ids of the items that must be done (or planned with it) first,
-- comma-separated. They live on the dependant's row, not in a link table, so a link is
-- changed with the item it belongs to: one version check covers both, and undo restores
-- them together. An id whose item is gone blocks nothing (the domain skips it).
ALTER TABLE items ADD COLUMN blocked_by TEXT NOT NULL DEFAULT '';
