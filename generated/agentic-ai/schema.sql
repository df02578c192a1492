-- schemac: the whole schema of project `agentic-ai`, in dependency order.
-- Runs on an empty database (after `schemac prelude`). Generated; do not edit.

BEGIN;

CREATE SCHEMA agents;

COMMENT ON SCHEMA agents IS 'Agent definitions.';

CREATE SCHEMA autonomous;

COMMENT ON SCHEMA autonomous IS 'Autonomous agent learning and memory.';

CREATE SCHEMA rag;

COMMENT ON SCHEMA rag IS 'Documents and chunks for retrieval-augmented generation.';

CREATE SCHEMA tools;

COMMENT ON SCHEMA tools IS 'Tools agents can call.';

CREATE SCHEMA workflows;

COMMENT ON SCHEMA workflows IS 'Workflow definitions.';

CREATE EXTENSION btree_gin;

CREATE EXTENSION btree_gist;

CREATE EXTENSION pg_trgm;

CREATE EXTENSION "uuid-ossp";

CREATE TYPE agents.agent_status AS ENUM ('draft', 'active', 'paused', 'retired');

CREATE TYPE autonomous.decision_type AS ENUM ('plan', 'act', 'reflect', 'delegate');

CREATE TYPE autonomous.goal_status AS ENUM ('pending', 'active', 'achieved', 'abandoned');

CREATE TYPE autonomous.memory_type AS ENUM ('episodic', 'semantic', 'procedural', 'working');

CREATE DOMAIN public.email_address AS text CONSTRAINT email_address_check CHECK (value ~* '^[^@\s]+@[^@\s]+\.[^@\s]+$');

COMMENT ON DOMAIN public.email_address IS 'An e-mail address (case-insensitive check of its shape).';

CREATE DOMAIN public.unit_score AS numeric(4,3) DEFAULT 0 NOT NULL CONSTRAINT unit_score_check CHECK (value between 0 and 1);

COMMENT ON DOMAIN public.unit_score IS 'A score between 0 and 1.';

CREATE SEQUENCE workflows.run_number_seq INCREMENT BY 1 START WITH 1000;

CREATE FUNCTION public.update_updated_at()
    RETURNS trigger
    LANGUAGE plpgsql
AS $$
begin
  new.updated_at = now();
  return new;
end
$$;

COMMENT ON FUNCTION public.update_updated_at() IS 'Keeps updated_at current.';

CREATE TABLE agents.agents (
    id uuid NOT NULL DEFAULT uuid_generate_v4(),
    name character varying(120) NOT NULL,
    description text,
    model text NOT NULL DEFAULT 'llama3',
    system_prompt text,
    config jsonb NOT NULL DEFAULT '{}',
    status agents.agent_status NOT NULL DEFAULT 'draft',
    created_by uuid,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT agents_name_created_by_key UNIQUE (name, created_by),
    CONSTRAINT agents_pkey PRIMARY KEY (id)
);

ALTER TABLE agents.agents ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE agents.agents IS 'An AI agent.';

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE agents.agents TO agentic_app;

CREATE FUNCTION agents.active_agent_count()
    RETURNS bigint
    LANGUAGE sql
    STABLE
AS $$
  select count(*) from agents.agents where status = 'active'
$$;

COMMENT ON FUNCTION agents.active_agent_count() IS 'Number of active agents.';

CREATE TABLE autonomous.agent_memories (
    id uuid NOT NULL DEFAULT uuid_generate_v4(),
    state_id uuid NOT NULL,
    kind autonomous.memory_type NOT NULL,
    content text NOT NULL,
    importance public.unit_score,
    tags text[] NOT NULL DEFAULT '{}',
    search tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    last_recalled_at timestamp with time zone,
    CONSTRAINT agent_memories_pkey PRIMARY KEY (id)
);

COMMENT ON TABLE autonomous.agent_memories IS 'Deep memory: what an agent remembers.';

CREATE TABLE autonomous.autonomous_agent_states (
    id uuid NOT NULL DEFAULT uuid_generate_v4(),
    agent_id uuid NOT NULL,
    state jsonb NOT NULL DEFAULT '{}',
    energy public.unit_score,
    last_tick_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT autonomous_agent_states_agent_id_key UNIQUE (agent_id),
    CONSTRAINT autonomous_agent_states_pkey PRIMARY KEY (id)
);

COMMENT ON TABLE autonomous.autonomous_agent_states IS 'The live state of an autonomous agent.';

