-- schemac: the access-control surface of project `agent-platform`: RLS flags, policies, grants.
-- For review; schema.sql and the migrations already contain these statements.

-- public.log_audit_event() runs as its owner (SECURITY DEFINER)

ALTER TABLE public.agent_execution_steps ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.agent_execution_steps FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.agent_execution_steps TO authenticated;

ALTER TABLE public.agent_templates ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.agent_templates FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.agent_templates TO authenticated;

ALTER TABLE public.agents_registry ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.agents_registry FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.agents_registry TO authenticated;

ALTER TABLE public.audit_logs ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.audit_logs FROM anon, authenticated, service_role;

GRANT SELECT ON TABLE public.audit_logs TO authenticated;

ALTER TABLE public.feature_toggles ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.feature_toggles FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.feature_toggles TO authenticated;

ALTER TABLE public.integration_analytics ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.integration_analytics FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.integration_analytics TO authenticated;

ALTER TABLE public.integration_types ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.integration_types FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.integration_types TO authenticated;

ALTER TABLE public.integrations ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.integrations FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.integrations TO authenticated;

ALTER TABLE public.multi_agent_executions ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.multi_agent_executions FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.multi_agent_executions TO authenticated;

ALTER TABLE public.sandbox_executions ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.sandbox_executions FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.sandbox_executions TO authenticated;

ALTER TABLE public.system_keys ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.system_keys FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.system_keys TO authenticated;

ALTER TABLE public.user_credentials ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.user_credentials FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.user_credentials TO authenticated;

ALTER TABLE public.webhook_logs ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.webhook_logs FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.webhook_logs TO authenticated;

CREATE POLICY agent_execution_steps_owner_delete ON public.agent_execution_steps AS PERMISSIVE FOR DELETE TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY agent_execution_steps_owner_insert ON public.agent_execution_steps AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK ((user_id = (select auth.uid())) and (agent_execution_steps.agent_id is null or exists (select 1 from public.agents_registry parent where parent.id = agent_execution_steps.agent_id)) and (agent_execution_steps.execution_id is null or exists (select 1 from public.multi_agent_executions parent where parent.id = agent_execution_steps.execution_id)));

CREATE POLICY agent_execution_steps_owner_select ON public.agent_execution_steps AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()) or (select is_admin()));

CREATE POLICY agent_execution_steps_owner_update ON public.agent_execution_steps AS PERMISSIVE FOR UPDATE TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK ((user_id = (select auth.uid())) and (agent_execution_steps.agent_id is null or exists (select 1 from public.agents_registry parent where parent.id = agent_execution_steps.agent_id)) and (agent_execution_steps.execution_id is null or exists (select 1 from public.multi_agent_executions parent where parent.id = agent_execution_steps.execution_id)));

CREATE POLICY agent_execution_steps_superadmin_all ON public.agent_execution_steps AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_superadmin()))
    WITH CHECK (((select is_superadmin())) and (agent_execution_steps.agent_id is null or exists (select 1 from public.agents_registry parent where parent.id = agent_execution_steps.agent_id)) and (agent_execution_steps.execution_id is null or exists (select 1 from public.multi_agent_executions parent where parent.id = agent_execution_steps.execution_id)));

CREATE POLICY agent_templates_admin_write ON public.agent_templates AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_admin()))
    WITH CHECK ((select is_admin()));

CREATE POLICY agent_templates_read ON public.agent_templates AS PERMISSIVE FOR SELECT TO authenticated
    USING (true);

CREATE POLICY agents_registry_owner_update ON public.agents_registry AS PERMISSIVE FOR UPDATE TO authenticated
    USING (owner_id = (select auth.uid()))
    WITH CHECK (owner_id = (select auth.uid()) and not is_system);

CREATE POLICY agents_registry_owner_write ON public.agents_registry AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK (owner_id = (select auth.uid()) and not is_system);

CREATE POLICY agents_registry_read ON public.agents_registry AS PERMISSIVE FOR SELECT TO authenticated
    USING (is_system or owner_id = (select auth.uid()) or (select is_admin()));

CREATE POLICY agents_registry_superadmin_all ON public.agents_registry AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_superadmin()))
    WITH CHECK ((select is_superadmin()));

