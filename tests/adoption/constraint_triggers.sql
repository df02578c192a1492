-- Constraint triggers: a deferred balance check (ledger apps), one referring to another
-- table with FROM, and one that cannot be deferred.
create table accounts (id int primary key);
create table ledger (id int primary key, account int not null references accounts (id), amount int not null);
create function ledger_balances() returns trigger language plpgsql as $$
begin
  if (select sum(amount) from ledger where account = new.account) < 0 then
    raise exception 'account % overdrawn', new.account;
  end if;
  return null;
end $$;
create constraint trigger ledger_balanced after insert or update on ledger
  deferrable initially deferred for each row execute function ledger_balances();
create constraint trigger ledger_checked_now after insert on ledger
  not deferrable for each row when (new.amount <> 0) execute function ledger_balances();
create constraint trigger accounts_touched after update of id on accounts from ledger
  deferrable for each row execute function ledger_balances();
comment on trigger ledger_balanced on ledger is 'Balances are checked at commit';
