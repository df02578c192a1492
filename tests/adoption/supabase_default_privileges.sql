-- A Supabase project as the platform sets it up: the API roles get ALL on every new
-- table, sequence and function in `public` (ALTER DEFAULT PRIVILEGES), so every table,
-- view, identity sequence and function carries grants nobody wrote. Pulled, they are
-- one set of `default privileges` lines, and each object states only what differs:
-- a partition of an RLS table closed to the API roles, a function taken from anon.
-- postgres: 15
-- prelude: supabase
-- pull: --preset supabase
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
create table profiles (id uuid primary key, display_name text);
alter table profiles enable row level security;
create policy profiles_self on profiles for all to authenticated
  using (id = (select auth.uid())) with check (id = (select auth.uid()));
create table events (id bigint generated always as identity, at date not null, body text,
  primary key (id, at)) partition by range (at);
alter table events enable row level security;
create table events_2025 partition of events for values from ('2025-01-01') to ('2026-01-01');
revoke all on events_2025 from anon, authenticated;
create view profile_names with (security_invoker) as select display_name from profiles;
create function whoami() returns uuid language sql stable as $$ select auth.uid() $$;
revoke execute on function whoami() from anon;
