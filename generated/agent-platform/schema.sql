-- schemac: the whole schema of project `agent-platform`, in dependency order.
-- Runs on an empty database (after `schemac prelude`). Generated; do not edit.

BEGIN;

CREATE FUNCTION public.calculate_manifest_checksum(manifest jsonb)
    RETURNS text
    LANGUAGE sql
    IMMUTABLE
    STRICT
AS $$
  select encode(sha256(convert_to(manifest::text, 'UTF8')), 'hex')
$$;

COMMENT ON FUNCTION public.calculate_manifest_checksum(jsonb) IS 'SHA-256 of a manifest''s canonical JSON text.';

CREATE FUNCTION public.cleanup_old_webhook_logs(keep interval DEFAULT '30 days')
    RETURNS integer
    LANGUAGE plpgsql
AS $$
declare
  removed integer;
begin
  delete from public.webhook_logs where received_at < now() - keep;
  get diagnostics removed = row_count;
  return removed;
end
$$;

COMMENT ON FUNCTION public.cleanup_old_webhook_logs(interval) IS 'Deletes webhook logs older than `keep`; returns how many went.';

CREATE FUNCTION public.generate_secure_token()
    RETURNS text
    LANGUAGE sql
AS $$
  select encode(sha256(convert_to(gen_random_uuid()::text || clock_timestamp()::text, 'UTF8')), 'hex')
$$;

COMMENT ON FUNCTION public.generate_secure_token() IS 'A random 64-hex-character token.';

CREATE FUNCTION public.is_admin()
    RETURNS boolean
    LANGUAGE sql
    STABLE
AS $$
  select coalesce((select auth.jwt()) -> 'app_metadata' ->> 'role', '') in ('admin', 'superadmin')
$$;

COMMENT ON FUNCTION public.is_admin() IS 'True for admins and superadmins (JWT app_metadata.role).';

CREATE FUNCTION public.is_superadmin()
    RETURNS boolean
    LANGUAGE sql
    STABLE
AS $$
  select coalesce((select auth.jwt()) -> 'app_metadata' ->> 'role', '') = 'superadmin'
$$;

COMMENT ON FUNCTION public.is_superadmin() IS 'True for superadmins only.';

CREATE FUNCTION public.log_audit_event()
    RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = ''
AS $$
begin
  insert into public.audit_logs (user_id, action, resource_type, resource_id, details)
  values (
    auth.uid(),
    lower(tg_op),
    tg_table_name,
    coalesce(to_jsonb(new), to_jsonb(old)) ->> 'id',
    jsonb_build_object('summary', public.mask_pii(coalesce(to_jsonb(new), to_jsonb(old))::text))
  );
  return coalesce(new, old);
end
$$;

COMMENT ON FUNCTION public.log_audit_event() IS 'Writes an audit row for every change to a critical table, with PII masked.';

CREATE FUNCTION public.mask_pii(input text)
    RETURNS text
    LANGUAGE sql
    IMMUTABLE
    STRICT
AS $$
  select regexp_replace(
           regexp_replace(input, '([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+)', '\1***@\2', 'g'),
           '\d{6,}', '******', 'g')
$$;

COMMENT ON FUNCTION public.mask_pii(text) IS 'Masks e-mail addresses and long digit runs (card or phone numbers) in free text.';

CREATE FUNCTION public.reject_mutation()
    RETURNS trigger
    LANGUAGE plpgsql
AS $$
begin
  raise exception '% on %.% is not allowed: the table is append-only', tg_op, tg_table_schema, tg_table_name
    using errcode = 'insufficient_privilege';
end
$$;

COMMENT ON FUNCTION public.reject_mutation() IS 'Rejects UPDATE and DELETE: the table is append-only.';

CREATE FUNCTION public.touch_updated_at()
    RETURNS trigger
    LANGUAGE plpgsql
AS $$
begin
  new.updated_at = now();
  return new;
end
$$;

COMMENT ON FUNCTION public.touch_updated_at() IS 'Keeps updated_at current.';

