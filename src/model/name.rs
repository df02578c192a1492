//! Names of database objects.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// A schema-qualified name, such as `public.tasks`. Ordered by schema, then name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QName {
    /// Schema.
    pub schema: String,
    /// Object name within the schema.
    pub name: String,
}

impl QName {
    /// A name from its parts.
    pub fn new(schema: impl Into<String>, name: impl Into<String>) -> Self {
        QName {
            schema: schema.into(),
            name: name.into(),
        }
    }

    /// The name quoted for SQL, schema-qualified: `public."Order"`.
    pub fn sql(&self) -> String {
        let mut out = String::with_capacity(self.schema.len() + self.name.len() + 1);
        push_ident(&mut out, &self.schema);
        out.push('.');
        push_ident(&mut out, &self.name);
        out
    }
}

impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.schema, self.name)
    }
}

impl Serialize for QName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{}.{}", self.schema, self.name))
    }
}

impl<'de> Deserialize<'de> for QName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let (schema, name) = s
            .split_once('.')
            .ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not schema.name")))?;
        Ok(QName::new(schema, name))
    }
}

/// Words PostgreSQL reserves (or that would be misread) as bare identifiers; sorted,
/// for binary search (a unit test checks the order).
/// The length of the longest word in [`RESERVED`] (a test keeps it true).
const LONGEST_RESERVED: usize = 17;

const RESERVED: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "between",
    "bigint",
    "binary",
    "bit",
    "boolean",
    "both",
    "case",
    "cast",
    "char",
    "character",
    "check",
    "coalesce",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "dec",
    "decimal",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "exists",
    "extract",
    "false",
    "fetch",
    "float",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "greatest",
    "group",
    "grouping",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "inout",
    "int",
    "integer",
    "intersect",
    "interval",
    "into",
    "is",
    "isnull",
    "join",
    "lateral",
    "leading",
    "least",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "national",
    "natural",
    "nchar",
    "none",
    "normalize",
    "not",
    "notnull",
    "null",
    "nullif",
    "numeric",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "out",
    "outer",
    "overlaps",
    "overlay",
    "placing",
    "position",
    "precision",
    "primary",
    "real",
    "references",
    "returning",
    "right",
    "row",
    "select",
    "session_user",
    "setof",
    "similar",
    "smallint",
    "some",
    "substring",
    "symmetric",
    "system_user",
    "table",
    "tablesample",
    "then",
    "time",
    "timestamp",
    "to",
    "trailing",
    "treat",
    "trim",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "values",
    "varchar",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
    "xmlattributes",
    "xmlconcat",
    "xmlelement",
    "xmlexists",
    "xmlforest",
    "xmlnamespaces",
    "xmlparse",
    "xmlpi",
    "xmlroot",
    "xmlserialize",
    "xmltable",
];

