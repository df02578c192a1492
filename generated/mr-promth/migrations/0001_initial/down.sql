-- schemac migration 0001_initial (down)
-- Reverts 0001_initial: returns the database to the schema before it.
-- Hazards: deletes-data, locks-table, irreversible

BEGIN;

ALTER TABLE public.user_profiles DROP CONSTRAINT user_profiles_id_fkey;

ALTER TABLE public.tool_executions DROP CONSTRAINT tool_executions_user_id_fkey;

ALTER TABLE public.tool_executions DROP CONSTRAINT tool_executions_project_id_fkey;

ALTER TABLE public.tool_executions DROP CONSTRAINT tool_executions_cli_session_id_fkey;

ALTER TABLE public.prompts DROP CONSTRAINT prompts_user_id_fkey;

ALTER TABLE public.projects DROP CONSTRAINT projects_user_id_fkey;

ALTER TABLE public.messages DROP CONSTRAINT messages_user_id_fkey;

ALTER TABLE public.messages DROP CONSTRAINT messages_session_id_fkey;

ALTER TABLE public.deployment_logs DROP CONSTRAINT deployment_logs_user_id_fkey;

ALTER TABLE public.deployment_logs DROP CONSTRAINT deployment_logs_project_id_fkey;

ALTER TABLE public.cli_sessions DROP CONSTRAINT cli_sessions_user_id_fkey;

ALTER TABLE public.chat_sessions DROP CONSTRAINT chat_sessions_user_id_fkey;

ALTER TABLE public.api_keys DROP CONSTRAINT api_keys_user_id_fkey;

ALTER TABLE public.agent_logs DROP CONSTRAINT agent_logs_user_id_fkey;

ALTER TABLE public.agent_logs DROP CONSTRAINT agent_logs_project_id_fkey;

DROP TABLE public.user_profiles;

DROP TABLE public.tool_executions;

DROP TABLE public.prompts;

DROP TABLE public.projects;

DROP TABLE public.messages;

DROP TABLE public.deployment_logs;

DROP TABLE public.cli_sessions;

DROP TABLE public.chat_sessions;

DROP TABLE public.api_keys;

DROP TABLE public.agent_logs;

DROP FUNCTION public.update_updated_at_column();

DROP FUNCTION public.update_cli_session_last_seen();

COMMIT;
