//! Rows for the load benchmark: every table of a live database filled with `n`
//! generated rows in one `INSERT … SELECT … FROM generate_series`, parents first, so
//! that a migration meets tables the size of a production one.

use postgres::Client;
use schemac::model::{ConstraintKind, Schema, Table};

/// A table with rows, and how the workload finds and writes its rows.
#[derive(Debug, Clone)]
pub struct Filled {
    /// The table, as SQL.
    pub table: String,
    /// Rows inserted.
    pub rows: i64,
    /// A one-column primary key numbered 1..=rows (None: rows are found by ctid).
    pub key: Option<Key>,
    /// A column an UPDATE can set to itself (not the key, not generated).
    pub update_column: Option<String>,
    /// `INSERT … SELECT … FROM generate_series({from}, {to}) g`: rows numbered
    /// `from..=to`.
    pub insert: String,
}

/// A primary key whose value for row `g` is known: `g` itself, or a uuid made from it.
#[derive(Debug, Clone)]
pub struct Key {
    /// The column, as SQL.
    pub column: String,
    /// Whether it is a uuid (`md5(g::text)::uuid`) rather than an integer (`g`).
    pub uuid: bool,
}

impl Key {
    /// The key of row `row` (an SQL expression).
    pub fn of(&self, row: &str) -> String {
        if self.uuid {
            format!("md5(({row})::text)::uuid")
        } else {
            row.to_string()
        }
    }
}

impl Filled {
    /// The INSERT of rows `from..=to`.
    pub fn rows_sql(&self, from: i64, to: i64) -> String {
        self.insert
            .replace("{from}", &from.to_string())
            .replace("{to}", &to.to_string())
    }
}

/// A table left empty, and why.
#[derive(Debug, Clone)]
pub struct Skipped {
    /// The table.
    pub table: String,
    /// Why.
    pub why: String,
}

/// Fills every plain table of `schema` (as read from the database) with `n` rows.
pub fn fill(client: &mut Client, schema: &Schema, n: i64) -> (Vec<Filled>, Vec<Skipped>) {
    let mut filled: Vec<Filled> = Vec::new();
    let mut skipped = Vec::new();
    // The Supabase shim's users, which so many tables reference.
    let users = "INSERT INTO auth.users (id, email) SELECT md5(g::text)::uuid, 'user' || g || '@example.com' FROM generate_series({from}, {to}) g";
    let has_users = client
        .query_one("SELECT to_regclass('auth.users') IS NOT NULL", &[])
        .is_ok_and(|r| r.get::<_, bool>(0));
    if has_users {
        let f = Filled {
            table: "auth.users".into(),
            rows: n,
            key: Some(Key {
                column: "id".into(),
                uuid: true,
            }),
            update_column: Some("email".into()),
            insert: users.into(),
        };
        if client.batch_execute(&f.rows_sql(1, n)).is_ok() {
            filled.push(f);
        }
    }
    let mut todo: Vec<&Table> = schema
        .tables
        .values()
        .filter(|t| !t.external && t.partition_by.is_none() && t.partition_of.is_none())
        .collect();
    // Parents first: a table waits until every table it references is done or given up.
    let mut rounds = 0;
    while !todo.is_empty() && rounds <= todo.len() + 1 {
        rounds += 1;
        let mut left = Vec::new();
        for t in todo {
            let waits = references(t).iter().any(|r| {
                r != &t.name.sql()
                    && !filled.iter().any(|f| &f.table == r)
                    && !skipped.iter().any(|s: &Skipped| &s.table == r)
            });
            if waits {
                left.push(t);
                continue;
            }
            match plan(schema, t, &filled, n) {
                Err(why) => skipped.push(Skipped {
                    table: t.name.sql(),
                    why,
                }),
                Ok(f) => {
                    let sql = f.rows_sql(1, n);
                    match client.batch_execute(&format!("{sql}; ANALYZE {}", f.table)) {
                        Ok(()) => filled.push(f),
                        Err(e) => skipped.push(Skipped {
                            table: t.name.sql(),
                            why: e
                                .as_db_error()
                                .map_or(e.to_string(), |d| d.message().to_string()),
                        }),
                    }
                }
            }
        }
        todo = left;
    }
    (filled, skipped)
}

/// The tables `t` references by foreign key, as SQL.
fn references(t: &Table) -> Vec<String> {
    t.constraints
        .iter()
        .filter_map(|c| match &c.kind {
            ConstraintKind::ForeignKey(fk) => Some(fk.ref_table.sql()),
            _ => None,
        })
        .collect()
}

