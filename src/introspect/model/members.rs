//! The project's triggers and policies, on its own tables and on tables of extern
//! schemas (`auth.users`, `storage.objects`), which come back as `external` tables.

use super::objects::NS;
use super::text::{after, find_top, parens_at};
use crate::model::{
    quote_ident, ConstraintTrigger, Policy, Publication, QName, Schema, Table, Trigger,
};
use crate::sqltext::split_top_level;
use postgres::Transaction;

/// Namespaces whose tables may carry the project's triggers and policies: every
/// non-system one, the skipped (extern) ones included.
const USER_NS: &str = "user_ns AS (
  SELECT oid, nspname FROM pg_catalog.pg_namespace
   WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'schemac')
     AND nspname !~ '^pg_(toast_)?temp_'
)";

/// The table a policy or trigger is on: a read one, or (in an extern schema) an
/// external table that holds only the project's own members.
fn member_table(schema: &mut Schema, q: QName) -> &mut Table {
    schema.tables.entry(q.clone()).or_insert_with(|| {
        let mut t = Table::new(q);
        t.external = true;
        t
    })
}

pub(super) fn read_policies_and_triggers(
    tx: &mut Transaction,
    skip: &[String],
    schema: &mut Schema,
) -> Result<(), postgres::Error> {
    let sql = format!(
        "{NS}, {USER_NS} SELECT n.nspname, c.relname, p.polname, p.polpermissive, p.polcmd::text,
                ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE (SELECT rolname::text FROM pg_catalog.pg_roles WHERE oid = r) END
                        FROM unnest(p.polroles) r ORDER BY 1),
                pg_catalog.pg_get_expr(p.polqual, p.polrelid), pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid),
                pg_catalog.obj_description(p.oid, 'pg_policy')
           FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
           JOIN user_ns n ON n.oid = c.relnamespace"
    );
    for r in tx.query(&sql, &[&skip])? {
        let t = member_table(
            schema,
            QName::new(r.get::<_, String>(0), r.get::<_, String>(1)),
        );
        t.policies.push(Policy {
            name: r.get(2),
            restrictive: !r.get::<_, bool>(3),
            command: match r.get::<_, String>(4).as_str() {
                "r" => "SELECT",
                "a" => "INSERT",
                "w" => "UPDATE",
                "d" => "DELETE",
                _ => "ALL",
            }
            .to_string(),
            roles: r.get(5),
            using: r.get(6),
            with_check: r.get(7),
            comment: r.get(8),
        });
    }
    let sql = format!(
        "{NS}, {USER_NS} SELECT n.nspname, c.relname, t.tgname, t.tgtype::int4, pg_catalog.pg_get_triggerdef(t.oid),
                fn.nspname, f.proname,
                ARRAY(SELECT a.attname::text FROM unnest(t.tgattr::int2[]) WITH ORDINALITY k(n, i)
                        JOIN pg_catalog.pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = k.n ORDER BY k.i),
                pg_catalog.obj_description(t.oid, 'pg_trigger'), t.tgenabled::text,
                t.tgoldtable::text, t.tgnewtable::text,
                t.tgconstraint <> 0, t.tgdeferrable, t.tginitdeferred, rn.nspname, r.relname,
                c.relkind = 'v'
           FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
           JOIN user_ns n ON n.oid = c.relnamespace
           JOIN pg_catalog.pg_proc f ON f.oid = t.tgfoid JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace
           LEFT JOIN pg_catalog.pg_class r ON r.oid = t.tgconstrrelid
           LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
          WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND c.relkind IN ('r', 'p', 'v')
            AND (c.relnamespace IN (SELECT oid FROM ns) OR f.pronamespace IN (SELECT oid FROM ns))
          ORDER BY 1, 2, 3"
    );
    for r in tx.query(&sql, &[&skip])? {
        let ty: i32 = r.get(3);
        let def: String = r.get(4);
        let cols: Vec<String> = r.get(7);
        let mut events = Vec::new();
        if ty & 4 != 0 {
            events.push("INSERT".to_string());
        }
        if ty & 8 != 0 {
            events.push("DELETE".to_string());
        }
        if ty & 16 != 0 {
            if cols.is_empty() {
                events.push("UPDATE".to_string());
            } else {
                let c: Vec<_> = cols.iter().map(|c| quote_ident(c)).collect();
                events.push(format!("UPDATE OF {}", c.join(", ")));
            }
        }
        if ty & 32 != 0 {
            events.push("TRUNCATE".to_string());
        }
        let function_name = QName::new(r.get::<_, String>(5), r.get::<_, String>(6));
        let exec = find_top(&def, " EXECUTE FUNCTION ").unwrap_or(def.len());
        let args = def[exec..]
            .find('(')
            .and_then(|open| parens_at(&def[exec..], open))
            .map(|(inner, _)| split_top_level(inner))
            .unwrap_or_default()
            .into_iter()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
        let owner = QName::new(r.get::<_, String>(0), r.get::<_, String>(1));
        let triggers = match schema.views.get_mut(&owner) {
            Some(v) if r.get::<_, bool>(17) => &mut v.triggers,
            // A view of an extern schema: its triggers are facts of the fingerprint.
            _ if r.get::<_, bool>(17) => continue,
            _ => &mut member_table(schema, owner).triggers,
        };
        triggers.push(Trigger {
            name: r.get(2),
            timing: if ty & 64 != 0 {
                "INSTEAD OF"
            } else if ty & 2 != 0 {
                "BEFORE"
            } else {
                "AFTER"
            }
            .to_string(),
            events,
            for_each_row: ty & 1 != 0,
            old_table: r.get(10),
            new_table: r.get(11),
            when: after(&def[..exec], " WHEN ").map(|x| x.0),
            function: format!("{function_name}()"),
            function_name,
            args,
            state: match r.get::<_, String>(9).as_str() {
                "D" => Some("disabled".to_string()),
                "R" => Some("enabled replica".to_string()),
                "A" => Some("enabled always".to_string()),
                _ => None,
            },
            comment: r.get(8),
            constraint: r.get::<_, bool>(12).then(|| ConstraintTrigger {
                deferrable: r.get(13),
                initially_deferred: r.get(14),
                from: r
                    .get::<_, Option<String>>(15)
                    .map(|s| QName::new(s, r.get::<_, String>(16))),
            }),
        });
    }
    Ok(())
}

