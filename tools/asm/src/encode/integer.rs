//! The MC68030 integer instruction set, branches included.
//!
//! Simple families are tables (mnemonic → opcode template, sizes, allowed EA classes)
//! that read like the manual's instruction pages; the rest are small encoders. GNU as is
//! the oracle for the choices the manual leaves open: `add #1..8` → `addq`,
//! `add/and/or/eor/cmp #imm` → the `i` form, `move.l #-128..127,Dn` → `moveq`,
//! `cmp (Ay)+,(Ax)+` → `cmpm`, ALU ops with an An destination → the `a` form.

use super::ea::{self, ALL, ALT, CALT, CTRL, DALT, DATA, DN, IMM, MALT, PD, PI};
use super::operand::{AbsSize, BfArg, Expr, Operand, Reg, USP};
use super::{Asm, Opnd, Sz, count_err};
use crate::insn::{AsmError, FieldKind};

type R = Result<(), AsmError>;

/// Condition codes of Bcc/DBcc/Scc/TRAPcc.
pub const CONDS: [(&str, u16); 18] = [
    ("t", 0),
    ("f", 1),
    ("hi", 2),
    ("ls", 3),
    ("cc", 4),
    ("hs", 4),
    ("cs", 5),
    ("lo", 5),
    ("ne", 6),
    ("eq", 7),
    ("vc", 8),
    ("vs", 9),
    ("pl", 10),
    ("mi", 11),
    ("ge", 12),
    ("lt", 13),
    ("gt", 14),
    ("le", 15),
];

fn cond(s: &str) -> Option<u16> {
    CONDS.iter().find(|(n, _)| *n == s).map(|&(_, c)| c)
}

/// Instructions without operands.
const INHERENT: [(&str, u16); 7] = [
    ("illegal", 0x4AFC),
    ("reset", 0x4E70),
    ("nop", 0x4E71),
    ("rte", 0x4E73),
    ("rts", 0x4E75),
    ("trapv", 0x4E76),
    ("rtr", 0x4E77),
];

/// One-operand instructions on an effective address: opcode, sizes (first = default;
/// empty = unsized), allowed modes, whether the standard size field (bits 7-6) is used.
struct Unary {
    name: &'static str,
    op: u16,
    sizes: &'static [Sz],
    modes: u16,
    size_field: bool,
}

const UNARY: [Unary; 10] = [
    Unary {
        name: "negx",
        op: 0x4000,
        sizes: &[Sz::W, Sz::B, Sz::L],
        modes: DALT,
        size_field: true,
    },
    Unary {
        name: "clr",
        op: 0x4200,
        sizes: &[Sz::W, Sz::B, Sz::L],
        modes: DALT,
        size_field: true,
    },
    Unary {
        name: "neg",
        op: 0x4400,
        sizes: &[Sz::W, Sz::B, Sz::L],
        modes: DALT,
        size_field: true,
    },
    Unary {
        name: "not",
        op: 0x4600,
        sizes: &[Sz::W, Sz::B, Sz::L],
        modes: DALT,
        size_field: true,
    },
    Unary {
        name: "tst",
        op: 0x4A00,
        sizes: &[Sz::W, Sz::B, Sz::L],
        modes: ALL,
        size_field: true,
    },
    Unary {
        name: "nbcd",
        op: 0x4800,
        sizes: &[Sz::B],
        modes: DALT,
        size_field: false,
    },
    Unary {
        name: "tas",
        op: 0x4AC0,
        sizes: &[Sz::B],
        modes: DALT,
        size_field: false,
    },
    Unary {
        name: "pea",
        op: 0x4840,
        sizes: &[Sz::L],
        modes: CTRL,
        size_field: false,
    },
    Unary {
        name: "jmp",
        op: 0x4EC0,
        sizes: &[],
        modes: CTRL,
        size_field: false,
    },
    Unary {
        name: "jsr",
        op: 0x4E80,
        sizes: &[],
        modes: CTRL,
        size_field: false,
    },
];

/// Immediate-source instructions (`ori` .. `cmpi`): opcode and destination modes.
const IMM_OPS: [(&str, u16, u16); 6] = [
    ("ori", 0x0000, DALT),
    ("andi", 0x0200, DALT),
    ("subi", 0x0400, DALT),
    ("addi", 0x0600, DALT),
    ("eori", 0x0A00, DALT),
    // 68020+: cmpi may compare with PC-relative operands.
    ("cmpi", 0x0C00, DATA & !IMM),
];

/// Shift/rotate instructions: type field (bits 4-3, or 10-9 for memory) and direction.
const SHIFTS: [(&str, u16, u16); 8] = [
    ("asr", 0, 0),
    ("asl", 0, 1),
    ("lsr", 1, 0),
    ("lsl", 1, 1),
    ("roxr", 2, 0),
    ("roxl", 2, 1),
    ("ror", 3, 0),
    ("rol", 3, 1),
];

