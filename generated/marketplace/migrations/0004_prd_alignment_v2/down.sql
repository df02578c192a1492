-- schemac migration 0004_prd_alignment_v2 (down)
-- Reverts 0004_prd_alignment_v2: returns the database to the schema before it.
-- Hazards: deletes-data, locks-table, irreversible

BEGIN;

SET LOCAL lock_timeout = '5s';

LOCK TABLE public.messages, public.tasks, public.virtual_employees IN ACCESS EXCLUSIVE MODE;

ALTER TABLE public.tasks DROP CONSTRAINT tasks_parent_task_id_fkey;

ALTER TABLE public.messages DROP CONSTRAINT messages_task_id_fkey;

ALTER TABLE public.messages DROP COLUMN task_id;

ALTER TABLE public.tasks DROP COLUMN parent_task_id;

ALTER TABLE public.tasks DROP COLUMN completed_at;

ALTER TABLE public.virtual_employees DROP CONSTRAINT virtual_employees_name_source_key;

ALTER TABLE public.virtual_employees DROP CONSTRAINT virtual_employees_pricing_monthly_check;

ALTER TABLE public.virtual_employees DROP CONSTRAINT virtual_employees_rating_check;

ALTER TABLE public.virtual_employees DROP CONSTRAINT virtual_employees_source_check;

ALTER TABLE public.virtual_employees DROP COLUMN source;

ALTER TABLE public.virtual_employees DROP COLUMN pricing_monthly;

ALTER TABLE public.virtual_employees DROP COLUMN tags;

ALTER TABLE public.virtual_employees DROP COLUMN category;

ALTER TABLE public.virtual_employees DROP COLUMN avatar_url;

ALTER TABLE public.virtual_employees DROP COLUMN screenshots;

ALTER TABLE public.virtual_employees DROP COLUMN rating;

COMMIT;
