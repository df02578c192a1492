//! The parts of a migration as the load benchmark runs them: from a plan (each part
//! with the hazards of its own steps) or from a committed file (each with the file's
//! hazard line), and how they run under the workload, as the runner runs them.

use postgres::Client;
use schemac::diff::{Hazard, Plan};
use schemac::model::Schema;
use schemac::sql::{render, Part};
use std::time::{Duration, Instant};

/// The `lock_timeout` the migrations run with (the project default).
pub const LOCK_TIMEOUT: &str = "5s";

/// One part of a migration, ready to run.
pub struct Step {
    /// What it does (its first statement, shortened).
    pub label: String,
    /// Hazards of the steps it holds.
    pub hazards: Vec<Hazard>,
    /// Runs outside a transaction.
    pub standalone: bool,
    /// Its statements.
    pub statements: Vec<String>,
}

/// What happened to one part under load.
pub struct Measured {
    pub case: String,
    pub label: String,
    pub hazards: Vec<Hazard>,
    pub took: Duration,
    pub wait: Duration,
    pub error: Option<String>,
}

/// The parts of a plan, each with the hazards of the steps it holds.
pub fn steps_of(plan: &Plan, prev: &Schema, next: &Schema, down: bool) -> Vec<Step> {
    let mut out = Vec::new();
    let label = |s: &str| {
        s.lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(70)
            .collect::<String>()
    };
    for step in &plan.pre {
        let one = Plan {
            pre: vec![step.clone()],
            ..Plan::default()
        };
        for s in render(&one, prev, next, down).pre {
            out.push(Step {
                label: label(&s),
                hazards: step.hazards(),
                standalone: true,
                statements: vec![s],
            });
        }
    }
    if !plan.steps.is_empty() {
        let main = Plan {
            steps: plan.steps.clone(),
            ..Plan::default()
        };
        let statements = render(&main, prev, next, down).main;
        let mut hazards: Vec<Hazard> = plan.steps.iter().flat_map(|s| s.hazards()).collect();
        hazards.sort();
        hazards.dedup();
        out.push(Step {
            label: format!("main transaction ({} steps)", plan.steps.len()),
            hazards,
            standalone: false,
            statements,
        });
    }
    for step in &plan.post {
        let one = Plan {
            post: vec![step.clone()],
            ..Plan::default()
        };
        for part in render(&one, prev, next, down).post {
            let (standalone, statements) = match part {
                Part::Standalone(s) => (true, vec![s]),
                Part::Transaction(v) => (false, v),
            };
            out.push(Step {
                label: label(&statements[0]),
                hazards: step.hazards(),
                standalone,
                statements,
            });
        }
    }
    out
}

/// The parts of a committed migration file, each with the hazards its header gives the
/// whole migration (the file does not say which step each statement belongs to).
pub fn steps_of_file(text: &str) -> Vec<Step> {
    let hazards: Vec<Hazard> = text
        .lines()
        .find_map(|l| l.strip_prefix("-- Hazards: "))
        .map(|l| {
            l.split(", ")
                .filter_map(|h| Hazard::ALL.into_iter().find(|x| x.as_str() == h))
                .collect()
        })
        .unwrap_or_default();
    schemac::migrate::script::segments(text)
        .into_iter()
        .map(|seg| {
            let statements = schemac::sqltext::split_statements(&seg.sql);
            Step {
                label: statements
                    .iter()
                    .find(|s| !s.starts_with("SET "))
                    .map(|s| s.lines().next().unwrap_or("").chars().take(70).collect())
                    .unwrap_or_default(),
                hazards: hazards.clone(),
                standalone: !seg.transactional,
                statements,
            }
        })
        .collect()
}

/// Runs the parts under the workload, as the runner does (a transaction that met a lock
/// timeout or a deadlock is tried again three times; concurrent statements wait
/// without a lock timeout).
pub fn run_steps(
    client: &mut Client,
    case: &str,
    steps: &[Step],
    samples_at: &mut Vec<(Instant, Instant)>,
) -> Vec<Measured> {
    let mut out = Vec::new();
    for step in steps {
        let start = Instant::now();
        let mut error = None;
        for attempt in 0..4u32 {
            let result = if step.standalone {
                let _ = client.batch_execute("SET lock_timeout = 0");
                step.statements
                    .iter()
                    .try_for_each(|s| client.batch_execute(s))
            } else {
                client.transaction().and_then(|mut tx| {
                    tx.batch_execute(&format!("SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'"))?;
                    for s in &step.statements {
                        tx.batch_execute(s)?;
                    }
                    tx.commit()
                })
            };
            match result {
                Ok(()) => {
                    error = None;
                    break;
                }
                Err(e) => {
                    let code = e.code().map(|c| c.code().to_string()).unwrap_or_default();
                    error = Some(
                        e.as_db_error()
                            .map_or(e.to_string(), |d| format!("{} ({code})", d.message())),
                    );
                    if !matches!(code.as_str(), "55P03" | "40P01") || attempt == 3 {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(500 << attempt));
                }
            }
        }
        let end = Instant::now();
        samples_at.push((start, end));
        out.push(Measured {
            case: case.to_string(),
            label: step.label.clone(),
            hazards: step.hazards.clone(),
            took: end - start,
            wait: Duration::ZERO,
            error,
        });
    }
    out
}
