-- Updatable views through INSTEAD OF triggers (pgschema's issue 287 shape) and a
-- statement-level trigger on a view.
create table users (id serial primary key, email text not null);
create view user_emails as select id, email from users;
create function insert_user_emails() returns trigger language plpgsql as $$
begin
  insert into users (email) values (new.email) returning id, email into new.id, new.email;
  return new;
end $$;
create function log_view_write() returns trigger language plpgsql as $$ begin return null; end $$;
create trigger trg_user_emails_insert instead of insert on user_emails
  for each row execute function insert_user_emails();
create trigger trg_user_emails_logged after update or delete on user_emails
  for each statement execute function log_view_write();
comment on trigger trg_user_emails_insert on user_emails is 'Inserts go to users';
