//! The MC68881/68882 coprocessor instructions (coprocessor id 1, opcode $Fxxx with
//! an extension command word).

use super::ea::{self, ALL, AN, CALT, CTRL, DALT, DATA, DN, PD, PI};
use super::integer::{self, Disp, size_of};
use super::operand::{BfArg, Operand, Reg};
use super::{Asm, Opnd, Sz, count_err};
use crate::insn::{AsmError, FieldKind};

type R = Result<(), AsmError>;

/// Arithmetic operations: mnemonic, opmode (bits 6-0 of the command word), monadic.
const ARITH: [(&str, u16, bool); 35] = [
    ("fint", 0x01, true),
    ("fsinh", 0x02, true),
    ("fintrz", 0x03, true),
    ("fsqrt", 0x04, true),
    ("flognp1", 0x06, true),
    ("fetoxm1", 0x08, true),
    ("ftanh", 0x09, true),
    ("fatan", 0x0A, true),
    ("fasin", 0x0C, true),
    ("fatanh", 0x0D, true),
    ("fsin", 0x0E, true),
    ("ftan", 0x0F, true),
    ("fetox", 0x10, true),
    ("ftwotox", 0x11, true),
    ("ftentox", 0x12, true),
    ("flogn", 0x14, true),
    ("flog10", 0x15, true),
    ("flog2", 0x16, true),
    ("fabs", 0x18, true),
    ("fcosh", 0x19, true),
    ("fneg", 0x1A, true),
    ("facos", 0x1C, true),
    ("fcos", 0x1D, true),
    ("fgetexp", 0x1E, true),
    ("fgetman", 0x1F, true),
    ("fdiv", 0x20, false),
    ("fmod", 0x21, false),
    ("fadd", 0x22, false),
    ("fmul", 0x23, false),
    ("fsgldiv", 0x24, false),
    ("frem", 0x25, false),
    ("fscale", 0x26, false),
    ("fsglmul", 0x27, false),
    ("fsub", 0x28, false),
    ("fcmp", 0x38, false),
];

/// FPU conditional predicates (6-bit field).
pub const FCONDS: [(&str, u16); 32] = [
    ("f", 0x00),
    ("eq", 0x01),
    ("ogt", 0x02),
    ("oge", 0x03),
    ("olt", 0x04),
    ("ole", 0x05),
    ("ogl", 0x06),
    ("or", 0x07),
    ("un", 0x08),
    ("ueq", 0x09),
    ("ugt", 0x0A),
    ("uge", 0x0B),
    ("ult", 0x0C),
    ("ule", 0x0D),
    ("ne", 0x0E),
    ("t", 0x0F),
    ("sf", 0x10),
    ("seq", 0x11),
    ("gt", 0x12),
    ("ge", 0x13),
    ("lt", 0x14),
    ("le", 0x15),
    ("gl", 0x16),
    ("gle", 0x17),
    ("ngle", 0x18),
    ("ngl", 0x19),
    ("nle", 0x1A),
    ("nlt", 0x1B),
    ("nge", 0x1C),
    ("ngt", 0x1D),
    ("sne", 0x1E),
    ("st", 0x1F),
];

fn fcond(s: &str) -> Option<u16> {
    FCONDS.iter().find(|(n, _)| *n == s).map(|&(_, c)| c)
}

/// Source/destination format code of the command word.
fn fmt(sz: Sz) -> u16 {
    match sz {
        Sz::L => 0,
        Sz::S => 1,
        Sz::X => 2,
        Sz::P => 3,
        Sz::W => 4,
        Sz::D => 5,
        Sz::B => 6,
    }
}

const ALL_FMT: [Sz; 7] = [Sz::X, Sz::B, Sz::W, Sz::L, Sz::S, Sz::D, Sz::P];

fn fpreg(o: &Opnd<'_>) -> Option<u16> {
    match o.op {
        Operand::Reg(Reg::Fp(n)) => Some(u16::from(n)),
        _ => None,
    }
}

fn need_fp(a: &Asm<'_, '_>, o: &Opnd<'_>) -> Result<u16, AsmError> {
    fpreg(o).ok_or_else(|| ea::mode_err(a, o))
}

