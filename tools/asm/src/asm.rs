//! The statement layer: one pass over the program (labels, symbols, sections, directives,
//! conditionals, macros, `rept`, includes, templates, and the calls into the encoder), and
//! the pass loop that repeats it until every size and address has settled.
use crate::diag::{Diagnostic, column_of};
use crate::encode::{self, Sz, float_literal};
use crate::expr::{self, Env};
use crate::insn::{AsmError, ExprEval, FieldKind, InsnRequest, SizeSuffix, Value};
use crate::lex::{self, Stmt, is_numeric_local, split_commas, valid_symbol};
use crate::source::{Expansion, Line, Origin, Sources};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// Passes before giving up on sizes that keep changing.
pub(crate) const MAX_PASSES: usize = 12;
/// Passes in which instruction sizes may shrink freely; after them they may only grow.
const FREE_SHRINK_PASSES: usize = 4;
const MAX_MACRO_DEPTH: usize = 64;
const MAX_INCLUDE_DEPTH: usize = 32;
/// Lines processed in one pass (after macro and `rept` expansion).
const MAX_LINES: usize = 1_000_000;
const MAX_REPT: i64 = 100_000;
/// Bytes of output (including `ds` in bss) in one program.
const MAX_OUTPUT: u64 = 64 << 20;
/// Errors reported before giving up.
const MAX_ERRORS: usize = 1000;

/// Section kinds, also their index in [`Pass::secs`].
pub(crate) const TEXT: usize = 0;
pub(crate) const DATA: usize = 1;
pub(crate) const BSS: usize = 2;
pub(crate) const SECTION_NAMES: [&str; 3] = [".text", ".data", ".bss"];

/// One contiguous run of a section at its address (a section gets a new one at each `org`).
#[derive(Debug, Clone)]
pub(crate) struct Chunk {
    pub addr: u32,
    pub data: Vec<u8>,
    /// Size in bytes (equals `data.len()` except in bss).
    pub size: u64,
    /// The `org` that started it, for overlap errors.
    pub org_at: Option<(Line, usize)>,
}

#[derive(Debug, Clone)]
pub(crate) struct Section {
    pub chunks: Vec<Chunk>,
    pub cur: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SymKind {
    /// A label in chunk `.1` of section `.0`.
    Label(usize, usize),
    /// `equ` or `=`/`set` (redefinable).
    Abs,
    Set,
}

#[derive(Debug, Clone)]
pub(crate) struct Sym {
    pub value: i64,
    pub known: bool,
    pub kind: SymKind,
    pub file: u32,
    pub line: u32,
}

/// A template as recorded by `template` … `endt`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TemplateRec {
    pub name: String,
    pub start: u32,
    pub len: u32,
    /// Distinct hole names in order of first use; a record's name index points here.
    pub names: Vec<String>,
    /// (offset from start, kind byte, name index)
    pub holes: Vec<(u32, u8, u8)>,
}

struct TemplateBuild {
    rec: TemplateRec,
    index: usize,
    sec: usize,
    chunk: usize,
    line: Line,
    col: usize,
}

struct Macro {
    params: Vec<String>,
    body: Vec<Line>,
}

/// One listing line of the final pass.
#[derive(Debug, Clone)]
pub(crate) struct ListEntry {
    pub origin: Origin,
    pub text: Rc<str>,
    pub addr: Option<u32>,
    /// (section, chunk, start, len) of the bytes it produced.
    pub bytes: Option<(usize, usize, usize, usize)>,
}

/// What a pass leaves for the next one and, on the last pass, for the output.
pub(crate) struct PassResult {
    pub state: State,
    pub syms: HashMap<String, Sym>,
    pub sym_order: Vec<String>,
    pub globals: Vec<String>,
    pub sizes: Vec<u32>,
    pub bases: [u32; 3],
    pub templates: Vec<TemplateRec>,
    pub errors: Vec<Diagnostic>,
    pub secs: Vec<Section>,
    pub listing: Vec<ListEntry>,
    pub end_entry: Option<u32>,
    /// A runaway limit stopped the pass: no point in another one.
    pub aborted: bool,
    /// How many passes ran before this one.
    pub number: usize,
}

/// Everything that must be equal in two consecutive passes for the layout to be final.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct State {
    syms: Vec<(String, i64, bool)>,
    sizes: Vec<u32>,
    bases: [u32; 3],
    table_shape: Vec<usize>,
    chunk_sizes: Vec<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    Normal,
    /// `mexit`: leave the current macro expansion.
    Exit,
    /// `end`, or a fatal limit: stop assembling.
    End,
}

struct Cond {
    active: bool,
    parent: bool,
    taken: bool,
    else_seen: bool,
    line: Line,
    col: usize,
}

pub(crate) struct Pass<'s> {
    src: &'s mut Sources,
    prev: Option<&'s PassResult>,
    final_pass: bool,
    syms: HashMap<String, Sym>,
    sym_order: Vec<String>,
    scope: String,
    globals: Vec<String>,
    /// Where each `xdef` named its symbol, to report undefined ones.
    xdef_at: Vec<(String, String, Line, usize)>,
    secs: Vec<Section>,
    cur: usize,
    macros: HashMap<String, Rc<Macro>>,
    narg: Vec<i64>,
    unique: u32,
    macro_depth: usize,
    include_stack: Vec<u32>,
    sizes: Vec<u32>,
    rs_counter: i64,
    templates: Vec<TemplateRec>,
    tmpl: Option<TemplateBuild>,
    table_patches: Vec<(usize, usize, usize, usize)>,
    errors: Vec<Diagnostic>,
    error_keys: HashSet<(u32, u32, u32, String)>,
    listing: Vec<ListEntry>,
    lines_seen: usize,
    aborted: bool,
    end_entry: Option<u32>,
    output_bytes: u64,
    overflow_reported: bool,
}

/// The mnemonic part and size suffix of an operation token.
fn split_op(op: &str) -> (String, Option<&str>) {
    match op.find('.') {
        Some(i) if i > 0 => (op[..i].to_ascii_lowercase(), Some(&op[i + 1..])),
        _ => (op.to_ascii_lowercase(), None),
    }
}

fn parse_size(s: &str) -> Option<SizeSuffix> {
    Some(match s.to_ascii_lowercase().as_str() {
        "b" => SizeSuffix::Byte,
        "w" => SizeSuffix::Word,
        "l" => SizeSuffix::Long,
        "s" => SizeSuffix::Short,
        "d" => SizeSuffix::Double,
        "x" => SizeSuffix::Extended,
        "p" => SizeSuffix::Packed,
        _ => return None,
    })
}

/// The contents of a quoted string that makes up all of `text`, if it is one.
fn whole_string(text: &str) -> Option<Vec<u8>> {
    let b = text.as_bytes();
    let q = *b.first()?;
    if q != b'"' && q != b'\'' {
        return None;
    }
    let mut out = Vec::new();
    let mut i = 1;
    while i < b.len() {
        if b[i] == q {
            if b.get(i + 1) == Some(&q) {
                out.push(q);
                i += 2;
                continue;
            }
            return (i + 1 == b.len()).then_some(out);
        }
        out.push(b[i]);
        i += 1;
    }
    None
}

/// A file name operand: `"name"`, `'name'`, `<name>` or bare.
fn file_operand(text: &str) -> &str {
    let t = text.trim();
    for (o, c) in [('"', '"'), ('\'', '\''), ('<', '>')] {
        if let Some(r) = t.strip_prefix(o)
            && let Some(inner) = r.strip_suffix(c)
        {
            return inner;
        }
    }
    t
}

