-- SQL-standard routine bodies (PostgreSQL 14+): parsed at creation, their
-- dependencies recorded, so the table must come first; a procedure with BEGIN ATOMIC.
create table ledger (id int generated always as identity primary key, amount numeric not null);
create function add_cents(a numeric, b numeric) returns numeric language sql immutable return a + b;
create function ledger_total() returns numeric language sql stable
begin atomic
  select coalesce(sum(amount), 0) from ledger;
end;
create procedure record_amount(x numeric) language sql
begin atomic
  insert into ledger (amount) values (x);
end;
