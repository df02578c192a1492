-- A DBA tunes big tables: fillfactor for HOT updates, autovacuum thresholds. These are
-- part of the table (`with (…)`), kept by pull and compared by diff; a TOAST table's
-- own parameters are reported.
-- expect-left-out: TOAST storage parameters public.events
create table events (id bigint primary key, payload text)
  with (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.01, autovacuum_enabled = false);
create table counters (id int primary key, n int) with (fillfactor = 50);
alter table events set (toast.autovacuum_enabled = false);