/// Quotes an identifier exactly when PostgreSQL's `quote_ident` would. Borrows the
/// name when it needs no quotes (nearly always), so rendering allocates only the output.
pub fn quote_ident(name: &str) -> Cow<'_, str> {
    if needs_quotes(name) {
        Cow::Owned(format!("\"{}\"", name.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(name)
    }
}

/// Appends `name`, quoted when PostgreSQL's `quote_ident` would quote it.
pub fn push_ident(out: &mut String, name: &str) {
    if needs_quotes(name) {
        out.push('"');
        out.push_str(&name.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(name);
    }
}

fn needs_quotes(name: &str) -> bool {
    let bytes = name.as_bytes();
    let plain = bytes
        .first()
        .is_some_and(|&c| c.is_ascii_lowercase() || c == b'_')
        && bytes
            .iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_' || c == b'$');
    !plain || is_reserved(name)
}

/// Whether a plain name is a reserved word: a binary search over the words packed into
/// integers (compared in one instruction each, where strings cost a call apiece).
fn is_reserved(name: &str) -> bool {
    if name.len() > 16 {
        return name.len() <= LONGEST_RESERVED && RESERVED.binary_search(&name).is_ok();
    }
    // A longer word packs to its first 16 bytes: the lengths must agree too.
    RESERVED_PACKED
        .binary_search(&pack(name.as_bytes()))
        .is_ok_and(|i| RESERVED[i].len() == name.len())
}

/// Up to 16 bytes, big-endian and zero-padded: packed words sort as the words do.
const fn pack(word: &[u8]) -> u128 {
    let mut v = 0u128;
    let mut i = 0;
    while i < 16 {
        v <<= 8;
        if i < word.len() {
            v |= word[i] as u128;
        }
        i += 1;
    }
    v
}

/// [`RESERVED`] packed (the few longer than 16 bytes are searched as strings).
const RESERVED_PACKED: [u128; RESERVED.len()] = {
    let mut out = [0u128; RESERVED.len()];
    let mut i = 0;
    while i < RESERVED.len() {
        out[i] = pack(RESERVED[i].as_bytes());
        i += 1;
    }
    out
};

/// The name a possibly quoted identifier stands for: `"Name"` → `Name`, `name` as it
/// is (already folded, as PostgreSQL prints names).
pub fn unquote_ident(s: &str) -> String {
    match s.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => s.to_string(),
    }
}

/// Quotes a string literal: `it's` → `'it''s'`.
pub fn quote_literal(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// `text` made safe to stand after `--` on one line: line breaks and other control
/// characters (which would end the comment and let the rest run as SQL) become spaces.
pub fn comment_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(char::is_control) {
        std::borrow::Cow::Owned(
            text.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// What turns storage parameters `prev` into `next`: the parameters to set (new or
/// with a new value) and the names to reset to their defaults.
pub fn storage_delta(
    prev: &[(String, String)],
    next: &[(String, String)],
) -> (Vec<(String, String)>, Vec<String>) {
    let set = next
        .iter()
        .filter(|kv| !prev.contains(kv))
        .cloned()
        .collect();
    let reset = prev
        .iter()
        .filter(|(k, _)| !next.iter().any(|(n, _)| n == k))
        .map(|(k, _)| k.clone())
        .collect();
    (set, reset)
}

/// `fillfactor = 70, autovacuum_enabled = false`: storage parameters as SQL, values
/// quoted when they are not a plain word or number.
pub fn storage_params(params: &[(String, String)]) -> String {
    params
        .iter()
        .map(|(k, v)| {
            let plain = !v.is_empty()
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_.+-".contains(c));
            if plain {
                format!("{k} = {v}")
            } else {
                format!("{k} = {}", quote_literal(v))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_words_are_sorted_and_quoted() {
        assert!(
            RESERVED.windows(2).all(|w| w[0] < w[1]),
            "RESERVED must stay sorted"
        );
        assert_eq!(
            RESERVED.iter().map(|w| w.len()).max(),
            Some(LONGEST_RESERVED)
        );
        assert!(RESERVED_PACKED.windows(2).all(|w| w[0] < w[1]));
        for w in RESERVED {
            assert_eq!(quote_ident(w), format!("\"{w}\""), "{w} is reserved");
        }
        assert_eq!(quote_ident("current_timestam"), "current_timestam");
        assert_eq!(quote_ident("current_timestamps"), "current_timestamps");
        assert_eq!(quote_ident("user"), "\"user\"");
        assert_eq!(quote_ident("Order"), "\"Order\"");
        assert_eq!(quote_ident("tasks"), "tasks");
        assert_eq!(quote_ident("a\"b"), "\"a\"\"b\"");
    }
}

/// The name PostgreSQL 18 gives a column's NOT NULL constraint (`{table}_{column}_not_null`),
/// shortened as its `makeObjectName` does: the longer of the two names loses characters
/// until the whole fits in 63 bytes (never splitting a character).
pub fn not_null_name(table: &str, column: &str) -> String {
    const LABEL: &str = "not_null";
    let avail = 63 - (LABEL.len() + 2);
    let (mut a, mut b) = (table.len(), column.len());
    while a + b > avail {
        if a > b {
            a -= 1;
        } else {
            b -= 1;
        }
    }
    let clip = |s: &str, mut n: usize| {
        while !s.is_char_boundary(n) {
            n -= 1;
        }
        s[..n].to_string()
    };
    format!("{}_{}_{LABEL}", clip(table, a), clip(column, b))
}

#[cfg(test)]
mod not_null_test {
    use super::not_null_name;

    #[test]
    fn not_null_names_are_shortened_as_postgresql_does() {
        assert_eq!(not_null_name("todos", "id"), "todos_id_not_null");
        let long = "a".repeat(60);
        let name = not_null_name(&long, "title");
        assert_eq!(name.len(), 63);
        assert_eq!(name, format!("{}_title_not_null", "a".repeat(48)));
        // 51 bytes of two-byte characters keep 25 of them.
        assert_eq!(not_null_name(&"é".repeat(40), "xy").len(), 62);
    }
}
