//! Indexes of tables and materialized views, but those behind a key or exclusion
//! constraint (the constraint's): method, elements, INCLUDE, NULLS NOT DISTINCT,
//! storage parameters and predicate, in PostgreSQL's deparsed words.

use super::objects::NS;
use super::text::{after, where_clause};
use crate::model::{Index, QName, Schema};
use crate::sqltext::split_top_level;
use postgres::Transaction;
use std::collections::BTreeMap;

pub(super) fn read(
    tx: &mut Transaction,
    skip: &[String],
    schema: &mut Schema,
    by_oid: &BTreeMap<i64, QName>,
) -> Result<(), postgres::Error> {
    let sql = format!(
        "{NS} SELECT i.indrelid::int8, ic.relname, pg_catalog.pg_get_indexdef(i.indexrelid), i.indisunique,
                am.amname, coalesce((to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false), pg_catalog.obj_description(ic.oid, 'pg_class'),
                n.nspname, c.relname, coalesce(ic.reloptions, '{{}}')
           FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
           JOIN pg_catalog.pg_class c ON c.oid = i.indrelid JOIN ns n ON n.oid = c.relnamespace
           JOIN pg_catalog.pg_am am ON am.oid = ic.relam
          WHERE c.relkind IN ('r', 'p', 'm')
            -- A partition's own: not attached to an index of its parent.
            AND (NOT c.relispartition OR NOT ic.relispartition)
            AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = i.indexrelid
                              AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))"
    );
    for r in tx.query(&sql, &[&skip])? {
        // A table's, or else a materialized view's (read before the tables).
        let view = QName::new(r.get::<_, String>(7), r.get::<_, String>(8));
        let indexes = match by_oid.get(&r.get::<_, i64>(0)) {
            Some(q) => schema.tables.get_mut(q).map(|t| &mut t.indexes),
            None => schema.views.get_mut(&view).map(|v| &mut v.indexes),
        };
        let Some(indexes) = indexes else {
            continue;
        };
        let def: String = r.get(2);
        let using: String = r.get(4);
        let elements = after(&def, &format!("USING {using} "))
            .map(|x| split_top_level(&x.0))
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.trim().to_string())
            .collect();
        let include = after(&def, " INCLUDE ")
            .map(|x| split_top_level(&x.0))
            .unwrap_or_default()
            .into_iter()
            .map(|c| crate::model::unquote_ident(c.trim()))
            .collect();
        indexes.push(Index {
            name: r.get(1),
            unique: r.get(3),
            concurrently: false,
            using,
            elements,
            include,
            nulls_not_distinct: r.get(5),
            storage: reloptions(r.get(9)),
            predicate: where_clause(&def),
            comment: r.get(6),
        });
    }
    for v in schema.views.values_mut() {
        v.indexes.sort_by(|a, b| a.name.cmp(&b.name));
    }
    Ok(())
}

/// `reloptions` (`{fillfactor=70,…}`) as sorted name and value pairs.
pub(super) fn reloptions(options: Vec<String>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = options
        .iter()
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (k.to_string(), v.to_string())
        })
        .collect();
    out.sort();
    out
}
