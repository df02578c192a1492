-- Facts of schemas, relations, columns, constraints, types, sequences, comments.
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
