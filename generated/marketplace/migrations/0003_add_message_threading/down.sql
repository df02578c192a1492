-- schemac migration 0003_add_message_threading (down)
-- Reverts 0003_add_message_threading: returns the database to the schema before it.
-- Hazards: deletes-data, locks-table, irreversible

BEGIN;

SET LOCAL lock_timeout = '5s';

ALTER TABLE public.messages DROP CONSTRAINT messages_parent_message_id_fkey;

ALTER TABLE public.messages DROP COLUMN thread_id;

ALTER TABLE public.messages DROP COLUMN parent_message_id;

ALTER TABLE public.messages DROP COLUMN is_read;

COMMIT;
