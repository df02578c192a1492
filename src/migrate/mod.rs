//! Applying migrations to a live database: the file format's reader (`script`), the
//! comparison of files with the tracking table (`plan`), and the runner (`runner`),
//! the only part besides introspection that talks to PostgreSQL.

pub mod baseline;
pub mod cluster;
pub mod connect;
pub mod dev;
mod outcome;
pub mod plan;
pub mod policytests;
pub mod progress;
pub mod repair;
pub mod runner;
pub mod scratch;
pub mod script;
pub mod shim;
mod tls;
