//! Range types (`pg_range`), read with the CREATE TYPE … AS RANGE options that make
//! them again: the subtype always, the rest only where they differ from what
//! PostgreSQL would choose (the subtype's default operator class and collation, the
//! multirange name made from the range's).

use super::objects::{not_ext, NS};
use crate::model::{quote_ident, QName, RangeType, Schema};
use postgres::Transaction;

pub(super) fn read(
    tx: &mut Transaction,
    skip: &[String],
    schema: &mut Schema,
) -> Result<(), postgres::Error> {
    let sql = format!(
        "{NS} SELECT n.nspname, t.typname, pg_catalog.format_type(r.rngsubtype, NULL),
                CASE WHEN NOT opc.opcdefault THEN quote_ident(opcn.nspname) || '.' || quote_ident(opc.opcname) END,
                CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation
                     THEN quote_ident(con.nspname) || '.' || quote_ident(co.collname) END,
                nullif(r.rngcanonical, 0)::regproc::text, nullif(r.rngsubdiff, 0)::regproc::text,
                mn.nspname, mt.typname, pg_catalog.obj_description(t.oid, 'pg_type')
           FROM pg_catalog.pg_range r JOIN pg_catalog.pg_type t ON t.oid = r.rngtypid
           JOIN ns n ON n.oid = t.typnamespace
           JOIN pg_catalog.pg_type st ON st.oid = r.rngsubtype
           JOIN pg_catalog.pg_opclass opc ON opc.oid = r.rngsubopc
           JOIN pg_catalog.pg_namespace opcn ON opcn.oid = opc.opcnamespace
           LEFT JOIN pg_catalog.pg_collation co ON co.oid = r.rngcollation
           LEFT JOIN pg_catalog.pg_namespace con ON con.oid = co.collnamespace
           JOIN pg_catalog.pg_type mt ON mt.oid = r.rngmultitypid
           JOIN pg_catalog.pg_namespace mn ON mn.oid = mt.typnamespace
          WHERE {}
          ORDER BY 1, 2",
        not_ext("pg_type", "t.oid")
    );
    for r in tx.query(&sql, &[&skip])? {
        let name = QName::new(r.get::<_, String>(0), r.get::<_, String>(1));
        let mut range = RangeType {
            name: name.clone(),
            options: vec![("subtype".to_string(), r.get(2))],
            comment: r.get(9),
        };
        for (i, key) in [
            (3, "subtype_opclass"),
            (4, "collation"),
            (5, "canonical"),
            (6, "subtype_diff"),
        ] {
            if let Some(v) = r.get::<_, Option<String>>(i) {
                range.options.push((key.to_string(), v));
            }
        }
        let multirange = QName::new(r.get::<_, String>(7), r.get::<_, String>(8));
        if range.multirange() != multirange {
            let value = if multirange.schema == name.schema {
                quote_ident(&multirange.name).into_owned()
            } else {
                multirange.sql()
            };
            range
                .options
                .push(("multirange_type_name".to_string(), value));
        }
        schema.ranges.insert(name, range);
    }
    Ok(())
}