CREATE FUNCTION public.validate_agent_manifest(manifest jsonb)
    RETURNS boolean
    LANGUAGE sql
    IMMUTABLE
AS $$
  select manifest ? 'name' and manifest ? 'version' and jsonb_typeof(manifest -> 'capabilities') = 'array'
$$;

COMMENT ON FUNCTION public.validate_agent_manifest(jsonb) IS 'A manifest needs a name, a version and a list of capabilities.';

CREATE TABLE public.agent_execution_steps (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    execution_id uuid NOT NULL,
    user_id uuid NOT NULL,
    agent_id uuid,
    step_index integer NOT NULL,
    input jsonb,
    output jsonb,
    status text NOT NULL DEFAULT 'pending',
    error text,
    duration_ms integer,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT agent_execution_steps_execution_id_step_index_key UNIQUE (execution_id, step_index),
    CONSTRAINT agent_execution_steps_pkey PRIMARY KEY (id),
    CONSTRAINT agent_execution_steps_status_check CHECK (status in ('pending', 'running', 'succeeded', 'failed', 'skipped')),
    CONSTRAINT agent_execution_steps_step_index_check CHECK (step_index >= 0)
);

ALTER TABLE public.agent_execution_steps ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.agent_execution_steps IS 'One agent''s step within an execution.';

REVOKE ALL ON TABLE public.agent_execution_steps FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.agent_execution_steps TO authenticated;

CREATE TABLE public.agent_templates (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    slug text NOT NULL,
    name text NOT NULL,
    category text NOT NULL,
    template jsonb NOT NULL DEFAULT '{}',
    is_public boolean NOT NULL DEFAULT true,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT agent_templates_pkey PRIMARY KEY (id),
    CONSTRAINT agent_templates_slug_key UNIQUE (slug)
);

ALTER TABLE public.agent_templates ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.agent_templates IS 'Reusable templates to create agents from.';

REVOKE ALL ON TABLE public.agent_templates FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.agent_templates TO authenticated;

CREATE TABLE public.agents_registry (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    agent_id text NOT NULL,
    version text NOT NULL DEFAULT '1.0.0',
    name text NOT NULL,
    description text,
    owner_id uuid,
    manifest jsonb NOT NULL,
    manifest_checksum text GENERATED ALWAYS AS (calculate_manifest_checksum(manifest)) STORED,
    signature text,
    is_system boolean NOT NULL DEFAULT false,
    status text NOT NULL DEFAULT 'active',
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT agents_registry_agent_id_version_key UNIQUE (agent_id, version),
    CONSTRAINT agents_registry_manifest_check CHECK (validate_agent_manifest(manifest)),
    CONSTRAINT agents_registry_pkey PRIMARY KEY (id),
    CONSTRAINT agents_registry_status_check CHECK (status in ('draft', 'active', 'deprecated')),
    CONSTRAINT agents_registry_version_check CHECK (version ~ '^\d+\.\d+\.\d+$')
);

ALTER TABLE public.agents_registry ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.agents_registry IS 'Agent definitions, versioned. System agents have no owner.';

REVOKE ALL ON TABLE public.agents_registry FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.agents_registry TO authenticated;

CREATE TABLE public.audit_logs (
    id bigint GENERATED ALWAYS AS IDENTITY,
    user_id uuid,
    action text NOT NULL,
    resource_type text NOT NULL,
    resource_id text,
    details jsonb NOT NULL DEFAULT '{}',
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT audit_logs_pkey PRIMARY KEY (id)
);

ALTER TABLE public.audit_logs ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.audit_logs IS 'The immutable audit trail: rows arrive through log_audit_event(); UPDATE and DELETE
are rejected for every role, the owner included.';

REVOKE ALL ON TABLE public.audit_logs FROM anon, authenticated, service_role;

GRANT SELECT ON TABLE public.audit_logs TO authenticated;

CREATE TABLE public.feature_toggles (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    feature text NOT NULL,
    tenant_id uuid,
    enabled boolean NOT NULL DEFAULT false,
    config jsonb NOT NULL DEFAULT '{}',
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT feature_toggles_feature_tenant_id_key UNIQUE NULLS NOT DISTINCT (feature, tenant_id),
    CONSTRAINT feature_toggles_pkey PRIMARY KEY (id)
);