CREATE TABLE autonomous.autonomous_decisions (
    id bigint GENERATED ALWAYS AS IDENTITY,
    state_id uuid NOT NULL,
    goal_id uuid,
    kind autonomous.decision_type NOT NULL,
    rationale text,
    outcome jsonb,
    confidence public.unit_score,
    decided_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT autonomous_decisions_pkey PRIMARY KEY (id)
);

COMMENT ON TABLE autonomous.autonomous_decisions IS 'Decisions an agent took.';

CREATE TABLE autonomous.autonomous_goals (
    id uuid NOT NULL DEFAULT uuid_generate_v4(),
    state_id uuid NOT NULL,
    description text NOT NULL,
    priority smallint NOT NULL DEFAULT 3,
    status autonomous.goal_status NOT NULL DEFAULT 'pending',
    parent_goal_id uuid,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT autonomous_goals_pkey PRIMARY KEY (id),
    CONSTRAINT autonomous_goals_priority_check CHECK (priority between 1 and 5)
);

COMMENT ON TABLE autonomous.autonomous_goals IS 'Goals an agent pursues.';

CREATE TABLE autonomous.learning_experiences (
    id uuid NOT NULL DEFAULT uuid_generate_v4(),
    agent_id uuid NOT NULL,
    situation text NOT NULL,
    action text NOT NULL,
    reward double precision NOT NULL DEFAULT 0,
    lesson text,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT learning_experiences_pkey PRIMARY KEY (id)
);

COMMENT ON TABLE autonomous.learning_experiences IS 'Experiences an agent learned from.';

CREATE TABLE public.conversations (
    id uuid NOT NULL DEFAULT uuid_generate_v4(),
    user_id uuid NOT NULL,
    agent_id uuid,
    title text,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT conversations_pkey PRIMARY KEY (id)
);

ALTER TABLE public.conversations ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.conversations IS 'A conversation between a user and an agent.';

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.conversations TO agentic_app;

CREATE TABLE public.knowledge_base_access (
    knowledge_base_id uuid NOT NULL,
    user_id uuid NOT NULL,
    permission text NOT NULL DEFAULT 'read',
    granted_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT knowledge_base_access_permission_check CHECK (permission in ('read', 'write', 'admin')),
    CONSTRAINT knowledge_base_access_pkey PRIMARY KEY (knowledge_base_id, user_id)
);

ALTER TABLE public.knowledge_base_access ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.knowledge_base_access IS 'Who may use a knowledge base.';

GRANT SELECT ON TABLE public.knowledge_base_access TO agentic_app;

CREATE TABLE public.knowledge_bases (
    id uuid NOT NULL DEFAULT uuid_generate_v4(),
    name text NOT NULL,
    description text,
    created_by uuid NOT NULL,
    is_public boolean NOT NULL DEFAULT false,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT knowledge_bases_created_by_name_key UNIQUE (created_by, name),
    CONSTRAINT knowledge_bases_pkey PRIMARY KEY (id)
);

ALTER TABLE public.knowledge_bases ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.knowledge_bases IS 'A knowledge base of documents.';

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.knowledge_bases TO agentic_app;

CREATE TABLE public.messages (
    id bigint GENERATED BY DEFAULT AS IDENTITY,
    conversation_id uuid NOT NULL,
    role text NOT NULL,
    content text NOT NULL,
    tokens integer,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT messages_pkey PRIMARY KEY (id),
    CONSTRAINT messages_role_check CHECK (role in ('user', 'assistant', 'system', 'tool'))
);

ALTER TABLE public.messages ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.messages IS 'A message in a conversation.';

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.messages TO agentic_app;

CREATE TABLE public.user_agents (
    user_id uuid NOT NULL,
    agent_id uuid NOT NULL,
    added_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT user_agents_pkey PRIMARY KEY (user_id, agent_id)
);

ALTER TABLE public.user_agents ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.user_agents IS 'Agents a user has installed.';

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.user_agents TO agentic_app;

CREATE TABLE public.user_api_keys (
    id uuid NOT NULL DEFAULT uuid_generate_v4(),
    user_id uuid NOT NULL,
    name text NOT NULL,
    key_prefix character(8) NOT NULL,
    key_hash text NOT NULL,
    scopes text[] NOT NULL DEFAULT '{}',
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT user_api_keys_key_hash_key UNIQUE (key_hash),
    CONSTRAINT user_api_keys_pkey PRIMARY KEY (id),
    CONSTRAINT user_api_keys_user_id_name_key UNIQUE (user_id, name)
);

