insert into settings (id, level) values (1, '3');
