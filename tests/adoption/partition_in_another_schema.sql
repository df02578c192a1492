-- Partitions archived into another schema than their parent keep that schema (a
-- plan once moved them with DROP TABLE and CREATE TABLE: the rows were lost).
create schema archive;
create table events (id bigint not null, at date not null, payload text) partition by range (at);
create table events_2025 partition of events for values from ('2025-01-01') to ('2026-01-01');
create table archive.events_2024 partition of events for values from ('2024-01-01') to ('2025-01-01');
create index events_at_idx on events (at);
