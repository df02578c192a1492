-- Facts of indexes, views, triggers, policies, routines and aggregates.
  -- Indexes behind a primary key, unique or exclusion constraint are facts of that
  -- constraint (pg_get_constraintdef prints their columns, INCLUDE and WITH options).
  -- Storage parameters are a set: printed sorted after the definition, not in the
  -- order they were written in.
  SELECT 'index ' || regexp_replace(pg_get_indexdef(i.indexrelid), ' WITH \([^)]*\)', '')
         || coalesce(' with ' || (SELECT array_agg(o ORDER BY o) FROM unnest(c.reloptions) o)::text, '')
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN ns ON ns.oid = c.relnamespace
    LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid
         AND k.contype IN ('p', 'u', 'x')
   WHERE k.oid IS NULL AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)
  UNION ALL
  SELECT 'view ' || c.oid::regclass::text || ' ' || pg_get_viewdef(c.oid)
    FROM pg_class c JOIN ns ON ns.oid = c.relnamespace WHERE c.relkind IN ('v', 'm')
  UNION ALL
  SELECT 'trigger ' || pg_get_triggerdef(t.oid) || CASE t.tgenabled WHEN 'O' THEN '' ELSE ' state ' || t.tgenabled::text END
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN user_ns ON user_ns.oid = c.relnamespace
    JOIN pg_proc f ON f.oid = t.tgfoid
   WHERE NOT t.tgisinternal AND t.tgparentid = 0
     AND (c.relnamespace IN (SELECT oid FROM ns) OR f.pronamespace IN (SELECT oid FROM ns))
  UNION ALL
  SELECT 'statistics ' || pg_get_statisticsobjdef(s.oid) || ' target ' || coalesce(s.stxstattarget, -1)::text
    FROM pg_statistic_ext s JOIN ns ON ns.oid = s.stxnamespace
   WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_statistic_ext'::regclass AND ext.objid = s.oid)
  UNION ALL
  SELECT 'rule ' || pg_get_ruledef(r.oid) || CASE r.ev_enabled WHEN 'O' THEN '' ELSE ' state ' || r.ev_enabled::text END
    FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN ns ON ns.oid = c.relnamespace
   WHERE r.rulename <> '_RETURN'
  UNION ALL
  SELECT 'policy ' || c.oid::regclass::text || '.' || quote_ident(p.polname)
         || CASE WHEN p.polpermissive THEN ' permissive' ELSE ' restrictive' END || ' ' || p.polcmd::text
         || ' to ' || (SELECT string_agg(CASE WHEN r = 0 THEN 'public' ELSE r::regrole::text END, ',' ORDER BY 1)
                       FROM unnest(p.polroles) r)
         || coalesce(' using ' || pg_get_expr(p.polqual, p.polrelid), '')
         || coalesce(' check ' || pg_get_expr(p.polwithcheck, p.polrelid), '')
    FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN user_ns ON user_ns.oid = c.relnamespace
  UNION ALL
  SELECT 'routine ' || pg_get_functiondef(p.oid)
    FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
   WHERE p.prokind IN ('f', 'p')
     AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_proc'::regclass AND ext.objid = p.oid)
  UNION ALL
  SELECT 'aggregate ' || p.oid::regprocedure::text || ' ' || row(a.aggkind, a.aggnumdirectargs, a.aggtransfn,
           a.aggfinalfn, a.aggcombinefn, a.aggserialfn, a.aggdeserialfn, a.aggmtransfn, a.aggminvtransfn,
           a.aggmfinalfn, a.aggfinalextra, a.aggmfinalextra, a.aggfinalmodify, a.aggmfinalmodify,
           a.aggsortop::regoper, format_type(a.aggtranstype, NULL), a.aggtransspace,
           format_type(nullif(a.aggmtranstype, 0), NULL), a.aggmtransspace, a.agginitval, a.aggminitval,
           p.proparallel)::text
    FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace JOIN pg_aggregate a ON a.aggfnoid = p.oid
   WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_proc'::regclass AND ext.objid = p.oid)
  UNION ALL
  SELECT 'collation ' || quote_ident(ns.nspname) || '.' || quote_ident(c.collname) || ' ' || c.collprovider::text
         || ' ' || coalesce(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale', '-')
         || ' ' || coalesce(c.collcollate, '-') || ' ' || coalesce(c.collctype, '-')
         || CASE WHEN c.collisdeterministic THEN '' ELSE ' nondeterministic' END
         || coalesce(' rules ' || (to_jsonb(c) ->> 'collicurules'), '')
    FROM pg_collation c JOIN ns ON ns.oid = c.collnamespace
   WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_collation'::regclass AND ext.objid = c.oid)
