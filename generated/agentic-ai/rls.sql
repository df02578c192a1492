-- schemac: the access-control surface of project `agentic-ai`: RLS flags, policies, grants.
-- For review; schema.sql and the migrations already contain these statements.

ALTER TABLE agents.agents ENABLE ROW LEVEL SECURITY;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE agents.agents TO agentic_app;

-- autonomous.agent_memories: row level security is not enabled

-- autonomous.autonomous_agent_states: row level security is not enabled

-- autonomous.autonomous_decisions: row level security is not enabled

-- autonomous.autonomous_goals: row level security is not enabled

-- autonomous.learning_experiences: row level security is not enabled

ALTER TABLE public.conversations ENABLE ROW LEVEL SECURITY;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.conversations TO agentic_app;

ALTER TABLE public.knowledge_base_access ENABLE ROW LEVEL SECURITY;

GRANT SELECT ON TABLE public.knowledge_base_access TO agentic_app;

ALTER TABLE public.knowledge_bases ENABLE ROW LEVEL SECURITY;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.knowledge_bases TO agentic_app;

ALTER TABLE public.messages ENABLE ROW LEVEL SECURITY;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.messages TO agentic_app;

ALTER TABLE public.user_agents ENABLE ROW LEVEL SECURITY;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.user_agents TO agentic_app;

ALTER TABLE public.user_api_keys ENABLE ROW LEVEL SECURITY;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.user_api_keys TO agentic_app;

ALTER TABLE public.user_sessions ENABLE ROW LEVEL SECURITY;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.user_sessions TO agentic_app;

ALTER TABLE public.user_workflows ENABLE ROW LEVEL SECURITY;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.user_workflows TO agentic_app;

ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;

GRANT SELECT (id, email, username, user_group, is_active, last_login_at, created_at, updated_at), UPDATE (username) ON TABLE public.users TO agentic_app;

-- rag.document_chunks: row level security is not enabled

-- rag.documents: row level security is not enabled

-- tools.tools: row level security is not enabled

ALTER TABLE workflows.workflows ENABLE ROW LEVEL SECURITY;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE workflows.workflows TO agentic_app;

