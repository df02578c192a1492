//! Tables and what belongs to them: columns, constraints, grants, partitions (indexes
//! are in `indexes.rs`, policies and triggers in `members.rs`). One query per kind,
//! joined back by table oid.

use super::objects::{not_ext, NS};
use super::text::{after, check_expr, fk_action, parens_at, where_clause};
use crate::model::{
    Column, Constraint, ConstraintKind, ForeignKey, GrantObject, ObjectGrant, PartitionBy,
    PartitionOf, QName, Schema, Table, TableGrant,
};
use crate::sqltext::split_top_level;
use postgres::Transaction;
use std::collections::BTreeMap;

pub(super) fn read(
    tx: &mut Transaction,
    skip: &[String],
    schema: &mut Schema,
) -> Result<(), postgres::Error> {
    let mut by_oid: BTreeMap<i64, QName> = BTreeMap::new();
    let sql = format!(
        "{NS} SELECT c.oid::int8, n.nspname, c.relname, c.relpersistence = 'u', c.relrowsecurity,
                c.relforcerowsecurity,
                CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END,
                CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END,
                pn.nspname, pc.relname, pg_catalog.obj_description(c.oid, 'pg_class'),
                coalesce(c.reloptions, '{{}}'), c.relreplident::text,
                -- The tables it inherits from (table inheritance, not partitions).
                ARRAY(SELECT pn2.nspname::text FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class p2 ON p2.oid = i.inhparent
                        JOIN pg_catalog.pg_namespace pn2 ON pn2.oid = p2.relnamespace
                       WHERE i.inhrelid = c.oid AND NOT c.relispartition ORDER BY i.inhseqno),
                ARRAY(SELECT p2.relname::text FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class p2 ON p2.oid = i.inhparent
                       WHERE i.inhrelid = c.oid AND NOT c.relispartition ORDER BY i.inhseqno)
           FROM pg_catalog.pg_class c JOIN ns n ON n.oid = c.relnamespace
           LEFT JOIN pg_catalog.pg_inherits h ON c.relispartition AND h.inhrelid = c.oid
           LEFT JOIN pg_catalog.pg_class pc ON pc.oid = h.inhparent
           LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
          WHERE c.relkind IN ('r', 'p') AND {}",
        not_ext("pg_class", "c.oid")
    );
    for r in tx.query(&sql, &[&skip])? {
        let q = QName::new(r.get::<_, String>(1), r.get::<_, String>(2));
        let mut t = Table::new(q.clone());
        t.unlogged = r.get(3);
        t.rls = r.get(4);
        t.force_rls = r.get(5);
        if let Some(key) = r.get::<_, Option<String>>(6) {
            let (strategy, rest) = key.split_once(' ').unwrap_or((&key, ""));
            let rest = rest.trim();
            t.partition_by = Some(PartitionBy {
                strategy: strategy.to_string(),
                key: parens_at(rest, 0).map_or(rest.to_string(), |(k, _)| k.to_string()),
            });
        }
        if let Some(parent) = r.get::<_, Option<String>>(8) {
            let bound: String = r.get::<_, Option<String>>(7).unwrap_or_default();
            t.partition_of = Some(PartitionOf {
                parent: QName::new(parent, r.get::<_, String>(9)),
                bound: bound.strip_prefix("FOR VALUES ").map(str::to_string),
                columns: Vec::new(),
            });
        }
        t.comment = r.get(10);
        t.storage = super::indexes::reloptions(r.get(11));
        // `i` (using an index) is the inventory's.
        t.replica_identity = match r.get::<_, String>(12).as_str() {
            "f" => Some("FULL".to_string()),
            "n" => Some("NOTHING".to_string()),
            _ => None,
        };
        let (schemas, names): (Vec<String>, Vec<String>) = (r.get(13), r.get(14));
        t.inherits = schemas
            .into_iter()
            .zip(names)
            .map(|(s, n)| QName::new(s, n))
            .collect();
        by_oid.insert(r.get(0), q.clone());
        schema.tables.insert(q, t);
    }
    read_columns(tx, skip, schema, &by_oid)?;
    super::partitions::read(tx, skip, schema)?;
    read_constraints(tx, skip, schema, &by_oid)?;
    super::indexes::read(tx, skip, schema, &by_oid)?;
    super::members::read_policies_and_triggers(tx, skip, schema)?;
    super::members::read_publications(tx, skip, schema)?;
    super::members::read_publication_objects(tx, schema)?;
    read_grants(tx, skip, schema, &by_oid)?;
    for t in schema.tables.values_mut() {
        t.constraints.sort_by(|a, b| a.name.cmp(&b.name));
        t.indexes.sort_by(|a, b| a.name.cmp(&b.name));
        t.policies.sort_by(|a, b| a.name.cmp(&b.name));
        t.triggers.sort_by(|a, b| a.name.cmp(&b.name));
        t.grants.sort();
    }
    Ok(())
}

