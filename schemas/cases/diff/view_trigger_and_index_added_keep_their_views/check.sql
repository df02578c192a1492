select exists (select 1 from pg_trigger where tgname = 'item_names_insert')
