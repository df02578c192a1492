//! Everything but tables: schemas, extensions, enums, domains, sequences, routines,
//! views. One query per kind.

use super::text::{check_expr, config_value, dollar_quote};
use crate::model::{
    Arg, ArgMode, Domain, Enum, Extension, Function, Namespace, QName, Schema, Sequence, View,
};
use crate::sqltext::split_top_level;
use postgres::Transaction;

/// The namespaces read: not system, not temporary, not skipped.
pub(super) const NS: &str = "WITH ns AS (
  SELECT oid, nspname FROM pg_catalog.pg_namespace
   WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'schemac')
     AND nspname !~ '^pg_(toast_)?temp_' AND nspname <> ALL ($1::text[])
)";

/// `NOT EXISTS` clause for extension members of catalog `cat` with oid column `col`.
pub(super) fn not_ext(cat: &str, col: &str) -> String {
    format!(
        "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = '{cat}'::regclass AND e.objid = {col} AND e.deptype = 'e')"
    )
}

pub(super) fn read(
    tx: &mut Transaction,
    skip: &[String],
    schema: &mut Schema,
) -> Result<(), postgres::Error> {
    for r in tx.query(
        &format!(
            "{NS} SELECT n.nspname, pg_catalog.obj_description(n.oid, 'pg_namespace')
               FROM ns n WHERE n.nspname <> 'public' AND {}",
            not_ext("pg_namespace", "n.oid")
        ),
        &[&skip],
    )? {
        let name: String = r.get(0);
        schema.schemas.insert(
            name.clone(),
            Namespace {
                name,
                comment: r.get(1),
            },
        );
    }
    for r in tx.query(
        "SELECT e.extname, n.nspname FROM pg_catalog.pg_extension e
           JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql'",
        &[],
    )? {
        let name: String = r.get(0);
        let ns: String = r.get(1);
        schema.extensions.insert(
            name.clone(),
            Extension {
                name,
                schema: (ns != "public").then_some(ns),
                version: None,
            },
        );
    }
    read_types(tx, skip, schema)?;
    read_sequences(tx, skip, schema)?;
    read_functions(tx, skip, schema)?;
    read_views(tx, skip, schema)
}

fn read_types(
    tx: &mut Transaction,
    skip: &[String],
    schema: &mut Schema,
) -> Result<(), postgres::Error> {
    let sql = format!(
        "{NS} SELECT n.nspname, t.typname,
                ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder),
                pg_catalog.obj_description(t.oid, 'pg_type')
           FROM pg_catalog.pg_type t JOIN ns n ON n.oid = t.typnamespace
          WHERE t.typtype = 'e' AND {}",
        not_ext("pg_type", "t.oid")
    );
    for r in tx.query(&sql, &[&skip])? {
        let name = QName::new(r.get::<_, String>(0), r.get::<_, String>(1));
        schema.enums.insert(
            name.clone(),
            Enum {
                name,
                values: r.get(2),
                comment: r.get(3),
            },
        );
    }
    let sql = format!(
        "{NS} SELECT n.nspname, t.typname, pg_catalog.format_type(t.typbasetype, t.typtypmod), t.typnotnull,
                t.typdefault,
                ARRAY(SELECT c.conname::text FROM pg_catalog.pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname),
                ARRAY(SELECT pg_catalog.pg_get_constraintdef(c.oid) FROM pg_catalog.pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname),
                pg_catalog.obj_description(t.oid, 'pg_type')
           FROM pg_catalog.pg_type t JOIN ns n ON n.oid = t.typnamespace
          WHERE t.typtype = 'd' AND {}",
        not_ext("pg_type", "t.oid")
    );
    for r in tx.query(&sql, &[&skip])? {
        let name = QName::new(r.get::<_, String>(0), r.get::<_, String>(1));
        let names: Vec<String> = r.get(5);
        let defs: Vec<String> = r.get(6);
        schema.domains.insert(
            name.clone(),
            Domain {
                name,
                ty: r.get(2),
                not_null: r.get(3),
                default: r.get(4),
                checks: names
                    .into_iter()
                    .zip(defs.iter().map(|d| check_expr(d)))
                    .collect(),
                comment: r.get(7),
            },
        );
    }
    Ok(())
}

