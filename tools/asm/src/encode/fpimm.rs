//! Floating-point immediates: decimal literals converted exactly (big-integer
//! arithmetic, one round-to-nearest-even) to single, double, 68881 extended and packed
//! decimal; integer expressions give the raw bit pattern, as GNU as does.
//!
//! GNU as drops the explicit integer bit of extended immediates; we write the real
//! 68882 extended format (sign+exponent word, zero word, 64-bit mantissa with the
//! integer bit).

use super::{Asm, Sz};
use crate::insn::AsmError;

/// A little big-unsigned: 32-bit limbs, least significant first.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(v: u64) -> Big {
        let mut b = Big(vec![v as u32, (v >> 32) as u32]);
        b.trim();
        b
    }
    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }
    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }
    fn mul_add_small(&mut self, m: u32, add: u32) {
        let mut carry = u64::from(add);
        for l in self.0.iter_mut() {
            let t = u64::from(*l) * u64::from(m) + carry;
            *l = t as u32;
            carry = t >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
        self.trim();
    }
    fn bitlen(&self) -> u64 {
        match self.0.last() {
            None => 0,
            Some(&top) => (self.0.len() as u64 - 1) * 32 + u64::from(32 - top.leading_zeros()),
        }
    }
    fn bit(&self, i: u64) -> bool {
        let limb = (i / 32) as usize;
        self.0.get(limb).is_some_and(|l| (l >> (i % 32)) & 1 == 1)
    }
    fn shl(&self, n: u64) -> Big {
        let limbs = (n / 32) as usize;
        let bits = (n % 32) as u32;
        let mut out = vec![0u32; limbs];
        let mut carry = 0u32;
        for &l in &self.0 {
            if bits == 0 {
                out.push(l);
            } else {
                out.push((l << bits) | carry);
                carry = l >> (32 - bits);
            }
        }
        if carry != 0 {
            out.push(carry);
        }
        let mut b = Big(out);
        b.trim();
        b
    }
    fn cmp(&self, o: &Big) -> std::cmp::Ordering {
        self.0.len().cmp(&o.0.len()).then_with(|| {
            for (a, b) in self.0.iter().rev().zip(o.0.iter().rev()) {
                if a != b {
                    return a.cmp(b);
                }
            }
            std::cmp::Ordering::Equal
        })
    }
    /// self -= o (requires self >= o).
    fn sub(&mut self, o: &Big) {
        let mut borrow = 0i64;
        for (i, l) in self.0.iter_mut().enumerate() {
            let t = i64::from(*l) - i64::from(o.0.get(i).copied().unwrap_or(0)) - borrow;
            if t < 0 {
                *l = (t + (1i64 << 32)) as u32;
                borrow = 1;
            } else {
                *l = t as u32;
                borrow = 0;
            }
        }
        self.trim();
    }
    /// The top `n` (<= 120) bits as an integer and whether any lower bit is set, plus
    /// the number of bits dropped.
    fn top(&self, n: u64) -> (u128, bool, u64) {
        let len = self.bitlen();
        let drop = len.saturating_sub(n);
        let mut v: u128 = 0;
        for i in (drop..len).rev() {
            v = (v << 1) | u128::from(self.bit(i));
        }
        let sticky = (0..drop).any(|i| self.bit(i));
        (v, sticky, drop)
    }
}

/// A parsed decimal literal: sign, digits (no leading zeros), value = digits × 10^exp.
struct Decimal {
    neg: bool,
    digits: Vec<u8>,
    exp: i64,
    /// Nonzero digits were cut off beyond `MAX_DIGITS` (the value is a bit larger).
    inexact: bool,
}

/// Digits kept: 60 decimal digits (~199 bits) decide any rounding to 64 bits except
/// exact ties, which `inexact` settles; it also bounds the big-integer work.
const MAX_DIGITS: usize = 60;

