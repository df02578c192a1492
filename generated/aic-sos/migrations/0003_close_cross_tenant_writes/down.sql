-- schemac migration 0003_close_cross_tenant_writes (down)
-- Reverts 0003_close_cross_tenant_writes: returns the database to the schema before it.
-- Hazards: changes-authorization

BEGIN;

ALTER POLICY audit_events_isolate_insert ON public.audit_events TO aic_app
    WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

COMMIT;
