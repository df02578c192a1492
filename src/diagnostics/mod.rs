//! Diagnostics as values: every stage pushes [`Diagnostic`]s into a [`Diagnostics`]
//! accumulator instead of stopping at the first error, so one run reports everything.
//! Rendering (code frames, JSON) lives in [`render`], apart from the model.

mod codes;
pub mod explain;
pub mod render;
mod source;
mod suggest;

pub use codes::Code;
pub use source::{FileId, SourceMap, Span};
pub use suggest::closest;

use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; does not fail the run.
    Warning,
    /// The input cannot be compiled.
    Error,
}

/// A labelled region of source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What to say there (may be empty).
    pub message: String,
    /// The primary label is the place the diagnostic is about; secondary ones give context.
    pub primary: bool,
}

/// One problem found in the input, with a stable code and source locations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable machine code, such as `C004`.
    pub code: Code,
    /// One-line summary.
    pub message: String,
    /// Places in the source; the first primary label gives the reported location.
    pub labels: Vec<Label>,
    /// Extra sentences: hints and explanations.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// A new error with a primary label at `span`.
    pub fn error(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            labels: vec![Label {
                span,
                message: String::new(),
                primary: true,
            }],
            notes: Vec::new(),
        }
    }

    /// A new error that is about no particular place in the source.
    pub fn global(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            labels: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Turns this diagnostic into a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Sets the message of the primary label.
    pub fn with_label(mut self, message: impl Into<String>) -> Self {
        if let Some(label) = self.labels.iter_mut().find(|l| l.primary) {
            label.message = message.into();
        }
        self
    }

    /// Adds a secondary label.
    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
            primary: false,
        });
        self
    }

    /// Adds a note or hint.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// The primary span, if any.
    pub fn primary_span(&self) -> Option<Span> {
        self.labels.iter().find(|l| l.primary).map(|l| l.span)
    }
}

/// Accumulates diagnostics of a run, so that all errors are reported together.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds all diagnostics of another collection.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// True when at least one error (not warning) was reported.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// True when nothing was reported.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The diagnostics sorted by file, position and code, for stable output.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.clone();
        items.sort_by_key(|d| {
            let span = d.primary_span();
            (
                span.map(|s| (s.file, s.start, s.end)),
                d.code,
                d.message.clone(),
            )
        });
        items.dedup();
        items
    }

    /// Number of diagnostics.
    pub fn len(&self) -> usize {
        self.items.len()
    }
}