/// Bit-field instructions: opcode, whether there is a data register operand (and on
/// which side), allowed modes.
const BITFIELDS: [(&str, u16, Bfreg, u16); 8] = [
    ("bftst", 0xE8C0, Bfreg::None, DN | CTRL),
    ("bfextu", 0xE9C0, Bfreg::Dest, DN | CTRL),
    ("bfchg", 0xEAC0, Bfreg::None, DN | CALT),
    ("bfexts", 0xEBC0, Bfreg::Dest, DN | CTRL),
    ("bfclr", 0xECC0, Bfreg::None, DN | CALT),
    ("bfffo", 0xEDC0, Bfreg::Dest, DN | CTRL),
    ("bfset", 0xEEC0, Bfreg::None, DN | CALT),
    ("bfins", 0xEFC0, Bfreg::Src, DN | CALT),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Bfreg {
    None,
    Src,
    Dest,
}

/// Pick the operation size: `None` gives the default (first of `allowed`).
pub fn size_of(a: &Asm<'_, '_>, size: Option<Sz>, allowed: &[Sz]) -> Result<Sz, AsmError> {
    match size {
        None => Ok(allowed.first().copied().unwrap_or(Sz::W)),
        Some(s) if allowed.contains(&s) => Ok(s),
        Some(s) => Err(AsmError::mnemonic(format!(
            "bad size {} for {}",
            s.letter(),
            a.req.mnemonic
        ))),
    }
}

/// Refuse any size suffix.
fn no_size(a: &Asm<'_, '_>, size: Option<Sz>) -> R {
    size_of(a, size, &[]).map(|_| ())
}

fn nops(a: &Asm<'_, '_>, ops: &[Opnd<'_>], n: usize) -> R {
    if ops.len() != n {
        return Err(count_err(&a.mnem(), &n.to_string(), ops.len()));
    }
    Ok(())
}

fn dreg(a: &Asm<'_, '_>, o: &Opnd<'_>) -> Result<u16, AsmError> {
    match o.op {
        Operand::Reg(Reg::D(n)) => Ok(u16::from(n)),
        _ => Err(ea::mode_err(a, o)),
    }
}
fn areg(a: &Asm<'_, '_>, o: &Opnd<'_>) -> Result<u16, AsmError> {
    match o.op {
        Operand::Reg(Reg::A(n)) => Ok(u16::from(n)),
        _ => Err(ea::mode_err(a, o)),
    }
}
/// Dn or An as 0-15.
fn rn(a: &Asm<'_, '_>, o: &Opnd<'_>) -> Result<u16, AsmError> {
    match o.op {
        Operand::Reg(Reg::D(n)) => Ok(u16::from(n)),
        Operand::Reg(Reg::A(n)) => Ok(u16::from(n) + 8),
        _ => Err(ea::mode_err(a, o)),
    }
}
fn is_an(o: &Opnd<'_>) -> bool {
    matches!(o.op, Operand::Reg(Reg::A(_)))
}
fn is_dn(o: &Opnd<'_>) -> bool {
    matches!(o.op, Operand::Reg(Reg::D(_)))
}

/// Evaluate the immediate operand `#expr`.
fn imm_expr(a: &mut Asm<'_, '_>, o: &Opnd<'_>) -> Result<Expr, AsmError> {
    match o.op {
        Operand::Imm(t, off) => super::operand::eval_all(a.eval, t, off),
        _ => Err(AsmError::at(
            o.off,
            format!("{} needs an immediate operand here", a.mnem()),
        )),
    }
}

/// A known 1..8 immediate usable by addq/subq.
fn quick_value(a: &mut Asm<'_, '_>, o: &Opnd<'_>) -> Result<Option<i64>, AsmError> {
    if !matches!(o.op, Operand::Imm(..)) {
        return Ok(None);
    }
    let e = imm_expr(a, o)?;
    Ok((e.v.known && e.v.hole.is_none() && (1..=8).contains(&e.v.value)).then_some(e.v.value))
}

/// Start an instruction: the opcode word (patched later with `or_word`).
fn op(a: &mut Asm<'_, '_>, w: u16) {
    a.word(w);
}

/// Encode an integer instruction, or None when `mn` is not one.
pub fn encode(a: &mut Asm<'_, '_>, mn: &str, size: Option<Sz>, ops: &[Opnd<'_>]) -> Option<R> {
    Some(match mn {
        "add" | "sub" => add_sub(a, mn == "add", size, ops),
        "and" | "or" => and_or(a, mn == "and", size, ops),
        "eor" => eor(a, size, ops),
        "cmp" => cmp(a, size, ops),
        "adda" => addr_op(a, 0xD0C0, size, ops),
        "suba" => addr_op(a, 0x90C0, size, ops),
        "cmpa" => addr_op(a, 0xB0C0, size, ops),
        "addq" => quick(a, 0x5000, size, ops),
        "subq" => quick(a, 0x5100, size, ops),
        "addx" => xop(a, 0xD100, size, ops, &[Sz::W, Sz::B, Sz::L]),
        "subx" => xop(a, 0x9100, size, ops, &[Sz::W, Sz::B, Sz::L]),
        "abcd" => xop(a, 0xC100, size, ops, &[Sz::B]),
        "sbcd" => xop(a, 0x8100, size, ops, &[Sz::B]),
        "cmpm" => cmpm(a, size, ops),
        "btst" => bitop(a, 0, size, ops),
        "bchg" => bitop(a, 1, size, ops),
        "bclr" => bitop(a, 2, size, ops),
        "bset" => bitop(a, 3, size, ops),
        "move" => mov(a, size, ops),
        "movea" => movea(a, size, ops),
        "moveq" => moveq(a, size, ops),
        "movem" => movem(a, size, ops),
        "movep" => movep(a, size, ops),
        "moves" => moves(a, size, ops),
        "movec" => movec(a, size, ops),
        "lea" => lea(a, size, ops),
        "ext" => ext(a, size, ops, false),
        "extb" => ext(a, size, ops, true),
        "swap" => reg_only(a, 0x4840, size, ops, false),
        "unlk" => reg_only(a, 0x4E58, size, ops, true),
        "link" => link(a, size, ops),
        "trap" => small_imm(a, 0x4E40, 15, size, ops),
        "bkpt" => small_imm(a, 0x4848, 7, size, ops),
        "rtd" => word_imm(a, 0x4E74, -32768, 32767, size, ops),
        "stop" => word_imm(a, 0x4E72, -32768, 65535, size, ops),
        "chk" => chk(a, size, ops),
        "chk2" => chk2(a, true, size, ops),
        "cmp2" => chk2(a, false, size, ops),
        "cas" => cas(a, size, ops),
        "cas2" => cas2(a, size, ops),
        "exg" => exg(a, size, ops),
        "pack" => pack(a, 0x8140, size, ops),
        "unpk" => pack(a, 0x8180, size, ops),
        "mulu" => muldiv(a, false, false, false, size, ops),
        "muls" => muldiv(a, false, true, false, size, ops),
        "divu" => muldiv(a, true, false, false, size, ops),
        "divs" => muldiv(a, true, true, false, size, ops),
        "divul" => muldiv(a, true, false, true, size, ops),
        "divsl" => muldiv(a, true, true, true, size, ops),
        // `jbra`/`jbsr`/`jbcc` (GNU's relaxing names) are the same as the b forms here,
        // since every unsized branch is sized to fit.
        "bra" | "jbra" => branch(a, 0x6000, size, ops, Disp::Bcc),
        "bsr" | "jbsr" => branch(a, 0x6100, size, ops, Disp::Bcc),
        "dbra" => dbcc(a, 1, size, ops),
        _ => {
            if let Some(&(_, w)) = INHERENT.iter().find(|(n, _)| *n == mn) {
                return Some(
                    no_size(a, size)
                        .and_then(|_| nops(a, ops, 0))
                        .map(|_| op(a, w)),
                );
            }
            if let Some(u) = UNARY.iter().find(|u| u.name == mn) {
                return Some(unary(a, u, size, ops));
            }
            if let Some(&(_, w, modes)) = IMM_OPS.iter().find(|(n, _, _)| *n == mn) {
                return Some(imm_op(a, w, modes, size, ops));
            }
            if let Some(&(_, t, d)) = SHIFTS.iter().find(|(n, _, _)| *n == mn) {
                return Some(shift(a, t, d, size, ops));
            }
            if let Some(&(_, w, r, modes)) = BITFIELDS.iter().find(|(n, ..)| *n == mn) {
                return Some(bitfield(a, w, r, modes, size, ops));
            }
            if let Some(c) = mn.strip_prefix("db").and_then(cond) {
                return Some(dbcc(a, c, size, ops));
            }
            if let Some(c) = mn.strip_prefix("trap").and_then(cond) {
                return Some(trapcc(a, c, size, ops));
            }
            if let Some(c) = mn
                .strip_prefix('b')
                .or_else(|| mn.strip_prefix("jb"))
                .and_then(cond)
            {
                if c < 2 {
                    return None;
                }
                return Some(branch(a, 0x6000 | (c << 8), size, ops, Disp::Bcc));
            }
            if let Some(c) = mn.strip_prefix('s').and_then(cond) {
                return Some(scc(a, c, size, ops));
            }
            return None;
        }
    })
}

fn unary(a: &mut Asm<'_, '_>, u: &Unary, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    let sz = size_of(a, size, u.sizes)?;
    nops(a, ops, 1)?;
    let o = &ops[0];
    if u.name == "tst" && sz == Sz::B && is_an(o) {
        return Err(ea::mode_err(a, o));
    }
    op(a, u.op | if u.size_field { sz.bits() << 6 } else { 0 });
    let m = ea::ea(a, o, sz, u.modes)?;
    a.or_word(0, m);
    Ok(())
}

fn imm_op(a: &mut Asm<'_, '_>, w: u16, modes: u16, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 2)?;
    let (src, dst) = (&ops[0], &ops[1]);
    let e = imm_expr(a, src)?;
    let to_cc = matches!(w, 0x0000 | 0x0200 | 0x0A00);
    match dst.op {
        Operand::Reg(Reg::Ccr) if to_cc => {
            size_of(a, size, &[Sz::B])?;
            op(a, w | 0x3C);
            a.put_byte_word(&e, ".b immediate")
        }
        Operand::Reg(Reg::Sr) if to_cc => {
            size_of(a, size, &[Sz::W])?;
            op(a, w | 0x7C);
            a.put_word(&e, -32768, 65535, ".w immediate")
        }
        _ => {
            let sz = size_of(a, size, &[Sz::W, Sz::B, Sz::L])?;
            op(a, w | (sz.bits() << 6));
            match sz {
                Sz::B => a.put_byte_word(&e, ".b immediate")?,
                Sz::W => a.put_word(&e, -32768, 65535, ".w immediate")?,
                _ => a.put_long(&e, ".l immediate")?,
            }
            let m = ea::ea(a, dst, sz, modes)?;
            a.or_word(0, m);
            Ok(())
        }
    }
}

/// Generic `op <ea>,Dn` / `op Dn,<ea>` for add/sub/and/or/cmp/eor.
fn ea_dn(
    a: &mut Asm<'_, '_>,
    base: u16,
    sz: Sz,
    src: &Opnd<'_>,
    dst: &Opnd<'_>,
    src_modes: u16,
    dst_modes: u16,
) -> R {
    if let Operand::Reg(Reg::D(n)) = dst.op {
        if sz == Sz::B && is_an(src) {
            return Err(ea::mode_err(a, src));
        }
        op(a, base | (u16::from(n) << 9) | (sz.bits() << 6));
        let m = ea::ea(a, src, sz, src_modes)?;
        a.or_word(0, m);
        return Ok(());
    }
    if let Operand::Reg(Reg::D(n)) = src.op {
        op(a, base | (u16::from(n) << 9) | 0x100 | (sz.bits() << 6));
        let m = ea::ea(a, dst, sz, dst_modes)?;
        a.or_word(0, m);
        return Ok(());
    }
    Err(ea::mode_err(a, dst))
}

fn add_sub(a: &mut Asm<'_, '_>, add: bool, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 2)?;
    let (src, dst) = (&ops[0], &ops[1]);
    let q = quick_value(a, src)?;
    if q.is_some() {
        return quick(a, if add { 0x5000 } else { 0x5100 }, size, ops);
    }
    if is_an(dst) {
        return addr_op(a, if add { 0xD0C0 } else { 0x90C0 }, size, ops);
    }
    if matches!(src.op, Operand::Imm(..)) {
        return imm_op(a, if add { 0x0600 } else { 0x0400 }, DALT, size, ops);
    }
    let sz = size_of(a, size, &[Sz::W, Sz::B, Sz::L])?;
    ea_dn(
        a,
        if add { 0xD000 } else { 0x9000 },
        sz,
        src,
        dst,
        ALL,
        MALT,
    )
}

fn and_or(a: &mut Asm<'_, '_>, and: bool, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 2)?;
    let (src, dst) = (&ops[0], &ops[1]);
    if matches!(src.op, Operand::Imm(..)) {
        return imm_op(a, if and { 0x0200 } else { 0x0000 }, DALT, size, ops);
    }
    let sz = size_of(a, size, &[Sz::W, Sz::B, Sz::L])?;
    ea_dn(
        a,
        if and { 0xC000 } else { 0x8000 },
        sz,
        src,
        dst,
        DATA,
        MALT,
    )
}

