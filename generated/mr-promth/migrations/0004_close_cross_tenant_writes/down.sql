-- schemac migration 0004_close_cross_tenant_writes (down)
-- Reverts 0004_close_cross_tenant_writes: returns the database to the schema before it.
-- Hazards: changes-authorization

BEGIN;

CREATE OR REPLACE FUNCTION public.update_cli_session_last_seen()
    RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = ''
AS $$
begin
  update public.cli_sessions set last_seen_at = now() where id = new.cli_session_id;
  return new;
end
$$;

COMMENT ON FUNCTION public.update_cli_session_last_seen() IS 'Marks the CLI session of a tool execution as seen now.';

REVOKE UPDATE (content) ON TABLE public.messages FROM authenticated;

GRANT UPDATE ON TABLE public.messages TO authenticated;

ALTER POLICY "Users can insert own agent_logs" ON public.agent_logs TO authenticated
    WITH CHECK (user_id = (select auth.uid()));

ALTER POLICY "Users can update own agent_logs" ON public.agent_logs TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK (user_id = (select auth.uid()));

ALTER POLICY "Users can insert own deployment_logs" ON public.deployment_logs TO authenticated
    WITH CHECK (user_id = (select auth.uid()));

ALTER POLICY "Users can update own deployment_logs" ON public.deployment_logs TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK (user_id = (select auth.uid()));

ALTER POLICY "Users can insert own messages" ON public.messages TO authenticated
    WITH CHECK (user_id = (select auth.uid()));

ALTER POLICY "Users can update own messages" ON public.messages TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK (user_id = (select auth.uid()));

ALTER POLICY "Users can insert own tool_executions" ON public.tool_executions TO authenticated
    WITH CHECK (user_id = (select auth.uid()));

ALTER POLICY "Users can update own tool_executions" ON public.tool_executions TO authenticated
    USING (user_id = (select auth.uid()))
    WITH CHECK (user_id = (select auth.uid()));

COMMIT;
