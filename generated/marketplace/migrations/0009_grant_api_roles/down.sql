-- schemac migration 0009_grant_api_roles (down)
-- Reverts 0009_grant_api_roles: returns the database to the schema before it.
-- Hazards: changes-authorization

BEGIN;

SET LOCAL lock_timeout = '5s';

REVOKE DELETE, INSERT, SELECT, UPDATE ON TABLE public.customer_ves FROM authenticated;

REVOKE SELECT, UPDATE ON TABLE public.customers FROM authenticated;

REVOKE INSERT, SELECT ON TABLE public.messages FROM authenticated;

REVOKE INSERT, SELECT, UPDATE ON TABLE public.tasks FROM authenticated;

REVOKE SELECT ON TABLE public.token_usage FROM authenticated;

COMMIT;
