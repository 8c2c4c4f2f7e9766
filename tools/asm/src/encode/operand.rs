//! Operand parsing: turns the text of one operand into an [`Operand`].
//!
//! Owns the addressing-mode syntax (register names, `(d,An,Xn*s)`, `([bd,An],Xn,od)`,
//! register lists, pairs, bit-field and k-factor braces). Every expression met on the
//! way is parsed and evaluated by the statement layer through [`ExprEval`]; register
//! names are recognised here first, so they are reserved words.

use crate::insn::{AsmError, ExprEval, Value};

/// An evaluated expression and where its text starts in the operand field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expr {
    pub v: Value,
    pub off: usize,
}

/// MMU registers of the 68030.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mmu {
    Tc,
    Srp,
    Crp,
    Tt0,
    Tt1,
    Mmusr,
}

/// A register name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reg {
    D(u8),
    A(u8),
    Fp(u8),
    Pc,
    Zpc,
    Sr,
    Ccr,
    /// A `movec` control register by its 12-bit code (`usp` = $800, `sfc` = 0, `dfc` = 1).
    Ctrl(u16),
    /// FPU control registers as their `fmovem` mask bit: fpcr 4, fpsr 2, fpiar 1.
    FpCtl(u8),
    Mmu(Mmu),
}

pub const USP: u16 = 0x800;

/// Look a register name up (case-insensitive).
pub fn reg_name(s: &str) -> Option<Reg> {
    let l = s.to_ascii_lowercase();
    let b = l.as_bytes();
    if b.len() == 2 && (b'0'..=b'7').contains(&b[1]) {
        let n = b[1] - b'0';
        match b[0] {
            b'd' => return Some(Reg::D(n)),
            b'a' => return Some(Reg::A(n)),
            _ => {}
        }
    }
    if b.len() == 3 && b[0] == b'f' && b[1] == b'p' && (b'0'..=b'7').contains(&b[2]) {
        return Some(Reg::Fp(b[2] - b'0'));
    }
    Some(match l.as_str() {
        "sp" => Reg::A(7),
        "pc" => Reg::Pc,
        "zpc" => Reg::Zpc,
        "sr" => Reg::Sr,
        "ccr" => Reg::Ccr,
        "sfc" => Reg::Ctrl(0x000),
        "dfc" => Reg::Ctrl(0x001),
        "cacr" => Reg::Ctrl(0x002),
        "usp" => Reg::Ctrl(USP),
        "vbr" => Reg::Ctrl(0x801),
        "caar" => Reg::Ctrl(0x802),
        "msp" => Reg::Ctrl(0x803),
        "isp" => Reg::Ctrl(0x804),
        "fpcr" => Reg::FpCtl(4),
        "fpsr" => Reg::FpCtl(2),
        "fpiar" | "fpi" => Reg::FpCtl(1),
        "tc" => Reg::Mmu(Mmu::Tc),
        "srp" => Reg::Mmu(Mmu::Srp),
        "crp" => Reg::Mmu(Mmu::Crp),
        "tt0" => Reg::Mmu(Mmu::Tt0),
        "tt1" => Reg::Mmu(Mmu::Tt1),
        "mmusr" | "psr" => Reg::Mmu(Mmu::Mmusr),
        _ => return None,
    })
}

/// An index register: `reg` 0-7 data, 8-15 address; `scale` is the 2-bit field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Index {
    pub reg: u8,
    pub long: bool,
    pub scale: u8,
}

/// The base register of a displacement/index form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    A(u8),
    Pc,
    /// `zpc`: PC mode with the base suppressed.
    Zpc,
    /// No base register written.
    None,
}

/// Memory-indirect part of a full-format operand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemInd {
    /// The index register is written after the brackets (postindexed).
    pub post: bool,
    pub od: Option<Expr>,
}

/// Every form with a displacement, an index or memory indirection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mem {
    pub base: Base,
    pub bd: Option<Expr>,
    pub index: Option<Index>,
    pub mi: Option<MemInd>,
}

/// Requested size of an absolute address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbsSize {
    Auto,
    W,
    L,
}

