-- schemac migration 0011_close_cross_tenant_writes (down)
-- Reverts 0011_close_cross_tenant_writes: returns the database to the schema before it.
-- Hazards: changes-authorization, locks-table

BEGIN;

SET LOCAL lock_timeout = '5s';

LOCK TABLE public.messages, public.tasks IN ACCESS EXCLUSIVE MODE;

REVOKE UPDATE (company_name) ON TABLE public.customers FROM authenticated;

GRANT UPDATE ON TABLE public.customers TO authenticated;

ALTER POLICY messages_insert_own ON public.messages TO authenticated
    WITH CHECK (customer_id = (select auth.uid()));

ALTER POLICY tasks_insert_own ON public.tasks TO authenticated
    WITH CHECK (customer_id = (select auth.uid()));

ALTER POLICY tasks_update_own ON public.tasks TO authenticated
    USING (customer_id = (select auth.uid()))
    WITH CHECK (customer_id = (select auth.uid()));

COMMIT;
