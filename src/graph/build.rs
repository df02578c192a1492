//! Schema → DepGraph: one node per object, edges from every reference that can be
//! known, including names mentioned inside expressions.

use super::names::Names;
use super::{DepGraph, ObjectKey};
use crate::model::{ConstraintKind, GrantObject, QName, Schema};
use crate::sqltext::routine_body;

pub(super) fn build(schema: &Schema) -> DepGraph {
    let members: usize = schema
        .tables
        .values()
        .map(|t| 2 + t.constraints.len() + t.indexes.len() + t.triggers.len() + t.policies.len())
        .sum();
    let mut g = DepGraph::with_capacity(
        members
            + schema.schemas.len()
            + schema.extensions.len()
            + schema.collations.len()
            + schema.enums.len()
            + schema.domains.len()
            + schema.composites.len()
            + 2 * schema.sequences.len()
            + 2 * schema.functions.len()
            + schema.aggregates.len()
            + schema.views.len(),
    );
    let names = Names::new(schema);
    add_nodes(&mut g, schema);
    let extensions: Vec<ObjectKey> = schema
        .extensions
        .keys()
        .map(|e| ObjectKey::Extension(e.clone()))
        .collect();
    let in_schema = |g: &mut DepGraph, key: &ObjectKey, s: &str| {
        g.depends(key, &ObjectKey::Schema(s.to_string()));
    };
    for (name, e) in &schema.extensions {
        if let Some(s) = &e.schema {
            in_schema(&mut g, &ObjectKey::Extension(name.clone()), s);
        }
    }
    for q in schema.enums.keys() {
        in_schema(&mut g, &ObjectKey::Enum(q.clone()), &q.schema);
    }
    for (q, d) in &schema.domains {
        let key = ObjectKey::Domain(q.clone());
        in_schema(&mut g, &key, &q.schema);
        let mut deps: Vec<ObjectKey> = names.of_type(&d.ty).into_iter().collect();
        for e in d.default.iter().chain(d.checks.iter().map(|(_, e)| e)) {
            deps.extend(names.in_expr(e, &q.schema, &["value".to_string()]));
        }
        deps.extend(extensions.iter().cloned());
        deps.iter().for_each(|d| g.depends(&key, d));
    }
    for q in schema.collations.keys() {
        in_schema(&mut g, &ObjectKey::Collation(q.clone()), &q.schema);
    }
    for (q, r) in &schema.ranges {
        let key = ObjectKey::Range(q.clone());
        in_schema(&mut g, &key, &q.schema);
        for (k, v) in &r.options {
            let deps = match k.as_str() {
                "subtype" => names.of_type(v).into_iter().collect(),
                "canonical" | "subtype_diff" => names.in_expr(&format!("{v}()"), &q.schema, &[]),
                "collation" => names.in_expr(&format!("x collate {v}"), &q.schema, &[]),
                _ => Vec::new(),
            };
            deps.iter().for_each(|d| g.depends(&key, d));
        }
        extensions.iter().for_each(|e| g.depends(&key, e));
    }
    for (q, c) in &schema.composites {
        let key = ObjectKey::Composite(q.clone());
        in_schema(&mut g, &key, &q.schema);
        for (_, ty) in &c.attributes {
            if let Some(d) = names.of_type(ty) {
                g.depends(&key, &d);
            }
        }
        extensions.iter().for_each(|e| g.depends(&key, e));
    }
    for (q, s) in &schema.sequences {
        let key = ObjectKey::Sequence(q.clone());
        in_schema(&mut g, &key, &q.schema);
        if let Some((t, _)) = &s.owned_by {
            let owner = ObjectKey::SequenceOwner(q.clone());
            g.depends(&owner, &key);
            g.depends(&owner, &ObjectKey::Table(t.clone()));
        }
    }
    for (k, f) in &schema.functions {
        let key = ObjectKey::Function(k.clone());
        in_schema(&mut g, &key, &f.name.schema);
        let mut deps: Vec<ObjectKey> = f.args.iter().filter_map(|a| names.of_type(&a.ty)).collect();
        if let Some(r) = &f.returns {
            deps.extend(names.of_type(r.trim_start_matches("SETOF ")));
            deps.extend(names.in_expr(r, &f.name.schema, &[]));
        }
        for a in &f.args {
            if let Some(d) = &a.default {
                deps.extend(names.in_expr(d, &f.name.schema, &[]));
            }
        }
        // SQL bodies are checked when the function is created, so what they read must
        // exist first; PL/pgSQL bodies are only checked when run.
        if f.language == "sql" {
            let args: Vec<String> = f.args.iter().filter_map(|a| a.name.clone()).collect();
            deps.extend(names.in_expr(&routine_body(&f.body), &f.name.schema, &args));
        }
        // PL/pgSQL resolves its variables' types at creation (`declare r t;`).
        if f.language == "plpgsql" {
            deps.extend(names.declared(&routine_body(&f.body), &f.name.schema));
        }
        deps.extend(extensions.iter().cloned());
        deps.iter().for_each(|d| g.depends(&key, d));
    }
    for (k, a) in &schema.aggregates {
        let key = ObjectKey::Aggregate(k.clone());
        in_schema(&mut g, &key, &a.name.schema);
        let mut deps: Vec<ObjectKey> = a.args.iter().filter_map(|t| names.of_type(t)).collect();
        for (option, value) in &a.options {
            if option.ends_with("func") {
                // A function named by the option: every overload of that name.
                let called = format!("{value}()");
                deps.extend(names.in_expr(&called, &a.name.schema, &[]));
            } else if option.ends_with("type") {
                deps.extend(names.of_type(value));
                deps.extend(names.in_expr(value, &a.name.schema, &[]));
            }
        }
        deps.extend(extensions.iter().cloned());
        deps.iter().for_each(|d| g.depends(&key, d));
    }
    for (q, t) in &schema.tables {
        add_table_edges(&mut g, &names, &extensions, schema, q, t);
        add_fk_index_edges(&mut g, schema, q, t);
    }
    for (q, v) in &schema.views {
        let key = ObjectKey::View(q.clone());
        in_schema(&mut g, &key, &q.schema);
        for d in names.in_expr(&v.query, &q.schema, &[]) {
            g.depends(&key, &d);
        }
        extensions.iter().for_each(|e| g.depends(&key, e));
        for i in &v.indexes {
            let ikey = ObjectKey::ViewIndex(q.clone(), i.name.clone());
            g.depends(&ikey, &key);
            extensions.iter().for_each(|e| g.depends(&ikey, e));
            for e in i.elements.iter().chain(i.predicate.iter()) {
                for d in names.in_expr(e, &q.schema, &[]) {
                    g.depends(&ikey, &d);
                }
            }
        }
        for tr in &v.triggers {
            let tkey = ObjectKey::ViewTrigger(q.clone(), tr.name.clone());
            g.depends(&tkey, &key);
            g.depends(&tkey, &ObjectKey::Function(tr.function.clone()));
            for d in tr
                .when
                .iter()
                .flat_map(|w| names.in_expr(w, &q.schema, &[]))
            {
                g.depends(&tkey, &d);
            }
        }
    }
    for r in &schema.rules {
        let key = ObjectKey::Rule(r.relation.clone(), r.name.clone());
        let q = &r.relation;
        g.depends(&key, &ObjectKey::Table(q.clone()));
        g.depends(&key, &ObjectKey::View(q.clone()));
        let cols: Vec<String> = schema
            .tables
            .get(q)
            .map(|_| {
                schema
                    .all_columns(q)
                    .iter()
                    .map(|c| c.name.clone())
                    .collect()
            })
            .unwrap_or_default();
        for text in r.condition.iter().chain(&r.actions) {
            for d in names.in_expr(text, &q.schema, &cols) {
                g.depends(&key, &d);
            }
        }
    }
    for object in schema.grant_objects() {
        let target = grant_target(schema, &object);
        g.depends(&ObjectKey::Grants(object), &target);
    }
    for d in &schema.default_privileges {
        if let Some(s) = &d.schema {
            g.depends(
                &ObjectKey::DefaultPrivileges(d.scope()),
                &ObjectKey::Schema(s.clone()),
            );
        }
    }
    g
}