/// A bit-field offset/width or k-factor: a data register or an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BfArg {
    D(u8),
    Imm(Expr),
}

/// One parsed operand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operand<'a> {
    Reg(Reg),
    Ind(u8),
    PostInc(u8),
    PreDec(u8),
    Mem(Mem),
    Abs(Expr, AbsSize),
    /// `#...`: the text after `#` and its offset; evaluated by the user, which knows
    /// whether it is an integer or a floating-point literal.
    Imm(&'a str, usize),
    /// movem mask: bit n = dn, bit 8+n = an.
    RegList(u16),
    /// bit n = fpn.
    FpList(u8),
    /// fpcr 4 | fpsr 2 | fpiar 1.
    FpCtlList(u8),
    Pair(Reg, Reg),
    IndPair(Reg, Reg),
    BitField(Box<Operand<'a>>, BfArg, BfArg),
    KFactor(Box<Operand<'a>>, BfArg),
}

impl Operand<'_> {
    /// A short name of the addressing mode, for error messages.
    pub fn mode_name(&self) -> &'static str {
        match self {
            Operand::Reg(Reg::D(_)) => "Dn",
            Operand::Reg(Reg::A(_)) => "An",
            Operand::Reg(Reg::Fp(_)) => "FPn",
            Operand::Reg(Reg::Sr) => "SR",
            Operand::Reg(Reg::Ccr) => "CCR",
            Operand::Reg(Reg::Ctrl(USP)) => "USP",
            Operand::Reg(Reg::Ctrl(_)) => "control register",
            Operand::Reg(Reg::FpCtl(_)) => "FPU control register",
            Operand::Reg(Reg::Mmu(_)) => "MMU register",
            Operand::Reg(_) => "PC",
            Operand::Ind(_) => "(An)",
            Operand::PostInc(_) => "(An)+",
            Operand::PreDec(_) => "-(An)",
            Operand::Mem(m) => match (m.base, m.index, m.mi) {
                (_, _, Some(_)) => "memory indirect",
                (Base::Pc | Base::Zpc, None, None) => "(d16,PC)",
                (Base::Pc | Base::Zpc, Some(_), None) => "(d8,PC,Xn)",
                (_, None, None) => "(d16,An)",
                _ => "(d8,An,Xn)",
            },
            Operand::Abs(..) => "absolute",
            Operand::Imm(..) => "#imm",
            Operand::RegList(_) => "register list",
            Operand::FpList(_) => "FP register list",
            Operand::FpCtlList(_) => "FPU control register list",
            Operand::Pair(..) => "register pair",
            Operand::IndPair(..) => "(Rn):(Rn)",
            Operand::BitField(..) => "bit field",
            Operand::KFactor(..) => "k-factor",
        }
    }
}