fn read_columns(
    tx: &mut Transaction,
    skip: &[String],
    schema: &mut Schema,
    by_oid: &BTreeMap<i64, QName>,
) -> Result<(), postgres::Error> {
    let sql = format!(
        "{NS} SELECT a.attrelid::int8, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,
                CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END,
                a.attidentity::text,
                CASE WHEN a.attgenerated = 's' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END,
                CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN
                  CASE WHEN cn.nspname = 'pg_catalog' THEN quote_ident(co.collname)
                       ELSE quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END END,
                pg_catalog.col_description(a.attrelid, a.attnum),
                s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                CASE WHEN coalesce(a.attstattarget::int, -1) >= 0 THEN a.attstattarget::int8 END,
                CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage::text END
           FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
           JOIN ns n ON n.oid = c.relnamespace
           JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
           LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
           LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
           LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
           LEFT JOIN pg_catalog.pg_depend dep ON a.attidentity <> '' AND dep.refclassid = 'pg_class'::regclass
                AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'i'
                AND dep.classid = 'pg_class'::regclass
           LEFT JOIN pg_catalog.pg_sequence s ON s.seqrelid = dep.objid
          WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
            -- An inheritance child's own: the rest are its parents'.
            AND a.attislocal
          ORDER BY a.attrelid, a.attnum"
    );
    for r in tx.query(&sql, &[&skip])? {
        let Some(t) = table_of(schema, by_oid, r.get(0)) else {
            continue;
        };
        t.columns.push(Column {
            name: r.get(1),
            ty: r.get(2),
            not_null: r.get(3),
            default: r.get(4),
            identity: match r.get::<_, String>(5).as_str() {
                "a" => Some("always".to_string()),
                "d" => Some("by default".to_string()),
                _ => None,
            },
            identity_options: identity_options(&r),
            generated: r.get(6),
            collation: r.get(7),
            statistics: r.get(15),
            storage: r.get::<_, Option<String>>(16).map(|s| {
                match s.as_str() {
                    "p" => "PLAIN",
                    "e" => "EXTERNAL",
                    "m" => "MAIN",
                    _ => "EXTENDED",
                }
                .to_string()
            }),
            comment: r.get(8),
        });
    }
    Ok(())
}

