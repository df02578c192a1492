-- schemac migration 0006_add_shared_agent_columns (down)
-- Reverts 0006_add_shared_agent_columns: returns the database to the schema before it.
-- Hazards: deletes-data, locks-table, irreversible

BEGIN;

SET LOCAL lock_timeout = '5s';

DROP INDEX public.customer_ves_shared_agent_id_idx;

ALTER TABLE public.customer_ves DROP COLUMN shared_agent_id;

ALTER TABLE public.customer_ves DROP COLUMN shared_namespace;

ALTER TABLE public.customer_ves DROP COLUMN service_account;

ALTER TABLE public.customer_ves DROP COLUMN is_shared;

COMMIT;
