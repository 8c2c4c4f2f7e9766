//! The contract between the statement layer (lines, symbols, directives, passes) and the
//! instruction layer (operand parsing and encoding, in `encode/`).
//!
//! The statement layer hands over one instruction: its mnemonic, optional size suffix, the
//! raw operand text and where it sits. The instruction layer parses the operands itself
//! (addressing-mode syntax is its business), asks the statement layer to parse and evaluate
//! every expression it meets through [`ExprEval`], and returns the bytes plus the position
//! of every expression-valued field, so templates can record their holes and listings can
//! show what came from where.

/// One evaluated expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Value {
    /// The value; meaningless (0) when `known` is false.
    pub value: i64,
    /// False while a symbol in it is not yet defined (an earlier pass, or a forward
    /// reference). The encoder then picks the largest form so that sizes only shrink.
    pub known: bool,
    /// Set when the expression is a template hole (`@name`): the value is a placeholder and
    /// the field's offset and width must be reported in [`Encoded::fields`].
    pub hole: Option<u32>,
}

impl Value {
    /// A known value that is not a hole.
    pub fn known(value: i64) -> Self {
        Value {
            value,
            known: true,
            hole: None,
        }
    }
}

/// Parses and evaluates expressions for the encoder.
pub trait ExprEval {
    /// Parse the longest expression that is a prefix of `text` and evaluate it.
    /// Returns the value and the number of bytes of `text` consumed. `offset` is the
    /// position of `text` inside the instruction's operand field, for error columns.
    fn eval_prefix(&mut self, text: &str, offset: usize) -> Result<(Value, usize), AsmError>;
}

/// The sizes an instruction can carry (`.b .w .l .s .x .p .d` and the branch `.s`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SizeSuffix {
    /// `.b`
    Byte,
    /// `.w`
    Word,
    /// `.l`
    Long,
    /// `.s`: a short branch, or single precision for FPU instructions.
    Short,
    /// `.d` double precision
    Double,
    /// `.x` extended precision
    Extended,
    /// `.p` packed decimal
    Packed,
}

/// One instruction to encode.
#[derive(Debug, Clone)]
pub struct InsnRequest<'a> {
    /// Mnemonic without the size suffix, lower-case (`move`, `fmove`, `pflusha`, `bra`).
    pub mnemonic: &'a str,
    /// The size suffix as written, if any.
    pub size: Option<SizeSuffix>,
    /// The operand field as written, with comments removed and surrounding blanks trimmed.
    pub operands: &'a str,
    /// Address of the instruction's first byte (for PC-relative operands and branches).
    pub pc: u32,
    /// True on the last pass: unknown values are then errors, and the encoder must not
    /// pick a different size than the sizes it was given in `size_hint` from the pass before.
    pub final_pass: bool,
    /// The smallest length in bytes the encoder may choose where it has a choice (0: no
    /// limit). The pass loop sets it to the previous pass's length once layouts have had a
    /// few passes to shrink, so an unsized branch to the next instruction (too close for
    /// `.s`, far enough for it once the branch is `.w`) settles at `.w` instead of
    /// oscillating.
    pub min_len: u32,
}

/// Width and kind of an expression-valued field inside the encoded bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// An 8-bit value in a byte of its own (or the low byte of an extension word).
    Byte,
    /// A 16-bit value.
    Word,
    /// A 32-bit value.
    Long,
    /// An 8-bit branch displacement inside the opcode word.
    Branch8,
    /// A 16-bit branch displacement, relative to the address of the displacement word.
    Branch16,
    /// A 32-bit branch displacement.
    Branch32,
    /// A value packed into some bits of an opcode or extension word (quick immediates,
    /// bit-field offsets); not usable as a template hole.
    Packed,
}

/// Where an expression's value landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Byte offset from the start of the instruction.
    pub offset: u32,
    /// Width and kind.
    pub kind: FieldKind,
    /// The hole id when the expression was a template hole.
    pub hole: Option<u32>,
}

/// The encoded instruction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Encoded {
    /// The instruction's bytes, big-endian.
    pub bytes: Vec<u8>,
    /// Expression-valued fields in the bytes.
    pub fields: Vec<Field>,
}

/// An error located in the operand field of an instruction (or the mnemonic itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsmError {
    /// Byte offset inside the operand field (0 when it concerns the mnemonic).
    pub offset: usize,
    /// Whether the error concerns the mnemonic rather than an operand.
    pub in_mnemonic: bool,
    /// The message, lower-case, no trailing period: `value 200 out of range for moveq (-128..127)`.
    pub message: String,
}

impl AsmError {
    /// An error at `offset` in the operand field.
    pub fn at(offset: usize, message: impl Into<String>) -> Self {
        AsmError {
            offset,
            in_mnemonic: false,
            message: message.into(),
        }
    }
    /// An error about the mnemonic.
    pub fn mnemonic(message: impl Into<String>) -> Self {
        AsmError {
            offset: 0,
            in_mnemonic: true,
            message: message.into(),
        }
    }
}
