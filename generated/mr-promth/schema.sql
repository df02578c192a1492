-- schemac: the whole schema of project `mr-promth`, in dependency order.
-- Runs on an empty database (after `schemac prelude`). Generated; do not edit.

BEGIN;

CREATE FUNCTION public.handle_new_user()
    RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = ''
AS $$
begin
  insert into public.user_profiles (id, display_name)
  values (new.id, coalesce(new.raw_user_meta_data ->> 'full_name', new.email));
  return new;
end
$$;

COMMENT ON FUNCTION public.handle_new_user() IS 'Creates the profile of a user who just signed up (runs as its owner: the signing-up
user cannot write user_profiles yet).';

CREATE FUNCTION public.update_cli_session_last_seen()
    RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = ''
AS $$
begin
  update public.cli_sessions set last_seen_at = now()
   where id = new.cli_session_id and user_id = new.user_id;
  return new;
end
$$;

COMMENT ON FUNCTION public.update_cli_session_last_seen() IS 'Marks the CLI session of a tool execution as seen now: only a session of the user
who made the call (it runs with its owner''s rights, past RLS).';

CREATE FUNCTION public.update_updated_at_column()
    RETURNS trigger
    LANGUAGE plpgsql
AS $$
begin
  new.updated_at = now();
  return new;
end
$$;

COMMENT ON FUNCTION public.update_updated_at_column() IS 'Keeps updated_at current.';

CREATE TABLE public.agent_logs (
    id bigint GENERATED ALWAYS AS IDENTITY,
    project_id uuid NOT NULL,
    user_id uuid NOT NULL,
    agent_name text NOT NULL,
    agent_step smallint NOT NULL,
    input jsonb,
    output jsonb,
    error text,
    duration_ms integer,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT agent_logs_pkey PRIMARY KEY (id)
);

ALTER TABLE public.agent_logs ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.agent_logs IS 'What each agent of the chain did for a project.';

REVOKE ALL ON TABLE public.agent_logs FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.agent_logs TO authenticated;

CREATE TABLE public.api_keys (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL,
    provider text NOT NULL,
    encrypted_key text NOT NULL,
    key_hash text NOT NULL,
    masked_key text NOT NULL,
    is_active boolean NOT NULL DEFAULT true,
    metadata jsonb NOT NULL DEFAULT '{}',
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT api_keys_pkey PRIMARY KEY (id),
    CONSTRAINT api_keys_provider_check CHECK (provider in ('openai', 'anthropic', 'google', 'vanchin', 'openrouter')),
    CONSTRAINT api_keys_user_id_provider_key_hash_key UNIQUE (user_id, provider, key_hash)
);

ALTER TABLE public.api_keys ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.api_keys IS 'Encrypted API keys (AES-256-GCM, done by the application) for LLM providers.';

COMMENT ON COLUMN public.api_keys.metadata IS 'Provider-specific data, e.g. VanchinAI endpoint ids.';

REVOKE ALL ON TABLE public.api_keys FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.api_keys TO authenticated;

CREATE TABLE public.chat_sessions (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL,
    title text NOT NULL DEFAULT 'New chat',
    model text,
    archived boolean NOT NULL DEFAULT false,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT chat_sessions_pkey PRIMARY KEY (id)
);

ALTER TABLE public.chat_sessions ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.chat_sessions IS 'A chat history.';

REVOKE ALL ON TABLE public.chat_sessions FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.chat_sessions TO authenticated;

CREATE TABLE public.cli_sessions (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL,
    device_name text,
    cli_version text,
    token_hash text NOT NULL,
    last_seen_at timestamp with time zone NOT NULL DEFAULT now(),
    expires_at timestamp with time zone NOT NULL DEFAULT now() + interval '30 days',
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT cli_sessions_pkey PRIMARY KEY (id),
    CONSTRAINT cli_sessions_token_hash_key UNIQUE (token_hash)
);

ALTER TABLE public.cli_sessions ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.cli_sessions IS 'An active CLI connection.';

