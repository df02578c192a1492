//! Rendering diagnostics: code frames for people (codespan-reporting), JSON for tools.
//! This is the only place that knows how a diagnostic looks.

use super::{Diagnostic, Severity, SourceMap};
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};
use serde::Serialize;
use std::fmt::Write as _;

/// How many warnings of one code `build` and `check` show before summarising the rest.
pub const WARNINGS_SHOWN_PER_CODE: usize = 5;

/// [`render_human`], but a flood of one warning is cut short: every error, the first
/// `per_code` warnings of each code, then one line per code with how many more there
/// are (a pulled 5,000-table project can raise the same warning 10,000 times).
pub fn render_human_summarised(
    sources: &SourceMap,
    diagnostics: &[Diagnostic],
    color: bool,
    per_code: usize,
) -> String {
    let mut seen: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    let shown: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| {
            d.severity == Severity::Error || {
                let n = seen.entry(d.code.as_str()).or_default();
                *n += 1;
                *n <= per_code
            }
        })
        .cloned()
        .collect();
    let mut text = render_frames(sources, &shown, color);
    for (code, n) in seen.iter().filter(|(_, n)| **n > per_code) {
        let _ = writeln!(
            text,
            "… and {} more warning(s) [{code}] not shown; `schemac lint` (or `--format json`) lists every one",
            n - per_code
        );
    }
    let summary = summary_line(diagnostics);
    if !summary.is_empty() {
        let _ = writeln!(text, "{summary}");
    }
    text
}

/// Renders diagnostics as code frames. `color` adds ANSI colours.
pub fn render_human(sources: &SourceMap, diagnostics: &[Diagnostic], color: bool) -> String {
    let mut text = render_frames(sources, diagnostics, color);
    let summary = summary_line(diagnostics);
    if !summary.is_empty() {
        let _ = writeln!(text, "{summary}");
    }
    text
}

/// `text` safe to write to a terminal: control characters (ESC and the rest of C0
/// and C1, but not line breaks and tabs) and bidirectional overrides, which a source
/// file can carry to rewrite the screen or reorder what a reviewer reads, become `?`,
/// one per byte, so byte offsets into the text stay valid.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(bad) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if bad(c) {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// The code frames alone, without the summary line.
fn render_frames(sources: &SourceMap, diagnostics: &[Diagnostic], color: bool) -> String {
    let mut files = SimpleFiles::new();
    for id in sources.ids() {
        files.add(
            printable(sources.name(id)).into_owned(),
            printable(sources.text(id)).into_owned(),
        );
    }
    let config = term::Config::default();
    let mut buffer = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    for d in diagnostics {
        let severity = match d.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
        };
        let labels = d
            .labels
            .iter()
            .map(|l| {
                let style = if l.primary {
                    cs::LabelStyle::Primary
                } else {
                    cs::LabelStyle::Secondary
                };
                let file = l.span.file.0 as usize;
                let len = files.get(file).map(|f| f.source().len()).unwrap_or(0);
                let start = (l.span.start as usize).min(len);
                let end = (l.span.end as usize).clamp(start, len);
                cs::Label::new(style, file, start..end).with_message(printable(&l.message))
            })
            .collect();
        let diagnostic = cs::Diagnostic::new(severity)
            .with_code(d.code.as_str())
            .with_message(printable(&d.message))
            .with_labels(labels)
            .with_notes(d.notes.iter().map(|n| printable(n).into_owned()).collect());
        // Writing into an in-memory buffer cannot fail for valid spans.
        let _ = term::emit(&mut buffer, &config, &files, &diagnostic);
    }
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

/// "2 errors, 1 warning" (empty when there is nothing).
pub fn summary_line(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => String::new(),
        (e, 0) => plural(e, "error"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

/// One diagnostic in machine-readable form.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic {
    /// `error` or `warning`.
    pub severity: Severity,
    /// Stable code.
    pub code: String,
    /// Summary.
    pub message: String,
    /// File of the primary label.
    pub file: Option<String>,
    /// 1-based line of the primary label.
    pub line: Option<usize>,
    /// 1-based column of the primary label.
    pub column: Option<usize>,
    /// 1-based end line of the primary label.
    pub end_line: Option<usize>,
    /// 1-based end column of the primary label.
    pub end_column: Option<usize>,
    /// Every label, with its position.
    pub labels: Vec<JsonLabel>,
    /// Notes and hints.
    pub notes: Vec<String>,
}

/// A label in machine-readable form.
#[derive(Debug, Serialize)]
pub struct JsonLabel {
    /// File name.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// Label text.
    pub message: String,
    /// Whether this is the primary label.
    pub primary: bool,
}

/// Converts diagnostics to their JSON shape.
pub fn to_json(sources: &SourceMap, diagnostics: &[Diagnostic]) -> Vec<JsonDiagnostic> {
    diagnostics
        .iter()
        .map(|d| {
            let primary = d.primary_span();
            let start = primary.map(|s| sources.line_col(s.file, s.start));
            let end = primary.map(|s| sources.line_col(s.file, s.end));
            JsonDiagnostic {
                severity: d.severity,
                code: d.code.as_str().to_string(),
                message: d.message.clone(),
                file: primary.map(|s| sources.name(s.file).to_string()),
                line: start.map(|p| p.0),
                column: start.map(|p| p.1),
                end_line: end.map(|p| p.0),
                end_column: end.map(|p| p.1),
                labels: d
                    .labels
                    .iter()
                    .map(|l| {
                        let (line, column) = sources.line_col(l.span.file, l.span.start);
                        JsonLabel {
                            file: sources.name(l.span.file).to_string(),
                            line,
                            column,
                            message: l.message.clone(),
                            primary: l.primary,
                        }
                    })
                    .collect(),
                notes: d.notes.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod printable_tests {
    use super::printable;

    #[test]
    fn control_characters_become_one_question_mark_per_byte() {
        assert_eq!(printable("a\u{1b}[2Jb\tc\n"), "a?[2Jb\tc\n");
        assert_eq!(printable("x\u{202e}y\u{9b}z"), "x???y??z");
        assert_eq!(printable("plain é"), "plain é");
        let text = "é\u{1b}\u{2066}";
        assert_eq!(printable(text).len(), text.len());
    }
}
