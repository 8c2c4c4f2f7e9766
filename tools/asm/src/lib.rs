//! `qasm`: the project's Motorola-syntax assembler for the MC68030, MC68882 and the
//! 68030's on-chip MMU, with Synthesis template-hole tables.
//!
//! Owns: turning assembly source into an ELF32 big-endian m68k executable, a listing, a
//! map and the template tables the kernel's code synthesizer reads. It must not know the
//! Quamachine beyond what a source file says (no baked-in addresses), and it never
//! panics on any input: every problem is a located [`Diagnostic`].
//!
//! Written by hand because no Rust crate assembles 68k code; GNU as (MRI mode) is the
//! oracle the tests compare against byte for byte.
//!
//! Layers:
//! - `insn` is the contract between the statement layer and the instruction layer;
//! - `encode/` parses operands and encodes every instruction;
//! - the statement layer sits on top: `lex` (a line's fields), `expr` (expressions),
//!   `source` (files and includes), `asm` (symbols, directives, macros, templates and the
//!   pass loop), `output` (ELF, listing, map), `diag` (located errors).
//!
//! ```
//! let src = "
//!         org     $1000
//! start:  moveq   #0,d0
//! .loop:  addq.l  #1,d0
//!         cmp.l   #10,d0
//!         bne.s   .loop
//!         rts
//! ";
//! let out = qasm::assemble_str("demo.s", src, &qasm::Options::default()).unwrap();
//! assert_eq!(out.entry, 0x1000);
//! assert_eq!(out.symbol("start.loop"), Some(0x1002));
//! assert_eq!(&out.segments[0].data[..2], &[0x70, 0x00]);
//!
//! let err = qasm::assemble_str("bad.s", "  moveq #200,d0\n", &Default::default()).unwrap_err();
//! assert_eq!(err.short(), ["1:10: value 200 out of range for moveq (-128..127)"]);
//! ```

pub mod encode;
pub mod insn;

mod asm;
mod diag;
mod expr;
mod lex;
mod output;
mod source;

pub use diag::{Diagnostic, Diagnostics};

use std::path::PathBuf;

/// How to assemble.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Directories searched for `include` and `incbin` files after the including file's
    /// own directory (a string source has none, so only these).
    pub include_dirs: Vec<PathBuf>,
    /// Symbols defined before the first line, as if by `equ` (`-D NAME=VALUE`).
    pub defines: Vec<(String, i64)>,
}

/// One loadable run of bytes at its address (a `PT_LOAD` segment of the ELF file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// ELF section name: `.text`, `.data`, `.bss`, then `.text.1` … for later `org`s.
    pub name: String,
    /// Load address.
    pub addr: u32,
    /// The bytes (empty for bss).
    pub data: Vec<u8>,
    /// Size in memory (larger than `data` for bss).
    pub mem_size: u32,
    /// From the text section.
    pub executable: bool,
    /// From the data or bss section.
    pub writable: bool,
}

/// One symbol of the program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    /// Full name; local labels carry their scope (`main.loop`, `main.1$`).
    pub name: String,
    /// Value (an address for labels), truncated to 32 bits.
    pub value: u32,
    /// The segment name for labels; None for `equ`/`set` constants.
    pub section: Option<String>,
    /// Named by `xdef`.
    pub global: bool,
}

/// How a template hole is filled (the kind byte of the template table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoleKind {
    /// A byte (kind 1).
    Byte,
    /// A word (kind 2).
    Word,
    /// A long word (kind 4).
    Long,
    /// An 8-bit branch displacement in the low byte of the opcode word (kind $81).
    Branch8,
    /// A 16-bit branch displacement (kind $82).
    Branch16,
    /// A 32-bit branch displacement (kind $84).
    Branch32,
}

impl HoleKind {
    /// The kind byte in the template table.
    pub fn code(self) -> u8 {
        match self {
            HoleKind::Byte => 1,
            HoleKind::Word => 2,
            HoleKind::Long => 4,
            HoleKind::Branch8 => 0x81,
            HoleKind::Branch16 => 0x82,
            HoleKind::Branch32 => 0x84,
        }
    }
    /// The kind for a table byte.
    pub fn from_code(code: u8) -> Option<Self> {
        Some(match code {
            1 => HoleKind::Byte,
            2 => HoleKind::Word,
            4 => HoleKind::Long,
            0x81 => HoleKind::Branch8,
            0x82 => HoleKind::Branch16,
            0x84 => HoleKind::Branch32,
            _ => return None,
        })
    }
}

