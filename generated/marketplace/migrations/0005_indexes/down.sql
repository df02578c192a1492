-- schemac migration 0005_indexes (down)
-- Reverts 0005_indexes: returns the database to the schema before it.
-- Hazards: locks-table

BEGIN;

SET LOCAL lock_timeout = '5s';

DROP INDEX public.virtual_employees_tags_idx;

DROP INDEX public.virtual_employees_category_idx;

DROP INDEX public.ve_connections_to_ve_id_idx;

DROP INDEX public.token_usage_customer_id_created_at_idx;

DROP INDEX public.tasks_status_idx;

DROP INDEX public.tasks_customer_id_created_at_idx;

DROP INDEX public.tasks_assigned_ve_id_idx;

DROP INDEX public.messages_thread_id_idx;

DROP INDEX public.messages_customer_id_idx;

DROP INDEX public.messages_customer_id_created_at_idx;

DROP INDEX public.customer_ves_ve_id_idx;

DROP INDEX public.customer_ves_customer_id_idx;

COMMIT;
