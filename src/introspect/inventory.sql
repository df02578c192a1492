-- Everything in the database that schemac's model has no place for yet: whole objects
-- (rules, aggregates, operators, …) and properties of objects it does manage (storage
-- parameters, NOT VALID, column statistics, …). One row per item: kind, object (as
-- PostgreSQL prints its name), detail. `pull` reports these rows instead of dropping
-- them silently, and `diff --live` compares them like any other fact.
-- $1: schemas to leave out (extern and tool schemas).
WITH ns AS (
  SELECT oid, nspname FROM pg_catalog.pg_namespace
   WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'schemac')
     AND nspname !~ '^pg_(toast_)?temp_' AND nspname <> ALL ($1::text[])
),
ext AS (SELECT classid, objid FROM pg_catalog.pg_depend WHERE deptype = 'e'),
-- Objects that exist only as a part of another (a range type's constructors, an
-- identity column's sequence, a table's row type).
internal AS (SELECT classid, objid FROM pg_catalog.pg_depend WHERE deptype = 'i'),
rel AS (
  SELECT c.*, c.oid::regclass::text AS qname FROM pg_catalog.pg_class c JOIN ns ON ns.oid = c.relnamespace
   WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_class'::regclass AND ext.objid = c.oid)
),
-- Every ACL of the managed schemas with its owner and `acldefault` kind.
acls AS (
  SELECT quote_ident(n.nspname) AS name, n.nspacl AS acl, n.nspowner AS owner, 'n' AS k
    FROM pg_catalog.pg_namespace n JOIN ns USING (oid)
  UNION ALL
  SELECT qname, relacl, relowner, CASE relkind WHEN 'S' THEN 's' ELSE 'r' END FROM rel
   WHERE relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
  UNION ALL
  SELECT rel.qname || '.' || quote_ident(a.attname), a.attacl, rel.relowner, 'c'
    FROM rel JOIN pg_catalog.pg_attribute a ON a.attrelid = rel.oid
   WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attacl IS NOT NULL
  UNION ALL
  SELECT p.oid::regprocedure::text, p.proacl, p.proowner, 'f'
    FROM pg_catalog.pg_proc p JOIN ns ON ns.oid = p.pronamespace
   WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_proc'::regclass AND ext.objid = p.oid)
  UNION ALL
  SELECT t.oid::regtype::text, t.typacl, t.typowner, 'T'
    FROM pg_catalog.pg_type t JOIN ns ON ns.oid = t.typnamespace
   WHERE t.typacl IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = t.oid)
)
SELECT kind, object, regexp_replace(detail, '\s+', ' ', 'g') FROM (
  SELECT 'foreign table' AS kind, qname AS object, '' AS detail
    FROM rel WHERE relkind = 'f'
  UNION ALL
  -- A table's, a partition's, an index's and a materialized view's own are expressible
  -- (`with (…)`); a TOAST table's are not yet.
  SELECT 'TOAST storage parameters', rel.qname, array_to_string(t.reloptions, ', ')
    FROM rel JOIN pg_catalog.pg_class t ON t.oid = rel.reltoastrelid WHERE t.reloptions IS NOT NULL
  UNION ALL
  SELECT 'replica identity using an index', qname, ''
    FROM rel WHERE relkind IN ('r', 'p') AND relreplident = 'i'
  UNION ALL
  SELECT 'access method', qname, am.amname
    FROM rel JOIN pg_catalog.pg_am am ON am.oid = rel.relam
   WHERE rel.relkind IN ('r', 'p', 'm') AND am.amname <> 'heap'
  UNION ALL
  SELECT 'tablespace', qname, t.spcname
    FROM rel JOIN pg_catalog.pg_tablespace t ON t.oid = rel.reltablespace
  UNION ALL
  -- An inheritance child copies its parents' column defaults and NOT NULLs when it is
  -- created; one changed on the child alone has no form yet.
  SELECT 'inherited column unlike its parent''s', rel.qname || '.' || quote_ident(a.attname),
         concat_ws(', ', CASE WHEN a.attnotnull AND NOT pa.attnotnull THEN 'not null' END,
                   CASE WHEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) IS DISTINCT FROM pg_catalog.pg_get_expr(pd.adbin, pd.adrelid)
                        THEN coalesce('default ' || pg_catalog.pg_get_expr(d.adbin, d.adrelid), 'no default') END)
    FROM rel JOIN pg_catalog.pg_inherits h ON h.inhrelid = rel.oid
    JOIN pg_catalog.pg_attribute a ON a.attrelid = rel.oid AND a.attnum > 0 AND NOT a.attisdropped AND NOT a.attislocal
    JOIN pg_catalog.pg_attribute pa ON pa.attrelid = h.inhparent AND pa.attname = a.attname
    LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    LEFT JOIN pg_catalog.pg_attrdef pd ON pd.adrelid = pa.attrelid AND pd.adnum = pa.attnum
   WHERE NOT rel.relispartition
     AND ((a.attnotnull AND NOT pa.attnotnull)
          OR pg_catalog.pg_get_expr(d.adbin, d.adrelid) IS DISTINCT FROM pg_catalog.pg_get_expr(pd.adbin, pd.adrelid))
  UNION ALL
  SELECT 'constraint of a partition both its own and inherited', rel.qname || '.' || quote_ident(co.conname), pg_catalog.pg_get_constraintdef(co.oid)
    FROM rel JOIN pg_catalog.pg_constraint co ON co.conrelid = rel.oid
   WHERE rel.relispartition AND co.conparentid = 0 AND co.contype IN ('c', 'f', 'p', 'u', 'x') AND co.conislocal
     AND co.coninhcount > 0
  UNION ALL
  -- A partition created alone and then attached keeps its own column defaults; one
  -- made with PARTITION OF copies its parent's. One without the parent's default has
  -- no form (NOT NULL and a default of its own are `column …` in its body).
  SELECT 'column of a partition without its parent''s default', rel.qname || '.' || quote_ident(a.attname),
         'no default'
    FROM rel JOIN pg_catalog.pg_inherits h ON h.inhrelid = rel.oid
    JOIN pg_catalog.pg_attribute a ON a.attrelid = rel.oid AND a.attnum > 0 AND NOT a.attisdropped
    JOIN pg_catalog.pg_attribute pa ON pa.attrelid = h.inhparent AND pa.attname = a.attname
    LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    LEFT JOIN pg_catalog.pg_attrdef pd ON pd.adrelid = pa.attrelid AND pd.adnum = pa.attnum
   WHERE rel.relispartition AND d.adbin IS NULL AND pd.adbin IS NOT NULL
  UNION ALL
  SELECT 'clustered index', i.indexrelid::regclass::text, ''
    FROM rel JOIN pg_catalog.pg_index i ON i.indrelid = rel.oid WHERE i.indisclustered
  UNION ALL
  -- Column properties.
  SELECT 'column options', rel.qname || '.' || quote_ident(a.attname), array_to_string(a.attoptions, ', ')
    FROM rel JOIN pg_catalog.pg_attribute a ON a.attrelid = rel.oid
   WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attoptions IS NOT NULL
     -- An index column's are its operator class's parameters, in the index's definition.
     AND rel.relkind NOT IN ('i', 'I')
  UNION ALL
  SELECT 'column compression', rel.qname || '.' || quote_ident(a.attname), a.attcompression::text
    FROM rel JOIN pg_catalog.pg_attribute a ON a.attrelid = rel.oid
   WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attcompression <> ''
  UNION ALL
  -- Constraint properties.
  SELECT 'NOT VALID domain constraint',
         coalesce(co.conrelid::regclass::text, co.contypid::regtype::text) || '.' || quote_ident(co.conname),
         pg_catalog.pg_get_constraintdef(co.oid)
    FROM pg_catalog.pg_constraint co JOIN ns ON ns.oid = co.connamespace
   WHERE co.conparentid = 0
     -- NOT VALID table constraints are expressible; domain ones are not yet.
     AND NOT co.convalidated AND co.contypid <> 0
  UNION ALL
  -- PostgreSQL 18: NOT NULL constraints are catalog rows. schemac writes NOT NULL on
  -- the column and keeps the name PostgreSQL gives it (`{table}_{column}_not_null`,
  -- renamed with its table and column); another name, NOT VALID or NO INHERIT is not
  -- expressible yet. (Before 18 there are no such rows.)
  SELECT CASE WHEN NOT co.convalidated THEN 'NOT VALID NOT NULL constraint'
              WHEN co.connoinherit THEN 'NO INHERIT NOT NULL constraint'
              ELSE 'NOT NULL constraint with a name of its own' END,
         rel.qname || '.' || quote_ident(co.conname), 'NOT NULL ' || quote_ident(a.attname)
    FROM rel JOIN pg_catalog.pg_constraint co ON co.conrelid = rel.oid AND co.contype = 'n'
    JOIN pg_catalog.pg_attribute a ON a.attrelid = rel.oid AND a.attnum = co.conkey[1]
   WHERE co.conislocal AND NOT rel.relispartition
     AND (NOT co.convalidated OR co.connoinherit
          OR (octet_length(rel.relname) + octet_length(a.attname) <= 53
              AND co.conname <> rel.relname || '_' || a.attname || '_not_null'))
  UNION ALL
  -- PostgreSQL 18: a partition's NOT NULL constraints carry its parent's names when it
  -- is made with PARTITION OF; one created alone and attached (as pg_dump restores
  -- them) keeps its own, which an inherited constraint cannot be renamed to.
  SELECT 'NOT NULL constraint of a partition named otherwise than its parent''s',
         rel.qname || '.' || quote_ident(co.conname), 'NOT NULL ' || quote_ident(a.attname)
    FROM rel JOIN pg_catalog.pg_constraint co ON co.conrelid = rel.oid AND co.contype = 'n'
    JOIN pg_catalog.pg_attribute a ON a.attrelid = rel.oid AND a.attnum = co.conkey[1]
    JOIN pg_catalog.pg_inherits h ON h.inhrelid = rel.oid
    JOIN pg_catalog.pg_attribute pa ON pa.attrelid = h.inhparent AND pa.attname = a.attname
    JOIN pg_catalog.pg_constraint pco ON pco.conrelid = h.inhparent AND pco.contype = 'n' AND pco.conkey[1] = pa.attnum
   WHERE rel.relispartition AND co.conname <> pco.conname
  UNION ALL
  -- PostgreSQL 18: NOT ENFORCED constraints and temporal keys (WITHOUT OVERLAPS,
  -- PERIOD), read through to_jsonb so that older servers answer the same query.
  SELECT CASE WHEN to_jsonb(co) ->> 'conenforced' = 'false' THEN 'NOT ENFORCED constraint'
              ELSE 'temporal constraint (WITHOUT OVERLAPS / PERIOD)' END,
         rel.qname || '.' || quote_ident(co.conname), pg_catalog.pg_get_constraintdef(co.oid)
    FROM rel JOIN pg_catalog.pg_constraint co ON co.conrelid = rel.oid
   WHERE co.conparentid = 0
     AND (to_jsonb(co) ->> 'conenforced' = 'false' OR to_jsonb(co) ->> 'conperiod' = 'true')
  UNION ALL
  -- PostgreSQL 18: virtual generated columns (the DSL writes stored ones).
  SELECT 'virtual generated column', rel.qname || '.' || quote_ident(a.attname),
         pg_catalog.pg_get_expr(d.adbin, d.adrelid)
    FROM rel JOIN pg_catalog.pg_attribute a ON a.attrelid = rel.oid
    JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = 'v'
  UNION ALL
  -- Rules of tables and views are the model's (`rule …`); a disabled one, or one of
  -- another kind of relation, is not yet.
  SELECT CASE WHEN c.relkind IN ('r', 'p', 'v') AND r.ev_type IN ('2', '3', '4') THEN 'rule not enabled' ELSE 'rule' END,
         c.oid::regclass::text || '.' || quote_ident(r.rulename), pg_catalog.pg_get_ruledef(r.oid)
    FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class JOIN ns ON ns.oid = c.relnamespace
   WHERE r.rulename <> '_RETURN'
     AND (r.ev_enabled <> 'O' OR c.relkind NOT IN ('r', 'p', 'v') OR r.ev_type NOT IN ('2', '3', '4'))
  UNION ALL
  -- Routines.
  SELECT CASE p.prokind WHEN 'a' THEN 'ordered-set aggregate' ELSE 'window function' END,
         p.oid::regprocedure::text, ''
    FROM pg_catalog.pg_proc p JOIN ns ON ns.oid = p.pronamespace
    LEFT JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = p.oid
   WHERE ((p.prokind = 'a' AND a.aggkind <> 'n') OR p.prokind = 'w')
     AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_proc'::regclass AND ext.objid = p.oid)
     AND NOT EXISTS (SELECT 1 FROM internal i WHERE i.classid = 'pg_proc'::regclass AND i.objid = p.oid)
  UNION ALL
  SELECT 'routine cost or rows', p.oid::regprocedure::text, 'cost ' || p.procost || ' rows ' || p.prorows
    FROM pg_catalog.pg_proc p JOIN ns ON ns.oid = p.pronamespace JOIN pg_catalog.pg_language l ON l.oid = p.prolang
   WHERE p.prokind IN ('f', 'p')
     AND (p.procost <> CASE WHEN l.lanname IN ('c', 'internal') THEN 1 ELSE 100 END
          OR p.prorows <> CASE WHEN p.proretset THEN 1000 ELSE 0 END)
     AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_proc'::regclass AND ext.objid = p.oid)
     AND NOT EXISTS (SELECT 1 FROM internal i WHERE i.classid = 'pg_proc'::regclass AND i.objid = p.oid)
  UNION ALL
  -- Base types (enums, domains, ranges and composite types are the model's).
  SELECT 'base type', t.oid::regtype::text, ''
    FROM pg_catalog.pg_type t JOIN ns ON ns.oid = t.typnamespace
   WHERE t.typtype = 'b'
     AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = t.oid)
     AND NOT EXISTS (SELECT 1 FROM internal i WHERE i.classid = 'pg_type'::regclass AND i.objid = t.oid)
  UNION ALL
  SELECT 'comment', pg_catalog.pg_describe_object(d.classoid, d.objoid, d.objsubid), d.description
    FROM pg_catalog.pg_description d JOIN rel ON d.classoid = 'pg_class'::regclass AND d.objoid = rel.oid
   WHERE (rel.relkind IN ('c', 'f') AND d.objsubid > 0)
      -- An identity column's sequence (other sequences are in the model).
      OR (rel.relkind = 'S' AND EXISTS (SELECT 1 FROM internal i WHERE i.classid = 'pg_class'::regclass AND i.objid = rel.oid))
  UNION ALL
  SELECT kind, name, '' FROM (
    SELECT 'operator' AS kind, o.oid::regoperator::text AS name, o.oid, 'pg_operator'::regclass AS cat
      FROM pg_catalog.pg_operator o JOIN ns ON ns.oid = o.oprnamespace
    UNION ALL
    SELECT 'operator class', quote_ident(ns.nspname) || '.' || quote_ident(c.opcname), c.oid, 'pg_opclass'::regclass
      FROM pg_catalog.pg_opclass c JOIN ns ON ns.oid = c.opcnamespace
    UNION ALL
    SELECT 'operator family', quote_ident(ns.nspname) || '.' || quote_ident(f.opfname), f.oid, 'pg_opfamily'::regclass
      FROM pg_catalog.pg_opfamily f JOIN ns ON ns.oid = f.opfnamespace

    UNION ALL
    SELECT 'conversion', quote_ident(ns.nspname) || '.' || quote_ident(c.conname), c.oid, 'pg_conversion'::regclass
      FROM pg_catalog.pg_conversion c JOIN ns ON ns.oid = c.connamespace
    UNION ALL
    SELECT 'text search configuration', c.oid::regconfig::text, c.oid, 'pg_ts_config'::regclass
      FROM pg_catalog.pg_ts_config c JOIN ns ON ns.oid = c.cfgnamespace
    UNION ALL
    SELECT 'text search dictionary', c.oid::regdictionary::text, c.oid, 'pg_ts_dict'::regclass
      FROM pg_catalog.pg_ts_dict c JOIN ns ON ns.oid = c.dictnamespace
    UNION ALL
    SELECT 'text search parser', quote_ident(ns.nspname) || '.' || quote_ident(c.prsname), c.oid, 'pg_ts_parser'::regclass
      FROM pg_catalog.pg_ts_parser c JOIN ns ON ns.oid = c.prsnamespace
    UNION ALL
    SELECT 'text search template', quote_ident(ns.nspname) || '.' || quote_ident(c.tmplname), c.oid, 'pg_ts_template'::regclass
      FROM pg_catalog.pg_ts_template c JOIN ns ON ns.oid = c.tmplnamespace
    UNION ALL
    -- A table's extended statistics are the model's (`statistics …`); these are not.
    SELECT CASE WHEN c.relkind NOT IN ('r', 'p') THEN 'extended statistics of a ' || CASE c.relkind WHEN 'm' THEN 'materialized view' ELSE 'foreign table' END
                WHEN s.stxnamespace <> c.relnamespace THEN 'extended statistics in another schema than their table'
                ELSE 'extended statistics with a statistics target' END,
           quote_ident(ns.nspname) || '.' || quote_ident(s.stxname), s.oid, 'pg_statistic_ext'::regclass
      FROM pg_catalog.pg_statistic_ext s JOIN ns ON ns.oid = s.stxnamespace
      JOIN pg_catalog.pg_class c ON c.oid = s.stxrelid
     WHERE c.relkind NOT IN ('r', 'p') OR s.stxnamespace <> c.relnamespace
        OR coalesce(s.stxstattarget, -1) <> -1
  ) o
   WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = o.cat AND ext.objid = o.oid)
     AND NOT EXISTS (SELECT 1 FROM internal i WHERE i.classid = o.cat AND i.objid = o.oid)
  UNION ALL
  -- Database-wide objects a schema's behaviour depends on.
  SELECT 'cast', format_type(c.castsource, NULL) || ' AS ' || format_type(c.casttarget, NULL), ''
    FROM pg_catalog.pg_cast c
   WHERE c.oid >= 16384
     AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_cast'::regclass AND ext.objid = c.oid)
     AND NOT EXISTS (SELECT 1 FROM internal i WHERE i.classid = 'pg_cast'::regclass AND i.objid = c.oid)
  UNION ALL
  -- Objects of the platform a database runs on are not the project's: Supabase's own
  -- event triggers (their functions live in its skipped schemas) and everything its
  -- `supabase_admin` role owns; its `supabase_realtime` publication is the platform's
  -- (which of the project's tables it publishes is the model's: `in publication`).
  SELECT 'event trigger', quote_ident(e.evtname), e.evtevent
    FROM pg_catalog.pg_event_trigger e
    JOIN pg_catalog.pg_proc f ON f.oid = e.evtfoid JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace
   WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_event_trigger'::regclass AND ext.objid = e.oid)
     AND fn.nspname <> ALL ($1::text[])
     AND pg_catalog.pg_get_userbyid(e.evtowner) <> 'supabase_admin'
  UNION ALL
  -- A publication of all tables, or of a schema's (it publishes tables it does not
  -- list), has no form; one that lists its tables is the model's.
  SELECT 'publication of all tables or of a schema', quote_ident(p.pubname), ''
    FROM pg_catalog.pg_publication p
   WHERE pg_catalog.pg_get_userbyid(p.pubowner) <> 'supabase_admin'
     AND p.pubname <> 'supabase_realtime'
     AND (p.puballtables OR EXISTS (
           SELECT 1 FROM pg_catalog.pg_publication_tables pt
            WHERE pt.pubname = p.pubname
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_publication_rel pr
                               WHERE pr.prpubid = p.oid
                                 AND pr.prrelid = (quote_ident(pt.schemaname) || '.' || quote_ident(pt.tablename))::regclass)))
  UNION ALL
  -- PostgreSQL 18's publish_generated_columns (read through to_jsonb: older servers
  -- have no such column).
  SELECT 'publication publishing generated columns', quote_ident(p.pubname), to_jsonb(p) ->> 'pubgencols'
    FROM pg_catalog.pg_publication p
   WHERE coalesce(to_jsonb(p) ->> 'pubgencols', 'n') NOT IN ('n', 'f', 'false')
     AND pg_catalog.pg_get_userbyid(p.pubowner) <> 'supabase_admin'
  UNION ALL
  SELECT 'table in a publication with a row filter or column list', c.oid::regclass::text, quote_ident(p.pubname)
    FROM pg_catalog.pg_publication_rel pr JOIN pg_catalog.pg_publication p ON p.oid = pr.prpubid
    JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid JOIN ns ON ns.oid = c.relnamespace
   WHERE to_jsonb(pr) ->> 'prqual' IS NOT NULL OR to_jsonb(pr) ->> 'prattrs' IS NOT NULL
  UNION ALL
  SELECT 'foreign server', quote_ident(s.srvname), ''
    FROM pg_catalog.pg_foreign_server s
   WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_foreign_server'::regclass AND ext.objid = s.oid)
  UNION ALL
  -- Privileges the model has no words for: an owner's own taken away, granted by
  -- someone other than the owner, and database-wide default privileges that take an
  -- owner's own away.
  SELECT 'owner privileges revoked', o.name, o.acl::text
    FROM acls o
   WHERE o.acl IS NOT NULL AND o.k <> 'c'
     AND EXISTS (SELECT 1 FROM aclexplode(acldefault(o.k::"char", o.owner)) d
                  WHERE d.grantee = o.owner
                    AND NOT EXISTS (SELECT 1 FROM aclexplode(o.acl) a
                                     WHERE a.grantee = o.owner AND a.privilege_type = d.privilege_type))
  UNION ALL
  SELECT 'privilege granted by another role than the owner', o.name,
         pg_catalog.pg_get_userbyid(a.grantor) || ' granted ' || a.privilege_type || ' to '
         || coalesce(pg_catalog.pg_get_userbyid(nullif(a.grantee, 0)), 'PUBLIC')
    FROM acls o, LATERAL aclexplode(o.acl) a
   WHERE a.grantor <> o.owner
  UNION ALL
  SELECT 'privileges on an aggregate', p.oid::regprocedure::text, p.proacl::text
    FROM pg_catalog.pg_proc p JOIN ns ON ns.oid = p.pronamespace
   WHERE p.prokind = 'a' AND p.proacl IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_proc'::regclass AND ext.objid = p.oid)
  UNION ALL
  SELECT 'default privileges revoking the owner''s own',
         'for role ' || quote_ident(pg_catalog.pg_get_userbyid(d.defaclrole)),
         d.defaclobjtype::text || ' ' || d.defaclacl::text
    FROM pg_catalog.pg_default_acl d
   WHERE d.defaclnamespace = 0 AND pg_catalog.pg_get_userbyid(d.defaclrole) <> 'supabase_admin'
     AND EXISTS (SELECT 1 FROM aclexplode(acldefault(CASE d.defaclobjtype WHEN 'S' THEN 's' ELSE d.defaclobjtype END,
                                                     d.defaclrole)) b
                  WHERE b.grantee = d.defaclrole
                    AND NOT EXISTS (SELECT 1 FROM aclexplode(d.defaclacl) a
                                     WHERE a.grantee = d.defaclrole AND a.privilege_type = b.privilege_type))
) items
WHERE kind IS NOT NULL
ORDER BY 1, 2, 3