CREATE POLICY audit_logs_own_or_admin ON public.audit_logs AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()) or (select is_admin()));

CREATE POLICY feature_toggles_admin_write ON public.feature_toggles AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_admin()))
    WITH CHECK ((select is_admin()));

CREATE POLICY feature_toggles_read ON public.feature_toggles AS PERMISSIVE FOR SELECT TO authenticated
    USING (true);

CREATE POLICY integration_analytics_owner_delete ON public.integration_analytics AS PERMISSIVE FOR DELETE TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY integration_analytics_owner_insert ON public.integration_analytics AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK ((user_id = (select auth.uid())) and (integration_analytics.integration_id is null or exists (select 1 from public.integrations parent where parent.id = integration_analytics.integration_id)));

CREATE POLICY integration_analytics_owner_select ON public.integration_analytics AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()) or (select is_admin()));

CREATE POLICY integration_analytics_owner_update ON public.integration_analytics AS PERMISSIVE FOR UPDATE TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK ((user_id = (select auth.uid())) and (integration_analytics.integration_id is null or exists (select 1 from public.integrations parent where parent.id = integration_analytics.integration_id)));

CREATE POLICY integration_analytics_superadmin_all ON public.integration_analytics AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_superadmin()))
    WITH CHECK (((select is_superadmin())) and (integration_analytics.integration_id is null or exists (select 1 from public.integrations parent where parent.id = integration_analytics.integration_id)));

CREATE POLICY integration_types_admin_write ON public.integration_types AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_admin()))
    WITH CHECK ((select is_admin()));

CREATE POLICY integration_types_read ON public.integration_types AS PERMISSIVE FOR SELECT TO authenticated
    USING (true);

CREATE POLICY integrations_owner_delete ON public.integrations AS PERMISSIVE FOR DELETE TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY integrations_owner_insert ON public.integrations AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK (user_id = (select auth.uid()));

CREATE POLICY integrations_owner_select ON public.integrations AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()) or (select is_admin()));

CREATE POLICY integrations_owner_update ON public.integrations AS PERMISSIVE FOR UPDATE TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK (user_id = (select auth.uid()));

CREATE POLICY integrations_superadmin_all ON public.integrations AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_superadmin()))
    WITH CHECK ((select is_superadmin()));

CREATE POLICY multi_agent_executions_owner_delete ON public.multi_agent_executions AS PERMISSIVE FOR DELETE TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY multi_agent_executions_owner_insert ON public.multi_agent_executions AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK ((user_id = (select auth.uid())) and (multi_agent_executions.orchestrator_agent_id is null or exists (select 1 from public.agents_registry parent where parent.id = multi_agent_executions.orchestrator_agent_id)));

CREATE POLICY multi_agent_executions_owner_select ON public.multi_agent_executions AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()) or (select is_admin()));

CREATE POLICY multi_agent_executions_owner_update ON public.multi_agent_executions AS PERMISSIVE FOR UPDATE TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK ((user_id = (select auth.uid())) and (multi_agent_executions.orchestrator_agent_id is null or exists (select 1 from public.agents_registry parent where parent.id = multi_agent_executions.orchestrator_agent_id)));

CREATE POLICY multi_agent_executions_superadmin_all ON public.multi_agent_executions AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_superadmin()))
    WITH CHECK (((select is_superadmin())) and (multi_agent_executions.orchestrator_agent_id is null or exists (select 1 from public.agents_registry parent where parent.id = multi_agent_executions.orchestrator_agent_id)));

CREATE POLICY sandbox_executions_owner_delete ON public.sandbox_executions AS PERMISSIVE FOR DELETE TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY sandbox_executions_owner_insert ON public.sandbox_executions AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK ((user_id = (select auth.uid())) and (sandbox_executions.agent_id is null or exists (select 1 from public.agents_registry parent where parent.id = sandbox_executions.agent_id)));

CREATE POLICY sandbox_executions_owner_select ON public.sandbox_executions AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()) or (select is_admin()));

CREATE POLICY sandbox_executions_owner_update ON public.sandbox_executions AS PERMISSIVE FOR UPDATE TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK ((user_id = (select auth.uid())) and (sandbox_executions.agent_id is null or exists (select 1 from public.agents_registry parent where parent.id = sandbox_executions.agent_id)));

