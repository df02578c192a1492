//! The load benchmark's summary: per hazard class, the parts, the worst workload wait
//! and the longest part; and whether the parts whose hazards block no one stayed
//! under the lock timeout.

use super::parts::{Measured, LOCK_TIMEOUT};
use schemac::diff::Hazard;
use std::collections::BTreeMap;
use std::time::Duration;

/// Milliseconds.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The table for benches/README.md: per hazard class, the parts, the worst workload
/// wait and the worst part duration; then the claim that parts without `locks-table`
/// never block the workload longer than the lock timeout.
pub fn report(all: &[Measured], rows: i64, filled: usize, empty: usize, took: Duration) {
    let mut by: BTreeMap<String, (usize, Duration, Duration, String)> = BTreeMap::new();
    for m in all.iter().filter(|m| m.error.is_none()) {
        let classes: Vec<String> = if m.hazards.is_empty() {
            vec!["none".into()]
        } else {
            m.hazards.iter().map(|h| h.as_str().to_string()).collect()
        };
        for c in classes {
            let e = by
                .entry(c)
                .or_insert((0, Duration::ZERO, Duration::ZERO, String::new()));
            e.0 += 1;
            if m.wait > e.1 {
                e.1 = m.wait;
                e.3 = format!("{}: {}", m.case, m.label);
            }
            e.2 = e.2.max(m.took);
        }
    }
    let failed = all.iter().filter(|m| m.error.is_some()).count();
    println!("{} parts measured ({} failed on the generated rows), {rows} rows per table ({filled} tables filled, {empty} left empty), in {:.0} s\n", all.len(), failed, took.as_secs_f64());
    println!(
        "| hazard class | parts | worst workload wait | longest part | where the worst wait was |"
    );
    println!("|---|---|---|---|---|");
    for (class, (n, wait, longest, at)) in &by {
        println!(
            "| {class} | {n} | {:.0} ms | {:.0} ms | {} |",
            ms(*wait),
            ms(*longest),
            at.replace('|', "\\|")
        );
    }
    // What blocks the workload by its hazards: an ACCESS EXCLUSIVE lock (locks-table,
    // rewrites-table) or an index built inside a transaction (writes wait).
    let blocking = |h: &[Hazard]| {
        h.contains(&Hazard::LocksTable)
            || h.contains(&Hazard::RewritesTable)
            || (h.contains(&Hazard::BuildsIndex) && !h.contains(&Hazard::NonTransactional))
    };
    // Parts of the committed histories carry their file's hazards, not their own.
    let free = all.iter().filter(|m| {
        m.error.is_none() && !blocking(&m.hazards) && !m.case.starts_with("committed_")
    });
    let worst = free.clone().max_by_key(|m| m.wait);
    println!(
        "\nparts whose hazards block no one (not locks-table, not rewrites-table, no index built inside a transaction): {}, worst workload wait {:.0} ms{} (lock_timeout {LOCK_TIMEOUT})",
        free.count(),
        worst.map_or(0.0, |m| ms(m.wait)),
        worst.map(|m| format!(" at {}: {}", m.case, m.label)).unwrap_or_default()
    );
    let committed: Vec<&Measured> = all
        .iter()
        .filter(|m| m.case.starts_with("committed_") && m.error.is_none())
        .collect();
    if let Some(w) = committed.iter().max_by_key(|m| m.wait) {
        println!(
            "committed example histories (classified by their files' hazard lines): {} parts, worst workload wait {:.0} ms at {}: {}",
            committed.len(),
            ms(w.wait),
            w.case,
            w.label
        );
    }
    for m in all.iter().filter(|m| m.error.is_some()) {
        println!(
            "failed: {}: {}: {}",
            m.case,
            m.label,
            m.error.as_deref().unwrap_or("")
        );
    }
}
