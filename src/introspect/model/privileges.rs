//! Grants on schemas, sequences, routines and types, PUBLIC's built-in privileges
//! taken away, and default privileges. Tables' and views' grants are read with the
//! tables (`tables.rs`). Runs last: every object a grant can be on is read by then.

use super::objects::{not_ext, NS};
use crate::model::{DefaultObjects, DefaultPrivilege, GrantObject, ObjectGrant, QName, Schema};
use postgres::Transaction;

pub(super) fn read(
    tx: &mut Transaction,
    skip: &[String],
    schema: &mut Schema,
) -> Result<(), postgres::Error> {
    read_grants(tx, skip, schema)?;
    read_defaults(tx, skip, schema)?;
    schema.grants.sort();
    schema.grants.dedup();
    schema.revoked.sort();
    schema.revoked.dedup();
    schema.default_privileges.sort();
    schema.default_privileges.dedup();
    Ok(())
}

fn read_grants(
    tx: &mut Transaction,
    skip: &[String],
    schema: &mut Schema,
) -> Result<(), postgres::Error> {
    // Every ACL entry but the owner's own. `dflt` marks what PostgreSQL gives PUBLIC by
    // itself (USAGE on `public`, EXECUTE on routines, USAGE on types); `lost` marks an
    // object whose ACL no longer gives PUBLIC that (one row, privilege NULL).
    let sql = format!(
        "{NS}, obj AS (
           SELECT 'schema' AS kind, n.nspname AS schema, NULL::text AS name, NULL::text AS args,
                  n.nspacl AS acl, n.nspowner AS owner,
                  CASE WHEN n.nspname = 'public' THEN 'USAGE' END AS builtin
             FROM pg_catalog.pg_namespace n JOIN ns USING (oid)
           UNION ALL
           SELECT 'sequence', n.nspname, c.relname, NULL, c.relacl, c.relowner, NULL
             FROM pg_catalog.pg_class c JOIN ns n ON n.oid = c.relnamespace
            WHERE c.relkind = 'S'
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i WHERE i.classid = 'pg_class'::regclass
                                AND i.objid = c.oid AND i.deptype = 'i')
           UNION ALL
           SELECT 'function', n.nspname, p.proname,
                  array_to_string(ARRAY(SELECT pg_catalog.format_type(u.t, NULL)
                    FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY u(t, i) ORDER BY u.i), ', '),
                  p.proacl, p.proowner, 'EXECUTE'
             FROM pg_catalog.pg_proc p JOIN ns n ON n.oid = p.pronamespace
            WHERE p.prokind IN ('f', 'p') AND {}
           UNION ALL
           SELECT 'type', n.nspname, t.typname, NULL, t.typacl, t.typowner, 'USAGE'
             FROM pg_catalog.pg_type t JOIN ns n ON n.oid = t.typnamespace
             LEFT JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
            WHERE (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND c.relkind = 'c')) AND {}
         )
         SELECT kind, schema, name, args, a.privilege_type, coalesce(r.rolname, 'public'), a.is_grantable
           FROM obj, LATERAL aclexplode(obj.acl) a LEFT JOIN pg_catalog.pg_roles r ON r.oid = a.grantee
          WHERE a.grantee <> obj.owner
            AND NOT (a.grantee = 0 AND a.privilege_type = obj.builtin AND NOT a.is_grantable)
         UNION ALL
         SELECT kind, schema, name, args, NULL, 'public', false FROM obj
          WHERE obj.acl IS NOT NULL AND obj.builtin IS NOT NULL AND kind <> 'schema'
            AND NOT EXISTS (SELECT 1 FROM aclexplode(obj.acl) a
                             WHERE a.grantee = 0 AND a.privilege_type = obj.builtin)",
        not_ext("pg_proc", "p.oid"),
        not_ext("pg_type", "t.oid"),
    );
    for r in tx.query(&sql, &[&skip])? {
        let kind: String = r.get(0);
        let ns: String = r.get(1);
        let object = match kind.as_str() {
            "schema" => GrantObject::Schema(ns),
            "sequence" => GrantObject::Sequence(QName::new(ns, r.get::<_, String>(2))),
            "type" => {
                let q = QName::new(ns, r.get::<_, String>(2));
                let known = schema.enums.contains_key(&q)
                    || schema.domains.contains_key(&q)
                    || schema.composites.contains_key(&q);
                if !known {
                    continue;
                }
                GrantObject::Type(q)
            }
            _ => {
                let q = QName::new(ns, r.get::<_, String>(2));
                let args: String = r.get(3);
                let key = format!("{q}({args})");
                if !schema.functions.contains_key(&key) {
                    continue;
                }
                let sql = format!("{}({args})", q.sql());
                GrantObject::Function(key, sql)
            }
        };
        let privilege: Option<String> = r.get(4);
        let Some(privilege) = privilege else {
            let builtin = object.public_by_default().unwrap_or("USAGE").to_string();
            schema.revoked.push(ObjectGrant {
                object,
                privilege: builtin,
                role: "public".into(),
                columns: Vec::new(),
                grantable: false,
            });
            continue;
        };
        schema.grants.push(ObjectGrant {
            object,
            privilege,
            role: r.get(5),
            columns: Vec::new(),
            grantable: r.get(6),
        });
    }
    Ok(())
}