ALTER TABLE public.feature_toggles ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.feature_toggles IS 'Feature flags, optionally per tenant.';

REVOKE ALL ON TABLE public.feature_toggles FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.feature_toggles TO authenticated;

CREATE TABLE public.integration_analytics (
    integration_id uuid NOT NULL,
    user_id uuid NOT NULL,
    day date NOT NULL,
    calls integer NOT NULL DEFAULT 0,
    errors integer NOT NULL DEFAULT 0,
    avg_latency_ms numeric(10,2),
    CONSTRAINT integration_analytics_pkey PRIMARY KEY (integration_id, day)
);

ALTER TABLE public.integration_analytics ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.integration_analytics IS 'Daily per-integration analytics.';

REVOKE ALL ON TABLE public.integration_analytics FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.integration_analytics TO authenticated;

CREATE TABLE public.integration_types (
    type text NOT NULL,
    display_name text NOT NULL,
    config_schema jsonb NOT NULL DEFAULT '{}',
    is_enabled boolean NOT NULL DEFAULT true,
    CONSTRAINT integration_types_pkey PRIMARY KEY (type)
);

ALTER TABLE public.integration_types ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.integration_types IS 'Supported integration platforms and their configuration schema.';

REVOKE ALL ON TABLE public.integration_types FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.integration_types TO authenticated;

CREATE TABLE public.integrations (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL,
    type text NOT NULL,
    name text NOT NULL,
    config jsonb NOT NULL DEFAULT '{}',
    webhook_token text NOT NULL DEFAULT generate_secure_token(),
    status text NOT NULL DEFAULT 'active',
    last_used_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT integrations_pkey PRIMARY KEY (id),
    CONSTRAINT integrations_status_check CHECK (status in ('active', 'paused', 'error')),
    CONSTRAINT integrations_webhook_token_key UNIQUE (webhook_token)
);

ALTER TABLE public.integrations ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.integrations IS 'A user''s connection to an external platform.';

REVOKE ALL ON TABLE public.integrations FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.integrations TO authenticated;

CREATE TABLE public.multi_agent_executions (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL,
    orchestrator_agent_id uuid,
    goal text NOT NULL,
    status text NOT NULL DEFAULT 'pending',
    result jsonb,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT multi_agent_executions_check CHECK (finished_at is null or started_at is null or finished_at >= started_at),
    CONSTRAINT multi_agent_executions_pkey PRIMARY KEY (id),
    CONSTRAINT multi_agent_executions_status_check CHECK (status in ('pending', 'running', 'succeeded', 'failed', 'cancelled'))
);

ALTER TABLE public.multi_agent_executions ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.multi_agent_executions IS 'A multi-agent execution session.';

REVOKE ALL ON TABLE public.multi_agent_executions FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.multi_agent_executions TO authenticated;

CREATE TABLE public.sandbox_executions (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL,
    agent_id uuid,
    code_hash text NOT NULL,
    exit_code integer,
    stdout text,
    stderr text,
    cpu_ms integer,
    memory_kb integer,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT sandbox_executions_pkey PRIMARY KEY (id)
);

ALTER TABLE public.sandbox_executions ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.sandbox_executions IS 'Isolated sandbox runs.';

REVOKE ALL ON TABLE public.sandbox_executions FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.sandbox_executions TO authenticated;

CREATE TABLE public.system_keys (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    key_id text NOT NULL,
    algorithm text NOT NULL DEFAULT 'ed25519',
    public_key text NOT NULL,
    is_active boolean NOT NULL DEFAULT true,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    expires_at timestamp with time zone,
    CONSTRAINT system_keys_algorithm_check CHECK (algorithm in ('ed25519', 'rsa-pss')),
    CONSTRAINT system_keys_key_id_key UNIQUE (key_id),
    CONSTRAINT system_keys_pkey PRIMARY KEY (id)
);

ALTER TABLE public.system_keys ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.system_keys IS 'Public keys that verify agent manifests.';