fn add_nodes(g: &mut DepGraph, schema: &Schema) {
    for s in schema.schemas.keys() {
        g.node(ObjectKey::Schema(s.clone()));
    }
    for e in schema.extensions.keys() {
        g.node(ObjectKey::Extension(e.clone()));
    }
    for q in schema.collations.keys() {
        g.node(ObjectKey::Collation(q.clone()));
    }
    for p in schema.publications.keys() {
        g.node(ObjectKey::Publication(p.clone()));
    }
    for q in schema.enums.keys() {
        g.node(ObjectKey::Enum(q.clone()));
    }
    for q in schema.domains.keys() {
        g.node(ObjectKey::Domain(q.clone()));
    }
    for q in schema.composites.keys() {
        g.node(ObjectKey::Composite(q.clone()));
    }
    for q in schema.ranges.keys() {
        g.node(ObjectKey::Range(q.clone()));
    }
    for (q, s) in &schema.sequences {
        g.node(ObjectKey::Sequence(q.clone()));
        if s.owned_by.is_some() {
            g.node(ObjectKey::SequenceOwner(q.clone()));
        }
    }
    for k in schema.functions.keys() {
        g.node(ObjectKey::Function(k.clone()));
    }
    for k in schema.aggregates.keys() {
        g.node(ObjectKey::Aggregate(k.clone()));
    }
    for (q, t) in &schema.tables {
        g.node(ObjectKey::Table(q.clone()));
        for c in &t.constraints {
            if matches!(c.kind, ConstraintKind::ForeignKey(_)) {
                g.node(ObjectKey::ForeignKey(q.clone(), c.name.clone()));
            }
        }
        for i in &t.indexes {
            g.node(ObjectKey::Index(q.clone(), i.name.clone()));
        }
        for tr in &t.triggers {
            g.node(ObjectKey::Trigger(q.clone(), tr.name.clone()));
        }
        for s in &t.statistics {
            g.node(ObjectKey::Statistics(q.clone(), s.name.clone()));
        }
        for p in &t.policies {
            g.node(ObjectKey::Policy(q.clone(), p.name.clone()));
        }
        if t.seed.is_some() {
            g.node(ObjectKey::Seed(q.clone()));
        }
    }
    for (q, v) in &schema.views {
        g.node(ObjectKey::View(q.clone()));
        for i in &v.indexes {
            g.node(ObjectKey::ViewIndex(q.clone(), i.name.clone()));
        }
        for tr in &v.triggers {
            g.node(ObjectKey::ViewTrigger(q.clone(), tr.name.clone()));
        }
    }
    for r in &schema.rules {
        g.node(ObjectKey::Rule(r.relation.clone(), r.name.clone()));
    }
    for object in schema.grant_objects() {
        g.node(ObjectKey::Grants(object));
    }
    for d in &schema.default_privileges {
        g.node(ObjectKey::DefaultPrivileges(d.scope()));
    }
}

