//! The SQL lexer behind every scan of verbatim text: words, strings, dollar quotes,
//! quoted identifiers, comments and punctuation, as PostgreSQL itself lexes them with
//! `standard_conforming_strings` on (an E-string only where `E` is a word of its own,
//! `$` part of a word after its first letter, block comments nested).

/// A lexical token of SQL text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    /// An identifier or keyword, folded: unquoted ones in lower case.
    Word(String),
    /// A string literal, with its quotes.
    Str(&'a str),
    /// Any other character or operator.
    Punct(char),
}

/// Splits SQL into tokens. Comments and white space are dropped.
pub fn tokens(sql: &str) -> Vec<Token<'_>> {
    scan(sql, false).0
}

/// `sql` without a `-- comment` it ends in (one that starts outside every string,
/// quoted name and block comment), trimmed: a one-line expression followed by a
/// comment, as a column's default on its line may be, would otherwise comment out what
/// the generated SQL puts after it.
pub fn without_line_comment(sql: &str) -> &str {
    match scan(sql, true).1 {
        Some(at) => sql[..at].trim_end(),
        None => sql,
    }
}

/// The byte ranges of `sql` that are not code: strings, dollar quotes, quoted names and
/// comments, in order. A line that starts inside one (a procedure body's `COMMIT;`
/// line) is never read as a line of the file around it.
pub fn quoted_ranges(sql: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = sql.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let end = if bytes[i..].starts_with(b"--") {
            sql[i..].find('\n').map_or(bytes.len(), |n| i + n)
        } else if bytes[i..].starts_with(b"/*") {
            comment_end(sql, i)
        } else if c == b'\'' {
            quote_end(sql, i)
        } else if c == b'"' {
            sql[i + 1..].find('"').map_or(bytes.len(), |n| i + n + 2)
        } else if c == b'$' {
            match dollar_quote_end(sql, i) {
                Some(end) => end,
                None => {
                    i += 1;
                    continue;
                }
            }
        } else {
            i += 1;
            continue;
        };
        out.push(i..end);
        i = end;
    }
    out
}

/// The tokens of `sql`; with `stop_at_line_comment`, up to the first `--` comment, and
/// where it starts.
fn scan(sql: &str, stop_at_line_comment: bool) -> (Vec<Token<'_>>, Option<usize>) {
    let bytes = sql.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if sql[i..].starts_with("--") {
            if stop_at_line_comment {
                return (out, Some(i));
            }
            i = sql[i..].find('\n').map_or(bytes.len(), |n| i + n);
        } else if sql[i..].starts_with("/*") {
            i = comment_end(sql, i);
        } else if c == b'\'' {
            let end = string_end(sql, i, false);
            out.push(Token::Str(&sql[i..end]));
            i = end;
        } else if c == b'"' {
            let mut j = i + 1;
            let mut name = String::new();
            while j < bytes.len() {
                if bytes[j] == b'"' {
                    if bytes.get(j + 1) == Some(&b'"') {
                        name.push('"');
                        j += 2;
                        continue;
                    }
                    break;
                }
                let ch = sql[j..].chars().next().unwrap_or(' ');
                name.push(ch);
                j += ch.len_utf8();
            }
            out.push(Token::Word(name));
            i = (j + 1).min(bytes.len());
        } else if c == b'$' {
            if let Some(end) = dollar_end(sql, i) {
                out.push(Token::Str(&sql[i..end]));
                i = end;
            } else {
                out.push(Token::Punct('$'));
                i += 1;
            }
        } else if word_start(c) {
            let start = i;
            i = word_end(bytes, i);
            let word = &sql[start..i];
            if (word == "E" || word == "e") && bytes.get(i) == Some(&b'\'') {
                let end = string_end(sql, i, true);
                out.push(Token::Str(&sql[start..end]));
                i = end;
            } else {
                out.push(Token::Word(word.to_ascii_lowercase()));
            }
        } else {
            let ch = sql[i..].chars().next().unwrap_or(' ');
            out.push(Token::Punct(ch));
            i += ch.len_utf8();
        }
    }
    (out, None)
}

/// The end of the string literal whose opening quote is at `start`. Backslash escapes
/// count only in an E-string (`escapes`): with standard_conforming_strings on, as
/// PostgreSQL has it, `namE'\'` is the word `namE` and the string `'\'`.
fn string_end(sql: &str, start: usize, escapes: bool) -> usize {
    let bytes = sql.as_bytes();
    let mut j = start + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' if escapes => j += 2,
            b'\'' if bytes.get(j + 1) == Some(&b'\'') => j += 2,
            b'\'' => return j + 1,
            _ => j += 1,
        }
    }
    bytes.len()
}

