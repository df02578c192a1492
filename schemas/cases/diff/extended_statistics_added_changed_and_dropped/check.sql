select (select count(*) from pg_statistic_ext where stxrelid = 'addresses'::regclass) = 3