/// How to generate the rows of `t`, or why it cannot be.
fn plan(schema: &Schema, t: &Table, filled: &[Filled], n: i64) -> Result<Filled, String> {
    let key: Vec<String> = match t.primary_key().map(|c| &c.kind) {
        Some(ConstraintKind::PrimaryKey { columns }) => columns.clone(),
        _ => Vec::new(),
    };
    let row_key = match key.as_slice() {
        [k] => t.columns.iter().find(|c| &c.name == k).and_then(|c| {
            if c.ty == "uuid" {
                Some(Key {
                    column: k.clone(),
                    uuid: true,
                })
            } else if is_int(&c.ty) && (c.default.is_none() || c.identity.is_some()) {
                Some(Key {
                    column: k.clone(),
                    uuid: false,
                })
            } else {
                None
            }
        }),
        _ => None,
    };
    let mut names = Vec::new();
    let mut values = Vec::new();
    for c in &t.columns {
        if c.generated.is_some() || c.identity.is_some() {
            continue;
        }
        let fk = t.constraints.iter().find_map(|con| match &con.kind {
            ConstraintKind::ForeignKey(fk) if fk.columns == [c.name.clone()] => Some(fk),
            _ => None,
        });
        let value = if row_key
            .as_ref()
            .is_some_and(|k| k.uuid && k.column == c.name)
        {
            Some("md5(g::text)::uuid".to_string())
        } else if let Some(fk) = fk {
            // The parent's row (g - 1) mod its rows + 1, when its keys are known.
            filled
                .iter()
                .find(|f| f.table == fk.ref_table.sql())
                .and_then(|p| p.key.as_ref().map(|k| (p.rows, k)))
                .filter(|(_, k)| k.uuid == (c.ty == "uuid") && (k.uuid || is_int(&c.ty)))
                .map(|(rows, k)| k.of(&format!("((g - 1) % {rows}) + 1")))
        } else if c.default.is_some() && row_key.as_ref().is_none_or(|k| k.column != c.name) {
            continue;
        } else {
            listed_value(t, &c.name).or_else(|| value_of(schema, &c.ty))
        };
        match value {
            Some(v) => {
                names.push(schemac::model::quote_ident(&c.name).into_owned());
                values.push(v);
            }
            None if !c.not_null => {}
            None => return Err(format!("no value for NOT NULL column {} {}", c.name, c.ty)),
        }
    }
    let update_column = t
        .columns
        .iter()
        .find(|c| c.generated.is_none() && !key.contains(&c.name) && c.identity.is_none())
        .map(|c| schemac::model::quote_ident(&c.name).into_owned());
    let table = t.name.sql();
    let insert = if names.is_empty() {
        format!("INSERT INTO {table} SELECT FROM generate_series({{from}}, {{to}}) g")
    } else {
        format!(
            "INSERT INTO {table} ({}) SELECT {} FROM generate_series({{from}}, {{to}}) g",
            names.join(", "),
            values.join(", ")
        )
    };
    Ok(Filled {
        table,
        rows: n,
        key: row_key.map(|k| Key {
            column: schemac::model::quote_ident(&k.column).into_owned(),
            uuid: k.uuid,
        }),
        update_column,
        insert,
    })
}

/// The first value a CHECK lists for `column` (`column = ANY (ARRAY['a'::text, …])`
/// or `column IN ('a', …)` as PostgreSQL prints them), so enumerated text columns get
/// a value they accept.
fn listed_value(t: &Table, column: &str) -> Option<String> {
    t.constraints.iter().find_map(|c| {
        let ConstraintKind::Check { expr } = &c.kind else {
            return None;
        };
        let at = expr
            .find(&format!("{column} = ANY (ARRAY["))
            .or_else(|| expr.find(&format!("{column} IN (")))?;
        let rest = &expr[at..];
        let start = rest.find('\'')?;
        let end = start + 1 + rest[start + 1..].find('\'')?;
        Some(rest[start..=end].to_string())
    })
}

fn is_int(ty: &str) -> bool {
    matches!(
        ty,
        "integer" | "bigint" | "smallint" | "int" | "int4" | "int8"
    )
}

/// A value of type `ty` for row `g`, unique where the type allows.
fn value_of(schema: &Schema, ty: &str) -> Option<String> {
    if ty.ends_with("[]") {
        return Some("'{}'".to_string());
    }
    let base = ty.split('(').next().unwrap_or(ty).trim();
    let v = match base {
        "integer" | "bigint" | "int" | "int4" | "int8" => "g".to_string(),
        "smallint" | "int2" => "(g % 30000)::smallint".to_string(),
        "numeric" | "decimal" | "real" | "double precision" => "((g % 1000) + 1)".to_string(),
        "text" | "character varying" | "varchar" | "citext" | "character" | "char" => {
            match ty.split_once('(') {
                Some((_, len)) => format!("right('v' || g, {})", len.trim_end_matches(')').trim()),
                None => "'user' || g || '@example.com'".to_string(),
            }
        }
        "uuid" => "gen_random_uuid()".to_string(),
        "boolean" => "(g % 2 = 0)".to_string(),
        "timestamp with time zone"
        | "timestamp without time zone"
        | "timestamptz"
        | "timestamp" => "now()".to_string(),
        "date" => "current_date".to_string(),
        "jsonb" | "json" => "'{}'".to_string(),
        "bytea" => "'\\x00'::bytea".to_string(),
        "inet" => "'10.0.0.1'::inet".to_string(),
        "interval" => "interval '1 hour'".to_string(),
        other => {
            if let Some(d) = schema
                .domains
                .iter()
                .find(|(q, _)| q.sql() == other || q.name == other)
            {
                return value_of(schema, &d.1.ty);
            }
            let e = schema
                .enums
                .iter()
                .find(|(q, _)| q.sql() == other || q.name == other)?;
            format!(
                "{}::{}",
                schemac::model::quote_literal(e.1.values.first()?),
                e.0.sql()
            )
        }
    };
    Some(v)
}
