//! Extended statistics of tables and partitions (`pg_statistic_ext`), read into
//! [`Statistics`]: kinds from `stxkind`, columns and expressions as
//! `pg_get_statisticsobjdef_columns` prints them. Statistics in another schema than
//! their table's, on a materialized or foreign table, or with a statistics target of
//! their own are the inventory's.

use super::objects::{not_ext, NS};
use crate::model::{QName, Schema, Statistics};
use crate::sqltext::split_top_level;
use postgres::Transaction;

pub(super) fn read(
    tx: &mut Transaction,
    skip: &[String],
    schema: &mut Schema,
) -> Result<(), postgres::Error> {
    let sql = format!(
        "{NS} SELECT n.nspname, c.relname, s.stxname, s.stxkind::text[],
                pg_catalog.pg_get_statisticsobjdef_columns(s.oid),
                pg_catalog.obj_description(s.oid, 'pg_statistic_ext')
           FROM pg_catalog.pg_statistic_ext s JOIN pg_catalog.pg_class c ON c.oid = s.stxrelid
           JOIN ns n ON n.oid = c.relnamespace
          WHERE s.stxnamespace = c.relnamespace AND c.relkind IN ('r', 'p')
            AND coalesce(s.stxstattarget, -1) = -1 AND {}
          ORDER BY 1, 2, 3",
        not_ext("pg_statistic_ext", "s.oid")
    );
    for r in tx.query(&sql, &[&skip])? {
        let q = QName::new(r.get::<_, String>(0), r.get::<_, String>(1));
        let Some(t) = schema.tables.get_mut(&q) else {
            continue;
        };
        let codes: Vec<String> = r.get(3);
        let mut kinds: Vec<String> = codes
            .iter()
            .filter_map(|k| match k.as_str() {
                "d" => Some("ndistinct".to_string()),
                "f" => Some("dependencies".to_string()),
                "m" => Some("mcv".to_string()),
                _ => None,
            })
            .collect();
        kinds.sort();
        if kinds.len() == 3 {
            kinds.clear();
        }
        t.statistics.push(Statistics {
            name: r.get(2),
            kinds,
            targets: split_top_level(&r.get::<_, String>(4))
                .into_iter()
                .map(|s| s.trim().to_string())
                .collect(),
            comment: r.get(5),
        });
    }
    Ok(())
}
