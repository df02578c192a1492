select (select tgdeferrable and tginitdeferred from pg_trigger where tgname = 'entries_balance')
   and (select tgconstrrelid = 'entries'::regclass from pg_trigger where tgname = 'txns_have_entries')
