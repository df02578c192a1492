-- Statement triggers that read transition tables (an audit pattern: `referencing new
-- table as new_rows`), and indexes with storage parameters of their own (fillfactor,
-- a BRIN range size, a GIN index without the pending list). Before, pull dropped the
-- REFERENCING clause without a word and reported the indexes' parameters.
create table items (id int primary key, qty int, tags text[]);
create table audit (at timestamptz default now(), n int);
create function log_batch() returns trigger language plpgsql as $$
begin insert into audit (n) select count(*) from new_rows; return null; end $$;
create trigger items_batch after insert on items referencing new table as new_rows
  for each statement execute function log_batch();
create trigger items_changed after update on items referencing old table as old_rows new table as new_rows
  for each statement execute function log_batch();
create index items_qty on items (qty) with (fillfactor = 70);
create index items_qty_brin on items using brin (qty) with (pages_per_range = 32);
create index items_tags on items using gin (tags) with (fastupdate = off);
create materialized view item_counts as select qty, count(*) as n from items group by qty;
create unique index item_counts_qty on item_counts (qty) with (fillfactor = 90);
