-- A partition is declared by name and bound inside its parent's block; what it has
-- of its own (an index, a trigger, RLS) is reported, not dropped; its grants are
-- top-level `grant … on table` lines.
-- expect-left-out: index of a partition alone archive.events_2024_payload_idx
-- expect-left-out: trigger of a partition alone archive.events_2024.events_2024_touch
-- expect-left-out: row level security on a partition archive.events_2024
create schema archive;
do $$ begin create role partition_reader; exception when duplicate_object then null; end $$;
create table events (id bigint not null, at date not null, payload text) partition by range (at);
create table events_2025 partition of events for values from ('2025-01-01') to ('2026-01-01');
create table archive.events_2024 partition of events for values from ('2024-01-01') to ('2025-01-01');
create index events_at_idx on events (at);
create index events_2024_payload_idx on archive.events_2024 (payload);
create function touch() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger events_2024_touch before update on archive.events_2024 for each row execute function touch();
grant select on archive.events_2024 to partition_reader;
alter table archive.events_2024 enable row level security;
