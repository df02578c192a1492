//! The pest parser generated from `grammar/schema.pest`.

#![allow(missing_docs)]

use pest_derive::Parser;

/// The generated parser; `Rule` names the grammar's rules.
#[derive(Parser)]
#[grammar = "../grammar/schema.pest"]
pub struct SchemaParser;
