//! Deterministic topological order (Kahn's algorithm with an ordered ready set) and
//! cycle reporting (Tarjan's strongly connected components).

use super::{DepGraph, ObjectKey};
use petgraph::algo::tarjan_scc;
use petgraph::Direction;
use std::collections::{BTreeMap, BTreeSet};

/// Objects that depend on each other in a circle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    /// The objects of the cycle, in dependency order, starting with the smallest key.
    pub members: Vec<ObjectKey>,
}

pub(super) fn topological(g: &DepGraph) -> Result<Vec<ObjectKey>, Cycle> {
    let graph = &g.graph;
    let mut indegree: BTreeMap<ObjectKey, usize> = BTreeMap::new();
    let mut ready: BTreeSet<ObjectKey> = BTreeSet::new();
    for (key, n) in &g.nodes {
        let d = graph.neighbors_directed(*n, Direction::Incoming).count();
        if d == 0 {
            ready.insert(key.clone());
        } else {
            indegree.insert(key.clone(), d);
        }
    }
    let mut out = Vec::with_capacity(g.nodes.len());
    while let Some(key) = ready.pop_first() {
        let n = g.nodes[&key];
        for m in graph.neighbors_directed(n, Direction::Outgoing) {
            let mk = &graph[m];
            let d = indegree
                .get_mut(mk)
                .expect("unfinished node has an in-degree");
            *d -= 1;
            if *d == 0 {
                indegree.remove(mk);
                ready.insert(mk.clone());
            }
        }
        out.push(key);
    }
    if indegree.is_empty() {
        return Ok(out);
    }
    Err(find_cycle(g))
}

fn find_cycle(g: &DepGraph) -> Cycle {
    let mut best: Option<Vec<ObjectKey>> = None;
    for scc in tarjan_scc(&g.graph) {
        if scc.len() < 2 {
            continue;
        }
        let set: BTreeSet<_> = scc.iter().copied().collect();
        // Walk the cycle from its smallest member, always taking the smallest successor.
        let start = *scc.iter().min_by_key(|n| &g.graph[**n]).expect("non-empty");
        let mut path = vec![start];
        let mut cur = start;
        loop {
            let next = g
                .graph
                .neighbors_directed(cur, Direction::Outgoing)
                .filter(|m| set.contains(m))
                .min_by_key(|m| &g.graph[*m])
                .expect("a node of a cycle has a successor in it");
            if next == start || path.contains(&next) {
                break;
            }
            path.push(next);
            cur = next;
        }
        let members: Vec<ObjectKey> = path.iter().map(|n| g.graph[*n].clone()).collect();
        if best.as_ref().is_none_or(|b| members < *b) {
            best = Some(members);
        }
    }
    Cycle {
        members: best.unwrap_or_default(),
    }
}
