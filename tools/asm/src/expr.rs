//! Expressions: numbers (`123 $1F %1010 @17 'ab'`), symbols, `*`, template holes (`@name`)
//! and the C-like operators. Parses the longest expression prefix of a text and evaluates
//! it at once against an [`Env`]; all arithmetic wraps, division by zero is an error.
use crate::insn::{AsmError, Value};

/// What an expression needs from the assembler.
pub(crate) trait Env {
    /// The value of a symbol as written (`foo`, `.loop`, `1$`, `narg`). `at` is the
    /// operand-field offset of the name, for errors.
    fn symbol(&mut self, name: &str, at: usize) -> Result<Value, AsmError>;
    /// The placeholder value of template hole `@name`.
    fn hole(&mut self, name: &str, at: usize) -> Result<Value, AsmError>;
    /// The location counter (`*`): the address of the statement's first byte.
    fn location(&self) -> i64;
}

/// Parse and evaluate the longest expression prefix of `text`; `base` is the offset of
/// `text` in the operand field. Returns the value and the bytes consumed.
pub(crate) fn eval_prefix(
    text: &str,
    base: usize,
    env: &mut dyn Env,
) -> Result<(Value, usize), AsmError> {
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        pos: 0,
        base,
        env,
        depth: 0,
    };
    let v = p.expr(0)?;
    Ok((v, p.pos))
}

/// Parse a whole text as one expression; anything left over is an error.
pub(crate) fn eval_all(text: &str, base: usize, env: &mut dyn Env) -> Result<Value, AsmError> {
    let (v, n) = eval_prefix(text, base, env)?;
    let rest = &text[n..];
    let trimmed = rest.trim_start();
    if let Some(c) = trimmed.chars().next() {
        let at = base + n + (rest.len() - trimmed.len());
        return Err(AsmError::at(
            at,
            format!("unexpected `{c}` after expression"),
        ));
    }
    Ok(v)
}

/// True for characters that may start a symbol.
pub(crate) fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c == b'.'
}

/// True for characters that may continue a symbol.
pub(crate) fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'.'
}

/// Length of the symbol at the start of `s` (which starts with an identifier start), not
/// counting a trailing size suffix such as `.w` in `label.w`.
pub(crate) fn ident_len(s: &[u8]) -> usize {
    let mut n = 1;
    while n < s.len() && is_ident_char(s[n]) {
        // `label.w`, `label.l`: the suffix belongs to the addressing mode, not the name.
        if s[n] == b'.'
            && n + 1 < s.len()
            && matches!(s[n + 1].to_ascii_lowercase(), b'b' | b'w' | b'l' | b's')
            && (n + 2 >= s.len() || !is_ident_char(s[n + 2]))
        {
            break;
        }
        n += 1;
    }
    n
}

const MAX_DEPTH: usize = 200;

struct Parser<'a, 'e> {
    s: &'a [u8],
    text: &'a str,
    pos: usize,
    base: usize,
    env: &'e mut dyn Env,
    depth: usize,
}

