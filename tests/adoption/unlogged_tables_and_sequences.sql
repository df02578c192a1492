-- A Rails app whose tables are all UNLOGGED (a cache-like store): its structure.sql
-- creates their serial sequences UNLOGGED too (PostgreSQL 15+).
-- postgres: 15
create unlogged table occurrences (
  id bigint not null,
  body character varying default ''::character varying not null,
  created_at timestamp(6) with time zone not null,
  discard_at timestamp(6) with time zone default 'infinity'::timestamp with time zone not null,
  constraint chk_occurrences_discard check ((discard_at >= created_at))
);
create unlogged sequence occurrences_id_seq start with 1 increment by 1 no minvalue no maxvalue cache 1;
alter sequence occurrences_id_seq owned by occurrences.id;
alter table only occurrences alter column id set default nextval('occurrences_id_seq'::regclass);
alter table only occurrences add constraint occurrences_pkey primary key (id);
