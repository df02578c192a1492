-- schemac: the whole schema of project `marketplace`, in dependency order.
-- Runs on an empty database (after `schemac prelude`). Generated; do not edit.

BEGIN;

CREATE FUNCTION public.touch_updated_at()
    RETURNS trigger
    LANGUAGE plpgsql
AS $$
begin
  new.updated_at = now();
  return new;
end
$$;

COMMENT ON FUNCTION public.touch_updated_at() IS 'Keeps updated_at current on every UPDATE.';

CREATE TABLE public.customer_ves (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    customer_id uuid NOT NULL,
    ve_id uuid NOT NULL,
    agent_name text,
    persona_email text,
    status text NOT NULL DEFAULT 'active',
    config jsonb NOT NULL DEFAULT '{}',
    hired_at timestamp with time zone NOT NULL DEFAULT now(),
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    shared_agent_id text,
    shared_namespace text NOT NULL DEFAULT 'agents-system',
    service_account text,
    is_shared boolean NOT NULL DEFAULT true,
    CONSTRAINT customer_ves_pkey PRIMARY KEY (id),
    CONSTRAINT customer_ves_status_check CHECK (status in ('active', 'paused', 'fired'))
);

ALTER TABLE public.customer_ves ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.customer_ves IS 'Agents a customer has hired, with their personalization.';

COMMENT ON COLUMN public.customer_ves.shared_agent_id IS 'Kubernetes routing for agents deployed in the shared agents-system namespace.';

REVOKE ALL ON TABLE public.customer_ves FROM anon, authenticated, service_role;

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.customer_ves TO authenticated;

CREATE TABLE public.customers (
    id uuid NOT NULL,
    email text NOT NULL,
    company_name text,
    subscription_tier text NOT NULL DEFAULT 'free',
    subscription_status text NOT NULL DEFAULT 'active',
    stripe_customer_id text,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT customers_email_key UNIQUE (email),
    CONSTRAINT customers_pkey PRIMARY KEY (id),
    CONSTRAINT customers_stripe_customer_id_key UNIQUE (stripe_customer_id),
    CONSTRAINT customers_subscription_status_check CHECK (subscription_status in ('active', 'past_due', 'canceled')),
    CONSTRAINT customers_subscription_tier_check CHECK (subscription_tier in ('free', 'starter', 'pro', 'enterprise'))
);

ALTER TABLE public.customers ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.customers IS 'Customer and organization accounts; the id is the Supabase auth user.';

REVOKE ALL ON TABLE public.customers FROM anon, authenticated, service_role;

GRANT SELECT, UPDATE (company_name) ON TABLE public.customers TO authenticated;

CREATE TABLE public.messages (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    customer_id uuid NOT NULL,
    customer_ve_id uuid,
    sender_type text NOT NULL,
    content text NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    thread_id uuid,
    parent_message_id uuid,
    is_read boolean NOT NULL DEFAULT false,
    task_id uuid,
    CONSTRAINT messages_pkey PRIMARY KEY (id),
    CONSTRAINT messages_sender_type_check CHECK (sender_type in ('customer', 've', 'system'))
);

ALTER TABLE public.messages ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.messages IS 'Chat messages between customers and their agents.';

REVOKE ALL ON TABLE public.messages FROM anon, authenticated, service_role;

GRANT INSERT, SELECT ON TABLE public.messages TO authenticated;

CREATE TABLE public.tasks (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    customer_id uuid NOT NULL,
    title text NOT NULL,
    description text,
    status text NOT NULL DEFAULT 'todo',
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    priority text NOT NULL DEFAULT 'medium',
    due_date timestamp with time zone,
    assigned_ve_id uuid,
    result jsonb,
    parent_task_id uuid,
    completed_at timestamp with time zone,
    CONSTRAINT tasks_pkey PRIMARY KEY (id),
    CONSTRAINT tasks_priority_check CHECK (priority in ('low', 'medium', 'high', 'urgent')),
    CONSTRAINT tasks_status_check CHECK (status in ('todo', 'in_progress', 'review', 'done', 'failed')),
    CONSTRAINT tasks_title_check CHECK (length(title) > 0)
);

ALTER TABLE public.tasks ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.tasks IS 'Work assigned to hired agents.';

REVOKE ALL ON TABLE public.tasks FROM anon, authenticated, service_role;

GRANT INSERT, SELECT, UPDATE ON TABLE public.tasks TO authenticated;

CREATE TABLE public.token_usage (
    id bigint GENERATED ALWAYS AS IDENTITY,
    customer_id uuid NOT NULL,
    customer_ve_id uuid,
    model text NOT NULL,
    input_tokens integer NOT NULL DEFAULT 0,
    output_tokens integer NOT NULL DEFAULT 0,
    total_tokens integer GENERATED ALWAYS AS (input_tokens + output_tokens) STORED,
    cost_usd numeric(12,6) NOT NULL DEFAULT 0,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT token_usage_input_tokens_check CHECK (input_tokens >= 0),
    CONSTRAINT token_usage_output_tokens_check CHECK (output_tokens >= 0),
    CONSTRAINT token_usage_pkey PRIMARY KEY (id)
);