ALTER TABLE public.user_api_keys ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.user_api_keys IS 'API keys of a user (hashed).';

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.user_api_keys TO agentic_app;

CREATE TABLE public.user_sessions (
    id uuid NOT NULL DEFAULT uuid_generate_v4(),
    user_id uuid NOT NULL,
    token_hash text NOT NULL,
    ip_address inet,
    user_agent text,
    started_at timestamp with time zone NOT NULL DEFAULT now(),
    expires_at timestamp with time zone NOT NULL,
    CONSTRAINT user_sessions_check CHECK (expires_at > started_at),
    CONSTRAINT user_sessions_pkey PRIMARY KEY (id),
    CONSTRAINT user_sessions_token_hash_key UNIQUE (token_hash),
    CONSTRAINT user_sessions_user_id_excl EXCLUDE USING gist (user_id with =, tstzrange(started_at, expires_at) with &&)
);

ALTER TABLE public.user_sessions ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.user_sessions IS 'A login session; one user cannot hold two sessions over the same time span.';

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.user_sessions TO agentic_app;

CREATE TABLE public.user_workflows (
    user_id uuid NOT NULL,
    workflow_id uuid NOT NULL,
    added_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT user_workflows_pkey PRIMARY KEY (user_id, workflow_id)
);

ALTER TABLE public.user_workflows ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.user_workflows IS 'Workflows a user has installed.';

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.user_workflows TO agentic_app;

CREATE TABLE public.users (
    id uuid NOT NULL DEFAULT uuid_generate_v4(),
    email public.email_address NOT NULL,
    username character varying(64) NOT NULL,
    password_hash text NOT NULL,
    user_group text NOT NULL DEFAULT 'user',
    is_active boolean NOT NULL DEFAULT true,
    last_login_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_user_group_check CHECK (user_group in ('user', 'admin', 'superadmin')),
    CONSTRAINT users_username_key UNIQUE (username)
);

ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.users IS 'Users, with their role folded into user_group.';

GRANT SELECT (id, email, username, user_group, is_active, last_login_at, created_at, updated_at), UPDATE (username) ON TABLE public.users TO agentic_app;

CREATE TABLE rag.document_chunks (
    id bigint GENERATED ALWAYS AS IDENTITY,
    document_id uuid NOT NULL,
    chunk_index integer NOT NULL,
    content text NOT NULL,
    token_count integer,
    search tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED,
    CONSTRAINT document_chunks_chunk_index_check CHECK (chunk_index >= 0),
    CONSTRAINT document_chunks_document_id_chunk_index_key UNIQUE (document_id, chunk_index),
    CONSTRAINT document_chunks_pkey PRIMARY KEY (id)
);

COMMENT ON TABLE rag.document_chunks IS 'A chunk of a document, with full-text search.';

CREATE TABLE rag.documents (
    id uuid NOT NULL DEFAULT uuid_generate_v4(),
    knowledge_base_id uuid NOT NULL,
    title text NOT NULL,
    source_uri text,
    mime_type text NOT NULL DEFAULT 'text/plain',
    checksum text NOT NULL,
    metadata jsonb NOT NULL DEFAULT '{}',
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT documents_knowledge_base_id_checksum_key UNIQUE (knowledge_base_id, checksum),
    CONSTRAINT documents_pkey PRIMARY KEY (id)
);

COMMENT ON TABLE rag.documents IS 'A source document.';

CREATE TABLE tools.tools (
    id uuid NOT NULL DEFAULT uuid_generate_v4(),
    name text NOT NULL,
    description text,
    input_schema jsonb NOT NULL DEFAULT '{}',
    is_builtin boolean NOT NULL DEFAULT false,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT tools_name_key UNIQUE (name),
    CONSTRAINT tools_pkey PRIMARY KEY (id)
);

COMMENT ON TABLE tools.tools IS 'A tool agents can call.';

CREATE TABLE workflows.workflows (
    id uuid NOT NULL DEFAULT uuid_generate_v4(),
    name text NOT NULL,
    definition jsonb NOT NULL,
    version integer NOT NULL DEFAULT 1,
    run_number bigint NOT NULL DEFAULT nextval('workflows.run_number_seq'),
    owner_id uuid,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT workflows_owner_id_name_version_key UNIQUE (owner_id, name, version),
    CONSTRAINT workflows_pkey PRIMARY KEY (id),
    CONSTRAINT workflows_version_check CHECK (version > 0)
);

