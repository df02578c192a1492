//! Aggregates (normal ones: `pg_aggregate.aggkind = 'n'`), read into
//! [`Aggregate`]s with their CREATE AGGREGATE options in PostgreSQL's own words.
//! Ordered-set and hypothetical aggregates are left to the inventory, which reports them.

use super::objects::{not_ext, NS};
use crate::model::{Aggregate, QName, Schema};
use postgres::Transaction;

pub(super) fn read(
    tx: &mut Transaction,
    skip: &[String],
    schema: &mut Schema,
) -> Result<(), postgres::Error> {
    let sql = format!(
        "{NS} SELECT n.nspname, p.proname,
                ARRAY(SELECT pg_catalog.format_type(u.t, NULL)
                        FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY u(t, i) ORDER BY u.i),
                ARRAY[
                  'sfunc', a.aggtransfn::regproc::text,
                  'stype', pg_catalog.format_type(a.aggtranstype, NULL),
                  'sspace', nullif(a.aggtransspace, 0)::text,
                  'finalfunc', nullif(a.aggfinalfn, 0)::regproc::text,
                  'finalfunc_extra', CASE WHEN a.aggfinalextra THEN 'true' END,
                  'finalfunc_modify', CASE a.aggfinalmodify WHEN 's' THEN 'shareable' WHEN 'w' THEN 'read_write' END,
                  'combinefunc', nullif(a.aggcombinefn, 0)::regproc::text,
                  'serialfunc', nullif(a.aggserialfn, 0)::regproc::text,
                  'deserialfunc', nullif(a.aggdeserialfn, 0)::regproc::text,
                  'initcond', pg_catalog.quote_literal(a.agginitval),
                  'msfunc', nullif(a.aggmtransfn, 0)::regproc::text,
                  'minvfunc', nullif(a.aggminvtransfn, 0)::regproc::text,
                  'mstype', CASE WHEN a.aggmtranstype <> 0 THEN pg_catalog.format_type(a.aggmtranstype, NULL) END,
                  'msspace', nullif(a.aggmtransspace, 0)::text,
                  'mfinalfunc', nullif(a.aggmfinalfn, 0)::regproc::text,
                  'mfinalfunc_extra', CASE WHEN a.aggmfinalextra THEN 'true' END,
                  'mfinalfunc_modify', CASE WHEN a.aggmtransfn <> 0 THEN
                     CASE a.aggmfinalmodify WHEN 's' THEN 'shareable' WHEN 'w' THEN 'read_write' END END,
                  'minitcond', pg_catalog.quote_literal(a.aggminitval),
                  'sortop', CASE WHEN a.aggsortop <> 0 THEN a.aggsortop::regoper::text END,
                  'parallel', CASE p.proparallel WHEN 's' THEN 'safe' WHEN 'r' THEN 'restricted' END
                ],
                pg_catalog.obj_description(p.oid, 'pg_proc')
           FROM pg_catalog.pg_proc p JOIN ns n ON n.oid = p.pronamespace
           JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = p.oid
          WHERE p.prokind = 'a' AND a.aggkind = 'n' AND {}",
        not_ext("pg_proc", "p.oid")
    );
    for r in tx.query(&sql, &[&skip])? {
        let pairs: Vec<Vec<Option<String>>> = pairs(&r);
        let a = Aggregate {
            name: QName::new(r.get::<_, String>(0), r.get::<_, String>(1)),
            args: r.get(2),
            options: pairs
                .into_iter()
                .filter_map(|kv| match kv.as_slice() {
                    [Some(k), Some(v)] => Some((k.clone(), v.clone())),
                    _ => None,
                })
                .collect(),
            comment: r.get(4),
        };
        schema.aggregates.insert(a.key(), a);
    }
    Ok(())
}

/// The two-dimensional option array of a row, as (key, value) rows.
fn pairs(r: &postgres::Row) -> Vec<Vec<Option<String>>> {
    let flat: Vec<Option<String>> = r.get(3);
    flat.chunks(2).map(<[Option<String>]>::to_vec).collect()
}
