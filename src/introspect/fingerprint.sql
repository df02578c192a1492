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