#[derive(Clone, Copy)]
enum Op {
    LOr,
    LAnd,
    Or,
    Xor,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Shl,
    Shr,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

impl Op {
    fn prec(self) -> u8 {
        match self {
            Op::LOr => 1,
            Op::LAnd => 2,
            Op::Or => 3,
            Op::Xor => 4,
            Op::And => 5,
            Op::Eq | Op::Ne => 6,
            Op::Lt | Op::Le | Op::Gt | Op::Ge => 7,
            Op::Shl | Op::Shr => 8,
            Op::Add | Op::Sub => 9,
            Op::Mul | Op::Div | Op::Mod => 10,
        }
    }
}

impl Parser<'_, '_> {
    fn err(&self, at: usize, msg: impl Into<String>) -> AsmError {
        AsmError::at(self.base + at, msg)
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// The binary operator at the current position and its length, if any.
    fn binop(&self) -> Option<(Op, usize)> {
        let c = self.peek()?;
        let n = self.s.get(self.pos + 1).copied();
        Some(match (c, n) {
            (b'|', Some(b'|')) => (Op::LOr, 2),
            (b'&', Some(b'&')) => (Op::LAnd, 2),
            (b'<', Some(b'<')) => (Op::Shl, 2),
            (b'>', Some(b'>')) => (Op::Shr, 2),
            (b'<', Some(b'=')) => (Op::Le, 2),
            (b'>', Some(b'=')) => (Op::Ge, 2),
            (b'<', Some(b'>')) => (Op::Ne, 2),
            (b'!', Some(b'=')) => (Op::Ne, 2),
            (b'=', Some(b'=')) => (Op::Eq, 2),
            (b'=', _) => (Op::Eq, 1),
            (b'<', _) => (Op::Lt, 1),
            (b'>', _) => (Op::Gt, 1),
            (b'|', _) => (Op::Or, 1),
            (b'^', _) => (Op::Xor, 1),
            (b'&', _) => (Op::And, 1),
            (b'+', _) => (Op::Add, 1),
            (b'-', _) => (Op::Sub, 1),
            (b'*', _) => (Op::Mul, 1),
            (b'/', _) => (Op::Div, 1),
            (b'%', _) => (Op::Mod, 1),
            _ => return None,
        })
    }

    /// Precedence climbing. An operator not followed by an operand ends the prefix
    /// (so `(a0)+` style text after an expression is left to the caller).
    fn expr(&mut self, min_prec: u8) -> Result<Value, AsmError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err(self.pos, "expression nested too deeply"));
        }
        let mut lhs = self.unary()?;
        loop {
            let save = self.pos;
            self.skip_ws();
            let Some((op, len)) = self.binop() else {
                self.pos = save;
                break;
            };
            if op.prec() < min_prec {
                self.pos = save;
                break;
            }
            let op_at = self.pos;
            self.pos += len;
            self.skip_ws();
            if !self.starts_operand() {
                self.pos = save;
                break;
            }
            let rhs = self.expr(op.prec() + 1)?;
            lhs = self.apply(op, lhs, rhs, op_at)?;
        }
        self.depth -= 1;
        Ok(lhs)
    }

    fn starts_operand(&self) -> bool {
        match self.peek() {
            Some(c) => {
                c.is_ascii_alphanumeric()
                    || matches!(
                        c,
                        b'_' | b'.' | b'$' | b'%' | b'@' | b'\'' | b'"' | b'(' | b'-' | b'+'
                    )
                    || matches!(c, b'~' | b'!' | b'*')
            }
            None => false,
        }
    }

    fn apply(&self, op: Op, a: Value, b: Value, at: usize) -> Result<Value, AsmError> {
        if a.hole.is_some() || b.hole.is_some() {
            return Err(self.err(
                at,
                "a template hole must stand alone in its operand (no arithmetic)",
            ));
        }
        let known = a.known && b.known;
        let (x, y) = (a.value, b.value);
        let v = match op {
            Op::LOr => ((x != 0) || (y != 0)) as i64,
            Op::LAnd => ((x != 0) && (y != 0)) as i64,
            Op::Or => x | y,
            Op::Xor => x ^ y,
            Op::And => x & y,
            Op::Eq => (x == y) as i64,
            Op::Ne => (x != y) as i64,
            Op::Lt => (x < y) as i64,
            Op::Le => (x <= y) as i64,
            Op::Gt => (x > y) as i64,
            Op::Ge => (x >= y) as i64,
            Op::Shl => {
                if (0..64).contains(&y) {
                    x.wrapping_shl(y as u32)
                } else {
                    0
                }
            }
            Op::Shr => {
                if (0..64).contains(&y) {
                    x.wrapping_shr(y as u32)
                } else if x < 0 {
                    -1
                } else {
                    0
                }
            }
            Op::Add => x.wrapping_add(y),
            Op::Sub => x.wrapping_sub(y),
            Op::Mul => x.wrapping_mul(y),
            Op::Div | Op::Mod => {
                if y == 0 {
                    if known {
                        return Err(self.err(at, "division by zero"));
                    }
                    0
                } else if matches!(op, Op::Div) {
                    x.wrapping_div(y)
                } else {
                    x.wrapping_rem(y)
                }
            }
        };
        Ok(Value {
            value: if known { v } else { 0 },
            known,
            hole: None,
        })
    }

    fn unary(&mut self) -> Result<Value, AsmError> {
        self.skip_ws();
        let at = self.pos;
        let op = match self.peek() {
            Some(c @ (b'-' | b'+' | b'~' | b'!')) => c,
            _ => return self.primary(),
        };
        self.pos += 1;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err(at, "expression nested too deeply"));
        }
        let v = self.unary()?;
        self.depth -= 1;
        if v.hole.is_some() {
            if op == b'+' {
                return Ok(v);
            }
            return Err(self.err(
                at,
                "a template hole must stand alone in its operand (no arithmetic)",
            ));
        }
        let r = match op {
            b'-' => v.value.wrapping_neg(),
            b'~' => !v.value,
            b'!' => (v.value == 0) as i64,
            _ => v.value,
        };
        Ok(Value {
            value: if v.known { r } else { 0 },
            known: v.known,
            hole: None,
        })
    }

    fn primary(&mut self) -> Result<Value, AsmError> {
        self.skip_ws();
        let at = self.pos;
        let Some(c) = self.peek() else {
            return Err(self.err(at, "expected an expression"));
        };
        match c {
            b'(' => {
                self.pos += 1;
                let v = self.expr(0)?;
                self.skip_ws();
                if self.peek() != Some(b')') {
                    return Err(self.err(self.pos, "expected `)`"));
                }
                self.pos += 1;
                Ok(v)
            }
            b'*' => {
                self.pos += 1;
                Ok(Value::known(self.env.location()))
            }
            b'$' => self.radix(16, "hex"),
            b'%' => self.radix(2, "binary"),
            b'@' => {
                if matches!(self.s.get(at + 1), Some(c) if c.is_ascii_alphabetic() || *c == b'_') {
                    let n = ident_len(&self.s[at + 1..]);
                    let name = &self.text[at + 1..at + 1 + n];
                    self.pos = at + 1 + n;
                    self.env.hole(name, self.base + at)
                } else {
                    self.radix(8, "octal")
                }
            }
            b'\'' | b'"' => self.char_const(c),
            b'0'..=b'9' => self.decimal(),
            c if is_ident_start(c) => {
                let n = ident_len(&self.s[at..]);
                self.pos = at + n;
                let name = &self.text[at..at + n];
                self.env.symbol(name, self.base + at)
            }
            _ => Err(self.err(at, "expected an expression")),
        }
    }

    fn radix(&mut self, radix: u32, what: &str) -> Result<Value, AsmError> {
        let at = self.pos;
        self.pos += 1;
        let start = self.pos;
        let mut v: u64 = 0;
        while let Some(c) = self.peek() {
            let Some(d) = (c as char).to_digit(radix) else {
                break;
            };
            v = v
                .checked_mul(radix as u64)
                .and_then(|v| v.checked_add(d as u64))
                .ok_or_else(|| self.err(at, "number too large"))?;
            self.pos += 1;
        }
        if self.pos == start {
            return Err(self.err(at, format!("expected {what} digits")));
        }
        if matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == b'_') {
            return Err(self.err(self.pos, format!("invalid {what} digit")));
        }
        Ok(Value::known(v as i64))
    }

    fn decimal(&mut self) -> Result<Value, AsmError> {
        let at = self.pos;
        let mut end = at;
        while end < self.s.len() && self.s[end].is_ascii_digit() {
            end += 1;
        }
        // `1$`: a local label.
        if self.s.get(end) == Some(&b'$') {
            self.pos = end + 1;
            let name = &self.text[at..end + 1];
            return self.env.symbol(name, self.base + at);
        }
        // `0x1F`, a convenience.
        if end == at + 1
            && self.s[at] == b'0'
            && matches!(self.s.get(end), Some(b'x' | b'X'))
            && matches!(self.s.get(end + 1), Some(c) if c.is_ascii_hexdigit())
        {
            self.pos = at + 1;
            return self.radix(16, "hex");
        }
        let mut v: u64 = 0;
        for &c in &self.s[at..end] {
            v = v
                .checked_mul(10)
                .and_then(|v| v.checked_add((c - b'0') as u64))
                .ok_or_else(|| self.err(at, "number too large"))?;
        }
        self.pos = end;
        if matches!(self.peek(), Some(c) if c.is_ascii_alphabetic() || c == b'_') {
            return Err(self.err(self.pos, "invalid decimal digit"));
        }
        Ok(Value::known(v as i64))
    }

    fn char_const(&mut self, q: u8) -> Result<Value, AsmError> {
        let at = self.pos;
        let mut i = at + 1;
        let mut bytes = Vec::new();
        loop {
            match self.s.get(i) {
                None => return Err(self.err(at, "unterminated character constant")),
                Some(&c) if c == q => {
                    if self.s.get(i + 1) == Some(&q) {
                        bytes.push(q);
                        i += 2;
                    } else {
                        i += 1;
                        break;
                    }
                }
                Some(&c) => {
                    bytes.push(c);
                    i += 1;
                }
            }
        }
        self.pos = i;
        if bytes.is_empty() {
            return Err(self.err(at, "empty character constant"));
        }
        if bytes.len() > 4 {
            return Err(self.err(at, "character constant longer than 4 bytes"));
        }
        let v = bytes.iter().fold(0i64, |acc, &b| (acc << 8) | b as i64);
        Ok(Value::known(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct E;
    impl Env for E {
        fn symbol(&mut self, name: &str, at: usize) -> Result<Value, AsmError> {
            match name {
                "foo" => Ok(Value::known(10)),
                "fwd" => Ok(Value {
                    value: 0,
                    known: false,
                    hole: None,
                }),
                _ => Err(AsmError::at(at, format!("undefined symbol `{name}`"))),
            }
        }
        fn hole(&mut self, _: &str, _: usize) -> Result<Value, AsmError> {
            Ok(Value {
                value: 0,
                known: true,
                hole: Some(7),
            })
        }
        fn location(&self) -> i64 {
            0x100
        }
    }

    fn ev(s: &str) -> Result<(i64, usize), String> {
        eval_prefix(s, 0, &mut E)
            .map(|(v, n)| (v.value, n))
            .map_err(|e| format!("{}: {}", e.offset, e.message))
    }

    #[test]
    fn numbers_and_operators() {
        assert_eq!(ev("123"), Ok((123, 3)));
        assert_eq!(ev("$1F"), Ok((31, 3)));
        assert_eq!(ev("%1010"), Ok((10, 5)));
        assert_eq!(ev("@17"), Ok((15, 3)));
        assert_eq!(ev("'ab'"), Ok((0x6162, 4)));
        assert_eq!(ev("'it''s'").unwrap().0, 0x6974_2773);
        assert_eq!(ev("1+2*3"), Ok((7, 5)));
        assert_eq!(ev("(1+2)*3"), Ok((9, 7)));
        assert_eq!(ev("1<<4|1"), Ok((17, 6)));
        assert_eq!(ev("-foo"), Ok((-10, 4)));
        assert_eq!(ev("~0&$FF"), Ok((255, 6)));
        assert_eq!(ev("*+2"), Ok((0x102, 3)));
        assert_eq!(ev("**2"), Ok((0x200, 3)));
        assert_eq!(ev("10%3"), Ok((1, 4)));
        assert_eq!(ev("7-2-1"), Ok((4, 5)));
        assert_eq!(ev("!0"), Ok((1, 2)));
        assert_eq!(ev("5^1"), Ok((4, 3)));
    }

    #[test]
    fn prefixes() {
        assert_eq!(ev("8(a0)"), Ok((8, 1)));
        assert_eq!(ev("foo(pc)"), Ok((10, 3)));
        assert_eq!(ev("$1234.w"), Ok((0x1234, 5)));
        assert_eq!(ev("4,d0"), Ok((4, 1)));
        assert_eq!(ev("4+"), Ok((4, 1)));
    }

    #[test]
    fn errors() {
        assert_eq!(ev("1/0"), Err("1: division by zero".into()));
        assert_eq!(ev("1+bar"), Err("2: undefined symbol `bar`".into()));
        assert_eq!(ev("$"), Err("0: expected hex digits".into()));
        assert_eq!(ev("12ab"), Err("2: invalid decimal digit".into()));
        assert!(ev("99999999999999999999999").is_err());
        assert!(ev(&"(".repeat(10000)).is_err());
        assert!(ev(&"-".repeat(10000)).is_err());
        assert_eq!(ev("fwd/0"), Ok((0, 5)));
    }
}
