-- schemac migration 0004_take_back_platform_grants (down)
-- Reverts 0004_take_back_platform_grants: returns the database to the schema before it.
-- Hazards: changes-authorization

BEGIN;

REVOKE EXECUTE ON FUNCTION public.validate_agent_manifest(jsonb) FROM authenticated;

GRANT EXECUTE ON FUNCTION public.validate_agent_manifest(jsonb) TO PUBLIC;

GRANT EXECUTE ON FUNCTION public.touch_updated_at() TO PUBLIC;

GRANT EXECUTE ON FUNCTION public.reject_mutation() TO PUBLIC;

GRANT EXECUTE ON FUNCTION public.log_audit_event() TO PUBLIC;

REVOKE EXECUTE ON FUNCTION public.is_superadmin() FROM authenticated;

GRANT EXECUTE ON FUNCTION public.is_superadmin() TO PUBLIC;

REVOKE EXECUTE ON FUNCTION public.is_admin() FROM authenticated;

GRANT EXECUTE ON FUNCTION public.is_admin() TO PUBLIC;

GRANT EXECUTE ON FUNCTION public.cleanup_old_webhook_logs(interval) TO PUBLIC;

REVOKE EXECUTE ON FUNCTION public.calculate_manifest_checksum(jsonb) FROM authenticated;

GRANT EXECUTE ON FUNCTION public.calculate_manifest_checksum(jsonb) TO PUBLIC;

REVOKE EXECUTE ON FUNCTION public.generate_secure_token() FROM authenticated;

GRANT EXECUTE ON FUNCTION public.generate_secure_token() TO PUBLIC;

GRANT EXECUTE ON FUNCTION public.mask_pii(text) TO PUBLIC;

COMMIT;
