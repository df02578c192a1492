-- schemac: the access-control surface of project `aic-sos`: RLS flags, policies, grants.
-- For review; schema.sql and the migrations already contain these statements.

-- public.api_keys: row level security is not enabled

-- public.approval_decisions: row level security is not enabled

-- public.approval_requests: row level security is not enabled

ALTER TABLE public.audit_config ENABLE ROW LEVEL SECURITY;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.audit_config TO aic_app;

ALTER TABLE public.audit_events ENABLE ROW LEVEL SECURITY;

GRANT INSERT, SELECT ON TABLE public.audit_events TO aic_app;

ALTER TABLE public.connector_installations ENABLE ROW LEVEL SECURITY;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.connector_installations TO aic_app;

ALTER TABLE public.environments ENABLE ROW LEVEL SECURITY;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.environments TO aic_app;

-- public.key_validation_results: row level security is not enabled

ALTER TABLE public.metering_events ENABLE ROW LEVEL SECURITY;

GRANT INSERT, SELECT ON TABLE public.metering_events TO aic_app;

-- public.permissions: row level security is not enabled

ALTER TABLE public.policies ENABLE ROW LEVEL SECURITY;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.policies TO aic_app;

-- public.policy_bindings: row level security is not enabled

ALTER TABLE public.principals ENABLE ROW LEVEL SECURITY;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.principals TO aic_app;

ALTER TABLE public.provider_keys ENABLE ROW LEVEL SECURITY;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.provider_keys TO aic_app;

-- public.role_bindings: row level security is not enabled

-- public.role_permissions: row level security is not enabled

-- public.roles: row level security is not enabled

ALTER TABLE public.runs ENABLE ROW LEVEL SECURITY;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.runs TO aic_app;

-- public.secret_rotation_log: row level security is not enabled

-- public.sessions: row level security is not enabled

-- public.steps: row level security is not enabled

ALTER TABLE public.tenants ENABLE ROW LEVEL SECURITY;

GRANT SELECT ON TABLE public.tenants TO aic_app;

-- public.tool_calls: row level security is not enabled

ALTER TABLE public.usage_summary ENABLE ROW LEVEL SECURITY;

GRANT SELECT ON TABLE public.usage_summary TO aic_app;

-- public.workflow_versions: row level security is not enabled

ALTER TABLE public.workflows ENABLE ROW LEVEL SECURITY;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.workflows TO aic_app;

ALTER TABLE public.workspace_config ENABLE ROW LEVEL SECURITY;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.workspace_config TO aic_app;

ALTER TABLE public.workspaces ENABLE ROW LEVEL SECURITY;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.workspaces TO aic_app;

CREATE POLICY audit_config_isolate_delete ON public.audit_config AS PERMISSIVE FOR DELETE TO aic_app
    USING ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

CREATE POLICY audit_config_isolate_insert ON public.audit_config AS PERMISSIVE FOR INSERT TO aic_app
    WITH CHECK ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

CREATE POLICY audit_config_isolate_select ON public.audit_config AS PERMISSIVE FOR SELECT TO aic_app
    USING ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

CREATE POLICY audit_config_isolate_update ON public.audit_config AS PERMISSIVE FOR UPDATE TO aic_app
    USING ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid))
    WITH CHECK ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

CREATE POLICY audit_events_isolate_insert ON public.audit_events AS PERMISSIVE FOR INSERT TO aic_app
    WITH CHECK ((tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) and (audit_events.actor_id is null or exists (select 1 from public.principals parent where parent.id = audit_events.actor_id)) and (audit_events.tenant_id is null or exists (select 1 from public.tenants parent where parent.id = audit_events.tenant_id)));

CREATE POLICY audit_events_isolate_select ON public.audit_events AS PERMISSIVE FOR SELECT TO aic_app
    USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

CREATE POLICY connector_installations_in_tenant_workspaces ON public.connector_installations AS PERMISSIVE FOR ALL TO aic_app
    USING (workspace_id in (select w.id from public.workspaces w))
    WITH CHECK (workspace_id in (select w.id from public.workspaces w));

CREATE POLICY environments_in_tenant_workspaces ON public.environments AS PERMISSIVE FOR ALL TO aic_app
    USING (workspace_id in (select w.id from public.workspaces w))
    WITH CHECK (workspace_id in (select w.id from public.workspaces w));

