-- Every privilege form a schema holds: EXECUTE taken from PUBLIC (a SECURITY DEFINER
-- function closed to everyone but one role), grants WITH GRANT OPTION, column grants,
-- grants on a view and a materialized view (whole and per column), USAGE on a type and
-- a domain (and taken from PUBLIC), grants on a schema and a sequence, and an ACL whose
-- entries were granted in an order a fresh build would not use.
create schema api;
do $$ begin create role app_reader; exception when duplicate_object then null; end $$;
do $$ begin create role app_writer; exception when duplicate_object then null; end $$;
create type api.mood as enum ('ok', 'sad');
create domain api.score as integer check (value >= 0);
create table api.note (id int primary key, body text, secret text, mood api.mood);
create sequence api.ticket;
create view api.note_bodies as select id, body from api.note;
create materialized view api.note_count as select count(*) as n from api.note;
create function api.lookup(p int) returns text language sql security definer
  set search_path = '' as $$ select body from api.note where id = p $$;
revoke execute on function api.lookup(int) from public;
grant execute on function api.lookup(int) to app_reader;
grant usage on schema api to app_writer, app_reader;
grant update on api.note to app_writer;
grant select on api.note to app_writer with grant option;
grant select (id, body), update (body) on api.note to app_reader;
grant select on api.note_bodies to app_reader;
grant select (id) on api.note_bodies to app_writer;
grant select on api.note_count to app_reader with grant option;
grant usage, select on sequence api.ticket to app_writer;
revoke usage on type api.mood from public;
grant usage on type api.mood to app_writer;
grant usage on domain api.score to app_reader;
