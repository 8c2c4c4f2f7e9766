//! Unit tests: operand parsing, tricky encodings, holes and unknown values, errors, and
//! property tests that no input makes `encode` panic.

use super::encode;
use super::operand::{self, AbsSize, Base, BfArg, Operand, Reg};
use crate::insn::{AsmError, ExprEval, Field, FieldKind, InsnRequest, SizeSuffix, Value};
use proptest::prelude::*;

/// Numbers, `$hex`, `*` (pc), `+`, `-`, unary minus, `(...)`; `fwd` is an undefined
/// (unknown) symbol, `@name` a template hole (id 3, value 0), any other name is $1000.
struct Ev {
    pc: u32,
}

impl Ev {
    fn term(&self, b: &[u8], i: &mut usize) -> Result<Value, AsmError> {
        while b.get(*i) == Some(&b' ') {
            *i += 1;
        }
        match b.get(*i) {
            Some(b'-') => {
                *i += 1;
                let v = self.term(b, i)?;
                Ok(Value {
                    value: v.value.wrapping_neg(),
                    ..v
                })
            }
            Some(b'(') => {
                *i += 1;
                let v = self.sum(b, i)?;
                if b.get(*i) != Some(&b')') {
                    return Err(AsmError::at(*i, "expected )"));
                }
                *i += 1;
                Ok(v)
            }
            Some(b'*') => {
                *i += 1;
                Ok(Value::known(i64::from(self.pc)))
            }
            Some(b'$') => {
                *i += 1;
                let s = *i;
                let mut v: i64 = 0;
                while let Some(d) = b.get(*i).and_then(|c| (*c as char).to_digit(16)) {
                    v = v.wrapping_mul(16).wrapping_add(i64::from(d));
                    *i += 1;
                }
                if *i == s {
                    return Err(AsmError::at(s, "bad hex"));
                }
                Ok(Value::known(v))
            }
            Some(c) if c.is_ascii_digit() => {
                let mut v: i64 = 0;
                while let Some(d) = b.get(*i).filter(|c| c.is_ascii_digit()) {
                    v = v.wrapping_mul(10).wrapping_add(i64::from(d - b'0'));
                    *i += 1;
                }
                Ok(Value::known(v))
            }
            Some(c) if c.is_ascii_alphabetic() || *c == b'_' || *c == b'@' => {
                let s = *i;
                *i += 1;
                while b
                    .get(*i)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
                {
                    *i += 1;
                }
                let name = &b[s..*i];
                Ok(if name.first() == Some(&b'@') {
                    Value {
                        value: 0,
                        known: true,
                        hole: Some(3),
                    }
                } else if name == b"fwd" {
                    Value {
                        value: 0,
                        known: false,
                        hole: None,
                    }
                } else {
                    Value::known(0x1000)
                })
            }
            _ => Err(AsmError::at(*i, "expression expected")),
        }
    }
    fn sum(&self, b: &[u8], i: &mut usize) -> Result<Value, AsmError> {
        let mut v = self.term(b, i)?;
        loop {
            let save = *i;
            while b.get(*i) == Some(&b' ') {
                *i += 1;
            }
            let neg = match b.get(*i) {
                Some(b'+') => false,
                Some(b'-') => true,
                _ => {
                    *i = save;
                    return Ok(v);
                }
            };
            *i += 1;
            let t = self.term(b, i)?;
            v = Value {
                value: if neg {
                    v.value.wrapping_sub(t.value)
                } else {
                    v.value.wrapping_add(t.value)
                },
                known: v.known && t.known,
                hole: v.hole.or(t.hole),
            };
        }
    }
}

impl ExprEval for Ev {
    fn eval_prefix(&mut self, text: &str, offset: usize) -> Result<(Value, usize), AsmError> {
        let mut i = 0;
        let v = self
            .sum(text.as_bytes(), &mut i)
            .map_err(|e| AsmError::at(e.offset + offset, e.message))?;
        Ok((v, i))
    }
}