fn eor(a: &mut Asm<'_, '_>, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 2)?;
    let (src, dst) = (&ops[0], &ops[1]);
    if matches!(src.op, Operand::Imm(..)) {
        return imm_op(a, 0x0A00, DALT, size, ops);
    }
    let sz = size_of(a, size, &[Sz::W, Sz::B, Sz::L])?;
    let n = dreg(a, src)?;
    op(a, 0xB100 | (n << 9) | (sz.bits() << 6));
    let m = ea::ea(a, dst, sz, DALT)?;
    a.or_word(0, m);
    Ok(())
}

fn cmp(a: &mut Asm<'_, '_>, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 2)?;
    let (src, dst) = (&ops[0], &ops[1]);
    if is_an(dst) {
        return addr_op(a, 0xB0C0, size, ops);
    }
    if matches!(src.op, Operand::Imm(..)) {
        return imm_op(a, 0x0C00, DATA & !IMM, size, ops);
    }
    if matches!(
        (&src.op, &dst.op),
        (Operand::PostInc(_), Operand::PostInc(_))
    ) {
        return cmpm(a, size, ops);
    }
    let sz = size_of(a, size, &[Sz::W, Sz::B, Sz::L])?;
    if !is_dn(dst) {
        return Err(ea::mode_err(a, dst));
    }
    ea_dn(a, 0xB000, sz, src, dst, ALL, 0)
}

