//! What changing a column's type does to the values it holds: nothing (a binary-
//! compatible change PostgreSQL makes without touching the rows), a lossless rewrite,
//! a conversion that raises on a value that does not fit, or one that silently changes
//! values (rounds, truncates, reinterprets). The last is data loss: it is refused like
//! a dropped column unless allowed.
//!
//! Types are the model's canonical spellings (`character varying(20)`, `numeric(10,2)`,
//! `timestamp with time zone`, `text[]`, `public.mood`).

/// What a type change does to existing values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CastEffect {
    /// Binary compatible: no rewrite, no value changes (`varchar(20)` → `varchar(40)`,
    /// `varchar` → `text`, more numeric precision at the same scale).
    Same,
    /// Every value converts exactly, but the table is rewritten (`integer` → `bigint`).
    Lossless,
    /// A value that does not fit makes the migration fail; none changes silently
    /// (`bigint` → `integer`, `text` → `integer`, a shorter `varchar` without `USING`).
    MayFail,
    /// Values may change without an error: rounded, truncated or reinterpreted
    /// (`numeric(10,2)` → `numeric(10,0)`, `double precision` → `integer`,
    /// `timestamp with time zone` ↔ `timestamp without time zone`).
    Lossy,
}

/// A type split into its base name, its modifiers and whether it is an array.
struct Parsed<'a> {
    base: &'a str,
    mods: Vec<i64>,
    array: bool,
}

fn parse(ty: &str) -> Parsed<'_> {
    let (ty, array) = match ty.strip_suffix("[]") {
        Some(t) => (t, true),
        None => (ty, false),
    };
    let (base, mods) = match ty.split_once('(') {
        Some((b, rest)) if rest.ends_with(')') => {
            let inner = &rest[..rest.len() - 1];
            let mods = inner
                .split(',')
                .filter_map(|m| m.trim().parse().ok())
                .collect();
            (b.trim_end(), mods)
        }
        _ => (ty, Vec::new()),
    };
    Parsed { base, mods, array }
}

/// Character types: `None` length is unbounded.
fn text_length(p: &Parsed) -> Option<Option<i64>> {
    match p.base {
        "text" => Some(None),
        "character varying" | "varchar" => Some(p.mods.first().copied()),
        _ => None,
    }
}

/// Integer types by width in bytes.
fn int_width(base: &str) -> Option<u8> {
    match base {
        "smallint" => Some(2),
        "integer" => Some(4),
        "bigint" => Some(8),
        _ => None,
    }
}

/// `numeric` or `decimal`, with or without precision.
fn is_numeric(base: &str) -> bool {
    matches!(base, "numeric" | "decimal")
}

/// Binary floating point.
fn is_float(base: &str) -> bool {
    matches!(base, "double precision" | "real")
}

/// The change of a column from `from` to `to`.
pub fn effect(from: &str, to: &str) -> CastEffect {
    use CastEffect::*;
    if from == to {
        return Same;
    }
    let (f, t) = (parse(from), parse(to));
    if f.array != t.array {
        return MayFail;
    }
    if let (Some(fl), Some(tl)) = (text_length(&f), text_length(&t)) {
        return match (fl, tl) {
            (_, None) => Same,
            (Some(a), Some(b)) if b >= a => Same,
            // Without USING the assignment cast raises on a value that is too long.
            _ => MayFail,
        };
    }
    if f.base == "character" || t.base == "character" {
        // Blank-padded: a rewrite; a shorter one raises on what does not fit.
        return match (f.base, t.base, f.mods.first(), t.mods.first()) {
            ("character", "character", Some(a), Some(b)) if b >= a => Lossless,
            (_, "character", _, _) => MayFail,
            _ => Lossless,
        };
    }
    if let (Some(a), Some(b)) = (int_width(f.base), int_width(t.base)) {
        return if b >= a { Lossless } else { MayFail };
    }
    if is_numeric(f.base) && is_numeric(t.base) {
        return match (f.mods.as_slice(), t.mods.as_slice()) {
            // Unconstrained: every value fits as it is.
            (_, []) => Same,
            // Constrained: rounded to the scale.
            ([], _) => Lossy,
            (a, b) => {
                let (p1, s1) = (a[0], a.get(1).copied().unwrap_or(0));
                let (p2, s2) = (b[0], b.get(1).copied().unwrap_or(0));
                if s2 < s1 {
                    Lossy
                } else if p2 - s2 < p1 - s1 {
                    MayFail
                } else if s2 == s1 {
                    Same
                } else {
                    Lossless
                }
            }
        };
    }
    if int_width(f.base).is_some() && (is_numeric(t.base) || is_float(t.base)) {
        return match (is_numeric(t.base), t.mods.as_slice()) {
            (true, [p, rest @ ..]) if p - rest.first().copied().unwrap_or(0) < 19 => MayFail,
            _ => Lossless,
        };
    }
    if is_float(f.base) || is_numeric(f.base) {
        // Rounded to an integer, to fewer digits, or to a binary fraction.
        if int_width(t.base).is_some() || is_float(t.base) || is_numeric(t.base) {
            return Lossy;
        }
    }
    let time = |b: &str| b.starts_with("timestamp") || b == "date" || b.starts_with("time ");
    if time(f.base) && time(t.base) {
        // With and without time zone differ by the session's TimeZone; date drops the time.
        return if t.base.starts_with("timestamp") && f.base == "date" {
            Lossless
        } else {
            Lossy
        };
    }
    match (f.base, t.base) {
        (_, "text") => Lossless,
        ("json", "jsonb") => Lossy, // duplicate keys and key order are dropped
        ("jsonb", "json") => Lossless,
        _ => MayFail,
    }
}

