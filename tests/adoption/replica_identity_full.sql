-- Supabase Realtime sends a changed row's old values only under REPLICA IDENTITY
-- FULL, which apps set on the tables they subscribe to; an index-based one is reported.
-- expect-left-out: replica identity using an index public.outbox
create table messages (id bigint primary key, body text);
alter table messages replica identity full;
create table scratch (id int);
alter table scratch replica identity nothing;
create table outbox (id bigint not null, topic text not null);
create unique index outbox_id on outbox (id);
alter table outbox replica identity using index outbox_id;