fn addr_op(a: &mut Asm<'_, '_>, base: u16, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 2)?;
    let sz = size_of(a, size, &[Sz::W, Sz::L])?;
    let n = areg(a, &ops[1])?;
    op(a, base | (n << 9) | if sz == Sz::L { 0x100 } else { 0 });
    let m = ea::ea(a, &ops[0], sz, ALL)?;
    a.or_word(0, m);
    Ok(())
}

fn quick(a: &mut Asm<'_, '_>, base: u16, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 2)?;
    let sz = size_of(a, size, &[Sz::W, Sz::B, Sz::L])?;
    let e = imm_expr(a, &ops[0])?;
    let v = a.packed(&e, 1, 8, a.req.mnemonic, 0)?;
    if sz == Sz::B && is_an(&ops[1]) {
        return Err(ea::mode_err(a, &ops[1]));
    }
    op(a, base | (((v & 7) as u16) << 9) | (sz.bits() << 6));
    let m = ea::ea(a, &ops[1], sz, ALT)?;
    a.or_word(0, m);
    Ok(())
}

/// addx/subx/abcd/sbcd: `Dy,Dx` or `-(Ay),-(Ax)`.
fn xop(a: &mut Asm<'_, '_>, base: u16, size: Option<Sz>, ops: &[Opnd<'_>], sizes: &[Sz]) -> R {
    nops(a, ops, 2)?;
    let sz = size_of(a, size, sizes)?;
    let szb = if sizes.len() > 1 { sz.bits() << 6 } else { 0 };
    match (&ops[0].op, &ops[1].op) {
        (Operand::Reg(Reg::D(y)), Operand::Reg(Reg::D(x))) => {
            op(a, base | szb | (u16::from(*x) << 9) | u16::from(*y));
            Ok(())
        }
        (Operand::PreDec(y), Operand::PreDec(x)) => {
            op(a, base | szb | 8 | (u16::from(*x) << 9) | u16::from(*y));
            Ok(())
        }
        _ => Err(AsmError::at(
            ops[0].off,
            format!("{} needs Dy,Dx or -(Ay),-(Ax)", a.mnem()),
        )),
    }
}

fn cmpm(a: &mut Asm<'_, '_>, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 2)?;
    let sz = size_of(a, size, &[Sz::W, Sz::B, Sz::L])?;
    match (&ops[0].op, &ops[1].op) {
        (Operand::PostInc(y), Operand::PostInc(x)) => {
            op(
                a,
                0xB108 | (sz.bits() << 6) | (u16::from(*x) << 9) | u16::from(*y),
            );
            Ok(())
        }
        _ => Err(AsmError::at(ops[0].off, "cmpm needs (Ay)+,(Ax)+")),
    }
}

fn bitop(a: &mut Asm<'_, '_>, t: u16, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 2)?;
    let (src, dst) = (&ops[0], &ops[1]);
    let on_reg = is_dn(dst);
    let sz = if on_reg {
        size_of(a, size, &[Sz::L])?
    } else {
        size_of(a, size, &[Sz::B])?
    };
    match src.op {
        Operand::Reg(Reg::D(n)) => {
            let modes = if t == 0 { DATA } else { DALT };
            op(a, 0x0100 | (u16::from(n) << 9) | (t << 6));
            let m = ea::ea(a, dst, sz, modes)?;
            a.or_word(0, m);
            Ok(())
        }
        Operand::Imm(..) => {
            let e = imm_expr(a, src)?;
            let hi = if on_reg { 31 } else { 7 };
            let v = a.check(&e, 0, hi, "bit number")?;
            op(a, 0x0800 | (t << 6));
            a.field(3, FieldKind::Byte, &e);
            a.word(v as u16 & 0xFF);
            let modes = if t == 0 { DATA & !IMM } else { DALT };
            let m = ea::ea(a, dst, sz, modes)?;
            a.or_word(0, m);
            Ok(())
        }
        _ => Err(ea::mode_err(a, src)),
    }
}

/// moveq range: -128..127, also as 32-bit two's complement ($FFFFFF80..$FFFFFFFF).
fn moveq_value(_a: &Asm<'_, '_>, e: &Expr) -> Result<i64, AsmError> {
    if e.v.known && e.v.hole.is_none() && !(-128..=127).contains(&ea::norm32(e.v.value)) {
        return Err(AsmError::at(
            e.off,
            format!("value {} out of range for moveq (-128..127)", e.v.value),
        ));
    }
    Ok(if e.v.known { ea::norm32(e.v.value) } else { 0 })
}

fn moveq(a: &mut Asm<'_, '_>, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 2)?;
    size_of(a, size, &[Sz::L])?;
    let e = imm_expr(a, &ops[0])?;
    let v = moveq_value(a, &e)?;
    let n = dreg(a, &ops[1])?;
    a.field(1, FieldKind::Byte, &e);
    op(a, 0x7000 | (n << 9) | (v as u16 & 0xFF));
    Ok(())
}

fn movea(a: &mut Asm<'_, '_>, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 2)?;
    let sz = size_of(a, size, &[Sz::W, Sz::L])?;
    let n = areg(a, &ops[1])?;
    op(a, if sz == Sz::L { 0x2040 } else { 0x3040 } | (n << 9));
    let m = ea::ea(a, &ops[0], sz, ALL)?;
    a.or_word(0, m);
    Ok(())
}

