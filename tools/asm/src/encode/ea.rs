//! Effective addresses: the addressing-mode classes of the manual (data, memory,
//! control, alterable) and the encoding of an operand into the 6-bit mode/register
//! field plus its extension words (brief and full formats, memory indirect).

use super::operand::{AbsSize, Base, Expr, Mem, Operand, Reg};
use super::{Asm, Opnd, Sz};
use crate::insn::{AsmError, FieldKind};

pub const DN: u16 = 1 << 0;
pub const AN: u16 = 1 << 1;
pub const IND: u16 = 1 << 2;
pub const PI: u16 = 1 << 3;
pub const PD: u16 = 1 << 4;
pub const DISP: u16 = 1 << 5;
pub const IDX: u16 = 1 << 6;
pub const ABS: u16 = 1 << 7;
pub const PCD: u16 = 1 << 8;
pub const PCI: u16 = 1 << 9;
pub const IMM: u16 = 1 << 10;

/// All addressing modes.
pub const ALL: u16 = 0x7FF;
/// Data addressing modes (all but An).
pub const DATA: u16 = ALL & !AN;
/// Memory addressing modes (kept for reference against the manual).
#[allow(dead_code)]
pub const MEM: u16 = ALL & !(DN | AN);
/// Control addressing modes.
pub const CTRL: u16 = IND | DISP | IDX | ABS | PCD | PCI;
/// Alterable addressing modes.
pub const ALT: u16 = DN | AN | IND | PI | PD | DISP | IDX | ABS;
pub const DALT: u16 = ALT & !AN;
pub const MALT: u16 = ALT & !(DN | AN);
pub const CALT: u16 = CTRL & ALT;

/// The class bit of an operand, or 0 when it is no effective address.
pub fn class(op: &Operand<'_>) -> u16 {
    match op {
        Operand::Reg(Reg::D(_)) => DN,
        Operand::Reg(Reg::A(_)) => AN,
        Operand::Ind(_) => IND,
        Operand::PostInc(_) => PI,
        Operand::PreDec(_) => PD,
        Operand::Mem(m) => match (m.base, m.index.is_some() || m.mi.is_some()) {
            (Base::Pc | Base::Zpc, false) => PCD,
            (Base::Pc | Base::Zpc, true) => PCI,
            (_, false) => DISP,
            (_, true) => IDX,
        },
        Operand::Abs(..) => ABS,
        Operand::Imm(..) => IMM,
        _ => 0,
    }
}

/// Error: the operand's addressing mode is not allowed.
pub fn mode_err(a: &Asm<'_, '_>, op: &Opnd<'_>) -> AsmError {
    AsmError::at(
        op.off,
        format!(
            "addressing mode {} not allowed for {}",
            op.op.mode_name(),
            a.mnem()
        ),
    )
}

/// Check that `op` is in `allowed`.
pub fn check(a: &Asm<'_, '_>, op: &Opnd<'_>, allowed: u16) -> Result<(), AsmError> {
    if class(&op.op) & allowed == 0 {
        return Err(mode_err(a, op));
    }
    Ok(())
}

/// A 32-bit quantity as a signed number (values $80000000..$FFFFFFFF wrap).
pub fn norm32(v: i64) -> i64 {
    if (0x8000_0000..=0xFFFF_FFFF).contains(&v) {
        v - 0x1_0000_0000
    } else {
        v
    }
}

fn fits8(v: i64) -> bool {
    (-128..=127).contains(&v)
}
fn fits16(v: i64) -> bool {
    (-32768..=32767).contains(&v)
}

/// Size code of a base/outer displacement in the full format: 1 null, 2 word, 3 long.
fn disp_size(e: Option<&Expr>, d: i64) -> u16 {
    match e {
        None => 1,
        Some(e) if e.v.hole.is_some() || !e.v.known => 3,
        Some(_) if d == 0 => 1,
        Some(_) if fits16(d) => 2,
        Some(_) => 3,
    }
}

/// Encode `op` as an effective address: checks its class against `allowed`, appends
/// the extension words and returns the 6-bit mode/register field.
pub fn ea(a: &mut Asm<'_, '_>, op: &Opnd<'_>, sz: Sz, allowed: u16) -> Result<u16, AsmError> {
    check(a, op, allowed)?;
    match &op.op {
        Operand::Reg(Reg::D(n)) => Ok(u16::from(*n)),
        Operand::Reg(Reg::A(n)) => Ok(0o10 | u16::from(*n)),
        Operand::Ind(n) => Ok(0o20 | u16::from(*n)),
        Operand::PostInc(n) => Ok(0o30 | u16::from(*n)),
        Operand::PreDec(n) => Ok(0o40 | u16::from(*n)),
        Operand::Mem(m) => mem(a, m),
        Operand::Abs(e, s) => abs(a, e, *s),
        Operand::Imm(t, off) => {
            imm(a, t, *off, sz)?;
            Ok(0o74)
        }
        _ => Err(mode_err(a, op)),
    }
}

/// Emit an immediate of size `sz`.
pub fn imm(a: &mut Asm<'_, '_>, t: &str, off: usize, sz: Sz) -> Result<(), AsmError> {
    match sz {
        Sz::B | Sz::W | Sz::L => {
            let e = super::operand::eval_all(a.eval, t, off)?;
            match sz {
                Sz::B => a.put_byte_word(&e, ".b immediate"),
                Sz::W => a.put_word(&e, -32768, 65535, ".w immediate"),
                _ => a.put_long(&e, ".l immediate"),
            }
        }
        _ => super::fpimm::put(a, t, off, sz),
    }
}

