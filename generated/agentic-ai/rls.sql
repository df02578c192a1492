-- schemac: the access-control surface of project `agentic-ai`: RLS flags, policies, grants.
-- For review; schema.sql and the migrations already contain these statements.

-- agents.agents: row level security is not enabled

-- autonomous.agent_memories: row level security is not enabled

-- autonomous.autonomous_agent_states: row level security is not enabled

-- autonomous.autonomous_decisions: row level security is not enabled

-- autonomous.autonomous_goals: row level security is not enabled

-- autonomous.learning_experiences: row level security is not enabled

-- public.conversations: row level security is not enabled

-- public.knowledge_base_access: row level security is not enabled

-- public.knowledge_bases: row level security is not enabled

-- public.messages: row level security is not enabled

-- public.user_agents: row level security is not enabled

-- public.user_api_keys: row level security is not enabled

-- public.user_sessions: row level security is not enabled

-- public.user_workflows: row level security is not enabled

-- public.users: row level security is not enabled

-- rag.document_chunks: row level security is not enabled

-- rag.documents: row level security is not enabled

-- tools.tools: row level security is not enabled

-- workflows.workflows: row level security is not enabled
