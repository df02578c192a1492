//! Deterministic topological order (Kahn's algorithm with an ordered ready set) and
//! cycle reporting (Tarjan's strongly connected components).

use super::{DepGraph, ObjectKey};
use petgraph::algo::tarjan_scc;
use petgraph::graph::NodeIndex;
use petgraph::Direction;
use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap};

/// Objects that depend on each other in a circle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    /// The objects of the cycle, in dependency order, starting with the smallest key.
    pub members: Vec<ObjectKey>,
}

pub(super) fn topological(g: &DepGraph) -> Result<Vec<ObjectKey>, Cycle> {
    let graph = &g.graph;
    let mut indegree: Vec<usize> = vec![0; graph.node_count()];
    for e in graph.raw_edges() {
        indegree[e.target().index()] += 1;
    }
    // The tie-break that makes the order deterministic is the key order: rank every node
    // by its key once, and keep the ready nodes in a heap of ranks (comparing integers
    // instead of keys made of names).
    let mut by_key: Vec<NodeIndex> = graph.node_indices().collect();
    by_key.sort_unstable_by(|a, b| graph[*a].cmp(&graph[*b]));
    let mut rank = vec![0usize; graph.node_count()];
    for (r, n) in by_key.iter().enumerate() {
        rank[n.index()] = r;
    }
    let mut ready: BinaryHeap<Reverse<usize>> = graph
        .node_indices()
        .filter(|n| indegree[n.index()] == 0)
        .map(|n| Reverse(rank[n.index()]))
        .collect();
    let mut out = Vec::with_capacity(graph.node_count());
    while let Some(Reverse(r)) = ready.pop() {
        let n = by_key[r];
        for m in graph.neighbors_directed(n, Direction::Outgoing) {
            let d = &mut indegree[m.index()];
            *d -= 1;
            if *d == 0 {
                ready.push(Reverse(rank[m.index()]));
            }
        }
        out.push(graph[n].clone());
    }
    if out.len() == graph.node_count() {
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
