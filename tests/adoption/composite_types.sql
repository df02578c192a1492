-- Composite types: a function's result shape (PostgREST RPCs return them) and a
-- column's type.
create schema api;
create type api.money_amount as (currency char(3), cents bigint);
comment on type api.money_amount is 'An amount in minor units.';
create type api.balance as (account_id int, amount api.money_amount);
create table api.ledger (id int primary key, amount api.money_amount not null);
create function api.balance_of(p_id int) returns api.balance language sql stable as $$
  select p_id, (select amount from api.ledger where id = p_id)
$$;