/// Dn is only allowed with the integer and single formats.
fn check_dn(a: &Asm<'_, '_>, o: &Opnd<'_>, sz: Sz) -> R {
    if matches!(o.op, Operand::Reg(Reg::D(_))) && !matches!(sz, Sz::B | Sz::W | Sz::L | Sz::S) {
        return Err(AsmError::at(
            o.off,
            format!(
                "data register not allowed with {} in {}",
                sz.letter(),
                a.mnem()
            ),
        ));
    }
    Ok(())
}

/// Emit F200|ea + command word; `ea_op` is the memory/register operand if any.
fn general(a: &mut Asm<'_, '_>, cmd: u16, ea_op: Option<(&Opnd<'_>, Sz, u16)>) -> R {
    a.word(0xF200);
    a.word(cmd);
    if let Some((o, sz, modes)) = ea_op {
        let m = ea::ea(a, o, sz, modes)?;
        a.or_word(0, m);
    }
    Ok(())
}

/// `<ea>,FPn` or `FPm,FPn` (or one register for monadic operations).
fn arith(a: &mut Asm<'_, '_>, opmode: u16, monadic: bool, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    let sz = size_of(a, size, &ALL_FMT)?;
    match ops {
        [r] if monadic => {
            let n = need_fp(a, r)?;
            if sz != Sz::X {
                return Err(AsmError::mnemonic(format!(
                    "bad size {} for {}",
                    sz.letter(),
                    a.req.mnemonic
                )));
            }
            general(a, (n << 10) | (n << 7) | opmode, None)
        }
        [s, d] => {
            let dn = need_fp(a, d)?;
            arith_src(a, opmode | (dn << 7), sz, s)
        }
        _ => Err(count_err(
            &a.mnem(),
            if monadic { "1 or 2" } else { "2" },
            ops.len(),
        )),
    }
}

/// Encode a source operand (FP register or <ea>) with `cmd` carrying the rest.
fn arith_src(a: &mut Asm<'_, '_>, cmd: u16, sz: Sz, s: &Opnd<'_>) -> R {
    if let Some(sn) = fpreg(s) {
        if sz != Sz::X {
            return Err(AsmError::mnemonic(format!(
                "bad size {} for {} with FP registers",
                sz.letter(),
                a.req.mnemonic
            )));
        }
        return general(a, cmd | (sn << 10), None);
    }
    check_dn(a, s, sz)?;
    general(a, cmd | 0x4000 | (fmt(sz) << 10), Some((s, sz, DATA)))
}

/// Encode an FPU instruction, or None when `mn` is not one.
pub fn encode(a: &mut Asm<'_, '_>, mn: &str, size: Option<Sz>, ops: &[Opnd<'_>]) -> Option<R> {
    Some(match mn {
        "fmove" => fmove(a, size, ops),
        "fmovem" => fmovem(a, size, ops),
        "fmovecr" => fmovecr(a, size, ops),
        "ftst" => ftst(a, size, ops),
        "fsincos" => fsincos(a, size, ops),
        "fsave" | "frestore" => save_restore(a, mn == "fsave", size, ops),
        "fnop" => {
            if let Err(e) = size_of(a, size, &[]) {
                return Some(Err(e));
            }
            if !ops.is_empty() {
                return Some(Err(count_err(&a.mnem(), "0", ops.len())));
            }
            a.word(0xF280);
            a.word(0);
            Ok(())
        }
        _ => {
            if let Some(&(_, opm, mono)) = ARITH.iter().find(|(n, ..)| *n == mn) {
                return Some(arith(a, opm, mono, size, ops));
            }
            if let Some(c) = mn.strip_prefix("fdb").and_then(fcond) {
                return Some(fdbcc(a, c, size, ops));
            }
            if let Some(c) = mn.strip_prefix("ftrap").and_then(fcond) {
                return Some(ftrapcc(a, c, size, ops));
            }
            if let Some(c) = mn.strip_prefix("fb").and_then(fcond) {
                if ops.len() != 1 {
                    return Some(Err(count_err(&a.mnem(), "1", ops.len())));
                }
                return Some(integer::branch(a, 0xF280 | c, size, ops, Disp::Fbcc));
            }
            if let Some(c) = mn.strip_prefix("fs").and_then(fcond) {
                return Some(fscc(a, c, size, ops));
            }
            return None;
        }
    })
}

fn ftst(a: &mut Asm<'_, '_>, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    let sz = size_of(a, size, &ALL_FMT)?;
    match ops {
        [s] => arith_src(a, 0x3A, sz, s),
        _ => Err(count_err(&a.mnem(), "1", ops.len())),
    }
}

fn fsincos(a: &mut Asm<'_, '_>, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    let sz = size_of(a, size, &ALL_FMT)?;
    let [s, d] = ops else {
        return Err(count_err(&a.mnem(), "2", ops.len()));
    };
    let (c, sn) = match d.op {
        Operand::Pair(Reg::Fp(c), Reg::Fp(s)) => (u16::from(c), u16::from(s)),
        _ => return Err(AsmError::at(d.off, "fsincos needs FPc:FPs as destination")),
    };
    arith_src(a, 0x30 | c | (sn << 7), sz, s)
}

fn fmove(a: &mut Asm<'_, '_>, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    let [s, d] = ops else {
        return Err(count_err(&a.mnem(), "2", ops.len()));
    };
    // To/from a single FPU control register.
    if let Operand::Reg(Reg::FpCtl(c)) = d.op {
        size_of(a, size, &[Sz::L])?;
        return ctrl_move(a, u16::from(c), false, s);
    }
    if let Operand::Reg(Reg::FpCtl(c)) = s.op {
        size_of(a, size, &[Sz::L])?;
        return ctrl_move(a, u16::from(c), true, d);
    }
    let sz = size_of(a, size, &ALL_FMT)?;
    if let Some(dn) = fpreg(d) {
        return arith_src(a, dn << 7, sz, s);
    }
    // FPm,<ea>: memory/register destination.
    let sn = need_fp(a, s)?;
    let (dst, k) = match &d.op {
        Operand::KFactor(inner, k) => (
            Opnd {
                op: (**inner).clone(),
                off: d.off,
            },
            Some(*k),
        ),
        _ => (d.clone(), None),
    };
    check_dn(a, &dst, sz)?;
    let mut cmd = 0x6000 | (fmt(sz) << 10) | (sn << 7);
    match (sz, k) {
        (Sz::P, Some(BfArg::D(n))) => cmd = 0x6000 | (7 << 10) | (sn << 7) | (u16::from(n) << 4),
        (Sz::P, Some(BfArg::Imm(e))) => {
            cmd |= (a.packed(&e, -64, 63, "k-factor", 2)? as u16) & 0x7F
        }
        (Sz::P, None) => {
            return Err(AsmError::at(
                d.off,
                "fmove.p to memory needs a k-factor: <ea>{#k} or <ea>{Dn}",
            ));
        }
        (_, Some(_)) => return Err(AsmError::at(d.off, "k-factor only allowed with fmove.p")),
        (_, None) => {}
    }
    general(a, cmd, Some((&dst, sz, DALT)))
}

/// fmove.l <ea>,FPcr / FPcr,<ea> (An only with FPIAR).
fn ctrl_move(a: &mut Asm<'_, '_>, c: u16, to_mem: bool, o: &Opnd<'_>) -> R {
    let mut modes = if to_mem { ea::ALT } else { ALL };
    if c != 1 {
        modes &= !AN;
    }
    let cmd = if to_mem { 0xA000 } else { 0x8000 } | (c << 10);
    general(a, cmd, Some((o, Sz::L, modes)))
}

fn fmovem(a: &mut Asm<'_, '_>, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    let [s, d] = ops else {
        return Err(count_err(&a.mnem(), "2", ops.len()));
    };
    let ctl = |o: &Opnd<'_>| match o.op {
        Operand::FpCtlList(m) | Operand::Reg(Reg::FpCtl(m)) => Some(u16::from(m)),
        _ => None,
    };
    if let Some(c) = ctl(s).or(ctl(d)) {
        size_of(a, size, &[Sz::L])?;
        let to_mem = ctl(s).is_some();
        let o = if to_mem { d } else { s };
        let single = c.count_ones() == 1;
        let mut modes = if to_mem { ea::ALT } else { ALL };
        if !single {
            modes &= !(DN | AN | ea::IMM);
        } else if c != 1 {
            modes &= !AN;
        }
        let cmd = if to_mem { 0xA000 } else { 0x8000 } | (c << 10);
        return general(a, cmd, Some((o, Sz::L, modes)));
    }
    size_of(a, size, &[Sz::X])?;
    // A data register list: static (FpList / FPn) or dynamic (Dn).
    let list = |o: &Opnd<'_>| match o.op {
        Operand::FpList(m) => Some((u16::from(m), false)),
        Operand::Reg(Reg::Fp(n)) => Some((1u16 << n, false)),
        Operand::Reg(Reg::D(n)) => Some((u16::from(n) << 4, true)),
        _ => None,
    };
    if let (Some((m, dynamic)), false) = (list(s), matches!(d.op, Operand::Reg(_))) {
        let predec = matches!(d.op, Operand::PreDec(_));
        // Predecrement lists hold fp0 in bit 0, all others in bit 7.
        let mask = if dynamic || predec {
            m
        } else {
            u16::from((m as u8).reverse_bits())
        };
        let mode = match (predec, dynamic) {
            (true, false) => 0,
            (true, true) => 1,
            (false, false) => 2,
            (false, true) => 3,
        };
        return general(a, 0xE000 | (mode << 11) | mask, Some((d, Sz::X, CALT | PD)));
    }
    if let Some((m, dynamic)) = list(d) {
        let mask = if dynamic {
            m
        } else {
            u16::from((m as u8).reverse_bits())
        };
        let mode = if dynamic { 3 } else { 2 };
        return general(a, 0xC000 | (mode << 11) | mask, Some((s, Sz::X, CTRL | PI)));
    }
    Err(AsmError::at(s.off, "fmovem needs an FP register list"))
}