/// The publications each of the project's tables is in, as a whole: one with a row
/// filter or a column list (PostgreSQL 15) has no form yet and is the inventory's.
pub(super) fn read_publications(
    tx: &mut Transaction,
    skip: &[String],
    schema: &mut Schema,
) -> Result<(), postgres::Error> {
    let sql = format!(
        "{NS} SELECT n.nspname, c.relname, p.pubname
           FROM pg_catalog.pg_publication_rel pr JOIN pg_catalog.pg_publication p ON p.oid = pr.prpubid
           JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid JOIN ns n ON n.oid = c.relnamespace
          -- prqual and prattrs are new in PostgreSQL 15: read through to_jsonb.
          WHERE to_jsonb(pr) ->> 'prqual' IS NULL AND to_jsonb(pr) ->> 'prattrs' IS NULL
          ORDER BY 1, 2, 3"
    );
    for r in tx.query(&sql, &[&skip])? {
        let q = QName::new(r.get::<_, String>(0), r.get::<_, String>(1));
        if let Some(t) = schema.tables.get_mut(&q) {
            t.publications.push(r.get(2));
        }
    }
    Ok(())
}

/// The publications the project could own: not the platform's (Supabase Realtime's,
/// whatever the preset: an `extern publication`), not of all tables or of a schema
/// (those are the inventory's).
pub(super) fn read_publication_objects(
    tx: &mut Transaction,
    schema: &mut Schema,
) -> Result<(), postgres::Error> {
    let rows = tx.query(
        "SELECT p.pubname::text, p.pubinsert, p.pubupdate, p.pubdelete, p.pubtruncate, p.pubviaroot,
                pg_catalog.obj_description(p.oid, 'pg_publication')
           FROM pg_catalog.pg_publication p
          WHERE pg_catalog.pg_get_userbyid(p.pubowner) <> 'supabase_admin'
            AND p.pubname <> 'supabase_realtime'
            AND NOT p.puballtables
            AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_publication_tables pt
                             WHERE pt.pubname = p.pubname
                               AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_publication_rel pr
                                                WHERE pr.prpubid = p.oid
                                                  AND pr.prrelid = (quote_ident(pt.schemaname) || '.' || quote_ident(pt.tablename))::regclass))
          ORDER BY 1",
        &[],
    )?;
    for r in rows {
        let name: String = r.get(0);
        let publish = Publication::OPERATIONS
            .iter()
            .zip(1..=4)
            .filter(|(_, i)| r.get::<_, bool>(*i))
            .map(|(op, _)| op.to_string())
            .collect();
        schema.publications.insert(
            name.clone(),
            Publication {
                name,
                publish,
                via_root: r.get(5),
                comment: r.get(6),
            },
        );
    }
    Ok(())
}
