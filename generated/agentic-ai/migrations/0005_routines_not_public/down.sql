-- schemac migration 0005_routines_not_public (down)
-- Reverts 0005_routines_not_public: returns the database to the schema before it.
-- Hazards: changes-authorization

BEGIN;

GRANT EXECUTE ON FUNCTION public.update_updated_at() TO PUBLIC;

REVOKE EXECUTE ON FUNCTION agents.active_agent_count() FROM agentic_app;

GRANT EXECUTE ON FUNCTION agents.active_agent_count() TO PUBLIC;

COMMIT;
