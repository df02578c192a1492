//! Stage 4b, lint: security lints over a compiled [`Schema`] (codes `S001`…`S019`).
//!
//! The rules (`rules.rs`) read the model; this module places each finding at the
//! declaration it is about, applies the configured level of its code, and drops the
//! findings a `-- schemac:allow S00x` comment accepts. Comments, not config, carry
//! per-object exceptions, so the reason sits next to the object it excuses:
//!
//! ```text
//! -- schemac:allow S002: only the service role reads this table
//! table internal_jobs { … rls enabled }
//! ```

mod bypass;
mod expr;
mod grants;
mod ownership;
mod rules;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceMap, Span};
use crate::model::Schema;
use std::collections::BTreeMap;

/// How a lint code is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Not reported.
    Off,
    /// Reported; does not fail a build.
    Warning,
    /// Reported; fails `build`, `check` and `lint`.
    Error,
}

impl Level {
    /// Parses a level as written in `schemac.toml`.
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "off" | "allow" => Some(Level::Off),
            "warn" | "warning" => Some(Level::Warning),
            "error" | "deny" => Some(Level::Error),
            _ => None,
        }
    }
}

/// Lint settings of one project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Schemas an API serves (Supabase's PostgREST serves `public`): tables there need RLS.
    pub exposed_schemas: Vec<String>,
    /// Levels that differ from the default (warning).
    pub levels: BTreeMap<Code, Level>,
}

impl Settings {
    /// The defaults for a preset: with `supabase`, `public` is exposed.
    pub fn for_preset(preset: Option<&str>) -> Self {
        let exposed_schemas = match preset {
            Some("supabase") => vec!["public".to_string()],
            _ => Vec::new(),
        };
        Settings {
            exposed_schemas,
            levels: BTreeMap::new(),
        }
    }

    /// The level of a code.
    pub fn level(&self, code: Code) -> Level {
        self.levels.get(&code).copied().unwrap_or(Level::Warning)
    }
}

/// The lint codes, in order.
pub fn codes() -> impl Iterator<Item = Code> {
    Code::ALL.iter().copied().filter(|c| c.is_lint())
}

/// One problem a rule found, before it is placed and levelled.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    code: Code,
    /// Origin key of the object (`policy public.t.p`), see `analysis::Checked::origins`.
    key: String,
    message: String,
    label: String,
    notes: Vec<String>,
    /// Other places worth showing: origin key and label.
    related: Vec<(String, String)>,
}

impl Finding {
    fn new(code: Code, key: String, message: String) -> Self {
        Finding {
            code,
            key,
            message,
            label: String::new(),
            notes: Vec::new(),
            related: Vec::new(),
        }
    }

    fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    fn related(mut self, key: String, label: impl Into<String>) -> Self {
        self.related.push((key, label.into()));
        self
    }

    fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
}

/// Lints a compiled schema. `origins` places findings (see
/// [`crate::analysis::Checked::origins`]); `sources` holds the allow comments.
pub fn run(
    schema: &Schema,
    origins: &BTreeMap<String, Span>,
    sources: &SourceMap,
    settings: &Settings,
) -> Diagnostics {
    let cx = rules::Ctx::new(schema, settings);
    let all: [fn(&rules::Ctx) -> Vec<Finding>; 19] = [
        rules::exposed_without_rls,
        rules::rls_without_policy,
        rules::write_without_check,
        rules::constant_true,
        rules::per_row_identity,
        rules::unindexed_owner_column,
        bypass::definer_without_search_path,
        bypass::view_bypasses_rls,
        rules::user_metadata,
        rules::anon_on_tenant_table,
        bypass::policy_recursion,
        bypass::definer_callable_by_api,
        ownership::parent_not_owned,
        ownership::table_wide_update,
        bypass::view_exposes_auth,
        ownership::signed_in_is_enough,
        grants::insert_without_default_privileges,
        grants::extension_in_exposed_schema,
        grants::storage_path_unbound,
    ];
    let mut out = Diagnostics::new();
    for rule in all {
        for f in rule(&cx) {
            let level = settings.level(f.code);
            if level == Level::Off {
                continue;
            }
            let span = origins.get(&f.key).copied();
            if span.is_some_and(|s| allowed(sources, s, f.code)) {
                continue;
            }
            let mut d = match span {
                Some(s) => Diagnostic::error(f.code, s, f.message).with_label(f.label),
                None => Diagnostic::global(f.code, f.message),
            };
            for (key, label) in f.related {
                if let Some(s) = origins.get(&key) {
                    d = d.with_secondary(*s, label);
                }
            }
            for n in f.notes {
                d = d.with_note(n);
            }
            if level == Level::Warning {
                d = d.warning();
            }
            out.push(d);
        }
    }
    out
}

/// True when a `schemac:allow` comment accepts `code` at `span`: on the same line, or
/// in the comment lines (`--`, `///`) right above it.
fn allowed(sources: &SourceMap, span: Span, code: Code) -> bool {
    let (line, _) = sources.line_col(span.file, span.start);
    let Some(own) = sources.line(span.file, line) else {
        return false;
    };
    if allows(own, code) {
        return true;
    }
    (1..line)
        .rev()
        .filter_map(|n| sources.line(span.file, n))
        .map(str::trim_start)
        .take_while(|l| l.starts_with("--") || l.starts_with("///"))
        .any(|l| allows(l, code))
}

/// True when a line carries `schemac:allow` naming `code` (`S002`, `S002, S006`).
fn allows(line: &str, code: Code) -> bool {
    let Some(at) = line.find("schemac:allow") else {
        return false;
    };
    line[at + "schemac:allow".len()..]
        .split(|c: char| c.is_whitespace() || c == ',' || c == ':')
        .filter(|w| !w.is_empty())
        .take_while(|w| Code::ALL.iter().any(|c| c.as_str().eq_ignore_ascii_case(w)))
        .any(|w| w.eq_ignore_ascii_case(code.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_comments_name_codes_until_the_reason() {
        assert!(allows(
            "-- schemac:allow S002: service role only",
            Code::LintRlsNoPolicy
        ));
        assert!(allows(
            "-- schemac:allow S001, S002 because",
            Code::LintRlsNoPolicy
        ));
        assert!(!allows(
            "-- schemac:allow S001 S002-ish",
            Code::LintPerRowCall
        ));
        assert!(!allows(
            "-- schemac:allow because S002",
            Code::LintRlsNoPolicy
        ));
    }

    #[test]
    fn levels_parse_as_written_in_config() {
        assert_eq!(Level::parse("off"), Some(Level::Off));
        assert_eq!(Level::parse("warn"), Some(Level::Warning));
        assert_eq!(Level::parse("error"), Some(Level::Error));
        assert_eq!(Level::parse("loud"), None);
    }
}
