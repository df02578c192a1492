insert into account values (1);
insert into t values (1, null, 1, 150.25);
insert into line values (1, 1);
