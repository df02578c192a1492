-- schemac migration 0002_grant_api_roles (down)
-- Reverts 0002_grant_api_roles: returns the database to the schema before it.
-- Hazards: changes-authorization

BEGIN;

REVOKE DELETE ON TABLE public.agent_execution_steps FROM authenticated;

REVOKE INSERT ON TABLE public.agent_execution_steps FROM authenticated;

REVOKE SELECT ON TABLE public.agent_execution_steps FROM authenticated;

REVOKE UPDATE ON TABLE public.agent_execution_steps FROM authenticated;

REVOKE DELETE ON TABLE public.agent_templates FROM authenticated;

REVOKE INSERT ON TABLE public.agent_templates FROM authenticated;

REVOKE SELECT ON TABLE public.agent_templates FROM authenticated;

REVOKE UPDATE ON TABLE public.agent_templates FROM authenticated;

REVOKE SELECT ON TABLE public.audit_logs FROM authenticated;

REVOKE DELETE ON TABLE public.feature_toggles FROM authenticated;

REVOKE INSERT ON TABLE public.feature_toggles FROM authenticated;

REVOKE SELECT ON TABLE public.feature_toggles FROM authenticated;

REVOKE UPDATE ON TABLE public.feature_toggles FROM authenticated;

REVOKE DELETE ON TABLE public.integration_analytics FROM authenticated;

REVOKE INSERT ON TABLE public.integration_analytics FROM authenticated;

REVOKE SELECT ON TABLE public.integration_analytics FROM authenticated;

REVOKE UPDATE ON TABLE public.integration_analytics FROM authenticated;

REVOKE DELETE ON TABLE public.integration_types FROM authenticated;

REVOKE INSERT ON TABLE public.integration_types FROM authenticated;

REVOKE SELECT ON TABLE public.integration_types FROM authenticated;

REVOKE UPDATE ON TABLE public.integration_types FROM authenticated;

REVOKE DELETE ON TABLE public.integrations FROM authenticated;

REVOKE INSERT ON TABLE public.integrations FROM authenticated;

REVOKE SELECT ON TABLE public.integrations FROM authenticated;

REVOKE UPDATE ON TABLE public.integrations FROM authenticated;

REVOKE DELETE ON TABLE public.multi_agent_executions FROM authenticated;

REVOKE INSERT ON TABLE public.multi_agent_executions FROM authenticated;

REVOKE SELECT ON TABLE public.multi_agent_executions FROM authenticated;

REVOKE UPDATE ON TABLE public.multi_agent_executions FROM authenticated;

REVOKE DELETE ON TABLE public.sandbox_executions FROM authenticated;

REVOKE INSERT ON TABLE public.sandbox_executions FROM authenticated;

REVOKE SELECT ON TABLE public.sandbox_executions FROM authenticated;

REVOKE UPDATE ON TABLE public.sandbox_executions FROM authenticated;

REVOKE DELETE ON TABLE public.system_keys FROM authenticated;

REVOKE INSERT ON TABLE public.system_keys FROM authenticated;

REVOKE SELECT ON TABLE public.system_keys FROM authenticated;

REVOKE UPDATE ON TABLE public.system_keys FROM authenticated;

REVOKE DELETE ON TABLE public.user_credentials FROM authenticated;

REVOKE INSERT ON TABLE public.user_credentials FROM authenticated;

REVOKE SELECT ON TABLE public.user_credentials FROM authenticated;

REVOKE UPDATE ON TABLE public.user_credentials FROM authenticated;

REVOKE DELETE ON TABLE public.webhook_logs FROM authenticated;

REVOKE INSERT ON TABLE public.webhook_logs FROM authenticated;

REVOKE SELECT ON TABLE public.webhook_logs FROM authenticated;

REVOKE UPDATE ON TABLE public.webhook_logs FROM authenticated;

COMMIT;