fn read_sequences(
    tx: &mut Transaction,
    skip: &[String],
    schema: &mut Schema,
) -> Result<(), postgres::Error> {
    // Standalone sequences only: identity sequences belong to their column.
    let sql = format!(
        "{NS} SELECT n.nspname, c.relname, pg_catalog.format_type(s.seqtypid, NULL), s.seqincrement, s.seqmin,
                s.seqmax, s.seqstart, s.seqcache, s.seqcycle, tn.nspname, tc.relname, ta.attname,
                c.relpersistence = 'u', pg_catalog.obj_description(c.oid, 'pg_class')
           FROM pg_catalog.pg_sequence s JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
           JOIN ns n ON n.oid = c.relnamespace
           LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
                AND d.deptype = 'a' AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0
           LEFT JOIN pg_catalog.pg_class tc ON tc.oid = d.refobjid
           LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
           LEFT JOIN pg_catalog.pg_attribute ta ON ta.attrelid = d.refobjid AND ta.attnum = d.refobjsubid
          WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i WHERE i.classid = 'pg_class'::regclass
                              AND i.objid = c.oid AND i.deptype = 'i') AND {}",
        not_ext("pg_class", "c.oid")
    );
    for r in tx.query(&sql, &[&skip])? {
        let name = QName::new(r.get::<_, String>(0), r.get::<_, String>(1));
        let ty: String = r.get(2);
        let owner: Option<String> = r.get(9);
        schema.sequences.insert(
            name.clone(),
            Sequence {
                name,
                unlogged: r.get(12),
                comment: r.get(13),
                as_type: (ty != "bigint").then_some(ty),
                increment: Some(r.get(3)),
                min_value: Some(r.get(4)),
                max_value: Some(r.get(5)),
                start: Some(r.get(6)),
                cache: Some(r.get(7)),
                cycle: r.get(8),
                owned_by: owner.map(|s| (QName::new(s, r.get::<_, String>(10)), r.get(11))),
            },
        );
    }
    Ok(())
}

fn read_functions(
    tx: &mut Transaction,
    skip: &[String],
    schema: &mut Schema,
) -> Result<(), postgres::Error> {
    let sql = format!(
        "{NS} SELECT n.nspname, p.proname, p.prokind = 'p', coalesce(p.proargmodes::text[], '{{}}'),
                coalesce(p.proargnames, '{{}}'),
                ARRAY(SELECT pg_catalog.format_type(u.t, NULL)
                        FROM unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) WITH ORDINALITY u(t, i) ORDER BY u.i),
                pg_catalog.pg_get_expr(p.proargdefaults, 0),
                CASE WHEN p.prokind = 'p' THEN NULL ELSE pg_catalog.pg_get_function_result(p.oid) END,
                l.lanname, p.prosrc, p.provolatile::text, p.prosecdef, p.proisstrict, p.proleakproof,
                p.proparallel::text, coalesce(p.proconfig, '{{}}'), pg_catalog.obj_description(p.oid, 'pg_proc'),
                CASE WHEN (pg_catalog.to_jsonb(p) ->> 'prosqlbody') IS NOT NULL THEN pg_catalog.pg_get_functiondef(p.oid) END
           FROM pg_catalog.pg_proc p JOIN ns n ON n.oid = p.pronamespace
           JOIN pg_catalog.pg_language l ON l.oid = p.prolang
          WHERE p.prokind IN ('f', 'p') AND {}
            -- A range type's constructors come with it.
            AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i WHERE i.classid = 'pg_proc'::regclass
                              AND i.objid = p.oid AND i.deptype = 'i')",
        not_ext("pg_proc", "p.oid")
    );
    for r in tx.query(&sql, &[&skip])? {
        let modes: Vec<String> = r.get(3);
        let names: Vec<String> = r.get(4);
        let types: Vec<String> = r.get(5);
        let defaults: Option<String> = r.get(6);
        let mut args: Vec<Arg> = types
            .into_iter()
            .enumerate()
            .filter_map(|(i, ty)| {
                let mode = match modes.get(i).map(String::as_str) {
                    None | Some("i") => ArgMode::In,
                    Some("o") => ArgMode::Out,
                    Some("b") => ArgMode::InOut,
                    Some("v") => ArgMode::Variadic,
                    _ => return None, // `t`: a RETURNS TABLE column
                };
                let name = names.get(i).filter(|n| !n.is_empty()).cloned();
                Some(Arg {
                    mode,
                    name,
                    ty,
                    default: None,
                })
            })
            .collect();
        // Defaults belong to the last input arguments.
        let defaults = defaults.map(|d| split_top_level(&d)).unwrap_or_default();
        let inputs: Vec<usize> = (0..args.len())
            .filter(|&i| args[i].mode != ArgMode::Out)
            .collect();
        for (slot, d) in inputs.iter().rev().zip(defaults.iter().rev()) {
            args[*slot].default = Some(d.trim().to_string());
        }
        let config: Vec<String> = r.get(15);
        // A SQL-standard body is what pg_get_functiondef prints after the header.
        let standard: Option<String> = r.get::<_, Option<String>>(17).map(|def| {
            let at = def
                .lines()
                .scan(0, |pos, l| {
                    let start = *pos;
                    *pos += l.len() + 1;
                    Some((start, l))
                })
                .find(|(_, l)| l.starts_with("RETURN ") || l.starts_with("BEGIN ATOMIC"))
                .map_or(def.len(), |(start, _)| start);
            def[at..].trim().to_string()
        });
        let f = Function {
            name: QName::new(r.get::<_, String>(0), r.get::<_, String>(1)),
            procedure: r.get(2),
            args,
            returns: r.get(7),
            language: r.get(8),
            body: match &standard {
                Some(b) => b.clone(),
                None => dollar_quote(&r.get::<_, String>(9)),
            },
            standard_body: standard.is_some(),
            volatility: match r.get::<_, String>(10).as_str() {
                "i" => "IMMUTABLE",
                "s" => "STABLE",
                _ => "VOLATILE",
            }
            .to_string(),
            security_definer: r.get(11),
            strict: r.get(12),
            leakproof: r.get(13),
            parallel: match r.get::<_, String>(14).as_str() {
                "s" => Some("SAFE".to_string()),
                "r" => Some("RESTRICTED".to_string()),
                _ => None,
            },
            config: config
                .iter()
                .map(|kv| {
                    let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                    (k.to_string(), config_value(v))
                })
                .collect(),
            comment: r.get(16),
        };
        schema.functions.insert(f.key(), f);
    }
    Ok(())
}