fn hole_kind_byte(kind: FieldKind) -> Option<u8> {
    Some(match kind {
        FieldKind::Byte => 1,
        FieldKind::Word => 2,
        FieldKind::Long => 4,
        FieldKind::Branch8 => 0x81,
        FieldKind::Branch16 => 0x82,
        FieldKind::Branch32 => 0x84,
        FieldKind::Packed => return None,
    })
}

/// Bytes of the template table for `templates` (format in docs/templates.md).
pub(crate) fn table_bytes(templates: &[TemplateRec]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&(templates.len() as u16).to_be_bytes());
    out.extend_from_slice(&[0, 0]);
    for t in templates {
        out.extend_from_slice(&t.start.to_be_bytes());
        out.extend_from_slice(&(t.len as u16).to_be_bytes());
        out.extend_from_slice(&(t.holes.len() as u16).to_be_bytes());
        for &(off, kind, name) in &t.holes {
            out.extend_from_slice(&(off as u16).to_be_bytes());
            out.push(kind);
            out.push(name);
        }
    }
    out
}

fn table_len(templates: &[TemplateRec]) -> usize {
    4 + templates
        .iter()
        .map(|t| 8 + 4 * t.holes.len())
        .sum::<usize>()
}

/// Range of a `dc`/`dcb` item of `size` bytes: signed or unsigned values both fit.
fn fits(v: i64, size: usize) -> bool {
    let bits = size as u32 * 8;
    let lo = -(1i64 << (bits - 1));
    let hi = (1i64 << bits) - 1;
    (lo..=hi).contains(&v)
}

fn range_text(size: usize) -> &'static str {
    match size {
        1 => "-128..255",
        2 => "-32768..65535",
        _ => "-2147483648..4294967295",
    }
}

impl<'s> Pass<'s> {
    pub fn new(
        src: &'s mut Sources,
        prev: Option<&'s PassResult>,
        final_pass: bool,
        defines: &[(String, i64)],
    ) -> Self {
        let bases = prev.map_or([0; 3], |p| p.bases);
        let secs = (0..3)
            .map(|k| Section {
                chunks: vec![Chunk {
                    addr: bases[k],
                    data: Vec::new(),
                    size: 0,
                    org_at: None,
                }],
                cur: 0,
            })
            .collect();
        let mut p = Pass {
            src,
            prev,
            final_pass,
            syms: HashMap::new(),
            sym_order: Vec::new(),
            scope: String::new(),
            globals: Vec::new(),
            xdef_at: Vec::new(),
            secs,
            cur: TEXT,
            macros: HashMap::new(),
            narg: Vec::new(),
            unique: 0,
            macro_depth: 0,
            include_stack: Vec::new(),
            sizes: Vec::new(),
            rs_counter: 0,
            templates: Vec::new(),
            tmpl: None,
            table_patches: Vec::new(),
            errors: Vec::new(),
            error_keys: HashSet::new(),
            listing: Vec::new(),
            lines_seen: 0,
            aborted: false,
            end_entry: None,
            output_bytes: 0,
            overflow_reported: false,
        };
        for (name, v) in defines {
            p.syms.insert(
                name.clone(),
                Sym {
                    value: *v,
                    known: true,
                    kind: SymKind::Abs,
                    file: u32::MAX,
                    line: 0,
                },
            );
            p.sym_order.push(name.clone());
        }
        p
    }

    /// Assemble the given files in order, as one program.
    pub fn run(mut self, files: &[u32]) -> PassResult {
        for &f in files {
            self.include_stack.push(f);
            let lines = self.src.files[f as usize].lines.clone();
            let flow = self.block(&lines);
            self.include_stack.pop();
            if flow == Flow::End {
                break;
            }
        }
        if let Some(t) = self.tmpl.take() {
            let msg = format!("unterminated template `{}` (missing endt)", t.rec.name);
            self.error(&t.line, t.col, msg);
        }
        self.finish()
    }

    fn finish(mut self) -> PassResult {
        // Patch the template tables with this pass's templates.
        let table = table_bytes(&self.templates);
        for &(s, c, off, len) in &self.table_patches {
            if len == table.len() {
                self.secs[s].chunks[c].data[off..off + len].copy_from_slice(&table);
            }
        }
        let globals: Vec<String> = std::mem::take(&mut self.globals);
        if self.final_pass {
            for (full, shown, line, col) in std::mem::take(&mut self.xdef_at) {
                if !self.syms.contains_key(&full) {
                    self.error(&line, col, format!("xdef of undefined symbol `{shown}`"));
                }
            }
        }
        if self.final_pass {
            self.check_overlaps();
        }
        // Default bases for the next pass: data follows text, bss follows data.
        let end_of = |sec: &Section| {
            sec.chunks
                .iter()
                .filter(|c| c.size > 0)
                .map(|c| c.addr as u64 + c.size)
                .max()
        };
        let align4 = |v: u64| (v.div_ceil(4) * 4).min(u32::MAX as u64 & !3) as u32;
        let text_end = end_of(&self.secs[TEXT]).unwrap_or(0);
        let data_base = align4(text_end);
        let data_end = end_of(&self.secs[DATA]).unwrap_or(data_base as u64);
        let bases = [0, data_base, align4(data_end)];
        let mut syms: Vec<(String, i64, bool)> = self
            .syms
            .iter()
            .map(|(k, s)| (k.clone(), s.value, s.known))
            .collect();
        syms.sort();
        let state = State {
            syms,
            sizes: self.sizes.clone(),
            bases,
            table_shape: self.templates.iter().map(|t| t.holes.len()).collect(),
            chunk_sizes: self
                .secs
                .iter()
                .flat_map(|s| s.chunks.iter().map(|c| c.size))
                .collect(),
        };
        let errors = self.errors;
        PassResult {
            state,
            syms: self.syms,
            sym_order: self.sym_order,
            globals,
            sizes: self.sizes,
            bases,
            templates: self.templates,
            errors,
            secs: self.secs,
            listing: self.listing,
            end_entry: self.end_entry,
            aborted: self.aborted,
            number: self.prev.map_or(0, |p| p.number + 1),
        }
    }

    fn check_overlaps(&mut self) {
        let mut runs: Vec<(u64, u64, usize, usize)> = Vec::new();
        for (s, sec) in self.secs.iter().enumerate() {
            for (c, ch) in sec.chunks.iter().enumerate() {
                if ch.size > 0 {
                    runs.push((ch.addr as u64, ch.addr as u64 + ch.size, s, c));
                }
            }
        }
        runs.sort();
        for w in runs.windows(2) {
            let (a, b) = (w[0], w[1]);
            if b.0 < a.1 {
                let msg = format!(
                    "{} at ${:X}..${:X} overlaps {} at ${:X}..${:X}",
                    SECTION_NAMES[b.2], b.0, b.1, SECTION_NAMES[a.2], a.0, a.1
                );
                let at = self.secs[b.2].chunks[b.3]
                    .org_at
                    .clone()
                    .or_else(|| self.secs[a.2].chunks[a.3].org_at.clone());
                match at {
                    Some((line, col)) => self.error(&line, col, msg),
                    None => {
                        let name = self
                            .src
                            .files
                            .first()
                            .map_or(String::new(), |f| f.name.clone());
                        self.errors.push(Diagnostic::file_error(name, msg));
                    }
                }
            }
        }
    }

    // ----- errors -----