CREATE POLICY metering_events_isolate_insert ON public.metering_events AS PERMISSIVE FOR INSERT TO aic_app
    WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

CREATE POLICY metering_events_isolate_select ON public.metering_events AS PERMISSIVE FOR SELECT TO aic_app
    USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

CREATE POLICY policies_isolate_delete ON public.policies AS PERMISSIVE FOR DELETE TO aic_app
    USING ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

CREATE POLICY policies_isolate_insert ON public.policies AS PERMISSIVE FOR INSERT TO aic_app
    WITH CHECK ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

CREATE POLICY policies_isolate_select ON public.policies AS PERMISSIVE FOR SELECT TO aic_app
    USING ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

CREATE POLICY policies_isolate_update ON public.policies AS PERMISSIVE FOR UPDATE TO aic_app
    USING ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid))
    WITH CHECK ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

CREATE POLICY principals_isolate_delete ON public.principals AS PERMISSIVE FOR DELETE TO aic_app
    USING ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

CREATE POLICY principals_isolate_insert ON public.principals AS PERMISSIVE FOR INSERT TO aic_app
    WITH CHECK ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

CREATE POLICY principals_isolate_select ON public.principals AS PERMISSIVE FOR SELECT TO aic_app
    USING ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

CREATE POLICY principals_isolate_update ON public.principals AS PERMISSIVE FOR UPDATE TO aic_app
    USING ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid))
    WITH CHECK ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

CREATE POLICY provider_keys_in_tenant_workspaces ON public.provider_keys AS PERMISSIVE FOR ALL TO aic_app
    USING (workspace_id in (select w.id from public.workspaces w))
    WITH CHECK (workspace_id in (select w.id from public.workspaces w));

CREATE POLICY runs_in_tenant_workspaces ON public.runs AS PERMISSIVE FOR ALL TO aic_app
    USING (workspace_id in (select w.id from public.workspaces w))
    WITH CHECK (workspace_id in (select w.id from public.workspaces w));

CREATE POLICY tenants_self ON public.tenants AS PERMISSIVE FOR SELECT TO aic_app
    USING (id = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

CREATE POLICY usage_summary_isolate_select ON public.usage_summary AS PERMISSIVE FOR SELECT TO aic_app
    USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

CREATE POLICY workflows_in_tenant_workspaces ON public.workflows AS PERMISSIVE FOR ALL TO aic_app
    USING (workspace_id in (select w.id from public.workspaces w))
    WITH CHECK (workspace_id in (select w.id from public.workspaces w));

CREATE POLICY workspace_config_in_tenant_workspaces ON public.workspace_config AS PERMISSIVE FOR ALL TO aic_app
    USING (workspace_id in (select w.id from public.workspaces w))
    WITH CHECK (workspace_id in (select w.id from public.workspaces w));

CREATE POLICY workspaces_isolate_delete ON public.workspaces AS PERMISSIVE FOR DELETE TO aic_app
    USING ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

CREATE POLICY workspaces_isolate_insert ON public.workspaces AS PERMISSIVE FOR INSERT TO aic_app
    WITH CHECK ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

CREATE POLICY workspaces_isolate_select ON public.workspaces AS PERMISSIVE FOR SELECT TO aic_app
    USING ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

CREATE POLICY workspaces_isolate_update ON public.workspaces AS PERMISSIVE FOR UPDATE TO aic_app
    USING ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid))
    WITH CHECK ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

REVOKE EXECUTE ON FUNCTION public.audit_event_hash(text, uuid, uuid, text, text, text, text, jsonb, timestamp with time zone) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION public.audit_event_hash(text, uuid, uuid, text, text, text, text, jsonb, timestamp with time zone) TO aic_app;

REVOKE EXECUTE ON FUNCTION public.chain_audit_event() FROM PUBLIC;

REVOKE EXECUTE ON PROCEDURE public.expire_approvals() FROM PUBLIC;

REVOKE EXECUTE ON FUNCTION public.prevent_region_change() FROM PUBLIC;

REVOKE EXECUTE ON FUNCTION public.reject_mutation() FROM PUBLIC;

REVOKE EXECUTE ON FUNCTION public.touch_updated_at() FROM PUBLIC;

REVOKE EXECUTE ON FUNCTION public.verify_audit_chain(uuid) FROM PUBLIC;