REVOKE ALL ON TABLE public.system_keys FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.system_keys TO authenticated;

CREATE TABLE public.user_credentials (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL,
    provider text NOT NULL,
    label text NOT NULL,
    encrypted_value bytea NOT NULL,
    key_version integer NOT NULL DEFAULT 1,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT user_credentials_pkey PRIMARY KEY (id),
    CONSTRAINT user_credentials_user_id_provider_label_key UNIQUE (user_id, provider, label)
);

ALTER TABLE public.user_credentials ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.user_credentials IS 'Bring-your-own credentials, encrypted by the application before storage.';

REVOKE ALL ON TABLE public.user_credentials FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.user_credentials TO authenticated;

CREATE TABLE public.webhook_logs (
    id bigint GENERATED ALWAYS AS IDENTITY,
    integration_id uuid NOT NULL,
    user_id uuid NOT NULL,
    received_at timestamp with time zone NOT NULL DEFAULT now(),
    payload jsonb NOT NULL,
    status_code integer,
    error text,
    processing_ms integer,
    CONSTRAINT webhook_logs_pkey PRIMARY KEY (id),
    CONSTRAINT webhook_logs_processing_ms_check CHECK (processing_ms >= 0),
    CONSTRAINT webhook_logs_status_code_check CHECK (status_code between 100 and 599)
);

ALTER TABLE public.webhook_logs ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.webhook_logs IS 'Every webhook received, with its processing outcome.';

REVOKE ALL ON TABLE public.webhook_logs FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.webhook_logs TO authenticated;

ALTER TABLE public.agent_execution_steps ADD CONSTRAINT agent_execution_steps_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES public.agents_registry ON DELETE SET NULL;

ALTER TABLE public.agent_execution_steps ADD CONSTRAINT agent_execution_steps_execution_id_fkey FOREIGN KEY (execution_id) REFERENCES public.multi_agent_executions ON DELETE CASCADE;

ALTER TABLE public.agent_execution_steps ADD CONSTRAINT agent_execution_steps_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE;

ALTER TABLE public.agents_registry ADD CONSTRAINT agents_registry_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES auth.users (id) ON DELETE CASCADE;

ALTER TABLE public.integration_analytics ADD CONSTRAINT integration_analytics_integration_id_fkey FOREIGN KEY (integration_id) REFERENCES public.integrations ON DELETE CASCADE;

ALTER TABLE public.integration_analytics ADD CONSTRAINT integration_analytics_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE;

ALTER TABLE public.integrations ADD CONSTRAINT integrations_type_fkey FOREIGN KEY (type) REFERENCES public.integration_types ON UPDATE CASCADE;

ALTER TABLE public.integrations ADD CONSTRAINT integrations_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE;

ALTER TABLE public.multi_agent_executions ADD CONSTRAINT multi_agent_executions_orchestrator_agent_id_fkey FOREIGN KEY (orchestrator_agent_id) REFERENCES public.agents_registry ON DELETE SET NULL;

ALTER TABLE public.multi_agent_executions ADD CONSTRAINT multi_agent_executions_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE;

ALTER TABLE public.sandbox_executions ADD CONSTRAINT sandbox_executions_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES public.agents_registry ON DELETE SET NULL;

ALTER TABLE public.sandbox_executions ADD CONSTRAINT sandbox_executions_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE;

ALTER TABLE public.user_credentials ADD CONSTRAINT user_credentials_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE;

ALTER TABLE public.webhook_logs ADD CONSTRAINT webhook_logs_integration_id_fkey FOREIGN KEY (integration_id) REFERENCES public.integrations ON DELETE CASCADE;

ALTER TABLE public.webhook_logs ADD CONSTRAINT webhook_logs_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE;

CREATE INDEX agent_execution_steps_agent_id_idx ON public.agent_execution_steps (agent_id);

CREATE INDEX agent_execution_steps_user_id_idx ON public.agent_execution_steps (user_id);

CREATE INDEX agents_registry_owner_id_idx ON public.agents_registry (owner_id);

CREATE INDEX agents_registry_status_idx ON public.agents_registry (status) WHERE (status = 'active');

