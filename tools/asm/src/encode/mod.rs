//! Operand parsing and instruction encoding (placeholder until the encoder lands).
use crate::insn::{AsmError, Encoded, ExprEval, InsnRequest};

/// Encode one instruction.
pub fn encode(req: &InsnRequest<'_>, _eval: &mut dyn ExprEval) -> Result<Encoded, Vec<AsmError>> {
    Err(vec![AsmError::mnemonic(format!(
        "unknown mnemonic `{}`",
        req.mnemonic
    ))])
}
