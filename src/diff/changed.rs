//! The sets of objects a diff drops and creates, without copying every key.
//!
//! Most of them follow from the two graphs alone: an object of one side that the other
//! side lacks. Only the objects a diff adds on top (those replaced because something
//! they depend on is) are stored. Diffing from or to an empty schema (every first
//! migration, its rollback and every `schema.sql`) used to copy and sort every key of
//! the schema into a tree; now it copies none.

use crate::graph::{DepGraph, ObjectKey};
use std::collections::BTreeSet;

/// The keys of one side (`side`) that another graph (`other`) lacks, plus added keys.
/// Membership is only ever asked of keys of `side`.
pub(super) struct Changed<'a> {
    side: &'a [ObjectKey],
    other: &'a DepGraph,
    added: BTreeSet<ObjectKey>,
}

impl<'a> Changed<'a> {
    /// The keys of `side` that `other` lacks.
    pub(super) fn new(side: &'a [ObjectKey], other: &'a DepGraph) -> Self {
        Changed {
            side,
            other,
            added: BTreeSet::new(),
        }
    }

    /// Whether `key` (a key of this side) is in the set.
    pub(super) fn contains(&self, key: &ObjectKey) -> bool {
        !self.other.contains(key) || self.added.contains(key)
    }

    /// Adds `key` (a key of this side).
    pub(super) fn insert(&mut self, key: ObjectKey) {
        if self.other.contains(&key) {
            self.added.insert(key);
        }
    }

    /// The keys in the set, in this side's order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &'a ObjectKey> + '_ {
        self.side.iter().filter(|k| self.contains(k))
    }
}
