-- schemac: the access-control surface of project `mr-promth`: RLS flags, policies, grants.
-- For review; schema.sql and the migrations already contain these statements.

-- public.handle_new_user() runs as its owner (SECURITY DEFINER)

-- public.update_cli_session_last_seen() runs as its owner (SECURITY DEFINER)

ALTER TABLE public.agent_logs ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.agent_logs FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.agent_logs TO authenticated;

ALTER TABLE public.api_keys ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.api_keys FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.api_keys TO authenticated;

ALTER TABLE public.chat_sessions ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.chat_sessions FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.chat_sessions TO authenticated;

ALTER TABLE public.cli_sessions ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.cli_sessions FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.cli_sessions TO authenticated;

ALTER TABLE public.deployment_logs ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.deployment_logs FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.deployment_logs TO authenticated;

ALTER TABLE public.messages ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.messages FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE (content) ON TABLE public.messages TO authenticated;

ALTER TABLE public.projects ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.projects FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.projects TO authenticated;

ALTER TABLE public.prompts ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.prompts FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.prompts TO authenticated;

ALTER TABLE public.tool_executions ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.tool_executions FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.tool_executions TO authenticated;

ALTER TABLE public.user_profiles ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.user_profiles FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.user_profiles TO authenticated;

CREATE POLICY "Users can delete own agent_logs" ON public.agent_logs AS PERMISSIVE FOR DELETE TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY "Users can insert own agent_logs" ON public.agent_logs AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK ((user_id = (select auth.uid())) and (agent_logs.project_id is null or exists (select 1 from public.projects parent where parent.id = agent_logs.project_id)));

CREATE POLICY "Users can update own agent_logs" ON public.agent_logs AS PERMISSIVE FOR UPDATE TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK ((user_id = (select auth.uid())) and (agent_logs.project_id is null or exists (select 1 from public.projects parent where parent.id = agent_logs.project_id)));

CREATE POLICY "Users can view own agent_logs" ON public.agent_logs AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY "Users can delete own api_keys" ON public.api_keys AS PERMISSIVE FOR DELETE TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY "Users can insert own api_keys" ON public.api_keys AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK (user_id = (select auth.uid()));

CREATE POLICY "Users can update own api_keys" ON public.api_keys AS PERMISSIVE FOR UPDATE TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK (user_id = (select auth.uid()));

CREATE POLICY "Users can view own api_keys" ON public.api_keys AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY "Users can delete own chat_sessions" ON public.chat_sessions AS PERMISSIVE FOR DELETE TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY "Users can insert own chat_sessions" ON public.chat_sessions AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK (user_id = (select auth.uid()));

CREATE POLICY "Users can update own chat_sessions" ON public.chat_sessions AS PERMISSIVE FOR UPDATE TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK (user_id = (select auth.uid()));

CREATE POLICY "Users can view own chat_sessions" ON public.chat_sessions AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY "Users can delete own cli_sessions" ON public.cli_sessions AS PERMISSIVE FOR DELETE TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY "Users can insert own cli_sessions" ON public.cli_sessions AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK (user_id = (select auth.uid()));

CREATE POLICY "Users can update own cli_sessions" ON public.cli_sessions AS PERMISSIVE FOR UPDATE TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK (user_id = (select auth.uid()));

CREATE POLICY "Users can view own cli_sessions" ON public.cli_sessions AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY "Users can delete own deployment_logs" ON public.deployment_logs AS PERMISSIVE FOR DELETE TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY "Users can insert own deployment_logs" ON public.deployment_logs AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK ((user_id = (select auth.uid())) and (deployment_logs.project_id is null or exists (select 1 from public.projects parent where parent.id = deployment_logs.project_id)));

CREATE POLICY "Users can update own deployment_logs" ON public.deployment_logs AS PERMISSIVE FOR UPDATE TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK ((user_id = (select auth.uid())) and (deployment_logs.project_id is null or exists (select 1 from public.projects parent where parent.id = deployment_logs.project_id)));

CREATE POLICY "Users can view own deployment_logs" ON public.deployment_logs AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY "Users can delete own messages" ON public.messages AS PERMISSIVE FOR DELETE TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY "Users can insert own messages" ON public.messages AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK ((user_id = (select auth.uid())) and (messages.session_id is null or exists (select 1 from public.chat_sessions parent where parent.id = messages.session_id)));

