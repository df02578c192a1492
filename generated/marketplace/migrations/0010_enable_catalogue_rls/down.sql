-- schemac migration 0010_enable_catalogue_rls (down)
-- Reverts 0010_enable_catalogue_rls: returns the database to the schema before it.
-- Hazards: changes-authorization, locks-table

BEGIN;

SET LOCAL lock_timeout = '5s';

LOCK TABLE public.ve_connections, public.virtual_employees IN ACCESS EXCLUSIVE MODE;

DROP POLICY virtual_employees_public_read ON public.virtual_employees;

ALTER TABLE public.ve_connections DISABLE ROW LEVEL SECURITY;

ALTER TABLE public.virtual_employees DISABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.virtual_employees IS 'The public marketplace catalogue of AI agents. RLS is deliberately off: anyone may browse it.';

COMMIT;
