//! Composite types (`CREATE TYPE … AS (…)`): their attributes in order, types as
//! `format_type` prints them. A table's own row type is not one of them.

use super::objects::{not_ext, NS};
use crate::model::{CompositeType, QName, Schema};
use postgres::Transaction;

pub(super) fn read(
    tx: &mut Transaction,
    skip: &[String],
    schema: &mut Schema,
) -> Result<(), postgres::Error> {
    let sql = format!(
        "{NS} SELECT n.nspname, t.typname,
                ARRAY(SELECT a.attname::text FROM pg_catalog.pg_attribute a
                       WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum),
                ARRAY(SELECT pg_catalog.format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_attribute a
                       WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum),
                pg_catalog.obj_description(t.oid, 'pg_type')
           FROM pg_catalog.pg_type t JOIN ns n ON n.oid = t.typnamespace
           JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
          WHERE t.typtype = 'c' AND c.relkind = 'c' AND {}",
        not_ext("pg_type", "t.oid")
    );
    for r in tx.query(&sql, &[&skip])? {
        let name = QName::new(r.get::<_, String>(0), r.get::<_, String>(1));
        let names: Vec<String> = r.get(2);
        let types: Vec<String> = r.get(3);
        schema.composites.insert(
            name.clone(),
            CompositeType {
                name,
                attributes: names.into_iter().zip(types).collect(),
                comment: r.get(4),
            },
        );
    }
    Ok(())
}
