insert into tasks (title) values ('keep me'); insert into notes values (1, 1);