fn read_views(
    tx: &mut Transaction,
    skip: &[String],
    schema: &mut Schema,
) -> Result<(), postgres::Error> {
    let sql = format!(
        "{NS} SELECT n.nspname, c.relname, c.relkind = 'm', coalesce(c.reloptions, '{{}}'),
                pg_catalog.pg_get_viewdef(c.oid), pg_catalog.obj_description(c.oid, 'pg_class'),
                -- Its columns' comments, by column name.
                ARRAY(SELECT a.attname::text FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_description d
                        ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid AND d.objsubid = a.attnum
                       WHERE a.attrelid = c.oid AND a.attnum > 0 ORDER BY a.attname),
                ARRAY(SELECT d.description FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_description d
                        ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid AND d.objsubid = a.attnum
                       WHERE a.attrelid = c.oid AND a.attnum > 0 ORDER BY a.attname)
           FROM pg_catalog.pg_class c JOIN ns n ON n.oid = c.relnamespace
          WHERE c.relkind IN ('v', 'm') AND {}",
        not_ext("pg_class", "c.oid")
    );
    for r in tx.query(&sql, &[&skip])? {
        let name = QName::new(r.get::<_, String>(0), r.get::<_, String>(1));
        let opts: Vec<String> = r.get(3);
        let mut options: Vec<(String, Option<String>)> = opts
            .iter()
            .map(|o| match o.split_once('=') {
                Some((k, v)) => (k.to_string(), Some(v.to_string())),
                None => (o.clone(), None),
            })
            .collect();
        options.sort();
        let query: String = r.get(4);
        schema.views.insert(
            name.clone(),
            View {
                name,
                materialized: r.get(2),
                options,
                query: query.trim().trim_end_matches(';').trim_end().to_string(),
                comment: r.get(5),
                column_comments: r
                    .get::<_, Vec<String>>(6)
                    .into_iter()
                    .zip(r.get::<_, Vec<String>>(7))
                    .collect(),
                indexes: Vec::new(),
                triggers: Vec::new(),
            },
        );
    }
    Ok(())
}