fn split(line: &str) -> (String, Option<SizeSuffix>, String) {
    let (m, ops) = line.split_once(' ').unwrap_or((line, ""));
    let (n, s) = match m.rsplit_once('.') {
        Some((n, s)) => (
            n,
            Some(match s {
                "b" => SizeSuffix::Byte,
                "w" => SizeSuffix::Word,
                "l" => SizeSuffix::Long,
                "s" => SizeSuffix::Short,
                "d" => SizeSuffix::Double,
                "x" => SizeSuffix::Extended,
                _ => SizeSuffix::Packed,
            }),
        ),
        None => (m, None),
    };
    (n.to_string(), s, ops.trim().to_string())
}

fn enc_at(line: &str, pc: u32) -> Result<crate::insn::Encoded, Vec<AsmError>> {
    let (n, s, o) = split(line);
    let req = InsnRequest {
        mnemonic: &n,
        size: s,
        operands: &o,
        pc,
        final_pass: true,
        min_len: 0,
    };
    encode(&req, &mut Ev { pc })
}

fn bytes(line: &str) -> Vec<u8> {
    match enc_at(line, 0x1000) {
        Ok(e) => e.bytes,
        Err(e) => panic!("`{line}`: {e:?}"),
    }
}

fn words(line: &str) -> String {
    bytes(line)
        .chunks(2)
        .map(|c| c.iter().map(|b| format!("{b:02X}")).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

fn err(line: &str) -> String {
    match enc_at(line, 0x1000) {
        Ok(e) => panic!("`{line}` should fail, got {:02X?}", e.bytes),
        Err(e) => e.first().map(|e| e.message.clone()).unwrap_or_default(),
    }
}

fn fields(line: &str) -> Vec<Field> {
    match enc_at(line, 0x1000) {
        Ok(e) => e.fields,
        Err(e) => panic!("`{line}`: {e:?}"),
    }
}

fn op(text: &str) -> Operand<'_> {
    match operand::parse(text, 0, &mut Ev { pc: 0 }) {
        Ok(o) => o,
        Err(e) => panic!("`{text}`: {e:?}"),
    }
}

#[test]
fn parses_registers_and_simple_modes() {
    assert_eq!(op("D3"), Operand::Reg(Reg::D(3)));
    assert_eq!(op("sp"), Operand::Reg(Reg::A(7)));
    assert_eq!(op("(A2)"), Operand::Ind(2));
    assert_eq!(op("(sp)+"), Operand::PostInc(7));
    assert_eq!(op("-(a0)"), Operand::PreDec(0));
    assert!(matches!(op("-(4)"), Operand::Abs(e, AbsSize::Auto) if e.v.value == -4));
    assert!(matches!(op("(4)"), Operand::Abs(e, AbsSize::Auto) if e.v.value == 4));
    assert!(matches!(op("($1234).w"), Operand::Abs(e, AbsSize::W) if e.v.value == 0x1234));
    assert!(matches!(op("(4).L"), Operand::Abs(_, AbsSize::L)));
    assert!(matches!(op("#5"), Operand::Imm("5", 1)));
    assert_eq!(op("vbr"), Operand::Reg(Reg::Ctrl(0x801)));
}

#[test]
fn parses_displacement_index_and_memory_indirect() {
    let Operand::Mem(m) = op("(8,a1)") else {
        panic!()
    };
    assert_eq!(
        (m.base, m.bd.map(|e| e.v.value), m.index),
        (Base::A(1), Some(8), None)
    );
    let Operand::Mem(m2) = op("8(a1)") else {
        panic!()
    };
    assert_eq!(m, m2);
    let Operand::Mem(m) = op("(-2,a0,d1.w*4)") else {
        panic!()
    };
    let ix = m.index.unwrap();
    assert_eq!((ix.reg, ix.long, ix.scale), (1, false, 2));
    let Operand::Mem(m) = op("([8,a0],a2.l*8,12)") else {
        panic!()
    };
    let mi = m.mi.unwrap();
    assert!(mi.post);
    assert_eq!(mi.od.map(|e| e.v.value), Some(12));
    assert_eq!(m.index.map(|i| i.reg), Some(10));
    let Operand::Mem(m) = op("([8,a0,d3],12)") else {
        panic!()
    };
    assert!(!m.mi.unwrap().post);
    let Operand::Mem(m) = op("label(pc)") else {
        panic!()
    };
    assert_eq!(m.base, Base::Pc);
    let Operand::Mem(m) = op("([$1234])") else {
        panic!()
    };
    assert_eq!(m.base, Base::None);
}

#[test]
fn parses_lists_pairs_and_braces() {
    assert_eq!(op("d0-d7/a0-a6"), Operand::RegList(0x7FFF));
    assert_eq!(op("a7/d0"), Operand::RegList(0x8001));
    assert_eq!(op("fp0-fp2/fp7"), Operand::FpList(0x87));
    assert_eq!(op("fpcr/fpiar"), Operand::FpCtlList(5));
    assert_eq!(op("d1:d2"), Operand::Pair(Reg::D(1), Reg::D(2)));
    assert_eq!(op("(a0):(d1)"), Operand::IndPair(Reg::A(0), Reg::D(1)));
    let Operand::BitField(ea, BfArg::Imm(o), BfArg::D(5)) = op("(a0){3:d5}") else {
        panic!()
    };
    assert_eq!((*ea, o.v.value), (Operand::Ind(0), 3));
    assert!(matches!(op("(a0){#-3}"), Operand::KFactor(_, BfArg::Imm(e)) if e.v.value == -3));
    // A list-looking expression falls back to an expression.
    assert!(matches!(op("x-4"), Operand::Abs(..)));
}

#[test]
fn integer_encodings() {
    assert_eq!(words("move.l d0,d1"), "2200");
    assert_eq!(words("move.l d0,a0"), "2040");
    assert_eq!(words("move.l #-1,d0"), "70FF");
    assert_eq!(words("move.w #-1,d0"), "303C FFFF");
    assert_eq!(words("move.b #-1,d0"), "103C FFFF");
    assert_eq!(words("add.l #1,d0"), "5280");
    assert_eq!(words("add.l #100,d0"), "0680 0000 0064");
    assert_eq!(words("add.w #300,a0"), "D0FC 012C");
    assert_eq!(words("cmp.l (a0)+,(a1)+"), "B388");
    assert_eq!(words("move.l (0,a0),d0"), "2010");
    assert_eq!(words("move.l (a0,d0),d1"), "2230 0800");
    assert_eq!(words("move.l ([8,a0,d1.l*2],12),d1"), "2230 1B22 0008 000C");
    assert_eq!(words("move.l (100000,a0),d0"), "2030 0170 0001 86A0");
    assert_eq!(words("move.l $ffff8000,d0"), "2038 8000");
    assert_eq!(words("move.l $8000,d0"), "2039 0000 8000");
    assert_eq!(words("movem.w a3-a5/d1,-(a7)"), "48A7 401C");
    assert_eq!(words("divs.l d0,d1:d2"), "4C40 2C01");
    assert_eq!(words("cas2.l d0:d1,d2:d3,(a0):(a1)"), "0EFC 8080 90C1");
    assert_eq!(words("bfextu (a0){d1:d2},d0"), "E9D0 0862");
    assert_eq!(words("movec vbr,d0"), "4E7A 0801");
    assert_eq!(words("dbra d0,*"), "51C8 FFFE");
    // PC-relative operands name the target; the displacement is from the extension word.
    assert_eq!(words("cmpi.l #5,(*+10,pc)"), "0CBA 0000 0005 0004");
    assert_eq!(words("move.l *(pc),d0"), "203A FFFE");
}

#[test]
fn branch_sizes() {
    assert_eq!(words("bra *+2"), "6000 0000");
    assert_eq!(words("bra *+4"), "6002");
    assert_eq!(words("bra *+$82"), "6000 0080");
    assert_eq!(words("bra *+$10000"), "60FF 0000 FFFE");
    assert_eq!(words("bsr.l *"), "61FF FFFF FFFE");
    assert_eq!(words("bra *+1"), "6000 FFFF");
    assert_eq!(
        err("bra.s *+2"),
        "branch target out of range for .s (displacement 0)"
    );
    assert_eq!(
        err("beq.s *+$100"),
        "branch target out of range for .s (displacement 254)"
    );
    assert_eq!(
        err("bra.w *+$10000"),
        "branch target out of range for .w (displacement 65534)"
    );
    // Unknown target: the largest form, so that sizes only shrink.
    assert_eq!(words("bra fwd"), "60FF 0000 0000");
    assert_eq!(words("fbeq fwd"), "F2C1 0000 0000");
    assert_eq!(words("fbeq *+10"), "F281 0008");
    assert_eq!(words("fbeq.w *+10"), "F281 0008");
    assert_eq!(words("fbeq.l *+10"), "F2C1 0000 0008");
    assert_eq!(words("fdbne d0,*+10"), "F248 000E 0006");
}

#[test]
fn unknown_values_take_the_largest_form() {
    assert_eq!(words("move.l fwd,d0"), "2039 0000 0000");
    assert_eq!(words("move.l (fwd,a0),d0"), "2030 0170 0000 0000");
    assert_eq!(words("move.l (fwd,a0,d0.w),d0"), "2030 0130 0000 0000");
    assert_eq!(words("lea (fwd,pc),a0"), "41FB 0170 0000 0000");
    assert_eq!(words("move.l #fwd,d0"), "203C 0000 0000");
    assert_eq!(words("add.l #fwd,d0"), "0680 0000 0000");
    assert_eq!(words("link a6,#fwd"), "480E 0000 0000");
}

#[test]
fn holes_are_reported_as_fields() {
    let f = |o, k| Field {
        offset: o,
        kind: k,
        hole: Some(3),
    };
    assert_eq!(fields("move.l #@x,d0"), vec![f(2, FieldKind::Long)]);
    assert_eq!(fields("moveq #@x,d0"), vec![f(1, FieldKind::Byte)]);
    assert_eq!(fields("move.w (@x,a0),d1"), vec![f(2, FieldKind::Word)]);
    assert_eq!(fields("move.w @x,d1"), vec![f(2, FieldKind::Long)]);
    assert_eq!(fields("bra @x"), vec![f(2, FieldKind::Branch32)]);
    assert_eq!(fields("bra.s @x"), vec![f(1, FieldKind::Branch8)]);
    assert_eq!(fields("dbf d0,@x"), vec![f(2, FieldKind::Branch16)]);
    assert_eq!(fields("add.l #@x,d0"), vec![f(2, FieldKind::Long)]);
    assert_eq!(fields("btst #@x,(a0)"), vec![f(3, FieldKind::Byte)]);
    assert_eq!(fields("move.b #@x,d0"), vec![f(3, FieldKind::Byte)]);
    assert_eq!(
        fields("move.w (4,a0,d0.w),(@x,a1,d1.l)"),
        vec![
            Field {
                offset: 3,
                kind: FieldKind::Byte,
                hole: None
            },
            f(5, FieldKind::Byte)
        ]
    );
    assert_eq!(
        err("addq.l #@x,d0"),
        "template hole cannot be used in a packed field"
    );
    assert_eq!(
        err("bfset d0{@x:3}"),
        "template hole cannot be used in a packed field"
    );
    assert_eq!(
        err("lea (@x,pc),a0"),
        "template hole cannot be used in a PC-relative operand"
    );
    let k = fields("move.l #5,(8,a0)");
    assert_eq!(
        k.iter().map(|f| (f.offset, f.kind)).collect::<Vec<_>>(),
        vec![(2, FieldKind::Long), (6, FieldKind::Word)]
    );
}

#[test]
fn fpu_and_mmu_encodings() {
    assert_eq!(
        words("fmove.x #1.5,fp0"),
        "F23C 4800 3FFF 0000 C000 0000 0000 0000"
    );
    assert_eq!(
        words("fmove.x #0.1,fp0"),
        "F23C 4800 3FFB 0000 CCCC CCCC CCCC CCCD"
    );
    assert_eq!(
        words("fmove.x #-1e4000,fp0"),
        "F23C 4800 F3E6 0000 D1BA 8323 FE55 8C61"
    );
    assert_eq!(words("fmove.d #0.1,fp0"), "F23C 5400 3FB9 9999 9999 999A");
    assert_eq!(words("fmove.s #1.5,fp0"), "F23C 4400 3FC0 0000");
    assert_eq!(words("fmove.s #1e-45,fp0"), "F23C 4400 0000 0001");
    assert_eq!(
        words("fmove.p #1.5,fp0"),
        "F23C 4C00 0000 0001 5000 0000 0000 0000"
    );
    assert_eq!(
        words("fmove.p #-1.25e-10,fp0"),
        "F23C 4C00 C010 0001 2500 0000 0000 0000"
    );
    assert_eq!(words("fmove.p fp0,(a0){#3}"), "F210 6C03");
    assert_eq!(words("fmove.p fp0,(a0){d1}"), "F210 7C10");
    assert_eq!(words("fsincos.x fp0,fp1:fp2"), "F200 0131");
    assert_eq!(words("fmovem.x fp0-fp7,-(sp)"), "F227 E0FF");
    assert_eq!(words("fmovem.x (a0)+,fp0/fp2"), "F218 D0A0");
    assert_eq!(words("fmovem.l fpcr/fpsr/fpiar,-(sp)"), "F227 BC00");
    assert_eq!(words("fabs fp1"), "F200 0498");
    assert_eq!(words("pflusha"), "F000 2400");
    assert_eq!(words("pmove (a0),tc"), "F010 4000");
    assert_eq!(words("pmove mmusr,(a0)"), "F010 6200");
    assert_eq!(words("ptestr #1,(a0),#3,a1"), "F010 8F31");
    assert_eq!(
        err("fmove.s #1e39,fp0"),
        "value out of range for .s immediate"
    );
    assert_eq!(
        err("pmovefd tc,(a0)"),
        "pmovefd only loads tc, srp, crp, tt0 or tt1"
    );
    assert_eq!(
        err("fmove.p fp0,(a0)"),
        "fmove.p to memory needs a k-factor: <ea>{#k} or <ea>{Dn}"
    );
    assert_eq!(
        err("pmove d0,tc"),
        "addressing mode Dn not allowed for pmove"
    );
}

#[test]
fn error_messages() {
    assert_eq!(
        err("moveq #200,d0"),
        "value 200 out of range for moveq (-128..127)"
    );
    assert_eq!(err("lea d0,a1"), "addressing mode Dn not allowed for lea");
    assert_eq!(
        err("move.l d0,(8,pc)"),
        "addressing mode (d16,PC) not allowed for move.l"
    );
    assert_eq!(err("lea.w (a0),a1"), "bad size .w for lea");
    assert_eq!(err("nop d0"), "nop needs 0 operand(s), got 1");
    assert_eq!(err("addq #9,d0"), "value 9 out of range for addq (1..8)");
    assert_eq!(
        err("move.b #300,d0"),
        "value 300 out of range for .b immediate (-128..255)"
    );
    assert_eq!(err("trap #16"), "value 16 out of range for trap (0..15)");
    let e = enc_at("frobnicate d0", 0).unwrap_err();
    assert!(e[0].in_mnemonic && e[0].message == "unknown mnemonic `frobnicate`");
    let e = enc_at("frobnicate ([a0", 0).unwrap_err();
    assert!(e[0].in_mnemonic && e[0].message == "unknown mnemonic `frobnicate`");
    // Errors point at the operand.
    let e = enc_at("move.l d0,  (8,pc)", 0).unwrap_err();
    assert_eq!(e[0].offset, 5);
}

const MNEMONICS: &[&str] = &[
    "move", "movea", "moveq", "movem", "movep", "moves", "movec", "add", "adda", "addq", "addi",
    "addx", "cmp", "cmp2", "chk2", "cas", "cas2", "bfins", "bfextu", "bra", "bsr", "beq", "dbra",
    "dbne", "seq", "trapne", "lea", "pea", "jmp", "link", "unlk", "lsl", "roxr", "btst", "bset",
    "divsl", "mulu", "pack", "unpk", "exg", "ext", "extb", "fmove", "fmovem", "fadd", "fsincos",
    "ftst", "fbeq", "fdbne", "fseq", "ftrapne", "fsave", "fmovecr", "pmove", "pmovefd", "pflush",
    "pflusha", "ptestr", "ploadw", "nop", "stop", "trap", "bkpt", "rtd",
];

const PIECES: &[&str] = &[
    "d0",
    "a7",
    "sp",
    "pc",
    "zpc",
    "fp3",
    "fpcr",
    "tc",
    "sr",
    "ccr",
    "usp",
    "vbr",
    "sfc",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "/",
    "-",
    "+",
    "*",
    ".w",
    ".l",
    "#",
    "$",
    "$ffffffffff",
    "8",
    "-129",
    "99999999999999999999",
    "1.5",
    "1e999999",
    "fwd",
    "@x",
    " ",
    "d1.w*4",
    "a0",
    "'",
    "\"",
    "e",
    ".",
    "%",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn never_panics_on_random_text(m in "[a-z.]{0,8}", ops in "\\PC{0,40}", pc in any::<u32>()) {
        let (n, s, _) = split(&m);
        let req = InsnRequest { mnemonic: &n, size: s, operands: &ops, pc, final_pass: true, min_len: 0 };
        let _ = encode(&req, &mut Ev { pc });
    }

    #[test]
    fn never_panics_on_mutated_operands(
        mi in 0..MNEMONICS.len(),
        size in proptest::option::of(0..7usize),
        parts in proptest::collection::vec(0..PIECES.len(), 0..14),
        pc in any::<u32>(),
        fin in any::<bool>(),
    ) {
        let ops: String = parts.iter().map(|&i| PIECES[i]).collect();
        let sizes = [
            SizeSuffix::Byte, SizeSuffix::Word, SizeSuffix::Long, SizeSuffix::Short,
            SizeSuffix::Double, SizeSuffix::Extended, SizeSuffix::Packed,
        ];
        let req = InsnRequest {
            mnemonic: MNEMONICS[mi],
            size: size.map(|i| sizes[i]),
            operands: &ops,
            pc,
            final_pass: fin,
            min_len: 0,
        };
        let _ = encode(&req, &mut Ev { pc });
    }

    #[test]
    fn never_panics_on_well_formed_modes(
        mi in 0..MNEMONICS.len(),
        a in 0..MODES.len(),
        b in 0..MODES.len(),
        c in 0..MODES.len(),
        n in 0..4usize,
        pc in any::<u32>(),
    ) {
        let ops = [MODES[a], MODES[b], MODES[c]][..n.min(3)].join(",");
        let req = InsnRequest { mnemonic: MNEMONICS[mi], size: None, operands: &ops, pc, final_pass: true, min_len: 0 };
        let _ = encode(&req, &mut Ev { pc });
    }
}

const MODES: &[&str] = &[
    "d0",
    "a1",
    "(a2)",
    "(a3)+",
    "-(a4)",
    "(8,a5)",
    "(4,a0,d1.w*2)",
    "([a0],d1,4)",
    "([$ffffffff,a0,d1.l*8],$80000000)",
    "($1234).w",
    "($12345678).l",
    "$12345678",
    "(*+10,pc)",
    "(*+10,pc,d0)",
    "([*,pc],d0,fwd)",
    "#1",
    "#$ffffffff",
    "#1.5e-4000",
    "d0-d7/a0-a6",
    "fp0-fp7",
    "fpcr/fpsr",
    "d0:d1",
    "(a0):(a1)",
    "(a0){1:32}",
    "(a0){#3}",
    "fp1",
    "fp1:fp2",
    "tc",
    "mmusr",
    "sfc",
    "usp",
    "sr",
    "ccr",
    "#@x",
    "(@x,a0)",
    "@x",
    "fwd",
    "(fwd,a0,d0)",
];

#[test]
fn float_literal_edge_cases() {
    use super::Sz;
    use super::fpimm::float_literal;
    let x = |t: &str| {
        float_literal(t, Sz::X)
            .map(|r| r.map(|v| v.iter().map(|b| format!("{b:02X}")).collect::<String>()))
    };
    assert_eq!(x("0.0"), Some(Ok("000000000000000000000000".into())));
    assert_eq!(x("-0.0"), Some(Ok("800000000000000000000000".into())));
    assert_eq!(
        x("1"),
        None,
        "an integer is an expression, not a float literal"
    );
    assert_eq!(x("1e0"), Some(Ok("3FFF00008000000000000000".into())));
    assert!(matches!(x("1e5000"), Some(Err(_))));
    assert_eq!(x("1e-5000"), Some(Ok("000000000000000000000000".into())));
    assert!(float_literal("$1e5", Sz::X).is_none());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// Decimal → single/double conversion agrees with Rust's correctly rounded parser,
    /// denormals and long digit strings included.
    #[test]
    fn float_conversion_matches_rust(
        neg in any::<bool>(),
        int in "[0-9]{1,25}",
        frac in "[0-9]{0,80}",
        exp in -340i32..320,
    ) {
        use super::Sz;
        use super::fpimm::float_literal;
        let text = format!("{}{int}.{frac}e{exp}", if neg { "-" } else { "" });
        let d: f64 = text.parse().unwrap_or(0.0);
        match float_literal(&text, Sz::D) {
            Some(Ok(b)) => prop_assert_eq!(b, d.to_bits().to_be_bytes().to_vec(), "{}", text),
            Some(Err(_)) => prop_assert!(d.is_infinite(), "{}", text),
            None => prop_assert!(false, "not a literal: {}", text),
        }
        let s: f32 = text.parse().unwrap_or(0.0);
        match float_literal(&text, Sz::S) {
            Some(Ok(b)) => prop_assert_eq!(b, s.to_bits().to_be_bytes().to_vec(), "{}", text),
            Some(Err(_)) => prop_assert!(s.is_infinite(), "{}", text),
            None => prop_assert!(false, "not a literal: {}", text),
        }
    }
}

const SIZED_FORMS: &[&str] = &[
    "move.l X,d0",
    "move.l (X,a0),d0",
    "move.l (X,a0,d0.w),d0",
    "move.l ([X,a0],d0,X),d1",
    "lea (X,pc),a0",
    "lea (X,pc,d0.w),a0",
    "bra X",
    "bsr X",
    "fbeq X",
    "add.l #X,d0",
    "sub.w #X,a0",
    "move.l #X,d0",
    "link a6,#X",
    "trapne #X",
    "jmp X",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// An unknown value never gives a shorter encoding than any known one, so sizes
    /// only shrink from pass to pass.
    #[test]
    fn unknown_is_never_shorter(
        form in 0..SIZED_FORMS.len(),
        v in prop_oneof![-300i64..300, 0xF00i64..0x1100, -70000i64..70000, any::<i32>().prop_map(i64::from)],
    ) {
        let t = SIZED_FORMS[form];
        let known = enc_at(&t.replace('X', &v.to_string()), 0x1000);
        let unknown = enc_at(&t.replace('X', "fwd"), 0x1000);
        if let (Ok(k), Ok(u)) = (known, unknown) {
            prop_assert!(u.bytes.len() >= k.bytes.len(), "{} with {}: {} < {}", t, v, u.bytes.len(), k.bytes.len());
        }
    }
}