CREATE INDEX audit_logs_resource_type_resource_id_idx ON public.audit_logs (resource_type, resource_id);

CREATE INDEX audit_logs_user_id_created_at_idx ON public.audit_logs (user_id, created_at DESC);

CREATE INDEX integration_analytics_user_id_day_idx ON public.integration_analytics (user_id, day);

CREATE INDEX integrations_user_id_type_idx ON public.integrations (user_id, type);

CREATE INDEX multi_agent_executions_status_idx ON public.multi_agent_executions (status) WHERE (status in ('pending', 'running'));

CREATE INDEX multi_agent_executions_user_id_created_at_idx ON public.multi_agent_executions (user_id, created_at DESC);

CREATE INDEX sandbox_executions_agent_id_idx ON public.sandbox_executions (agent_id);

CREATE INDEX sandbox_executions_user_id_created_at_idx ON public.sandbox_executions (user_id, created_at DESC);

CREATE INDEX webhook_logs_integration_id_received_at_idx ON public.webhook_logs (integration_id, received_at DESC);

CREATE INDEX webhook_logs_received_at_idx ON public.webhook_logs (received_at);

CREATE INDEX webhook_logs_user_id_idx ON public.webhook_logs (user_id);

CREATE TRIGGER agent_templates_touch_updated_at BEFORE UPDATE ON public.agent_templates FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

CREATE TRIGGER agents_registry_touch_updated_at BEFORE UPDATE ON public.agents_registry FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON public.audit_logs FOR EACH ROW EXECUTE FUNCTION public.reject_mutation();

CREATE TRIGGER feature_toggles_touch_updated_at BEFORE UPDATE ON public.feature_toggles FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

CREATE TRIGGER integrations_audit AFTER INSERT OR UPDATE OR DELETE ON public.integrations FOR EACH ROW EXECUTE FUNCTION public.log_audit_event();

CREATE TRIGGER integrations_touch_updated_at BEFORE UPDATE ON public.integrations FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

CREATE TRIGGER multi_agent_executions_touch_updated_at BEFORE UPDATE ON public.multi_agent_executions FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

CREATE TRIGGER user_credentials_audit AFTER INSERT OR UPDATE OR DELETE ON public.user_credentials FOR EACH ROW EXECUTE FUNCTION public.log_audit_event();

CREATE TRIGGER user_credentials_touch_updated_at BEFORE UPDATE ON public.user_credentials FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

CREATE POLICY agent_execution_steps_owner_delete ON public.agent_execution_steps AS PERMISSIVE FOR DELETE TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY agent_execution_steps_owner_insert ON public.agent_execution_steps AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK ((user_id = (select auth.uid())) and (agent_execution_steps.agent_id is null or exists (select 1 from public.agents_registry parent where parent.id = agent_execution_steps.agent_id)) and (agent_execution_steps.execution_id is null or exists (select 1 from public.multi_agent_executions parent where parent.id = agent_execution_steps.execution_id)));

CREATE POLICY agent_execution_steps_owner_select ON public.agent_execution_steps AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()) or (select is_admin()));

CREATE POLICY agent_execution_steps_owner_update ON public.agent_execution_steps AS PERMISSIVE FOR UPDATE TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK ((user_id = (select auth.uid())) and (agent_execution_steps.agent_id is null or exists (select 1 from public.agents_registry parent where parent.id = agent_execution_steps.agent_id)) and (agent_execution_steps.execution_id is null or exists (select 1 from public.multi_agent_executions parent where parent.id = agent_execution_steps.execution_id)));

CREATE POLICY agent_execution_steps_superadmin_all ON public.agent_execution_steps AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_superadmin()))
    WITH CHECK (((select is_superadmin())) and (agent_execution_steps.agent_id is null or exists (select 1 from public.agents_registry parent where parent.id = agent_execution_steps.agent_id)) and (agent_execution_steps.execution_id is null or exists (select 1 from public.multi_agent_executions parent where parent.id = agent_execution_steps.execution_id)));