fn mov(a: &mut Asm<'_, '_>, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 2)?;
    let (src, dst) = (&ops[0], &ops[1]);
    match (&src.op, &dst.op) {
        (_, Operand::Reg(Reg::Ccr)) | (_, Operand::Reg(Reg::Sr)) => {
            let sr = dst.op == Operand::Reg(Reg::Sr);
            size_of(a, size, &[Sz::W])?;
            op(a, if sr { 0x46C0 } else { 0x44C0 });
            let m = ea::ea(a, src, Sz::W, DATA)?;
            a.or_word(0, m);
            Ok(())
        }
        (Operand::Reg(Reg::Sr), _) | (Operand::Reg(Reg::Ccr), _) => {
            let sr = src.op == Operand::Reg(Reg::Sr);
            size_of(a, size, &[Sz::W])?;
            op(a, if sr { 0x40C0 } else { 0x42C0 });
            let m = ea::ea(a, dst, Sz::W, DALT)?;
            a.or_word(0, m);
            Ok(())
        }
        (Operand::Reg(Reg::Ctrl(USP)), _) => {
            size_of(a, size, &[Sz::L])?;
            let n = areg(a, dst)?;
            op(a, 0x4E68 | n);
            Ok(())
        }
        (_, Operand::Reg(Reg::Ctrl(USP))) => {
            size_of(a, size, &[Sz::L])?;
            let n = areg(a, src)?;
            op(a, 0x4E60 | n);
            Ok(())
        }
        (_, Operand::Reg(Reg::A(_))) => movea(a, size, ops),
        _ => {
            let sz = size_of(a, size, &[Sz::W, Sz::B, Sz::L])?;
            if let (Sz::L, Operand::Imm(..), Operand::Reg(Reg::D(_))) = (sz, &src.op, &dst.op) {
                let e = imm_expr(a, src)?;
                if e.v.known && e.v.hole.is_none() && (-128..=127).contains(&ea::norm32(e.v.value))
                {
                    return moveq(a, None, ops);
                }
            }
            if sz == Sz::B && is_an(src) {
                return Err(ea::mode_err(a, src));
            }
            let code = match sz {
                Sz::B => 0x1000,
                Sz::L => 0x2000,
                _ => 0x3000,
            };
            op(a, code);
            let s = ea::ea(a, src, sz, ALL)?;
            let d = ea::ea(a, dst, sz, DALT)?;
            a.or_word(0, s | ((d & 7) << 9) | ((d >> 3) << 6));
            Ok(())
        }
    }
}

/// A movem register mask from a list, a single register or `#mask` (None if not one).
fn reg_mask(a: &mut Asm<'_, '_>, o: &Opnd<'_>) -> Result<Option<(u16, Option<Expr>)>, AsmError> {
    Ok(match o.op {
        Operand::RegList(m) => Some((m, None)),
        Operand::Reg(Reg::D(n)) => Some((1 << n, None)),
        Operand::Reg(Reg::A(n)) => Some((1 << (n + 8), None)),
        Operand::Imm(..) => {
            let e = imm_expr(a, o)?;
            let v = a.check(&e, 0, 0xFFFF, "register mask")?;
            Some((v as u16, Some(e)))
        }
        _ => None,
    })
}

fn movem(a: &mut Asm<'_, '_>, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 2)?;
    let sz = size_of(a, size, &[Sz::W, Sz::L])?;
    let szb = if sz == Sz::L { 0x40 } else { 0 };
    let (src, dst) = (&ops[0], &ops[1]);
    let dst_is_mem = ea::class(&dst.op) & !(DN | ea::AN) != 0;
    if dst_is_mem {
        let Some((mut mask, e)) = reg_mask(a, src)? else {
            return Err(AsmError::at(src.off, "movem needs a register list"));
        };
        if matches!(dst.op, Operand::PreDec(_)) && e.is_none() {
            mask = mask.reverse_bits();
        }
        op(a, 0x4880 | szb);
        if let Some(e) = &e {
            a.field(2, FieldKind::Word, e);
        }
        a.word(mask);
        let m = ea::ea(a, dst, sz, CALT | PD)?;
        a.or_word(0, m);
        return Ok(());
    }
    let Some((mask, e)) = reg_mask(a, dst)? else {
        return Err(AsmError::at(dst.off, "movem needs a register list"));
    };
    op(a, 0x4C80 | szb);
    if let Some(e) = &e {
        a.field(2, FieldKind::Word, e);
    }
    a.word(mask);
    let m = ea::ea(a, src, sz, CTRL | PI)?;
    a.or_word(0, m);
    Ok(())
}

/// The `(d16,Ay)` operand of movep: (register, displacement).
fn movep_mem(a: &Asm<'_, '_>, o: &Opnd<'_>) -> Result<Option<(u16, Option<Expr>)>, AsmError> {
    Ok(match &o.op {
        Operand::Ind(n) => Some((u16::from(*n), None)),
        Operand::Mem(m) if m.index.is_none() && m.mi.is_none() => match m.base {
            super::operand::Base::A(n) => Some((u16::from(n), m.bd)),
            _ => return Err(ea::mode_err(a, o)),
        },
        Operand::Reg(Reg::D(_)) => None,
        _ => return Err(ea::mode_err(a, o)),
    })
}

fn movep(a: &mut Asm<'_, '_>, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 2)?;
    let sz = size_of(a, size, &[Sz::W, Sz::L])?;
    let l = u16::from(sz == Sz::L);
    let (opmode, dn, (ay, d)) = match (movep_mem(a, &ops[0])?, movep_mem(a, &ops[1])?) {
        (Some(m), None) => (4 | l, dreg(a, &ops[1])?, m),
        (None, Some(m)) => (6 | l, dreg(a, &ops[0])?, m),
        _ => return Err(ea::mode_err(a, &ops[1])),
    };
    op(a, 0x0108 | (dn << 9) | (opmode << 6) | ay);
    match d {
        Some(e) => a.put_word(&e, -32768, 32767, "movep displacement"),
        None => {
            a.word(0);
            Ok(())
        }
    }
}

