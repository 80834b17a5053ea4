-- flowdeck schema version 3: a team of one's own.
-- The team's name lives with the policy (one team per database until shared stores arrive).
-- A member joins and leaves on a date instead of being deleted, so a removed member's past
-- sprints keep their person-days and a member added today does not rewrite past capacity.
ALTER TABLE policy ADD COLUMN team_name TEXT NOT NULL DEFAULT '' CHECK (length(team_name) <= 200);
ALTER TABLE members ADD COLUMN joined_on TEXT CHECK (joined_on IS NULL OR date(joined_on) = joined_on);
ALTER TABLE members ADD COLUMN left_on TEXT CHECK (left_on IS NULL OR date(left_on) = left_on);