CREATE POLICY agent_templates_admin_write ON public.agent_templates AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_admin()))
    WITH CHECK ((select is_admin()));

CREATE POLICY agent_templates_read ON public.agent_templates AS PERMISSIVE FOR SELECT TO authenticated
    USING (true);

CREATE POLICY agents_registry_owner_update ON public.agents_registry AS PERMISSIVE FOR UPDATE TO authenticated
    USING (owner_id = (select auth.uid()))
    WITH CHECK (owner_id = (select auth.uid()) and not is_system);

CREATE POLICY agents_registry_owner_write ON public.agents_registry AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK (owner_id = (select auth.uid()) and not is_system);

CREATE POLICY agents_registry_read ON public.agents_registry AS PERMISSIVE FOR SELECT TO authenticated
    USING (is_system or owner_id = (select auth.uid()) or (select is_admin()));

CREATE POLICY agents_registry_superadmin_all ON public.agents_registry AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_superadmin()))
    WITH CHECK ((select is_superadmin()));

CREATE POLICY audit_logs_own_or_admin ON public.audit_logs AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()) or (select is_admin()));

CREATE POLICY feature_toggles_admin_write ON public.feature_toggles AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_admin()))
    WITH CHECK ((select is_admin()));

CREATE POLICY feature_toggles_read ON public.feature_toggles AS PERMISSIVE FOR SELECT TO authenticated
    USING (true);

CREATE POLICY integration_analytics_owner_delete ON public.integration_analytics AS PERMISSIVE FOR DELETE TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY integration_analytics_owner_insert ON public.integration_analytics AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK ((user_id = (select auth.uid())) and (integration_analytics.integration_id is null or exists (select 1 from public.integrations parent where parent.id = integration_analytics.integration_id)));

CREATE POLICY integration_analytics_owner_select ON public.integration_analytics AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()) or (select is_admin()));

CREATE POLICY integration_analytics_owner_update ON public.integration_analytics AS PERMISSIVE FOR UPDATE TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK ((user_id = (select auth.uid())) and (integration_analytics.integration_id is null or exists (select 1 from public.integrations parent where parent.id = integration_analytics.integration_id)));

CREATE POLICY integration_analytics_superadmin_all ON public.integration_analytics AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_superadmin()))
    WITH CHECK (((select is_superadmin())) and (integration_analytics.integration_id is null or exists (select 1 from public.integrations parent where parent.id = integration_analytics.integration_id)));

CREATE POLICY integration_types_admin_write ON public.integration_types AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_admin()))
    WITH CHECK ((select is_admin()));

CREATE POLICY integration_types_read ON public.integration_types AS PERMISSIVE FOR SELECT TO authenticated
    USING (true);

CREATE POLICY integrations_owner_delete ON public.integrations AS PERMISSIVE FOR DELETE TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY integrations_owner_insert ON public.integrations AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK (user_id = (select auth.uid()));

CREATE POLICY integrations_owner_select ON public.integrations AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()) or (select is_admin()));

CREATE POLICY integrations_owner_update ON public.integrations AS PERMISSIVE FOR UPDATE TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK (user_id = (select auth.uid()));

CREATE POLICY integrations_superadmin_all ON public.integrations AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_superadmin()))
    WITH CHECK ((select is_superadmin()));

CREATE POLICY multi_agent_executions_owner_delete ON public.multi_agent_executions AS PERMISSIVE FOR DELETE TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY multi_agent_executions_owner_insert ON public.multi_agent_executions AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK ((user_id = (select auth.uid())) and (multi_agent_executions.orchestrator_agent_id is null or exists (select 1 from public.agents_registry parent where parent.id = multi_agent_executions.orchestrator_agent_id)));

CREATE POLICY multi_agent_executions_owner_select ON public.multi_agent_executions AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()) or (select is_admin()));

CREATE POLICY multi_agent_executions_owner_update ON public.multi_agent_executions AS PERMISSIVE FOR UPDATE TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK ((user_id = (select auth.uid())) and (multi_agent_executions.orchestrator_agent_id is null or exists (select 1 from public.agents_registry parent where parent.id = multi_agent_executions.orchestrator_agent_id)));