/// Split the operand field at top-level commas. Returns each operand trimmed, with the
/// offset of its first character.
pub fn split_operands(text: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    if text.trim().is_empty() {
        return out;
    }
    let mut depth: i32 = 0;
    let mut start = 0;
    let mut quote: Option<u8> = None;
    for (i, &c) in text.as_bytes().iter().enumerate() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            b'\'' | b'"' => quote = Some(c),
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            b',' if depth == 0 => {
                out.push(trim_at(text, start, i));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(trim_at(text, start, text.len()));
    out
}

/// `text[a..b]` trimmed, with the offset of its first character.
fn trim_at(text: &str, a: usize, b: usize) -> (&str, usize) {
    let s = text.get(a..b).unwrap_or("");
    let lead = s.len() - s.trim_start().len();
    (s.trim(), a + lead)
}

/// Split `text` at top-level occurrences of `sep` (outside (), [], {} and quotes).
fn split_top(text: &str, sep: u8) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut depth: i32 = 0;
    let mut start = 0;
    let mut quote: Option<u8> = None;
    for (i, &c) in text.as_bytes().iter().enumerate() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            b'\'' | b'"' => quote = Some(c),
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            _ if c == sep && depth == 0 => {
                out.push(trim_at(text, start, i));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(trim_at(text, start, text.len()));
    out
}

/// Index of the bracket opening the one that closes at `close` (scanning backwards).
fn matching_open(text: &str, close: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0i32;
    let mut i = close + 1;
    while i > 0 {
        i -= 1;
        match b.get(i)? {
            b')' | b']' | b'}' => depth += 1,
            b'(' | b'[' | b'{' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Index of the bracket closing the one that opens at `open`.
fn matching_close(text: &str, open: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0i32;
    let mut quote: Option<u8> = None;
    for (i, &c) in b.iter().enumerate().skip(open) {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            b'\'' | b'"' => quote = Some(c),
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Evaluate `text` as one whole expression.
pub fn eval_all(eval: &mut dyn ExprEval, text: &str, off: usize) -> Result<Expr, AsmError> {
    let t = text.trim();
    let off = off + (text.len() - text.trim_start().len());
    if t.is_empty() {
        return Err(AsmError::at(off, "missing expression"));
    }
    if let Some(r) = reg_name(t) {
        let _ = r;
        return Err(AsmError::at(
            off,
            format!("register `{t}` not allowed here"),
        ));
    }
    let (v, used) = eval.eval_prefix(t, off)?;
    if used < t.len() {
        let rest = t.get(used..).unwrap_or("");
        return Err(AsmError::at(
            off + used,
            format!("unexpected `{rest}` after expression"),
        ));
    }
    Ok(Expr { v, off })
}

fn strip_suffix_ci<'t>(s: &'t str, suf: &str) -> Option<&'t str> {
    if s.len() >= suf.len() && s.is_char_boundary(s.len() - suf.len()) {
        let (a, b) = s.split_at(s.len() - suf.len());
        if b.eq_ignore_ascii_case(suf) {
            return Some(a);
        }
    }
    None
}

/// Parse a register list (`d0-d3/a0/a6`, `fp0-fp3/fp7`, `fpcr/fpsr`), or None.
fn reg_list(t: &str) -> Option<Operand<'static>> {
    let mut mask: u16 = 0;
    let mut fmask: u8 = 0;
    let mut cmask: u8 = 0;
    for item in t.split('/') {
        let item = item.trim();
        let (a, b) = match item.split_once('-') {
            Some((a, b)) => (reg_name(a.trim())?, Some(reg_name(b.trim())?)),
            None => (reg_name(item)?, None),
        };
        let num = |r: Reg| match r {
            Reg::D(n) => Some((0u8, n)),
            Reg::A(n) => Some((0u8, n + 8)),
            Reg::Fp(n) => Some((1u8, n)),
            Reg::FpCtl(n) => Some((2u8, n)),
            _ => None,
        };
        let (ka, na) = num(a)?;
        let (kb, nb) = match b {
            Some(b) => num(b)?,
            None => (ka, na),
        };
        if ka != kb || nb < na || (ka == 2 && b.is_some()) {
            return None;
        }
        for n in na..=nb {
            match ka {
                0 => mask |= 1 << n,
                1 => fmask |= 1 << n,
                _ => cmask |= n,
            }
        }
    }
    let kinds = (mask != 0) as u8 + (fmask != 0) as u8 + (cmask != 0) as u8;
    if kinds != 1 {
        return None;
    }
    Some(if mask != 0 {
        Operand::RegList(mask)
    } else if fmask != 0 {
        Operand::FpList(fmask)
    } else {
        Operand::FpCtlList(cmask)
    })
}

/// One item inside parentheses: a register (maybe with size/scale) or an expression.
enum Item<'a> {
    Bracket(&'a str, usize),
    Base(Base),
    /// A register with its size/scale; `plain` when neither was written.
    Idx(Index, bool),
    Expr(&'a str, usize),
}

fn parse_index(t: &str) -> Option<(Index, bool)> {
    let (name, scale) = match t.split_once('*') {
        Some((n, s)) => {
            let sc = match s.trim() {
                "1" => 0,
                "2" => 1,
                "4" => 2,
                "8" => 3,
                _ => return None,
            };
            (n.trim(), Some(sc))
        }
        None => (t, None),
    };
    let (name, long) = if let Some(n) = strip_suffix_ci(name, ".w") {
        (n, Some(false))
    } else if let Some(n) = strip_suffix_ci(name, ".l") {
        (n, Some(true))
    } else {
        (name, None)
    };
    let reg = match reg_name(name.trim())? {
        Reg::D(n) => n,
        Reg::A(n) => n + 8,
        _ => return None,
    };
    let plain = scale.is_none() && long.is_none();
    // GNU as defaults an index without size to .l; we follow it.
    Some((
        Index {
            reg,
            long: long.unwrap_or(true),
            scale: scale.unwrap_or(0),
        },
        plain,
    ))
}

fn classify(t: &str, off: usize) -> Item<'_> {
    if t.starts_with('[') && t.ends_with(']') && t.len() >= 2 {
        return Item::Bracket(t.get(1..t.len() - 1).unwrap_or(""), off + 1);
    }
    match reg_name(t) {
        Some(Reg::Pc) => return Item::Base(Base::Pc),
        Some(Reg::Zpc) => return Item::Base(Base::Zpc),
        _ => {}
    }
    if let Some((ix, plain)) = parse_index(t) {
        return Item::Idx(ix, plain);
    }
    Item::Expr(t, off)
}

/// Fill base/bd/index from a list of items; `allow_base` false for items after `[...]`.
struct Acc<'a> {
    base: Option<Base>,
    exprs: Vec<(&'a str, usize)>,
    index: Option<Index>,
}

fn take_items<'a>(
    items: &[(&'a str, usize)],
    acc: &mut Acc<'a>,
    allow_base: bool,
) -> Result<(), AsmError> {
    for &(t, off) in items {
        match classify(t, off) {
            Item::Bracket(..) => return Err(AsmError::at(off, "nested brackets not allowed")),
            Item::Base(b) => {
                if !allow_base || acc.base.is_some() {
                    return Err(AsmError::at(off, "misplaced PC base register"));
                }
                acc.base = Some(b);
            }
            Item::Idx(ix, plain) => {
                if allow_base && plain && ix.reg >= 8 && acc.base.is_none() {
                    acc.base = Some(Base::A(ix.reg - 8));
                } else if acc.index.is_some() {
                    return Err(AsmError::at(off, "more than one index register"));
                } else {
                    acc.index = Some(ix);
                }
            }
            Item::Expr(t, off) => acc.exprs.push((t, off)),
        }
    }
    Ok(())
}

/// Parse the inside of `( ... )` given an optional outer displacement (old syntax).
fn parse_paren<'a>(
    inner: &'a str,
    ioff: usize,
    outer: Option<(&'a str, usize)>,
    eval: &mut dyn ExprEval,
) -> Result<Option<Operand<'a>>, AsmError> {
    let items = split_top(inner, b',');
    let has_reg = items
        .iter()
        .any(|&(t, o)| !matches!(classify(t, o), Item::Expr(..)));
    if !has_reg {
        return Ok(None);
    }
    let bracket: Vec<usize> = items
        .iter()
        .enumerate()
        .filter(|(_, (t, o))| matches!(classify(t, *o), Item::Bracket(..)))
        .map(|(i, _)| i)
        .collect();
    if bracket.len() > 1 {
        return Err(AsmError::at(ioff, "more than one [ ] group"));
    }
    if let Some(&bi) = bracket.first() {
        if outer.is_some() {
            return Err(AsmError::at(ioff, "displacement outside ([ ]) not allowed"));
        }
        let (bt, boff) = items.get(bi).copied().unwrap_or(("", ioff));
        let (btext, bo) = match classify(bt, boff) {
            Item::Bracket(t, o) => (t, o),
            _ => ("", boff),
        };
        let mut pre = Acc {
            base: None,
            exprs: Vec::new(),
            index: None,
        };
        take_items(&split_top(btext, b','), &mut pre, true)?;
        let rest: Vec<(&str, usize)> = items
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != bi)
            .map(|(_, x)| *x)
            .collect();
        let mut post = Acc {
            base: pre.base,
            exprs: Vec::new(),
            index: None,
        };
        take_items(&rest, &mut post, false)?;
        if pre.exprs.len() > 1 {
            return Err(AsmError::at(bo, "more than one base displacement"));
        }
        if post.exprs.len() > 1 {
            return Err(AsmError::at(ioff, "more than one outer displacement"));
        }
        if pre.index.is_some() && post.index.is_some() {
            return Err(AsmError::at(
                ioff,
                "index register both inside and outside [ ]",
            ));
        }
        let bd = match pre.exprs.first() {
            Some(&(t, o)) => Some(eval_all(eval, t, o)?),
            None => None,
        };
        let od = match post.exprs.first() {
            Some(&(t, o)) => Some(eval_all(eval, t, o)?),
            None => None,
        };
        return Ok(Some(Operand::Mem(Mem {
            base: pre.base.unwrap_or(Base::None),
            bd,
            index: pre.index.or(post.index),
            mi: Some(MemInd {
                post: post.index.is_some(),
                od,
            }),
        })));
    }
    let mut acc = Acc {
        base: None,
        exprs: Vec::new(),
        index: None,
    };
    take_items(&items, &mut acc, true)?;
    if let Some(o) = outer {
        acc.exprs.insert(0, o);
    }
    if acc.exprs.len() > 1 {
        let o = acc.exprs.get(1).map(|x| x.1).unwrap_or(ioff);
        return Err(AsmError::at(o, "more than one displacement"));
    }
    let base = acc.base.unwrap_or(Base::None);
    if let (Base::A(n), None, true) = (base, acc.index, acc.exprs.is_empty()) {
        return Ok(Some(Operand::Ind(n)));
    }
    let bd = match acc.exprs.first() {
        Some(&(t, o)) => Some(eval_all(eval, t, o)?),
        None => None,
    };
    if base == Base::None && acc.index.is_none() {
        // `(expr)` with no register is an absolute address; not reached (has_reg).
        return Err(AsmError::at(ioff, "missing base or index register"));
    }
    Ok(Some(Operand::Mem(Mem {
        base,
        bd,
        index: acc.index,
        mi: None,
    })))
}

fn parse_bf_arg(t: &str, off: usize, eval: &mut dyn ExprEval) -> Result<BfArg, AsmError> {
    let t2 = t.trim();
    if let Some(Reg::D(n)) = reg_name(t2) {
        return Ok(BfArg::D(n));
    }
    if let Some(r) = reg_name(t2) {
        let _ = r;
        return Err(AsmError::at(
            off,
            format!("register `{t2}` not allowed here (need Dn or a number)"),
        ));
    }
    let (t3, o3) = match t2.strip_prefix('#') {
        Some(r) => (r, off + 1),
        None => (t2, off),
    };
    Ok(BfArg::Imm(eval_all(eval, t3, o3)?))
}

/// Parse one operand (already split off and trimmed; `off` is its offset in the field).
pub fn parse<'a>(
    text: &'a str,
    off: usize,
    eval: &mut dyn ExprEval,
) -> Result<Operand<'a>, AsmError> {
    let t = text.trim();
    let off = off + (text.len() - text.trim_start().len());
    if t.is_empty() {
        return Err(AsmError::at(off, "missing operand"));
    }
    if let Some(rest) = t.strip_prefix('#') {
        return Ok(Operand::Imm(rest, off + 1));
    }
    // Bit-field `{o:w}` or k-factor `{k}` suffix.
    if t.ends_with('}') {
        let close = t.len() - 1;
        let open = matching_open(t, close).ok_or_else(|| AsmError::at(off, "unbalanced `{`"))?;
        let ea_text = t.get(..open).unwrap_or("");
        let inner = t.get(open + 1..close).unwrap_or("");
        let ioff = off + open + 1;
        if ea_text.trim_end().ends_with('}') {
            return Err(AsmError::at(off + open, "only one {...} group allowed"));
        }
        let ea = parse(ea_text, off, eval)?;
        let parts = split_top(inner, b':');
        return match parts.as_slice() {
            [(o, oo), (w, wo)] => Ok(Operand::BitField(
                Box::new(ea),
                parse_bf_arg(o, ioff + oo, eval)?,
                parse_bf_arg(w, ioff + wo, eval)?,
            )),
            [(k, ko)] => Ok(Operand::KFactor(
                Box::new(ea),
                parse_bf_arg(k, ioff + ko, eval)?,
            )),
            _ => Err(AsmError::at(ioff, "expected {offset:width} or {k-factor}")),
        };
    }
    if let Some(r) = reg_name(t) {
        return Ok(Operand::Reg(r));
    }
    let first = t.as_bytes().first().copied().unwrap_or(b' ');
    if first.is_ascii_alphabetic()
        && (t.contains('/') || t.contains('-'))
        && let Some(l) = reg_list(t)
    {
        return Ok(l);
    }
    // Pairs `d0:d1`, `fp0:fp1`, `(a0):(d1)`.
    let parts = split_top(t, b':');
    if let [(a, _), (b, _)] = parts.as_slice() {
        if let (Some(ra), Some(rb)) = (reg_name(a), reg_name(b)) {
            return Ok(Operand::Pair(ra, rb));
        }
        let unparen = |s: &str| {
            s.strip_prefix('(')
                .and_then(|s| s.strip_suffix(')'))
                .map(str::trim)
                .and_then(reg_name)
        };
        if let (Some(ra), Some(rb)) = (unparen(a), unparen(b)) {
            return Ok(Operand::IndPair(ra, rb));
        }
    }
    if let Some(inner) = t.strip_prefix("-(").and_then(|s| s.strip_suffix(')'))
        && let Some(Reg::A(n)) = reg_name(inner.trim())
    {
        return Ok(Operand::PreDec(n));
    }
    if let Some(inner) = t.strip_prefix('(').and_then(|s| s.strip_suffix(")+"))
        && let Some(Reg::A(n)) = reg_name(inner.trim())
    {
        return Ok(Operand::PostInc(n));
    }
    // Forms ending in `)`, optionally `(xxx).w` / `(xxx).l`.
    let (body, size) = if let Some(b) = strip_suffix_ci(t, ").w") {
        (b.len() + 1, AbsSize::W)
    } else if let Some(b) = strip_suffix_ci(t, ").l") {
        (b.len() + 1, AbsSize::L)
    } else {
        (t.len(), AbsSize::Auto)
    };
    if body > 0 && t.as_bytes().get(body - 1) == Some(&b')') {
        let close = body - 1;
        if let Some(open) = matching_open(t, close) {
            let inner = t.get(open + 1..close).unwrap_or("");
            let prefix = t.get(..open).unwrap_or("").trim();
            let outer = if prefix.is_empty() {
                None
            } else {
                Some((prefix, off))
            };
            if let Some(op) = parse_paren(inner, off + open + 1, outer, eval)? {
                if size != AbsSize::Auto {
                    return Err(AsmError::at(
                        off + body,
                        "size suffix not allowed after a register form",
                    ));
                }
                return Ok(op);
            }
            if size != AbsSize::Auto && open == 0 {
                return Ok(Operand::Abs(eval_all(eval, inner, off + 1)?, size));
            }
        }
    }
    if t.starts_with('[') && matching_close(t, 0).is_some_and(|c| c + 1 == t.len()) {
        return Err(AsmError::at(
            off,
            "memory indirect operand needs parentheses: ([...])",
        ));
    }
    // A bare expression, maybe with `.w`/`.l`.
    let (v, used) = eval.eval_prefix(t, off)?;
    let rest = t.get(used..).unwrap_or("").trim();
    let e = Expr { v, off };
    if rest.is_empty() {
        Ok(Operand::Abs(e, AbsSize::Auto))
    } else if rest.eq_ignore_ascii_case(".w") {
        Ok(Operand::Abs(e, AbsSize::W))
    } else if rest.eq_ignore_ascii_case(".l") {
        Ok(Operand::Abs(e, AbsSize::L))
    } else {
        Err(AsmError::at(
            off + used,
            format!("unexpected `{rest}` in operand"),
        ))
    }
}