ALTER TABLE workflows.workflows ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE workflows.workflows IS 'A workflow of steps.';

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE workflows.workflows TO agentic_app;

CREATE MATERIALIZED VIEW agents.agent_status_counts AS
select status, count(*) as agents from agents.agents group by status;

COMMENT ON MATERIALIZED VIEW agents.agent_status_counts IS 'Active agents per status, for dashboards.';

CREATE VIEW rag.searchable_chunks AS
select c.id, c.document_id, d.knowledge_base_id, c.content, c.search
  from rag.document_chunks c
  join rag.documents d on d.id = c.document_id;

COMMENT ON VIEW rag.searchable_chunks IS 'Chunks with their knowledge base, for retrieval queries.';

ALTER TABLE agents.agents ADD CONSTRAINT agents_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users ON DELETE SET NULL;

ALTER TABLE autonomous.agent_memories ADD CONSTRAINT agent_memories_state_id_fkey FOREIGN KEY (state_id) REFERENCES autonomous.autonomous_agent_states ON DELETE CASCADE;

ALTER TABLE autonomous.autonomous_agent_states ADD CONSTRAINT autonomous_agent_states_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES agents.agents ON DELETE CASCADE;

ALTER TABLE autonomous.autonomous_decisions ADD CONSTRAINT autonomous_decisions_goal_id_fkey FOREIGN KEY (goal_id) REFERENCES autonomous.autonomous_goals ON DELETE SET NULL;

ALTER TABLE autonomous.autonomous_decisions ADD CONSTRAINT autonomous_decisions_state_id_fkey FOREIGN KEY (state_id) REFERENCES autonomous.autonomous_agent_states ON DELETE CASCADE;

ALTER TABLE autonomous.autonomous_goals ADD CONSTRAINT autonomous_goals_parent_goal_id_fkey FOREIGN KEY (parent_goal_id) REFERENCES autonomous.autonomous_goals ON DELETE CASCADE;

ALTER TABLE autonomous.autonomous_goals ADD CONSTRAINT autonomous_goals_state_id_fkey FOREIGN KEY (state_id) REFERENCES autonomous.autonomous_agent_states ON DELETE CASCADE;

ALTER TABLE autonomous.learning_experiences ADD CONSTRAINT learning_experiences_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES agents.agents ON DELETE CASCADE;

ALTER TABLE public.conversations ADD CONSTRAINT conversations_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES agents.agents ON DELETE SET NULL;

ALTER TABLE public.conversations ADD CONSTRAINT conversations_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users ON DELETE CASCADE;

ALTER TABLE public.knowledge_base_access ADD CONSTRAINT knowledge_base_access_knowledge_base_id_fkey FOREIGN KEY (knowledge_base_id) REFERENCES public.knowledge_bases ON DELETE CASCADE;

ALTER TABLE public.knowledge_base_access ADD CONSTRAINT knowledge_base_access_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users ON DELETE CASCADE;

ALTER TABLE public.knowledge_bases ADD CONSTRAINT knowledge_bases_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users ON DELETE CASCADE;

ALTER TABLE public.messages ADD CONSTRAINT messages_conversation_id_fkey FOREIGN KEY (conversation_id) REFERENCES public.conversations ON DELETE CASCADE;

ALTER TABLE public.user_agents ADD CONSTRAINT user_agents_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES agents.agents ON DELETE CASCADE;

ALTER TABLE public.user_agents ADD CONSTRAINT user_agents_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users ON DELETE CASCADE;

ALTER TABLE public.user_api_keys ADD CONSTRAINT user_api_keys_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users ON DELETE CASCADE;

ALTER TABLE public.user_sessions ADD CONSTRAINT user_sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users ON DELETE CASCADE;

ALTER TABLE public.user_workflows ADD CONSTRAINT user_workflows_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users ON DELETE CASCADE;

ALTER TABLE public.user_workflows ADD CONSTRAINT user_workflows_workflow_id_fkey FOREIGN KEY (workflow_id) REFERENCES workflows.workflows ON DELETE CASCADE;

ALTER TABLE rag.document_chunks ADD CONSTRAINT document_chunks_document_id_fkey FOREIGN KEY (document_id) REFERENCES rag.documents ON DELETE CASCADE;