CREATE POLICY multi_agent_executions_superadmin_all ON public.multi_agent_executions AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_superadmin()))
    WITH CHECK (((select is_superadmin())) and (multi_agent_executions.orchestrator_agent_id is null or exists (select 1 from public.agents_registry parent where parent.id = multi_agent_executions.orchestrator_agent_id)));

CREATE POLICY sandbox_executions_owner_delete ON public.sandbox_executions AS PERMISSIVE FOR DELETE TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY sandbox_executions_owner_insert ON public.sandbox_executions AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK ((user_id = (select auth.uid())) and (sandbox_executions.agent_id is null or exists (select 1 from public.agents_registry parent where parent.id = sandbox_executions.agent_id)));

CREATE POLICY sandbox_executions_owner_select ON public.sandbox_executions AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()) or (select is_admin()));

CREATE POLICY sandbox_executions_owner_update ON public.sandbox_executions AS PERMISSIVE FOR UPDATE TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK ((user_id = (select auth.uid())) and (sandbox_executions.agent_id is null or exists (select 1 from public.agents_registry parent where parent.id = sandbox_executions.agent_id)));

CREATE POLICY sandbox_executions_superadmin_all ON public.sandbox_executions AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_superadmin()))
    WITH CHECK (((select is_superadmin())) and (sandbox_executions.agent_id is null or exists (select 1 from public.agents_registry parent where parent.id = sandbox_executions.agent_id)));

CREATE POLICY system_keys_admin_write ON public.system_keys AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_admin()))
    WITH CHECK ((select is_admin()));

CREATE POLICY system_keys_read ON public.system_keys AS PERMISSIVE FOR SELECT TO authenticated
    USING (true);

CREATE POLICY user_credentials_owner_delete ON public.user_credentials AS PERMISSIVE FOR DELETE TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY user_credentials_owner_insert ON public.user_credentials AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK (user_id = (select auth.uid()));

CREATE POLICY user_credentials_owner_select ON public.user_credentials AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()) or (select is_admin()));

CREATE POLICY user_credentials_owner_update ON public.user_credentials AS PERMISSIVE FOR UPDATE TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK (user_id = (select auth.uid()));

CREATE POLICY user_credentials_superadmin_all ON public.user_credentials AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_superadmin()))
    WITH CHECK ((select is_superadmin()));

CREATE POLICY webhook_logs_owner_delete ON public.webhook_logs AS PERMISSIVE FOR DELETE TO authenticated
    USING (user_id = (select auth.uid()));

CREATE POLICY webhook_logs_owner_insert ON public.webhook_logs AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK ((user_id = (select auth.uid())) and (webhook_logs.integration_id is null or exists (select 1 from public.integrations parent where parent.id = webhook_logs.integration_id)));

CREATE POLICY webhook_logs_owner_select ON public.webhook_logs AS PERMISSIVE FOR SELECT TO authenticated
    USING (user_id = (select auth.uid()) or (select is_admin()));

CREATE POLICY webhook_logs_owner_update ON public.webhook_logs AS PERMISSIVE FOR UPDATE TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK ((user_id = (select auth.uid())) and (webhook_logs.integration_id is null or exists (select 1 from public.integrations parent where parent.id = webhook_logs.integration_id)));

CREATE POLICY webhook_logs_superadmin_all ON public.webhook_logs AS PERMISSIVE FOR ALL TO authenticated
    USING ((select is_superadmin()))
    WITH CHECK (((select is_superadmin())) and (webhook_logs.integration_id is null or exists (select 1 from public.integrations parent where parent.id = webhook_logs.integration_id)));

INSERT INTO public.agent_templates (slug, name, category, template) VALUES
    ('email-agent', 'Basic e-mail agent', 'communication', '{"channels": ["email"], "tools": ["smtp.send", "imap.read"]}'),
    ('whatsapp-bot', 'WhatsApp bot agent', 'communication', '{"channels": ["whatsapp"], "tools": ["whatsapp.send"]}'),
    ('db-query', 'Database query agent', 'data', '{"tools": ["sql.query"], "read_only": true}')
ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, category = EXCLUDED.category, template = EXCLUDED.template;

