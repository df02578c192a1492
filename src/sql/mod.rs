//! Stage 5, emit: [`Plan`] → SQL text. The only module that builds SQL strings.
//!
//! A migration file is plain SQL that `psql -f` can run. Its transactional part is
//! wrapped in `BEGIN;` … `COMMIT;`; a statement PostgreSQL forbids in a transaction
//! block stands outside it, on its own paragraph, after a `-- schemac:no-transaction`
//! marker line.

mod aggregate;
mod alter;
pub mod create;
mod privileges;
pub mod seed;

use crate::diff::{Plan, Step};
use crate::graph::ObjectKey;
pub use crate::model::comment_safe;
use crate::model::{block_fn, Schema};
use std::fmt::Write as _;

/// Marker line before a statement that must run outside a transaction.
pub const NO_TRANSACTION: &str = "-- schemac:no-transaction";

/// Rendered SQL of a plan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Script {
    /// Statements to run first, each on its own, outside a transaction.
    pub pre: Vec<String>,
    /// Statements to run in one transaction.
    pub main: Vec<String>,
    /// Parts to run last, in order, each on its own.
    pub post: Vec<Part>,
}

/// One part of [`Script::post`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// A statement outside any transaction (`CREATE INDEX CONCURRENTLY`).
    Standalone(String),
    /// Statements in a transaction of their own (`VALIDATE CONSTRAINT`).
    Transaction(Vec<String>),
}

impl Script {
    /// True when there is nothing to run.
    pub fn is_empty(&self) -> bool {
        self.pre.is_empty() && self.main.is_empty() && self.post.is_empty()
    }

    /// Every statement, in run order.
    pub fn statements(&self) -> impl Iterator<Item = &String> {
        let post = self.post.iter().flat_map(|p| match p {
            Part::Standalone(s) => std::slice::from_ref(s),
            Part::Transaction(v) => v.as_slice(),
        });
        self.pre.iter().chain(&self.main).chain(post)
    }

    /// Bytes of the header and statements, to size the file's text once.
    fn text_len(&self, header: &[String]) -> usize {
        header.iter().map(|h| h.len() + 4).sum::<usize>()
            + self
                .statements()
                .map(|s| s.len() + NO_TRANSACTION.len() + 48)
                .sum::<usize>()
            + 32
    }

    /// The script as a migration file body (see the module docs for the format).
    pub fn to_file(&self, header: &[String]) -> String {
        self.to_file_with(header, None)
    }

    /// [`Script::to_file`], waiting at most `lock_timeout` (`5s`) for each lock, so a
    /// long transaction elsewhere makes the migration fail instead of queueing every
    /// query of the table behind it (the runner tries it again a few times). A
    /// concurrent index build or drop waits without a limit: it blocks no reads or
    /// writes while it waits for older transactions, and a timeout there would leave
    /// an invalid index behind.
    pub fn to_file_with(&self, header: &[String], lock_timeout: Option<&str>) -> String {
        let mut out = String::with_capacity(self.text_len(header));
        for h in header {
            out.push_str("-- ");
            out.push_str(&comment_safe(h));
            out.push('\n');
        }
        // Statements outside the transaction: a session setting of its own.
        if let (Some(t), false) = (lock_timeout, self.pre.is_empty()) {
            let _ = write!(out, "\n{NO_TRANSACTION}\nSET lock_timeout = '{t}';\n");
        }
        for s in &self.pre {
            let _ = write!(out, "\n{NO_TRANSACTION}\n{s}\n");
        }
        transaction(&mut out, &self.main, lock_timeout);
        let mut unlimited = lock_timeout.is_none();
        for part in &self.post {
            match part {
                Part::Standalone(s) => {
                    if !unlimited {
                        let _ = write!(out, "\n{NO_TRANSACTION}\nSET lock_timeout = 0;\n");
                        unlimited = true;
                    }
                    let _ = write!(out, "\n{NO_TRANSACTION}\n{s}\n");
                }
                Part::Transaction(v) => transaction(&mut out, v, lock_timeout),
            }
        }
        out
    }

    /// The statements as one plain listing (no transaction control), for schema files.
    pub fn to_listing(&self, header: &[String]) -> String {
        let mut out = String::with_capacity(self.text_len(header));
        for h in header {
            out.push_str("-- ");
            out.push_str(&comment_safe(h));
            out.push('\n');
        }
        for s in self.statements() {
            out.push('\n');
            out.push_str(s);
            out.push('\n');
        }
        out
    }
}

