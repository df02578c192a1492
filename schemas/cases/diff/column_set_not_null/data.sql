insert into t values (1, 'a@x'), (2, 'b@x');
