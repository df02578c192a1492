-- One line per fact of the user's schema, in PostgreSQL's own words (pg_get_*def,
-- format_type, ACL text, pg_describe_object), without OIDs: two databases with the
-- same schema give the same lines. $1: schemas to leave out (extern and tool schemas).
WITH ns AS (
  SELECT oid, nspname FROM pg_namespace
  WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'schemac')
    AND nspname !~ '^pg_(toast_)?temp_' AND nspname <> ALL ($1::text[])
),
-- Every non-system schema: the user's triggers and policies on tables of extern schemas
-- (auth.users, storage.objects) are the project's, though their tables are not.
user_ns AS (
  SELECT oid FROM pg_namespace
  WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'schemac')
    AND nspname !~ '^pg_(toast_)?temp_'
),
ext AS (SELECT objid, classid FROM pg_depend WHERE deptype = 'e')
SELECT line FROM (
  SELECT 'schema ' || quote_ident(ns.nspname) || ' acl ' || coalesce(n.nspacl::text, '-') AS line
    FROM ns JOIN pg_namespace n USING (oid)
  UNION ALL
  SELECT 'extension ' || extname || ' in ' || n.nspname
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE extname <> 'plpgsql'
  UNION ALL
  SELECT 'relation ' || c.oid::regclass::text || ' kind ' || c.relkind::text || ' persistence ' || c.relpersistence::text
         || ' rls ' || c.relrowsecurity::text || '/' || c.relforcerowsecurity::text
         || ' acl ' || coalesce(c.relacl::text, '-') || ' options ' || coalesce(c.reloptions::text, '-')
         || coalesce(' partition key ' || pg_get_partkeydef(c.oid), '')
         || coalesce(' bound ' || pg_get_expr(c.relpartbound, c.oid), '')
    FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')
     AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_class'::regclass AND ext.objid = c.oid)
  UNION ALL
  SELECT 'column ' || c.oid::regclass::text || '.' || quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)
         || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
         || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
         || CASE a.attidentity WHEN 'a' THEN ' identity always' WHEN 'd' THEN ' identity by default' ELSE '' END
         || CASE a.attgenerated WHEN 's' THEN ' generated' ELSE '' END
         || CASE WHEN a.attcollation <> t.typcollation THEN ' collate ' || co.collname ELSE '' END
         || coalesce(' acl ' || a.attacl::text, '')
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid JOIN ns ON ns.oid = c.relnamespace
    JOIN pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_collation co ON co.oid = a.attcollation
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')
     AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_class'::regclass AND ext.objid = c.oid)
  UNION ALL
  SELECT 'constraint ' || coalesce(co.conrelid::regclass::text, co.contypid::regtype::text) || '.' || quote_ident(co.conname)
         || ' ' || pg_get_constraintdef(co.oid)
         || CASE WHEN co.convalidated THEN '' ELSE ' (not validated)' END
    FROM pg_constraint co JOIN ns ON ns.oid = co.connamespace
   WHERE co.conparentid = 0
  UNION ALL
  SELECT 'index ' || pg_get_indexdef(i.indexrelid)
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN ns ON ns.oid = c.relnamespace
   WHERE NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)
  UNION ALL
  SELECT 'view ' || c.oid::regclass::text || ' ' || pg_get_viewdef(c.oid)
    FROM pg_class c JOIN ns ON ns.oid = c.relnamespace WHERE c.relkind IN ('v', 'm')
  UNION ALL
  SELECT 'trigger ' || pg_get_triggerdef(t.oid)
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN user_ns ON user_ns.oid = c.relnamespace
    JOIN pg_proc f ON f.oid = t.tgfoid
   WHERE NOT t.tgisinternal AND t.tgparentid = 0
     AND (c.relnamespace IN (SELECT oid FROM ns) OR f.pronamespace IN (SELECT oid FROM ns))
  UNION ALL
  SELECT 'policy ' || c.oid::regclass::text || '.' || quote_ident(p.polname)
         || CASE WHEN p.polpermissive THEN ' permissive' ELSE ' restrictive' END || ' ' || p.polcmd::text
         || ' to ' || (SELECT string_agg(CASE WHEN r = 0 THEN 'public' ELSE r::regrole::text END, ',' ORDER BY 1)
                       FROM unnest(p.polroles) r)
         || coalesce(' using ' || pg_get_expr(p.polqual, p.polrelid), '')
         || coalesce(' check ' || pg_get_expr(p.polwithcheck, p.polrelid), '')
    FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN user_ns ON user_ns.oid = c.relnamespace
  UNION ALL
  SELECT 'routine ' || pg_get_functiondef(p.oid) || ' acl ' || coalesce(p.proacl::text, '-')
    FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
   WHERE p.prokind IN ('f', 'p')
     AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_proc'::regclass AND ext.objid = p.oid)
  UNION ALL
  SELECT 'type ' || t.oid::regtype::text || ' ' || t.typtype::text
         || coalesce(' labels ' || (SELECT string_agg(quote_literal(e.enumlabel), ',' ORDER BY e.enumsortorder)
                                     FROM pg_enum e WHERE e.enumtypid = t.oid), '')
         || CASE WHEN t.typtype = 'd' THEN ' over ' || format_type(t.typbasetype, t.typtypmod)
                 || CASE WHEN t.typnotnull THEN ' not null' ELSE '' END
                 || coalesce(' default ' || t.typdefault, '') ELSE '' END
    FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
   WHERE t.typtype IN ('e', 'd')
     AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = t.oid)
  UNION ALL
  SELECT 'sequence ' || s.seqrelid::regclass::text || ' ' || format_type(s.seqtypid, NULL) || ' ' || s.seqincrement
         || ' ' || s.seqmin || ' ' || s.seqmax || ' ' || s.seqstart || ' ' || s.seqcache || ' ' || s.seqcycle::text
    FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN ns ON ns.oid = c.relnamespace
  UNION ALL
  SELECT 'comment ' || pg_describe_object(d.classoid, d.objoid, d.objsubid) || ': ' || d.description
    FROM pg_description d
   WHERE d.objoid >= 16384
     AND pg_describe_object(d.classoid, d.objoid, d.objsubid) IS NOT NULL
     AND pg_describe_object(d.classoid, d.objoid, d.objsubid) !~ ' (pg_catalog|information_schema)\.'
) facts
ORDER BY line
