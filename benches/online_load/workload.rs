//! The concurrent workload of the load benchmark: connections that run single-row
//! SELECT, INSERT and UPDATE statements on the filled tables, one after another, and
//! record when each started and how long it took. A statement that waits behind a
//! migration's lock shows as a long one.

use super::fill::Filled;
use postgres::{Client, NoTls};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One workload statement: when it started and how long it took.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// Start.
    pub at: Instant,
    /// Duration.
    pub took: Duration,
}

/// Workload threads running until [`Workload::stop`].
pub struct Workload {
    stop: Arc<AtomicBool>,
    threads: Vec<std::thread::JoinHandle<Vec<Sample>>>,
}

impl Workload {
    /// Starts `connections` workload connections on `url` over `tables`.
    pub fn start(url: &str, tables: &[Filled], connections: usize) -> Workload {
        let stop = Arc::new(AtomicBool::new(false));
        let threads = (0..connections)
            .map(|id| {
                let (url, tables, stop) = (url.to_string(), tables.to_vec(), stop.clone());
                std::thread::spawn(move || run(&url, &tables, id, connections, &stop))
            })
            .collect();
        Workload { stop, threads }
    }

    /// Stops the threads and returns every sample, in no particular order.
    pub fn stop(self) -> Vec<Sample> {
        self.stop.store(true, Ordering::Relaxed);
        self.threads
            .into_iter()
            .flat_map(|t| t.join().unwrap_or_default())
            .collect()
    }
}

fn run(url: &str, tables: &[Filled], id: usize, of: usize, stop: &AtomicBool) -> Vec<Sample> {
    let Ok(mut c) = Client::connect(url, NoTls) else {
        return Vec::new();
    };
    // Never hang the benchmark: a statement blocked for a minute is recorded as such.
    let _ = c.batch_execute("SET statement_timeout = '60s'");
    let mut samples = Vec::new();
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64 ^ (id as u64);
    let mut next_row: Vec<i64> = tables.iter().map(|t| t.rows + 1 + id as i64).collect();
    let mut turn = 0usize;
    while !stop.load(Ordering::Relaxed) && !tables.is_empty() {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let i = turn % tables.len();
        let t = &tables[i];
        let row = (seed >> 33) as i64 % t.rows.max(1) + 1;
        let sql = match (turn / tables.len()) % 3 {
            0 => match &t.key {
                Some(k) => format!(
                    "SELECT * FROM {} WHERE {} = {}",
                    t.table,
                    k.column,
                    k.of(&row.to_string())
                ),
                None => format!("SELECT * FROM {} LIMIT 1", t.table),
            },
            1 => {
                let g = next_row[i];
                next_row[i] += of as i64;
                t.rows_sql(g, g)
            }
            _ => match (&t.update_column, &t.key) {
                (Some(col), Some(k)) => format!(
                    "UPDATE {} SET {col} = {col} WHERE {} = {}",
                    t.table,
                    k.column,
                    k.of(&row.to_string())
                ),
                (Some(col), None) => format!(
                    "UPDATE {0} SET {col} = {col} WHERE ctid = (SELECT ctid FROM {0} LIMIT 1)",
                    t.table
                ),
                _ => format!("SELECT count(*) FROM (SELECT 1 FROM {} LIMIT 1) x", t.table),
            },
        };
        turn += 1;
        let at = Instant::now();
        // A statement that fails (a new NOT NULL column the generator does not fill)
        // still tells how long it waited.
        let _ = c.batch_execute(&sql);
        samples.push(Sample {
            at,
            took: at.elapsed(),
        });
    }
    samples
}

/// The longest sample that started in `[from, to)`: a statement that a part's lock
/// blocks starts while the part runs (one that started before got its lock first), and
/// may end in a later part, which did not block it.
pub fn worst_wait(samples: &[Sample], from: Instant, to: Instant) -> Duration {
    samples
        .iter()
        .filter(|s| s.at >= from && s.at < to)
        .map(|s| s.took)
        .max()
        .unwrap_or_default()
}
