//! What a run of `migrate` or `rollback` takes and gives: its timeouts, what happened to
//! each migration, and why it stopped.

/// Timeouts and limits of a run.
#[derive(Debug, Clone)]
pub struct Options {
    /// `lock_timeout` for every transaction, in milliseconds (0: none).
    pub lock_timeout_ms: u64,
    /// `statement_timeout` for every transaction, in milliseconds (0: none).
    pub statement_timeout_ms: u64,
    /// How long to wait for another schemac run to release the migration lock, in
    /// milliseconds (0: as long as that run takes).
    pub lock_wait_ms: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lock_timeout_ms: 10_000,
            statement_timeout_ms: 0,
            lock_wait_ms: 0,
        }
    }
}

/// What happened to one migration.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Outcome {
    /// Version.
    pub version: String,
    /// Name.
    pub name: String,
    /// `applied`, `rolled back`, or `skipped` (another run did it first).
    pub status: &'static str,
    /// Wall time.
    pub ms: u64,
    /// Parts a previous run had committed, skipped this time.
    #[serde(skip_serializing_if = "is_zero")]
    pub resumed_after: usize,
    /// Invalid indexes left by an interrupted concurrent build, dropped before the
    /// build ran again.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub repaired: Vec<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Why a run stopped.
#[derive(Debug)]
pub enum RunError {
    /// The files and the database disagree in a way that must be fixed first.
    Integrity(Vec<String>),
    /// A statement failed; its transaction was rolled back.
    Statement {
        /// `NNNN_name (up|down)`.
        migration: String,
        /// The statement.
        statement: String,
        /// SQLSTATE and message.
        error: String,
        /// `(committed, parts)`: of a script in several parts, how many committed
        /// before the failing one, which the next run resumes at (`(0, 1)` for a
        /// script of one transaction).
        parts: (usize, usize),
    },
    /// A rollback would lose data and was not confirmed.
    Refused(String),
    /// Any other database error.
    Db(String),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Integrity(p) => write!(f, "{}", p.join("\n")),
            RunError::Statement {
                migration,
                statement,
                error,
                parts: (committed, parts),
            } => {
                let statement = statement
                    .lines()
                    .take(6)
                    .collect::<Vec<_>>()
                    .join("\n                ");
                if *committed == 0 {
                    write!(f, "{migration} failed and was rolled back: {error}")?;
                } else {
                    write!(
                        f,
                        "{migration} failed in part {} of {parts}: {error}\n  the {committed} part(s) before it stay committed; \
                         fix the cause and run it again to resume at this part",
                        committed + 1
                    )?;
                }
                write!(f, "\n  in statement: {statement}")
            }
            RunError::Refused(m) | RunError::Db(m) => f.write_str(m),
        }
    }
}

pub(crate) fn db_error(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(d) => format!("{} ({})", d.message(), d.code().code()),
        None => e.to_string(),
    }
}

impl From<postgres::Error> for RunError {
    fn from(e: postgres::Error) -> Self {
        RunError::Db(db_error(&e))
    }
}
