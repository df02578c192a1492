//! Running policy tests (`schemac test`). Each test runs in one transaction that is
//! always rolled back; each statement runs under a savepoint, so an expected error does
//! not end the test. Identities are switched the way PostgREST does it: `set local
//! role` plus transaction-local settings such as `request.jwt.claims`. Only the simple
//! query protocol is used, so tests also run through a transaction pooler.

use crate::model::{quote_ident, quote_literal, Expectation, PolicyTest, TestStep};
use postgres::{Client, SimpleQueryMessage};
use serde::Serialize;

/// The outcome of one test.
#[derive(Debug, Clone, Serialize)]
pub struct TestResult {
    /// The test's name.
    pub name: String,
    /// Where it was declared.
    pub location: String,
    /// True when every step did what it should.
    pub passed: bool,
    /// Every checked step, in order.
    pub steps: Vec<StepResult>,
}

/// The outcome of one setup or expectation step.
#[derive(Debug, Clone, Serialize)]
pub struct StepResult {
    /// What the step proves.
    pub label: String,
    /// Who ran it (`role` or `role (claims …)`).
    pub as_role: String,
    /// True when it did what it should.
    pub passed: bool,
    /// What happened, when it did not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure: Option<String>,
}

/// What a statement did.
struct Observed {
    rows: u64,
    first_value: Option<String>,
    error: Option<(String, String)>,
}

/// Runs every test; a test's failure never stops the others.
pub fn run_tests(client: &mut Client, tests: &[PolicyTest]) -> Vec<TestResult> {
    tests.iter().map(|t| run_test(client, t)).collect()
}

fn run_test(client: &mut Client, test: &PolicyTest) -> TestResult {
    let mut steps = Vec::new();
    let fail = |steps: &mut Vec<StepResult>, label: &str, why: String| {
        steps.push(StepResult {
            label: label.to_string(),
            as_role: String::new(),
            passed: false,
            failure: Some(why),
        });
    };
    if let Err(e) = client.batch_execute("BEGIN") {
        fail(&mut steps, "begin", e.to_string());
        return finish(test, steps);
    }
    let mut who = "(connecting user)".to_string();
    let mut current: Option<&TestStep> = None;
    let mut settings: Vec<String> = Vec::new();
    for step in &test.steps {
        match step {
            TestStep::Setup { label, sql } => {
                let seen = observe(client, &format!("RESET ROLE; {sql}"));
                // Setup runs as the connecting user; the identity resumes afterwards.
                let resume = match current {
                    Some(step) => client.batch_execute(&identity_sql(step, &settings)),
                    None => Ok(()),
                };
                let failure = seen
                    .error
                    .map(|(code, msg)| format!("setup failed: {msg} (SQLSTATE {code})"))
                    .or_else(|| resume.err().map(|e| format!("cannot resume identity: {e}")));
                let stop = failure.is_some();
                steps.push(StepResult {
                    label: label.clone(),
                    as_role: "(connecting user)".into(),
                    passed: failure.is_none(),
                    failure,
                });
                if stop {
                    break;
                }
            }
            TestStep::As {
                role: _,
                claims,
                settings: extra,
            } => {
                let mut names: Vec<String> = extra.iter().map(|(k, _)| k.clone()).collect();
                if claims.is_some() {
                    names.push("request.jwt.claims".into());
                }
                settings.extend(names);
                settings.sort();
                settings.dedup();
                let sql = identity_sql(step, &settings);
                who = describe(step);
                current = Some(step);
                if let Err(e) = client.batch_execute(&sql) {
                    fail(&mut steps, &format!("switch to {who}"), e.to_string());
                    break;
                }
            }
            TestStep::Expect { label, expect, sql } => {
                let seen = observe(client, sql);
                let failure = judge(expect, &seen);
                steps.push(StepResult {
                    label: label.clone(),
                    as_role: who.clone(),
                    passed: failure.is_none(),
                    failure,
                });
            }
        }
    }
    let _ = client.batch_execute("ROLLBACK");
    finish(test, steps)
}

