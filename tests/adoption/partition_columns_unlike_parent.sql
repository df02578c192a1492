-- A partition created alone and attached later keeps its own column defaults and NOT
-- NULLs, while PARTITION OF copies its parent's (pagila's payment partitions were
-- created alone, each with the parent's default). One that differs has no form yet:
-- it is reported, never rebuilt with the parent's default.
-- expect-left-out: column of a partition unlike its parent's public.payment_2024.id
-- expect-left-out: column of a partition unlike its parent's public.payment_2024.note
create sequence payment_id_seq;
create table payment (
  id integer default nextval('payment_id_seq') not null,
  paid_at date not null,
  note text
) partition by range (paid_at);
create table payment_2023 (id integer default nextval('payment_id_seq') not null, paid_at date not null, note text);
alter table payment attach partition payment_2023 for values from ('2023-01-01') to ('2024-01-01');
create table payment_2024 (id integer not null, paid_at date not null, note text not null);
alter table payment attach partition payment_2024 for values from ('2024-01-01') to ('2025-01-01');
create table payment_2025 partition of payment for values from ('2025-01-01') to ('2026-01-01');
