insert into t values (1, 1, 1), (2, 1, 2), (3, null, null);
