#![doc = include_str!("../ARCHITECTURE.md")]

// pest without its `std` feature (see `syntax::depth`) generates code that names the
// `alloc` crate.
extern crate alloc;

pub mod analysis;
pub mod cli;
pub mod diagnostics;
pub mod diff;
pub mod graph;
pub mod introspect;
pub mod lint;
pub mod migrate;
pub mod model;
pub mod project;
pub mod pull;
pub mod sql;
pub mod sqltext;
pub mod syntax;
