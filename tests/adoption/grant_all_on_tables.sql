-- GRANT ALL on a table and a view, as an application's setup script writes it. On
-- PostgreSQL 17 and newer ALL includes MAINTAIN: the pulled project targets the
-- server's major (`postgres = "17"`), grants `all, maintain`, builds, baselines and
-- shows no drift.
do $$ begin create role app_rw; exception when duplicate_object then null; end $$;
create table public.accounts (id int primary key, name text not null);
create view public.account_names as select name from public.accounts;
grant all on table public.accounts to app_rw;
grant all on public.account_names to app_rw with grant option;