    fn error(&mut self, line: &Line, byte: usize, msg: impl Into<String>) {
        let msg = msg.into();
        let col = column_of(&line.text, byte);
        // One report per place and message (a `rept` repeats its lines), and a cap.
        let key = (line.origin.file, line.origin.line, col, msg.clone());
        if self.errors.len() > MAX_ERRORS || !self.error_keys.insert(key) {
            return;
        }
        if self.errors.len() == MAX_ERRORS {
            let name = self
                .src
                .files
                .first()
                .map_or(String::new(), |f| f.name.clone());
            self.errors.push(Diagnostic::file_error(
                name,
                format!("more than {MAX_ERRORS} errors; stopping here"),
            ));
            return;
        }
        let file = self
            .src
            .files
            .get(line.origin.file as usize)
            .map_or(String::from("?"), |f| f.name.clone());
        let mut notes = Vec::new();
        let mut e = line.origin.expansion.clone();
        while let Some(x) = e {
            notes.push(x.note.clone());
            e = x.parent.clone();
        }
        self.errors.push(Diagnostic {
            file,
            line: line.origin.line,
            col,
            message: msg,
            source_line: line.text.to_string(),
            notes,
        });
    }

    fn where_is(&self, line: &Line) -> String {
        let file = self
            .src
            .files
            .get(line.origin.file as usize)
            .map_or("?", |f| f.name.as_str());
        format!("{}:{}", file, line.origin.line)
    }

    // ----- locations and output -----

    fn chunk(&self) -> &Chunk {
        let s = &self.secs[self.cur];
        &s.chunks[s.cur]
    }

    fn chunk_mut(&mut self) -> &mut Chunk {
        let s = &mut self.secs[self.cur];
        let c = s.cur;
        &mut s.chunks[c]
    }

    /// The location counter (may pass 2^32 only transiently; emit() refuses to).
    fn loc(&self) -> u32 {
        let c = self.chunk();
        (c.addr as u64 + c.size).min(u32::MAX as u64) as u32
    }

    /// Emit bytes (zeros for `ds` in bss: `data` None and `n` bytes).
    fn emit_raw(&mut self, line: &Line, col: usize, data: Option<&[u8]>, n: u64) {
        if n == 0 {
            return;
        }
        let c = self.chunk();
        if c.addr as u64 + c.size + n > 1 << 32 || self.output_bytes + n > MAX_OUTPUT {
            if !self.overflow_reported {
                self.overflow_reported = true;
                let msg = if self.output_bytes + n > MAX_OUTPUT {
                    "output larger than 64 MiB".to_string()
                } else {
                    "location counter passes the end of the 32-bit address space".to_string()
                };
                self.error(line, col, msg);
            }
            return;
        }
        self.output_bytes += n;
        let bss = self.cur == BSS;
        let c = self.chunk_mut();
        c.size += n;
        if !bss {
            match data {
                Some(d) => c.data.extend_from_slice(d),
                None => c.data.resize(c.data.len() + n as usize, 0),
            }
        }
    }

    fn emit(&mut self, line: &Line, col: usize, data: &[u8]) {
        if self.cur == BSS && data.iter().any(|&b| b != 0) {
            self.error(line, col, "initialised data in the bss section");
            return;
        }
        self.emit_raw(line, col, Some(data), data.len() as u64);
    }

    fn align(&mut self, line: &Line, col: usize, n: u32) {
        let loc = self.loc() as u64;
        let pad = (n as u64 - loc % n as u64) % n as u64;
        self.emit_raw(line, col, None, pad);
    }

    // ----- symbols -----

    /// The full name of a symbol as written: locals get the enclosing global's name.
    fn qualify(&self, name: &str) -> String {
        if name.starts_with('.') {
            format!("{}{}", self.scope, name)
        } else if is_numeric_local(name) {
            format!("{}.{}", self.scope, name)
        } else {
            name.to_string()
        }
    }

    fn define(&mut self, line: &Line, col: usize, name: &str, v: Value, kind: SymKind) {
        if !valid_symbol(name) {
            self.error(line, col, format!("invalid symbol name `{name}`"));
            return;
        }
        let local = name.starts_with('.') || is_numeric_local(name);
        if matches!(kind, SymKind::Label(..)) && !local {
            self.scope = name.to_string();
        }
        let full = self.qualify(name);
        if let Some(old) = self.syms.get(&full) {
            if !(old.kind == SymKind::Set && kind == SymKind::Set) {
                let at = match self.src.files.get(old.file as usize) {
                    Some(f) => format!(" (first defined at {}:{})", f.name, old.line),
                    None => " (defined on the command line)".to_string(),
                };
                self.error(line, col, format!("duplicate symbol `{name}`{at}"));
                return;
            }
        } else {
            self.sym_order.push(full.clone());
        }
        self.syms.insert(
            full,
            Sym {
                value: v.value,
                known: v.known,
                kind,
                file: line.origin.file,
                line: line.origin.line,
            },
        );
    }

    fn define_label(&mut self, line: &Line, label: Option<(&str, usize)>) {
        if let Some((name, col)) = label {
            let v = Value::known(self.loc() as i64);
            let kind = SymKind::Label(self.cur, self.secs[self.cur].cur);
            self.define(line, col, name, v, kind);
        }
    }

    fn lookup(&self, name: &str) -> Option<(i64, bool)> {
        let full = self.qualify(name);
        if let Some(s) = self.syms.get(&full) {
            return Some((s.value, s.known));
        }
        self.prev
            .and_then(|p| p.syms.get(&full))
            .map(|s| (s.value, s.known))
    }

    // ----- expressions -----

    /// Evaluate a whole operand; errors are reported and give None.
    fn eval(&mut self, line: &Line, text: &str, col: usize) -> Option<Value> {
        let loc = self.loc() as i64;
        let mut ctx = Ctx {
            p: self,
            loc,
            holes: Vec::new(),
        };
        match expr::eval_all(text, col, &mut ctx) {
            Ok(v) => Some(v),
            Err(e) => {
                self.error(line, e.offset, e.message);
                None
            }
        }
    }

    /// Evaluate an operand that must have a value now (counts, addresses, conditions).
    /// None when it has none; an error is reported when that is final.
    fn eval_known(&mut self, line: &Line, text: &str, col: usize) -> Option<i64> {
        if text.is_empty() {
            self.error(line, col, "expected an expression");
            return None;
        }
        let v = self.eval(line, text, col)?;
        if v.hole.is_some() {
            self.error(line, col, "a template hole cannot be used here");
            return None;
        }
        if !v.known {
            if self.final_pass {
                self.error(line, col, "expression has no value (undefined symbol)");
            }
            return None;
        }
        Some(v.value)
    }

    // ----- the line loop -----

