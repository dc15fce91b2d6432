//! Byte offsets to lines and columns.

use crate::model::Span;
use serde::Serialize;

/// A position in the text: 1-based line, and 1-based column counted in Unicode scalar values
/// (`column`) and in UTF-16 code units (`column_utf16`, what browser editors use).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LineCol {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    /// 1-based column in UTF-16 code units.
    pub column_utf16: usize,
}

/// Line index of a text: maps byte offsets to [`LineCol`].
#[derive(Clone, Debug)]
pub struct SourceMap {
    text: String,
    line_starts: Vec<usize>,
}

impl SourceMap {
    /// Indexes `text` (lines end at `\n`; a `\r` before it belongs to the line).
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Self {
            text: text.to_string(),
            line_starts,
        }
    }

    /// The indexed text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The position of byte `offset` (clamped to the text; an offset inside a multi-byte
    /// character counts as that character).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let line_index = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.line_starts.get(line_index).copied().unwrap_or(0);
        let mut column = 1;
        let mut column_utf16 = 1;
        for (i, c) in self.text.get(start..).unwrap_or_default().char_indices() {
            if start + i >= offset {
                break;
            }
            column += 1;
            column_utf16 += c.len_utf16();
        }
        LineCol {
            line: line_index + 1,
            column,
            column_utf16,
        }
    }

    /// The text of 1-based line `line` without its line terminator.
    pub fn line_text(&self, line: usize) -> Option<&str> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(line)
            .map(|e| e - 1)
            .unwrap_or(self.text.len());
        let s = self.text.get(start..end.max(start))?;
        Some(s.strip_suffix('\r').unwrap_or(s))
    }

    /// Byte offset where 1-based line `line` starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line.checked_sub(1)?).copied()
    }

    /// The text covered by `span`, if it lies on character boundaries.
    pub fn slice(&self, span: Span) -> Option<&str> {
        self.text.get(span.start..span.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_offsets_to_lines_and_columns() {
        let text = "{\n  \"é😀x\": 1\r\n}";
        let map = SourceMap::new(text);
        assert_eq!(map.line_count(), 3);
        assert_eq!(
            map.line_col(0),
            LineCol {
                line: 1,
                column: 1,
                column_utf16: 1
            }
        );
        assert_eq!(
            map.line_col(2),
            LineCol {
                line: 2,
                column: 1,
                column_utf16: 1
            }
        );
        let x = text.find('x').unwrap();
        assert_eq!(
            map.line_col(x),
            LineCol {
                line: 2,
                column: 6,
                column_utf16: 7
            }
        );
        assert_eq!(map.line_text(2), Some("  \"é😀x\": 1"));
        assert_eq!(map.line_text(3), Some("}"));
        assert_eq!(map.line_text(4), None);
        assert_eq!(map.line_col(text.len() + 10).line, 3);
        assert_eq!(
            map.line_col(text.len()),
            LineCol {
                line: 3,
                column: 2,
                column_utf16: 2
            }
        );
    }
}
