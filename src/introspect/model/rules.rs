//! Rewrite rules of tables and views (not a view's own `_RETURN`), read into
//! [`Rule`]s: event and INSTEAD from the catalog, the condition and statements taken
//! from `pg_get_ruledef`, in PostgreSQL's own words. A disabled rule, or one on another
//! kind of relation, is the inventory's.

use super::objects::NS;
use super::text::{find_top, parens_at};
use crate::model::{QName, Rule, Schema};
use postgres::Transaction;

pub(super) fn read(
    tx: &mut Transaction,
    skip: &[String],
    schema: &mut Schema,
) -> Result<(), postgres::Error> {
    let sql = format!(
        "{NS} SELECT n.nspname, c.relname, r.rulename,
                CASE r.ev_type WHEN '2' THEN 'UPDATE' WHEN '3' THEN 'INSERT' ELSE 'DELETE' END,
                r.is_instead, pg_catalog.pg_get_ruledef(r.oid),
                pg_catalog.obj_description(r.oid, 'pg_rewrite')
           FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
           JOIN ns n ON n.oid = c.relnamespace
          WHERE r.rulename <> '_RETURN' AND r.ev_type IN ('2', '3', '4') AND r.ev_enabled = 'O'
            AND c.relkind IN ('r', 'p', 'v')
          ORDER BY 1, 2, 3"
    );
    for r in tx.query(&sql, &[&skip])? {
        let def: String = r.get(5);
        let (condition, actions) = split_ruledef(&def);
        schema.rules.push(Rule {
            relation: QName::new(r.get::<_, String>(0), r.get::<_, String>(1)),
            name: r.get(2),
            event: r.get(3),
            condition,
            instead: r.get(4),
            actions,
            comment: r.get(6),
        });
    }
    Ok(())
}

/// The condition and the statements of a `pg_get_ruledef` text: `CREATE RULE r AS ON
/// DELETE TO t WHERE (c) DO INSTEAD NOTHING;` → (`c`, None); `… DO ( s1; s2; );` →
/// `s1; s2;`; `… DO INSERT …;` → `INSERT …`.
fn split_ruledef(def: &str) -> (Option<String>, Option<String>) {
    let Some(do_at) = find_top(def, " DO ") else {
        return (None, None);
    };
    let head = &def[..do_at];
    let condition = find_top(head, "WHERE (")
        .and_then(|w| parens_at(head, w + "WHERE ".len()))
        .map(|(inner, _)| inner.trim().to_string());
    let rest = def[do_at + " DO ".len()..].trim_start();
    let rest = rest.strip_prefix("INSTEAD ").unwrap_or(rest).trim();
    let rest = rest.strip_suffix(';').unwrap_or(rest).trim_end();
    if rest == "NOTHING" {
        return (condition, None);
    }
    let actions = match parens_at(rest, 0) {
        Some((inner, end)) if end == rest.len() => inner.trim(),
        _ => rest,
    };
    (condition, Some(actions.to_string()))
}

#[cfg(test)]
mod tests {
    use super::split_ruledef;

    #[test]
    fn takes_condition_and_statements_from_the_definition() {
        let nothing = "CREATE RULE r AS\n    ON DELETE TO public.t\n   WHERE (old.total > 0) DO INSTEAD NOTHING;";
        assert_eq!(
            split_ruledef(nothing),
            (Some("old.total > 0".to_string()), None)
        );
        let one = "CREATE RULE r AS\n    ON UPDATE TO public.t DO  INSERT INTO public.a (id)\n  VALUES (new.id);";
        assert_eq!(
            split_ruledef(one),
            (
                None,
                Some("INSERT INTO public.a (id)\n  VALUES (new.id)".to_string())
            )
        );
        let two = "CREATE RULE \"r DO x\" AS\n    ON INSERT TO public.v DO INSTEAD ( INSERT INTO public.a (id)\n  VALUES (new.id);\n INSERT INTO public.b (note)\n  VALUES ('é DO (');\n);";
        assert_eq!(
            split_ruledef(two),
            (
                None,
                Some("INSERT INTO public.a (id)\n  VALUES (new.id);\n INSERT INTO public.b (note)\n  VALUES ('é DO (');".to_string())
            )
        );
    }
}