CREATE POLICY agents_isolate_delete ON agents.agents AS PERMISSIVE FOR DELETE TO agentic_app
    USING (created_by = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY agents_isolate_insert ON agents.agents AS PERMISSIVE FOR INSERT TO agentic_app
    WITH CHECK (created_by = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY agents_isolate_update ON agents.agents AS PERMISSIVE FOR UPDATE TO agentic_app
    USING (created_by = (select nullif(current_setting('app.user_id', true), '')::uuid))
    WITH CHECK (created_by = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY agents_visible ON agents.agents AS PERMISSIVE FOR SELECT TO agentic_app
    USING (created_by is null or created_by = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY conversations_isolate_delete ON public.conversations AS PERMISSIVE FOR DELETE TO agentic_app
    USING ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY conversations_isolate_insert ON public.conversations AS PERMISSIVE FOR INSERT TO agentic_app
    WITH CHECK (("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid)) and (conversations.agent_id is null or exists (select 1 from agents.agents parent where parent.id = conversations.agent_id)) and (conversations.user_id is null or exists (select 1 from public.users parent where parent.id = conversations.user_id)));

CREATE POLICY conversations_isolate_select ON public.conversations AS PERMISSIVE FOR SELECT TO agentic_app
    USING ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY conversations_isolate_update ON public.conversations AS PERMISSIVE FOR UPDATE TO agentic_app
    USING ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid))
    WITH CHECK (("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid)) and (conversations.agent_id is null or exists (select 1 from agents.agents parent where parent.id = conversations.agent_id)) and (conversations.user_id is null or exists (select 1 from public.users parent where parent.id = conversations.user_id)));

CREATE POLICY knowledge_base_access_isolate_select ON public.knowledge_base_access AS PERMISSIVE FOR SELECT TO agentic_app
    USING (user_id = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY knowledge_bases_isolate_delete ON public.knowledge_bases AS PERMISSIVE FOR DELETE TO agentic_app
    USING ("created_by" = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY knowledge_bases_isolate_insert ON public.knowledge_bases AS PERMISSIVE FOR INSERT TO agentic_app
    WITH CHECK ("created_by" = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY knowledge_bases_isolate_select ON public.knowledge_bases AS PERMISSIVE FOR SELECT TO agentic_app
    USING ("created_by" = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY knowledge_bases_isolate_update ON public.knowledge_bases AS PERMISSIVE FOR UPDATE TO agentic_app
    USING ("created_by" = (select nullif(current_setting('app.user_id', true), '')::uuid))
    WITH CHECK ("created_by" = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY knowledge_bases_shared ON public.knowledge_bases AS PERMISSIVE FOR SELECT TO agentic_app
    USING (is_public or id in (select a.knowledge_base_id from public.knowledge_base_access a));

CREATE POLICY messages_in_own_conversations ON public.messages AS PERMISSIVE FOR ALL TO agentic_app
    USING (conversation_id in (select c.id from public.conversations c))
    WITH CHECK (conversation_id in (select c.id from public.conversations c));

CREATE POLICY user_agents_isolate_delete ON public.user_agents AS PERMISSIVE FOR DELETE TO agentic_app
    USING ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY user_agents_isolate_insert ON public.user_agents AS PERMISSIVE FOR INSERT TO agentic_app
    WITH CHECK (("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid)) and (user_agents.agent_id is null or exists (select 1 from agents.agents parent where parent.id = user_agents.agent_id)) and (user_agents.user_id is null or exists (select 1 from public.users parent where parent.id = user_agents.user_id)));

CREATE POLICY user_agents_isolate_select ON public.user_agents AS PERMISSIVE FOR SELECT TO agentic_app
    USING ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY user_agents_isolate_update ON public.user_agents AS PERMISSIVE FOR UPDATE TO agentic_app
    USING ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid))
    WITH CHECK (("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid)) and (user_agents.agent_id is null or exists (select 1 from agents.agents parent where parent.id = user_agents.agent_id)) and (user_agents.user_id is null or exists (select 1 from public.users parent where parent.id = user_agents.user_id)));

CREATE POLICY user_api_keys_isolate_delete ON public.user_api_keys AS PERMISSIVE FOR DELETE TO agentic_app
    USING ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY user_api_keys_isolate_insert ON public.user_api_keys AS PERMISSIVE FOR INSERT TO agentic_app
    WITH CHECK ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY user_api_keys_isolate_select ON public.user_api_keys AS PERMISSIVE FOR SELECT TO agentic_app
    USING ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY user_api_keys_isolate_update ON public.user_api_keys AS PERMISSIVE FOR UPDATE TO agentic_app
    USING ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid))
    WITH CHECK ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY user_sessions_isolate_delete ON public.user_sessions AS PERMISSIVE FOR DELETE TO agentic_app
    USING ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY user_sessions_isolate_insert ON public.user_sessions AS PERMISSIVE FOR INSERT TO agentic_app
    WITH CHECK ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY user_sessions_isolate_select ON public.user_sessions AS PERMISSIVE FOR SELECT TO agentic_app
    USING ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY user_sessions_isolate_update ON public.user_sessions AS PERMISSIVE FOR UPDATE TO agentic_app
    USING ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid))
    WITH CHECK ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY user_workflows_isolate_delete ON public.user_workflows AS PERMISSIVE FOR DELETE TO agentic_app
    USING ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY user_workflows_isolate_insert ON public.user_workflows AS PERMISSIVE FOR INSERT TO agentic_app
    WITH CHECK (("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid)) and (user_workflows.user_id is null or exists (select 1 from public.users parent where parent.id = user_workflows.user_id)) and (user_workflows.workflow_id is null or exists (select 1 from workflows.workflows parent where parent.id = user_workflows.workflow_id)));

CREATE POLICY user_workflows_isolate_select ON public.user_workflows AS PERMISSIVE FOR SELECT TO agentic_app
    USING ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY user_workflows_isolate_update ON public.user_workflows AS PERMISSIVE FOR UPDATE TO agentic_app
    USING ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid))
    WITH CHECK (("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid)) and (user_workflows.user_id is null or exists (select 1 from public.users parent where parent.id = user_workflows.user_id)) and (user_workflows.workflow_id is null or exists (select 1 from workflows.workflows parent where parent.id = user_workflows.workflow_id)));

CREATE POLICY users_self ON public.users AS PERMISSIVE FOR SELECT TO agentic_app
    USING (id = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY users_self_update ON public.users AS PERMISSIVE FOR UPDATE TO agentic_app
    USING (id = (select nullif(current_setting('app.user_id', true), '')::uuid))
    WITH CHECK (id = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY workflows_isolate_delete ON workflows.workflows AS PERMISSIVE FOR DELETE TO agentic_app
    USING (owner_id = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY workflows_isolate_insert ON workflows.workflows AS PERMISSIVE FOR INSERT TO agentic_app
    WITH CHECK (owner_id = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY workflows_isolate_update ON workflows.workflows AS PERMISSIVE FOR UPDATE TO agentic_app
    USING (owner_id = (select nullif(current_setting('app.user_id', true), '')::uuid))
    WITH CHECK (owner_id = (select nullif(current_setting('app.user_id', true), '')::uuid));

CREATE POLICY workflows_visible ON workflows.workflows AS PERMISSIVE FOR SELECT TO agentic_app
    USING (owner_id is null or owner_id = (select nullif(current_setting('app.user_id', true), '')::uuid));

GRANT USAGE ON SCHEMA agents TO agentic_app;

GRANT USAGE ON SCHEMA workflows TO agentic_app;

GRANT USAGE ON SEQUENCE workflows.run_number_seq TO agentic_app;

REVOKE EXECUTE ON FUNCTION agents.active_agent_count() FROM PUBLIC;

GRANT EXECUTE ON FUNCTION agents.active_agent_count() TO agentic_app;

REVOKE EXECUTE ON FUNCTION public.update_updated_at() FROM PUBLIC;
