-- schemac migration 0002_tenant_isolation (down)
-- Reverts 0002_tenant_isolation: returns the database to the schema before it.
-- Hazards: changes-authorization, locks-table

BEGIN;

DROP POLICY workspaces_isolate_update ON public.workspaces;

DROP POLICY workspaces_isolate_select ON public.workspaces;

DROP POLICY workspaces_isolate_insert ON public.workspaces;

DROP POLICY workspaces_isolate_delete ON public.workspaces;

DROP POLICY workspace_config_in_tenant_workspaces ON public.workspace_config;

DROP POLICY workflows_in_tenant_workspaces ON public.workflows;

DROP POLICY usage_summary_isolate_select ON public.usage_summary;

DROP POLICY tenants_self ON public.tenants;

DROP POLICY runs_in_tenant_workspaces ON public.runs;

DROP POLICY provider_keys_in_tenant_workspaces ON public.provider_keys;

DROP POLICY principals_isolate_update ON public.principals;

DROP POLICY principals_isolate_select ON public.principals;

DROP POLICY principals_isolate_insert ON public.principals;

DROP POLICY principals_isolate_delete ON public.principals;

DROP POLICY policies_isolate_update ON public.policies;

DROP POLICY policies_isolate_select ON public.policies;

DROP POLICY policies_isolate_insert ON public.policies;

DROP POLICY policies_isolate_delete ON public.policies;

DROP POLICY metering_events_isolate_select ON public.metering_events;

DROP POLICY metering_events_isolate_insert ON public.metering_events;

DROP POLICY environments_in_tenant_workspaces ON public.environments;

DROP POLICY connector_installations_in_tenant_workspaces ON public.connector_installations;

DROP POLICY audit_events_isolate_select ON public.audit_events;

DROP POLICY audit_events_isolate_insert ON public.audit_events;

DROP POLICY audit_config_isolate_update ON public.audit_config;

DROP POLICY audit_config_isolate_select ON public.audit_config;

DROP POLICY audit_config_isolate_insert ON public.audit_config;

DROP POLICY audit_config_isolate_delete ON public.audit_config;

DROP VIEW public.monthly_costs;

ALTER TABLE public.audit_config DISABLE ROW LEVEL SECURITY;

REVOKE DELETE ON TABLE public.audit_config FROM aic_app;

REVOKE INSERT ON TABLE public.audit_config FROM aic_app;

REVOKE SELECT ON TABLE public.audit_config FROM aic_app;

REVOKE UPDATE ON TABLE public.audit_config FROM aic_app;

ALTER TABLE public.audit_events DISABLE ROW LEVEL SECURITY;

REVOKE INSERT ON TABLE public.audit_events FROM aic_app;

REVOKE SELECT ON TABLE public.audit_events FROM aic_app;

ALTER TABLE public.connector_installations DISABLE ROW LEVEL SECURITY;

REVOKE DELETE ON TABLE public.connector_installations FROM aic_app;

REVOKE INSERT ON TABLE public.connector_installations FROM aic_app;

REVOKE SELECT ON TABLE public.connector_installations FROM aic_app;

REVOKE UPDATE ON TABLE public.connector_installations FROM aic_app;

ALTER TABLE public.environments DISABLE ROW LEVEL SECURITY;

REVOKE DELETE ON TABLE public.environments FROM aic_app;

REVOKE INSERT ON TABLE public.environments FROM aic_app;

REVOKE SELECT ON TABLE public.environments FROM aic_app;

REVOKE UPDATE ON TABLE public.environments FROM aic_app;

ALTER TABLE public.metering_events DISABLE ROW LEVEL SECURITY;

REVOKE INSERT ON TABLE public.metering_events FROM aic_app;

REVOKE SELECT ON TABLE public.metering_events FROM aic_app;

ALTER TABLE public.policies DISABLE ROW LEVEL SECURITY;

REVOKE DELETE ON TABLE public.policies FROM aic_app;

REVOKE INSERT ON TABLE public.policies FROM aic_app;

REVOKE SELECT ON TABLE public.policies FROM aic_app;

REVOKE UPDATE ON TABLE public.policies FROM aic_app;

ALTER TABLE public.principals DISABLE ROW LEVEL SECURITY;

REVOKE DELETE ON TABLE public.principals FROM aic_app;

REVOKE INSERT ON TABLE public.principals FROM aic_app;

REVOKE SELECT ON TABLE public.principals FROM aic_app;

REVOKE UPDATE ON TABLE public.principals FROM aic_app;

ALTER TABLE public.provider_keys DISABLE ROW LEVEL SECURITY;

REVOKE DELETE ON TABLE public.provider_keys FROM aic_app;

REVOKE INSERT ON TABLE public.provider_keys FROM aic_app;

REVOKE SELECT ON TABLE public.provider_keys FROM aic_app;

REVOKE UPDATE ON TABLE public.provider_keys FROM aic_app;

ALTER TABLE public.runs DISABLE ROW LEVEL SECURITY;

REVOKE DELETE ON TABLE public.runs FROM aic_app;

REVOKE INSERT ON TABLE public.runs FROM aic_app;

REVOKE SELECT ON TABLE public.runs FROM aic_app;

REVOKE UPDATE ON TABLE public.runs FROM aic_app;

ALTER TABLE public.tenants DISABLE ROW LEVEL SECURITY;

REVOKE SELECT ON TABLE public.tenants FROM aic_app;

ALTER TABLE public.usage_summary DISABLE ROW LEVEL SECURITY;

REVOKE SELECT ON TABLE public.usage_summary FROM aic_app;

ALTER TABLE public.workflows DISABLE ROW LEVEL SECURITY;

REVOKE DELETE ON TABLE public.workflows FROM aic_app;

REVOKE INSERT ON TABLE public.workflows FROM aic_app;

REVOKE SELECT ON TABLE public.workflows FROM aic_app;

REVOKE UPDATE ON TABLE public.workflows FROM aic_app;

ALTER TABLE public.workspace_config DISABLE ROW LEVEL SECURITY;

REVOKE DELETE ON TABLE public.workspace_config FROM aic_app;

REVOKE INSERT ON TABLE public.workspace_config FROM aic_app;

REVOKE SELECT ON TABLE public.workspace_config FROM aic_app;

REVOKE UPDATE ON TABLE public.workspace_config FROM aic_app;

ALTER TABLE public.workspaces DISABLE ROW LEVEL SECURITY;

REVOKE DELETE ON TABLE public.workspaces FROM aic_app;

REVOKE INSERT ON TABLE public.workspaces FROM aic_app;

REVOKE SELECT ON TABLE public.workspaces FROM aic_app;

REVOKE UPDATE ON TABLE public.workspaces FROM aic_app;

CREATE VIEW public.monthly_costs AS
select tenant_id, date_trunc('month', occurred_at) as month, sum(cost_usd) as cost_usd
  from public.metering_events
  group by tenant_id, date_trunc('month', occurred_at);

COMMENT ON VIEW public.monthly_costs IS 'Monthly cost per tenant.';

COMMIT;
