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

/// Splits a migration file into segments, in order.
pub fn segments(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if trimmed == "BEGIN;" {
            let mut sql = String::new();
            for l in lines.by_ref() {
                if l.trim() == "COMMIT;" {
                    break;
                }
                sql.push_str(l);
                sql.push('\n');
            }
            out.push(Segment {
                transactional: true,
                sql,
            });
        } else if trimmed == NO_TRANSACTION {
            let mut sql = String::new();
            while let Some(l) = lines.peek() {
                if l.trim().is_empty() {
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
}
