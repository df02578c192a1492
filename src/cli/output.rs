//! The one place that writes to the terminal.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use crate::diagnostics::{render, Diagnostic, SourceMap};
use std::io::{IsTerminal, Write};

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Text for people.
    Human,
    /// JSON for tools.
    Json,
    /// SQL (`diff --live`: the migration that reconciles the database, with its rollback).
    Sql,
}

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Nothing to report.
    Success = 0,
    /// Something was found: stale output, drift, failed tests.
    Failure = 1,
    /// The command could not do its job.
    Error = 2,
}

impl ExitStatus {
    /// The worse of two statuses.
    pub fn max(self, other: ExitStatus) -> ExitStatus {
        if (other as u8) > (self as u8) {
            other
        } else {
            self
        }
    }
}

/// Standard output and error, with colour and format settings.
pub struct Output {
    stdout: Box<dyn Write>,
    stderr: Box<dyn Write>,
    /// Colour for diagnostics.
    pub color: bool,
    /// Output format.
    pub format: Format,
}

impl Output {
    /// The process's real streams; colour when stderr is a terminal and NO_COLOR is unset.
    pub fn stdio() -> Self {
        let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && std::io::stderr().is_terminal();
        Output {
            stdout: Box::new(std::io::stdout()),
            stderr: Box::new(std::io::stderr()),
            color,
            format: Format::Human,
        }
    }

    /// Writes to the given streams, without colour (for tests).
    pub fn capture(stdout: Box<dyn Write>, stderr: Box<dyn Write>) -> Self {
        Output {
            stdout,
            stderr,
            color: false,
            format: Format::Human,
        }
    }

    /// A line on stdout.
    pub fn line(&mut self, text: &str) {
        let _ = writeln!(self.stdout, "{text}");
    }

    /// Text on stdout, as is.
    pub fn raw(&mut self, text: &str) {
        let _ = write!(self.stdout, "{text}");
    }

    /// A status line for people on stderr (suppressed in JSON mode).
    pub fn status(&mut self, text: &str) {
        if self.format != Format::Json {
            // One write per message: stderr is unbuffered, and `writeln!` would make
            // two system calls, a cost when a migration lists thousands of steps.
            let text = crate::diagnostics::render::printable(text);
            let mut line = String::with_capacity(text.len() + 1);
            line.push_str(&text);
            line.push('\n');
            let _ = self.stderr.write_all(line.as_bytes());
        }
    }

    /// An error message on stderr (JSON mode: an object on stdout).
    pub fn error(&mut self, text: &str) {
        match self.format {
            Format::Human | Format::Sql => {
                let text = crate::diagnostics::render::printable(text);
                let _ = writeln!(self.stderr, "error: {text}");
            }
            Format::Json => {
                let v = serde_json::json!({ "error": text });
                let _ = writeln!(self.stdout, "{v}");
            }
        }
    }

    /// Diagnostics as code frames on stderr.
    pub fn diagnostics(&mut self, sources: &SourceMap, diagnostics: &[Diagnostic]) {
        if diagnostics.is_empty() {
            return;
        }
        let text = render::render_human(sources, diagnostics, self.color);
        let _ = write!(self.stderr, "{text}");
    }

    /// Diagnostics as code frames on stderr, a flood of one warning cut short (see
    /// [`render::render_human_summarised`]); for `build` and `check`, while `lint`
    /// lists every finding.
    pub fn diagnostics_summarised(&mut self, sources: &SourceMap, diagnostics: &[Diagnostic]) {
        if diagnostics.is_empty() {
            return;
        }
        let text = render::render_human_summarised(
            sources,
            diagnostics,
            self.color,
            render::WARNINGS_SHOWN_PER_CODE,
        );
        let _ = write!(self.stderr, "{text}");
    }

    /// A report (any serialisable value) as JSON on stdout.
    pub fn report<T: serde::Serialize>(&mut self, value: &T) {
        let text = serde_json::to_string_pretty(value).unwrap_or_default();
        let _ = writeln!(self.stdout, "{text}");
    }

    /// A JSON value on stdout.
    pub fn json(&mut self, value: &serde_json::Value) {
        let text = serde_json::to_string_pretty(value).unwrap_or_default();
        let _ = writeln!(self.stdout, "{text}");
    }
}
