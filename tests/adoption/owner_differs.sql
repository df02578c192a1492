-- Objects owned by another role than the rest of the schema (a SECURITY DEFINER
-- function handed to a more powerful role runs with its rights): the model has no
-- owners, so pull reports them rather than forgetting who owns what, diff shows
-- them, and diff --format sql hands them back to the owner of the rest.
-- expect-left-out: owned by another role than the rest public.lookup(integer)
-- expect-left-out: owned by another role than the rest public.audit
do $$ begin create role audit_owner; exception when duplicate_object then null; end $$;
create table note (id int primary key, body text);
create table other (id int primary key);
create table third (id int primary key);
create table audit (id bigint primary key, at timestamptz);
alter table audit owner to audit_owner;
create function lookup(p int) returns text language sql security definer set search_path = ''
  as $$ select body from public.note where id = p $$;
alter function lookup(int) owner to audit_owner;
