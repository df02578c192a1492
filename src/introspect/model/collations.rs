//! Collations, read with the CREATE COLLATION options that make them again. Column
//! names that move between majors (`colliculocale` in 15–16, `colllocale` from 17)
//! are read through `to_jsonb`, so every supported server answers one query.

use super::objects::{not_ext, NS};
use crate::model::{quote_literal, Collation, QName, Schema};
use postgres::Transaction;

pub(super) fn read(
    tx: &mut Transaction,
    skip: &[String],
    schema: &mut Schema,
) -> Result<(), postgres::Error> {
    let sql = format!(
        "{NS} SELECT n.nspname, c.collname, c.collprovider::text,
                coalesce(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale'),
                to_jsonb(c) ->> 'collcollate', to_jsonb(c) ->> 'collctype', c.collisdeterministic,
                to_jsonb(c) ->> 'collicurules', pg_catalog.obj_description(c.oid, 'pg_collation')
           FROM pg_catalog.pg_collation c JOIN ns n ON n.oid = c.collnamespace
          WHERE {}",
        not_ext("pg_collation", "c.oid")
    );
    for r in tx.query(&sql, &[&skip])? {
        let name = QName::new(r.get::<_, String>(0), r.get::<_, String>(1));
        let provider: String = r.get(2);
        let locale: Option<String> = r.get(3);
        let (collate, ctype): (Option<String>, Option<String>) = (r.get(4), r.get(5));
        let mut options = vec![(
            "provider".to_string(),
            match provider.as_str() {
                "i" => "icu",
                "b" => "builtin",
                _ => "libc",
            }
            .to_string(),
        )];
        match (locale, collate, ctype) {
            (Some(l), _, _) => options.push(("locale".into(), quote_literal(&l))),
            (None, Some(a), Some(b)) if a == b => {
                options.push(("locale".into(), quote_literal(&a)))
            }
            (None, a, b) => {
                options.extend(a.map(|a| ("lc_collate".to_string(), quote_literal(&a))));
                options.extend(b.map(|b| ("lc_ctype".to_string(), quote_literal(&b))));
            }
        }
        if !r.get::<_, bool>(6) {
            options.push(("deterministic".into(), "false".into()));
        }
        if let Some(rules) = r.get::<_, Option<String>>(7) {
            options.push(("rules".into(), quote_literal(&rules)));
        }
        options.sort_by_key(|(k, _)| Collation::OPTIONS.iter().position(|o| o == k));
        schema.collations.insert(
            name.clone(),
            Collation {
                name,
                options,
                comment: r.get(8),
            },
        );
    }
    Ok(())
}
