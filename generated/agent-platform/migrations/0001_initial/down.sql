-- schemac migration 0001_initial (down)
-- Reverts 0001_initial: returns the database to the schema before it.
-- Hazards: deletes-data, changes-authorization, locks-table, irreversible

BEGIN;

REVOKE EXECUTE ON FUNCTION public.mask_pii(text) FROM authenticated;

REVOKE EXECUTE ON FUNCTION public.generate_secure_token() FROM service_role;

ALTER TABLE public.webhook_logs DROP CONSTRAINT webhook_logs_user_id_fkey;

ALTER TABLE public.webhook_logs DROP CONSTRAINT webhook_logs_integration_id_fkey;

ALTER TABLE public.user_credentials DROP CONSTRAINT user_credentials_user_id_fkey;

ALTER TABLE public.sandbox_executions DROP CONSTRAINT sandbox_executions_user_id_fkey;

ALTER TABLE public.sandbox_executions DROP CONSTRAINT sandbox_executions_agent_id_fkey;

ALTER TABLE public.multi_agent_executions DROP CONSTRAINT multi_agent_executions_user_id_fkey;

ALTER TABLE public.multi_agent_executions DROP CONSTRAINT multi_agent_executions_orchestrator_agent_id_fkey;

ALTER TABLE public.integrations DROP CONSTRAINT integrations_user_id_fkey;

ALTER TABLE public.integrations DROP CONSTRAINT integrations_type_fkey;

ALTER TABLE public.integration_analytics DROP CONSTRAINT integration_analytics_user_id_fkey;

ALTER TABLE public.integration_analytics DROP CONSTRAINT integration_analytics_integration_id_fkey;

ALTER TABLE public.agents_registry DROP CONSTRAINT agents_registry_owner_id_fkey;

ALTER TABLE public.agent_execution_steps DROP CONSTRAINT agent_execution_steps_user_id_fkey;

ALTER TABLE public.agent_execution_steps DROP CONSTRAINT agent_execution_steps_execution_id_fkey;

ALTER TABLE public.agent_execution_steps DROP CONSTRAINT agent_execution_steps_agent_id_fkey;

DROP TABLE public.webhook_logs;

DROP TABLE public.user_credentials;

DROP TABLE public.system_keys;

DROP TABLE public.sandbox_executions;

DROP TABLE public.multi_agent_executions;

DROP TABLE public.integrations;

DROP TABLE public.integration_types;

DROP TABLE public.integration_analytics;

DROP TABLE public.feature_toggles;

DROP TABLE public.audit_logs;

DROP TABLE public.agents_registry;

DROP TABLE public.agent_templates;

DROP TABLE public.agent_execution_steps;

DROP FUNCTION public.validate_agent_manifest(jsonb);

DROP FUNCTION public.touch_updated_at();

DROP FUNCTION public.reject_mutation();

DROP FUNCTION public.mask_pii(text);

DROP FUNCTION public.log_audit_event();

DROP FUNCTION public.is_superadmin();

DROP FUNCTION public.is_admin();

DROP FUNCTION public.generate_secure_token();

DROP FUNCTION public.cleanup_old_webhook_logs(interval);

DROP FUNCTION public.calculate_manifest_checksum(jsonb);

COMMIT;
