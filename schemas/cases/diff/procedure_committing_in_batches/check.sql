select to_regclass('archive_runs') is not null
   and exists (select 1 from pg_proc where proname = 'archive_events' and prosrc like E'%\nCOMMIT;\n%')
