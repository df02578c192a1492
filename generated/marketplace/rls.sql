-- schemac: the access-control surface of project `marketplace`: RLS flags, policies, grants.
-- For review; schema.sql and the migrations already contain these statements.

ALTER TABLE public.customer_ves ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.customer_ves FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.customer_ves TO authenticated;

ALTER TABLE public.customers ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.customers FROM anon, authenticated, service_role;

GRANT SELECT, UPDATE (company_name) ON TABLE public.customers TO authenticated;

ALTER TABLE public.messages ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.messages FROM anon, authenticated, service_role;

GRANT INSERT, SELECT ON TABLE public.messages TO authenticated;

ALTER TABLE public.tasks ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.tasks FROM anon, authenticated, service_role;

GRANT INSERT, SELECT, UPDATE ON TABLE public.tasks TO authenticated;

ALTER TABLE public.token_usage ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.token_usage FROM anon, authenticated, service_role;

GRANT SELECT ON TABLE public.token_usage TO authenticated;

ALTER TABLE public.ve_connections ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.ve_connections FROM anon, authenticated, service_role;

ALTER TABLE public.virtual_employees ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.virtual_employees FROM anon, authenticated, service_role;

GRANT SELECT ON TABLE public.virtual_employees TO anon, authenticated;

CREATE POLICY customer_ves_delete_own ON public.customer_ves AS PERMISSIVE FOR DELETE TO authenticated
    USING (customer_id = (select auth.uid()));

CREATE POLICY customer_ves_insert_own ON public.customer_ves AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK (customer_id = (select auth.uid()));

CREATE POLICY customer_ves_select_own ON public.customer_ves AS PERMISSIVE FOR SELECT TO authenticated
    USING (customer_id = (select auth.uid()));

CREATE POLICY customer_ves_update_own ON public.customer_ves AS PERMISSIVE FOR UPDATE TO authenticated
    USING (customer_id = (select auth.uid()))
    WITH CHECK (customer_id = (select auth.uid()));

CREATE POLICY customers_select_self ON public.customers AS PERMISSIVE FOR SELECT TO authenticated
    USING (id = (select auth.uid()));

CREATE POLICY customers_update_self ON public.customers AS PERMISSIVE FOR UPDATE TO authenticated
    USING (id = (select auth.uid()))
    WITH CHECK (id = (select auth.uid()));

CREATE POLICY messages_insert_own ON public.messages AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK ((customer_id = (select auth.uid())) and (messages.customer_id is null or exists (select 1 from public.customers parent where parent.id = messages.customer_id)) and (messages.customer_ve_id is null or exists (select 1 from public.customer_ves parent where parent.id = messages.customer_ve_id)) and (messages.task_id is null or exists (select 1 from public.tasks parent where parent.id = messages.task_id)));

CREATE POLICY messages_select_own ON public.messages AS PERMISSIVE FOR SELECT TO authenticated
    USING (customer_id = (select auth.uid()));

CREATE POLICY tasks_insert_own ON public.tasks AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK ((customer_id = (select auth.uid())) and (tasks.assigned_ve_id is null or exists (select 1 from public.customer_ves parent where parent.id = tasks.assigned_ve_id)) and (tasks.customer_id is null or exists (select 1 from public.customers parent where parent.id = tasks.customer_id)));

CREATE POLICY tasks_select_own ON public.tasks AS PERMISSIVE FOR SELECT TO authenticated
    USING (customer_id = (select auth.uid()));

CREATE POLICY tasks_update_own ON public.tasks AS PERMISSIVE FOR UPDATE TO authenticated
    USING (customer_id = (select auth.uid()))
    WITH CHECK ((customer_id = (select auth.uid())) and (tasks.assigned_ve_id is null or exists (select 1 from public.customer_ves parent where parent.id = tasks.assigned_ve_id)) and (tasks.customer_id is null or exists (select 1 from public.customers parent where parent.id = tasks.customer_id)));

CREATE POLICY token_usage_select_own ON public.token_usage AS PERMISSIVE FOR SELECT TO authenticated
    USING (customer_id = (select auth.uid()));

CREATE POLICY virtual_employees_public_read ON public.virtual_employees AS PERMISSIVE FOR SELECT TO anon, authenticated
    USING (true);

REVOKE EXECUTE ON FUNCTION public.touch_updated_at() FROM anon, authenticated, service_role, PUBLIC;
