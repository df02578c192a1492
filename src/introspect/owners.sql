-- Objects of the managed schemas owned by another role than the one that owns most of
-- them (the role that runs the migrations), with the words that name each kind in
-- `ALTER … OWNER TO`. A SECURITY DEFINER function handed to a superuser runs with its
-- rights: `diff --live` reports it and `diff --format sql` hands it back.
-- $1: schemas to leave out (extern and tool schemas).
WITH ns AS (
  SELECT oid, nspname FROM pg_catalog.pg_namespace
   WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'schemac')
     AND nspname !~ '^pg_(toast_)?temp_' AND nspname <> ALL ($1::text[])
),
ext AS (SELECT classid, objid FROM pg_catalog.pg_depend WHERE deptype = 'e'),
-- An identity column's sequence follows its table's owner and cannot be handed on alone.
internal AS (SELECT classid, objid FROM pg_catalog.pg_depend WHERE deptype = 'i'),
owned AS (
  SELECT 'SCHEMA' AS kw, quote_ident(n.nspname) AS name, n.nspowner AS owner
    FROM pg_catalog.pg_namespace n JOIN ns USING (oid) WHERE n.nspname <> 'public'
  UNION ALL
  SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                        WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'c' THEN 'TYPE' ELSE 'TABLE' END,
         c.oid::regclass::text, c.relowner
    FROM pg_catalog.pg_class c JOIN ns ON ns.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')
     AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_class'::regclass AND ext.objid = c.oid)
     AND NOT EXISTS (SELECT 1 FROM internal i WHERE i.classid = 'pg_class'::regclass AND i.objid = c.oid)
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END,
         p.oid::regprocedure::text, p.proowner
    FROM pg_catalog.pg_proc p JOIN ns ON ns.oid = p.pronamespace
   WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_proc'::regclass AND ext.objid = p.oid)
  UNION ALL
  SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.oid::regtype::text, t.typowner
    FROM pg_catalog.pg_type t JOIN ns ON ns.oid = t.typnamespace
   WHERE t.typtype IN ('e', 'd', 'r')
     AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = t.oid)
),
usual AS (SELECT mode() WITHIN GROUP (ORDER BY owner) AS owner FROM owned)
SELECT o.kw, o.name, pg_catalog.pg_get_userbyid(o.owner)::text, pg_catalog.pg_get_userbyid(u.owner)::text
  FROM owned o, usual u
 WHERE o.owner <> u.owner AND pg_catalog.pg_get_userbyid(o.owner) <> 'supabase_admin'
 ORDER BY o.name, o.kw
