//! Policy tests, as `schemac test` runs them: plain steps of SQL with expectations.
//! `isolation of …` is already expanded here into the battery it stands for.

use serde::Serialize;

/// A declared policy test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyTest {
    /// Name.
    pub name: String,
    /// Where it was declared, `file:line`.
    pub location: String,
    /// Steps in order, all in one transaction that is rolled back.
    pub steps: Vec<TestStep>,
}

/// One step of a policy test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum TestStep {
    /// Runs as the connecting user (RLS does not apply); must succeed.
    Setup {
        /// What the step is for.
        label: String,
        /// The SQL.
        sql: String,
    },
    /// Switches identity for the following statements.
    As {
        /// Role for `set local role`.
        role: String,
        /// `request.jwt.claims`.
        claims: Option<String>,
        /// Other settings, `set_config(name, value, true)`.
        settings: Vec<(String, String)>,
    },
    /// Runs a statement and checks what it did.
    Expect {
        /// What the step proves, in words.
        label: String,
        /// The expectation.
        expect: Expectation,
        /// The statement.
        sql: String,
    },
}

/// What a statement must do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expectation {
    /// Return (or, for DML, touch) exactly this many rows.
    Rows(u64),
    /// Return or touch at least one row.
    SomeRows,
    /// Touch nothing: zero rows, or refused with `42501` (no privilege).
    Nothing,
    /// Fail with this SQLSTATE.
    Error(String),
    /// Succeed.
    Ok,
    /// Return this text in the first column of the first row.
    Value(String),
}

impl std::fmt::Display for Expectation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Expectation::Rows(n) => write!(f, "{n} row(s)"),
            Expectation::SomeRows => f.write_str("at least one row"),
            Expectation::Nothing => f.write_str("no rows (or permission denied)"),
            Expectation::Error(code) => write!(f, "error {code}"),
            Expectation::Ok => f.write_str("success"),
            Expectation::Value(v) => write!(f, "value '{v}'"),
        }
    }
}