REVOKE ALL ON TABLE public.cli_sessions FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.cli_sessions TO authenticated;

CREATE TABLE public.deployment_logs (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    project_id uuid NOT NULL,
    user_id uuid NOT NULL,
    provider text NOT NULL,
    status text NOT NULL DEFAULT 'queued',
    url text,
    log text,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    finished_at timestamp with time zone,
    CONSTRAINT deployment_logs_pkey PRIMARY KEY (id),
    CONSTRAINT deployment_logs_provider_check CHECK (provider in ('vercel', 'netlify', 'cloudflare', 'railway')),
    CONSTRAINT deployment_logs_status_check CHECK (status in ('queued', 'building', 'ready', 'error'))
);

ALTER TABLE public.deployment_logs ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.deployment_logs IS 'Deployment history.';

REVOKE ALL ON TABLE public.deployment_logs FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.deployment_logs TO authenticated;

CREATE TABLE public.messages (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    session_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role text NOT NULL,
    content text NOT NULL,
    tokens_used integer,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT messages_pkey PRIMARY KEY (id),
    CONSTRAINT messages_role_check CHECK (role in ('user', 'assistant', 'system'))
);

ALTER TABLE public.messages ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.messages IS 'A message of a chat session.';

REVOKE ALL ON TABLE public.messages FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE (content) ON TABLE public.messages TO authenticated;

CREATE TABLE public.projects (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL,
    name text NOT NULL,
    prompt text NOT NULL,
    status text NOT NULL DEFAULT 'pending',
    progress smallint NOT NULL DEFAULT 0,
    output_url text,
    error text,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT projects_pkey PRIMARY KEY (id),
    CONSTRAINT projects_progress_check CHECK (progress between 0 and 100),
    CONSTRAINT projects_status_check CHECK (status in ('pending', 'generating', 'completed', 'failed'))
);

ALTER TABLE public.projects ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.projects IS 'A generated project.';

REVOKE ALL ON TABLE public.projects FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.projects TO authenticated;

CREATE TABLE public.prompts (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL,
    title text NOT NULL,
    content text NOT NULL,
    category text,
    is_public boolean NOT NULL DEFAULT false,
    use_count integer NOT NULL DEFAULT 0,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT prompts_pkey PRIMARY KEY (id)
);

ALTER TABLE public.prompts ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.prompts IS 'Saved prompt templates; public ones are readable by everyone signed in.';

REVOKE ALL ON TABLE public.prompts FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.prompts TO authenticated;

CREATE TABLE public.tool_executions (
    id bigint GENERATED ALWAYS AS IDENTITY,
    cli_session_id uuid,
    project_id uuid,
    user_id uuid NOT NULL,
    tool_name text NOT NULL,
    arguments jsonb NOT NULL DEFAULT '{}',
    result jsonb,
    success boolean,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT tool_executions_pkey PRIMARY KEY (id)
);

ALTER TABLE public.tool_executions ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.tool_executions IS 'One tool call made from the CLI.';

REVOKE ALL ON TABLE public.tool_executions FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.tool_executions TO authenticated;

CREATE TABLE public.user_profiles (
    id uuid NOT NULL,
    display_name text,
    avatar_url text,
    preferences jsonb NOT NULL DEFAULT '{}',
    default_provider text,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT user_profiles_pkey PRIMARY KEY (id)
);

ALTER TABLE public.user_profiles ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.user_profiles IS 'Profile and preferences of a user.';

REVOKE ALL ON TABLE public.user_profiles FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.user_profiles TO authenticated;

ALTER TABLE public.agent_logs ADD CONSTRAINT agent_logs_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects ON DELETE CASCADE;

ALTER TABLE public.agent_logs ADD CONSTRAINT agent_logs_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE;

ALTER TABLE public.api_keys ADD CONSTRAINT api_keys_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE;

ALTER TABLE public.chat_sessions ADD CONSTRAINT chat_sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE;

ALTER TABLE public.cli_sessions ADD CONSTRAINT cli_sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE;

