//! Grouping fingerprint differences by object: what the declared schema has that the
//! database lacks, what the database has that is not declared, and objects present on
//! both sides whose facts differ (with a unified diff of the two versions).

use super::inventory::{Unexpressible, FACT_PREFIX};
use serde::Serialize;
use std::collections::BTreeMap;

/// Drift of one object.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ObjectDrift {
    /// `missing` (declared, not in the database), `extra` (in the database, not
    /// declared), `different`, or `unexpressible` (a difference in something the
    /// declared schema cannot state: see [`super::inventory`]).
    pub kind: &'static str,
    /// The object, such as `column public.tasks.status` or `policy public.tasks.own`.
    pub object: String,
    /// The declared facts (`-`) and the database's (`+`) as a unified diff.
    pub diff: String,
}

/// The (possibly qualified, possibly quoted) name at the start of `s`: up to the first
/// space or `(` outside double quotes, so `"Users can read" on …` stays whole.
fn name_at(s: &str) -> &str {
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ' ' | '(' if !quoted => return &s[..i],
            _ => {}
        }
    }
    s
}

/// The object a fingerprint line is about.
pub fn object_of(line: &str) -> String {
    if let Some(object) = Unexpressible::object_of_fact(line) {
        return object.to_string();
    }
    if let Some(rest) = line.strip_prefix(super::owners::FACT_PREFIX) {
        let object = rest.rsplit_once(" = ").map_or(rest, |(o, _)| o);
        return format!("{}{object}", super::owners::FACT_PREFIX);
    }
    let (kind, rest) = line.split_once(' ').unwrap_or((line, ""));
    let word_after = |marker: &str| -> Option<String> {
        let i = rest.find(marker)? + marker.len();
        Some(name_at(&rest[i..]).to_string())
    };
    match kind {
        "index" => word_after("INDEX ").map_or_else(|| line.to_string(), |n| format!("index {n}")),
        "trigger" => word_after("TRIGGER ").map_or_else(
            || line.to_string(),
            |n| {
                let on = word_after(" ON ").unwrap_or_default();
                format!("trigger {on}.{n}")
            },
        ),
        "routine" => word_after("FUNCTION ")
            .or_else(|| word_after("PROCEDURE "))
            .map_or_else(|| line.to_string(), |n| format!("routine {n}")),
        "comment" => format!("comment on {}", rest.split(": ").next().unwrap_or(rest)),
        // An object's privileges belong to the object.
        "privileges" => {
            let target = rest.split(": ").next().unwrap_or(rest);
            match target.split_once(' ') {
                Some(("routine", name)) => format!("routine {}", name_at(name)),
                Some(("default", scope)) => format!("default privileges for {scope}"),
                Some((kind, name)) => format!("{kind} {name}"),
                None => line.to_string(),
            }
        }
        _ => format!("{kind} {}", name_at(rest)),
    }
}

/// Groups the declared-only and database-only facts by object.
pub fn group(missing: &[String], extra: &[String]) -> Vec<ObjectDrift> {
    let mut by: BTreeMap<String, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    for m in missing {
        by.entry(object_of(m)).or_default().0.push(m);
    }
    for e in extra {
        by.entry(object_of(e)).or_default().1.push(e);
    }
    by.into_iter()
        .map(|(object, (declared, live))| {
            let unexpressible = declared
                .iter()
                .chain(&live)
                .any(|l| l.starts_with(FACT_PREFIX));
            let kind = match (declared.is_empty(), live.is_empty()) {
                _ if unexpressible => "unexpressible",
                // Only a stray owner is listed: the declared one is the usual.
                _ if object.starts_with(super::owners::FACT_PREFIX) => "different",
                (false, true) => "missing",
                (true, false) => "extra",
                _ => "different",
            };
            let old = declared
                .iter()
                .map(|l| format!("{l}\n"))
                .collect::<String>();
            let new = live.iter().map(|l| format!("{l}\n")).collect::<String>();
            let diff = similar::TextDiff::from_lines(&old, &new)
                .unified_diff()
                .header("declared", "database")
                .to_string();
            ObjectDrift { kind, object, diff }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_objects_and_pairs_changed_facts() {
        assert_eq!(
            object_of("index CREATE INDEX t_a_idx ON public.t USING btree (a)"),
            "index t_a_idx"
        );
        assert_eq!(object_of("column public.t.a integer"), "column public.t.a");
        assert_eq!(
            object_of("trigger CREATE TRIGGER t_touch BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION f()"),
            "trigger public.t.t_touch"
        );
        assert_eq!(
            object_of("policy storage.objects.\"Users read (own)\" permissive r to authenticated"),
            "policy storage.objects.\"Users read (own)\""
        );
        let g = group(
            &[
                "column public.t.a integer default 1".into(),
                "policy public.t.p permissive r".into(),
            ],
            &[
                "column public.t.a integer default 2".into(),
                "relation public.x kind r".into(),
            ],
        );
        let kinds: Vec<(&str, &str)> = g.iter().map(|d| (d.kind, d.object.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                ("different", "column public.t.a"),
                ("missing", "policy public.t.p"),
                ("extra", "relation public.x")
            ]
        );
        assert!(
            g[0].diff.contains("-column public.t.a integer default 1")
                && g[0].diff.contains("+column public.t.a integer default 2")
        );
    }
}
