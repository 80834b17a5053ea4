-- flowdeck schema version 2: guardrail settings in the policy.
-- Below min_commitment percent of plannable capacity a sprint is under-committed;
-- blocking lists the guardrail rules (comma-separated) that block instead of warn.
ALTER TABLE policy ADD COLUMN min_commitment INTEGER NOT NULL DEFAULT 85 CHECK (min_commitment BETWEEN 0 AND 100);
ALTER TABLE policy ADD COLUMN blocking TEXT NOT NULL DEFAULT 'over-commitment';
