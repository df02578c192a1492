//! Reading a migration file back into what must run, in order: the part between
//! `BEGIN;` and `COMMIT;` lines in one transaction, and each paragraph after a
//! `-- schemac:no-transaction` marker on its own.

use crate::sql::NO_TRANSACTION;

/// A piece of a migration file that runs as a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Whether it runs inside a transaction.
    pub transactional: bool,
    /// The SQL, without `BEGIN;`/`COMMIT;`.
    pub sql: String,
}

/// Splits a migration file into segments, in order. `BEGIN;`, `COMMIT;` and the
/// no-transaction marker count only on a line that starts outside every string, dollar
/// quote and comment: a procedure body may hold a `COMMIT;` line of its own.
pub fn segments(text: &str) -> Vec<Segment> {
    let quoted = crate::sqltext::quoted_ranges(text);
    let mut in_code = {
        let mut next = 0;
        move |at: usize| {
            while quoted.get(next).is_some_and(|r| r.end <= at) {
                next += 1;
            }
            quoted.get(next).is_none_or(|r| r.start >= at)
        }
    };
    let mut offset = 0;
    let mut lines = text
        .split_inclusive('\n')
        .map(|l| {
            let at = offset;
            offset += l.len();
            (l.trim_end_matches(['\n', '\r']), in_code(at))
        })
        .peekable();
    let mut out = Vec::new();
    while let Some((line, code)) = lines.next() {
        let trimmed = line.trim();
        if code && trimmed == "BEGIN;" {
            let mut sql = String::new();
            for (l, code) in lines.by_ref() {
                if code && l.trim() == "COMMIT;" {
                    break;
                }
                sql.push_str(l);
                sql.push('\n');
            }
            out.push(Segment {
                transactional: true,
                sql,
            });
        } else if code && trimmed == NO_TRANSACTION {
            let mut sql = String::new();
            while let Some((l, code)) = lines.peek() {
                if *code && l.trim().is_empty() {
                    break;
                }
                sql.push_str(l);
                sql.push('\n');
                lines.next();
            }
            out.push(Segment {
                transactional: false,
                sql,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_transactional_and_standalone_parts_in_order() {
        let text = "-- header\n\n-- schemac:no-transaction\nALTER TYPE t ADD VALUE 'x';\n\nBEGIN;\n\nCREATE TABLE a ();\n\nCOMMIT;\n\n-- schemac:no-transaction\nCREATE INDEX CONCURRENTLY i ON a (x);\n";
        let s = segments(text);
        assert_eq!(s.len(), 3);
        assert!(!s[0].transactional && s[0].sql.contains("ADD VALUE"));
        assert!(
            s[1].transactional
                && s[1].sql.contains("CREATE TABLE a")
                && !s[1].sql.contains("BEGIN")
        );
        assert!(!s[2].transactional && s[2].sql.contains("CONCURRENTLY"));
    }

    #[test]
    fn a_commit_line_inside_a_body_ends_nothing() {
        let text = "BEGIN;\nCREATE PROCEDURE p() LANGUAGE plpgsql AS $$\nBEGIN\n  INSERT INTO t VALUES (1);\nCOMMIT;\n\nEND $$;\nCREATE TABLE b ();\nCOMMIT;\n\n-- schemac:no-transaction\nCREATE INDEX CONCURRENTLY i ON t ((';\n\nBEGIN;'));\n";
        let s = segments(text);
        assert_eq!(s.len(), 2);
        assert!(s[0].transactional);
        assert!(s[0].sql.contains("COMMIT;\n\nEND $$;\nCREATE TABLE b ();"));
        assert!(!s[1].transactional);
        assert!(s[1].sql.ends_with("BEGIN;'));\n"));
    }
}
