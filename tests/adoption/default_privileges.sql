-- ALTER DEFAULT PRIVILEGES, as a platform sets them: tables, sequences and functions
-- of a schema granted to API roles on creation, EXECUTE on new functions taken from
-- PUBLIC database-wide, and objects created before and after the defaults (those
-- before lack what the defaults give; one after has a grant taken back).
create schema app;
do $$ begin create role api_user; exception when duplicate_object then null; end $$;
do $$ begin create role api_admin; exception when duplicate_object then null; end $$;
create table app.before_defaults (id int primary key);
alter default privileges in schema app grant select, insert on tables to api_user;
alter default privileges in schema app grant all on tables to api_admin with grant option;
alter default privileges in schema app grant usage on sequences to api_user;
alter default privileges revoke execute on functions from public;
alter default privileges in schema app grant execute on functions to api_user;
alter default privileges grant usage on types to api_admin;
create table app.item (id int generated always as identity primary key, name text);
create table app.audit (id bigint primary key, at timestamptz);
revoke insert on app.audit from api_user;
create sequence app.counter;
create view app.item_names as select name from app.item;
create function app.item_count() returns bigint language sql as $$ select count(*) from app.item $$;
create function app.secret() returns int language sql as $$ select 1 $$;
revoke execute on function app.secret() from api_user;
create type app.kind as enum ('a', 'b');