fn read_constraints(
    tx: &mut Transaction,
    skip: &[String],
    schema: &mut Schema,
    by_oid: &BTreeMap<i64, QName>,
) -> Result<(), postgres::Error> {
    let cols = |rel: &str, key: &str| {
        format!(
            "ARRAY(SELECT a.attname::text FROM unnest(co.{key}) WITH ORDINALITY k(n, i)
                     JOIN pg_catalog.pg_attribute a ON a.attrelid = co.{rel} AND a.attnum = k.n ORDER BY k.i)"
        )
    };
    let sql = format!(
        "{NS} SELECT co.conrelid::int8, co.conname, co.contype::text, {}, pg_catalog.pg_get_constraintdef(co.oid),
                fn.nspname, fc.relname, {}, co.confupdtype::text, co.confdeltype::text, co.condeferrable,
                co.condeferred, -- indnullsnotdistinct is new in PostgreSQL 15: read through to_jsonb so that
                -- older servers answer too.
                coalesce((to_jsonb(ix) ->> 'indnullsnotdistinct')::boolean, false),
                pg_catalog.obj_description(co.oid, 'pg_constraint'), co.convalidated,
                co.connoinherit AND co.contype = 'c'
           FROM pg_catalog.pg_constraint co JOIN pg_catalog.pg_class c ON c.oid = co.conrelid
           JOIN ns n ON n.oid = c.relnamespace
           LEFT JOIN pg_catalog.pg_class fc ON fc.oid = co.confrelid
           LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
           LEFT JOIN pg_catalog.pg_index ix ON ix.indexrelid = co.conindid AND co.contype = 'u'
          WHERE co.contype IN ('p', 'u', 'c', 'x', 'f') AND co.conparentid = 0
            -- A partition's own (the inherited ones are its parent's; one both is the inventory's).
            AND (NOT c.relispartition OR (co.conislocal AND co.coninhcount = 0))
            -- An inheritance child's own (a CHECK it inherits is its parent's).
            AND co.conislocal",
        cols("conrelid", "conkey"),
        cols("confrelid", "confkey")
    );
    for r in tx.query(&sql, &[&skip])? {
        let Some(t) = table_of(schema, by_oid, r.get(0)) else {
            continue;
        };
        let columns: Vec<String> = r.get(3);
        let def: String = r.get(4);
        let kind = match r.get::<_, String>(2).as_str() {
            "p" => ConstraintKind::PrimaryKey { columns },
            "u" => ConstraintKind::Unique {
                columns,
                nulls_not_distinct: r.get(12),
            },
            "c" => ConstraintKind::Check {
                expr: check_expr(&def),
            },
            "x" => {
                let rest = def.strip_prefix("EXCLUDE USING ").unwrap_or(&def);
                let using = rest.split([' ', '(']).next().unwrap_or("gist").to_string();
                let elements = after(rest, &format!("{using} "))
                    .map(|x| x.0)
                    .unwrap_or_default();
                ConstraintKind::Exclude {
                    using,
                    elements,
                    predicate: where_clause(&def),
                }
            }
            _ => ConstraintKind::ForeignKey(ForeignKey {
                columns,
                ref_table: QName::new(r.get::<_, String>(5), r.get::<_, String>(6)),
                ref_columns: r.get(7),
                on_update: fk_action(&r.get::<_, String>(8)),
                on_delete: fk_action(&r.get::<_, String>(9)),
                // `ON DELETE SET NULL (c)` (PostgreSQL 15): the list, as deparsed.
                on_delete_columns: ["ON DELETE SET NULL (", "ON DELETE SET DEFAULT ("]
                    .iter()
                    .find_map(|m| def.find(m).map(|i| i + m.len() - 1))
                    .and_then(|open| parens_at(&def, open))
                    .map(|(inner, _)| {
                        split_top_level(inner)
                            .iter()
                            .map(|c| crate::model::unquote_ident(c.trim()))
                            .collect()
                    })
                    .unwrap_or_default(),
                match_full: def.contains(" MATCH FULL"),
                deferrable: r.get(10),
                initially_deferred: r.get(11),
            }),
        };
        let keyed = !matches!(kind, ConstraintKind::ForeignKey(_));
        t.constraints.push(Constraint {
            name: r.get(1),
            kind,
            not_valid: !r.get::<_, bool>(14),
            deferrable: keyed && r.get::<_, bool>(10),
            initially_deferred: keyed && r.get::<_, bool>(11),
            no_inherit: r.get(15),
            comment: r.get(13),
        });
    }
    Ok(())
}