ALTER TABLE public.token_usage ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.token_usage IS 'LLM token usage, for billing.';

REVOKE ALL ON TABLE public.token_usage FROM anon, authenticated, service_role;

GRANT SELECT ON TABLE public.token_usage TO authenticated;

CREATE TABLE public.ve_connections (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    from_ve_id uuid NOT NULL,
    to_ve_id uuid NOT NULL,
    connection_type text NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT ve_connections_check CHECK (from_ve_id <> to_ve_id),
    CONSTRAINT ve_connections_connection_type_check CHECK (connection_type in ('vertical', 'horizontal')),
    CONSTRAINT ve_connections_from_ve_id_to_ve_id_connection_type_key UNIQUE (from_ve_id, to_ve_id, connection_type),
    CONSTRAINT ve_connections_pkey PRIMARY KEY (id)
);

ALTER TABLE public.ve_connections ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.ve_connections IS 'Organizational links between hired agents: vertical (manager) or horizontal (peer).';

REVOKE ALL ON TABLE public.ve_connections FROM anon, authenticated, service_role;

CREATE TABLE public.virtual_employees (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    name text NOT NULL,
    role text NOT NULL,
    description text,
    system_prompt text,
    capabilities jsonb NOT NULL DEFAULT '[]',
    is_active boolean NOT NULL DEFAULT true,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    source text NOT NULL DEFAULT 'internal',
    pricing_monthly numeric(10,2),
    tags text[] NOT NULL DEFAULT '{}',
    category text,
    avatar_url text,
    screenshots text[] NOT NULL DEFAULT '{}',
    rating numeric(3,2),
    CONSTRAINT virtual_employees_name_source_key UNIQUE (name, source),
    CONSTRAINT virtual_employees_pkey PRIMARY KEY (id),
    CONSTRAINT virtual_employees_pricing_monthly_check CHECK (pricing_monthly >= 0),
    CONSTRAINT virtual_employees_rating_check CHECK (rating between 0 and 5),
    CONSTRAINT virtual_employees_source_check CHECK (source in ('kagent', 'registry', 'internal'))
);

ALTER TABLE public.virtual_employees ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.virtual_employees IS 'The public marketplace catalogue of AI agents: anyone may browse it, only the service role edits it.';

COMMENT ON COLUMN public.virtual_employees.source IS 'Where the agent definition comes from.';

REVOKE ALL ON TABLE public.virtual_employees FROM anon, authenticated, service_role;

GRANT SELECT ON TABLE public.virtual_employees TO anon, authenticated;

ALTER TABLE public.customer_ves ADD CONSTRAINT customer_ves_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers ON DELETE CASCADE;

ALTER TABLE public.customer_ves ADD CONSTRAINT customer_ves_ve_id_fkey FOREIGN KEY (ve_id) REFERENCES public.virtual_employees ON DELETE RESTRICT;

ALTER TABLE public.customers ADD CONSTRAINT customers_id_fkey FOREIGN KEY (id) REFERENCES auth.users (id) ON DELETE CASCADE;

ALTER TABLE public.messages ADD CONSTRAINT messages_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers ON DELETE CASCADE;

ALTER TABLE public.messages ADD CONSTRAINT messages_customer_ve_id_fkey FOREIGN KEY (customer_ve_id) REFERENCES public.customer_ves ON DELETE CASCADE;

ALTER TABLE public.messages ADD CONSTRAINT messages_parent_message_id_fkey FOREIGN KEY (parent_message_id) REFERENCES public.messages ON DELETE SET NULL;

ALTER TABLE public.messages ADD CONSTRAINT messages_task_id_fkey FOREIGN KEY (task_id) REFERENCES public.tasks ON DELETE SET NULL;

ALTER TABLE public.tasks ADD CONSTRAINT tasks_assigned_ve_id_fkey FOREIGN KEY (assigned_ve_id) REFERENCES public.customer_ves ON DELETE SET NULL;

ALTER TABLE public.tasks ADD CONSTRAINT tasks_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers ON DELETE CASCADE;

ALTER TABLE public.tasks ADD CONSTRAINT tasks_parent_task_id_fkey FOREIGN KEY (parent_task_id) REFERENCES public.tasks ON DELETE CASCADE;

ALTER TABLE public.token_usage ADD CONSTRAINT token_usage_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers ON DELETE CASCADE;

ALTER TABLE public.token_usage ADD CONSTRAINT token_usage_customer_ve_id_fkey FOREIGN KEY (customer_ve_id) REFERENCES public.customer_ves ON DELETE SET NULL;

ALTER TABLE public.ve_connections ADD CONSTRAINT ve_connections_from_ve_id_fkey FOREIGN KEY (from_ve_id) REFERENCES public.virtual_employees ON DELETE CASCADE;

ALTER TABLE public.ve_connections ADD CONSTRAINT ve_connections_to_ve_id_fkey FOREIGN KEY (to_ve_id) REFERENCES public.virtual_employees ON DELETE CASCADE;

