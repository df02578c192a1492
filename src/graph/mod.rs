//! Stage 3, order: the dependency graph over every object of a [`Schema`] (petgraph),
//! and its deterministic topological order. Dependencies hidden in expressions (a
//! default calling a function, a policy reading another table) are found by scanning
//! the expression's names with [`crate::sqltext`].

mod build;
mod key;
mod names;
mod order;

pub(crate) use build::grant_target;
pub use key::ObjectKey;
pub use order::Cycle;

use crate::model::Schema;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::BTreeSet;

/// Key → node lookup. Only ever probed by key, never iterated, so hash order cannot
/// reach any output; it replaces an ordered map that made every edge two string-keyed
/// tree searches (the build's hottest path at 5,000 tables). Keys are short names from
/// the project itself, so the fast non-cryptographic Fx hash suits them (SipHash was a
/// third of the cost of adding a node).
#[allow(clippy::disallowed_types)]
type NodeIndexMap = rustc_hash::FxHashMap<ObjectKey, NodeIndex>;

/// Objects and their dependencies; an edge `a → b` means `b` depends on `a`.
#[derive(Debug, Default, Clone)]
pub struct DepGraph {
    graph: DiGraph<ObjectKey, ()>,
    nodes: NodeIndexMap,
}

impl DepGraph {
    /// Builds the graph of a schema.
    pub fn build(schema: &Schema) -> Self {
        build::build(schema)
    }

    /// An empty graph with room for `nodes` objects.
    fn with_capacity(nodes: usize) -> Self {
        let mut map = NodeIndexMap::default();
        map.reserve(nodes);
        DepGraph {
            graph: DiGraph::with_capacity(nodes, nodes * 2),
            nodes: map,
        }
    }

    fn node(&mut self, key: ObjectKey) -> NodeIndex {
        match self.nodes.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => *e.get(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let n = self.graph.add_node(e.key().clone());
                *e.insert(n)
            }
        }
    }

    /// Records that `dependent` needs `dependency` (both must be nodes already; edges to
    /// unknown objects, such as built-ins, are ignored).
    fn depends(&mut self, dependent: &ObjectKey, dependency: &ObjectKey) {
        if dependent == dependency {
            return;
        }
        // Parallel edges are harmless (the sort counts and removes each one) and
        // `add_edge` is O(1), where `update_edge` scans every edge of the node.
        if let (Some(a), Some(b)) = (self.nodes.get(dependency), self.nodes.get(dependent)) {
            self.graph.add_edge(*a, *b, ());
        }
    }

    /// Every object, in dependency order (ties broken by [`ObjectKey`] order).
    pub fn order(&self) -> Result<Vec<ObjectKey>, Cycle> {
        order::topological(self)
    }

    /// Whether the graph has this object.
    pub fn contains(&self, key: &ObjectKey) -> bool {
        self.nodes.contains_key(key)
    }

    /// The objects that depend on `key` directly, in no particular order (for tests
    /// such as "does any dependent …"; never for output).
    pub fn dependents_of<'a>(
        &'a self,
        key: &ObjectKey,
    ) -> impl Iterator<Item = &'a ObjectKey> + 'a {
        self.nodes
            .get(key)
            .into_iter()
            .flat_map(move |n| self.graph.neighbors(*n).map(move |m| &self.graph[m]))
    }

    /// The objects `key` depends on directly, in no particular order (for tests only).
    pub fn dependencies_of<'a>(
        &'a self,
        key: &ObjectKey,
    ) -> impl Iterator<Item = &'a ObjectKey> + 'a {
        self.nodes.get(key).into_iter().flat_map(move |n| {
            self.graph
                .neighbors_directed(*n, petgraph::Direction::Incoming)
                .map(move |m| &self.graph[m])
        })
    }

    /// The objects that depend on `key` directly, sorted.
    pub fn direct_dependents(&self, key: &ObjectKey) -> BTreeSet<ObjectKey> {
        let Some(n) = self.nodes.get(key) else {
            return BTreeSet::new();
        };
        self.graph
            .neighbors(*n)
            .map(|m| self.graph[m].clone())
            .collect()
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True when there are no nodes.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}
