//! Source files and binary files, loaded once per assembly and shared by every pass;
//! include-path resolution.
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// Where a line came from: a file line, possibly inside a macro expansion.
#[derive(Debug, Clone)]
pub(crate) struct Origin {
    pub file: u32,
    pub line: u32,
    pub expansion: Option<Rc<Expansion>>,
}

/// One level of macro expansion, for the notes under an error.
#[derive(Debug)]
pub(crate) struct Expansion {
    pub note: String,
    pub parent: Option<Rc<Expansion>>,
}

/// One line to assemble: its text (after macro substitution) and origin.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub text: Rc<str>,
    pub origin: Origin,
}

pub(crate) struct SourceFile {
    /// The name to show in messages.
    pub name: String,
    /// The directory includes are looked up in first (none for a string source).
    pub dir: Option<PathBuf>,
    pub lines: Rc<Vec<Line>>,
}

/// Every file of one assembly.
pub(crate) struct Sources {
    pub files: Vec<SourceFile>,
    by_path: HashMap<PathBuf, u32>,
    bins: HashMap<PathBuf, Rc<Vec<u8>>>,
    pub include_dirs: Vec<PathBuf>,
}

impl Sources {
    pub fn new(include_dirs: Vec<PathBuf>) -> Self {
        Sources {
            files: Vec::new(),
            by_path: HashMap::new(),
            bins: HashMap::new(),
            include_dirs,
        }
    }

    /// Add a source held in memory.
    pub fn add_text(&mut self, name: &str, dir: Option<PathBuf>, text: &str) -> u32 {
        let id = self.files.len() as u32;
        let lines = text
            .split('\n')
            .enumerate()
            .map(|(i, l)| Line {
                text: Rc::from(l.strip_suffix('\r').unwrap_or(l)),
                origin: Origin {
                    file: id,
                    line: i as u32 + 1,
                    expansion: None,
                },
            })
            .collect();
        self.files.push(SourceFile {
            name: name.to_string(),
            dir,
            lines: Rc::new(lines),
        });
        id
    }

    /// Load a source file (once; later loads return the same id).
    pub fn load(&mut self, path: &Path, shown: &str) -> Result<u32, String> {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if let Some(&id) = self.by_path.get(&key) {
            return Ok(id);
        }
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read `{shown}`: {e}"))?;
        let text = String::from_utf8_lossy(&bytes);
        let dir = path.parent().map(Path::to_path_buf);
        let id = self.add_text(shown, dir, &text);
        self.by_path.insert(key, id);
        Ok(id)
    }

    /// Load a binary file for `incbin` (once).
    pub fn load_bin(&mut self, path: &Path, shown: &str) -> Result<Rc<Vec<u8>>, String> {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if let Some(b) = self.bins.get(&key) {
            return Ok(b.clone());
        }
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read `{shown}`: {e}"))?;
        let b = Rc::new(bytes);
        self.bins.insert(key, b.clone());
        Ok(b)
    }

    /// Find an included file: next to the including file first, then in the include
    /// directories.
    pub fn resolve(&self, name: &str, from: u32) -> Option<PathBuf> {
        let p = Path::new(name);
        if p.is_absolute() {
            return p.is_file().then(|| p.to_path_buf());
        }
        let from_dir = self.files.get(from as usize).and_then(|f| f.dir.clone());
        from_dir
            .into_iter()
            .chain(self.include_dirs.iter().cloned())
            .map(|d| d.join(p))
            .find(|c| c.is_file())
    }
}