fn finish(test: &PolicyTest, steps: Vec<StepResult>) -> TestResult {
    TestResult {
        name: test.name.clone(),
        location: test.location.clone(),
        passed: !steps.is_empty() && steps.iter().all(|s| s.passed),
        steps,
    }
}

/// Runs `sql` under a savepoint and reports rows, first value and error.
fn observe(client: &mut Client, sql: &str) -> Observed {
    if let Err(e) = client.batch_execute("SAVEPOINT schemac_step") {
        return Observed {
            rows: 0,
            first_value: None,
            error: Some(("?????".into(), e.to_string())),
        };
    }
    match client.simple_query(sql) {
        Ok(messages) => {
            let mut rows = 0;
            let mut first_value = None;
            for m in messages {
                match m {
                    SimpleQueryMessage::Row(r) if first_value.is_none() => {
                        first_value = Some(r.get(0).map(str::to_string));
                    }
                    SimpleQueryMessage::CommandComplete(n) => rows = n,
                    _ => {}
                }
            }
            let _ = client.batch_execute("RELEASE SAVEPOINT schemac_step");
            Observed {
                rows,
                first_value: first_value.flatten(),
                error: None,
            }
        }
        Err(e) => {
            let _ = client.batch_execute("ROLLBACK TO SAVEPOINT schemac_step");
            let (code, msg) = match e.as_db_error() {
                Some(d) => (d.code().code().to_string(), d.message().to_string()),
                None => ("?????".to_string(), e.to_string()),
            };
            Observed {
                rows: 0,
                first_value: None,
                error: Some((code, msg)),
            }
        }
    }
}

/// None when the statement did what was expected, else what it did instead.
fn judge(expect: &Expectation, seen: &Observed) -> Option<String> {
    let did = match &seen.error {
        Some((code, msg)) => format!("failed with {code}: {msg}"),
        None => format!("succeeded with {} row(s)", seen.rows),
    };
    let ok = match (expect, &seen.error) {
        (Expectation::Rows(n), None) => seen.rows == *n,
        (Expectation::SomeRows, None) => seen.rows > 0,
        (Expectation::Nothing, None) => seen.rows == 0,
        (Expectation::Nothing, Some((code, _))) => code == "42501",
        (Expectation::Error(want), Some((code, _))) => code == want,
        (Expectation::Ok, None) => true,
        (Expectation::Value(v), None) => seen.first_value.as_deref() == Some(v.as_str()),
        _ => false,
    };
    if ok {
        return None;
    }
    Some(match (expect, &seen.first_value) {
        (Expectation::Value(_), Some(got)) if seen.error.is_none() => {
            format!("expected {expect}, got '{got}'")
        }
        _ => format!("expected {expect}, but it {did}"),
    })
}

/// SQL that switches to the identity of an `As` step, clearing every setting an
/// earlier identity of this test made.
fn identity_sql(step: &TestStep, touched: &[String]) -> String {
    let mut sql = String::from("RESET ROLE;");
    for name in touched {
        sql.push_str(&format!(
            " SELECT set_config({}, '', true);",
            quote_literal(name)
        ));
    }
    if let TestStep::As {
        role,
        claims,
        settings,
    } = step
    {
        if let Some(c) = claims {
            sql.push_str(&format!(
                " SELECT set_config('request.jwt.claims', {}, true);",
                quote_literal(c)
            ));
        }
        for (k, v) in settings {
            sql.push_str(&format!(
                " SELECT set_config({}, {}, true);",
                quote_literal(k),
                quote_literal(v)
            ));
        }
        sql.push_str(&format!(" SET LOCAL ROLE {};", quote_ident(role)));
    }
    sql
}

fn describe(step: &TestStep) -> String {
    match step {
        TestStep::As {
            role,
            claims,
            settings,
        } => {
            let mut s = role.clone();
            if let Some(c) = claims {
                s.push_str(&format!(" claims {c}"));
            }
            for (k, v) in settings {
                s.push_str(&format!(" {k}={v}"));
            }
            s
        }
        _ => "(connecting user)".into(),
    }
}
