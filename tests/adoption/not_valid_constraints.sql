-- Online migrations leave constraints NOT VALID (Rails `validate: false`, a
-- VALIDATE that never ran); they are kept as they are, not silently validated.
create table accounts (id int primary key);
create table invoices (id int primary key, account_id int, amount numeric);
insert into accounts values (1);
insert into invoices values (1, 2, -5);
alter table invoices add constraint invoices_account_fk foreign key (account_id) references accounts (id) not valid;
alter table invoices add constraint invoices_amount_positive check (amount > 0) not valid;