/// Parse `[+-]ddd[.ddd][e[+-]dd]`; None when the text is not such a literal or has
/// neither a point nor an exponent (then it is an integer expression).
fn parse_decimal(t: &str) -> Option<Decimal> {
    let t = t.trim();
    let (neg, body) = match t.as_bytes().first()? {
        b'-' => (true, t.get(1..)?),
        b'+' => (false, t.get(1..)?),
        _ => (false, t),
    };
    let (mant, ex) = match body.find(['e', 'E']) {
        Some(i) => (body.get(..i)?, Some(body.get(i + 1..)?)),
        None => (body, None),
    };
    if !mant.contains('.') && ex.is_none() {
        return None;
    }
    let (ip, fp) = mant.split_once('.').unwrap_or((mant, ""));
    if ip.is_empty() && fp.is_empty() {
        return None;
    }
    if !ip.bytes().chain(fp.bytes()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut exp: i64 = match ex {
        Some(e) => {
            let (eneg, ed) = match e.as_bytes().first()? {
                b'-' => (true, e.get(1..)?),
                b'+' => (false, e.get(1..)?),
                _ => (false, e),
            };
            if ed.is_empty() || ed.len() > 9 || !ed.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let v: i64 = ed.parse().ok()?;
            if eneg { -v } else { v }
        }
        None => 0,
    };
    exp -= fp.len() as i64;
    let mut digits: Vec<u8> = ip.bytes().chain(fp.bytes()).map(|c| c - b'0').collect();
    let lead = digits.iter().take_while(|&&c| c == 0).count();
    digits.drain(..lead);
    let mut inexact = false;
    if digits.len() > MAX_DIGITS {
        let cut = digits.len() - MAX_DIGITS;
        inexact = digits.iter().skip(MAX_DIGITS).any(|&c| c != 0);
        digits.truncate(MAX_DIGITS);
        exp = exp.saturating_add(cut as i64);
    }
    while digits.last() == Some(&0) {
        digits.pop();
        exp += 1;
    }
    Some(Decimal {
        neg,
        digits,
        exp,
        inexact,
    })
}

/// value = mant × 2^exp2 (+ a sticky fraction below it).
struct Binary {
    mant: u128,
    exp2: i64,
    sticky: bool,
}

enum Conv {
    Zero,
    Overflow,
    Val(Binary),
}

fn to_binary(d: &Decimal) -> Conv {
    if d.digits.is_empty() {
        return Conv::Zero;
    }
    let mag = d.exp + d.digits.len() as i64;
    if mag > 4940 {
        return Conv::Overflow;
    }
    if mag < -4960 {
        return Conv::Zero;
    }
    let mut n = Big(Vec::new());
    for &c in &d.digits {
        n.mul_add_small(10, u32::from(c));
    }
    if d.exp >= 0 {
        for _ in 0..d.exp {
            n.mul_add_small(10, 0);
        }
        let (m, s, dropped) = n.top(120);
        return Conv::Val(Binary {
            mant: m,
            exp2: dropped as i64,
            sticky: s || d.inexact,
        });
    }
    let mut den = Big::from_u64(1);
    for _ in 0..(-d.exp) {
        den.mul_add_small(10, 0);
    }
    // Scale so that the quotient has 68-69 bits: value = (num / den) × 2^exp2.
    let diff = 68 + den.bitlen() as i64 - n.bitlen() as i64;
    let (mut num, den) = if diff >= 0 {
        (n.shl(diff as u64), den)
    } else {
        (n, den.shl(diff.unsigned_abs()))
    };
    // Binary long division.
    let qbits = num.bitlen().saturating_sub(den.bitlen()) + 1;
    let mut q: u128 = 0;
    for i in (0..qbits).rev() {
        let sh = den.shl(i);
        if num.cmp(&sh) != std::cmp::Ordering::Less {
            num.sub(&sh);
            q |= 1u128 << i.min(127);
        }
    }
    Conv::Val(Binary {
        mant: q,
        exp2: -diff,
        sticky: !num.is_zero() || d.inexact,
    })
}

/// Round to `p` significant bits with minimum normal exponent `emin`.
/// Returns (significand, unbiased exponent of its top bit position p-1) or overflow.
fn round(b: &Binary, p: u32, emin: i64) -> (u128, i64) {
    let len = 128 - i64::from(b.mant.leading_zeros());
    let e = len - 1 + b.exp2;
    let lsb = e.max(emin) - (i64::from(p) - 1);
    let shift = lsb - b.exp2;
    let mut m;
    if shift <= 0 {
        m = if -shift >= 128 { 0 } else { b.mant << (-shift) };
    } else if shift > 127 {
        m = 0;
        // Everything is below half an ulp.
    } else {
        m = b.mant >> shift;
        let half = (b.mant >> (shift - 1)) & 1 == 1;
        let rest = (b.mant & ((1u128 << (shift - 1)) - 1)) != 0 || b.sticky;
        if half && (rest || m & 1 == 1) {
            m += 1;
        }
    }
    let mut top = lsb + i64::from(p) - 1;
    if m >> p != 0 {
        m >>= 1;
        top += 1;
    }
    (m, top)
}

/// Encode a decimal literal in format `sz`; Err(message) when out of range.
/// Returns None when `text` is not a floating-point literal.
pub fn float_literal(text: &str, sz: Sz) -> Option<Result<Vec<u8>, String>> {
    let d = parse_decimal(text)?;
    Some(encode_decimal(&d, sz))
}

fn encode_decimal(d: &Decimal, sz: Sz) -> Result<Vec<u8>, String> {
    if sz == Sz::P {
        return packed(d);
    }
    let (p, bias, emax): (u32, i64, i64) = match sz {
        Sz::S => (24, 127, 127),
        Sz::D => (53, 1023, 1023),
        Sz::X => (64, 16383, 16383),
        _ => {
            return Err(format!(
                "floating-point literal not allowed for {} operands",
                sz.letter()
            ));
        }
    };
    // Smallest exponent of a normalized number. The 68881/68882 extended format has an
    // explicit integer bit and gives biased exponent 0 the value 2^-16383 (denormals
    // have integer bit 0 there); single and double use 2^(1-bias) for biased 0.
    let emin = if sz == Sz::X { -bias } else { 1 - bias };
    let denorm_e = -bias;
    let range = || format!("value out of range for {} immediate", sz.letter());
    let (m, e) = match to_binary(d) {
        Conv::Zero => (0, denorm_e),
        Conv::Overflow => return Err(range()),
        Conv::Val(b) => {
            let (m, e) = round(&b, p, emin);
            if e > emax {
                return Err(range());
            }
            // Denormal (or zero after rounding): biased exponent 0.
            if m >> (p - 1) == 0 {
                (m, denorm_e)
            } else {
                (m, e)
            }
        }
    };
    let biased = (e + bias) as u64;
    let sign = u64::from(d.neg);
    Ok(match sz {
        Sz::S => {
            let frac = (m as u64) & ((1 << 23) - 1);
            ((sign << 31) | (biased << 23) | frac).to_be_bytes()[4..].to_vec()
        }
        Sz::D => {
            let frac = (m as u64) & ((1 << 52) - 1);
            ((sign << 63) | (biased << 52) | frac)
                .to_be_bytes()
                .to_vec()
        }
        _ => {
            let mut v = (((sign << 15) | biased) as u16).to_be_bytes().to_vec();
            v.extend_from_slice(&[0, 0]);
            v.extend_from_slice(&(m as u64).to_be_bytes());
            v
        }
    })
}

/// Packed decimal: 17 significant digits, 3-digit decimal exponent.
fn packed(d: &Decimal) -> Result<Vec<u8>, String> {
    let mut digits = d.digits.clone();
    if digits.is_empty() {
        let mut v = vec![0u8; 12];
        if d.neg {
            v[0] = 0x80;
        }
        return Ok(v);
    }
    // value = 0.d1d2... × 10^(exp+len) = d1.d2... × 10^(exp+len-1)
    let mut x = d.exp + digits.len() as i64 - 1;
    if digits.len() > 17 {
        let round_up = digits.get(17).is_some_and(|&c| c >= 5);
        digits.truncate(17);
        if round_up {
            let mut i = 17;
            loop {
                if i == 0 {
                    digits.insert(0, 1);
                    digits.truncate(17);
                    x += 1;
                    break;
                }
                i -= 1;
                if digits[i] == 9 {
                    digits[i] = 0;
                } else {
                    digits[i] += 1;
                    break;
                }
            }
        }
    }
    if !(-999..=999).contains(&x) {
        return Err("value out of range for .p immediate".to_string());
    }
    digits.resize(17, 0);
    let ex = x.unsigned_abs();
    let mut w0: u32 = (u32::from(d.neg) << 31) | (u32::from(x < 0) << 30);
    w0 |= (((ex / 100) as u32) << 24)
        | ((((ex / 10) % 10) as u32) << 20)
        | (((ex % 10) as u32) << 16);
    w0 |= u32::from(digits[0]);
    let mut frac: u64 = 0;
    for &c in &digits[1..17] {
        frac = (frac << 4) | u64::from(c);
    }
    let mut v = w0.to_be_bytes().to_vec();
    v.extend_from_slice(&frac.to_be_bytes());
    Ok(v)
}

/// Emit an FP immediate of size `sz` (`.s .d .x .p`).
pub fn put(a: &mut Asm<'_, '_>, t: &str, off: usize, sz: Sz) -> Result<(), AsmError> {
    if let Some(r) = float_literal(t, sz) {
        let bytes = r.map_err(|m| AsmError::at(off, m))?;
        a.bytes.extend_from_slice(&bytes);
        return Ok(());
    }
    // An integer expression: its raw bit pattern, right-aligned (GNU as does the same).
    let e = super::operand::eval_all(a.eval, t, off)?;
    if sz == Sz::S {
        return a.put_long(&e, ".s immediate");
    }
    if e.v.hole.is_some() {
        return Err(AsmError::at(
            off,
            "template hole cannot be used in a packed field",
        ));
    }
    let v = if e.v.known { e.v.value } else { 0 };
    let n = if sz == Sz::D { 8 } else { 12 };
    let fill = if v < 0 { 0xFF } else { 0 };
    for _ in 8..n {
        a.bytes.push(fill);
    }
    a.bytes.extend_from_slice(&v.to_be_bytes());
    Ok(())
}
