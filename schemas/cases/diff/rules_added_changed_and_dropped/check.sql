select (select count(*) from pg_rewrite where rulename in ('orders_no_delete', 'open_orders_insert')) = 2
   and not exists (select 1 from pg_rewrite where rulename = 'orders_logged')