/// `statements` between `BEGIN;` and `COMMIT;` lines (nothing when there are none).
fn transaction(out: &mut String, statements: &[String], lock_timeout: Option<&str>) {
    if statements.is_empty() {
        return;
    }
    out.push_str("\nBEGIN;\n");
    if let Some(t) = lock_timeout {
        let _ = write!(out, "\nSET LOCAL lock_timeout = '{t}';\n");
    }
    for s in statements {
        out.push('\n');
        out.push_str(s);
        out.push('\n');
    }
    out.push_str("\nCOMMIT;\n");
}

/// The whole schema as one headerless script that creates it from nothing, in the
/// migration-file format (as a throwaway database is built).
pub fn create_all(schema: &Schema) -> Result<String, Vec<crate::diff::DiffError>> {
    let plan = crate::diff::diff(&Schema::empty(), schema)?;
    Ok(render(&plan, &Schema::empty(), schema, false).to_file(&[]))
}

/// Renders a plan. `down` marks a rollback (re-created columns and tables then say
/// that their data is not restored).
pub fn render(plan: &Plan, prev: &Schema, next: &Schema, down: bool) -> Script {
    let r = |steps: &[Step]| render_steps(prev, next, steps, down);
    Script {
        pre: r(&plan.pre),
        main: r(&plan.steps),
        post: plan
            .post
            .iter()
            .flat_map(|s| post_parts(prev, next, s, down))
            .collect(),
    }
}

/// A step after the transaction: a statement PostgreSQL runs only outside a
/// transaction stands alone (a comment on what it built follows in a transaction),
/// anything else is a transaction of its own.
fn post_parts(prev: &Schema, next: &Schema, step: &Step, down: bool) -> Vec<Part> {
    let mut statements = render_step(prev, next, step, down).into_iter();
    if !step.is_standalone() {
        return vec![Part::Transaction(statements.collect())];
    }
    let mut parts: Vec<Part> = statements
        .next()
        .map(Part::Standalone)
        .into_iter()
        .collect();
    let rest: Vec<String> = statements.collect();
    if !rest.is_empty() {
        parts.push(Part::Transaction(rest));
    }
    parts
}

/// Steps rendered in order. Each step renders on its own, so a long plan is cut into
/// one run of steps per core and the runs are joined in order: the text does not
/// depend on scheduling.
fn render_steps(prev: &Schema, next: &Schema, steps: &[Step], down: bool) -> Vec<String> {
    render_split(prev, next, steps, down, 4096)
}

