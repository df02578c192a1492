-- schemac: the access-control surface of project `aic-sos`: RLS flags, policies, grants.
-- For review; schema.sql and the migrations already contain these statements.

-- public.api_keys: row level security is not enabled

-- public.approval_decisions: row level security is not enabled

-- public.approval_requests: row level security is not enabled

-- public.audit_config: row level security is not enabled

-- public.audit_events: row level security is not enabled

-- public.connector_installations: row level security is not enabled

-- public.environments: row level security is not enabled

-- public.key_validation_results: row level security is not enabled

-- public.metering_events: row level security is not enabled

-- public.permissions: row level security is not enabled

-- public.policies: row level security is not enabled

-- public.policy_bindings: row level security is not enabled

-- public.principals: row level security is not enabled

-- public.provider_keys: row level security is not enabled

-- public.role_bindings: row level security is not enabled

-- public.role_permissions: row level security is not enabled

-- public.roles: row level security is not enabled

-- public.runs: row level security is not enabled

-- public.secret_rotation_log: row level security is not enabled

-- public.sessions: row level security is not enabled

-- public.steps: row level security is not enabled

-- public.tenants: row level security is not enabled

-- public.tool_calls: row level security is not enabled

-- public.usage_summary: row level security is not enabled

-- public.workflow_versions: row level security is not enabled

-- public.workflows: row level security is not enabled

-- public.workspace_config: row level security is not enabled

-- public.workspaces: row level security is not enabled