/// One hole of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hole {
    /// The name after `@`.
    pub name: String,
    /// Byte offset of the field from the template's start.
    pub offset: u32,
    /// Width and kind.
    pub kind: HoleKind,
}

/// One Synthesis template (`template NAME` … `endt`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// Its name (also a label at its start).
    pub name: String,
    /// Address of its first byte.
    pub start: u32,
    /// Length in bytes.
    pub len: u32,
    /// Every hole, in the order the fields appear.
    pub holes: Vec<Hole>,
}

/// A finished assembly.
#[derive(Debug, Clone)]
pub struct Output {
    /// The ELF32 big-endian m68k executable.
    pub elf: Vec<u8>,
    /// The loadable segments, in section order (text, data, bss), each in `org` order.
    pub segments: Vec<Segment>,
    /// Every symbol, in definition order.
    pub symbols: Vec<Symbol>,
    /// Entry point: `start` if defined, else the operand of `end`, else the first text byte.
    pub entry: u32,
    /// The listing: line number, address, bytes, source.
    pub listing: String,
    /// The map: sections and symbols by address.
    pub map: String,
    /// The templates, in definition order (the order of the template table).
    pub templates: Vec<Template>,
}

impl Output {
    /// The value of a symbol by its full name.
    pub fn symbol(&self, name: &str) -> Option<u32> {
        self.symbols
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.value)
    }

    /// Copy every segment into `mem` (bss zeroed), which stands for addresses from 0.
    /// Segments (or their parts) beyond `mem` are skipped.
    pub fn load_into(&self, mem: &mut [u8]) {
        for s in &self.segments {
            let start = s.addr as usize;
            for i in 0..s.mem_size as usize {
                if let Some(m) = mem.get_mut(start + i) {
                    *m = s.data.get(i).copied().unwrap_or(0);
                }
            }
        }
    }
}

/// The bytes of a template table for these templates (the format of `docs/templates.md`):
/// what the `templates` directive emits.
pub fn template_table(templates: &[Template]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&(templates.len() as u16).to_be_bytes());
    out.extend_from_slice(&[0, 0]);
    for t in templates {
        out.extend_from_slice(&t.start.to_be_bytes());
        out.extend_from_slice(&(t.len as u16).to_be_bytes());
        out.extend_from_slice(&(t.holes.len() as u16).to_be_bytes());
        let mut names: Vec<&str> = Vec::new();
        for h in &t.holes {
            let k = match names.iter().position(|n| *n == h.name) {
                Some(k) => k,
                None => {
                    names.push(&h.name);
                    names.len() - 1
                }
            };
            out.extend_from_slice(&(h.offset as u16).to_be_bytes());
            out.push(h.kind.code());
            out.push(k as u8);
        }
    }
    out
}

/// Assemble source files, in order, as one program.
pub fn assemble_files(paths: &[PathBuf], opts: &Options) -> Result<Output, Diagnostics> {
    let mut src = source::Sources::new(opts.include_dirs.clone());
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let shown = p.display().to_string();
        match src.load(p, &shown) {
            Ok(id) => files.push(id),
            Err(e) => errors.push(Diagnostic::file_error(shown, e)),
        }
    }
    if !errors.is_empty() {
        return Err(Diagnostics { errors });
    }
    finish(&mut src, &files, opts)
}

/// Assemble one source held in a string; `name` is the file name shown in messages.
/// `include` and `incbin` resolve against `opts.include_dirs` only.
pub fn assemble_str(name: &str, text: &str, opts: &Options) -> Result<Output, Diagnostics> {
    let mut src = source::Sources::new(opts.include_dirs.clone());
    let id = src.add_text(name, None, text);
    finish(&mut src, &[id], opts)
}

fn finish(src: &mut source::Sources, files: &[u32], opts: &Options) -> Result<Output, Diagnostics> {
    let res = asm::run_passes(src, files, &opts.defines);
    if res.errors.is_empty() {
        Ok(output::build(&res, src))
    } else {
        Err(Diagnostics { errors: res.errors })
    }
}
