-- schemac migration 0006_take_back_platform_grants (down)
-- Reverts 0006_take_back_platform_grants: returns the database to the schema before it.
-- Hazards: changes-authorization

BEGIN;

GRANT EXECUTE ON FUNCTION public.update_updated_at_column() TO PUBLIC;

GRANT EXECUTE ON FUNCTION public.update_cli_session_last_seen() TO PUBLIC;

GRANT EXECUTE ON FUNCTION public.handle_new_user() TO PUBLIC;

COMMIT;
