insert into diary (id, how) values (1, 'happy');
