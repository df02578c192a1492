-- schemac migration 0003_close_cross_tenant_writes (down)
-- Reverts 0003_close_cross_tenant_writes: returns the database to the schema before it.
-- Hazards: changes-authorization

BEGIN;

REVOKE DELETE ON TABLE public.agents_registry FROM authenticated;

REVOKE INSERT ON TABLE public.agents_registry FROM authenticated;

REVOKE SELECT ON TABLE public.agents_registry FROM authenticated;

REVOKE UPDATE ON TABLE public.agents_registry FROM authenticated;

ALTER POLICY agent_execution_steps_owner_insert ON public.agent_execution_steps TO authenticated
    WITH CHECK (user_id = (select auth.uid()));

ALTER POLICY agent_execution_steps_owner_update ON public.agent_execution_steps TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK (user_id = (select auth.uid()));

ALTER POLICY agent_execution_steps_superadmin_all ON public.agent_execution_steps TO authenticated
    USING ((select is_superadmin()))
    WITH CHECK ((select is_superadmin()));

ALTER POLICY integration_analytics_owner_insert ON public.integration_analytics TO authenticated
    WITH CHECK (user_id = (select auth.uid()));

ALTER POLICY integration_analytics_owner_update ON public.integration_analytics TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK (user_id = (select auth.uid()));

ALTER POLICY integration_analytics_superadmin_all ON public.integration_analytics TO authenticated
    USING ((select is_superadmin()))
    WITH CHECK ((select is_superadmin()));

ALTER POLICY multi_agent_executions_owner_insert ON public.multi_agent_executions TO authenticated
    WITH CHECK (user_id = (select auth.uid()));

ALTER POLICY multi_agent_executions_owner_update ON public.multi_agent_executions TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK (user_id = (select auth.uid()));

ALTER POLICY multi_agent_executions_superadmin_all ON public.multi_agent_executions TO authenticated
    USING ((select is_superadmin()))
    WITH CHECK ((select is_superadmin()));

ALTER POLICY sandbox_executions_owner_insert ON public.sandbox_executions TO authenticated
    WITH CHECK (user_id = (select auth.uid()));

ALTER POLICY sandbox_executions_owner_update ON public.sandbox_executions TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK (user_id = (select auth.uid()));

ALTER POLICY sandbox_executions_superadmin_all ON public.sandbox_executions TO authenticated
    USING ((select is_superadmin()))
    WITH CHECK ((select is_superadmin()));

ALTER POLICY webhook_logs_owner_insert ON public.webhook_logs TO authenticated
    WITH CHECK (user_id = (select auth.uid()));

ALTER POLICY webhook_logs_owner_update ON public.webhook_logs TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK (user_id = (select auth.uid()));

ALTER POLICY webhook_logs_superadmin_all ON public.webhook_logs TO authenticated
    USING ((select is_superadmin()))
    WITH CHECK ((select is_superadmin()));

COMMIT;
