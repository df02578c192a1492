-- schemac migration 0001_initial (down)
-- Reverts 0001_initial: returns the database to the schema before it.
-- Hazards: deletes-data, locks-table, irreversible

BEGIN;

ALTER TABLE public.workspaces DROP CONSTRAINT workspaces_tenant_id_fkey;

ALTER TABLE public.workspace_config DROP CONSTRAINT workspace_config_workspace_id_fkey;

ALTER TABLE public.workflows DROP CONSTRAINT workflows_workspace_id_fkey;

ALTER TABLE public.workflow_versions DROP CONSTRAINT workflow_versions_workflow_id_fkey;

ALTER TABLE public.workflow_versions DROP CONSTRAINT workflow_versions_published_by_fkey;

ALTER TABLE public.usage_summary DROP CONSTRAINT usage_summary_tenant_id_fkey;

ALTER TABLE public.tool_calls DROP CONSTRAINT tool_calls_step_id_fkey;

ALTER TABLE public.steps DROP CONSTRAINT steps_run_id_fkey;

ALTER TABLE public.sessions DROP CONSTRAINT sessions_principal_id_fkey;

ALTER TABLE public.secret_rotation_log DROP CONSTRAINT secret_rotation_log_rotated_by_fkey;

ALTER TABLE public.secret_rotation_log DROP CONSTRAINT secret_rotation_log_provider_key_id_fkey;

ALTER TABLE public.secret_rotation_log DROP CONSTRAINT secret_rotation_log_connector_installation_id_fkey;

ALTER TABLE public.runs DROP CONSTRAINT runs_workspace_id_fkey;

ALTER TABLE public.runs DROP CONSTRAINT runs_workflow_version_id_fkey;

ALTER TABLE public.runs DROP CONSTRAINT runs_started_by_fkey;

ALTER TABLE public.runs DROP CONSTRAINT runs_current_step_id_fkey;

ALTER TABLE public.role_permissions DROP CONSTRAINT role_permissions_role_name_fkey;

ALTER TABLE public.role_permissions DROP CONSTRAINT role_permissions_permission_name_fkey;

ALTER TABLE public.role_bindings DROP CONSTRAINT role_bindings_workspace_id_fkey;

ALTER TABLE public.role_bindings DROP CONSTRAINT role_bindings_role_name_fkey;

ALTER TABLE public.role_bindings DROP CONSTRAINT role_bindings_principal_id_fkey;

ALTER TABLE public.role_bindings DROP CONSTRAINT role_bindings_granted_by_fkey;

ALTER TABLE public.provider_keys DROP CONSTRAINT provider_keys_workspace_id_fkey;

ALTER TABLE public.principals DROP CONSTRAINT principals_tenant_id_fkey;

ALTER TABLE public.policy_bindings DROP CONSTRAINT policy_bindings_workflow_id_fkey;

ALTER TABLE public.policy_bindings DROP CONSTRAINT policy_bindings_policy_id_fkey;

ALTER TABLE public.policies DROP CONSTRAINT policies_tenant_id_fkey;

ALTER TABLE public.metering_events DROP CONSTRAINT metering_events_tenant_id_fkey;

ALTER TABLE public.key_validation_results DROP CONSTRAINT key_validation_results_provider_key_id_fkey;

ALTER TABLE public.environments DROP CONSTRAINT environments_workspace_id_fkey;

ALTER TABLE public.connector_installations DROP CONSTRAINT connector_installations_workspace_id_fkey;

ALTER TABLE public.audit_events DROP CONSTRAINT audit_events_tenant_id_fkey;

ALTER TABLE public.audit_events DROP CONSTRAINT audit_events_actor_id_fkey;

ALTER TABLE public.audit_config DROP CONSTRAINT audit_config_tenant_id_fkey;

ALTER TABLE public.approval_requests DROP CONSTRAINT approval_requests_step_id_fkey;

ALTER TABLE public.approval_decisions DROP CONSTRAINT approval_decisions_request_id_fkey;

ALTER TABLE public.approval_decisions DROP CONSTRAINT approval_decisions_decided_by_fkey;

ALTER TABLE public.api_keys DROP CONSTRAINT api_keys_principal_id_fkey;

DROP VIEW public.monthly_costs;

DROP TABLE public.workspaces;

DROP TABLE public.workspace_config;

DROP TABLE public.workflows;

DROP TABLE public.workflow_versions;

DROP TABLE public.usage_summary;

DROP TABLE public.tool_calls;

DROP TABLE public.tenants;

DROP TABLE public.steps;

DROP TABLE public.sessions;

DROP TABLE public.secret_rotation_log;

DROP TABLE public.runs;

DROP TABLE public.roles;

DROP TABLE public.role_permissions;

DROP TABLE public.role_bindings;

DROP TABLE public.provider_keys;

DROP TABLE public.principals;

DROP TABLE public.policy_bindings;

DROP TABLE public.policies;

DROP TABLE public.permissions;

DROP TABLE public.metering_events_default;

DROP TABLE public.metering_events_2025_03;

DROP TABLE public.metering_events_2025_02;

DROP TABLE public.metering_events_2025_01;

DROP TABLE public.metering_events;

DROP TABLE public.key_validation_results;

DROP TABLE public.environments;

DROP TABLE public.connector_installations;

DROP FUNCTION public.verify_audit_chain(uuid);

DROP TABLE public.audit_events;

DROP TABLE public.audit_config;

DROP TABLE public.approval_requests;

DROP TABLE public.approval_decisions;

DROP TABLE public.api_keys;

DROP FUNCTION public.touch_updated_at();

DROP FUNCTION public.reject_mutation();

DROP FUNCTION public.prevent_region_change();

DROP PROCEDURE public.expire_approvals();

DROP FUNCTION public.chain_audit_event();

DROP FUNCTION public.audit_event_hash(text, uuid, uuid, text, text, text, text, jsonb, timestamp with time zone);

DROP DOMAIN public.semver;

DROP TYPE public.region;

DROP TYPE public.persistence_mode;

DROP TYPE public.environment_tier;

COMMIT;