    fn block(&mut self, lines: &[Line]) -> Flow {
        let mut conds: Vec<Cond> = Vec::new();
        let mut i = 0;
        let mut flow = Flow::Normal;
        while i < lines.len() {
            let line = &lines[i];
            i += 1;
            self.lines_seen += 1;
            if self.lines_seen > MAX_LINES {
                if !self.aborted {
                    self.aborted = true;
                    self.error(
                        line,
                        0,
                        format!(
                            "more than {MAX_LINES} lines after expansion (runaway rept or macro?)"
                        ),
                    );
                }
                return Flow::End;
            }
            let st = lex::lex(&line.text);
            let active = conds.last().is_none_or(|c| c.active);
            let (name, op_col) = match st.op {
                Some((op, col)) => (split_op(op).0, col),
                None => (String::new(), 0),
            };
            let (ops, ops_col) = st.operands;
            match name.as_str() {
                "if" | "ifne" | "ifeq" | "ifd" | "ifdef" | "ifnd" | "ifndef" | "ifc" | "ifnc" => {
                    self.list(line, None);
                    let taken = if active {
                        match name.as_str() {
                            "ifd" | "ifdef" | "ifnd" | "ifndef" => {
                                let full = self.qualify(ops);
                                let d = self.syms.contains_key(&full);
                                if ops.is_empty() {
                                    self.error(line, ops_col, "expected a symbol name");
                                }
                                d == name.starts_with("ifd")
                            }
                            "ifc" | "ifnc" => {
                                // String comparison, to test macro arguments: ifc '\2',''
                                let parts = split_commas(ops);
                                if parts.len() != 2 {
                                    self.error(line, ops_col, "expected two strings: ifc a,b");
                                }
                                let text = |i: usize| {
                                    let t = parts.get(i).map_or("", |p| p.0);
                                    whole_string(t).unwrap_or_else(|| t.as_bytes().to_vec())
                                };
                                (text(0) == text(1)) == (name == "ifc")
                            }
                            _ => {
                                let v = self.eval_known(line, ops, ops_col).unwrap_or(0);
                                (v != 0) != (name == "ifeq")
                            }
                        }
                    } else {
                        false
                    };
                    conds.push(Cond {
                        active: active && taken,
                        parent: active,
                        taken,
                        else_seen: false,
                        line: line.clone(),
                        col: op_col,
                    });
                    continue;
                }
                "else" => {
                    self.list(line, None);
                    match conds.last_mut() {
                        None => self.error(line, op_col, "`else` without `if`"),
                        Some(c) => {
                            let twice = c.else_seen;
                            c.else_seen = true;
                            c.active = c.parent && !c.taken;
                            c.taken = true;
                            if twice {
                                self.error(line, op_col, "second `else` for one `if`");
                            }
                        }
                    }
                    continue;
                }
                "endif" | "endc" => {
                    self.list(line, None);
                    if conds.pop().is_none() {
                        self.error(line, op_col, format!("`{name}` without `if`"));
                    }
                    continue;
                }
                _ => {}
            }
            if !active {
                self.list(line, None);
                continue;
            }
            flow = self.statement(lines, &mut i, line, &st);
            if flow != Flow::Normal {
                break;
            }
        }
        if flow == Flow::Normal {
            for c in conds {
                self.error(&c.line, c.col, "unterminated `if` (missing endif)");
            }
        }
        flow
    }

    /// Start a listing entry; returns its index.
    fn list(&mut self, line: &Line, addr: Option<u32>) -> usize {
        if self.final_pass {
            self.listing.push(ListEntry {
                origin: line.origin.clone(),
                text: line.text.clone(),
                addr,
                bytes: None,
            });
        }
        self.listing.len().wrapping_sub(1)
    }

    fn statement(&mut self, lines: &[Line], i: &mut usize, line: &Line, st: &Stmt<'_>) -> Flow {
        let Some((op, op_col)) = st.op else {
            self.list(line, Some(self.loc()));
            if let Some((name, col)) = st.label {
                // `rts` alone in column 1 would silently be a label: refuse mnemonics.
                if st.bare_label && is_mnemonic(name) {
                    self.error(
                        line,
                        col,
                        format!(
                            "`{name}` in column 1 is a label, but it is an instruction name: \
                             indent the instruction (or write `{name}:` for a label)"
                        ),
                    );
                    return Flow::Normal;
                }
                let name = name.to_string();
                self.define_label(line, Some((&name, col)));
            }
            return Flow::Normal;
        };
        let (name, suffix) = split_op(op);
        let (ops, ops_col) = st.operands;
        let suffix_col = op_col + name.len() + 1;
        let size = match suffix {
            None => None,
            Some(s) => match parse_size(s) {
                Some(z) => Some(z),
                None => {
                    self.list(line, Some(self.loc()));
                    self.error(line, suffix_col, format!("unknown size suffix `.{s}`"));
                    return Flow::Normal;
                }
            },
        };
        // Symbol definitions that are not labels.
        match name.as_str() {
            "equ" | "set" | "=" => {
                self.list(line, None);
                let Some((label, lcol)) = st.label else {
                    self.error(
                        line,
                        op_col,
                        format!("`{name}` needs a symbol name before it"),
                    );
                    return Flow::Normal;
                };
                let v = if ops.is_empty() {
                    self.error(line, ops_col, "expected an expression");
                    None
                } else {
                    self.eval(line, ops, ops_col)
                };
                let v = match v {
                    Some(v) if v.hole.is_some() => {
                        self.error(
                            line,
                            ops_col,
                            "a template hole cannot be assigned to a symbol",
                        );
                        Value::known(0)
                    }
                    Some(v) => v,
                    None => Value::known(0),
                };
                let kind = if name == "equ" {
                    SymKind::Abs
                } else {
                    SymKind::Set
                };
                self.define(line, lcol, label, v, kind);
                return Flow::Normal;
            }
            "rs" => {
                // Structure offsets: `NAME rs.l 1` gives NAME the counter, then advances it.
                self.list(line, None);
                let unit = match size {
                    Some(SizeSuffix::Byte) => 1,
                    Some(SizeSuffix::Long) => 4,
                    None | Some(SizeSuffix::Word) => 2,
                    Some(_) => {
                        self.error(line, suffix_col, "`rs` takes .b, .w or .l");
                        return Flow::Normal;
                    }
                };
                let n = self.eval_known(line, ops, ops_col).unwrap_or(0);
                if let Some((label, lcol)) = st.label {
                    let v = Value::known(self.rs_counter);
                    self.define(line, lcol, label, v, SymKind::Abs);
                }
                self.rs_counter = self.rs_counter.wrapping_add(n.wrapping_mul(unit));
                return Flow::Normal;
            }
            "macro" => {
                self.list(line, None);
                let (mname, params) = match st.label {
                    Some((l, _)) => (l.to_string(), split_commas(ops)),
                    None => {
                        let t = ops.trim();
                        let end = t.find([' ', '\t', ',']).unwrap_or(t.len());
                        let rest = &t[end..];
                        let rest = rest.trim_start_matches([' ', '\t', ',']);
                        (t[..end].to_string(), split_commas(rest))
                    }
                };
                let params: Vec<String> = params
                    .into_iter()
                    .map(|(p, _)| p.trim_start_matches('\\').to_string())
                    .filter(|p| !p.is_empty())
                    .collect();
                let body = self.collect(lines, i, &["macro"], &["endm"]);
                let Some(body) = body else {
                    self.error(
                        line,
                        op_col,
                        format!("unterminated macro `{mname}` (missing endm)"),
                    );
                    return Flow::Normal;
                };
                if mname.is_empty() || !valid_symbol(&mname) {
                    self.error(line, op_col, format!("invalid macro name `{mname}`"));
                    return Flow::Normal;
                }
                let key = mname.to_ascii_lowercase();
                if self.macros.contains_key(&key) {
                    self.error(line, op_col, format!("duplicate macro `{mname}`"));
                    return Flow::Normal;
                }
                self.macros.insert(key, Rc::new(Macro { params, body }));
                return Flow::Normal;
            }
            _ => {}
        }
        // Macro invocation.
        if let Some(m) = self.macros.get(&name).cloned() {
            self.list(line, Some(self.loc()));
            let label = st.label.map(|(l, c)| (l.to_string(), c));
            if let Some((l, c)) = &label {
                self.define_label(line, Some((l, *c)));
            }
            return self.expand(&m, line, op, op_col, suffix.unwrap_or(""), ops);
        }
        let data_size = match size {
            None | Some(SizeSuffix::Word) => 2,
            Some(SizeSuffix::Byte) => 1,
            Some(SizeSuffix::Long) | Some(SizeSuffix::Short) => 4,
            Some(SizeSuffix::Double) => 8,
            Some(SizeSuffix::Extended) | Some(SizeSuffix::Packed) => 12,
        };
        let float = matches!(
            size,
            Some(
                SizeSuffix::Short | SizeSuffix::Double | SizeSuffix::Extended | SizeSuffix::Packed
            )
        );
        let is_directive = matches!(
            name.as_str(),
            "dc" | "dcb"
                | "ds"
                | "even"
                | "align"
                | "section"
                | "text"
                | "data"
                | "bss"
                | "org"
                | "include"
                | "incbin"
                | "xdef"
                | "xref"
                | "fail"
                | "end"
                | "endm"
                | "mexit"
                | "rept"
                | "endr"
                | "template"
                | "endt"
                | "templates"
                | "template_table"
                | "rsreset"
                | "rsset"
        );
        if is_directive
            && !matches!(name.as_str(), "dc" | "dcb" | "ds")
            && let Some(s) = suffix
        {
            self.list(line, None);
            self.error(
                line,
                suffix_col,
                format!("`{name}` takes no size suffix (`.{s}`)"),
            );
            return Flow::Normal;
        }
        if name == "dcb" && float {
            self.list(line, None);
            self.error(line, suffix_col, "`dcb` takes .b, .w or .l");
            return Flow::Normal;
        }
        // Instructions and word/long data start on an even address.
        let wants_even = !is_directive
            || (matches!(name.as_str(), "dc" | "dcb" | "ds") && data_size > 1)
            || matches!(name.as_str(), "template" | "templates" | "template_table");
        if wants_even && self.loc() % 2 == 1 {
            self.align(line, op_col, 2);
        }
        let start_sec = self.cur;
        let start_chunk = self.secs[self.cur].cur;
        let start_len = self.chunk().data.len();
        let idx = self.list(line, Some(self.loc()));
        if !matches!(
            name.as_str(),
            "org" | "section" | "text" | "data" | "bss" | "template"
        ) {
            let label = st.label.map(|(l, c)| (l.to_string(), c));
            if let Some((l, c)) = &label {
                self.define_label(line, Some((l, *c)));
            }
        }
        let listed = self.listing.len();
        let flow = if is_directive {
            let float = if float { size } else { None };
            self.directive(lines, i, line, st, &name, data_size, float, op_col)
        } else {
            self.instruction(line, &name, size, op_col, ops, ops_col);
            Flow::Normal
        };
        if matches!(
            name.as_str(),
            "org" | "section" | "text" | "data" | "bss" | "template"
        ) && let Some((l, c)) = st.label
        {
            let l = l.to_string();
            self.define_label(line, Some((&l, c)));
        }
        // A placement directive lists the address it moved to.
        if self.final_pass
            && idx < self.listing.len()
            && matches!(name.as_str(), "org" | "section" | "text" | "data" | "bss")
        {
            self.listing[idx].addr = Some(self.loc());
        }
        // Fill in the listing entry's bytes when the statement produced them directly.
        if self.final_pass && self.listing.len() == listed && idx < self.listing.len() {
            let same = self.cur == start_sec && self.secs[self.cur].cur == start_chunk;
            let end = self.chunk().data.len();
            if same && end > start_len {
                self.listing[idx].bytes =
                    Some((start_sec, start_chunk, start_len, end - start_len));
            }
        }
        flow
    }