fn moves(a: &mut Asm<'_, '_>, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 2)?;
    let sz = size_of(a, size, &[Sz::W, Sz::B, Sz::L])?;
    let (r, dr, mem) = match (&ops[0].op, &ops[1].op) {
        (Operand::Reg(Reg::D(_) | Reg::A(_)), _) => (rn(a, &ops[0])?, 0x800, &ops[1]),
        (_, Operand::Reg(Reg::D(_) | Reg::A(_))) => (rn(a, &ops[1])?, 0, &ops[0]),
        _ => return Err(ea::mode_err(a, &ops[0])),
    };
    op(a, 0x0E00 | (sz.bits() << 6));
    a.word((r << 12) | dr);
    let m = ea::ea(a, mem, sz, MALT)?;
    a.or_word(0, m);
    Ok(())
}

fn movec(a: &mut Asm<'_, '_>, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 2)?;
    size_of(a, size, &[Sz::L])?;
    let (w, c, r) = match (&ops[0].op, &ops[1].op) {
        (Operand::Reg(Reg::Ctrl(c)), _) => (0x4E7A, *c, rn(a, &ops[1])?),
        (_, Operand::Reg(Reg::Ctrl(c))) => (0x4E7B, *c, rn(a, &ops[0])?),
        _ => {
            return Err(AsmError::at(
                ops[0].off,
                "movec needs a control register (sfc dfc cacr usp vbr caar msp isp)",
            ));
        }
    };
    op(a, w);
    a.word((r << 12) | c);
    Ok(())
}

fn lea(a: &mut Asm<'_, '_>, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 2)?;
    size_of(a, size, &[Sz::L])?;
    let n = areg(a, &ops[1])?;
    op(a, 0x41C0 | (n << 9));
    let m = ea::ea(a, &ops[0], Sz::L, CTRL)?;
    a.or_word(0, m);
    Ok(())
}

fn ext(a: &mut Asm<'_, '_>, size: Option<Sz>, ops: &[Opnd<'_>], b: bool) -> R {
    nops(a, ops, 1)?;
    let w = if b {
        size_of(a, size, &[Sz::L])?;
        0x49C0
    } else if size_of(a, size, &[Sz::W, Sz::L])? == Sz::L {
        0x48C0
    } else {
        0x4880
    };
    let n = dreg(a, &ops[0])?;
    op(a, w | n);
    Ok(())
}

fn reg_only(a: &mut Asm<'_, '_>, w: u16, size: Option<Sz>, ops: &[Opnd<'_>], addr: bool) -> R {
    nops(a, ops, 1)?;
    let _ = size_of(a, size, if w == 0x4840 { &[Sz::W] } else { &[] })?;
    let n = if addr {
        areg(a, &ops[0])?
    } else {
        dreg(a, &ops[0])?
    };
    op(a, w | n);
    Ok(())
}

fn link(a: &mut Asm<'_, '_>, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 2)?;
    let n = areg(a, &ops[0])?;
    let e = imm_expr(a, &ops[1])?;
    let long = match size_of(a, size, &[Sz::W, Sz::L])? {
        Sz::L => true,
        _ if size.is_some() => false,
        // Unsized: the smallest form that holds the value (largest when unknown).
        _ => !(e.v.known && e.v.hole.is_none() && (-32768..=32767).contains(&e.v.value)),
    };
    if long {
        op(a, 0x4808 | n);
        a.put_long(&e, "link displacement")
    } else {
        op(a, 0x4E50 | n);
        a.put_word(&e, -32768, 32767, "link.w displacement")
    }
}

fn small_imm(a: &mut Asm<'_, '_>, w: u16, max: i64, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    no_size(a, size)?;
    nops(a, ops, 1)?;
    let e = imm_expr(a, &ops[0])?;
    let v = a.packed(&e, 0, max, a.req.mnemonic, 0)?;
    op(a, w | (v as u16));
    Ok(())
}

fn word_imm(
    a: &mut Asm<'_, '_>,
    w: u16,
    lo: i64,
    hi: i64,
    size: Option<Sz>,
    ops: &[Opnd<'_>],
) -> R {
    no_size(a, size)?;
    nops(a, ops, 1)?;
    let e = imm_expr(a, &ops[0])?;
    op(a, w);
    a.put_word(&e, lo, hi, a.req.mnemonic)
}

fn chk(a: &mut Asm<'_, '_>, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 2)?;
    let sz = size_of(a, size, &[Sz::W, Sz::L])?;
    let n = dreg(a, &ops[1])?;
    op(
        a,
        0x4000 | (n << 9) | if sz == Sz::L { 0x100 } else { 0x180 },
    );
    let m = ea::ea(a, &ops[0], sz, DATA)?;
    a.or_word(0, m);
    Ok(())
}

fn chk2(a: &mut Asm<'_, '_>, is_chk: bool, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 2)?;
    let sz = size_of(a, size, &[Sz::W, Sz::B, Sz::L])?;
    let r = rn(a, &ops[1])?;
    op(a, 0x00C0 | (sz.bits() << 9));
    a.word((r << 12) | if is_chk { 0x800 } else { 0 });
    let m = ea::ea(a, &ops[0], sz, CTRL)?;
    a.or_word(0, m);
    Ok(())
}

fn cas(a: &mut Asm<'_, '_>, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 3)?;
    let sz = size_of(a, size, &[Sz::W, Sz::B, Sz::L])?;
    let dc = dreg(a, &ops[0])?;
    let du = dreg(a, &ops[1])?;
    op(a, 0x08C0 | ((sz.bits() + 1) << 9));
    a.word((du << 6) | dc);
    let m = ea::ea(a, &ops[2], sz, MALT)?;
    a.or_word(0, m);
    Ok(())
}

fn cas2(a: &mut Asm<'_, '_>, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 3)?;
    let sz = size_of(a, size, &[Sz::W, Sz::L])?;
    let dpair = |o: &Opnd<'_>| match o.op {
        Operand::Pair(Reg::D(x), Reg::D(y)) => Ok((u16::from(x), u16::from(y))),
        _ => Err(AsmError::at(
            o.off,
            "cas2 needs data register pairs Dc1:Dc2,Du1:Du2",
        )),
    };
    let (c1, c2) = dpair(&ops[0])?;
    let (u1, u2) = dpair(&ops[1])?;
    let r = |r: Reg| match r {
        Reg::D(n) => Some(u16::from(n)),
        Reg::A(n) => Some(u16::from(n) + 8),
        _ => None,
    };
    let (r1, r2) = match ops[2].op {
        Operand::IndPair(x, y) => match (r(x), r(y)) {
            (Some(x), Some(y)) => (x, y),
            _ => return Err(AsmError::at(ops[2].off, "cas2 needs (Rn1):(Rn2)")),
        },
        _ => return Err(AsmError::at(ops[2].off, "cas2 needs (Rn1):(Rn2)")),
    };
    op(a, if sz == Sz::L { 0x0EFC } else { 0x0CFC });
    a.word((r1 << 12) | (u1 << 6) | c1);
    a.word((r2 << 12) | (u2 << 6) | c2);
    Ok(())
}

