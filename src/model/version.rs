//! The PostgreSQL major versions a project runs on, and the features each brought.
//!
//! A project declares its target in `schemac.toml` (`postgres = "15"`: 15 and every
//! newer supported major; `postgres = "15-17"`: those three). The checker refuses a
//! feature the oldest major of the target lacks, naming the version that brought it,
//! and the runner refuses a server outside the target.

use std::fmt;

/// The oldest PostgreSQL major schemac supports, and the default target's lower bound.
pub const OLDEST: u32 = 14;
/// The newest PostgreSQL major schemac supports.
pub const NEWEST: u32 = 18;

/// The major that made NOT NULL constraints catalog rows named after their table and
/// column, kept through renames.
pub const NAMED_NOT_NULL: u32 = 18;

/// An inclusive range of PostgreSQL majors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// The oldest major the project must run on: what decides the features it may use.
    pub min: u32,
    /// The newest major the project is meant for.
    pub max: u32,
}

impl Default for Target {
    /// Every supported major, so every feature must exist on the oldest.
    fn default() -> Target {
        Target {
            min: OLDEST,
            max: NEWEST,
        }
    }
}

impl Target {
    /// A target that allows every feature schemac knows (for compiling fixtures and
    /// sources outside a project).
    pub const ANY_FEATURE: Target = Target {
        min: NEWEST,
        max: NEWEST,
    };

    /// Reads `"15"` (15 and newer) or `"15-17"` (inclusive).
    pub fn parse(text: &str) -> Result<Target, String> {
        let major = |t: &str| -> Result<u32, String> {
            let t = t.trim();
            let n: u32 = t.parse().map_err(|_| {
                format!("`{t}` is not a PostgreSQL major version (write 15, not 15.4)")
            })?;
            if (OLDEST..=NEWEST).contains(&n) {
                Ok(n)
            } else {
                Err(format!(
                    "PostgreSQL {n} is not supported (schemac supports {OLDEST} to {NEWEST})"
                ))
            }
        };
        let target = match text.split_once('-') {
            Some((a, b)) => Target {
                min: major(a)?,
                max: major(b)?,
            },
            None => Target {
                min: major(text)?,
                max: NEWEST,
            },
        };
        if target.min > target.max {
            return Err(format!("`{text}` is an empty range"));
        }
        Ok(target)
    }

    /// Whether a server of `major` is one the project targets.
    pub fn contains(&self, major: u32) -> bool {
        (self.min..=self.max).contains(&major)
    }

    /// Whether every targeted major has `feature`.
    pub fn has(&self, feature: Feature) -> bool {
        self.min >= feature.since()
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.min == self.max {
            write!(f, "PostgreSQL {}", self.min)
        } else if self.max == NEWEST {
            write!(f, "PostgreSQL {} and newer", self.min)
        } else {
            write!(f, "PostgreSQL {} to {}", self.min, self.max)
        }
    }
}

/// A feature that some supported majors lack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Feature {
    /// `UNIQUE NULLS NOT DISTINCT` (constraints and unique indexes).
    NullsNotDistinct,
    /// A view's `security_invoker` option.
    SecurityInvoker,
    /// `ON DELETE SET NULL | SET DEFAULT (columns)` of a foreign key.
    FkSetColumns,
    /// `CREATE UNLOGGED SEQUENCE`.
    UnloggedSequence,
    /// A `MERGE` statement (in a function body).
    Merge,
    /// SQL-standard regular expression functions (`regexp_like`, `regexp_count`, …).
    RegexpFunctions,
    /// The SQL/JSON `IS [NOT] JSON` predicate.
    IsJson,
    /// `any_value(…)`.
    AnyValue,
    /// An ICU collation's `rules`.
    CollationRules,
    /// The `MAINTAIN` privilege.
    Maintain,
    /// `JSON_TABLE`, `JSON_QUERY`, `JSON_VALUE`, `JSON_EXISTS`.
    JsonQueryFunctions,
    /// The `builtin` collation provider.
    BuiltinCollations,
    /// `uuidv7()` and `uuidv4()`.
    Uuidv7,
    /// A virtual generated column.
    VirtualGenerated,
}

impl Feature {
    /// The major that brought it.
    pub fn since(self) -> u32 {
        match self {
            Feature::NullsNotDistinct
            | Feature::SecurityInvoker
            | Feature::FkSetColumns
            | Feature::UnloggedSequence
            | Feature::Merge
            | Feature::RegexpFunctions => 15,
            Feature::IsJson | Feature::AnyValue | Feature::CollationRules => 16,
            Feature::Maintain | Feature::JsonQueryFunctions | Feature::BuiltinCollations => 17,
            Feature::Uuidv7 | Feature::VirtualGenerated => 18,
        }
    }

    /// How a message names it.
    pub fn describe(self) -> &'static str {
        match self {
            Feature::NullsNotDistinct => "`nulls not distinct`",
            Feature::SecurityInvoker => "a view's `security_invoker` option",
            Feature::FkSetColumns => "a foreign key's `on delete set null (columns)`",
            Feature::UnloggedSequence => "an unlogged sequence",
            Feature::Merge => "`MERGE`",
            Feature::RegexpFunctions => "an SQL-standard regexp function (`regexp_like`, `regexp_count`, `regexp_instr`, `regexp_substr`)",
            Feature::IsJson => "the SQL/JSON `IS JSON` predicate",
            Feature::AnyValue => "`any_value`",
            Feature::CollationRules => "an ICU collation's `rules`",
            Feature::Maintain => "the MAINTAIN privilege",
            Feature::JsonQueryFunctions => "an SQL/JSON query function (`JSON_TABLE`, `JSON_QUERY`, `JSON_VALUE`, `JSON_EXISTS`)",
            Feature::BuiltinCollations => "the `builtin` collation provider",
            Feature::Uuidv7 => "the built-in `uuidv7()` or `uuidv4()`",
            Feature::VirtualGenerated => "a virtual generated column",
        }
    }
}

#[cfg(test)]
mod test {
    use super::*;

    #[test]
    fn targets_parse_as_a_major_and_newer_or_a_range() {
        assert_eq!(
            Target::parse("15"),
            Ok(Target {
                min: 15,
                max: NEWEST
            })
        );
        assert_eq!(Target::parse("15-17"), Ok(Target { min: 15, max: 17 }));
        assert!(Target::parse("15.4").unwrap_err().contains("not 15.4"));
        assert!(Target::parse("13").unwrap_err().contains("14 to 18"));
        assert!(Target::parse("17-15").unwrap_err().contains("empty range"));
        assert!(Target::parse("15").unwrap().has(Feature::NullsNotDistinct));
        assert!(!Target::parse("14-18")
            .unwrap()
            .has(Feature::NullsNotDistinct));
        assert!(Target::parse("15-17").unwrap().contains(16));
        assert!(!Target::parse("15-17").unwrap().contains(18));
    }
}