CREATE POLICY "Users can update own messages" ON public.messages AS PERMISSIVE FOR UPDATE TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK ((user_id = (select auth.uid())) and (messages.session_id is null or exists (select 1 from public.chat_sessions parent where parent.id = messages.session_id)));

CREATE POLICY "Users can view own messages" ON public.messages AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY "Users can delete own projects" ON public.projects AS PERMISSIVE FOR DELETE TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY "Users can insert own projects" ON public.projects AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK (user_id = (select auth.uid()));

CREATE POLICY "Users can update own projects" ON public.projects AS PERMISSIVE FOR UPDATE TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK (user_id = (select auth.uid()));

CREATE POLICY "Users can view own projects" ON public.projects AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY "Anyone signed in can view public prompts" ON public.prompts AS PERMISSIVE FOR SELECT TO authenticated
    USING (is_public);

CREATE POLICY "Users can delete own prompts" ON public.prompts AS PERMISSIVE FOR DELETE TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY "Users can insert own prompts" ON public.prompts AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK (user_id = (select auth.uid()));

CREATE POLICY "Users can update own prompts" ON public.prompts AS PERMISSIVE FOR UPDATE TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK (user_id = (select auth.uid()));

CREATE POLICY "Users can view own prompts" ON public.prompts AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY "Users can delete own tool_executions" ON public.tool_executions AS PERMISSIVE FOR DELETE TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY "Users can insert own tool_executions" ON public.tool_executions AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK ((user_id = (select auth.uid())) and (tool_executions.cli_session_id is null or exists (select 1 from public.cli_sessions parent where parent.id = tool_executions.cli_session_id)) and (tool_executions.project_id is null or exists (select 1 from public.projects parent where parent.id = tool_executions.project_id)));

CREATE POLICY "Users can update own tool_executions" ON public.tool_executions AS PERMISSIVE FOR UPDATE TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK ((user_id = (select auth.uid())) and (tool_executions.cli_session_id is null or exists (select 1 from public.cli_sessions parent where parent.id = tool_executions.cli_session_id)) and (tool_executions.project_id is null or exists (select 1 from public.projects parent where parent.id = tool_executions.project_id)));

CREATE POLICY "Users can view own tool_executions" ON public.tool_executions AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY "Users can delete own user_profiles" ON public.user_profiles AS PERMISSIVE FOR DELETE TO authenticated
    USING (id = (select auth.uid()));

CREATE POLICY "Users can insert own user_profiles" ON public.user_profiles AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK (id = (select auth.uid()));

CREATE POLICY "Users can update own user_profiles" ON public.user_profiles AS PERMISSIVE FOR UPDATE TO authenticated
    USING (id = (select auth.uid()))
    WITH CHECK (id = (select auth.uid()));

CREATE POLICY "Users can view own user_profiles" ON public.user_profiles AS PERMISSIVE FOR SELECT TO authenticated
    USING (id = (select auth.uid()));

CREATE POLICY "Avatars are readable by anyone" ON storage.objects AS PERMISSIVE FOR SELECT TO anon, authenticated
    USING (bucket_id = 'avatars');

COMMENT ON POLICY "Avatars are readable by anyone" ON storage.objects IS 'Avatars are public.';

CREATE POLICY "Users delete their own avatar" ON storage.objects AS PERMISSIVE FOR DELETE TO authenticated
    USING (bucket_id = 'avatars' and owner = (select auth.uid()));

CREATE POLICY "Users replace their own avatar" ON storage.objects AS PERMISSIVE FOR UPDATE TO authenticated
    USING (bucket_id = 'avatars' and owner = (select auth.uid()))
    WITH CHECK (bucket_id = 'avatars' and owner = (select auth.uid())
                and (storage.foldername(name))[1] = (select auth.uid())::text);

CREATE POLICY "Users upload their own avatar" ON storage.objects AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK (bucket_id = 'avatars' and owner = (select auth.uid())
                and (storage.foldername(name))[1] = (select auth.uid())::text);

COMMENT ON POLICY "Users upload their own avatar" ON storage.objects IS 'Users upload, replace and delete only their own avatar, stored under their id
(`<user id>/avatar.png`): nobody writes into another user''s folder.';

REVOKE EXECUTE ON FUNCTION public.handle_new_user() FROM anon, authenticated, service_role, PUBLIC;

REVOKE EXECUTE ON FUNCTION public.update_cli_session_last_seen() FROM anon, authenticated, service_role, PUBLIC;

REVOKE EXECUTE ON FUNCTION public.update_updated_at_column() FROM anon, authenticated, service_role, PUBLIC;
