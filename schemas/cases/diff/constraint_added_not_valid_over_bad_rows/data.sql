insert into accounts values (1);
insert into invoices values (1, 2, -5);
