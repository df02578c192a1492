//! Stage 2, check: AST → [`model::Schema`] plus diagnostics, in ordered passes:
//!
//! 1. `declare`: externs, mixins, and every declared name (duplicates are reported);
//! 2. `objects`: schemas, extensions, types, sequences, routines, views, grants;
//! 3. `tables`: tables with mixins expanded and default names chosen;
//! 4. `validate`: references (types, FK targets, roles, trigger functions, partitions,
//!    seeds) and rules such as "a policy needs RLS";
//! 5. `versions`: features the oldest PostgreSQL the project targets lacks (C030);
//! 6. `policytests`: `test` blocks, checked against the model and expanded.
//!
//! Each pass reports all it finds; a pass that depends on a failed one is skipped.

mod aggregates;
mod collations;
mod composites;
mod declare;
mod defaults;
mod indexes;
mod inheritance;
mod mixins;
mod naming;
mod objects;
mod parents;
mod partitions;
mod policytests;
mod privileges;
mod publications;
mod ranges;
mod rewrite_rules;
mod statistics;
mod tables;
pub mod types;
mod validate;
mod versions;
mod view_triggers;

use crate::diagnostics::{Diagnostics, FileId, Span};
use crate::model::{self, QName};
use crate::syntax::ast;
use std::collections::{BTreeMap, BTreeSet};

/// The outcome of checking a project.
#[derive(Debug)]
pub struct Checked {
    /// The model; `None` when errors were found.
    pub schema: Option<model::Schema>,
    /// The externally provided objects.
    pub externs: model::Externs,
    /// Everything reported.
    pub diagnostics: Diagnostics,
    /// Where each object was declared, by its display key (`table public.tasks`).
    pub origins: BTreeMap<String, Span>,
    /// Declared renames.
    pub renames: model::Renames,
    /// `allow data loss` declarations.
    pub allowances: model::Allowances,
    /// Policy tests, with where each was declared.
    pub tests: Vec<(Span, model::PolicyTest)>,
}

/// Shared state of the passes.
pub(crate) struct Cx<'a> {
    pub diags: Diagnostics,
    pub schema: model::Schema,
    pub externs: model::Externs,
    pub mixins: BTreeMap<String, &'a ast::Mixin>,
    pub origins: BTreeMap<String, Span>,
    /// Declared domains (and enums), for type resolution before they are built.
    pub type_names: BTreeSet<QName>,
    /// Every declaration of the project.
    pub items: Vec<&'a ast::Item>,
    /// Declared renames.
    pub renames: model::Renames,
    /// `allow data loss` declarations.
    pub allowances: model::Allowances,
    /// Tables that say `check parents`, with where they say it.
    pub parents: BTreeMap<QName, Span>,
}

impl<'a> Cx<'a> {
    /// A context for lowering a share of the tables on another core: what the earlier
    /// passes found, read-only, and empty outputs.
    fn fork(&self) -> Cx<'a> {
        Cx {
            diags: Diagnostics::new(),
            schema: self.schema.clone(),
            externs: self.externs.clone(),
            mixins: self.mixins.clone(),
            origins: BTreeMap::new(),
            type_names: self.type_names.clone(),
            items: Vec::new(),
            renames: model::Renames::default(),
            allowances: model::Allowances::default(),
            parents: BTreeMap::new(),
        }
    }

    /// Takes a forked context's outputs, as if its work had been done here, after
    /// everything done so far.
    fn absorb(&mut self, other: Cx<'a>) {
        self.diags.extend(other.diags);
        self.origins.extend(other.origins);
        self.schema.tables.extend(other.schema.tables);
        self.renames.append(other.renames);
        self.parents.extend(other.parents);
    }
}

/// Checks the parsed files of one project.
pub fn check(files: &[(FileId, ast::File)], target: model::Target) -> Checked {
    let mut cx = Cx {
        diags: Diagnostics::new(),
        schema: model::Schema::empty(),
        externs: model::Externs::default(),
        mixins: BTreeMap::new(),
        origins: BTreeMap::new(),
        type_names: BTreeSet::new(),
        items: files.iter().flat_map(|(_, f)| f.items.iter()).collect(),
        renames: model::Renames::default(),
        allowances: model::Allowances::default(),
        parents: BTreeMap::new(),
    };
    // A routine is executable by whom the project says, never by PUBLIC unless it
    // says so: a SECURITY DEFINER function left to PUBLIC is a way past every policy.
    cx.schema.routines_private = true;
    cx.schema.relations_revoke_all = true;
    declare::run(&mut cx);
    defaults::run(&mut cx);
    collations::run(&mut cx);
    publications::run(&mut cx);
    ranges::run(&mut cx);
    composites::run(&mut cx);
    objects::run(&mut cx);
    aggregates::run(&mut cx);
    indexes::lower_view_indexes(&mut cx);
    view_triggers::run(&mut cx);
    tables::run(&mut cx);
    rewrite_rules::run(&mut cx);
    statistics::check_unique(&mut cx);
    privileges::run(&mut cx);
    parents::run(&mut cx);
    if !cx.diags.has_errors() {
        validate::run(&mut cx);
        versions::run(&mut cx, target);
    }
    let tests = if cx.diags.has_errors() {
        Vec::new()
    } else {
        policytests::run(&mut cx)
    };
    cx.externs.default_privileges = cx.schema.platform_defaults.clone();
    let schema = (!cx.diags.has_errors()).then_some(cx.schema);
    Checked {
        schema,
        externs: cx.externs,
        diagnostics: cx.diags,
        origins: cx.origins,
        renames: cx.renames,
        allowances: cx.allowances,
        tests,
    }
}

/// Resolves a written name: unqualified names live in `public`.
pub(crate) fn qualify(name: &ast::QName) -> QName {
    QName::new(
        name.schema
            .as_ref()
            .map_or_else(|| "public".to_string(), |s| s.name.clone()),
        name.name.name.clone(),
    )
}
