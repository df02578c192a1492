-- Partitions with more of their own than their parent: a primary key or unique
-- index on one partition only, foreign keys between single partitions (one to a
-- partition's unique index), replica identity and forced RLS per partition, and a
-- partition's storage parameters (the shape of pg-schema-diff's partition cases).
-- On PostgreSQL 18 such a partition's NOT NULL constraints keep names of their own,
-- which PARTITION OF cannot give: reported there.
-- expect-left-out from 18: NOT NULL constraint of a partition named otherwise than its parent's public.shard_1.shard_1_id_not_null
-- expect-left-out from 18: NOT NULL constraint of a partition named otherwise than its parent's public.shard_1.shard_1_k_not_null
create table ledger (
  id int, region varchar(20), memo text collate "POSIX", seq serial,
  check (seq > 0), primary key (region, id), unique (region, memo)
) partition by list (region);
alter table ledger replica identity full;
alter table ledger enable row level security;
create table ledger_eu partition of ledger for values in ('eu');
alter table ledger_eu replica identity default;
alter table ledger_eu enable row level security;
create table ledger_us partition of ledger for values in ('us') with (fillfactor = 80);
alter table ledger_us force row level security;
create table ledger_apac partition of ledger for values in ('apac');
alter table ledger_apac replica identity nothing;
create unique index ledger_region_memo_idx on ledger (region, memo);
create index ledger_eu_region_idx on ledger_eu (region);
create unique index ledger_us_region_idx on ledger_us (region);

create table audit (region varchar(20), memo text) partition by list (region);
create table audit_eu partition of audit for values in ('eu');
create unique index audit_eu_region_idx on audit_eu (region);
alter table audit_eu add constraint audit_eu_us_fk foreign key (region) references ledger_us (region);
alter table ledger_eu add constraint ledger_eu_audit_fk foreign key (region) references audit_eu (region);

create table shard (id int not null, k int not null, v text) partition by list (k);
create table shard_1 partition of shard (primary key (k, id), unique (k, v)) for values in (1);
