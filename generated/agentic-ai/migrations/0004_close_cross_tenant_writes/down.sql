-- schemac migration 0004_close_cross_tenant_writes (down)
-- Reverts 0004_close_cross_tenant_writes: returns the database to the schema before it.
-- Hazards: changes-authorization

BEGIN;

ALTER POLICY conversations_isolate_insert ON public.conversations TO agentic_app
    WITH CHECK ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));

ALTER POLICY conversations_isolate_update ON public.conversations TO agentic_app
    USING ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid))
    WITH CHECK ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));

ALTER POLICY user_agents_isolate_insert ON public.user_agents TO agentic_app
    WITH CHECK ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));

ALTER POLICY user_agents_isolate_update ON public.user_agents TO agentic_app
    USING ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid))
    WITH CHECK ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));

ALTER POLICY user_workflows_isolate_insert ON public.user_workflows TO agentic_app
    WITH CHECK ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));

ALTER POLICY user_workflows_isolate_update ON public.user_workflows TO agentic_app
    USING ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid))
    WITH CHECK ("user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));

COMMIT;
