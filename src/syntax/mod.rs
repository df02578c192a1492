//! Stage 1, parse: source text → [`ast::File`] plus diagnostics. The only module that
//! uses pest. Parsing never fails: a declaration or member that does not parse becomes a
//! diagnostic and parsing goes on with the next one, so one run reports every error.

pub mod ast;
mod error;
mod lower;
mod parser;

use crate::diagnostics::{Diagnostics, FileId};

/// The result of parsing one file.
#[derive(Debug)]
pub struct Parsed {
    /// What could be parsed.
    pub file: ast::File,
    /// Syntax errors.
    pub diagnostics: Diagnostics,
}

/// Parses one source file.
pub fn parse(text: &str, file: FileId) -> Parsed {
    lower::parse_file(text, file)
}
