//! Projects on disk: `schemac.toml`, source loading, the committed history in
//! generated/, and the build that keeps generated/ in step with the schema.

pub mod build;
pub mod canonical;
pub mod config;
pub mod history;
pub mod load;
pub mod prelude;
mod risks;
pub mod summary;
