-- schemac migration 0004_routines_not_public (down)
-- Reverts 0004_routines_not_public: returns the database to the schema before it.
-- Hazards: changes-authorization

BEGIN;

GRANT EXECUTE ON FUNCTION public.verify_audit_chain(uuid) TO PUBLIC;

GRANT EXECUTE ON FUNCTION public.touch_updated_at() TO PUBLIC;

GRANT EXECUTE ON FUNCTION public.reject_mutation() TO PUBLIC;

GRANT EXECUTE ON FUNCTION public.prevent_region_change() TO PUBLIC;

GRANT EXECUTE ON PROCEDURE public.expire_approvals() TO PUBLIC;

GRANT EXECUTE ON FUNCTION public.chain_audit_event() TO PUBLIC;

REVOKE EXECUTE ON FUNCTION public.audit_event_hash(text, uuid, uuid, text, text, text, text, jsonb, timestamp with time zone) FROM aic_app;

GRANT EXECUTE ON FUNCTION public.audit_event_hash(text, uuid, uuid, text, text, text, text, jsonb, timestamp with time zone) TO PUBLIC;

COMMIT;
