-- schemac migration 0007_make_agent_name_nullable (down)
-- Reverts 0007_make_agent_name_nullable: returns the database to the schema before it.
-- Hazards: may-fail, locks-table

BEGIN;

SET LOCAL lock_timeout = '5s';

ALTER TABLE public.customer_ves ALTER COLUMN agent_name SET NOT NULL;

COMMIT;