ALTER TABLE rag.documents ADD CONSTRAINT documents_knowledge_base_id_fkey FOREIGN KEY (knowledge_base_id) REFERENCES public.knowledge_bases ON DELETE CASCADE;

ALTER TABLE workflows.workflows ADD CONSTRAINT workflows_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.users ON DELETE CASCADE;

CREATE INDEX agents_config_idx ON agents.agents USING gin (config jsonb_path_ops);

CREATE INDEX agents_created_by_idx ON agents.agents (created_by);

CREATE INDEX agents_name_idx ON agents.agents USING gin (name gin_trgm_ops);

CREATE INDEX agents_status_idx ON agents.agents (status) WHERE (status = 'active');

CREATE INDEX agent_memories_search_idx ON autonomous.agent_memories USING gin (search);

CREATE INDEX agent_memories_state_id_tags_idx ON autonomous.agent_memories USING gin (state_id, tags);

CREATE INDEX autonomous_decisions_state_id_decided_at_idx ON autonomous.autonomous_decisions (state_id, decided_at DESC);

CREATE INDEX autonomous_goals_state_id_status_idx ON autonomous.autonomous_goals (state_id, status);

CREATE INDEX learning_experiences_agent_id_created_at_idx ON autonomous.learning_experiences (agent_id, created_at DESC);

CREATE INDEX conversations_user_id_updated_at_idx ON public.conversations (user_id, updated_at DESC);

CREATE INDEX knowledge_base_access_user_id_idx ON public.knowledge_base_access (user_id);

CREATE INDEX messages_conversation_id_id_idx ON public.messages (conversation_id, id);

CREATE INDEX user_agents_agent_id_idx ON public.user_agents (agent_id);

CREATE INDEX user_workflows_workflow_id_idx ON public.user_workflows (workflow_id);

CREATE INDEX users_lower_idx ON public.users (lower(email));

CREATE INDEX document_chunks_search_idx ON rag.document_chunks USING gin (search);

CREATE INDEX documents_title_idx ON rag.documents USING gin (title gin_trgm_ops);

CREATE TRIGGER agents_updated_at BEFORE UPDATE ON agents.agents FOR EACH ROW EXECUTE FUNCTION public.update_updated_at();

CREATE TRIGGER autonomous_agent_states_updated_at BEFORE UPDATE ON autonomous.autonomous_agent_states FOR EACH ROW EXECUTE FUNCTION public.update_updated_at();

CREATE TRIGGER autonomous_goals_updated_at BEFORE UPDATE ON autonomous.autonomous_goals FOR EACH ROW EXECUTE FUNCTION public.update_updated_at();

CREATE TRIGGER conversations_updated_at BEFORE UPDATE ON public.conversations FOR EACH ROW EXECUTE FUNCTION public.update_updated_at();

CREATE TRIGGER knowledge_bases_updated_at BEFORE UPDATE ON public.knowledge_bases FOR EACH ROW EXECUTE FUNCTION public.update_updated_at();

CREATE TRIGGER users_updated_at BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.update_updated_at();

CREATE TRIGGER documents_updated_at BEFORE UPDATE ON rag.documents FOR EACH ROW EXECUTE FUNCTION public.update_updated_at();

CREATE TRIGGER tools_updated_at BEFORE UPDATE ON tools.tools FOR EACH ROW EXECUTE FUNCTION public.update_updated_at();

CREATE TRIGGER workflows_updated_at BEFORE UPDATE ON workflows.workflows FOR EACH ROW EXECUTE FUNCTION public.update_updated_at();

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

INSERT INTO tools.tools (name, description, is_builtin) VALUES
    ('web_search', 'Searches the web', true),
    ('http_request', 'Calls an HTTP endpoint', true),
    ('python', 'Runs Python in a sandbox', true)
ON CONFLICT (name) DO UPDATE SET description = EXCLUDED.description, is_builtin = EXCLUDED.is_builtin;

GRANT USAGE ON SCHEMA agents TO agentic_app;

GRANT USAGE ON SCHEMA workflows TO agentic_app;

GRANT USAGE ON SEQUENCE workflows.run_number_seq TO agentic_app;

REVOKE EXECUTE ON FUNCTION agents.active_agent_count() FROM PUBLIC;

GRANT EXECUTE ON FUNCTION agents.active_agent_count() TO agentic_app;

REVOKE EXECUTE ON FUNCTION public.update_updated_at() FROM PUBLIC;

COMMIT;
