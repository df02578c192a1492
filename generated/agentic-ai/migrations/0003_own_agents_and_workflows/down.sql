-- schemac migration 0003_own_agents_and_workflows (down)
-- Reverts 0003_own_agents_and_workflows: returns the database to the schema before it.
-- Hazards: changes-authorization, locks-table

BEGIN;

REVOKE USAGE ON SEQUENCE workflows.run_number_seq FROM agentic_app;

REVOKE USAGE ON SCHEMA workflows FROM agentic_app;

REVOKE USAGE ON SCHEMA agents FROM agentic_app;

DROP POLICY workflows_visible ON workflows.workflows;

DROP POLICY workflows_isolate_update ON workflows.workflows;

DROP POLICY workflows_isolate_insert ON workflows.workflows;

DROP POLICY workflows_isolate_delete ON workflows.workflows;

DROP POLICY agents_visible ON agents.agents;

DROP POLICY agents_isolate_update ON agents.agents;

DROP POLICY agents_isolate_insert ON agents.agents;

DROP POLICY agents_isolate_delete ON agents.agents;

DROP INDEX agents.agents_created_by_idx;

ALTER TABLE agents.agents DISABLE ROW LEVEL SECURITY;

REVOKE DELETE ON TABLE agents.agents FROM agentic_app;

REVOKE INSERT ON TABLE agents.agents FROM agentic_app;

REVOKE SELECT ON TABLE agents.agents FROM agentic_app;

REVOKE UPDATE ON TABLE agents.agents FROM agentic_app;

ALTER TABLE workflows.workflows DISABLE ROW LEVEL SECURITY;

REVOKE DELETE ON TABLE workflows.workflows FROM agentic_app;

REVOKE INSERT ON TABLE workflows.workflows FROM agentic_app;

REVOKE SELECT ON TABLE workflows.workflows FROM agentic_app;

REVOKE UPDATE ON TABLE workflows.workflows FROM agentic_app;

COMMIT;