/// The options of a column's identity sequence (columns 9–14 of the row) that are not
/// the defaults for its type and direction.
fn identity_options(r: &postgres::Row) -> crate::model::IdentityOptions {
    let Some(start) = r.get::<_, Option<i64>>(9) else {
        return Default::default();
    };
    let (increment, min, max, cache): (i64, i64, i64, i64) =
        (r.get(10), r.get(11), r.get(12), r.get(13));
    let ty: String = r.get(2);
    let (type_min, type_max) = match ty.as_str() {
        "smallint" => (i64::from(i16::MIN), i64::from(i16::MAX)),
        "integer" => (i64::from(i32::MIN), i64::from(i32::MAX)),
        _ => (i64::MIN, i64::MAX),
    };
    let (default_min, default_max) = if increment > 0 {
        (1, type_max)
    } else {
        (type_min, -1)
    };
    let default_start = if increment > 0 { min } else { max };
    crate::model::IdentityOptions {
        start: (start != default_start).then_some(start),
        increment: (increment != 1).then_some(increment),
        min: (min != default_min).then_some(min),
        max: (max != default_max).then_some(max),
        cache: (cache != 1).then_some(cache),
        cycle: r.get(14),
    }
}

/// The table a row's `oid` column names, among those read.
fn table_of<'s>(
    schema: &'s mut Schema,
    by_oid: &BTreeMap<i64, QName>,
    oid: i64,
) -> Option<&'s mut Table> {
    by_oid.get(&oid).and_then(|q| schema.tables.get_mut(q))
}

fn read_grants(
    tx: &mut Transaction,
    skip: &[String],
    schema: &mut Schema,
    by_oid: &BTreeMap<i64, QName>,
) -> Result<(), postgres::Error> {
    // Tables', partitions', views' and materialized views' grants, whole and per column,
    // but the owner's own.
    let sql = format!(
        "{NS} SELECT c.oid::int8, n.nspname::text, c.relname::text, NULL::text, a.privilege_type,
                coalesce(r.rolname::text, 'public'), a.is_grantable, 0
           FROM pg_catalog.pg_class c JOIN ns n ON n.oid = c.relnamespace,
                LATERAL aclexplode(c.relacl) a LEFT JOIN pg_catalog.pg_roles r ON r.oid = a.grantee
          WHERE c.relkind IN ('r', 'p', 'v', 'm') AND a.grantee <> c.relowner
         UNION ALL
         SELECT c.oid::int8, n.nspname::text, c.relname::text, att.attname::text, a.privilege_type,
                coalesce(r.rolname::text, 'public'), a.is_grantable, att.attnum
           FROM pg_catalog.pg_attribute att JOIN pg_catalog.pg_class c ON c.oid = att.attrelid
           JOIN ns n ON n.oid = c.relnamespace,
                LATERAL aclexplode(att.attacl) a LEFT JOIN pg_catalog.pg_roles r ON r.oid = a.grantee
          WHERE c.relkind IN ('r', 'p', 'v', 'm') AND att.attnum > 0 AND NOT att.attisdropped
            AND a.grantee <> c.relowner
          ORDER BY 1, 8"
    );
    // Column grants gather per (role, privilege, grant option), columns in table order.
    type Key = (i64, QName, String, String, bool);
    let mut found: Vec<(i64, QName, TableGrant)> = Vec::new();
    let mut columns: BTreeMap<Key, Vec<String>> = BTreeMap::new();
    for r in tx.query(&sql, &[&skip])? {
        let (oid, q) = (
            r.get::<_, i64>(0),
            QName::new(r.get::<_, String>(1), r.get::<_, String>(2)),
        );
        let (privilege, role, grantable): (String, String, bool) = (r.get(4), r.get(5), r.get(6));
        match r.get::<_, Option<String>>(3) {
            Some(c) => columns
                .entry((oid, q, role, privilege, grantable))
                .or_default()
                .push(c),
            None => found.push((
                oid,
                q,
                TableGrant {
                    role,
                    privilege,
                    columns: Vec::new(),
                    grantable,
                },
            )),
        }
    }
    for ((oid, q, role, privilege, grantable), cols) in columns {
        found.push((
            oid,
            q,
            TableGrant {
                role,
                privilege,
                columns: cols,
                grantable,
            },
        ));
    }
    for (oid, q, g) in found {
        if let Some(t) = table_of(schema, by_oid, oid) {
            t.grants.push(g);
        } else if schema.views.contains_key(&q) {
            let object = GrantObject::Relation(q);
            schema.grants.push(ObjectGrant::on(&object, g));
        }
    }
    for t in schema.tables.values_mut() {
        t.grants.sort();
    }
    Ok(())
}
