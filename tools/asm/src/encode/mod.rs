//! The instruction layer: operand parsing and encoding of every MC68030, MC68882 and
//! 68030-MMU instruction.
//!
//! - `operand` parses addressing-mode syntax;
//! - `ea` encodes effective addresses and their extension words;
//! - `integer` holds the integer instruction set (tables + encoders), incl. branches;
//! - `fpu` the 68881/68882 set, `fpimm` floating-point immediates;
//! - `mmu` the 68030 on-chip MMU instructions.
//!
//! [`encode`] never panics: every problem becomes an [`AsmError`].
//!
//! Conventions the statement layer relies on:
//! - register names (`d0`..`a7`, `sp`, `pc`, `zpc`, `fp0`.., `sr`, `ccr`, `usp`, `vbr`,
//!   `tc`, `mmusr`/`psr`, ...) are recognised before any expression is evaluated, so
//!   they are reserved; `(a0)` is indirect, `(4)` and `-(4)` are absolute expressions,
//!   `-(a0)` is predecrement;
//! - `*` (location counter) is the evaluator's business; the encoder never interprets it;
//! - PC-relative operands (`(x,pc)`, `x(pc)`, `([x,pc],...)`) name the *target*; the
//!   displacement is computed from the extension word, as GNU as does;
//! - an index register without size is `.l` (GNU as; Motorola's manual says `.w`);
//! - unknown values pick the largest form, known ones the smallest, so sizes only shrink;
//!   holes keep the written form (`(d16,An)` word, `(d8,An,Xn)` byte, bare absolute long,
//!   unsized branch long) and are refused in packed fields and PC-relative operands;
//! - floating-point literals (`#1.5`, `#-2e-3`) are parsed here; an integer expression
//!   as an FP immediate gives its raw bit pattern (GNU as does the same).

mod ea;
mod fpimm;
mod fpu;
mod integer;
mod mmu;
pub mod operand;
#[cfg(test)]
mod tests;

use crate::insn::{AsmError, Encoded, ExprEval, Field, FieldKind, InsnRequest, SizeSuffix};
use operand::{Expr, Operand};

pub use fpimm::float_literal;

/// A parsed operand with the offset of its text in the operand field.
#[derive(Debug, Clone)]
pub(crate) struct Opnd<'a> {
    pub op: Operand<'a>,
    pub off: usize,
}

/// Operation size as the encoder sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sz {
    B,
    W,
    L,
    S,
    D,
    X,
    P,
}

impl Sz {
    fn from_suffix(s: SizeSuffix) -> Sz {
        match s {
            SizeSuffix::Byte => Sz::B,
            SizeSuffix::Word => Sz::W,
            SizeSuffix::Long => Sz::L,
            SizeSuffix::Short => Sz::S,
            SizeSuffix::Double => Sz::D,
            SizeSuffix::Extended => Sz::X,
            SizeSuffix::Packed => Sz::P,
        }
    }
    /// The suffix letter, for messages.
    pub fn letter(self) -> &'static str {
        match self {
            Sz::B => ".b",
            Sz::W => ".w",
            Sz::L => ".l",
            Sz::S => ".s",
            Sz::D => ".d",
            Sz::X => ".x",
            Sz::P => ".p",
        }
    }
    /// The standard 2-bit integer size field (b 00, w 01, l 10).
    fn bits(self) -> u16 {
        match self {
            Sz::B => 0,
            Sz::W => 1,
            _ => 2,
        }
    }
}

/// Instruction under construction: bytes, fields and the context they need.
pub(crate) struct Asm<'r, 'e> {
    pub req: &'r InsnRequest<'r>,
    pub eval: &'e mut dyn ExprEval,
    pub bytes: Vec<u8>,
    pub fields: Vec<Field>,
}

impl Asm<'_, '_> {
    /// Current length in bytes.
    pub fn len(&self) -> u32 {
        self.bytes.len() as u32
    }
    /// Address of the next byte to be emitted.
    pub fn here(&self) -> u32 {
        self.req.pc.wrapping_add(self.len())
    }
    pub fn word(&mut self, w: u16) {
        self.bytes.extend_from_slice(&w.to_be_bytes());
    }
    pub fn long(&mut self, l: u32) {
        self.bytes.extend_from_slice(&l.to_be_bytes());
    }
    /// OR `w` into the word at byte offset `at`.
    pub fn or_word(&mut self, at: usize, w: u16) {
        if let (Some(&a), Some(&b)) = (self.bytes.get(at), self.bytes.get(at + 1)) {
            let v = u16::from_be_bytes([a, b]) | w;
            let [x, y] = v.to_be_bytes();
            if let Some(p) = self.bytes.get_mut(at) {
                *p = x;
            }
            if let Some(p) = self.bytes.get_mut(at + 1) {
                *p = y;
            }
        }
    }
    pub fn field(&mut self, offset: u32, kind: FieldKind, e: &Expr) {
        self.fields.push(Field {
            offset,
            kind,
            hole: e.v.hole,
        });
    }
    pub fn mnem(&self) -> String {
        match self.req.size {
            Some(s) => format!("{}{}", self.req.mnemonic, Sz::from_suffix(s).letter()),
            None => self.req.mnemonic.to_string(),
        }
    }

