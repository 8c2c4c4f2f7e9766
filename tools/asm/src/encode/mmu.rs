//! The MC68030 on-chip MMU instructions (coprocessor id 0, opcode $F000 + command
//! word): pmove/pmovefd, pflush/pflusha, pload, ptest.
//!
//! `pflusha` is $F000 $2400 (68030 form); GNU as emits the 68040 $F518 instead.

use super::ea::{self, CALT};
use super::integer::size_of;
use super::operand::{Mmu, Operand, Reg};
use super::{Asm, Opnd, Sz, count_err};
use crate::insn::AsmError;

type R = Result<(), AsmError>;

/// MMU register → (command word bits, natural size).
fn mmu_reg(m: Mmu) -> (u16, Sz) {
    match m {
        Mmu::Tc => (0x4000, Sz::L),
        Mmu::Srp => (0x4800, Sz::D),
        Mmu::Crp => (0x4C00, Sz::D),
        Mmu::Tt0 => (0x0800, Sz::L),
        Mmu::Tt1 => (0x0C00, Sz::L),
        Mmu::Mmusr => (0x6000, Sz::W),
    }
}

/// A function-code operand: sfc, dfc, Dn or #0..7 → the 5-bit FC field.
fn fc(a: &mut Asm<'_, '_>, o: &Opnd<'_>) -> Result<u16, AsmError> {
    match o.op {
        Operand::Reg(Reg::Ctrl(0)) => Ok(0),
        Operand::Reg(Reg::Ctrl(1)) => Ok(1),
        Operand::Reg(Reg::D(n)) => Ok(8 | u16::from(n)),
        Operand::Imm(t, off) => {
            let e = super::operand::eval_all(a.eval, t, off)?;
            Ok(0x10 | a.packed(&e, 0, 7, "function code", 2)? as u16)
        }
        _ => Err(AsmError::at(
            o.off,
            "function code must be sfc, dfc, Dn or #0..7",
        )),
    }
}

/// Emit F000|ea + command word.
fn general(a: &mut Asm<'_, '_>, cmd: u16, o: Option<&Opnd<'_>>) -> R {
    a.word(0xF000);
    a.word(cmd);
    if let Some(o) = o {
        let m = ea::ea(a, o, Sz::L, CALT)?;
        a.or_word(0, m);
    }
    Ok(())
}

/// Encode an MMU instruction, or None when `mn` is not one.
pub fn encode(a: &mut Asm<'_, '_>, mn: &str, size: Option<Sz>, ops: &[Opnd<'_>]) -> Option<R> {
    Some(match mn {
        "pmove" | "pmovefd" => pmove(a, mn == "pmovefd", size, ops),
        "pflusha" => size_of(a, size, &[]).and_then(|_| {
            if ops.is_empty() {
                general(a, 0x2400, None)
            } else {
                Err(count_err(&a.mnem(), "0", ops.len()))
            }
        }),
        "pflush" => pflush(a, size, ops),
        "ploadr" | "ploadw" => pload(a, mn == "ploadr", size, ops),
        "ptestr" | "ptestw" => ptest(a, mn == "ptestr", size, ops),
        _ => return None,
    })
}

fn pmove(a: &mut Asm<'_, '_>, fd: bool, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    let [s, d] = ops else {
        return Err(count_err(&a.mnem(), "2", ops.len()));
    };
    let (m, to_mem, o) = match (&s.op, &d.op) {
        (_, Operand::Reg(Reg::Mmu(m))) => (*m, false, s),
        (Operand::Reg(Reg::Mmu(m)), _) => (*m, true, d),
        _ => {
            return Err(AsmError::at(
                s.off,
                "pmove needs an MMU register (tc srp crp tt0 tt1 mmusr)",
            ));
        }
    };
    let (bits, natural) = mmu_reg(m);
    size_of(a, size, &[natural])?;
    if fd && (to_mem || m == Mmu::Mmusr) {
        return Err(AsmError::mnemonic(
            "pmovefd only loads tc, srp, crp, tt0 or tt1",
        ));
    }
    let cmd = bits | if to_mem { 0x200 } else { 0 } | if fd { 0x100 } else { 0 };
    general(a, cmd, Some(o))
}

fn pflush(a: &mut Asm<'_, '_>, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    size_of(a, size, &[])?;
    let (f, m, o) = match ops {
        [f, m] => (f, m, None),
        [f, m, o] => (f, m, Some(o)),
        _ => return Err(count_err(&a.mnem(), "2 or 3", ops.len())),
    };
    let fcv = fc(a, f)?;
    let Operand::Imm(t, off) = m.op else {
        return Err(AsmError::at(m.off, "pflush needs #mask"));
    };
    let e = super::operand::eval_all(a.eval, t, off)?;
    let mask = a.packed(&e, 0, 7, "pflush mask", 2)? as u16;
    let mode = if o.is_some() { 0x3800 } else { 0x3000 };
    general(a, mode | (mask << 5) | fcv, o)
}

fn pload(a: &mut Asm<'_, '_>, read: bool, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    size_of(a, size, &[])?;
    let [f, o] = ops else {
        return Err(count_err(&a.mnem(), "2", ops.len()));
    };
    let fcv = fc(a, f)?;
    general(a, 0x2000 | if read { 0x200 } else { 0 } | fcv, Some(o))
}

fn ptest(a: &mut Asm<'_, '_>, read: bool, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    size_of(a, size, &[])?;
    let (f, o, l, an) = match ops {
        [f, o, l] => (f, o, l, None),
        [f, o, l, an] => (f, o, l, Some(an)),
        _ => return Err(count_err(&a.mnem(), "3 or 4", ops.len())),
    };
    let fcv = fc(a, f)?;
    let Operand::Imm(t, off) = l.op else {
        return Err(AsmError::at(l.off, "ptest needs #level"));
    };
    let e = super::operand::eval_all(a.eval, t, off)?;
    let level = a.packed(&e, 0, 7, "ptest level", 2)? as u16;
    let mut cmd = 0x8000 | (level << 10) | if read { 0x200 } else { 0 } | fcv;
    if let Some(an) = an {
        let Operand::Reg(Reg::A(n)) = an.op else {
            return Err(ea::mode_err(a, an));
        };
        if level == 0 && e.v.known {
            return Err(AsmError::at(
                an.off,
                "ptest at level 0 cannot return an address register",
            ));
        }
        cmd |= 0x100 | (u16::from(n) << 5);
    }
    general(a, cmd, Some(o))
}