fn fmovecr(a: &mut Asm<'_, '_>, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    size_of(a, size, &[Sz::X])?;
    let [s, d] = ops else {
        return Err(count_err(&a.mnem(), "2", ops.len()));
    };
    let dn = need_fp(a, d)?;
    let Operand::Imm(t, off) = s.op else {
        return Err(AsmError::at(s.off, "fmovecr needs #offset"));
    };
    let e = super::operand::eval_all(a.eval, t, off)?;
    let v = a.packed(&e, 0, 0x7F, "fmovecr offset", 2)?;
    general(a, 0x5C00 | (dn << 7) | (v as u16), None)
}

fn save_restore(a: &mut Asm<'_, '_>, save: bool, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    size_of(a, size, &[])?;
    let [o] = ops else {
        return Err(count_err(&a.mnem(), "1", ops.len()));
    };
    a.word(if save { 0xF300 } else { 0xF340 });
    let m = ea::ea(a, o, Sz::L, if save { CALT | PD } else { CTRL | PI })?;
    a.or_word(0, m);
    Ok(())
}

fn fdbcc(a: &mut Asm<'_, '_>, c: u16, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    size_of(a, size, &[Sz::W])?;
    let [r, t] = ops else {
        return Err(count_err(&a.mnem(), "2", ops.len()));
    };
    let Operand::Reg(Reg::D(n)) = r.op else {
        return Err(ea::mode_err(a, r));
    };
    let e = integer::target(a, t)?;
    let d = integer::displacement(&e, a.req.pc.wrapping_add(4))?;
    if e.v.known && e.v.hole.is_none() && !(-32768..=32767).contains(&d) {
        return Err(AsmError::at(
            t.off,
            format!("branch target out of range for .w (displacement {d})"),
        ));
    }
    a.word(0xF248 | u16::from(n));
    a.word(c);
    a.field(4, FieldKind::Branch16, &e);
    a.word(d as u16);
    Ok(())
}

fn fscc(a: &mut Asm<'_, '_>, c: u16, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    size_of(a, size, &[Sz::B])?;
    let [o] = ops else {
        return Err(count_err(&a.mnem(), "1", ops.len()));
    };
    a.word(0xF240);
    a.word(c);
    let m = ea::ea(a, o, Sz::B, DALT)?;
    a.or_word(0, m);
    Ok(())
}

fn ftrapcc(a: &mut Asm<'_, '_>, c: u16, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    match integer::trap_operand(a, size, ops)? {
        None => {
            a.word(0xF27C);
            a.word(c);
        }
        Some((false, e)) => {
            a.word(0xF27A);
            a.word(c);
            a.put_word(&e, -32768, 65535, "ftrapcc operand")?;
        }
        Some((true, e)) => {
            a.word(0xF27B);
            a.word(c);
            a.put_long(&e, "ftrapcc operand")?;
        }
    }
    Ok(())
}
