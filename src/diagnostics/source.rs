//! Source files and byte spans into them.

use std::path::{Path, PathBuf};

/// Index of a file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// The file.
    pub file: FileId,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from byte offsets.
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Span {
            file,
            start: start as u32,
            end: end as u32,
        }
    }
}

/// The files of one project: display names and contents.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

#[derive(Debug, Clone)]
struct SourceFile {
    name: String,
    path: PathBuf,
    text: String,
    /// Byte offset of the start of every line, computed once: locating a span is a
    /// binary search, so ten thousand diagnostics in a 6 MB file cost no more than ten.
    line_starts: Vec<u32>,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file; `name` is how diagnostics refer to it.
    pub fn add(&mut self, name: impl Into<String>, path: &Path, text: String) -> FileId {
        let line_starts = std::iter::once(0)
            .chain(
                text.bytes()
                    .enumerate()
                    .filter(|(_, b)| *b == b'\n')
                    .map(|(i, _)| i as u32 + 1),
            )
            .collect();
        self.files.push(SourceFile {
            name: name.into(),
            path: path.to_path_buf(),
            text,
            line_starts,
        });
        FileId(self.files.len() as u32 - 1)
    }

    /// The display name of a file.
    pub fn name(&self, id: FileId) -> &str {
        &self.files[id.0 as usize].name
    }

    /// The path a file was read from.
    pub fn path(&self, id: FileId) -> &Path {
        &self.files[id.0 as usize].path
    }

    /// The text of a file.
    pub fn text(&self, id: FileId) -> &str {
        &self.files[id.0 as usize].text
    }

    /// All file ids in insertion order.
    pub fn ids(&self) -> impl Iterator<Item = FileId> + '_ {
        (0..self.files.len() as u32).map(FileId)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, id: FileId, offset: u32) -> (usize, usize) {
        let file = &self.files[id.0 as usize];
        let offset = (offset as usize).min(file.text.len());
        let line = file.line_starts.partition_point(|&s| s as usize <= offset);
        let line_start = file.line_starts[line - 1] as usize;
        let col = file.text[line_start..offset].chars().count() + 1;
        (line, col)
    }

    /// The text of 1-based line `line` (without its line break), or None past the end.
    pub fn line(&self, id: FileId, line: usize) -> Option<&str> {
        let file = &self.files[id.0 as usize];
        let start = *file.line_starts.get(line.checked_sub(1)?)? as usize;
        let end = file
            .line_starts
            .get(line)
            .map_or(file.text.len(), |&e| e as usize);
        Some(file.text[start..end].trim_end_matches(['\n', '\r']))
    }
}
