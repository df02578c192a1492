-- schemac migration 0002_grant_api_roles (down)
-- Reverts 0002_grant_api_roles: returns the database to the schema before it.
-- Hazards: changes-authorization

BEGIN;

REVOKE DELETE ON TABLE public.agent_logs FROM authenticated;

REVOKE INSERT ON TABLE public.agent_logs FROM authenticated;

REVOKE SELECT ON TABLE public.agent_logs FROM authenticated;

REVOKE UPDATE ON TABLE public.agent_logs FROM authenticated;

REVOKE DELETE ON TABLE public.api_keys FROM authenticated;

REVOKE INSERT ON TABLE public.api_keys FROM authenticated;

REVOKE SELECT ON TABLE public.api_keys FROM authenticated;

REVOKE UPDATE ON TABLE public.api_keys FROM authenticated;

REVOKE DELETE ON TABLE public.chat_sessions FROM authenticated;

REVOKE INSERT ON TABLE public.chat_sessions FROM authenticated;

REVOKE SELECT ON TABLE public.chat_sessions FROM authenticated;

REVOKE UPDATE ON TABLE public.chat_sessions FROM authenticated;

REVOKE DELETE ON TABLE public.cli_sessions FROM authenticated;

REVOKE INSERT ON TABLE public.cli_sessions FROM authenticated;

REVOKE SELECT ON TABLE public.cli_sessions FROM authenticated;

REVOKE UPDATE ON TABLE public.cli_sessions FROM authenticated;

REVOKE DELETE ON TABLE public.deployment_logs FROM authenticated;

REVOKE INSERT ON TABLE public.deployment_logs FROM authenticated;

REVOKE SELECT ON TABLE public.deployment_logs FROM authenticated;

REVOKE UPDATE ON TABLE public.deployment_logs FROM authenticated;

REVOKE DELETE ON TABLE public.messages FROM authenticated;

REVOKE INSERT ON TABLE public.messages FROM authenticated;

REVOKE SELECT ON TABLE public.messages FROM authenticated;

REVOKE UPDATE ON TABLE public.messages FROM authenticated;

REVOKE DELETE ON TABLE public.projects FROM authenticated;

REVOKE INSERT ON TABLE public.projects FROM authenticated;

REVOKE SELECT ON TABLE public.projects FROM authenticated;

REVOKE UPDATE ON TABLE public.projects FROM authenticated;

REVOKE DELETE ON TABLE public.prompts FROM authenticated;

REVOKE INSERT ON TABLE public.prompts FROM authenticated;

REVOKE SELECT ON TABLE public.prompts FROM authenticated;

REVOKE UPDATE ON TABLE public.prompts FROM authenticated;

REVOKE DELETE ON TABLE public.tool_executions FROM authenticated;

REVOKE INSERT ON TABLE public.tool_executions FROM authenticated;

REVOKE SELECT ON TABLE public.tool_executions FROM authenticated;

REVOKE UPDATE ON TABLE public.tool_executions FROM authenticated;

REVOKE DELETE ON TABLE public.user_profiles FROM authenticated;

REVOKE INSERT ON TABLE public.user_profiles FROM authenticated;

REVOKE SELECT ON TABLE public.user_profiles FROM authenticated;

REVOKE UPDATE ON TABLE public.user_profiles FROM authenticated;

COMMIT;
