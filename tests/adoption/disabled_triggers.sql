-- A disabled trigger is a hole in whatever it guards (an append-only audit log can
-- then be edited); its state is part of the schema, pulled and compared.
create table audit (id bigint generated always as identity primary key, body text);
create function reject() returns trigger language plpgsql as $$
begin raise exception 'append only' using errcode = '42501'; end $$;
create trigger audit_no_update before update or delete on audit for each row execute function reject();
create trigger audit_no_truncate before truncate on audit for each statement execute function reject();
create trigger audit_replica before insert on audit for each row execute function reject();
alter table audit disable trigger audit_no_update;
alter table audit enable replica trigger audit_replica;
