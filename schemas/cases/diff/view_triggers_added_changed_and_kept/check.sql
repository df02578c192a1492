select (select count(*) from pg_trigger where tgrelid = 'user_emails'::regclass) = 3
   and (select tgtype & 64 <> 0 from pg_trigger where tgname = 'user_emails_insert')
