-- schemac migration 0002_isolate_users (down)
-- Reverts 0002_isolate_users: returns the database to the schema before it.
-- Hazards: changes-authorization, locks-table

BEGIN;

DROP POLICY users_self_update ON public.users;

DROP POLICY users_self ON public.users;

DROP POLICY user_workflows_isolate_update ON public.user_workflows;

DROP POLICY user_workflows_isolate_select ON public.user_workflows;

DROP POLICY user_workflows_isolate_insert ON public.user_workflows;

DROP POLICY user_workflows_isolate_delete ON public.user_workflows;

DROP POLICY user_sessions_isolate_update ON public.user_sessions;

DROP POLICY user_sessions_isolate_select ON public.user_sessions;

DROP POLICY user_sessions_isolate_insert ON public.user_sessions;

DROP POLICY user_sessions_isolate_delete ON public.user_sessions;

DROP POLICY user_api_keys_isolate_update ON public.user_api_keys;

DROP POLICY user_api_keys_isolate_select ON public.user_api_keys;

DROP POLICY user_api_keys_isolate_insert ON public.user_api_keys;

DROP POLICY user_api_keys_isolate_delete ON public.user_api_keys;

DROP POLICY user_agents_isolate_update ON public.user_agents;

DROP POLICY user_agents_isolate_select ON public.user_agents;

DROP POLICY user_agents_isolate_insert ON public.user_agents;

DROP POLICY user_agents_isolate_delete ON public.user_agents;

DROP POLICY messages_in_own_conversations ON public.messages;

DROP POLICY knowledge_bases_shared ON public.knowledge_bases;

DROP POLICY knowledge_bases_isolate_update ON public.knowledge_bases;

DROP POLICY knowledge_bases_isolate_select ON public.knowledge_bases;

DROP POLICY knowledge_bases_isolate_insert ON public.knowledge_bases;

DROP POLICY knowledge_bases_isolate_delete ON public.knowledge_bases;

DROP POLICY knowledge_base_access_isolate_select ON public.knowledge_base_access;

DROP POLICY conversations_isolate_update ON public.conversations;

DROP POLICY conversations_isolate_select ON public.conversations;

DROP POLICY conversations_isolate_insert ON public.conversations;

DROP POLICY conversations_isolate_delete ON public.conversations;

ALTER TABLE public.conversations DISABLE ROW LEVEL SECURITY;

REVOKE DELETE ON TABLE public.conversations FROM agentic_app;

REVOKE INSERT ON TABLE public.conversations FROM agentic_app;

REVOKE SELECT ON TABLE public.conversations FROM agentic_app;

REVOKE UPDATE ON TABLE public.conversations FROM agentic_app;

ALTER TABLE public.knowledge_base_access DISABLE ROW LEVEL SECURITY;

REVOKE SELECT ON TABLE public.knowledge_base_access FROM agentic_app;

ALTER TABLE public.knowledge_bases DISABLE ROW LEVEL SECURITY;

REVOKE DELETE ON TABLE public.knowledge_bases FROM agentic_app;

REVOKE INSERT ON TABLE public.knowledge_bases FROM agentic_app;

REVOKE SELECT ON TABLE public.knowledge_bases FROM agentic_app;

REVOKE UPDATE ON TABLE public.knowledge_bases FROM agentic_app;

ALTER TABLE public.messages DISABLE ROW LEVEL SECURITY;

REVOKE DELETE ON TABLE public.messages FROM agentic_app;

REVOKE INSERT ON TABLE public.messages FROM agentic_app;

REVOKE SELECT ON TABLE public.messages FROM agentic_app;

REVOKE UPDATE ON TABLE public.messages FROM agentic_app;

ALTER TABLE public.user_agents DISABLE ROW LEVEL SECURITY;

REVOKE DELETE ON TABLE public.user_agents FROM agentic_app;

REVOKE INSERT ON TABLE public.user_agents FROM agentic_app;

REVOKE SELECT ON TABLE public.user_agents FROM agentic_app;

REVOKE UPDATE ON TABLE public.user_agents FROM agentic_app;

ALTER TABLE public.user_api_keys DISABLE ROW LEVEL SECURITY;

REVOKE DELETE ON TABLE public.user_api_keys FROM agentic_app;

REVOKE INSERT ON TABLE public.user_api_keys FROM agentic_app;

REVOKE SELECT ON TABLE public.user_api_keys FROM agentic_app;

REVOKE UPDATE ON TABLE public.user_api_keys FROM agentic_app;

ALTER TABLE public.user_sessions DISABLE ROW LEVEL SECURITY;

REVOKE DELETE ON TABLE public.user_sessions FROM agentic_app;

REVOKE INSERT ON TABLE public.user_sessions FROM agentic_app;

REVOKE SELECT ON TABLE public.user_sessions FROM agentic_app;

REVOKE UPDATE ON TABLE public.user_sessions FROM agentic_app;

ALTER TABLE public.user_workflows DISABLE ROW LEVEL SECURITY;

REVOKE DELETE ON TABLE public.user_workflows FROM agentic_app;

REVOKE INSERT ON TABLE public.user_workflows FROM agentic_app;

REVOKE SELECT ON TABLE public.user_workflows FROM agentic_app;

REVOKE UPDATE ON TABLE public.user_workflows FROM agentic_app;

ALTER TABLE public.users DISABLE ROW LEVEL SECURITY;

REVOKE SELECT (id, email, username, user_group, is_active, last_login_at, created_at, updated_at) ON TABLE public.users FROM agentic_app;

REVOKE UPDATE (username) ON TABLE public.users FROM agentic_app;

COMMIT;
