//! Indexes: a table's `index …` members and `index … on <materialized view> (…)`
//! declarations, lowered to [`model::Index`] with PostgreSQL's default names.

use super::naming;
use super::tables::{check_name_len, unknown_column, Names};
use super::Cx;
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::model::{self, quote_ident, QName};
use crate::syntax::ast;

/// An index's elements as SQL (`name`, `(lower(email))`, `col DESC NULLS LAST`), and
/// the words its default name is made of. Listed columns must be among `columns`, when
/// they are known (a materialized view's are not).
fn index_elements(
    cx: &mut Cx,
    i: &ast::Index,
    owner: &QName,
    columns: Option<&[model::Column]>,
) -> (Vec<String>, Vec<String>) {
    let known = |name: &str| columns.is_none_or(|cols| cols.iter().any(|c| c.name == name));
    let mut parts = Vec::new();
    let mut elements = Vec::new();
    for e in &i.elements {
        let mut text = match &e.target {
            ast::IndexTarget::Column(c) => {
                if !known(&c.name) {
                    cx.diags.push(unknown_column(owner, &c.name, c.span));
                }
                parts.push(c.name.clone());
                quote_ident(&c.name).into_owned()
            }
            ast::IndexTarget::Expr(s) => {
                parts.push(naming::expr_word(&s.text));
                if s.text.ends_with(')') && !s.text.starts_with('(') && is_call(&s.text) {
                    s.text.clone()
                } else {
                    format!("({})", s.text)
                }
            }
        };
        if let Some(c) = &e.collation {
            text.push_str(&format!(" COLLATE {}", render_qname_loose(c)));
        }
        if let Some(o) = &e.opclass {
            text.push(' ');
            text.push_str(&render_qname_loose(o));
            if let Some(p) = &e.opclass_params {
                text.push_str(&format!(" ({})", p.text));
            }
        }
        if e.descending {
            text.push_str(" DESC");
        }
        if let Some(n) = &e.nulls {
            text.push_str(&format!(" NULLS {}", n.to_ascii_uppercase()));
        }
        elements.push(text);
    }
    for c in &i.include {
        if !known(&c.name) {
            cx.diags.push(unknown_column(owner, &c.name, c.span));
        }
    }
    (elements, parts)
}

pub(crate) fn lower_index(
    cx: &mut Cx,
    table: &mut model::Table,
    names: &mut Names,
    i: &ast::Index,
    docs: Option<String>,
    span: Span,
) {
    let (elements, parts) = index_elements(cx, i, &table.name, Some(&table.columns));
    let name = match &i.name {
        Some(n) => n.name.clone(),
        None => naming::choose(&table.name.name, &parts, "idx", &names.taken),
    };
    check_name_len(cx, &name, i.name.as_ref().map_or(span, |n| n.span));
    if table.indexes.iter().any(|x| x.name == name)
        || table.constraints.iter().any(|x| x.name == name)
    {
        cx.diags.push(
            Diagnostic::error(
                Code::DuplicateMember,
                i.name.as_ref().map_or(span, |n| n.span),
                format!(
                    "table `{}` has two indexes or constraints named `{name}`",
                    table.name
                ),
            )
            .with_note("help: give the index an explicit, different name"),
        );
        return;
    }
    names.taken.insert(name.clone());
    if let Some(old) = &i.renamed_from {
        cx.renames
            .indexes
            .push((table.name.clone(), old.name.clone(), name.clone()));
    }
    cx.origins
        .insert(format!("index {}.{name}", table.name.schema), span);
    table
        .indexes
        .push(model_index(i, name, elements, i.concurrently, docs));
}

/// The model of index `i` under its chosen `name`, with its rendered `elements`.
fn model_index(
    i: &ast::Index,
    name: String,
    elements: Vec<String>,
    concurrently: bool,
    comment: Option<String>,
) -> model::Index {
    model::Index {
        name,
        unique: i.unique,
        concurrently,
        using: i
            .using
            .as_ref()
            .map_or("btree".to_string(), |u| u.name.clone()),
        elements,
        include: i.include.iter().map(|c| c.name.clone()).collect(),
        nulls_not_distinct: i.nulls_not_distinct,
        storage: {
            let mut s = Vec::new();
            super::tables::set_storage(&mut s, &i.storage);
            s
        },
        // A `-- comment` after it on the line would comment out the closing paren.
        predicate: i
            .predicate
            .as_ref()
            .map(|p| crate::sqltext::without_line_comment(&p.text).to_string()),
        comment,
    }
}

fn is_call(text: &str) -> bool {
    text.find('(').is_some_and(|i| {
        text[..i]
            .trim()
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '"')
    })
}

pub(crate) fn render_qname_loose(q: &ast::QName) -> String {
    match &q.schema {
        Some(s) => format!("{}.{}", quote_ident(&s.name), quote_ident(&q.name.name)),
        None => quote_ident(&q.name.name).into_owned(),
    }
}

/// Lowers every `index … on <materialized view> (…)` into its view's indexes.
pub(crate) fn lower_view_indexes(cx: &mut Cx) {
    let items = cx.items.clone();
    for item in &items {
        let ast::ItemKind::ViewIndex { view, index } = &item.kind else {
            continue;
        };
        let q = super::qualify(view);
        match cx.schema.views.get(&q) {
            Some(v) if v.materialized => {}
            found => {
                let what = if found.is_some() {
                    "is a view, not a materialized view: only a materialized view has indexes"
                } else {
                    "is not a declared materialized view"
                };
                cx.diags.push(
                    Diagnostic::error(Code::UnknownTable, view.name.span, format!("`{q}` {what}"))
                        .with_label("an index needs a table or a materialized view"),
                );
                continue;
            }
        }
        let (elements, parts) = index_elements(cx, index, &q, None);
        let view = cx.schema.views.get(&q).expect("checked above");
        let taken: std::collections::BTreeSet<String> =
            view.indexes.iter().map(|i| i.name.clone()).collect();
        let name = match &index.name {
            Some(n) => n.name.clone(),
            None => naming::choose(&q.name, &parts, "idx", &taken),
        };
        let span = index.name.as_ref().map_or(item.span, |n| n.span);
        check_name_len(cx, &name, span);
        if taken.contains(&name) {
            cx.diags.push(
                Diagnostic::error(
                    Code::DuplicateMember,
                    span,
                    format!("materialized view `{q}` has two indexes named `{name}`"),
                )
                .with_note("help: give the index an explicit, different name"),
            );
            continue;
        }
        cx.origins
            .insert(format!("index {}.{name}", q.schema), span);
        // A materialized view's index is built with it, never concurrently.
        let built = model_index(index, name, elements, false, item.docs.clone());
        if let Some(v) = cx.schema.views.get_mut(&q) {
            v.indexes.push(built);
        }
    }
}