    /// Collect a block body up to the matching closer (nesting counted); advances `i` past
    /// the closer. None when the input ends first.
    fn collect(
        &mut self,
        lines: &[Line],
        i: &mut usize,
        openers: &[&str],
        closers: &[&str],
    ) -> Option<Vec<Line>> {
        let start = *i;
        let mut depth = 1usize;
        while *i < lines.len() {
            let l = &lines[*i];
            *i += 1;
            self.list(l, None);
            let st = lex::lex(&l.text);
            let Some((op, _)) = st.op else { continue };
            let name = split_op(op).0;
            if openers.contains(&name.as_str()) {
                depth += 1;
            } else if closers.contains(&name.as_str()) {
                depth -= 1;
                if depth == 0 {
                    return Some(lines[start..*i - 1].to_vec());
                }
            }
        }
        None
    }

    fn expand(
        &mut self,
        m: &Macro,
        line: &Line,
        op: &str,
        op_col: usize,
        suffix: &str,
        ops: &str,
    ) -> Flow {
        if self.macro_depth >= MAX_MACRO_DEPTH {
            self.error(
                line,
                op_col,
                format!("macros nested more than {MAX_MACRO_DEPTH} deep (recursive macro?)"),
            );
            return Flow::Normal;
        }
        let args: Vec<String> = if ops.is_empty() {
            Vec::new()
        } else {
            macro_args(ops)
        };
        self.unique += 1;
        let uniq = format!("_{:03}", self.unique);
        let exp = Rc::new(Expansion {
            note: format!(
                "in macro `{}` used at {}",
                op.split('.').next().unwrap_or(op),
                self.where_is(line)
            ),
            parent: line.origin.expansion.clone(),
        });
        let body: Vec<Line> = m
            .body
            .iter()
            .map(|l| Line {
                text: Rc::from(substitute(&l.text, &args, &m.params, suffix, &uniq)),
                origin: Origin {
                    file: l.origin.file,
                    line: l.origin.line,
                    expansion: Some(exp.clone()),
                },
            })
            .collect();
        self.narg.push(args.len() as i64);
        self.macro_depth += 1;
        let flow = self.block(&body);
        self.macro_depth -= 1;
        self.narg.pop();
        match flow {
            Flow::Exit => Flow::Normal,
            f => f,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn directive(
        &mut self,
        lines: &[Line],
        i: &mut usize,
        line: &Line,
        st: &Stmt<'_>,
        name: &str,
        size: usize,
        float: Option<SizeSuffix>,
        op_col: usize,
    ) -> Flow {
        let (ops, ops_col) = st.operands;
        match name {
            "dc" if float.is_some() => self.dc_float(line, ops, ops_col, size, float),
            "dc" => self.dc(line, ops, ops_col, size),
            "rsreset" => self.rs_counter = 0,
            "rsset" => self.rs_counter = self.eval_known(line, ops, ops_col).unwrap_or(0),
            "dcb" => {
                let items = split_at(ops, ops_col);
                let Some(n) = self.eval_known(line, items[0].0, items[0].1) else {
                    return Flow::Normal;
                };
                let v = match items.get(1) {
                    Some(&(t, c)) => self.eval_known(line, t, c).unwrap_or(0),
                    None => 0,
                };
                if items.len() > 2 {
                    self.error(line, items[2].1, "`dcb` takes a count and a value");
                }
                if n < 0 || (n as u64).saturating_mul(size as u64) > MAX_OUTPUT {
                    self.error(line, items[0].1, format!("`dcb` count {n} out of range"));
                    return Flow::Normal;
                }
                if !fits(v, size) {
                    self.error(
                        line,
                        items.get(1).map_or(ops_col, |x| x.1),
                        format!("value {v} out of range for dcb ({})", range_text(size)),
                    );
                }
                let one = &v.to_be_bytes()[8 - size..];
                let data: Vec<u8> = one
                    .iter()
                    .copied()
                    .cycle()
                    .take(n as usize * size)
                    .collect();
                self.emit(line, ops_col, &data);
            }
            "ds" => {
                let Some(n) = self.eval_known(line, ops, ops_col) else {
                    return Flow::Normal;
                };
                if n < 0 || (n as u64).saturating_mul(size as u64) > MAX_OUTPUT {
                    self.error(line, ops_col, format!("`ds` count {n} out of range"));
                    return Flow::Normal;
                }
                self.emit_raw(line, ops_col, None, n as u64 * size as u64);
            }
            "even" => self.align(line, op_col, 2),
            "align" => {
                let Some(n) = self.eval_known(line, ops, ops_col) else {
                    return Flow::Normal;
                };
                if n <= 0 || n > 1 << 16 || (n & (n - 1)) != 0 {
                    self.error(
                        line,
                        ops_col,
                        format!("alignment {n} is not a power of two from 1 to 65536"),
                    );
                    return Flow::Normal;
                }
                self.align(line, op_col, n as u32);
            }
            "section" => {
                let first = split_commas(ops)[0].0.to_ascii_lowercase();
                let kind = match first.trim_start_matches('.') {
                    "text" | "code" => TEXT,
                    "data" => DATA,
                    "bss" => BSS,
                    _ => {
                        self.error(
                            line,
                            ops_col,
                            format!("unknown section `{first}` (text, data or bss)"),
                        );
                        return Flow::Normal;
                    }
                };
                self.switch_section(line, kind);
            }
            "text" => self.switch_section(line, TEXT),
            "data" => self.switch_section(line, DATA),
            "bss" => self.switch_section(line, BSS),
            "org" => {
                let Some(a) = self.eval_known(line, ops, ops_col) else {
                    return Flow::Normal;
                };
                if !(0..=u32::MAX as i64).contains(&a) {
                    self.error(line, ops_col, format!("address {a} out of range for org"));
                    return Flow::Normal;
                }
                if self.tmpl.is_some() {
                    self.error(line, op_col, "`org` inside a template");
                }
                let sec = &mut self.secs[self.cur];
                let c = sec.cur;
                let at = Some((line.clone(), op_col));
                if sec.chunks[c].size == 0 {
                    sec.chunks[c].addr = a as u32;
                    sec.chunks[c].org_at = at;
                } else {
                    sec.chunks.push(Chunk {
                        addr: a as u32,
                        data: Vec::new(),
                        size: 0,
                        org_at: at,
                    });
                    sec.cur = sec.chunks.len() - 1;
                }
            }
            "include" => return self.include(line, ops, ops_col),
            "incbin" => {
                let f = file_operand(ops);
                if f.is_empty() {
                    self.error(line, ops_col, "expected a file name");
                    return Flow::Normal;
                }
                match self.src.resolve(f, line.origin.file) {
                    None => self.error(line, ops_col, format!("cannot find incbin file `{f}`")),
                    Some(p) => match self.src.load_bin(&p, f) {
                        Ok(b) => self.emit(line, ops_col, &b),
                        Err(e) => self.error(line, ops_col, e),
                    },
                }
            }
            "xdef" => {
                for (n, c) in split_at(ops, ops_col) {
                    if !valid_symbol(n) {
                        self.error(line, c, format!("invalid symbol name `{n}`"));
                    } else {
                        let full = self.qualify(n);
                        self.xdef_at
                            .push((full.clone(), n.to_string(), line.clone(), c));
                        self.globals.push(full);
                    }
                }
            }
            "xref" => self.error(
                line,
                op_col,
                "external references are not supported (single-image assembler)",
            ),
            "fail" => {
                let msg = whole_string(ops)
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                    .unwrap_or_else(|| ops.to_string());
                let msg = if msg.is_empty() {
                    "fail directive".to_string()
                } else {
                    msg
                };
                self.error(line, op_col, msg);
            }
            "end" => {
                if !ops.is_empty()
                    && let Some(v) = self.eval_known(line, ops, ops_col)
                {
                    self.end_entry = Some(v as u32);
                }
                return Flow::End;
            }
            "endm" => self.error(line, op_col, "`endm` without `macro`"),
            "mexit" => {
                if self.macro_depth == 0 {
                    self.error(line, op_col, "`mexit` outside a macro");
                } else {
                    return Flow::Exit;
                }
            }
            "rept" => {
                let n = self.eval_known(line, ops, ops_col);
                let Some(body) = self.collect(lines, i, &["rept"], &["endr"]) else {
                    self.error(line, op_col, "unterminated `rept` (missing endr)");
                    return Flow::Normal;
                };
                let Some(n) = n else { return Flow::Normal };
                if !(0..=MAX_REPT).contains(&n) {
                    self.error(
                        line,
                        ops_col,
                        format!("rept count {n} out of range (0..{MAX_REPT})"),
                    );
                    return Flow::Normal;
                }
                for _ in 0..n {
                    // Each round counts as a line, so empty nested repts hit the cap too.
                    self.lines_seen += 1;
                    if self.lines_seen > MAX_LINES {
                        if !self.aborted {
                            self.aborted = true;
                            let msg = format!(
                                "more than {MAX_LINES} lines after expansion (runaway rept or macro?)"
                            );
                            self.error(line, op_col, msg);
                        }
                        return Flow::End;
                    }
                    let f = self.block(&body);
                    if f != Flow::Normal {
                        return f;
                    }
                }
            }
            "endr" => self.error(line, op_col, "`endr` without `rept`"),
            "template" => self.template_start(line, st, op_col),
            "endt" => self.template_end(line, op_col),
            "templates" | "template_table" => {
                let n = self.prev.map_or(4, |p| table_len(&p.templates));
                let s = self.cur;
                let c = self.secs[s].cur;
                let off = self.chunk().data.len();
                if s == BSS {
                    self.error(
                        line,
                        op_col,
                        "the template table cannot go in the bss section",
                    );
                    return Flow::Normal;
                }
                self.emit_raw(line, op_col, None, n as u64);
                if self.chunk().data.len() == off + n {
                    self.table_patches.push((s, c, off, n));
                }
            }
            _ => {}
        }
        Flow::Normal
    }

    fn switch_section(&mut self, line: &Line, kind: usize) {
        if self.tmpl.is_some() && kind != self.cur {
            self.error(line, 0, "section change inside a template");
        }
        self.cur = kind;
    }

    fn include(&mut self, line: &Line, ops: &str, col: usize) -> Flow {
        let f = file_operand(ops);
        if f.is_empty() {
            self.error(line, col, "expected a file name");
            return Flow::Normal;
        }
        let Some(path) = self.src.resolve(f, line.origin.file) else {
            self.error(line, col, format!("cannot find include file `{f}`"));
            return Flow::Normal;
        };
        // Named by the path it was found at, so messages say which file it was.
        let shown = path.display().to_string();
        let id = match self.src.load(&path, &shown) {
            Ok(id) => id,
            Err(e) => {
                self.error(line, col, e);
                return Flow::Normal;
            }
        };
        if self.include_stack.contains(&id) {
            self.error(line, col, format!("recursive include of `{f}`"));
            return Flow::Normal;
        }
        if self.include_stack.len() >= MAX_INCLUDE_DEPTH {
            self.error(
                line,
                col,
                format!("includes nested more than {MAX_INCLUDE_DEPTH} deep"),
            );
            return Flow::Normal;
        }
        self.include_stack.push(id);
        let lines = self.src.files[id as usize].lines.clone();
        let flow = self.block(&lines);
        self.include_stack.pop();
        match flow {
            Flow::End => Flow::End,
            _ => Flow::Normal,
        }
    }

    /// `dc.s/.d/.x/.p`: floating-point literals, encoded like the FPU's immediates.
    fn dc_float(
        &mut self,
        line: &Line,
        ops: &str,
        ops_col: usize,
        size: usize,
        suffix: Option<SizeSuffix>,
    ) {
        let sz = match suffix {
            Some(SizeSuffix::Short) => Sz::S,
            Some(SizeSuffix::Double) => Sz::D,
            Some(SizeSuffix::Packed) => Sz::P,
            _ => Sz::X,
        };
        if ops.is_empty() {
            self.error(line, ops_col, "expected a value");
            return;
        }
        for (item, col) in split_at(ops, ops_col) {
            // Integers are floating-point numbers too: `dc.d 2` is `dc.d 2.0`.
            let body = item.trim_start_matches(['-', '+']);
            let text = if !body.is_empty() && body.bytes().all(|c| c.is_ascii_digit()) {
                format!("{item}.0")
            } else {
                item.to_string()
            };
            let mut bytes = match float_literal(&text, sz) {
                Some(Ok(b)) => b,
                Some(Err(m)) => {
                    self.error(line, col, m);
                    Vec::new()
                }
                None => {
                    self.error(line, col, "expected a floating-point number");
                    Vec::new()
                }
            };
            bytes.resize(size, 0);
            self.emit(line, col, &bytes);
        }
    }

    fn dc(&mut self, line: &Line, ops: &str, ops_col: usize, size: usize) {
        if ops.is_empty() {
            self.error(line, ops_col, "expected a value");
            return;
        }
        let loc = self.loc() as i64;
        for (item, col) in split_at(ops, ops_col) {
            if item.is_empty() {
                self.error(line, col, "expected a value");
                self.emit(line, col, &vec![0; size]);
                continue;
            }
            if size == 1
                && let Some(bytes) = whole_string(item)
            {
                self.emit(line, col, &bytes);
                continue;
            }
            let mut ctx = Ctx {
                p: self,
                loc,
                holes: Vec::new(),
            };
            let v = match expr::eval_all(item, col, &mut ctx) {
                Ok(v) => v,
                Err(e) => {
                    self.error(line, e.offset, e.message);
                    Value::known(0)
                }
            };
            if let Some(h) = v.hole {
                let at = self.loc();
                self.record_hole(line, col, h, at, size as u8);
            } else if v.known && !fits(v.value, size) {
                let s = ["", "b", "w", "", "l"][size];
                self.error(
                    line,
                    col,
                    format!(
                        "value {} out of range for dc.{s} ({})",
                        v.value,
                        range_text(size)
                    ),
                );
            }
            let val = if v.known { v.value } else { 0 };
            let bytes = &val.to_be_bytes()[8 - size..];
            self.emit(line, col, bytes);
        }
    }

    /// The length below which instruction `idx` may not shrink: none in the first passes,
    /// where layouts shrink from the unknown-value sizes, then the previous pass's length,
    /// so that a branch whose size moves its own target cannot oscillate forever.
    fn min_len(&self, idx: usize) -> u32 {
        match self.prev {
            Some(p) if p.number + 1 >= FREE_SHRINK_PASSES => p.sizes.get(idx).copied().unwrap_or(0),
            _ => 0,
        }
    }

    fn instruction(
        &mut self,
        line: &Line,
        name: &str,
        size: Option<SizeSuffix>,
        op_col: usize,
        ops: &str,
        ops_col: usize,
    ) {
        let pc = self.loc();
        let idx = self.sizes.len();
        let req = InsnRequest {
            mnemonic: name,
            size,
            operands: ops,
            pc,
            final_pass: self.final_pass,
            min_len: self.min_len(idx),
        };
        let mut ctx = Ctx {
            p: self,
            loc: pc as i64,
            holes: Vec::new(),
        };
        let res = encode::encode(&req, &mut ctx);
        let holes = std::mem::take(&mut ctx.holes);
        let in_bss = self.cur == BSS;
        if in_bss {
            self.error(line, op_col, "instructions cannot go in the bss section");
        }
        match res {
            Ok(enc) => {
                for &h in &holes {
                    let placed: Vec<_> = enc.fields.iter().filter(|f| f.hole == Some(h)).collect();
                    if placed.is_empty() {
                        let hn = self.hole_name(h);
                        self.error(
                            line,
                            ops_col,
                            format!("template hole `@{hn}` cannot be used in this operand"),
                        );
                    }
                }
                for f in &enc.fields {
                    if let Some(h) = f.hole {
                        match hole_kind_byte(f.kind) {
                            Some(k) => {
                                self.record_hole(line, ops_col, h, pc.wrapping_add(f.offset), k)
                            }
                            None => {
                                let hn = self.hole_name(h);
                                self.error(
                                    line,
                                    ops_col,
                                    format!("template hole `@{hn}` cannot fill a packed field"),
                                );
                            }
                        }
                    }
                }
                self.sizes.push(enc.bytes.len() as u32);
                if !in_bss {
                    self.emit(line, op_col, &enc.bytes);
                }
            }
            Err(errs) => {
                let mut seen = Vec::new();
                for e in errs {
                    let col = if e.in_mnemonic {
                        op_col
                    } else {
                        ops_col + e.offset
                    };
                    if !seen.contains(&(col, e.message.clone())) {
                        seen.push((col, e.message.clone()));
                        self.error(line, col, e.message);
                    }
                }
                // Keep the layout of the pass before, so other addresses stay settled.
                let n = self
                    .prev
                    .and_then(|p| p.sizes.get(idx).copied())
                    .unwrap_or(2);
                self.sizes.push(n);
                if !in_bss {
                    self.emit_raw(line, op_col, None, n as u64);
                }
            }
        }
    }

    // ----- templates -----

    fn template_start(&mut self, line: &Line, st: &Stmt<'_>, op_col: usize) {
        let (ops, ops_col) = st.operands;
        if let Some(t) = &self.tmpl {
            let msg = format!("template inside template `{}`", t.rec.name);
            self.error(line, op_col, msg);
            return;
        }
        let name = ops.trim();
        if !valid_symbol(name) || name.starts_with('.') || is_numeric_local(name) {
            self.error(line, ops_col, format!("invalid template name `{name}`"));
            return;
        }
        if self.cur == BSS {
            self.error(line, op_col, "a template cannot go in the bss section");
            return;
        }
        let start = self.loc();
        self.define(
            line,
            ops_col,
            name,
            Value::known(start as i64),
            SymKind::Label(self.cur, self.secs[self.cur].cur),
        );
        self.tmpl = Some(TemplateBuild {
            rec: TemplateRec {
                name: name.to_string(),
                start,
                len: 0,
                names: Vec::new(),
                holes: Vec::new(),
            },
            index: self.templates.len(),
            sec: self.cur,
            chunk: self.secs[self.cur].cur,
            line: line.clone(),
            col: ops_col,
        });
    }

    fn template_end(&mut self, line: &Line, op_col: usize) {
        let Some(mut t) = self.tmpl.take() else {
            self.error(line, op_col, "`endt` without `template`");
            return;
        };
        if t.sec != self.cur || t.chunk != self.secs[self.cur].cur {
            let msg = format!("template `{}` ends in another section", t.rec.name);
            self.error(line, op_col, msg);
            return;
        }
        let len = self.loc().saturating_sub(t.rec.start);
        if len > 0xFFFF {
            let msg = format!("template `{}` is {len} bytes long (max 65535)", t.rec.name);
            self.error(line, op_col, msg);
        }
        t.rec.len = len;
        let name = t.rec.name.clone();
        self.define(
            line,
            op_col,
            &format!("{name}_len"),
            Value::known(len as i64),
            SymKind::Abs,
        );
        self.define(
            line,
            op_col,
            &format!("{name}_index"),
            Value::known(t.index as i64),
            SymKind::Abs,
        );
        for (k, hn) in t.rec.names.iter().enumerate() {
            if let Some(&(off, _, _)) = t.rec.holes.iter().find(|h| h.2 as usize == k) {
                self.define(
                    line,
                    op_col,
                    &format!("{name}.{hn}"),
                    Value::known(off as i64),
                    SymKind::Abs,
                );
            }
        }
        self.templates.push(t.rec);
    }

    fn hole_id(&mut self, name: &str) -> Result<u32, String> {
        let Some(t) = &mut self.tmpl else {
            return Err(format!("template hole `@{name}` outside a template"));
        };
        let k = match t.rec.names.iter().position(|n| n == name) {
            Some(k) => k,
            None => {
                if t.rec.names.len() >= 255 {
                    return Err("more than 255 hole names in one template".to_string());
                }
                t.rec.names.push(name.to_string());
                t.rec.names.len() - 1
            }
        };
        Ok(((t.index as u32) << 8) | k as u32)
    }

    fn hole_name(&self, id: u32) -> String {
        self.tmpl
            .as_ref()
            .and_then(|t| t.rec.names.get((id & 0xFF) as usize))
            .cloned()
            .unwrap_or_default()
    }

    fn record_hole(&mut self, line: &Line, col: usize, id: u32, addr: u32, kind: u8) {
        let Some(t) = &mut self.tmpl else { return };
        let off = addr.saturating_sub(t.rec.start);
        if off > 0xFFFF {
            self.error(
                line,
                col,
                "template hole more than 65535 bytes into its template",
            );
            return;
        }
        t.rec.holes.push((off, kind, (id & 0xFF) as u8));
    }
}

/// Whether the encoder knows `word` (with or without a size suffix) as a mnemonic.
fn is_mnemonic(word: &str) -> bool {
    struct Unknown;
    impl ExprEval for Unknown {
        fn eval_prefix(&mut self, _: &str, _: usize) -> Result<(Value, usize), AsmError> {
            Err(AsmError::at(0, "no operands here"))
        }
    }
    let (name, suffix) = split_op(word);
    let req = InsnRequest {
        mnemonic: &name,
        size: suffix.and_then(parse_size),
        operands: "",
        pc: 0,
        final_pass: false,
        min_len: 0,
    };
    match encode::encode(&req, &mut Unknown) {
        Ok(_) => true,
        Err(errs) => !errs
            .iter()
            .any(|e| e.message.starts_with("unknown mnemonic")),
    }
}

/// Macro arguments: split at top-level commas; `<...>` quotes an argument that contains
/// commas (the brackets are removed).
fn macro_args(ops: &str) -> Vec<String> {
    let b = ops.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        if i < b.len()
            && b[i] == b'<'
            && let Some(close) = ops[i..].find('>')
        {
            let after = i + close + 1;
            let rest = ops[after..].trim_start();
            if rest.is_empty() || rest.starts_with(',') {
                out.push(ops[i + 1..i + close].to_string());
                i = ops.len() - rest.len();
                if rest.is_empty() {
                    return out;
                }
                i += 1;
                continue;
            }
        }
        // An ordinary argument: up to the next top-level comma.
        let (first, _) = split_commas(&ops[i..])[0];
        out.push(first.to_string());
        let consumed = ops[i..].find(first).map_or(0, |k| k + first.len());
        let rest = ops[i + consumed..].trim_start();
        if !rest.starts_with(',') {
            return out;
        }
        i = ops.len() - rest.len() + 1;
    }
}

/// Operands split at top-level commas, with offsets in the line.
fn split_at(ops: &str, col: usize) -> Vec<(&str, usize)> {
    split_commas(ops)
        .into_iter()
        .map(|(t, o)| (t, o + col))
        .collect()
}

/// Macro parameter substitution: `\1`..`\9`, `\0` (size suffix), `\@` (unique suffix),
/// `\name` (named parameter).
fn substitute(text: &str, args: &[String], params: &[String], size: &str, uniq: &str) -> String {
    if !text.contains('\\') {
        return text.to_string();
    }
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    let mut lit = 0;
    while i < b.len() {
        if b[i] != b'\\' || i + 1 >= b.len() {
            i += 1;
            continue;
        }
        out.push_str(&text[lit..i]);
        let c = b[i + 1];
        if c.is_ascii_digit() {
            let d = (c - b'0') as usize;
            if d == 0 {
                out.push_str(size);
            } else if let Some(a) = args.get(d - 1) {
                out.push_str(a);
            }
            i += 2;
        } else if c == b'@' {
            out.push_str(uniq);
            i += 2;
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let mut j = i + 1;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                j += 1;
            }
            let id = &text[i + 1..j];
            match params.iter().position(|p| p.eq_ignore_ascii_case(id)) {
                Some(k) => out.push_str(args.get(k).map_or("", String::as_str)),
                None => out.push_str(&text[i..j]),
            }
            i = j;
        } else {
            out.push('\\');
            i += 1;
        }
        lit = i;
    }
    out.push_str(&text[lit..]);
    out
}

