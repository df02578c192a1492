insert into account values (1, 'a'), (2, 'b');
insert into invoice values (1, 'a', 'n1'), (2, 'b', 'n2');
insert into events values ('2025-03-01', 'x');
