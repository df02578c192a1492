-- A partition is declared by name and bound inside its parent's block, with what it
-- has of its own (indexes, constraints, triggers, RLS, policies) in a `{ … }` body;
-- its grants are top-level `grant … on table` lines. pagila's payment partitions
-- (created alone, then attached, each with its own indexes and foreign keys) are the
-- model: ATTACH makes the partition's copy of the parent's CHECK an inherited one.
-- On PostgreSQL 18 such a partition's NOT NULL constraints keep names of their own,
-- which PARTITION OF cannot give: reported there.
-- expect-left-out from 18: NOT NULL constraint of a partition named otherwise than its parent's public.events_2026.events_2026_at_not_null
-- expect-left-out from 18: NOT NULL constraint of a partition named otherwise than its parent's public.events_2026.events_2026_customer_id_not_null
-- expect-left-out from 18: NOT NULL constraint of a partition named otherwise than its parent's public.events_2026.events_2026_id_not_null
create schema archive;
do $$ begin create role partition_reader; exception when duplicate_object then null; end $$;
create table customer (id integer primary key);
create table events (id bigint not null, customer_id integer not null, at date not null, payload text,
  constraint positive check (id > 0)) partition by range (at);
create table events_2025 partition of events for values from ('2025-01-01') to ('2026-01-01');
create table archive.events_2024 partition of events for values from ('2024-01-01') to ('2025-01-01');
create index events_at_idx on events (at);
create index events_2024_payload_idx on archive.events_2024 (payload);
comment on index archive.events_2024_payload_idx is 'only the 2024 rows are searched by payload';
create function touch() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger events_2024_touch before update on archive.events_2024 for each row execute function touch();
grant select on archive.events_2024 to partition_reader;
alter table archive.events_2024 enable row level security;
create policy readers on archive.events_2024 for select to partition_reader using (payload is not null);
-- Created alone, then attached, as pg_dump writes it.
create table events_2026 (id bigint not null, customer_id integer not null, at date not null, payload text,
  constraint positive check (id > 0));
alter table events attach partition events_2026 for values from ('2026-01-01') to ('2027-01-01');
alter table events_2026 add constraint events_2026_customer_id_fkey foreign key (customer_id) references customer (id);
alter table events_2026 add constraint events_2026_pkey primary key (id, at);
alter table events_2026 add constraint events_2026_in_year check (at >= '2026-01-01');
