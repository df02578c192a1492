-- PostgreSQL accepts a foreign key from integer to bigint; schemac warns (C010) and
-- builds, instead of refusing a database that works.
create table accounts (id bigint primary key);
create table invoices (id int primary key, account_id integer references accounts (id));