CREATE INDEX customer_ves_customer_id_idx ON public.customer_ves (customer_id);

CREATE INDEX customer_ves_shared_agent_id_idx ON public.customer_ves (shared_agent_id) WHERE (shared_agent_id is not null);

CREATE INDEX customer_ves_ve_id_idx ON public.customer_ves (ve_id);

CREATE INDEX messages_customer_id_created_at_idx ON public.messages (customer_id, created_at DESC);

CREATE INDEX messages_customer_id_idx ON public.messages (customer_id) WHERE (not is_read);

CREATE INDEX messages_thread_id_idx ON public.messages (thread_id) WHERE (thread_id is not null);

CREATE INDEX tasks_assigned_ve_id_idx ON public.tasks (assigned_ve_id);

CREATE INDEX tasks_customer_id_created_at_idx ON public.tasks (customer_id, created_at DESC);

CREATE INDEX tasks_status_idx ON public.tasks (status) WHERE (status <> 'done');

CREATE INDEX token_usage_customer_id_created_at_idx ON public.token_usage (customer_id, created_at);

CREATE INDEX ve_connections_to_ve_id_idx ON public.ve_connections (to_ve_id);

CREATE INDEX virtual_employees_category_idx ON public.virtual_employees (category) WHERE (is_active);

CREATE INDEX virtual_employees_tags_idx ON public.virtual_employees USING gin (tags);

CREATE TRIGGER customer_ves_touch_updated_at BEFORE UPDATE ON public.customer_ves FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

CREATE TRIGGER customers_touch_updated_at BEFORE UPDATE ON public.customers FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

CREATE TRIGGER tasks_touch_updated_at BEFORE UPDATE ON public.tasks FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

CREATE TRIGGER virtual_employees_touch_updated_at BEFORE UPDATE ON public.virtual_employees FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

CREATE POLICY customer_ves_delete_own ON public.customer_ves AS PERMISSIVE FOR DELETE TO authenticated
    USING (customer_id = (select auth.uid()));

CREATE POLICY customer_ves_insert_own ON public.customer_ves AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK (customer_id = (select auth.uid()));

CREATE POLICY customer_ves_select_own ON public.customer_ves AS PERMISSIVE FOR SELECT TO authenticated
    USING (customer_id = (select auth.uid()));

CREATE POLICY customer_ves_update_own ON public.customer_ves AS PERMISSIVE FOR UPDATE TO authenticated
    USING (customer_id = (select auth.uid()))
    WITH CHECK (customer_id = (select auth.uid()));

CREATE POLICY customers_select_self ON public.customers AS PERMISSIVE FOR SELECT TO authenticated
    USING (id = (select auth.uid()));

CREATE POLICY customers_update_self ON public.customers AS PERMISSIVE FOR UPDATE TO authenticated
    USING (id = (select auth.uid()))
    WITH CHECK (id = (select auth.uid()));

CREATE POLICY messages_insert_own ON public.messages AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK ((customer_id = (select auth.uid())) and (messages.customer_id is null or exists (select 1 from public.customers parent where parent.id = messages.customer_id)) and (messages.customer_ve_id is null or exists (select 1 from public.customer_ves parent where parent.id = messages.customer_ve_id)) and (messages.task_id is null or exists (select 1 from public.tasks parent where parent.id = messages.task_id)));

CREATE POLICY messages_select_own ON public.messages AS PERMISSIVE FOR SELECT TO authenticated
    USING (customer_id = (select auth.uid()));

CREATE POLICY tasks_insert_own ON public.tasks AS PERMISSIVE FOR INSERT TO authenticated
    WITH CHECK ((customer_id = (select auth.uid())) and (tasks.assigned_ve_id is null or exists (select 1 from public.customer_ves parent where parent.id = tasks.assigned_ve_id)) and (tasks.customer_id is null or exists (select 1 from public.customers parent where parent.id = tasks.customer_id)));

CREATE POLICY tasks_select_own ON public.tasks AS PERMISSIVE FOR SELECT TO authenticated
    USING (customer_id = (select auth.uid()));

CREATE POLICY tasks_update_own ON public.tasks AS PERMISSIVE FOR UPDATE TO authenticated
    USING (customer_id = (select auth.uid()))
    WITH CHECK ((customer_id = (select auth.uid())) and (tasks.assigned_ve_id is null or exists (select 1 from public.customer_ves parent where parent.id = tasks.assigned_ve_id)) and (tasks.customer_id is null or exists (select 1 from public.customers parent where parent.id = tasks.customer_id)));

CREATE POLICY token_usage_select_own ON public.token_usage AS PERMISSIVE FOR SELECT TO authenticated
    USING (customer_id = (select auth.uid()));

CREATE POLICY virtual_employees_public_read ON public.virtual_employees AS PERMISSIVE FOR SELECT TO anon, authenticated
    USING (true);

REVOKE EXECUTE ON FUNCTION public.touch_updated_at() FROM anon, authenticated, service_role, PUBLIC;

COMMIT;
