-- schemac migration 0002_add_task_fields (down)
-- Reverts 0002_add_task_fields: returns the database to the schema before it.
-- Hazards: deletes-data, locks-table, irreversible

BEGIN;

SET LOCAL lock_timeout = '5s';

LOCK TABLE public.tasks IN ACCESS EXCLUSIVE MODE;

LOCK TABLE public.customer_ves IN SHARE ROW EXCLUSIVE MODE;

ALTER TABLE public.tasks DROP CONSTRAINT tasks_assigned_ve_id_fkey;

ALTER TABLE public.tasks DROP CONSTRAINT tasks_priority_check;

ALTER TABLE public.tasks DROP COLUMN priority;

ALTER TABLE public.tasks DROP COLUMN due_date;

ALTER TABLE public.tasks DROP COLUMN assigned_ve_id;

ALTER TABLE public.tasks DROP COLUMN result;

COMMIT;
