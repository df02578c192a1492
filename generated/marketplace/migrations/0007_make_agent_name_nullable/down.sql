-- schemac migration 0007_make_agent_name_nullable (down)
-- Reverts 0007_make_agent_name_nullable: returns the database to the schema before it.
-- Hazards: may-fail, locks-table

BEGIN;

SET LOCAL lock_timeout = '5s';

ALTER TABLE public.customer_ves ADD CONSTRAINT schemac_agent_name_not_null CHECK (agent_name IS NOT NULL) NOT VALID;

COMMIT;

BEGIN;

SET LOCAL lock_timeout = '5s';

ALTER TABLE public.customer_ves VALIDATE CONSTRAINT schemac_agent_name_not_null;

COMMIT;

BEGIN;

SET LOCAL lock_timeout = '5s';

ALTER TABLE public.customer_ves ALTER COLUMN agent_name SET NOT NULL;

ALTER TABLE public.customer_ves DROP CONSTRAINT schemac_agent_name_not_null;

COMMIT;
