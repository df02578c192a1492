-- Objects owned by another role than the rest of the schema (a SECURITY DEFINER
-- function handed to a more powerful role runs with its rights): pulled as `owner of
-- … is audit_owner`, so the project keeps who owns what.
-- expect-file: schema/public.pgs
do $$ begin create role audit_owner; exception when duplicate_object then null; end $$;
create table note (id int primary key, body text);
create table other (id int primary key);
create table third (id int primary key);
create table audit (id bigint primary key, at timestamptz);
alter table audit owner to audit_owner;
create function lookup(p int) returns text language sql security definer set search_path = ''
  as $$ select body from public.note where id = p $$;
alter function lookup(int) owner to audit_owner;