/// A foreign key whose referenced columns are unique through a unique *index* (not a
/// constraint) needs that index first (42830 otherwise), and is dropped before it.
fn add_fk_index_edges(g: &mut DepGraph, schema: &Schema, q: &QName, t: &crate::model::Table) {
    for c in &t.constraints {
        let ConstraintKind::ForeignKey(fk) = &c.kind else {
            continue;
        };
        let Some(parent) = schema.tables.get(&fk.ref_table) else {
            continue;
        };
        let wanted: std::collections::BTreeSet<String> = fk
            .ref_columns
            .iter()
            .map(|c| crate::model::unquote_ident(c))
            .collect();
        for i in parent
            .indexes
            .iter()
            .filter(|i| i.unique && i.predicate.is_none())
        {
            let cols: std::collections::BTreeSet<String> = i
                .elements
                .iter()
                .map(|e| crate::model::unquote_ident(e.split_whitespace().next().unwrap_or(e)))
                .collect();
            if cols == wanted {
                g.depends(
                    &ObjectKey::ForeignKey(q.clone(), c.name.clone()),
                    &ObjectKey::Index(fk.ref_table.clone(), i.name.clone()),
                );
            }
        }
    }
}

fn add_table_edges(
    g: &mut DepGraph,
    names: &Names,
    extensions: &[ObjectKey],
    schema: &Schema,
    q: &QName,
    t: &crate::model::Table,
) {
    let key = ObjectKey::Table(q.clone());
    // A partition's expressions name its parent's columns, a child's its parents'.
    let all_columns = schema.all_columns(q);
    g.depends(&key, &ObjectKey::Schema(q.schema.clone()));
    extensions.iter().for_each(|e| g.depends(&key, e));
    let cols: Vec<String> = all_columns.iter().map(|c| c.name.clone()).collect();
    if let Some(p) = &t.partition_of {
        g.depends(&key, &ObjectKey::Table(p.parent.clone()));
    }
    for parent in &t.inherits {
        g.depends(&key, &ObjectKey::Table(parent.clone()));
    }
    // A publication of the project exists before its tables join it.
    for p in &t.publications {
        if schema.publications.contains_key(p) {
            g.depends(&key, &ObjectKey::Publication(p.clone()));
        }
    }
    for c in &t.columns {
        if let Some(d) = names.of_type(&c.ty) {
            g.depends(&key, &d);
        }
        if let Some(d) = c.collation.as_deref().and_then(|n| names.collation(n)) {
            g.depends(&key, &d);
        }
        for e in c.default.iter().chain(c.generated.iter()) {
            for d in names.in_expr(e, &q.schema, &cols) {
                g.depends(&key, &d);
            }
        }
    }
    for c in &t.constraints {
        match &c.kind {
            ConstraintKind::Check { expr } => {
                for d in names.in_expr(expr, &q.schema, &cols) {
                    g.depends(&key, &d);
                }
            }
            ConstraintKind::ForeignKey(fk) => {
                let fkey = ObjectKey::ForeignKey(q.clone(), c.name.clone());
                g.depends(&fkey, &key);
                g.depends(&fkey, &ObjectKey::Table(fk.ref_table.clone()));
            }
            _ => {}
        }
    }
    for i in &t.indexes {
        let ikey = ObjectKey::Index(q.clone(), i.name.clone());
        g.depends(&ikey, &key);
        extensions.iter().for_each(|e| g.depends(&ikey, e));
        for e in i.elements.iter().chain(i.predicate.iter()) {
            for d in names.in_expr(e, &q.schema, &cols) {
                g.depends(&ikey, &d);
            }
        }
    }
    for tr in &t.triggers {
        let tkey = ObjectKey::Trigger(q.clone(), tr.name.clone());
        g.depends(&tkey, &key);
        g.depends(&tkey, &ObjectKey::Function(tr.function.clone()));
        if let Some(from) = tr.constraint.as_ref().and_then(|c| c.from.as_ref()) {
            g.depends(&tkey, &ObjectKey::Table(from.clone()));
            g.depends(&tkey, &ObjectKey::View(from.clone()));
        }
        if let Some(w) = &tr.when {
            for d in names.in_expr(w, &q.schema, &cols) {
                g.depends(&tkey, &d);
            }
        }
    }
    for s in &t.statistics {
        let skey = ObjectKey::Statistics(q.clone(), s.name.clone());
        g.depends(&skey, &key);
        for e in &s.targets {
            for d in names.in_expr(e, &q.schema, &cols) {
                g.depends(&skey, &d);
            }
        }
    }
    for p in &t.policies {
        let pkey = ObjectKey::Policy(q.clone(), p.name.clone());
        g.depends(&pkey, &key);
        for e in p.using.iter().chain(p.with_check.iter()) {
            for d in names.in_expr(e, &q.schema, &cols) {
                g.depends(&pkey, &d);
            }
        }
    }
    if t.seed.is_some() {
        let skey = ObjectKey::Seed(q.clone());
        g.depends(&skey, &key);
        for tr in &t.triggers {
            g.depends(&skey, &ObjectKey::Trigger(q.clone(), tr.name.clone()));
        }
        for c in &t.constraints {
            if let ConstraintKind::ForeignKey(fk) = &c.kind {
                g.depends(&skey, &ObjectKey::ForeignKey(q.clone(), c.name.clone()));
                g.depends(&skey, &ObjectKey::Seed(fk.ref_table.clone()));
            }
        }
    }
}

/// The object whose privileges `Grants(o)` sets.
pub(crate) fn grant_target(schema: &Schema, o: &GrantObject) -> ObjectKey {
    match o {
        GrantObject::Schema(s) => ObjectKey::Schema(s.clone()),
        GrantObject::Sequence(q) => ObjectKey::Sequence(q.clone()),
        GrantObject::Function(k, _) => ObjectKey::Function(k.clone()),
        GrantObject::Relation(q) => ObjectKey::View(q.clone()),
        GrantObject::Type(q) if schema.enums.contains_key(q) => ObjectKey::Enum(q.clone()),
        GrantObject::Type(q) if schema.domains.contains_key(q) => ObjectKey::Domain(q.clone()),
        GrantObject::Type(q) if schema.ranges.contains_key(q) => ObjectKey::Range(q.clone()),
        GrantObject::Type(q) => ObjectKey::Composite(q.clone()),
    }
}
