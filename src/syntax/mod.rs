//! Stage 1, parse: source text → [`ast::File`] plus diagnostics. The only module that
//! uses pest. Parsing never fails: a declaration or member that does not parse becomes a
//! diagnostic and parsing goes on with the next one, so one run reports every error.

pub mod ast;
mod depth;
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

pub use depth::{MAX_NESTING, PARSE_STACK};

/// Parses one source file. A file that nests deeper than [`MAX_NESTING`] is not parsed
/// (P004). Deep nesting recurses: run this on a thread with a [`PARSE_STACK`] stack.
pub fn parse(text: &str, file: FileId) -> Parsed {
    if let Some(offset) = depth::too_deep(text) {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(depth::diagnostic(file, offset));
        return Parsed {
            file: ast::File::default(),
            diagnostics,
        };
    }
    lower::parse_file(text, file)
}

/// The source of the functions behind the trigger building blocks.
pub const BLOCKS_SOURCE: &str = include_str!("../presets/blocks.pgs");

/// The building-block functions the files call from triggers, by name (sorted), less
/// those the files declare themselves (a project pulled from a database schemac built
/// holds them as plain functions).
pub fn blocks_needed<'a>(files: impl IntoIterator<Item = &'a ast::File>) -> Vec<String> {
    use crate::model::block_fn::{APPEND_ONLY, HASH_CHAIN, HASH_CHAIN_VERIFY, IMMUTABLE, TOUCH};
    let mut needed = std::collections::BTreeSet::new();
    let mut declared = std::collections::BTreeSet::new();
    for item in files.into_iter().flat_map(|f| &f.items) {
        if let ast::ItemKind::Function(f) = &item.kind {
            if f.name.schema.as_ref().is_none_or(|s| s.name == "public") {
                declared.insert(f.name.name.name.as_str());
            }
        }
        let members = match &item.kind {
            ast::ItemKind::Table(t) => &t.members,
            ast::ItemKind::Mixin(m) => &m.members,
            _ => continue,
        };
        for m in members {
            if let ast::MemberKind::Trigger(t) = &m.kind {
                let f = &t.function;
                let public = f.schema.as_ref().is_none_or(|s| s.name == "public");
                let name = f.name.name.as_str();
                if public && [APPEND_ONLY, IMMUTABLE, TOUCH, HASH_CHAIN].contains(&name) {
                    needed.insert(name.to_string());
                    if name == HASH_CHAIN {
                        needed.insert(HASH_CHAIN_VERIFY.to_string());
                    }
                }
            }
        }
    }
    needed
        .into_iter()
        .filter(|n| !declared.contains(n.as_str()))
        .collect()
}

/// Keeps only the functions named in `names` (the parsed [`BLOCKS_SOURCE`]).
pub fn keep_functions(file: &mut ast::File, names: &[String]) {
    file.items.retain(|item| {
        matches!(&item.kind, ast::ItemKind::Function(f) if names.contains(&f.name.name.name))
    });
}
