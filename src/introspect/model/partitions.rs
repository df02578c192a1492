//! What a partition's columns hold to beyond its parent's: NOT NULL on a column the
//! parent leaves nullable, a default of its own. A partition without the parent's
//! default (one created alone and attached) is the inventory's.

use super::objects::NS;
use crate::model::{PartitionColumn, QName, Schema};
use postgres::Transaction;

pub(super) fn read(
    tx: &mut Transaction,
    skip: &[String],
    schema: &mut Schema,
) -> Result<(), postgres::Error> {
    let sql = format!(
        "{NS} SELECT n.nspname, c.relname, a.attname::text, a.attnotnull AND NOT pa.attnotnull,
                CASE WHEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) IS DISTINCT FROM pg_catalog.pg_get_expr(pd.adbin, pd.adrelid)
                     THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END
           FROM pg_catalog.pg_class c JOIN ns n ON n.oid = c.relnamespace
           JOIN pg_catalog.pg_inherits h ON h.inhrelid = c.oid
           JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
           JOIN pg_catalog.pg_attribute pa ON pa.attrelid = h.inhparent AND pa.attname = a.attname
           LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
           LEFT JOIN pg_catalog.pg_attrdef pd ON pd.adrelid = pa.attrelid AND pd.adnum = pa.attnum
          WHERE c.relispartition
          ORDER BY 1, 2, 3"
    );
    for r in tx.query(&sql, &[&skip])? {
        let own = PartitionColumn {
            name: r.get(2),
            not_null: r.get(3),
            default: r.get(4),
        };
        if !own.not_null && own.default.is_none() {
            continue;
        }
        let q = QName::new(r.get::<_, String>(0), r.get::<_, String>(1));
        if let Some(p) = schema
            .tables
            .get_mut(&q)
            .and_then(|t| t.partition_of.as_mut())
        {
            p.columns.push(own);
        }
    }
    Ok(())
}
