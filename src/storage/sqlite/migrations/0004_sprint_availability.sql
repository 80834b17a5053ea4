-- flowdeck schema version 4: availability belongs to the sprint.
-- Each started or closed sprint keeps every member's allocation and focus as they were for it,
-- so editing a member today changes the sprint being planned and not the past sprints that
-- calibrate points per person-day. Focus is stored resolved (the team default at the time), so
-- changing the default later does not rewrite the past either.
CREATE TABLE sprint_availability (
    sprint_id   INTEGER NOT NULL REFERENCES sprints(id) ON DELETE CASCADE,
    member_id   INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    allocation  REAL    NOT NULL CHECK (allocation BETWEEN 0 AND 1),
    focus       REAL    NOT NULL CHECK (focus BETWEEN 0 AND 1),
    PRIMARY KEY (sprint_id, member_id)
) STRICT;

-- The past is filled once from today's values: the best there is, since earlier values were
-- never kept. Only members who worked in the sprint (joined by its end, not gone before it
-- started) get a row.
INSERT INTO sprint_availability (sprint_id, member_id, allocation, focus)
SELECT s.id, m.id, m.allocation, coalesce(m.focus, (SELECT default_focus FROM policy LIMIT 1))
FROM sprints s JOIN members m
  ON (m.joined_on IS NULL OR m.joined_on <= s.end_date)
 AND (m.left_on IS NULL OR m.left_on > s.start_date)
WHERE s.state IN (1, 2);
