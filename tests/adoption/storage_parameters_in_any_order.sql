-- Storage parameters written in another order than schemac's (sorted) are no drift:
-- a table's, an index's and a materialized view's.
create table events (id int primary key, kind text not null)
  with (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.02);
create index events_kind on events (kind) with (fillfactor = 70, deduplicate_items = off) where kind <> '';
create materialized view event_counts with (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.01) as
  select kind, count(*) as n from events group by kind;