fn exg(a: &mut Asm<'_, '_>, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 2)?;
    size_of(a, size, &[Sz::L])?;
    let w = match (&ops[0].op, &ops[1].op) {
        (Operand::Reg(Reg::D(x)), Operand::Reg(Reg::D(y))) => {
            0xC140 | (u16::from(*x) << 9) | u16::from(*y)
        }
        (Operand::Reg(Reg::A(x)), Operand::Reg(Reg::A(y))) => {
            0xC148 | (u16::from(*x) << 9) | u16::from(*y)
        }
        (Operand::Reg(Reg::D(x)), Operand::Reg(Reg::A(y)))
        | (Operand::Reg(Reg::A(y)), Operand::Reg(Reg::D(x))) => {
            0xC188 | (u16::from(*x) << 9) | u16::from(*y)
        }
        _ => return Err(AsmError::at(ops[0].off, "exg needs two registers")),
    };
    op(a, w);
    Ok(())
}

fn pack(a: &mut Asm<'_, '_>, base: u16, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 3)?;
    no_size(a, size)?;
    let w = match (&ops[0].op, &ops[1].op) {
        (Operand::Reg(Reg::D(x)), Operand::Reg(Reg::D(y))) => {
            base | (u16::from(*y) << 9) | u16::from(*x)
        }
        (Operand::PreDec(x), Operand::PreDec(y)) => base | 8 | (u16::from(*y) << 9) | u16::from(*x),
        _ => {
            return Err(AsmError::at(
                ops[0].off,
                format!("{} needs Dx,Dy or -(Ax),-(Ay)", a.mnem()),
            ));
        }
    };
    let e = imm_expr(a, &ops[2])?;
    op(a, w);
    a.put_word(&e, -32768, 65535, "adjustment")
}

