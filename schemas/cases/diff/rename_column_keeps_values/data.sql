insert into accounts values (1, 'a@example.com');