INSERT INTO public.agents_registry (agent_id, version, name, description, manifest, is_system) VALUES
    ('sys.generic-http', '1.0.0', 'Generic HTTP agent', 'Calls HTTP APIs for integrations without a dedicated agent', '{"name": "generic-http", "version": "1.0.0", "capabilities": ["http.request"]}', true),
    ('sys.orchestrator', '1.0.0', 'Agent orchestrator', 'Coordinates multi-agent executions', '{"name": "orchestrator", "version": "1.0.0", "capabilities": ["plan", "delegate", "aggregate"]}', true)
ON CONFLICT (agent_id, version) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description, manifest = EXCLUDED.manifest, is_system = EXCLUDED.is_system;

INSERT INTO public.feature_toggles (feature, tenant_id, enabled) VALUES
    ('multi_agent_execution', null, true),
    ('byoc_credentials', null, true),
    ('sandbox_execution', null, false),
    ('webhook_integrations', null, true),
    ('agent_marketplace', null, false)
ON CONFLICT (feature, tenant_id) DO UPDATE SET enabled = EXCLUDED.enabled;

INSERT INTO public.integration_types (type, display_name, config_schema) VALUES
    ('whatsapp', 'WhatsApp Business', '{"required": ["phone_number_id", "access_token"]}'),
    ('telegram', 'Telegram', '{"required": ["bot_token"]}'),
    ('zapier', 'Zapier', '{"required": ["webhook_url"]}'),
    ('n8n', 'n8n', '{"required": ["webhook_url"]}'),
    ('make', 'Make', '{"required": ["webhook_url"]}')
ON CONFLICT (type) DO UPDATE SET display_name = EXCLUDED.display_name, config_schema = EXCLUDED.config_schema;

INSERT INTO public.system_keys (key_id, public_key) VALUES
    ('renum-2025-01', 'MCowBQYDK2VwAyEA7mYB5uiCMCvE1ZQ3j4q9VzM7qJ0jV2n5sS3a0vNq8xY=')
ON CONFLICT (key_id) DO UPDATE SET public_key = EXCLUDED.public_key;

REVOKE EXECUTE ON FUNCTION public.calculate_manifest_checksum(jsonb) FROM anon, service_role, PUBLIC;

GRANT EXECUTE ON FUNCTION public.calculate_manifest_checksum(jsonb) TO authenticated;

REVOKE EXECUTE ON FUNCTION public.cleanup_old_webhook_logs(interval) FROM anon, authenticated, service_role, PUBLIC;

REVOKE EXECUTE ON FUNCTION public.generate_secure_token() FROM anon, PUBLIC;

GRANT EXECUTE ON FUNCTION public.generate_secure_token() TO authenticated, service_role;

REVOKE EXECUTE ON FUNCTION public.is_admin() FROM anon, service_role, PUBLIC;

GRANT EXECUTE ON FUNCTION public.is_admin() TO authenticated;

REVOKE EXECUTE ON FUNCTION public.is_superadmin() FROM anon, service_role, PUBLIC;

GRANT EXECUTE ON FUNCTION public.is_superadmin() TO authenticated;

REVOKE EXECUTE ON FUNCTION public.log_audit_event() FROM anon, authenticated, service_role, PUBLIC;

REVOKE EXECUTE ON FUNCTION public.mask_pii(text) FROM anon, service_role, PUBLIC;

GRANT EXECUTE ON FUNCTION public.mask_pii(text) TO authenticated;

REVOKE EXECUTE ON FUNCTION public.reject_mutation() FROM anon, authenticated, service_role, PUBLIC;

REVOKE EXECUTE ON FUNCTION public.touch_updated_at() FROM anon, authenticated, service_role, PUBLIC;

REVOKE EXECUTE ON FUNCTION public.validate_agent_manifest(jsonb) FROM anon, service_role, PUBLIC;

GRANT EXECUTE ON FUNCTION public.validate_agent_manifest(jsonb) TO authenticated;

COMMIT;
