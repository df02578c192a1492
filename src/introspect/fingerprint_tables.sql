-- Facts of schemas, relations, columns, constraints, types, sequences, comments.
  SELECT 'schema ' || quote_ident(ns.nspname) AS line
    FROM ns JOIN pg_namespace n USING (oid)
  UNION ALL
  SELECT 'extension ' || extname || ' in ' || n.nspname
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE extname <> 'plpgsql'
  UNION ALL
  SELECT 'relation ' || c.oid::regclass::text || ' kind ' || c.relkind::text || ' persistence ' || c.relpersistence::text
         || ' rls ' || c.relrowsecurity::text || '/' || c.relforcerowsecurity::text
         -- Storage parameters are a set: the order they were written in is no drift.
         || ' options ' || coalesce((SELECT array_agg(o ORDER BY o) FROM unnest(c.reloptions) o)::text, '-')
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
  SELECT 'range ' || r.rngtypid::regtype::text || ' of ' || format_type(r.rngsubtype, NULL)
         || ' opclass ' || (SELECT o.opcname::text FROM pg_opclass o WHERE o.oid = r.rngsubopc)
         || ' collation ' || coalesce((SELECT c.collname::text FROM pg_collation c WHERE c.oid = r.rngcollation), '')
         || ' canonical ' || r.rngcanonical::regproc::text || ' diff ' || r.rngsubdiff::regproc::text
         || ' multirange ' || r.rngmultitypid::regtype::text
    FROM pg_range r JOIN pg_type t ON t.oid = r.rngtypid JOIN ns ON ns.oid = t.typnamespace
   WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = t.oid)
  UNION ALL
  SELECT 'sequence ' || s.seqrelid::regclass::text || ' ' || format_type(s.seqtypid, NULL) || ' ' || s.seqincrement
         || ' ' || s.seqmin || ' ' || s.seqmax || ' ' || s.seqstart || ' ' || s.seqcache || ' ' || s.seqcycle::text
    FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN ns ON ns.oid = c.relnamespace
  UNION ALL
  -- Whole-table members; a row filter or column list is the inventory's.
  SELECT 'published ' || c.oid::regclass::text || ' in ' || quote_ident(p.pubname)
    FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid
    JOIN pg_class c ON c.oid = pr.prrelid JOIN ns ON ns.oid = c.relnamespace
   WHERE to_jsonb(pr) ->> 'prqual' IS NULL AND to_jsonb(pr) ->> 'prattrs' IS NULL
  UNION ALL
  -- Publications but the platform's: Supabase Realtime's is an `extern publication`
  -- (on Supabase its owner is supabase_admin, in a shadow database the prelude's role).
  SELECT 'publication ' || quote_ident(p.pubname) || ' publish '
         || concat_ws(',', CASE WHEN p.pubinsert THEN 'insert' END, CASE WHEN p.pubupdate THEN 'update' END,
                      CASE WHEN p.pubdelete THEN 'delete' END, CASE WHEN p.pubtruncate THEN 'truncate' END)
         || ' via root ' || p.pubviaroot::text || ' all tables ' || p.puballtables::text
    FROM pg_publication p
   WHERE pg_get_userbyid(p.pubowner) <> 'supabase_admin'
     AND p.pubname <> 'supabase_realtime'
  UNION ALL
  SELECT 'comment ' || pg_describe_object(d.classoid, d.objoid, d.objsubid) || ': ' || d.description
    FROM pg_description d
   WHERE d.objoid >= 16384
     AND pg_describe_object(d.classoid, d.objoid, d.objsubid) IS NOT NULL
     AND pg_describe_object(d.classoid, d.objoid, d.objsubid) !~ ' (pg_catalog|information_schema)\.'
  UNION ALL
  -- Privileges as sets: sorted, without grantors, the owner named `owner` and a NULL ACL
  -- read as what it means (acldefault), so the same grants in another order, or
  -- granted explicitly instead of by default, are no drift.
  SELECT 'privileges ' || o.kind || ' ' || o.name || ': '
         || string_agg(CASE WHEN a.grantee = o.owner THEN 'owner' WHEN a.grantee = 0 THEN 'public'
                            ELSE quote_ident(pg_get_userbyid(a.grantee)) END
                       || '=' || a.privilege_type || CASE WHEN a.is_grantable THEN '*' ELSE '' END,
                       ',' ORDER BY a.grantee = o.owner DESC, pg_get_userbyid(a.grantee), a.privilege_type, a.is_grantable)
    FROM (
      SELECT 'schema' AS kind, quote_ident(n.nspname) AS name, n.nspacl AS acl, n.nspowner AS owner, 'n' AS k
        FROM ns JOIN pg_namespace n USING (oid)
      UNION ALL
      SELECT 'relation', c.oid::regclass::text, c.relacl, c.relowner, CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END
        FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
         AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_class'::regclass AND ext.objid = c.oid)
      UNION ALL
      SELECT 'column', c.oid::regclass::text || '.' || quote_ident(a.attname), coalesce(a.attacl, '{}'), c.relowner, 'c'
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN ns ON ns.oid = c.relnamespace
       WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attacl IS NOT NULL
      UNION ALL
      SELECT 'routine', p.oid::regprocedure::text, p.proacl, p.proowner, 'f'
        FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
       WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_proc'::regclass AND ext.objid = p.oid)
      UNION ALL
      SELECT 'type', t.oid::regtype::text, t.typacl, t.typowner, 'T'
        FROM pg_type t JOIN ns ON ns.oid = t.typnamespace LEFT JOIN pg_class c ON c.oid = t.typrelid
       WHERE (t.typtype IN ('e', 'd', 'r', 'm', 'b') OR (t.typtype = 'c' AND c.relkind = 'c'))
         AND t.typcategory <> 'A'
         AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = t.oid)
      UNION ALL
      -- Default privileges: the connecting role's own read as `current`.
      SELECT 'default ' || CASE WHEN d.defaclrole = (SELECT oid FROM pg_roles WHERE rolname = current_user)
                                THEN 'current' ELSE quote_ident(pg_get_userbyid(d.defaclrole)) END
             || coalesce(' in ' || quote_ident(n.nspname), '') || ' on', d.defaclobjtype::text, d.defaclacl, d.defaclrole, '-'
        FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
       WHERE (d.defaclnamespace = 0 OR d.defaclnamespace IN (SELECT oid FROM ns))
         AND pg_get_userbyid(d.defaclrole) <> 'supabase_admin'
    ) o, LATERAL aclexplode(CASE WHEN o.k = '-' OR o.acl IS NOT NULL THEN o.acl
                                 ELSE acldefault(o.k::"char", o.owner) END) a
   GROUP BY o.kind, o.name
