//! Names → graph keys: how a name written inside an expression, a routine body or a
//! type finds the object it means (qualified, or in `public` or the referrer's schema).

use super::ObjectKey;
use crate::model::{QName, Schema};
use crate::sqltext::name_refs;
use crate::sqltext::plpgsql::declared_types;
use std::collections::BTreeMap;

/// Lookup tables from names to graph keys.
pub(super) struct Names {
    /// Functions by qualified name (all overloads).
    functions: BTreeMap<QName, Vec<String>>,
    /// Aggregates by qualified name (all overloads): called like functions.
    aggregates: BTreeMap<QName, Vec<String>>,
    /// Collations by qualified name (`COLLATE x` in columns and expressions).
    collations: BTreeMap<QName, ObjectKey>,
    /// Tables, views and sequences by qualified name.
    relations: BTreeMap<QName, ObjectKey>,
    /// Enums and domains by qualified name.
    types: BTreeMap<QName, ObjectKey>,
}

impl Names {
    pub(super) fn new(schema: &Schema) -> Self {
        let mut functions: BTreeMap<QName, Vec<String>> = BTreeMap::new();
        for (k, f) in &schema.functions {
            functions.entry(f.name.clone()).or_default().push(k.clone());
        }
        let mut aggregates: BTreeMap<QName, Vec<String>> = BTreeMap::new();
        for (k, a) in &schema.aggregates {
            aggregates
                .entry(a.name.clone())
                .or_default()
                .push(k.clone());
        }
        let mut relations = BTreeMap::new();
        for q in schema.tables.keys() {
            relations.insert(q.clone(), ObjectKey::Table(q.clone()));
        }
        for q in schema.views.keys() {
            relations.insert(q.clone(), ObjectKey::View(q.clone()));
        }
        for q in schema.sequences.keys() {
            relations.insert(q.clone(), ObjectKey::Sequence(q.clone()));
        }
        let mut types = BTreeMap::new();
        for q in schema.enums.keys() {
            types.insert(q.clone(), ObjectKey::Enum(q.clone()));
        }
        for q in schema.domains.keys() {
            types.insert(q.clone(), ObjectKey::Domain(q.clone()));
        }
        for q in schema.composites.keys() {
            types.insert(q.clone(), ObjectKey::Composite(q.clone()));
        }
        for (q, r) in &schema.ranges {
            types.insert(q.clone(), ObjectKey::Range(q.clone()));
            types.insert(r.multirange(), ObjectKey::Range(q.clone()));
        }
        let collations = schema
            .collations
            .keys()
            .map(|q| (q.clone(), ObjectKey::Collation(q.clone())))
            .collect();
        Names {
            functions,
            aggregates,
            collations,
            relations,
            types,
        }
    }

    /// Objects an expression refers to; `home` is the schema of the referring object.
    /// `skip` holds words that are local (the table's own columns).
    pub(super) fn in_expr(&self, expr: &str, home: &str, skip: &[String]) -> Vec<ObjectKey> {
        let mut out = Vec::new();
        for r in name_refs(expr) {
            if r.schema.is_none() && skip.contains(&r.name) {
                continue;
            }
            let candidates: Vec<QName> = match &r.schema {
                Some(s) => vec![QName::new(s.clone(), r.name.clone())],
                None => vec![
                    QName::new("public", r.name.clone()),
                    QName::new(home, r.name.clone()),
                ],
            };
            for q in candidates {
                if r.call {
                    if let Some(keys) = self.functions.get(&q) {
                        out.extend(keys.iter().map(|k| ObjectKey::Function(k.clone())));
                    }
                    if let Some(keys) = self.aggregates.get(&q) {
                        out.extend(keys.iter().map(|k| ObjectKey::Aggregate(k.clone())));
                    }
                } else {
                    if let Some(k) = self.relations.get(&q) {
                        out.push(k.clone());
                    }
                    if let Some(k) = self.types.get(&q) {
                        out.push(k.clone());
                    }
                    if let Some(k) = self.collations.get(&q) {
                        out.push(k.clone());
                    }
                }
            }
        }
        out
    }

    /// The tables, views and types a PL/pgSQL body declares variables with.
    pub(super) fn declared(&self, body: &str, home: &str) -> Vec<ObjectKey> {
        let mut out = Vec::new();
        for r in declared_types(body) {
            let candidates = match &r.schema {
                Some(s) => vec![QName::new(s.clone(), r.name.clone())],
                None => vec![
                    QName::new("public", r.name.clone()),
                    QName::new(home, r.name.clone()),
                ],
            };
            for q in candidates {
                out.extend(self.types.get(&q).cloned());
                out.extend(self.relations.get(&q).cloned());
            }
        }
        out
    }

    /// The collation a column's `COLLATE` names (`public.ci`, `"C"`), if the schema has it.
    pub(super) fn collation(&self, name: &str) -> Option<ObjectKey> {
        let (schema, name) = name.split_once('.').unwrap_or(("public", name));
        let q = QName::new(
            crate::model::unquote_ident(schema),
            crate::model::unquote_ident(name),
        );
        self.collations.get(&q).cloned()
    }

    /// The user type a canonical type name refers to.
    pub(super) fn of_type(&self, ty: &str) -> Option<ObjectKey> {
        let base = ty.trim_end_matches("[]");
        let base = base.split('(').next().unwrap_or(base);
        let (schema, name) = base.split_once('.')?;
        let q = QName::new(schema.trim_matches('"'), name.trim_matches('"'));
        self.types
            .get(&q)
            .cloned()
            .or_else(|| self.relations.get(&q).cloned())
    }
}