/// The end of the block comment opening at `start`; PostgreSQL nests them.
fn comment_end(sql: &str, start: usize) -> usize {
    let bytes = sql.as_bytes();
    let (mut depth, mut j) = (0usize, start);
    while j < bytes.len() {
        if bytes[j..].starts_with(b"/*") {
            depth += 1;
            j += 2;
        } else if bytes[j..].starts_with(b"*/") {
            depth -= 1;
            j += 2;
            if depth == 0 {
                return j;
            }
        } else {
            j += 1;
        }
    }
    bytes.len()
}

fn dollar_end(sql: &str, start: usize) -> Option<usize> {
    let rest = &sql[start + 1..];
    let tag_len = rest.find('$')?;
    let tag = &rest[..tag_len];
    if !tag.chars().all(|c| c.is_alphanumeric() || c == '_')
        || tag.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let delim = format!("${tag}$");
    let body_start = start + delim.len();
    sql[body_start..]
        .find(&delim)
        .map(|n| body_start + n + delim.len())
}

/// True for a byte that continues a word (`$` included, as PostgreSQL has it).
fn word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

/// True for a byte that starts a word: a letter, `_` or a non-ASCII character.
pub(super) fn word_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

/// The end of the word starting at `start` (see [`word_byte`]).
pub(super) fn word_end(bytes: &[u8], start: usize) -> usize {
    (start..bytes.len())
        .find(|&j| !word_byte(bytes[j]))
        .unwrap_or(bytes.len())
}

/// [`string_end`] for a quote found by a scanner that does not track words: the
/// string is an E-string only when an `E` of its own stands before it.
pub(super) fn quote_end(sql: &str, start: usize) -> usize {
    let b = sql.as_bytes();
    let e_word =
        start > 0 && matches!(b[start - 1], b'e' | b'E') && (start < 2 || !word_byte(b[start - 2]));
    string_end(sql, start, e_word)
}

/// [`dollar_end`] for a `$` found by a scanner that does not track words: inside a
/// word (`a$$`) it starts nothing.
pub(super) fn dollar_quote_end(sql: &str, start: usize) -> Option<usize> {
    if start > 0 && word_byte(sql.as_bytes()[start - 1]) {
        return None;
    }
    dollar_end(sql, start)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_trailing_line_comment_is_cut_but_not_one_inside_a_string() {
        use super::without_line_comment as cut;
        assert_eq!(cut("1 -- the first"), "1");
        assert_eq!(cut("'a -- b' -- note"), "'a -- b'");
        assert_eq!(cut("\"x--y\" /* -- */ + 1"), "\"x--y\" /* -- */ + 1");
        assert_eq!(cut("$$ -- $$ || 'x'"), "$$ -- $$ || 'x'");
        assert_eq!(cut("now()"), "now()");
    }

    #[test]
    fn quoted_ranges_cover_strings_bodies_names_and_comments() {
        let sql = "a 'x;' \"q\"\"r\" $f$\nCOMMIT;\n$f$ /* /* */ */ -- c\nb";
        let ranges: Vec<&str> = super::quoted_ranges(sql)
            .into_iter()
            .map(|r| &sql[r])
            .collect();
        assert_eq!(
            ranges,
            [
                "'x;'",
                "\"q\"",
                "\"r\"",
                "$f$\nCOMMIT;\n$f$",
                "/* /* */ */",
                "-- c"
            ]
        );
    }

    use super::*;

    fn strings(sql: &str) -> Vec<&str> {
        tokens(sql)
            .into_iter()
            .filter_map(|t| match t {
                Token::Str(s) => Some(s),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn lexes_words_strings_and_comments_as_postgres_does() {
        // `namE'\'` is a word and a plain string; only a word `E` starts an E-string.
        assert_eq!(
            strings(r"select namE'\' as a; drop table t; select E'x\'' as b"),
            vec![r"'\'", r"E'x\''"]
        );
        // `a$$` is one word, not a dollar quote.
        assert_eq!(
            tokens("select 1 as a$$, 2")[3],
            Token::Word("a$$".to_string())
        );
        // ... so the DROP after it is no string's content.
        let words: Vec<Token> = tokens("select 1 as a$$; drop table t; select $$ as b");
        assert!(
            words.contains(&Token::Word("drop".to_string())),
            "{words:?}"
        );
        // Nested block comments end where PostgreSQL ends them.
        assert_eq!(
            tokens("a /* x /* y */ z */ b"),
            vec![Token::Word("a".into()), Token::Word("b".into())]
        );
        // Dollar tags may hold non-ASCII letters.
        assert_eq!(strings("select $ä$ ; $ä$"), vec!["$ä$ ; $ä$"]);
    }
}