CREATE POLICY sandbox_executions_superadmin_all ON public.sandbox_executions AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_superadmin()))
    WITH CHECK (((select is_superadmin())) and (sandbox_executions.agent_id is null or exists (select 1 from public.agents_registry parent where parent.id = sandbox_executions.agent_id)));

CREATE POLICY system_keys_admin_write ON public.system_keys AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_admin()))
    WITH CHECK ((select is_admin()));

CREATE POLICY system_keys_read ON public.system_keys AS PERMISSIVE FOR SELECT TO authenticated
    USING (true);

CREATE POLICY user_credentials_owner_delete ON public.user_credentials AS PERMISSIVE FOR DELETE TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY user_credentials_owner_insert ON public.user_credentials AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK (user_id = (select auth.uid()));

CREATE POLICY user_credentials_owner_select ON public.user_credentials AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()) or (select is_admin()));

CREATE POLICY user_credentials_owner_update ON public.user_credentials AS PERMISSIVE FOR UPDATE TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK (user_id = (select auth.uid()));

CREATE POLICY user_credentials_superadmin_all ON public.user_credentials AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_superadmin()))
    WITH CHECK ((select is_superadmin()));

CREATE POLICY webhook_logs_owner_delete ON public.webhook_logs AS PERMISSIVE FOR DELETE TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY webhook_logs_owner_insert ON public.webhook_logs AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK ((user_id = (select auth.uid())) and (webhook_logs.integration_id is null or exists (select 1 from public.integrations parent where parent.id = webhook_logs.integration_id)));

CREATE POLICY webhook_logs_owner_select ON public.webhook_logs AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()) or (select is_admin()));

CREATE POLICY webhook_logs_owner_update ON public.webhook_logs AS PERMISSIVE FOR UPDATE TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK ((user_id = (select auth.uid())) and (webhook_logs.integration_id is null or exists (select 1 from public.integrations parent where parent.id = webhook_logs.integration_id)));

CREATE POLICY webhook_logs_superadmin_all ON public.webhook_logs AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_superadmin()))
    WITH CHECK (((select is_superadmin())) and (webhook_logs.integration_id is null or exists (select 1 from public.integrations parent where parent.id = webhook_logs.integration_id)));

REVOKE EXECUTE ON FUNCTION public.calculate_manifest_checksum(jsonb) FROM anon, service_role, PUBLIC;

GRANT EXECUTE ON FUNCTION public.calculate_manifest_checksum(jsonb) TO authenticated;

REVOKE EXECUTE ON FUNCTION public.cleanup_old_webhook_logs(interval) FROM anon, authenticated, service_role, PUBLIC;

REVOKE EXECUTE ON FUNCTION public.generate_secure_token() FROM anon, PUBLIC;

GRANT EXECUTE ON FUNCTION public.generate_secure_token() TO authenticated, service_role;

REVOKE EXECUTE ON FUNCTION public.is_admin() FROM anon, service_role, PUBLIC;

GRANT EXECUTE ON FUNCTION public.is_admin() TO authenticated;

REVOKE EXECUTE ON FUNCTION public.is_superadmin() FROM anon, service_role, PUBLIC;

GRANT EXECUTE ON FUNCTION public.is_superadmin() TO authenticated;

REVOKE EXECUTE ON FUNCTION public.log_audit_event() FROM anon, authenticated, service_role, PUBLIC;

REVOKE EXECUTE ON FUNCTION public.mask_pii(text) FROM anon, service_role, PUBLIC;

GRANT EXECUTE ON FUNCTION public.mask_pii(text) TO authenticated;

REVOKE EXECUTE ON FUNCTION public.reject_mutation() FROM anon, authenticated, service_role, PUBLIC;

REVOKE EXECUTE ON FUNCTION public.touch_updated_at() FROM anon, authenticated, service_role, PUBLIC;

REVOKE EXECUTE ON FUNCTION public.validate_agent_manifest(jsonb) FROM anon, service_role, PUBLIC;

GRANT EXECUTE ON FUNCTION public.validate_agent_manifest(jsonb) TO authenticated;
