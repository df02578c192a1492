-- schemac: the whole schema of project `aic-sos`, in dependency order.
-- Runs on an empty database (after `schemac prelude`). Generated; do not edit.

BEGIN;

CREATE TYPE public.environment_tier AS ENUM ('dev', 'test', 'prod');

CREATE TYPE public.persistence_mode AS ENUM ('metadata_only', 'full');

CREATE TYPE public.region AS ENUM ('us', 'eu');

CREATE DOMAIN public.semver AS text CONSTRAINT semver_check CHECK (value ~ '^\d+\.\d+\.\d+$');

COMMENT ON DOMAIN public.semver IS 'Semantic version such as 1.4.2.';

CREATE FUNCTION public.audit_event_hash(prev text, tenant uuid, actor uuid, action text, rtype text, rid text, source text, payload jsonb, at timestamp with time zone)
    RETURNS text
    LANGUAGE sql
    IMMUTABLE
AS $$
  select encode(sha256(convert_to(
    concat_ws('|', coalesce(prev, ''), tenant, actor, action, rtype, rid, source, payload::text,
              to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')), 'UTF8')), 'hex')
$$;

COMMENT ON FUNCTION public.audit_event_hash(text, uuid, uuid, text, text, text, text, jsonb, timestamp with time zone) IS 'The hash of one audit event given its predecessor''s.';

CREATE FUNCTION public.chain_audit_event()
    RETURNS trigger
    LANGUAGE plpgsql
AS $$
declare
  prev text;
begin
  perform pg_advisory_xact_lock(hashtextextended(new.tenant_id::text, 0));
  select hash into prev from public.audit_events
   where tenant_id = new.tenant_id order by id desc limit 1;
  new.previous_hash := prev;
  new.hash := public.audit_event_hash(prev, new.tenant_id, new.actor_id, new.action,
                                      new.resource_type, new.resource_id, new.source, new.payload, new.occurred_at);
  return new;
end
$$;

COMMENT ON FUNCTION public.chain_audit_event() IS 'Links each audit event to the previous one of its tenant: hash = sha256(previous hash ‖ event).';

CREATE PROCEDURE public.expire_approvals()
    LANGUAGE plpgsql
AS $$
begin
  update public.steps s set status = 'failed', error = 'approval expired', finished_at = now()
  from public.approval_requests a
  where a.step_id = s.id and a.expires_at < now() and s.status = 'running'
    and not exists (select 1 from public.approval_decisions d where d.request_id = a.id);
end
$$;

COMMENT ON PROCEDURE public.expire_approvals() IS 'Cancels approval requests past their expiry and fails their runs.';

CREATE FUNCTION public.prevent_region_change()
    RETURNS trigger
    LANGUAGE plpgsql
AS $$
begin
  if new.region is distinct from old.region then
    raise exception 'tenant % is pinned to region %; region cannot change', old.id, old.region
      using errcode = 'check_violation';
  end if;
  return new;
end
$$;

COMMENT ON FUNCTION public.prevent_region_change() IS 'A tenant''s region is fixed at creation: moving data between regions is never an update.';

CREATE FUNCTION public.reject_mutation()
    RETURNS trigger
    LANGUAGE plpgsql
AS $$
begin
  raise exception '% on % is not allowed: rows are immutable', tg_op, tg_table_name
    using errcode = 'insufficient_privilege';
end
$$;

COMMENT ON FUNCTION public.reject_mutation() IS 'Rejects UPDATE and DELETE on append-only and immutable tables.';

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

CREATE TABLE public.api_keys (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    principal_id uuid NOT NULL,
    key_prefix text NOT NULL,
    key_hash text NOT NULL,
    expires_at timestamp with time zone,
    revoked_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash),
    CONSTRAINT api_keys_pkey PRIMARY KEY (id)
);

COMMENT ON TABLE public.api_keys IS 'Service-to-service API keys, hashed at rest.';

CREATE TABLE public.approval_decisions (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    request_id uuid NOT NULL,
    decided_by uuid NOT NULL,
    decision text NOT NULL,
    reason text,
    decided_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT approval_decisions_decision_check CHECK (decision in ('approved', 'rejected')),
    CONSTRAINT approval_decisions_pkey PRIMARY KEY (id),
    CONSTRAINT approval_decisions_request_id_decided_by_key UNIQUE (request_id, decided_by)
);

COMMENT ON TABLE public.approval_decisions IS 'An approval or rejection.';

CREATE TABLE public.approval_requests (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    step_id uuid NOT NULL,
    requested_at timestamp with time zone NOT NULL DEFAULT now(),
    expires_at timestamp with time zone NOT NULL,
    notified_at timestamp with time zone,
    CONSTRAINT approval_requests_pkey PRIMARY KEY (id)
);

COMMENT ON TABLE public.approval_requests IS 'A human-in-the-loop approval gate.';

CREATE TABLE public.audit_config (
    tenant_id uuid NOT NULL,
    retention_days integer NOT NULL DEFAULT 365,
    export_target text,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT audit_config_pkey PRIMARY KEY (tenant_id),
    CONSTRAINT audit_config_retention_days_check CHECK (retention_days >= 30)
);

ALTER TABLE public.audit_config ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.audit_config IS 'Per-tenant audit settings.';

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.audit_config TO aic_app;

CREATE TABLE public.audit_events (
    id bigint GENERATED ALWAYS AS IDENTITY,
    tenant_id uuid NOT NULL,
    actor_id uuid,
    action text NOT NULL,
    resource_type text NOT NULL,
    resource_id text,
    source text NOT NULL,
    payload jsonb NOT NULL DEFAULT '{}',
    occurred_at timestamp with time zone NOT NULL DEFAULT now(),
    retain_until date,
    previous_hash text,
    hash text NOT NULL,
    CONSTRAINT audit_events_action_check CHECK (action ~ '^[a-z_]+\.[a-z_]+$'),
    CONSTRAINT audit_events_pkey PRIMARY KEY (id),
    CONSTRAINT audit_events_source_check CHECK (source in ('api', 'ui', 'scheduled'))
);

ALTER TABLE public.audit_events ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.audit_events IS 'Append-only, hash-chained audit log.';

GRANT INSERT, SELECT ON TABLE public.audit_events TO aic_app;

CREATE FUNCTION public.verify_audit_chain(tenant uuid)
    RETURNS bigint
    LANGUAGE sql
    STABLE
AS $$
  with ordered as (
    select id, hash, previous_hash,
           lag(hash) over (order by id) as expected_prev,
           public.audit_event_hash(previous_hash, tenant_id, actor_id, action, resource_type,
                                   resource_id, source, payload, occurred_at) as recomputed
      from public.audit_events where tenant_id = tenant
  )
  select min(id) from ordered
   where hash <> recomputed or previous_hash is distinct from expected_prev
$$;

COMMENT ON FUNCTION public.verify_audit_chain(uuid) IS 'The id of the first event of a tenant whose hash does not match its content, if any.';

CREATE TABLE public.connector_installations (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL,
    connector text NOT NULL,
    encrypted_config bytea NOT NULL,
    kms_key_id text NOT NULL,
    enabled boolean NOT NULL DEFAULT true,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT connector_installations_pkey PRIMARY KEY (id),
    CONSTRAINT connector_installations_workspace_id_connector_key UNIQUE (workspace_id, connector)
);

ALTER TABLE public.connector_installations ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.connector_installations IS 'A connector installed in a workspace.';

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.connector_installations TO aic_app;

CREATE TABLE public.environments (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL,
    tier public.environment_tier NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT environments_pkey PRIMARY KEY (id),
    CONSTRAINT environments_workspace_id_tier_key UNIQUE (workspace_id, tier)
);

ALTER TABLE public.environments ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.environments IS 'dev/test/prod tiers of a workspace.';

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.environments TO aic_app;

CREATE TABLE public.key_validation_results (
    id bigint GENERATED ALWAYS AS IDENTITY,
    provider_key_id uuid NOT NULL,
    ok boolean NOT NULL,
    detail text,
    checked_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT key_validation_results_pkey PRIMARY KEY (id)
);

COMMENT ON TABLE public.key_validation_results IS 'Cached validation results.';

CREATE TABLE public.metering_events (
    id bigint GENERATED ALWAYS AS IDENTITY,
    tenant_id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    kind text NOT NULL,
    quantity bigint NOT NULL,
    cost_usd numeric(14,6) NOT NULL DEFAULT 0,
    occurred_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT metering_events_kind_check CHECK (kind in ('llm_tokens', 'connector_call', 'api_call', 'storage_bytes')),
    CONSTRAINT metering_events_pkey PRIMARY KEY (id, occurred_at),
    CONSTRAINT metering_events_quantity_check CHECK (quantity >= 0)
) PARTITION BY RANGE (occurred_at);

ALTER TABLE public.metering_events ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.metering_events IS 'Usage events (tokens, calls, bytes), partitioned by month.';

GRANT INSERT, SELECT ON TABLE public.metering_events TO aic_app;

CREATE TABLE public.metering_events_2025_01 PARTITION OF public.metering_events FOR VALUES from ('2025-01-01') to ('2025-02-01');

CREATE TABLE public.metering_events_2025_02 PARTITION OF public.metering_events FOR VALUES from ('2025-02-01') to ('2025-03-01');

CREATE TABLE public.metering_events_2025_03 PARTITION OF public.metering_events FOR VALUES from ('2025-03-01') to ('2025-04-01');

CREATE TABLE public.metering_events_default PARTITION OF public.metering_events DEFAULT;

CREATE TABLE public.permissions (
    name text NOT NULL,
    description text NOT NULL,
    CONSTRAINT permissions_name_check CHECK (name ~ '^[a-z_]+:[a-z_]+$'),
    CONSTRAINT permissions_pkey PRIMARY KEY (name)
);

COMMENT ON TABLE public.permissions IS 'Granular permissions such as policy:create.';

CREATE TABLE public.policies (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    version integer NOT NULL DEFAULT 1,
    rego text NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT policies_pkey PRIMARY KEY (id),
    CONSTRAINT policies_tenant_id_name_version_key UNIQUE (tenant_id, name, version)
);

ALTER TABLE public.policies ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.policies IS 'Policy definitions (Rego), versioned by row.';

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.policies TO aic_app;

CREATE TABLE public.policy_bindings (
    policy_id uuid NOT NULL,
    workflow_id uuid NOT NULL,
    priority integer NOT NULL DEFAULT 100,
    CONSTRAINT policy_bindings_pkey PRIMARY KEY (policy_id, workflow_id)
);

COMMENT ON TABLE public.policy_bindings IS 'Which policies apply to which workflows, in priority order.';

CREATE TABLE public.principals (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL,
    kind text NOT NULL,
    email text,
    oidc_sub text,
    oidc_issuer text,
    display_name text,
    disabled_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT principals_check CHECK (kind = 'service' or email is not null),
    CONSTRAINT principals_kind_check CHECK (kind in ('user', 'service')),
    CONSTRAINT principals_oidc_issuer_oidc_sub_key UNIQUE (oidc_issuer, oidc_sub),
    CONSTRAINT principals_pkey PRIMARY KEY (id),
    CONSTRAINT principals_tenant_id_email_key UNIQUE (tenant_id, email)
);

ALTER TABLE public.principals ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.principals IS 'A human user or a service identity.';

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.principals TO aic_app;

CREATE TABLE public.provider_keys (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL,
    provider text NOT NULL,
    encrypted_key bytea NOT NULL,
    kms_key_id text NOT NULL,
    validation_status text NOT NULL DEFAULT 'pending',
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT provider_keys_pkey PRIMARY KEY (id),
    CONSTRAINT provider_keys_provider_check CHECK (provider in ('openai', 'azure_openai', 'anthropic', 'cohere', 'google')),
    CONSTRAINT provider_keys_validation_status_check CHECK (validation_status in ('pending', 'valid', 'invalid')),
    CONSTRAINT provider_keys_workspace_id_provider_key UNIQUE (workspace_id, provider)
);

ALTER TABLE public.provider_keys ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.provider_keys IS 'Bring-your-own LLM keys (KMS envelope encryption).';

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.provider_keys TO aic_app;

CREATE TABLE public.role_bindings (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    principal_id uuid NOT NULL,
    role_name text NOT NULL,
    workspace_id uuid NOT NULL,
    granted_by uuid,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT role_bindings_pkey PRIMARY KEY (id),
    CONSTRAINT role_bindings_principal_id_role_name_workspace_id_key UNIQUE (principal_id, role_name, workspace_id)
);

COMMENT ON TABLE public.role_bindings IS 'principal → role → workspace.';

CREATE TABLE public.role_permissions (
    role_name text NOT NULL,
    permission_name text NOT NULL,
    CONSTRAINT role_permissions_pkey PRIMARY KEY (role_name, permission_name)
);

COMMENT ON TABLE public.role_permissions IS 'Which permissions a role has.';

CREATE TABLE public.roles (
    name text NOT NULL,
    description text NOT NULL,
    CONSTRAINT roles_pkey PRIMARY KEY (name)
);

COMMENT ON TABLE public.roles IS 'RBAC roles.';

CREATE TABLE public.runs (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL,
    workflow_version_id uuid NOT NULL,
    status text NOT NULL DEFAULT 'queued',
    idempotency_key text,
    current_step_id uuid,
    started_by uuid,
    queued_at timestamp with time zone NOT NULL DEFAULT now(),
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    error text,
    CONSTRAINT runs_pkey PRIMARY KEY (id),
    CONSTRAINT runs_status_check CHECK (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    CONSTRAINT runs_workspace_id_idempotency_key_key UNIQUE (workspace_id, idempotency_key)
);

ALTER TABLE public.runs ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.runs IS 'A workflow execution. `current_step_id` and `steps.run_id` reference each other:
the cycle is broken by adding the foreign keys after both tables exist.';

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.runs TO aic_app;

CREATE TABLE public.secret_rotation_log (
    id bigint GENERATED ALWAYS AS IDENTITY,
    provider_key_id uuid,
    connector_installation_id uuid,
    rotated_by uuid,
    rotated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT secret_rotation_log_check CHECK (num_nonnulls(provider_key_id, connector_installation_id) = 1),
    CONSTRAINT secret_rotation_log_pkey PRIMARY KEY (id)
);

COMMENT ON TABLE public.secret_rotation_log IS 'Secret rotations, for audit.';

CREATE TABLE public.sessions (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    principal_id uuid NOT NULL,
    jti text NOT NULL,
    issued_at timestamp with time zone NOT NULL DEFAULT now(),
    expires_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    CONSTRAINT sessions_jti_key UNIQUE (jti),
    CONSTRAINT sessions_pkey PRIMARY KEY (id)
);

COMMENT ON TABLE public.sessions IS 'JWT/OIDC sessions, for logout and revocation.';

CREATE TABLE public.steps (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    run_id uuid NOT NULL,
    step_key text NOT NULL,
    seq integer NOT NULL,
    status text NOT NULL DEFAULT 'pending',
    attempts smallint NOT NULL DEFAULT 0,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    error text,
    CONSTRAINT steps_pkey PRIMARY KEY (id),
    CONSTRAINT steps_run_id_seq_key UNIQUE (run_id, seq),
    CONSTRAINT steps_seq_check CHECK (seq >= 0),
    CONSTRAINT steps_status_check CHECK (status in ('pending', 'running', 'succeeded', 'failed', 'skipped'))
);

COMMENT ON TABLE public.steps IS 'One step of a run.';

CREATE TABLE public.tenants (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    slug text COLLATE "C" NOT NULL,
    name text NOT NULL,
    region public.region NOT NULL,
    persistence public.persistence_mode NOT NULL DEFAULT 'metadata_only',
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT tenants_pkey PRIMARY KEY (id),
    CONSTRAINT tenants_slug_check CHECK (slug ~ '^[a-z0-9-]{3,63}$'),
    CONSTRAINT tenants_slug_key UNIQUE (slug)
);

ALTER TABLE public.tenants ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.tenants IS 'An organization, pinned to a region.';

GRANT SELECT ON TABLE public.tenants TO aic_app;

CREATE TABLE public.tool_calls (
    id bigint GENERATED ALWAYS AS IDENTITY,
    step_id uuid NOT NULL,
    tool text NOT NULL,
    model text,
    input_tokens integer,
    output_tokens integer,
    latency_ms integer,
    cost_usd numeric(12,6),
    error text,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT tool_calls_pkey PRIMARY KEY (id)
);

COMMENT ON TABLE public.tool_calls IS 'LLM API calls and connector invocations.';

CREATE TABLE public.usage_summary (
    tenant_id uuid NOT NULL,
    period text NOT NULL,
    period_start timestamp with time zone NOT NULL,
    kind text NOT NULL,
    quantity bigint NOT NULL DEFAULT 0,
    cost_usd numeric(14,6) NOT NULL DEFAULT 0,
    budget_usd numeric(14,2),
    CONSTRAINT usage_summary_period_check CHECK (period in ('hour', 'day', 'month')),
    CONSTRAINT usage_summary_pkey PRIMARY KEY (tenant_id, period, period_start, kind)
);

ALTER TABLE public.usage_summary ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.usage_summary IS 'Aggregated usage per period.';

GRANT SELECT ON TABLE public.usage_summary TO aic_app;

CREATE TABLE public.workflow_versions (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    workflow_id uuid NOT NULL,
    version public.semver NOT NULL,
    definition jsonb NOT NULL,
    definition_digest text GENERATED ALWAYS AS (md5(definition::text)) STORED,
    pinned_models jsonb NOT NULL DEFAULT '{}',
    risk_tier text NOT NULL DEFAULT 'low',
    published_by uuid,
    published_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT workflow_versions_pkey PRIMARY KEY (id),
    CONSTRAINT workflow_versions_risk_tier_check CHECK (risk_tier in ('low', 'medium', 'high')),
    CONSTRAINT workflow_versions_workflow_id_version_key UNIQUE (workflow_id, version)
);

COMMENT ON TABLE public.workflow_versions IS 'An immutable, pinned version of a workflow.';

CREATE TABLE public.workflows (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL,
    name text NOT NULL,
    description text,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT workflows_pkey PRIMARY KEY (id),
    CONSTRAINT workflows_workspace_id_name_key UNIQUE (workspace_id, name)
);

ALTER TABLE public.workflows ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.workflows IS 'A workflow template.';

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.workflows TO aic_app;

CREATE TABLE public.workspace_config (
    workspace_id uuid NOT NULL,
    max_runs_per_day integer NOT NULL DEFAULT 1000,
    retention_days integer NOT NULL DEFAULT 90,
    settings jsonb NOT NULL DEFAULT '{}',
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT workspace_config_max_runs_per_day_check CHECK (max_runs_per_day > 0),
    CONSTRAINT workspace_config_pkey PRIMARY KEY (workspace_id),
    CONSTRAINT workspace_config_retention_days_check CHECK (retention_days between 1 and 3650)
);

ALTER TABLE public.workspace_config ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.workspace_config IS 'Settings, quotas and retention of a workspace.';

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.workspace_config TO aic_app;

CREATE TABLE public.workspaces (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT workspaces_pkey PRIMARY KEY (id),
    CONSTRAINT workspaces_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT workspaces_tenant_id_name_key UNIQUE (tenant_id, name)
);

ALTER TABLE public.workspaces ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.workspaces IS 'An isolated operating environment inside a tenant.';

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.workspaces TO aic_app;

CREATE VIEW public.monthly_costs WITH (security_invoker = true) AS
select tenant_id, date_trunc('month', occurred_at) as month, sum(cost_usd) as cost_usd
  from public.metering_events
  group by tenant_id, date_trunc('month', occurred_at);

COMMENT ON VIEW public.monthly_costs IS 'Monthly cost per tenant.';

ALTER TABLE public.api_keys ADD CONSTRAINT api_keys_principal_id_fkey FOREIGN KEY (principal_id) REFERENCES public.principals ON DELETE CASCADE;

ALTER TABLE public.approval_decisions ADD CONSTRAINT approval_decisions_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES public.principals;

ALTER TABLE public.approval_decisions ADD CONSTRAINT approval_decisions_request_id_fkey FOREIGN KEY (request_id) REFERENCES public.approval_requests ON DELETE CASCADE;

ALTER TABLE public.approval_requests ADD CONSTRAINT approval_requests_step_id_fkey FOREIGN KEY (step_id) REFERENCES public.steps ON DELETE CASCADE;

ALTER TABLE public.audit_config ADD CONSTRAINT audit_config_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants ON DELETE CASCADE;

ALTER TABLE public.audit_events ADD CONSTRAINT audit_events_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES public.principals ON DELETE SET NULL;

ALTER TABLE public.audit_events ADD CONSTRAINT audit_events_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants ON DELETE CASCADE;

ALTER TABLE public.connector_installations ADD CONSTRAINT connector_installations_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces ON DELETE CASCADE;

ALTER TABLE public.environments ADD CONSTRAINT environments_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces ON DELETE CASCADE;

ALTER TABLE public.key_validation_results ADD CONSTRAINT key_validation_results_provider_key_id_fkey FOREIGN KEY (provider_key_id) REFERENCES public.provider_keys ON DELETE CASCADE;

ALTER TABLE public.metering_events ADD CONSTRAINT metering_events_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants ON DELETE CASCADE;

ALTER TABLE public.policies ADD CONSTRAINT policies_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants ON DELETE CASCADE;

ALTER TABLE public.policy_bindings ADD CONSTRAINT policy_bindings_policy_id_fkey FOREIGN KEY (policy_id) REFERENCES public.policies ON DELETE CASCADE;

ALTER TABLE public.policy_bindings ADD CONSTRAINT policy_bindings_workflow_id_fkey FOREIGN KEY (workflow_id) REFERENCES public.workflows ON DELETE CASCADE;

ALTER TABLE public.principals ADD CONSTRAINT principals_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants ON DELETE CASCADE;

ALTER TABLE public.provider_keys ADD CONSTRAINT provider_keys_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces ON DELETE CASCADE;

ALTER TABLE public.role_bindings ADD CONSTRAINT role_bindings_granted_by_fkey FOREIGN KEY (granted_by) REFERENCES public.principals ON DELETE SET NULL;

ALTER TABLE public.role_bindings ADD CONSTRAINT role_bindings_principal_id_fkey FOREIGN KEY (principal_id) REFERENCES public.principals ON DELETE CASCADE;

ALTER TABLE public.role_bindings ADD CONSTRAINT role_bindings_role_name_fkey FOREIGN KEY (role_name) REFERENCES public.roles;

ALTER TABLE public.role_bindings ADD CONSTRAINT role_bindings_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces ON DELETE CASCADE;

ALTER TABLE public.role_permissions ADD CONSTRAINT role_permissions_permission_name_fkey FOREIGN KEY (permission_name) REFERENCES public.permissions ON DELETE CASCADE;

ALTER TABLE public.role_permissions ADD CONSTRAINT role_permissions_role_name_fkey FOREIGN KEY (role_name) REFERENCES public.roles ON DELETE CASCADE;

ALTER TABLE public.runs ADD CONSTRAINT runs_current_step_id_fkey FOREIGN KEY (current_step_id) REFERENCES public.steps DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE public.runs ADD CONSTRAINT runs_started_by_fkey FOREIGN KEY (started_by) REFERENCES public.principals ON DELETE SET NULL;

ALTER TABLE public.runs ADD CONSTRAINT runs_workflow_version_id_fkey FOREIGN KEY (workflow_version_id) REFERENCES public.workflow_versions;

ALTER TABLE public.runs ADD CONSTRAINT runs_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces ON DELETE CASCADE;

ALTER TABLE public.secret_rotation_log ADD CONSTRAINT secret_rotation_log_connector_installation_id_fkey FOREIGN KEY (connector_installation_id) REFERENCES public.connector_installations ON DELETE SET NULL;

ALTER TABLE public.secret_rotation_log ADD CONSTRAINT secret_rotation_log_provider_key_id_fkey FOREIGN KEY (provider_key_id) REFERENCES public.provider_keys ON DELETE SET NULL;

ALTER TABLE public.secret_rotation_log ADD CONSTRAINT secret_rotation_log_rotated_by_fkey FOREIGN KEY (rotated_by) REFERENCES public.principals ON DELETE SET NULL;

ALTER TABLE public.sessions ADD CONSTRAINT sessions_principal_id_fkey FOREIGN KEY (principal_id) REFERENCES public.principals ON DELETE CASCADE;

ALTER TABLE public.steps ADD CONSTRAINT steps_run_id_fkey FOREIGN KEY (run_id) REFERENCES public.runs ON DELETE CASCADE;

ALTER TABLE public.tool_calls ADD CONSTRAINT tool_calls_step_id_fkey FOREIGN KEY (step_id) REFERENCES public.steps ON DELETE CASCADE;

ALTER TABLE public.usage_summary ADD CONSTRAINT usage_summary_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants ON DELETE CASCADE;

ALTER TABLE public.workflow_versions ADD CONSTRAINT workflow_versions_published_by_fkey FOREIGN KEY (published_by) REFERENCES public.principals ON DELETE SET NULL;

ALTER TABLE public.workflow_versions ADD CONSTRAINT workflow_versions_workflow_id_fkey FOREIGN KEY (workflow_id) REFERENCES public.workflows ON DELETE CASCADE;

ALTER TABLE public.workflows ADD CONSTRAINT workflows_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces ON DELETE CASCADE;

ALTER TABLE public.workspace_config ADD CONSTRAINT workspace_config_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces ON DELETE CASCADE;

ALTER TABLE public.workspaces ADD CONSTRAINT workspaces_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants ON DELETE CASCADE;

CREATE INDEX api_keys_principal_id_idx ON public.api_keys (principal_id) WHERE (revoked_at is null);

CREATE INDEX approval_requests_expires_at_idx ON public.approval_requests (expires_at);

CREATE INDEX audit_events_resource_type_resource_id_idx ON public.audit_events (resource_type, resource_id);

CREATE INDEX audit_events_tenant_id_id_idx ON public.audit_events (tenant_id, id);

CREATE INDEX key_validation_results_provider_key_id_checked_at_idx ON public.key_validation_results (provider_key_id, checked_at DESC);

CREATE INDEX metering_events_tenant_id_occurred_at_idx ON public.metering_events (tenant_id, occurred_at);

CREATE INDEX policy_bindings_workflow_id_priority_idx ON public.policy_bindings (workflow_id, priority);

CREATE INDEX role_bindings_workspace_id_idx ON public.role_bindings (workspace_id);

CREATE INDEX runs_queued_at_idx ON public.runs (queued_at) WHERE (status = 'queued');

CREATE INDEX runs_workspace_id_status_idx ON public.runs (workspace_id, status);

CREATE INDEX sessions_principal_id_expires_at_idx ON public.sessions (principal_id, expires_at);

CREATE INDEX tool_calls_step_id_idx ON public.tool_calls (step_id);

CREATE TRIGGER audit_config_touch BEFORE UPDATE ON public.audit_config FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON public.audit_events FOR EACH ROW EXECUTE FUNCTION public.reject_mutation();

CREATE TRIGGER audit_events_chain BEFORE INSERT ON public.audit_events FOR EACH ROW EXECUTE FUNCTION public.chain_audit_event();

CREATE TRIGGER connector_installations_touch BEFORE UPDATE ON public.connector_installations FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

CREATE TRIGGER principals_touch BEFORE UPDATE ON public.principals FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

CREATE TRIGGER provider_keys_touch BEFORE UPDATE ON public.provider_keys FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

CREATE TRIGGER tenants_region_immutable BEFORE UPDATE OF region ON public.tenants FOR EACH ROW EXECUTE FUNCTION public.prevent_region_change();

CREATE TRIGGER tenants_touch BEFORE UPDATE ON public.tenants FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

CREATE TRIGGER workflow_versions_immutable BEFORE UPDATE OR DELETE ON public.workflow_versions FOR EACH ROW EXECUTE FUNCTION public.reject_mutation();

CREATE TRIGGER workflows_touch BEFORE UPDATE ON public.workflows FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

CREATE TRIGGER workspace_config_touch BEFORE UPDATE ON public.workspace_config FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

CREATE TRIGGER workspaces_touch BEFORE UPDATE ON public.workspaces FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

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

INSERT INTO public.permissions (name, description) VALUES
    ('workflow:create', 'Create workflows'),
    ('workflow:publish', 'Publish workflow versions'),
    ('run:start', 'Start runs'),
    ('run:delete', 'Delete runs'),
    ('policy:create', 'Create policies'),
    ('approval:decide', 'Approve or reject'),
    ('audit:read', 'Read audit events'),
    ('key:rotate', 'Rotate provider keys')
ON CONFLICT (name) DO UPDATE SET description = EXCLUDED.description;

INSERT INTO public.roles (name, description) VALUES
    ('WorkspaceAdmin', 'Manages a workspace, its members and settings'),
    ('Operator', 'Starts and cancels runs'),
    ('Approver', 'Approves or rejects gated steps'),
    ('Auditor', 'Reads audit events and usage'),
    ('IntegrationAdmin', 'Manages connectors and provider keys')
ON CONFLICT (name) DO UPDATE SET description = EXCLUDED.description;

INSERT INTO public.role_permissions (role_name, permission_name) VALUES
    ('WorkspaceAdmin', 'workflow:create'),
    ('WorkspaceAdmin', 'workflow:publish'),
    ('WorkspaceAdmin', 'run:start'),
    ('WorkspaceAdmin', 'run:delete'),
    ('WorkspaceAdmin', 'policy:create'),
    ('Operator', 'run:start'),
    ('Approver', 'approval:decide'),
    ('Auditor', 'audit:read'),
    ('IntegrationAdmin', 'key:rotate')
ON CONFLICT (role_name, permission_name) DO NOTHING;

REVOKE EXECUTE ON FUNCTION public.audit_event_hash(text, uuid, uuid, text, text, text, text, jsonb, timestamp with time zone) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION public.audit_event_hash(text, uuid, uuid, text, text, text, text, jsonb, timestamp with time zone) TO aic_app;

REVOKE EXECUTE ON FUNCTION public.chain_audit_event() FROM PUBLIC;

REVOKE EXECUTE ON PROCEDURE public.expire_approvals() FROM PUBLIC;

REVOKE EXECUTE ON FUNCTION public.prevent_region_change() FROM PUBLIC;

REVOKE EXECUTE ON FUNCTION public.reject_mutation() FROM PUBLIC;

REVOKE EXECUTE ON FUNCTION public.touch_updated_at() FROM PUBLIC;

REVOKE EXECUTE ON FUNCTION public.verify_audit_chain(uuid) FROM PUBLIC;

COMMIT;