fn muldiv(
    a: &mut Asm<'_, '_>,
    div: bool,
    signed: bool,
    l_form: bool,
    size: Option<Sz>,
    ops: &[Opnd<'_>],
) -> R {
    nops(a, ops, 2)?;
    let sz = if l_form {
        size_of(a, size, &[Sz::L])?
    } else {
        size_of(a, size, &[Sz::W, Sz::L])?
    };
    let (src, dst) = (&ops[0], &ops[1]);
    if sz == Sz::W {
        let n = dreg(a, dst)?;
        let w = match (div, signed) {
            (false, false) => 0xC0C0,
            (false, true) => 0xC1C0,
            (true, false) => 0x80C0,
            (true, true) => 0x81C0,
        };
        op(a, w | (n << 9));
        let m = ea::ea(a, src, Sz::W, DATA)?;
        a.or_word(0, m);
        return Ok(());
    }
    // mul: Dl or Dh:Dl; div: Dq or Dr:Dq.
    let (hi, lo, pair) = match dst.op {
        Operand::Reg(Reg::D(n)) => (u16::from(n), u16::from(n), false),
        Operand::Pair(Reg::D(h), Reg::D(l)) => (u16::from(h), u16::from(l), true),
        _ => return Err(ea::mode_err(a, dst)),
    };
    let size64 = pair && !l_form;
    let mut ext = (lo << 12) | if signed { 0x800 } else { 0 } | if size64 { 0x400 } else { 0 };
    if div || pair {
        ext |= hi;
    }
    op(a, if div { 0x4C40 } else { 0x4C00 });
    a.word(ext);
    let m = ea::ea(a, src, Sz::L, DATA)?;
    a.or_word(0, m);
    Ok(())
}

fn shift(a: &mut Asm<'_, '_>, t: u16, dir: u16, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    match ops.len() {
        1 => {
            size_of(a, size, &[Sz::W])?;
            op(a, 0xE0C0 | (t << 9) | (dir << 8));
            let m = ea::ea(a, &ops[0], Sz::W, MALT)?;
            a.or_word(0, m);
            Ok(())
        }
        2 => {
            let sz = size_of(a, size, &[Sz::W, Sz::B, Sz::L])?;
            let y = dreg(a, &ops[1])?;
            let (cnt, ir) = match ops[0].op {
                Operand::Reg(Reg::D(n)) => (u16::from(n), 0x20),
                Operand::Imm(..) => {
                    let e = imm_expr(a, &ops[0])?;
                    ((a.packed(&e, 1, 8, "shift count", 0)? & 7) as u16, 0)
                }
                _ => return Err(ea::mode_err(a, &ops[0])),
            };
            op(
                a,
                0xE000 | (cnt << 9) | (dir << 8) | (sz.bits() << 6) | ir | (t << 3) | y,
            );
            Ok(())
        }
        n => Err(count_err(&a.mnem(), "1 or 2", n)),
    }
}

fn bitfield(
    a: &mut Asm<'_, '_>,
    w: u16,
    r: Bfreg,
    modes: u16,
    size: Option<Sz>,
    ops: &[Opnd<'_>],
) -> R {
    no_size(a, size)?;
    let (bf, reg) = match (r, ops) {
        (Bfreg::None, [bf]) => (bf, 0),
        (Bfreg::Dest, [bf, d]) => (bf, dreg(a, d)?),
        (Bfreg::Src, [d, bf]) => (bf, dreg(a, d)?),
        _ => {
            let want = if r == Bfreg::None { "1" } else { "2" };
            return Err(count_err(&a.mnem(), want, ops.len()));
        }
    };
    let Operand::BitField(inner, off, width) = &bf.op else {
        return Err(AsmError::at(
            bf.off,
            format!("{} needs a bit field <ea>{{offset:width}}", a.mnem()),
        ));
    };
    let mut ext = reg << 12;
    match off {
        BfArg::D(n) => ext |= 0x800 | (u16::from(*n) << 6),
        BfArg::Imm(e) => ext |= ((a.packed(e, 0, 31, "bit-field offset", 2)? as u16) & 31) << 6,
    }
    match width {
        BfArg::D(n) => ext |= 0x20 | u16::from(*n),
        BfArg::Imm(e) => ext |= (a.packed(e, 1, 32, "bit-field width", 2)? as u16) & 31,
    }
    op(a, w);
    a.word(ext);
    let inner = Opnd {
        op: (**inner).clone(),
        off: bf.off,
    };
    let m = ea::ea(a, &inner, Sz::B, modes)?;
    a.or_word(0, m);
    Ok(())
}

/// How a branch encodes its displacement sizes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Disp {
    /// Bcc/BRA/BSR: 8-bit in the opcode, $00 = word follows, $FF = long follows.
    Bcc,
    /// FBcc: bit 6 of the opcode selects a long displacement; no 8-bit form.
    Fbcc,
}

/// The target expression of a branch.
pub fn target(a: &Asm<'_, '_>, o: &Opnd<'_>) -> Result<Expr, AsmError> {
    match o.op {
        Operand::Abs(e, AbsSize::Auto) => Ok(e),
        _ => Err(AsmError::at(
            o.off,
            format!("{} needs a branch target", a.mnem()),
        )),
    }
}

/// Displacement from `base` to the target `e` (0 when unknown).
pub fn displacement(e: &Expr, base: u32) -> Result<i64, AsmError> {
    if !e.v.known {
        return Ok(0);
    }
    let v = e.v.value;
    if !(-0x8000_0000..=0xFFFF_FFFF).contains(&v) {
        return Err(AsmError::at(
            e.off,
            format!("branch target {v} out of range"),
        ));
    }
    Ok(i64::from((v as u32).wrapping_sub(base) as i32))
}

/// Bcc/BRA/BSR/FBcc: `w` is the opcode word without displacement bits.
pub fn branch(a: &mut Asm<'_, '_>, w: u16, size: Option<Sz>, ops: &[Opnd<'_>], kind: Disp) -> R {
    nops(a, ops, 1)?;
    let sizes: &[Sz] = if kind == Disp::Bcc {
        &[Sz::W, Sz::S, Sz::B, Sz::L]
    } else {
        &[Sz::W, Sz::L]
    };
    size_of(a, size, sizes)?;
    let e = target(a, &ops[0])?;
    let base = a.req.pc.wrapping_add(2);
    let d = displacement(&e, base)?;
    let exact = e.v.known && e.v.hole.is_none();
    let short_ok = |d: i64| (-128..=127).contains(&d) && d != 0 && d != -1;
    let width = match size {
        Some(Sz::S | Sz::B) => 8,
        Some(Sz::W) => 16,
        Some(_) => 32,
        None if !exact => 32,
        None if kind == Disp::Bcc && short_ok(d) && a.req.min_len <= 2 => 8,
        None if (-32768..=32767).contains(&d) => 16,
        None => 32,
    };
    match width {
        8 => {
            if exact && !short_ok(d) {
                return Err(AsmError::at(
                    ops[0].off,
                    format!("branch target out of range for .s (displacement {d})"),
                ));
            }
            a.field(1, FieldKind::Branch8, &e);
            op(a, w | (d as u16 & 0xFF));
        }
        16 => {
            if exact && !(-32768..=32767).contains(&d) {
                return Err(AsmError::at(
                    ops[0].off,
                    format!("branch target out of range for .w (displacement {d})"),
                ));
            }
            op(a, w);
            a.field(2, FieldKind::Branch16, &e);
            a.word(d as u16);
        }
        _ => {
            op(a, w | if kind == Disp::Bcc { 0xFF } else { 0x40 });
            a.field(2, FieldKind::Branch32, &e);
            a.long(d as u32);
        }
    }
    Ok(())
}

fn dbcc(a: &mut Asm<'_, '_>, c: u16, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 2)?;
    size_of(a, size, &[Sz::W])?;
    let n = dreg(a, &ops[0])?;
    let e = target(a, &ops[1])?;
    let d = displacement(&e, a.req.pc.wrapping_add(2))?;
    if e.v.known && e.v.hole.is_none() && !(-32768..=32767).contains(&d) {
        return Err(AsmError::at(
            ops[1].off,
            format!("branch target out of range for .w (displacement {d})"),
        ));
    }
    op(a, 0x50C8 | (c << 8) | n);
    a.field(2, FieldKind::Branch16, &e);
    a.word(d as u16);
    Ok(())
}

fn scc(a: &mut Asm<'_, '_>, c: u16, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    nops(a, ops, 1)?;
    size_of(a, size, &[Sz::B])?;
    op(a, 0x50C0 | (c << 8));
    let m = ea::ea(a, &ops[0], Sz::B, DALT)?;
    a.or_word(0, m);
    Ok(())
}

/// The optional operand of TRAPcc/FTRAPcc: returns whether it is long, after emitting
/// nothing; `None` when there is no operand.
pub fn trap_operand(
    a: &mut Asm<'_, '_>,
    size: Option<Sz>,
    ops: &[Opnd<'_>],
) -> Result<Option<(bool, Expr)>, AsmError> {
    match ops {
        [] => {
            size_of(a, size, &[])?;
            Ok(None)
        }
        [o] => {
            let sz = size_of(a, size, &[Sz::W, Sz::L])?;
            let e = imm_expr(a, o)?;
            let long = match size {
                Some(_) => sz == Sz::L,
                None => !(e.v.known && e.v.hole.is_none() && (-32768..=65535).contains(&e.v.value)),
            };
            Ok(Some((long, e)))
        }
        _ => Err(count_err(&a.mnem(), "0 or 1", ops.len())),
    }
}

fn trapcc(a: &mut Asm<'_, '_>, c: u16, size: Option<Sz>, ops: &[Opnd<'_>]) -> R {
    match trap_operand(a, size, ops)? {
        None => op(a, 0x50FC | (c << 8)),
        Some((false, e)) => {
            op(a, 0x50FA | (c << 8));
            a.put_word(&e, -32768, 65535, "trapcc operand")?;
        }
        Some((true, e)) => {
            op(a, 0x50FB | (c << 8));
            a.put_long(&e, "trapcc operand")?;
        }
    }
    Ok(())
}
