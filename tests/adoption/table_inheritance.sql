-- Table inheritance as older schemas use it (pagila's first payment partitions were
-- children of `payment` with a CHECK each): `table child inherits parent { … }`
-- declares only the child's own columns and constraints; the inherited ones, and the
-- parents' CHECKs, come from the parents. A column of both keeps the child's line; a
-- default changed on the child alone is reported.
-- expect-left-out: inherited column unlike its parent's public.payment_2007_02.amount
create table payment (
  payment_id serial primary key,
  customer_id integer not null,
  amount numeric(5,2) not null default 0,
  paid_at timestamp not null,
  constraint payment_amount_check check (amount >= 0)
);
create table payment_2007_01 (
  constraint payment_2007_01_paid_at_check check (paid_at >= '2007-01-01' and paid_at < '2007-02-01')
) inherits (payment);
create index payment_2007_01_customer_idx on payment_2007_01 (customer_id);
create table payment_2007_02 (
  customer_id integer not null,
  note text,
  constraint payment_2007_02_paid_at_check check (paid_at >= '2007-02-01' and paid_at < '2007-03-01')
) inherits (payment);
alter table payment_2007_02 alter column amount set default 1;
create table tagged (tag text);
create table tagged_payment (extra jsonb) inherits (payment, tagged);
create function payment_insert() returns trigger language plpgsql as $$
begin
  insert into payment_2007_01 values (new.*);
  return null;
end $$;
create trigger payment_insert before insert on payment for each row execute function payment_insert();
