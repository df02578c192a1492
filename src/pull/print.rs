//! Printing the objects other than tables as DSL declarations.

use crate::model::{
    quote_ident, quote_literal, ArgMode, Domain, Enum, Extension, Function, QName, Sequence, View,
};

/// A name as the DSL reads it (quoted when PostgreSQL would need quotes).
pub(super) fn ident(name: &str) -> String {
    quote_ident(name).into_owned()
}

/// A qualified name; objects in `public` are written unqualified.
pub(super) fn qname(q: &QName) -> String {
    if q.schema == "public" {
        ident(&q.name)
    } else {
        format!("{}.{}", ident(&q.schema), ident(&q.name))
    }
}

/// `///` lines for a comment, indented.
pub(super) fn docs(comment: &Option<String>, indent: &str) -> String {
    comment
        .as_deref()
        .map(|c| {
            c.lines()
                .map(|l| format!("{indent}/// {l}\n").replace("/// \n", "///\n"))
                .collect()
        })
        .unwrap_or_default()
}

pub(super) fn extension(e: &Extension) -> String {
    match &e.schema {
        Some(s) => format!("extension {} schema {}\n", ident(&e.name), ident(s)),
        None => format!("extension {}\n", ident(&e.name)),
    }
}

pub(super) fn enumeration(e: &Enum) -> String {
    let labels: Vec<String> = e.values.iter().map(|v| quote_literal(v)).collect();
    format!(
        "{}enum {} ({})\n",
        docs(&e.comment, ""),
        qname(&e.name),
        labels.join(", ")
    )
}

pub(super) fn domain(d: &Domain) -> String {
    let mut s = format!(
        "{}domain {} as {}",
        docs(&d.comment, ""),
        qname(&d.name),
        d.ty
    );
    if d.not_null {
        s.push_str("\n  not null");
    }
    for (name, expr) in &d.checks {
        s.push_str(&format!("\n  constraint {} check ({expr})", ident(name)));
    }
    if let Some(def) = &d.default {
        s.push_str(&format!("\n  default ({def})"));
    }
    s.push('\n');
    s
}

/// The largest value of a sequence type (a sequence's default MAXVALUE).
fn type_max(ty: &str) -> i64 {
    match ty {
        "smallint" => i64::from(i16::MAX),
        "integer" => i64::from(i32::MAX),
        _ => i64::MAX,
    }
}

pub(super) fn sequence(s: &Sequence) -> String {
    let ty = s.as_type.as_deref().unwrap_or("bigint");
    let inc = s.increment.unwrap_or(1);
    let unlogged = if s.unlogged { "unlogged " } else { "" };
    let mut out = format!(
        "{}{unlogged}sequence {}",
        docs(&s.comment, ""),
        qname(&s.name)
    );
    if s.as_type.is_some() {
        out.push_str(&format!(" as {ty}"));
    }
    if inc != 1 {
        out.push_str(&format!(" increment by {inc}"));
    }
    let (dmin, dmax) = if inc > 0 {
        (1, type_max(ty))
    } else {
        (-type_max(ty), -1)
    };
    if let Some(v) = s.min_value.filter(|v| *v != dmin) {
        out.push_str(&format!(" minvalue {v}"));
    }
    if let Some(v) = s.max_value.filter(|v| *v != dmax) {
        out.push_str(&format!(" maxvalue {v}"));
    }
    let dstart = if inc > 0 {
        s.min_value.unwrap_or(dmin)
    } else {
        s.max_value.unwrap_or(dmax)
    };
    if let Some(v) = s.start.filter(|v| *v != dstart) {
        out.push_str(&format!(" start with {v}"));
    }
    if let Some(v) = s.cache.filter(|v| *v != 1) {
        out.push_str(&format!(" cache {v}"));
    }
    if s.cycle {
        out.push_str(" cycle");
    }
    if let Some((t, c)) = &s.owned_by {
        out.push_str(&format!(
            " owned by {}.{}.{}",
            ident(&t.schema),
            ident(&t.name),
            ident(c)
        ));
    }
    out.push('\n');
    out
}

pub(super) fn collation(c: &crate::model::Collation) -> String {
    let options: Vec<String> = c
        .options
        .iter()
        .map(|(k, v)| format!("{k} = {v}"))
        .collect();
    format!(
        "{}collation {} ({})\n",
        docs(&c.comment, ""),
        qname(&c.name),
        options.join(", ")
    )
}

pub(super) fn composite(c: &crate::model::CompositeType) -> String {
    let attrs: Vec<String> = c
        .attributes
        .iter()
        .map(|(n, ty)| format!("{} {ty}", ident(n)))
        .collect();
    format!(
        "{}type {} as ({})\n",
        docs(&c.comment, ""),
        qname(&c.name),
        attrs.join(", ")
    )
}