ALTER TABLE public.deployment_logs ADD CONSTRAINT deployment_logs_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects ON DELETE CASCADE;

ALTER TABLE public.deployment_logs ADD CONSTRAINT deployment_logs_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE;

ALTER TABLE public.messages ADD CONSTRAINT messages_session_id_fkey FOREIGN KEY (session_id) REFERENCES public.chat_sessions ON DELETE CASCADE;

ALTER TABLE public.messages ADD CONSTRAINT messages_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE;

ALTER TABLE public.projects ADD CONSTRAINT projects_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE;

ALTER TABLE public.prompts ADD CONSTRAINT prompts_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE;

ALTER TABLE public.tool_executions ADD CONSTRAINT tool_executions_cli_session_id_fkey FOREIGN KEY (cli_session_id) REFERENCES public.cli_sessions ON DELETE SET NULL;

ALTER TABLE public.tool_executions ADD CONSTRAINT tool_executions_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects ON DELETE CASCADE;

ALTER TABLE public.tool_executions ADD CONSTRAINT tool_executions_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE;

ALTER TABLE public.user_profiles ADD CONSTRAINT user_profiles_id_fkey FOREIGN KEY (id) REFERENCES auth.users (id) ON DELETE CASCADE;

CREATE INDEX agent_logs_project_id_agent_step_idx ON public.agent_logs (project_id, agent_step);

CREATE INDEX agent_logs_user_id_idx ON public.agent_logs (user_id);

CREATE INDEX api_keys_metadata_idx ON public.api_keys USING gin (metadata);

CREATE INDEX api_keys_user_id_provider_idx ON public.api_keys (user_id, provider) WHERE (is_active);

CREATE INDEX chat_sessions_user_id_updated_at_idx ON public.chat_sessions (user_id, updated_at DESC);

CREATE INDEX cli_sessions_expires_at_idx ON public.cli_sessions (expires_at);

CREATE INDEX cli_sessions_user_id_idx ON public.cli_sessions (user_id);

CREATE INDEX deployment_logs_project_id_created_at_idx ON public.deployment_logs (project_id, created_at DESC);

CREATE INDEX deployment_logs_user_id_idx ON public.deployment_logs (user_id);

CREATE INDEX messages_session_id_created_at_idx ON public.messages (session_id, created_at);

CREATE INDEX messages_user_id_idx ON public.messages (user_id);

CREATE INDEX projects_status_idx ON public.projects (status) WHERE (status in ('pending', 'generating'));

CREATE INDEX projects_user_id_created_at_idx ON public.projects (user_id, created_at DESC);

CREATE INDEX prompts_category_idx ON public.prompts (category) WHERE (is_public);

CREATE INDEX prompts_user_id_idx ON public.prompts (user_id);

CREATE INDEX tool_executions_cli_session_id_idx ON public.tool_executions (cli_session_id);

CREATE INDEX tool_executions_project_id_idx ON public.tool_executions (project_id);

CREATE INDEX tool_executions_user_id_created_at_idx ON public.tool_executions (user_id, created_at DESC);

CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION public.handle_new_user();

COMMENT ON TRIGGER on_auth_user_created ON auth.users IS 'Every new user gets a profile.';

CREATE TRIGGER update_api_keys_updated_at BEFORE UPDATE ON public.api_keys FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column();

CREATE TRIGGER update_chat_sessions_updated_at BEFORE UPDATE ON public.chat_sessions FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column();

CREATE TRIGGER update_projects_updated_at BEFORE UPDATE ON public.projects FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column();

CREATE TRIGGER update_prompts_updated_at BEFORE UPDATE ON public.prompts FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column();

CREATE TRIGGER tool_executions_touch_cli_session AFTER INSERT ON public.tool_executions FOR EACH ROW WHEN (new.cli_session_id is not null) EXECUTE FUNCTION public.update_cli_session_last_seen();

CREATE TRIGGER update_user_profiles_updated_at BEFORE UPDATE ON public.user_profiles FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column();

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

COMMIT;
