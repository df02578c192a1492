-- schemac migration 0001_initial (down)
-- Reverts 0001_initial: returns the database to the schema before it.
-- Hazards: deletes-data, locks-table, irreversible

BEGIN;

ALTER TABLE workflows.workflows DROP CONSTRAINT workflows_owner_id_fkey;

ALTER TABLE rag.documents DROP CONSTRAINT documents_knowledge_base_id_fkey;

ALTER TABLE rag.document_chunks DROP CONSTRAINT document_chunks_document_id_fkey;

ALTER TABLE public.user_workflows DROP CONSTRAINT user_workflows_workflow_id_fkey;

ALTER TABLE public.user_workflows DROP CONSTRAINT user_workflows_user_id_fkey;

ALTER TABLE public.user_sessions DROP CONSTRAINT user_sessions_user_id_fkey;

ALTER TABLE public.user_api_keys DROP CONSTRAINT user_api_keys_user_id_fkey;

ALTER TABLE public.user_agents DROP CONSTRAINT user_agents_user_id_fkey;

ALTER TABLE public.user_agents DROP CONSTRAINT user_agents_agent_id_fkey;

ALTER TABLE public.messages DROP CONSTRAINT messages_conversation_id_fkey;

ALTER TABLE public.knowledge_bases DROP CONSTRAINT knowledge_bases_created_by_fkey;

ALTER TABLE public.knowledge_base_access DROP CONSTRAINT knowledge_base_access_user_id_fkey;

ALTER TABLE public.knowledge_base_access DROP CONSTRAINT knowledge_base_access_knowledge_base_id_fkey;

ALTER TABLE public.conversations DROP CONSTRAINT conversations_user_id_fkey;

ALTER TABLE public.conversations DROP CONSTRAINT conversations_agent_id_fkey;

ALTER TABLE autonomous.learning_experiences DROP CONSTRAINT learning_experiences_agent_id_fkey;

ALTER TABLE autonomous.autonomous_goals DROP CONSTRAINT autonomous_goals_state_id_fkey;

ALTER TABLE autonomous.autonomous_decisions DROP CONSTRAINT autonomous_decisions_state_id_fkey;

ALTER TABLE autonomous.autonomous_decisions DROP CONSTRAINT autonomous_decisions_goal_id_fkey;

ALTER TABLE autonomous.autonomous_agent_states DROP CONSTRAINT autonomous_agent_states_agent_id_fkey;

ALTER TABLE autonomous.agent_memories DROP CONSTRAINT agent_memories_state_id_fkey;

ALTER TABLE agents.agents DROP CONSTRAINT agents_created_by_fkey;

DROP VIEW rag.searchable_chunks;

DROP MATERIALIZED VIEW agents.agent_status_counts;

DROP TABLE workflows.workflows;

DROP TABLE tools.tools;

DROP TABLE rag.documents;

DROP TABLE rag.document_chunks;

DROP TABLE public.users;

DROP TABLE public.user_workflows;

DROP TABLE public.user_sessions;

DROP TABLE public.user_api_keys;

DROP TABLE public.user_agents;

DROP TABLE public.messages;

DROP TABLE public.knowledge_bases;

DROP TABLE public.knowledge_base_access;

DROP TABLE public.conversations;

DROP TABLE autonomous.learning_experiences;

DROP TABLE autonomous.autonomous_goals;

DROP TABLE autonomous.autonomous_decisions;

DROP TABLE autonomous.autonomous_agent_states;

DROP TABLE autonomous.agent_memories;

DROP FUNCTION agents.active_agent_count();

DROP TABLE agents.agents;

DROP FUNCTION public.update_updated_at();

DROP SEQUENCE workflows.run_number_seq;

DROP DOMAIN public.unit_score;

DROP DOMAIN public.email_address;

DROP TYPE autonomous.memory_type;

DROP TYPE autonomous.goal_status;

DROP TYPE autonomous.decision_type;

DROP TYPE agents.agent_status;

DROP EXTENSION "uuid-ossp";

DROP EXTENSION pg_trgm;

DROP EXTENSION btree_gist;

DROP EXTENSION btree_gin;

DROP SCHEMA workflows;

DROP SCHEMA tools;

DROP SCHEMA rag;

DROP SCHEMA autonomous;

DROP SCHEMA agents;

COMMIT;
