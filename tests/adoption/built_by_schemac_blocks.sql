-- A database schemac built with building blocks (`append only`) holds the block's
-- function as a plain function; the pulled project declares it, so the block must not
-- bring a second copy. Its `set timezone to 'UTC'` must come back upper case.
create function schemac_append_only() returns trigger language plpgsql
  set search_path = '' set timezone to 'UTC' as $$
begin
  raise exception 'append only: % on %', tg_op, tg_table_name using errcode = '42501';
end $$;
create table ledger (id bigint generated always as identity primary key, amount int not null);
create trigger ledger_append_only before update or delete on ledger
  for each row execute function schemac_append_only();
create trigger ledger_no_truncate before truncate on ledger
  for each statement execute function schemac_append_only();