    /// The value of `e` after a range check (`lo..=hi`); unknown values give 0, holes
    /// skip the check (their value is a placeholder).
    pub fn check(&self, e: &Expr, lo: i64, hi: i64, what: &str) -> Result<i64, AsmError> {
        if !e.v.known {
            return Ok(0);
        }
        if e.v.hole.is_some() {
            return Ok(e.v.value);
        }
        let v = e.v.value;
        if v < lo || v > hi {
            return Err(AsmError::at(
                e.off,
                format!("value {v} out of range for {what} ({lo}..{hi})"),
            ));
        }
        Ok(v)
    }

    /// A value packed into some bits of the word at byte offset `at`: holes are refused.
    pub fn packed(
        &mut self,
        e: &Expr,
        lo: i64,
        hi: i64,
        what: &str,
        at: u32,
    ) -> Result<i64, AsmError> {
        if e.v.hole.is_some() {
            return Err(AsmError::at(
                e.off,
                "template hole cannot be used in a packed field",
            ));
        }
        let v = self.check(e, lo, hi, what)?;
        self.fields.push(Field {
            offset: at,
            kind: FieldKind::Packed,
            hole: None,
        });
        Ok(v)
    }

    /// Emit a 16-bit field from `e` (range -32768..65535 unless told otherwise).
    pub fn put_word(&mut self, e: &Expr, lo: i64, hi: i64, what: &str) -> Result<(), AsmError> {
        let v = self.check(e, lo, hi, what)?;
        self.field(self.len(), FieldKind::Word, e);
        self.word(v as u16);
        Ok(())
    }
    /// Emit a 32-bit field from `e`.
    pub fn put_long(&mut self, e: &Expr, what: &str) -> Result<(), AsmError> {
        let v = self.check(e, -0x8000_0000, 0xFFFF_FFFF, what)?;
        self.field(self.len(), FieldKind::Long, e);
        self.long(v as u32);
        Ok(())
    }
    /// Emit a word whose low byte is `e` (byte immediates; GNU as writes the whole
    /// 16-bit value, so -1 gives $FFFF and 255 gives $00FF; we do the same).
    pub fn put_byte_word(&mut self, e: &Expr, what: &str) -> Result<(), AsmError> {
        let v = self.check(e, -128, 255, what)?;
        self.field(self.len() + 1, FieldKind::Byte, e);
        self.word(v as u16);
        Ok(())
    }
}

/// Error for a wrong number of operands.
pub(crate) fn count_err(mnem: &str, want: &str, got: usize) -> AsmError {
    AsmError::at(0, format!("{mnem} needs {want} operand(s), got {got}"))
}

/// Encode one instruction.
pub fn encode(req: &InsnRequest<'_>, eval: &mut dyn ExprEval) -> Result<Encoded, Vec<AsmError>> {
    let mn = req.mnemonic.to_ascii_lowercase();
    let size = req.size.map(Sz::from_suffix);
    let unknown = || {
        vec![AsmError::mnemonic(format!(
            "unknown mnemonic `{}`",
            req.mnemonic
        ))]
    };
    let mut parsed = Vec::new();
    for (t, off) in operand::split_operands(req.operands) {
        match operand::parse(t, off, eval) {
            Ok(op) => parsed.push(Opnd { op, off }),
            Err(e) => {
                // An unknown mnemonic is the better message than its operands' errors.
                let mut probe = Asm {
                    req,
                    eval,
                    bytes: Vec::new(),
                    fields: Vec::new(),
                };
                return Err(match dispatch(&mut probe, &mn, size, &[]) {
                    Some(_) => vec![e],
                    None => unknown(),
                });
            }
        }
    }
    let mut a = Asm {
        req,
        eval,
        bytes: Vec::new(),
        fields: Vec::new(),
    };
    let Some(r) = dispatch(&mut a, &mn, size, &parsed) else {
        return Err(unknown());
    };
    match r {
        Ok(()) => Ok(Encoded {
            bytes: a.bytes,
            fields: a.fields,
        }),
        Err(e) => Err(vec![e]),
    }
}

/// Route to the integer, FPU or MMU encoder; None when no one knows `mn`. With no
/// operands this evaluates nothing, so it doubles as a mnemonic check.
fn dispatch(
    a: &mut Asm<'_, '_>,
    mn: &str,
    size: Option<Sz>,
    ops: &[Opnd<'_>],
) -> Option<Result<(), AsmError>> {
    integer::encode(a, mn, size, ops)
        .or_else(|| fpu::encode(a, mn, size, ops))
        .or_else(|| mmu::encode(a, mn, size, ops))
}