/// `type name as range (subtype = …, …)`.
pub(super) fn range(r: &crate::model::RangeType) -> String {
    let options: Vec<String> = r
        .options
        .iter()
        .map(|(k, v)| format!("{k} = {v}"))
        .collect();
    format!(
        "{}type {} as range ({})\n",
        docs(&r.comment, ""),
        qname(&r.name),
        options.join(", ")
    )
}

pub(super) fn aggregate(a: &crate::model::Aggregate) -> String {
    let args = if a.args.is_empty() {
        "*".to_string()
    } else {
        a.args.join(", ")
    };
    let options: Vec<String> = a
        .options
        .iter()
        .map(|(k, v)| format!("{k} = {v}"))
        .collect();
    format!(
        "{}aggregate {}({args}) ({})\n",
        docs(&a.comment, ""),
        qname(&a.name),
        options.join(", ")
    )
}

pub(super) fn function(f: &Function) -> String {
    let args: Vec<String> = f
        .args
        .iter()
        .map(|a| {
            let mut s = match a.mode {
                ArgMode::In => String::new(),
                ArgMode::Out => "out ".to_string(),
                ArgMode::InOut => "inout ".to_string(),
                ArgMode::Variadic => "variadic ".to_string(),
            };
            if let Some(n) = &a.name {
                s.push_str(&ident(n));
                s.push(' ');
            }
            s.push_str(&a.ty);
            if let Some(d) = &a.default {
                s.push_str(&format!(" default {d}"));
            }
            s
        })
        .collect();
    let kind = if f.procedure { "procedure" } else { "function" };
    let mut s = format!(
        "{}{kind} {}({})",
        docs(&f.comment, ""),
        qname(&f.name),
        args.join(", ")
    );
    if let Some(r) = &f.returns {
        s.push_str(&format!(" returns {r}"));
    }
    s.push_str(&format!(" language {}", ident(&f.language)));
    if !f.procedure && f.volatility != "VOLATILE" {
        s.push_str(&format!(" {}", f.volatility.to_ascii_lowercase()));
    }
    if f.strict {
        s.push_str(" strict");
    }
    if f.leakproof {
        s.push_str(" leakproof");
    }
    if f.security_definer {
        s.push_str(" security definer");
    }
    if let Some(p) = &f.parallel {
        s.push_str(&format!(" parallel {}", p.to_ascii_lowercase()));
    }
    for (k, v) in &f.config {
        s.push_str(&format!(" set {} = {v}", ident(k)));
    }
    if f.standard_body {
        // The DSL quotes a SQL-standard body; its quotes never occur inside it.
        let mut tag = String::new();
        while f.body.contains(&format!("${tag}$")) {
            tag.push('x');
        }
        s.push_str(&format!(" body ${tag}${}${tag}$\n", f.body));
    } else {
        s.push_str(&format!(" as {}\n", f.body));
    }
    s
}

/// `rule name as on event to relation [where (…)] do also|instead nothing | (…)`.
pub(super) fn rule(r: &crate::model::Rule) -> String {
    let mut s = docs(&r.comment, "");
    s.push_str(&format!(
        "rule {} as on {} to {}",
        ident(&r.name),
        r.event.to_ascii_lowercase(),
        qname(&r.relation)
    ));
    if let Some(c) = &r.condition {
        s.push_str(&format!(" where ({c})"));
    }
    s.push_str(if r.instead {
        " do instead "
    } else {
        " do also "
    });
    match &r.actions {
        Some(a) => s.push_str(&format!("({a})\n")),
        None => s.push_str("nothing\n"),
    }
    s
}

pub(super) fn view(v: &View) -> String {
    let mut s = docs(&v.comment, "");
    if v.materialized {
        s.push_str("materialized ");
    }
    s.push_str(&format!("view {}", qname(&v.name)));
    if !v.options.is_empty() {
        let opts: Vec<String> = v
            .options
            .iter()
            .map(|(k, val)| match val {
                Some(val)
                    if val
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') =>
                {
                    format!("{} = {val}", ident(k))
                }
                Some(val) => format!("{} = {}", ident(k), crate::model::quote_literal(val)),
                None => ident(k),
            })
            .collect();
        s.push_str(&format!(" with ({})", opts.join(", ")));
    }
    for (c, text) in &v.column_comments {
        s.push('\n');
        s.push_str(&docs(&Some(text.clone()), "  "));
        s.push_str(&format!("  column {}", ident(c)));
    }
    s.push_str(&format!(" as\n{};\n", v.query));
    for i in &v.indexes {
        s.push_str(&super::table::view_index(&v.name, i));
    }
    for t in &v.triggers {
        s.push_str(&super::table::view_trigger(&v.name, t));
    }
    s
}