/// A 32-bit address value, checked.
fn addr(e: &Expr) -> Result<i64, AsmError> {
    if !e.v.known {
        return Ok(0);
    }
    let v = e.v.value;
    if e.v.hole.is_none() && !(-0x8000_0000..=0xFFFF_FFFF).contains(&v) {
        return Err(AsmError::at(
            e.off,
            format!("value {v} out of range for an address"),
        ));
    }
    Ok(norm32(v))
}

fn abs(a: &mut Asm<'_, '_>, e: &Expr, s: AbsSize) -> Result<u16, AsmError> {
    let v = addr(e)?;
    let word = match s {
        AbsSize::W => true,
        AbsSize::L => false,
        AbsSize::Auto => e.v.known && e.v.hole.is_none() && fits16(v),
    };
    if word {
        if e.v.known && e.v.hole.is_none() && !fits16(v) && !(0..=0xFFFF).contains(&v) {
            return Err(AsmError::at(
                e.off,
                format!("address {v} out of range for (xxx).w"),
            ));
        }
        a.field(a.len(), FieldKind::Word, e);
        a.word(v as u16);
        Ok(0o70)
    } else {
        a.field(a.len(), FieldKind::Long, e);
        a.long(v as u32);
        Ok(0o71)
    }
}

fn mem(a: &mut Asm<'_, '_>, m: &Mem) -> Result<u16, AsmError> {
    let ext_addr = a.here();
    let pc_rel = m.base == Base::Pc;
    if let (true, Some(e)) = (pc_rel, &m.bd) {
        // The field would hold a displacement from an address the template table does
        // not describe; holes in PC-relative operands are refused.
        if e.v.hole.is_some() {
            return Err(AsmError::at(
                e.off,
                "template hole cannot be used in a PC-relative operand",
            ));
        }
    }
    // The displacement value; PC-relative expressions name the target address.
    let d = match &m.bd {
        Some(e) => {
            let v = addr(e)?;
            if pc_rel && e.v.known {
                i64::from((v as u32).wrapping_sub(ext_addr) as i32)
            } else {
                v
            }
        }
        None => 0,
    };
    let bd_known = m.bd.as_ref().is_none_or(|e| e.v.known);
    let bd_hole = m.bd.as_ref().is_some_and(|e| e.v.hole.is_some());
    let (mode_reg, suppressed) = match m.base {
        Base::A(n) => (0o60 | u16::from(n), false),
        Base::Pc => (0o73, false),
        Base::Zpc => (0o73, true),
        Base::None => (0o60, true),
    };
    if m.mi.is_none() && !suppressed {
        match m.index {
            None => {
                if let (Base::A(n), Some(_)) = (m.base, &m.bd)
                    && bd_known
                    && !bd_hole
                    && d == 0
                {
                    return Ok(0o20 | u16::from(n));
                }
                if bd_hole || (bd_known && fits16(d)) {
                    if let Some(e) = &m.bd {
                        a.field(a.len(), FieldKind::Word, e);
                    }
                    a.word(d as u16);
                    return Ok(if pc_rel { 0o72 } else { mode_reg - 0o10 });
                }
            }
            Some(ix) => {
                if bd_hole || (bd_known && fits8(d)) {
                    let ext = (u16::from(ix.reg) << 12)
                        | (u16::from(ix.long) << 11)
                        | (u16::from(ix.scale) << 9)
                        | (d as u16 & 0xFF);
                    if let Some(e) = &m.bd {
                        a.field(a.len() + 1, FieldKind::Byte, e);
                    }
                    a.word(ext);
                    return Ok(mode_reg);
                }
            }
        }
    }
    // Full format.
    let mut ext: u16 = 0x0100;
    match m.index {
        Some(ix) => {
            ext |=
                (u16::from(ix.reg) << 12) | (u16::from(ix.long) << 11) | (u16::from(ix.scale) << 9)
        }
        None => ext |= 0x40,
    }
    if suppressed {
        ext |= 0x80;
    }
    let bds = disp_size(m.bd.as_ref(), d);
    ext |= bds << 4;
    let mut ods = 0;
    let mut odv = 0;
    if let Some(mi) = &m.mi {
        odv = match &mi.od {
            Some(e) => addr(e)?,
            None => 0,
        };
        ods = disp_size(mi.od.as_ref(), odv);
        ext |= ods;
        if mi.post && m.index.is_some() {
            ext |= 4;
        }
    }
    a.word(ext);
    for (size, val, e) in [
        (bds, d, m.bd.as_ref()),
        (ods, odv, m.mi.as_ref().and_then(|x| x.od.as_ref())),
    ] {
        match size {
            2 => {
                if let Some(e) = e {
                    a.field(a.len(), FieldKind::Word, e);
                }
                a.word(val as u16);
            }
            3 => {
                if let Some(e) = e {
                    a.field(a.len(), FieldKind::Long, e);
                }
                a.long(val as u32);
            }
            _ => {}
        }
    }
    Ok(mode_reg)
}
