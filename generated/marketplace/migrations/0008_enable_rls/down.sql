-- schemac migration 0008_enable_rls (down)
-- Reverts 0008_enable_rls: returns the database to the schema before it.
-- Hazards: changes-authorization, locks-table

BEGIN;

SET LOCAL lock_timeout = '5s';

LOCK TABLE public.messages, public.tasks, public.token_usage, public.customer_ves, public.customers IN ACCESS EXCLUSIVE MODE;

DROP POLICY token_usage_select_own ON public.token_usage;

DROP POLICY tasks_update_own ON public.tasks;

DROP POLICY tasks_select_own ON public.tasks;

DROP POLICY tasks_insert_own ON public.tasks;

DROP POLICY messages_select_own ON public.messages;

DROP POLICY messages_insert_own ON public.messages;

DROP POLICY customers_update_self ON public.customers;

DROP POLICY customers_select_self ON public.customers;

DROP POLICY customer_ves_update_own ON public.customer_ves;

DROP POLICY customer_ves_select_own ON public.customer_ves;

DROP POLICY customer_ves_insert_own ON public.customer_ves;

DROP POLICY customer_ves_delete_own ON public.customer_ves;

ALTER TABLE public.customer_ves DISABLE ROW LEVEL SECURITY;

ALTER TABLE public.customers DISABLE ROW LEVEL SECURITY;

ALTER TABLE public.messages DISABLE ROW LEVEL SECURITY;

ALTER TABLE public.tasks DISABLE ROW LEVEL SECURITY;

ALTER TABLE public.token_usage DISABLE ROW LEVEL SECURITY;

REVOKE SELECT ON TABLE public.virtual_employees FROM anon, authenticated;

COMMIT;
