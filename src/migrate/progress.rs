//! Migrations in several parts: `schemac.progress` counts the parts of a run that
//! committed, so the next run resumes at the part that failed, and an index a failed
//! concurrent build left INVALID is dropped before the build runs again.

use super::outcome::RunError;
use super::plan::Progress;
use super::runner::exec_all;
use crate::sqltext::split_statements;
use postgres::{Client, GenericClient};

/// Reads the runs that stopped part way (empty when the table does not exist yet).
pub fn progress(client: &mut Client, project: &str) -> Result<Vec<Progress>, RunError> {
    let exists: bool = client
        .query_one("SELECT to_regclass('schemac.progress') IS NOT NULL", &[])?
        .get(0);
    if !exists {
        return Ok(Vec::new());
    }
    let rows = client.query(
        "SELECT version, down, checksum, parts FROM schemac.progress WHERE project = $1 ORDER BY version",
        &[&project],
    )?;
    Ok(rows
        .iter()
        .map(|r| Progress {
            version: r.get(0),
            down: r.get(1),
            checksum: r.get(2),
            parts: r.get(3),
        })
        .collect())
}

/// Which run of which file a `schemac.progress` row counts the parts of.
pub(crate) struct ProgressKey<'a> {
    pub(crate) project: &'a str,
    pub(crate) version: &'a str,
    pub(crate) down: bool,
    pub(crate) checksum: String,
}

impl ProgressKey<'_> {
    /// Parts a stopped run of this file committed (0: none). A row of another file
    /// (edited since, or the other direction) is an integrity error.
    pub(crate) fn done(&self, c: &mut impl GenericClient) -> Result<usize, RunError> {
        let row = c.query_opt(
            "SELECT down, checksum, parts FROM schemac.progress WHERE project = $1 AND version = $2",
            &[&self.project, &self.version],
        )?;
        let Some(row) = row else { return Ok(0) };
        let (down, sum, parts): (bool, String, i32) = (row.get(0), row.get(1), row.get(2));
        if down != self.down || sum != self.checksum {
            return Err(RunError::Integrity(vec![format!(
                "migration {}: a run of its {} stopped part way, and that file has changed since (or this is the other direction): \
                 restore the file and finish that run first",
                self.version,
                if down { "down.sql" } else { "up.sql" }
            )]));
        }
        Ok(parts.max(0) as usize)
    }

    pub(crate) fn save(
        &self,
        c: &mut impl GenericClient,
        parts: usize,
    ) -> Result<(), postgres::Error> {
        c.execute(
            "INSERT INTO schemac.progress (project, version, down, checksum, parts) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (project, version) DO UPDATE SET parts = EXCLUDED.parts",
            &[&self.project, &self.version, &self.down, &self.checksum, &(parts as i32)],
        )
        .map(|_| ())
    }

    pub(crate) fn clear(&self, c: &mut impl GenericClient) -> Result<(), postgres::Error> {
        c.execute(
            "DELETE FROM schemac.progress WHERE project = $1 AND version = $2",
            &[&self.project, &self.version],
        )
        .map(|_| ())
    }
}

/// Drops the INVALID index that an interrupted `CREATE [UNIQUE] INDEX CONCURRENTLY`
/// of these statements left under the name it builds (`DROP INDEX CONCURRENTLY`), so
/// the build can run again. Returns the names dropped.
pub(crate) fn drop_invalid_indexes(
    client: &mut Client,
    sql: &str,
    label: &str,
) -> Result<Vec<String>, RunError> {
    let mut out = Vec::new();
    for statement in split_statements(sql) {
        let Some((schema, name)) = concurrent_build_target(&statement) else {
            continue;
        };
        let invalid = client
            .query_opt(
                "SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid \
                 JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
                 WHERE n.nspname = $1 AND c.relname = $2 AND NOT i.indisvalid",
                &[&schema, &name],
            )?
            .is_some();
        if invalid {
            let q = crate::model::QName::new(schema, name).sql();
            exec_all(client, &format!("DROP INDEX CONCURRENTLY {q};"), label)?;
            out.push(q);
        }
    }
    Ok(out)
}

/// Whether a statement builds or drops an index `CONCURRENTLY`.
pub(crate) fn is_concurrent(statement: &str) -> bool {
    use crate::sqltext::Token;
    let tokens = crate::sqltext::tokens(statement);
    let words: Vec<&str> = tokens
        .iter()
        .take(4)
        .map(|t| match t {
            Token::Word(w) => w.as_str(),
            _ => "",
        })
        .collect();
    matches!(
        words.as_slice(),
        ["create", "index", "concurrently", ..]
            | ["create", "unique", "index", "concurrently"]
            | ["drop", "index", "concurrently", ..]
    )
}

/// `(schema, index)` of a `CREATE [UNIQUE] INDEX CONCURRENTLY name ON [ONLY]
/// schema.table …` statement (None for anything else, or an unqualified table).
fn concurrent_build_target(statement: &str) -> Option<(String, String)> {
    use crate::sqltext::Token;
    let tokens = crate::sqltext::tokens(statement);
    let mut t = tokens.iter().peekable();
    let word = |w: &str, t: &mut std::iter::Peekable<std::slice::Iter<Token>>| {
        matches!(t.peek(), Some(Token::Word(x)) if x == w) && t.next().is_some()
    };
    if !word("create", &mut t) {
        return None;
    }
    word("unique", &mut t);
    if !(word("index", &mut t) && word("concurrently", &mut t)) {
        return None;
    }
    if word("if", &mut t) && !(word("not", &mut t) && word("exists", &mut t)) {
        return None;
    }
    let Some(Token::Word(name)) = t.next() else {
        return None;
    };
    if !word("on", &mut t) {
        return None;
    }
    word("only", &mut t);
    let (Some(Token::Word(schema)), Some(Token::Punct('.'))) = (t.next(), t.next()) else {
        return None;
    };
    Some((schema.clone(), name.clone()))
}

#[cfg(test)]
mod tests {
    use super::concurrent_build_target;

    #[test]
    fn finds_the_index_a_concurrent_build_creates() {
        let t = |s: &str| concurrent_build_target(s);
        assert_eq!(
            t("CREATE UNIQUE INDEX CONCURRENTLY t_a_key ON public.t (a);"),
            Some(("public".into(), "t_a_key".into()))
        );
        assert_eq!(
            t("CREATE INDEX CONCURRENTLY \"Odd Name\" ON ONLY \"App\".t (a);"),
            Some(("App".into(), "Odd Name".into()))
        );
        assert_eq!(t("CREATE INDEX i ON public.t (a);"), None);
        assert_eq!(t("CREATE INDEX CONCURRENTLY i ON t (a);"), None);
        assert_eq!(t("SET lock_timeout = 0;"), None);
        assert!(super::is_concurrent(
            "DROP INDEX CONCURRENTLY IF EXISTS public.i;"
        ));
        assert!(super::is_concurrent(
            "create unique index concurrently i on public.t (a)"
        ));
        assert!(!super::is_concurrent("CREATE INDEX i ON public.t (a);"));
    }
}
