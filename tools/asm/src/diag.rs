//! Located error messages: one [`Diagnostic`] per problem, all of them collected in
//! [`Diagnostics`], rendered as `file:line:col: error: message`, the source line and a caret.
use std::fmt;

/// One located error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as it was named (on the command line, in an `include`, or the string
    /// source's name).
    pub file: String,
    /// 1-based line; 0 when the error concerns the file as a whole.
    pub line: u32,
    /// 1-based column in characters; 0 when there is no column.
    pub col: u32,
    /// Lower-case message without a trailing period.
    pub message: String,
    /// The source line the error is in (after macro substitution, when in a macro).
    pub source_line: String,
    /// Extra context lines, such as the macro invocation an error came from.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// An error about a whole file (cannot read it, and so on).
    pub fn file_error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: 0,
            col: 0,
            message: message.into(),
            source_line: String::new(),
            notes: Vec::new(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: error: {}", self.file, self.message)?;
        } else {
            writeln!(
                f,
                "{}:{}:{}: error: {}",
                self.file, self.line, self.col, self.message
            )?;
            writeln!(f, "{}", self.source_line)?;
            // The caret line keeps the source's tabs so the caret lines up in a terminal.
            let mut caret: String = self
                .source_line
                .chars()
                .take(self.col.saturating_sub(1) as usize)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            caret.push('^');
            write!(f, "{caret}")?;
        }
        for note in &self.notes {
            write!(f, "\n  note: {note}")?;
        }
        Ok(())
    }
}

/// Every error of one assembly, in source order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    /// The errors; never empty when returned by the assembler.
    pub errors: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Number of errors.
    pub fn len(&self) -> usize {
        self.errors.len()
    }
    /// True when there is no error.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }
    /// The messages only, for tests: `line:col: message`.
    pub fn short(&self) -> Vec<String> {
        self.errors
            .iter()
            .map(|d| format!("{}:{}: {}", d.line, d.col, d.message))
            .collect()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            writeln!(f, "{d}")?;
        }
        let n = self.errors.len();
        write!(f, "{n} error{}", if n == 1 { "" } else { "s" })
    }
}

impl std::error::Error for Diagnostics {}

/// Convert a byte offset in `text` to a 1-based character column.
pub(crate) fn column_of(text: &str, byte: usize) -> u32 {
    let mut b = byte.min(text.len());
    while b > 0 && !text.is_char_boundary(b) {
        b -= 1;
    }
    text[..b].chars().count() as u32 + 1
}
