-- Rewrite rules: a soft delete, an audit trail, a writable view with two statements,
-- a comment, and quoting (a rule named with a space, a string holding " DO (").
create table orders (id int primary key, total int not null, archived bool not null default false);
create table audit (order_id int not null, note text not null);
create view open_orders as select id, total from orders where not archived;
create rule orders_soft_delete as on delete to orders do instead
  update orders set archived = true where id = old.id;
create rule "orders logged" as on update to orders where new.total <> old.total do also
  insert into audit values (new.id, 'total changed; DO (');
create rule open_orders_insert as on insert to open_orders do instead (
  insert into orders (id, total) values (new.id, new.total);
  insert into audit values (new.id, 'créé')
);
create rule orders_never_insert_negative as on insert to orders where new.total < 0 do instead nothing;
comment on rule orders_soft_delete on orders is 'Orders are archived, never deleted';
