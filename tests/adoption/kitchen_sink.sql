-- One of every object kind and property a PostgreSQL 15 schema can hold, as a
-- hand-written dump: everything schemac manages comes back through pull, build,
-- baseline and diff with the same pg_dump; what it reports instead (listed below) is
-- named by pull, shown by diff --live and refused by diff --format sql.
-- postgres: 15
-- expect-left-out: operator sink.===(integer,integer)
-- expect-left-out: text search configuration sink.english_simple
-- expect-left-out: cast sink.money_cents AS integer
-- expect-left-out: publication of all tables or of a schema everything
-- expect-left-out: foreign table sink.remote_orders
-- expect-left-out: foreign server sink_remote
create schema sink;
comment on schema sink is 'Every kind of object';
create extension if not exists pg_trgm with schema sink;
do $$ begin create role sink_reader; exception when duplicate_object then null; end $$;
do $$ begin create role sink_writer; exception when duplicate_object then null; end $$;

-- Types.
create type sink.status as enum ('new', 'paid', 'shipped');
create domain sink.money_cents as integer not null default 0 check (value >= 0);
comment on domain sink.money_cents is 'Amounts in cents';
create type sink.address as (street text, city text);
create collation sink.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
create type sink.price_range as range (subtype = integer);

-- Sequences.
create sequence sink.invoice_seq as bigint start with 1000 increment by 10 cache 5;
comment on sequence sink.invoice_seq is 'Invoice numbers';
create unlogged sequence sink.scratch_seq;

-- Routines.
create function sink.add(a integer, b integer default 1) returns integer
  language sql immutable strict parallel safe return a + b;
create function sink.touch() returns trigger language plpgsql as $$ begin new.updated_at := now(); return new; end $$;
create function sink.check_total() returns trigger language plpgsql as $$ begin return null; end $$;
create function sink.view_insert() returns trigger language plpgsql as $$ begin return new; end $$;
create procedure sink.noop(n integer) language plpgsql as $$ begin perform n; end $$;
create function sink.orders_of(c bigint) returns setof bigint language sql stable as $$ select 1::bigint $$;
create aggregate sink.total(integer) (sfunc = sink.add, stype = integer, initcond = '0');
create function sink.cents_to_int(sink.money_cents) returns integer language sql immutable as $$ select $1::integer $$;
create cast (sink.money_cents as integer) with function sink.cents_to_int(sink.money_cents);
create function sink.eq3(integer, integer) returns boolean language sql immutable as $$ select $1 = $2 $$;
create operator sink.=== (leftarg = integer, rightarg = integer, procedure = sink.eq3);
create text search configuration sink.english_simple (copy = pg_catalog.simple);

-- Tables.
create table sink.customers (
  id bigint generated always as identity (start with 100 increment by 2) primary key,
  email text collate sink.ci not null unique,
  address sink.address,
  status sink.status not null default 'new',
  notes text,
  score integer,
  updated_at timestamptz,
  constraint customers_score_check check (score between 0 and 100) no inherit
) with (fillfactor = 80);
alter table sink.customers alter column score set statistics 500;
alter table sink.customers alter column notes set storage external;
alter table sink.customers replica identity full;
alter table sink.customers enable row level security;
create policy own_rows on sink.customers for select to sink_reader using (status <> 'new');
create policy writers on sink.customers as restrictive for update to sink_writer using (true) with check (score is not null);
create trigger customers_touch before update on sink.customers for each row execute function sink.touch();
alter table sink.customers disable trigger customers_touch;
comment on table sink.customers is 'People who order';
comment on column sink.customers.email is 'Where receipts go';
create index customers_email_trgm on sink.customers using gin (email sink.gin_trgm_ops);
create index customers_status_partial on sink.customers (status) where status <> 'shipped';
comment on index sink.customers_status_partial is 'Open customers';

create table sink.orders (
  id bigint primary key default nextval('sink.invoice_seq'),
  customer_id bigint not null,
  total sink.money_cents,
  placed_during tstzrange,
  doubled integer generated always as (sink.add(1, 1) * 2) stored,
  exclude using gist (placed_during with &&) deferrable initially deferred
);
alter sequence sink.invoice_seq owned by sink.orders.id;
alter table sink.orders add constraint orders_customer_fk foreign key (customer_id)
  references sink.customers (id) on delete cascade deferrable initially deferred not valid;
alter table sink.orders add constraint orders_total_check check (total < 10000000) not valid;
create rule orders_no_delete as on delete to sink.orders where old.total > 0 do instead nothing;
create statistics sink.orders_stats (dependencies) on customer_id, total from sink.orders;
create constraint trigger orders_check_total after insert on sink.orders deferrable
  for each row execute function sink.check_total();

create unlogged table sink.cache (key text primary key, value jsonb);

create table sink.events (id bigint not null, at date not null, payload jsonb) partition by range (at);
create table sink.events_2025 partition of sink.events for values from ('2025-01-01') to ('2026-01-01');
create table sink.events_rest partition of sink.events default;
create index events_2025_payload on sink.events_2025 using gin (payload);

create table sink.archive (archived_at timestamptz) inherits (sink.cache);

-- Views.
create view sink.order_totals with (security_barrier = true) as
  select customer_id, sum(total) as total from sink.orders group by customer_id;
comment on column sink.order_totals.total is 'Sum of the customer''s orders';
create trigger order_totals_insert instead of insert on sink.order_totals
  for each row execute function sink.view_insert();
create materialized view sink.status_counts as select status, count(*) as n from sink.customers group by status;
create unique index status_counts_status on sink.status_counts (status);

-- Privileges and owners.
grant usage on schema sink to sink_reader;
grant select, update (status) on sink.customers to sink_reader;
grant select on sink.order_totals to sink_reader with grant option;
grant usage on sequence sink.invoice_seq to sink_writer;
revoke execute on function sink.add(integer, integer) from public;
grant execute on function sink.add(integer, integer) to sink_reader;
alter default privileges in schema sink grant select on tables to sink_reader;

-- Replication and foreign data.
create publication sink_feed for table sink.customers, sink.orders with (publish = 'insert, update');
create publication everything for all tables;
create foreign data wrapper sink_fdw;
create server sink_remote foreign data wrapper sink_fdw;
create foreign table sink.remote_orders (id bigint) server sink_remote;