/// The expression environment of one statement.
struct Ctx<'a, 's> {
    p: &'a mut Pass<'s>,
    loc: i64,
    holes: Vec<u32>,
}

impl Env for Ctx<'_, '_> {
    fn symbol(&mut self, name: &str, at: usize) -> Result<Value, AsmError> {
        if name.eq_ignore_ascii_case("narg")
            && let Some(&n) = self.p.narg.last()
        {
            return Ok(Value::known(n));
        }
        match self.p.lookup(name) {
            Some((v, true)) => Ok(Value::known(v)),
            Some((_, false)) if self.p.final_pass => Err(AsmError::at(
                at,
                format!("symbol `{name}` has no value (it depends on an undefined symbol)"),
            )),
            None if self.p.final_pass => {
                Err(AsmError::at(at, format!("undefined symbol `{name}`")))
            }
            _ => Ok(Value {
                value: 0,
                known: false,
                hole: None,
            }),
        }
    }

    fn hole(&mut self, name: &str, at: usize) -> Result<Value, AsmError> {
        let id = self.p.hole_id(name).map_err(|m| AsmError::at(at, m))?;
        self.holes.push(id);
        Ok(Value {
            value: 0,
            known: true,
            hole: Some(id),
        })
    }

    fn location(&self) -> i64 {
        self.loc
    }
}

impl ExprEval for Ctx<'_, '_> {
    fn eval_prefix(&mut self, text: &str, offset: usize) -> Result<(Value, usize), AsmError> {
        expr::eval_prefix(text, offset, self)
    }
}

/// Run passes until the layout settles, then one final pass that reports everything.
pub(crate) fn run_passes(
    src: &mut Sources,
    files: &[u32],
    defines: &[(String, i64)],
) -> PassResult {
    let mut prev: Option<PassResult> = None;
    let mut final_pass = false;
    for _ in 0..MAX_PASSES {
        let res = Pass::new(src, prev.as_ref(), final_pass, defines).run(files);
        let same = prev.as_ref().is_some_and(|p| p.state == res.state);
        if res.aborted || final_pass && (same || !res.errors.is_empty()) {
            return res;
        }
        final_pass = final_pass || same;
        prev = Some(res);
    }
    // Did not settle: report what the last pass found, plus that.
    let mut res = match prev {
        Some(r) => r,
        None => Pass::new(src, None, true, defines).run(files),
    };
    let name = src.files.first().map_or(String::new(), |f| f.name.clone());
    res.errors.push(Diagnostic::file_error(
        name,
        format!("instruction sizes did not settle after {MAX_PASSES} passes"),
    ));
    res
}
