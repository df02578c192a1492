//! Applying migration files. This session provides the file format's reader; the
//! runner (`schemac migrate`, tracking table, locking) builds on it.

pub mod script;
