select count(*) = 2 from pg_constraint where conrelid = 'invoices'::regclass and not convalidated
