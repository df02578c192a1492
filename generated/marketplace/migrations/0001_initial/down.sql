-- schemac migration 0001_initial (down)
-- Reverts 0001_initial: returns the database to the schema before it.
-- Hazards: deletes-data, locks-table, irreversible

BEGIN;

SET LOCAL lock_timeout = '5s';

ALTER TABLE public.ve_connections DROP CONSTRAINT ve_connections_to_ve_id_fkey;

ALTER TABLE public.ve_connections DROP CONSTRAINT ve_connections_from_ve_id_fkey;

ALTER TABLE public.token_usage DROP CONSTRAINT token_usage_customer_ve_id_fkey;

ALTER TABLE public.token_usage DROP CONSTRAINT token_usage_customer_id_fkey;

ALTER TABLE public.tasks DROP CONSTRAINT tasks_customer_id_fkey;

ALTER TABLE public.messages DROP CONSTRAINT messages_customer_ve_id_fkey;

ALTER TABLE public.messages DROP CONSTRAINT messages_customer_id_fkey;

ALTER TABLE public.customers DROP CONSTRAINT customers_id_fkey;

ALTER TABLE public.customer_ves DROP CONSTRAINT customer_ves_ve_id_fkey;

ALTER TABLE public.customer_ves DROP CONSTRAINT customer_ves_customer_id_fkey;

DROP TABLE public.virtual_employees;

DROP TABLE public.ve_connections;

DROP TABLE public.token_usage;

DROP TABLE public.tasks;

DROP TABLE public.messages;

DROP TABLE public.customers;

DROP TABLE public.customer_ves;

DROP FUNCTION public.touch_updated_at();

COMMIT;