/// `ALTER DEFAULT PRIVILEGES` in the managed schemas and database-wide, but those of the
/// platform's `supabase_admin`. Entries for the connecting role read back without `for
/// role`: they are the ones that apply to what the project's migrations create.
fn read_defaults(
    tx: &mut Transaction,
    skip: &[String],
    schema: &mut Schema,
) -> Result<(), postgres::Error> {
    // A schema's entries add to the defaults; a database-wide entry replaces
    // PostgreSQL's own (`acldefault`), so it is read as what it adds and what it takes.
    let sql = format!(
        "{NS}, d AS (
           SELECT d.defaclrole, n.nspname, d.defaclobjtype, d.defaclacl,
                  pg_catalog.acldefault(CASE d.defaclobjtype WHEN 'S' THEN 's' ELSE d.defaclobjtype END,
                                        d.defaclrole) AS builtin,
                  d.defaclnamespace = 0 AS global
             FROM pg_catalog.pg_default_acl d LEFT JOIN ns n ON n.oid = d.defaclnamespace
            WHERE (d.defaclnamespace = 0 OR n.oid IS NOT NULL)
              AND pg_catalog.pg_get_userbyid(d.defaclrole) <> 'supabase_admin'
         )
         SELECT nullif(pg_catalog.pg_get_userbyid(d.defaclrole), current_user::text), d.nspname,
                d.defaclobjtype::text, a.privilege_type, coalesce(r.rolname, 'public'), a.is_grantable, false
           FROM d, LATERAL aclexplode(d.defaclacl) a LEFT JOIN pg_catalog.pg_roles r ON r.oid = a.grantee
          WHERE NOT (d.global AND (a.grantee, a.privilege_type, a.is_grantable) IN
                       (SELECT b.grantee, b.privilege_type, b.is_grantable FROM aclexplode(d.builtin) b))
            AND NOT (d.global AND a.grantee = d.defaclrole)
         UNION ALL
         SELECT nullif(pg_catalog.pg_get_userbyid(d.defaclrole), current_user::text), NULL,
                d.defaclobjtype::text, b.privilege_type, 'public', false, true
           FROM d, LATERAL aclexplode(d.builtin) b
          WHERE d.global AND b.grantee = 0
            AND NOT EXISTS (SELECT 1 FROM aclexplode(d.defaclacl) a
                             WHERE a.grantee = 0 AND a.privilege_type = b.privilege_type)"
    );
    for r in tx.query(&sql, &[&skip])? {
        let on = match r.get::<_, String>(2).as_str() {
            "r" => DefaultObjects::Tables,
            "S" => DefaultObjects::Sequences,
            "f" => DefaultObjects::Functions,
            "T" => DefaultObjects::Types,
            _ => DefaultObjects::Schemas,
        };
        schema.default_privileges.push(DefaultPrivilege {
            owner: r.get(0),
            schema: r.get(1),
            on,
            privilege: r.get(3),
            role: r.get(4),
            grantable: r.get(5),
            revoked: r.get(6),
        });
    }
    Ok(())
}
