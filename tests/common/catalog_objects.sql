-- Every user-visible object of the database, one text line each.
with ns as (
  select oid, nspname from pg_namespace
  where nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
    and nspname !~ '^pg_temp_' and nspname !~ '^pg_toast_temp_'
)
select 'schema ' || nspname from ns
union all
select 'relation ' || ns.nspname || '.' || c.relname || ' ' || c.relkind::text
  from pg_class c join ns on ns.oid = c.relnamespace
union all
select 'column ' || ns.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
  from pg_attribute a join pg_class c on c.oid = a.attrelid join ns on ns.oid = c.relnamespace
 where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'v', 'm', 'f')
union all
select 'function ' || ns.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
  from pg_proc p join ns on ns.oid = p.pronamespace
union all
select 'type ' || ns.nspname || '.' || t.typname
  from pg_type t join ns on ns.oid = t.typnamespace
 where t.typtype in ('e', 'd', 'c') and (t.typrelid = 0 or exists (select 1 from pg_class c where c.oid = t.typrelid and c.relkind = 'c'))
union all
select 'constraint ' || ns.nspname || '.' || co.conname || ' on ' || coalesce(c.relname, '-')
  from pg_constraint co join ns on ns.oid = co.connamespace left join pg_class c on c.oid = co.conrelid
union all
select 'trigger ' || c.relname || '.' || tg.tgname
  from pg_trigger tg join pg_class c on c.oid = tg.tgrelid join ns on ns.oid = c.relnamespace
 where not tg.tgisinternal
union all
select 'policy ' || c.relname || '.' || po.polname
  from pg_policy po join pg_class c on c.oid = po.polrelid
union all
select 'extension ' || extname from pg_extension
union all
select 'rls ' || ns.nspname || '.' || c.relname || ' ' || c.relrowsecurity::text || ' ' || c.relforcerowsecurity::text
  from pg_class c join ns on ns.oid = c.relnamespace where c.relkind in ('r', 'p')
union all
select 'acl ' || ns.nspname || '.' || c.relname || ' ' || coalesce(c.relacl::text, '-')
  from pg_class c join ns on ns.oid = c.relnamespace
union all
select 'comment ' || d.classoid::regclass::text || ' ' || d.objsubid::text || ' ' || d.description
  from pg_description d where d.objoid >= 16384