/// True when the assignment cast between the two types (what `ALTER COLUMN … TYPE`
/// uses without `USING`) exists and raises rather than truncates: character types
/// among themselves and numbers among themselves. Other changes need an explicit
/// `USING` cast.
pub fn assignment_cast(from: &str, to: &str) -> bool {
    let (f, t) = (parse(from), parse(to));
    if f.array != t.array {
        return false;
    }
    let chars = |p: &Parsed| text_length(p).is_some() || p.base == "character";
    let numbers =
        |p: &Parsed| int_width(p.base).is_some() || is_numeric(p.base) || is_float(p.base);
    (chars(&f) && chars(&t)) || (numbers(&f) && numbers(&t))
}

#[cfg(test)]
mod tests {
    use super::CastEffect::*;
    use super::*;

    #[test]
    fn widening_strings_and_precision_changes_nothing() {
        assert_eq!(
            effect("character varying(20)", "character varying(40)"),
            Same
        );
        assert_eq!(effect("character varying(20)", "text"), Same);
        assert_eq!(effect("numeric(10,2)", "numeric(12,2)"), Same);
        assert_eq!(effect("numeric(10,2)", "numeric"), Same);
    }

    #[test]
    fn narrowing_raises_or_loses() {
        assert_eq!(effect("text", "character varying(10)"), MayFail);
        assert_eq!(
            effect("character varying(40)", "character varying(10)"),
            MayFail
        );
        assert_eq!(effect("bigint", "integer"), MayFail);
        assert_eq!(effect("numeric(10,2)", "numeric(10,0)"), Lossy);
        assert_eq!(effect("numeric(10,2)", "numeric(6,2)"), MayFail);
        assert_eq!(effect("double precision", "integer"), Lossy);
        assert_eq!(effect("numeric(10,2)", "integer"), Lossy);
        assert_eq!(
            effect("timestamp with time zone", "timestamp without time zone"),
            Lossy
        );
        assert_eq!(
            effect("timestamp without time zone", "timestamp with time zone"),
            Lossy
        );
        assert_eq!(effect("timestamp with time zone", "date"), Lossy);
        assert_eq!(effect("text", "integer"), MayFail);
        assert_eq!(effect("text", "public.mood"), MayFail);
    }

    #[test]
    fn widening_numbers_rewrites_without_loss() {
        assert_eq!(effect("integer", "bigint"), Lossless);
        assert_eq!(effect("integer", "numeric"), Lossless);
        assert_eq!(effect("integer", "text"), Lossless);
        assert_eq!(effect("date", "timestamp with time zone"), Lossless);
    }

    #[test]
    fn the_assignment_cast_is_used_where_it_raises() {
        assert!(assignment_cast("text", "character varying(10)"));
        assert!(assignment_cast("bigint", "integer"));
        assert!(!assignment_cast("text", "integer"));
        assert!(!assignment_cast("text[]", "text"));
    }
}