/// [`render_steps`] with the smallest run a thread takes.
fn render_split(
    prev: &Schema,
    next: &Schema,
    steps: &[Step],
    down: bool,
    per_thread: usize,
) -> Vec<String> {
    let run = |part: &[Step]| -> Vec<String> {
        part.iter()
            .flat_map(|s| render_step(prev, next, s, down))
            .collect()
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores < 2 || steps.len() < 2 * per_thread {
        return run(steps);
    }
    let chunk = steps.len().div_ceil(cores);
    std::thread::scope(|scope| {
        let handles: Vec<_> = steps
            .chunks(chunk)
            .map(|part| scope.spawn(move || run(part)))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

fn render_step(prev: &Schema, next: &Schema, step: &Step, down: bool) -> Vec<String> {
    match step {
        Step::Create(key) => {
            let mut out = Vec::new();
            if down && matches!(key, ObjectKey::Table(_)) {
                out.push(
                    comment_safe(&format!(
                        "-- Restores the structure of {key}; the rows up.sql deleted are not restored."
                    ))
                    .into_owned(),
                );
            }
            out.extend(create::create(next, key));
            out
        }
        Step::Drop(key) => create::drop(prev, key),
        other => alter::render_change(prev, next, other, down),
    }
}

/// The access-control surface of a schema: RLS flags, policies and grants, in
/// dependency order, for security review.
pub fn render_rls(schema: &Schema, order: &[ObjectKey]) -> Vec<String> {
    let mut out = Vec::new();
    for key in order {
        match key {
            ObjectKey::Table(q) if schema.tables[q].external => {}
            ObjectKey::Table(q) => {
                let t = &schema.tables[q];
                if t.rls {
                    out.push(format!(
                        "ALTER TABLE {} ENABLE ROW LEVEL SECURITY;",
                        q.sql()
                    ));
                } else if t.partition_of.is_none() {
                    out.push(
                        comment_safe(&format!(
                            "-- {}: row level security is not enabled",
                            q.sql()
                        ))
                        .into_owned(),
                    );
                }
                if t.force_rls {
                    out.push(format!("ALTER TABLE {} FORCE ROW LEVEL SECURITY;", q.sql()));
                }
                out.extend(privileges::new_table_privileges(schema, t));
            }
            ObjectKey::Policy(..) | ObjectKey::Grants(_) | ObjectKey::DefaultPrivileges(_) => {
                out.extend(create::create(schema, key))
            }
            // The building blocks' guards (append only, immutable columns, hash chains)
            // are access control too.
            ObjectKey::Trigger(q, name)
                if schema.tables[q].triggers.iter().any(|t| {
                    &t.name == name && block_fn::GUARDS.contains(&t.function_name.name.as_str())
                }) =>
            {
                out.extend(create::create(schema, key))
            }
            ObjectKey::Function(k) if schema.functions[k].security_definer => {
                out.push(
                    comment_safe(&format!(
                        "-- {} runs as its owner (SECURITY DEFINER)",
                        create::signature(&schema.functions[k])
                    ))
                    .into_owned(),
                );
            }
            _ => {}
        }
    }
    out
}

/// `ALTER <keyword> <object> OWNER TO <role>`: `keyword` one of PostgreSQL's object
/// kinds (`TABLE`, `FUNCTION`, …), `object` its name as PostgreSQL printed it.
pub fn owner_to(keyword: &str, object: &str, role: &str) -> String {
    format!(
        "ALTER {keyword} {object} OWNER TO {};",
        crate::model::quote_ident(role)
    )
}

/// `ALTER DEFAULT PRIVILEGES …` putting `entries` in place (the prelude sets up the
/// platform's default privileges with it).
pub fn default_privileges_sql(entries: &[crate::model::DefaultPrivilege]) -> Vec<String> {
    use crate::model::{table_all, DefaultObjects, TABLE_PRIVILEGES};
    // A role given every table privilege is given ALL, as platforms write it: on
    // PostgreSQL 17 and newer that includes MAINTAIN, as on a Supabase database.
    let every = table_all();
    let given_all = |d: &crate::model::DefaultPrivilege| {
        d.on == DefaultObjects::Tables
            && !d.revoked
            && every.clone().all(|p| {
                entries.iter().any(|e| {
                    e.privilege == *p
                        && (&e.owner, &e.schema, &e.on, &e.role, e.grantable, e.revoked)
                            == (&d.owner, &d.schema, &d.on, &d.role, d.grantable, d.revoked)
                })
            })
    };
    let mut collapsed: Vec<crate::model::DefaultPrivilege> = Vec::new();
    for d in entries {
        if !given_all(d) {
            collapsed.push(d.clone());
        } else if d.privilege == TABLE_PRIVILEGES[0] {
            collapsed.push(crate::model::DefaultPrivilege {
                privilege: "ALL".to_string(),
                ..d.clone()
            });
        }
    }
    privileges::default_statements(&collapsed, true)
}

/// Statements that give a session the settings `(name, value)` (as `ALTER DATABASE …
/// SET` stored them), for the length of the session.
pub fn session_settings(settings: &[(String, String)]) -> String {
    let mut out = String::new();
    for (name, value) in settings {
        let _ = writeln!(
            out,
            "SELECT pg_catalog.set_config({}, {}, false);",
            crate::model::quote_literal(name),
            crate::model::quote_literal(value)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_rendered_on_several_threads_join_in_plan_order() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/schemas/cases/check/ok/every_construct.pgs"
        ))
        .expect("fixture");
        let c = crate::project::load::compile_sources(
            vec![("x.pgs".into(), "x.pgs".into(), text)],
            Some("supabase"),
        );
        let schema = c.schema.expect("compiles");
        let plan = crate::diff::diff(&Schema::empty(), &schema).expect("plan");
        let empty = Schema::empty();
        let serial = render_split(&empty, &schema, &plan.steps, false, usize::MAX / 2);
        let split = render_split(&empty, &schema, &plan.steps, false, 1);
        assert!(plan.steps.len() > 20);
        assert_eq!(serial, split);
    }
}
