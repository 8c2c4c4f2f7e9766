//! The cycle model: MC68030 UM §11 instruction and exception times.
//!
//! Owns: the opcode → timing-class table (65536 entries, built once, Musashi style), the
//! composition of an instruction's time from the §11.6 rows in [`tables`] (instruction
//! row + effective-address row), and the exception-processing times. It does not see the
//! bus: wait states and burst clocks are added by the caller from what the bus adapter
//! counted.
pub mod tables;

use tables::{CEA, CIEA_L, CIEA_W, FEA, FIEA_L, FIEA_W, INSN, JEA, MOVE_EA, MOVE_RN, Row, ea, i};

// The ShiftReg/Bitfield kinds take the "larger" row as the next one; INSN and `i` agree.
const _: () = assert!(
    i::LS_REG_BIG == i::LS_REG + 1 && i::ASR_REG_BIG == i::ASR_REG + 1 && INSN.len() == i::COUNT
);

/// One instruction's figures: head and tail (overlap mode), cache case and no-cache case.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Time {
    /// Head clocks.
    pub head: u8,
    /// Tail clocks.
    pub tail: u8,
    /// I-cache case clocks.
    pub cache: u16,
    /// No-cache case clocks.
    pub nocache: u16,
}

impl Time {
    #[inline]
    fn of(r: &Row) -> Time {
        Time {
            head: r.head,
            tail: r.tail,
            cache: r.cache,
            nocache: r.nocache,
        }
    }
    /// Sequential composition: `self` (an EA calculation) then `next`. A register EA
    /// (the manual's "—" rows, no clocks) leaves the operation's head.
    #[inline]
    fn then(self, next: &Row) -> Time {
        let empty = self.cache == 0 && self.nocache == 0;
        Time {
            head: if empty { next.head } else { self.head },
            tail: next.tail,
            cache: self.cache + next.cache,
            nocache: self.nocache + next.nocache,
        }
    }
    #[inline]
    fn plus(self, clocks: u16) -> Time {
        Time {
            cache: self.cache + clocks,
            nocache: self.nocache + clocks,
            ..self
        }
    }
}

/// How an opcode's time is composed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Kind {
    /// Composed once when the table is built (depends on the opcode word alone).
    Pre,
    /// The core's own figure (opcodes this model does not classify).
    Unknown,
    /// The instruction row alone.
    Fixed,
    /// fea(EA) then the instruction row.
    Fea,
    /// fiea(EA) then the instruction row (the .L table when the immediate is long).
    Fiea,
    /// cea(EA) then the instruction row.
    Cea,
    /// jea(EA) then the instruction row.
    Jea,
    /// MOVE: fea(source) then the destination row.
    Move,
    /// Bcc/BRA: taken, or not taken by displacement size.
    Branch,
    /// DBcc.
    Dbcc,
    /// MOVEM: ciea, the row, + 4 clocks per register (to registers) or 2 (to memory).
    Movem,
    /// MULU.L/MULS.L/DIVU.L/DIVS.L: fiea, row picked by the extension word.
    MulDivL,
    /// CAS: ciea, success row when Z is set afterwards.
    Cas,
    /// CHK2/CMP2: fiea, row picked by the extension word.
    Chk2,
    /// MOVES: ciea, row picked by the extension word's direction.
    Moves,
    /// MOVEC Rn,Cr: Cr-A or Cr-B row by the control register.
    MovecTo,
    /// LSd/ASR Dx,Dy: the count <= size row, or the next row for a larger count.
    ShiftReg,
    /// Bit field on memory: ciea, the < 5 bytes row or the next (5 bytes) row.
    Bitfield,
    /// CAS2: success row when Z is set afterwards.
    Cas2,
    /// 68882 general instruction.
    Fp,
    /// FBcc/FScc/FDBcc/FTRAPcc.
    FpCond,
    /// FSAVE: NULL or IDLE frame.
    Fsave,
}

/// One opcode's classification.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    kind: Kind,
    row: u8,
    /// Source (or only) EA mode field: mode << 3 | reg; 0xFF for none.
    ea: u8,
    /// bit 0: long operand; bits 1–3: instruction words between the opcode and the EA's
    /// extension words (immediates, extension words); bit 4: long immediate (the .L
    /// rows of fiea/ciea).
    flags: u8,
    /// The composed time, for `Kind::Pre`.
    pre: Time,
}

const NONE: u8 = 0xFF;

impl Entry {
    const fn new(kind: Kind, row: usize, ea: u8, long: bool, ext_before: u8) -> Entry {
        Entry {
            kind,
            row: row as u8,
            ea,
            flags: long as u8 | (ext_before << 1),
            pre: Time {
                head: 0,
                tail: 0,
                cache: 0,
                nocache: 0,
            },
        }
    }
    fn long(&self) -> bool {
        self.flags & 1 != 0
    }
    fn ext_before(&self) -> usize {
        ((self.flags >> 1) & 7) as usize
    }
    const fn imm_long(mut self) -> Entry {
        self.flags |= 1 << 4;
        self
    }
    fn is_imm_long(&self) -> bool {
        self.flags & (1 << 4) != 0
    }
    /// The instruction row, or its register-source variant (the manual's "Rn,Dn" /
    /// "Dn,Dn" line) when the EA is Dn or An.
    fn row(&self) -> &'static Row {
        let row = self.row as usize;
        if self.ea != NONE
            && self.ea >> 3 <= 1
            && let Some(v) = reg_variant(row)
        {
            return &INSN[v];
        }
        &INSN[row]
    }
}

/// The precomputed opcode classification.
pub(crate) struct Timing {
    /// One entry per opcode word (a fixed size, so a lookup needs no bounds check).
    table: Box<[Entry; 0x10000]>,
}

/// Machine state the composition needs after the instruction ran.
pub(crate) struct After<'a> {
    /// Whether the instruction changed the flow (PC is not the next sequential address).
    pub taken: bool,
    /// The CPU after the instruction (Z for CAS, the counter for DBcc).
    pub cpu: &'a m68k::CpuCore,
    /// Whether the 68882 was in its NULL state before the instruction.
    pub fpu_null_before: bool,
}

impl Timing {
    pub(crate) fn new() -> Self {
        let mut t = Timing {
            table: (0..=0xFFFFu32)
                .map(|op| classify(op as u16))
                .collect::<Box<[Entry]>>()
                .try_into()
                .unwrap_or_else(|_| unreachable!("one entry per opcode word")),
        };
        // Precompose every time that depends on the opcode word alone: the kinds that
        // read only EA rows, when no EA needs its extension word (indexed modes do).
        let cpu = m68k::CpuCore::new();
        let after = After {
            taken: false,
            cpu: &cpu,
            fpu_null_before: false,
        };
        for op in 0..=0xFFFFu16 {
            let e = t.table[op as usize];
            let indexed = |mr: u8| mr != NONE && (mr >> 3 == 6 || mr == 0x3B);
            let static_kind = match e.kind {
                Kind::Fixed | Kind::Fea | Kind::Fiea | Kind::Cea | Kind::Jea => !indexed(e.ea),
                Kind::Move => !indexed(e.ea) && (op >> 6) & 7 != 6,
                _ => false,
            };
            if static_kind {
                let time = t.instruction(&[op], &after, 0);
                let entry = &mut t.table[op as usize];
                entry.pre = time;
                entry.kind = Kind::Pre;
            }
        }
        t
    }

    /// The time of the instruction whose instruction-stream words are `words`
    /// (`core_cycles` is the `m68k` core's own figure, used for unclassified opcodes; 0 when
    /// the batch path ran the instruction, which it does not for those: see `cpu.rs`).
    #[inline]
    pub(crate) fn instruction(&self, words: &[u16], after: &After, core_cycles: i32) -> Time {
        let Some(&op) = words.first() else {
            return Time::default();
        };
        // The common case first, read in place (no copy of the whole entry).
        let entry = &self.table[op as usize];
        if entry.kind == Kind::Pre {
            return entry.pre;
        }
        let e = *entry;
        let row = e.row();
        match e.kind {
            Kind::Pre => e.pre,
            Kind::Fixed => Time::of(row),
            Kind::Fea => ea_time(&FEA, e, words).then(row),
            Kind::Fiea => ea_time(fiea(e), e, words).then(row),
            Kind::Cea => ea_time(&CEA, e, words).then(row),
            Kind::Jea => ea_time(&JEA, e, words).then(row),
            Kind::Move => {
                // §11.6.6: a register source into Dn/An/(An)/(An)+/-(An) has its own
                // complete row; every other MOVE is fea(source) + a `*` row.
                let dmode = ((op >> 6) & 7) as u8;
                let dreg = ((op >> 9) & 7) as u8;
                let slen = ea_len(e.ea, e.long(), words, 1);
                let dclass = ea_class(dmode << 3 | dreg, false, words, 1 + slen);
                if e.ea >> 3 <= 1 && dclass <= ea::PREDEC {
                    Time::of(&MOVE_RN[dclass])
                } else {
                    ea_time(&FEA, e, words).then(&MOVE_EA[dclass])
                }
            }
            Kind::Branch => {
                let r = if after.taken {
                    i::BCC_TAKEN
                } else {
                    match op & 0xFF {
                        0 => i::BCC_W_NOT,
                        0xFF => i::BCC_L_NOT,
                        _ => i::BCC_B_NOT,
                    }
                };
                Time::of(&INSN[r])
            }
            Kind::Dbcc => {
                let r = if after.taken {
                    i::DBCC_LOOP
                } else if after.cpu.dar[(op & 7) as usize] as u16 == 0xFFFF {
                    i::DBCC_EXPIRED
                } else {
                    i::DBCC_TRUE
                };
                Time::of(&INSN[r])
            }
            Kind::Movem => {
                let n = words.get(1).map_or(0, |m| m.count_ones()) as u16;
                let per = if e.row as usize == i::MOVEM_TO_REGS {
                    4
                } else {
                    2
                };
                ea_time(ciea(e), e, words).then(row).plus(per * n)
            }
            Kind::MulDivL => {
                let ext = words.get(1).copied().unwrap_or(0);
                let reg = e.ea >> 3 == 0;
                let r = match (op & 0x0040 != 0, ext & 0x0800 != 0, reg) {
                    (false, _, _) => i::MUL_L,
                    (true, true, true) => i::DIVS_L_DN,
                    (true, true, false) => i::DIVS_L_EA,
                    (true, false, true) => i::DIVU_L_DN,
                    (true, false, false) => i::DIVU_L_EA,
                };
                ea_time(fiea(e), e, words).then(&INSN[r])
            }
            Kind::Cas => {
                let r = if after.cpu.flag_z() {
                    i::CAS_OK
                } else {
                    i::CAS_FAIL
                };
                ea_time(ciea(e), e, words).then(&INSN[r])
            }
            Kind::Cas2 => Time::of(
                &INSN[if after.cpu.flag_z() {
                    i::CAS2_OK
                } else {
                    i::CAS2_FAIL
                }],
            ),
            Kind::Chk2 => {
                let ext = words.get(1).copied().unwrap_or(0);
                let r = if ext & 0x0800 != 0 { i::CHK2 } else { i::CMP2 };
                ea_time(fiea(e), e, words).then(&INSN[r])
            }
            Kind::Moves => {
                let ext = words.get(1).copied().unwrap_or(0);
                let r = if ext & 0x0800 != 0 {
                    i::MOVES_TO_MEM
                } else {
                    i::MOVES_TO_REG
                };
                ea_time(ciea(e), e, words).then(&INSN[r])
            }
            Kind::MovecTo => {
                // Cr-B: SFC, DFC, CACR; Cr-A: the others.
                let cr = words.get(1).copied().unwrap_or(0) & 0x0FFF;
                Time::of(
                    &INSN[if cr <= 2 {
                        i::MOVEC_TO_B
                    } else {
                        i::MOVEC_TO_A
                    }],
                )
            }
            Kind::ShiftReg => {
                let dx = ((op >> 9) & 7) as usize;
                let count = if dx == (op & 7) as usize {
                    0
                } else {
                    after.cpu.dar[dx] & 63
                };
                let size = 8u32 << ((op >> 6) & 3);
                Time::of(&INSN[e.row as usize + usize::from(count > size)])
            }
            Kind::Bitfield => {
                let ext = words.get(1).copied().unwrap_or(0);
                let d = |r: u16| after.cpu.dar[(r & 7) as usize];
                let offset = if ext & 0x0800 != 0 {
                    d(ext >> 6) as i32
                } else {
                    ((ext >> 6) & 31) as i32
                };
                let width = if ext & 0x0020 != 0 {
                    d(ext)
                } else {
                    ext as u32
                } & 31;
                let width = if width == 0 { 32 } else { width };
                let five = offset.rem_euclid(8) as u32 + width > 32;
                ea_time(ciea(e), e, words).then(&INSN[e.row as usize + usize::from(five)])
            }
            Kind::Fp => fp_time(e, words),
            Kind::FpCond => {
                let base = Time::of(&tables::FP_CP_OVERHEAD).plus(fp_op("FBcc"));
                if after.taken { base.plus(2) } else { base }
            }
            Kind::Fsave => {
                let r = if after.fpu_null_before {
                    i::FSAVE_NULL
                } else {
                    i::FSAVE_IDLE
                };
                ea_time(&CEA, e, words).then(&INSN[r])
            }
            Kind::Unknown => {
                let c = core_cycles.max(0) as u16;
                Time {
                    head: 0,
                    tail: 0,
                    cache: c,
                    nocache: c,
                }
            }
        }
    }
}

/// The clocks of one 68882 operation class (by its name in [`tables::FP_OPS`]).
fn fp_op(prefix: &str) -> u16 {
    tables::FP_OPS
        .iter()
        .find(|(n, _)| n.starts_with(prefix))
        .map_or(50, |(_, c)| *c)
}

/// The 68882 operation time for a general instruction (command word `words[1]`).
fn fp_time(e: Entry, words: &[u16]) -> Time {
    let cmd = words.get(1).copied().unwrap_or(0);
    let over = Time::of(&tables::FP_CP_OVERHEAD);
    let opmode = cmd & 0x7F;
    let class = cmd >> 13;
    let op_clocks = |opmode: u16| -> u16 {
        match opmode {
            0x00 => FP_MOVE,
            0x01 | 0x03 => FP_INT,
            0x04 => FP_SQRT,
            0x18 | 0x1A => FP_ABS,
            0x20 => FP_DIV,
            0x22 | 0x28 => FP_ADD,
            0x23 => FP_MUL,
            0x24 => FP_SGLDIV,
            0x27 => FP_SGLMUL,
            0x38 | 0x3A => FP_CMP,
            0x1E | 0x1F | 0x21 | 0x25 | 0x26 => FP_ADD,
            _ => FP_TRANS,
        }
    };
    // The EA operand starts after the command word.
    let ea_e = Entry {
        flags: e.flags | (1 << 1),
        ..e
    };
    match class {
        0 => over.plus(op_clocks(opmode)),
        2 => {
            // <ea>,FPn: memory/register/immediate source, then the operation.
            let t = ea_time(&FEA, ea_e, words).then(&tables::FP_CP_OVERHEAD);
            if opmode == 0 {
                t.plus(fp_op("FMOVE <ea>"))
            } else {
                t.plus(op_clocks(opmode))
            }
        }
        3 => ea_time(&CEA, ea_e, words)
            .then(&tables::FP_CP_OVERHEAD)
            .plus(fp_op("FMOVE FPn")),
        4 | 5 => ea_time(&FEA, ea_e, words)
            .then(&tables::FP_CP_OVERHEAD)
            .plus(fp_op("FMOVE to/from")),
        _ => {
            let n = (cmd & 0xFF).count_ones().max(1) as u16;
            ea_time(&CEA, ea_e, words)
                .then(&tables::FP_CP_OVERHEAD)
                .plus(fp_op("FMOVEM") * n)
        }
    }
}

const FP_MOVE: u16 = 21;
const FP_INT: u16 = 55;
const FP_SQRT: u16 = 107;
const FP_ABS: u16 = 35;
const FP_DIV: u16 = 103;
const FP_ADD: u16 = 51;
const FP_MUL: u16 = 71;
const FP_SGLDIV: u16 = 69;
const FP_SGLMUL: u16 = 59;
const FP_CMP: u16 = 33;
const FP_TRANS: u16 = 390;

/// The EA class of `mode_reg` (mode << 3 | reg); `ext_at` is the index in `words` of the
/// EA's first extension word (for the indexed modes' brief/full format).
#[inline]
fn ea_class(mode_reg: u8, long: bool, words: &[u16], ext_at: usize) -> usize {
    match mode_reg >> 3 {
        0 => ea::DN,
        1 => ea::AN,
        2 => ea::IND,
        3 => ea::POSTINC,
        4 => ea::PREDEC,
        5 => ea::D16,
        6 => index_class(words, ext_at),
        _ => match mode_reg & 7 {
            0 => ea::ABSW,
            1 => ea::ABSL,
            2 => ea::D16,
            3 => index_class(words, ext_at),
            _ => {
                if long {
                    ea::IMML
                } else {
                    ea::IMM
                }
            }
        },
    }
}

#[inline]
fn index_class(words: &[u16], at: usize) -> usize {
    let ext = words.get(at).copied().unwrap_or(0);
    if ext & 0x0100 == 0 {
        ea::D8X
    } else if ext & 3 != 0 {
        ea::MIND
    } else {
        ea::FULL
    }
}

/// Words of extension the EA `mode_reg` occupies, its first one at `words[at]`.
fn ea_len(mode_reg: u8, long: bool, words: &[u16], at: usize) -> usize {
    let full = |ext: u16| -> usize {
        let bd = match (ext >> 4) & 3 {
            2 => 1,
            3 => 2,
            _ => 0,
        };
        let od = match ext & 3 {
            2 => 1,
            3 => 2,
            _ => 0,
        };
        1 + bd + od
    };
    let idx = || {
        let ext = words.get(at).copied().unwrap_or(0);
        if ext & 0x0100 == 0 { 1 } else { full(ext) }
    };
    match mode_reg >> 3 {
        5 => 1,
        6 => idx(),
        7 => match mode_reg & 7 {
            0 | 2 => 1,
            1 => 2,
            3 => idx(),
            4 => {
                if long {
                    2
                } else {
                    1
                }
            }
            _ => 0,
        },
        _ => 0,
    }
}

/// The fiea table for the entry's immediate size.
fn fiea(e: Entry) -> &'static [Row; ea::COUNT] {
    if e.is_imm_long() { &FIEA_L } else { &FIEA_W }
}

/// The ciea table for the entry's immediate size.
fn ciea(e: Entry) -> &'static [Row; ea::COUNT] {
    if e.is_imm_long() { &CIEA_L } else { &CIEA_W }
}

/// The manual's register-source line for an instruction row whose source is Dn/An
/// (same clocks, the operation's own head instead of the EA's).
fn reg_variant(row: usize) -> Option<usize> {
    Some(match row {
        i::ALU_EA_DN => i::ALU_RN_DN,
        i::ADDA_W_EA => i::ADDA_W_RN,
        i::ADDA_L_EA => i::ADDA_L_RN,
        i::CMPA_EA => i::CMPA_RN,
        i::DIVU_W_EA => i::DIVU_W_DN,
        i::DIVS_W_EA => i::DIVS_W_DN,
        i::CHK_EA => i::CHK_DN,
        i::MOVE_TO_CCR => i::MOVE_TO_CCR_DN,
        _ => return None,
    })
}

#[inline]
fn ea_time(table: &[Row; ea::COUNT], e: Entry, words: &[u16]) -> Time {
    if e.ea == NONE {
        return Time::default();
    }
    Time::of(&table[ea_class(e.ea, e.long(), words, 1 + e.ext_before())])
}

/// Classify one opcode word.
fn classify(op: u16) -> Entry {
    use Kind::*;
    let mode = ((op >> 3) & 7) as u8;
    let reg = (op & 7) as u8;
    let ea6 = (op & 0x3F) as u8;
    let size = (op >> 6) & 3;
    let unknown = Entry::new(Unknown, i::UNKNOWN, NONE, false, 0);
    let fixed = |row| Entry::new(Fixed, row, NONE, false, 0);
    match op >> 12 {
        0x0 => {
            match op {
                0x003C | 0x023C | 0x0A3C | 0x007C | 0x027C | 0x0A7C => return fixed(i::TO_SR),
                0x0CFC | 0x0EFC => return Entry::new(Cas2, i::CAS2_OK, NONE, false, 2),
                _ => {}
            }
            if op & 0x0100 != 0 {
                if mode == 1 {
                    // MOVEP: bit 7 register to memory, bit 6 long.
                    return fixed(match (op & 0x80 != 0, op & 0x40 != 0) {
                        (true, true) => i::MOVEP_L_TO_MEM,
                        (true, false) => i::MOVEP_W_TO_MEM,
                        (false, true) => i::MOVEP_L_TO_REG,
                        (false, false) => i::MOVEP_W_TO_REG,
                    });
                }
                // Dynamic bit operations: Dn,Dn complete; Dn,Mem + fea.
                let bt = (op >> 6) & 3;
                return if mode == 0 {
                    fixed(if bt == 0 { i::BTST_DN } else { i::BCHG_DN })
                } else {
                    let r = if bt == 0 { i::BTST_MEM } else { i::BCHG_MEM };
                    Entry::new(Fea, r, ea6, false, 0)
                };
            }
            let hi = (op >> 9) & 7;
            if size == 3 {
                return match hi {
                    0..=2 => Entry::new(Chk2, i::CHK2, ea6, hi == 2, 1),
                    5..=7 => Entry::new(Cas, i::CAS_OK, ea6, false, 1),
                    // BSET #,<ea>: its type bits are 11, where CHK2 and CAS have size.
                    4 if mode == 0 => fixed(i::BCHG_DN),
                    4 => Entry::new(Fiea, i::BCHG_MEM, ea6, false, 1),
                    _ => unknown,
                };
            }
            match hi {
                4 => {
                    // Static bit operations: #,Dn complete (the row prices the bit
                    // number word); #,Mem + fiea. (BSET # is above.)
                    if mode == 0 {
                        fixed(if size == 0 { i::BTST_DN } else { i::BCHG_DN })
                    } else {
                        let r = if size == 0 { i::BTST_MEM } else { i::BCHG_MEM };
                        Entry::new(Fiea, r, ea6, false, 1)
                    }
                }
                7 => Entry::new(Moves, i::MOVES_TO_REG, ea6, size == 2, 1),
                _ => {
                    let long = size == 2;
                    let imm = if long { 2 } else { 1 };
                    let r = match (hi == 6, mode == 0) {
                        (true, true) => i::CMPI_DN,
                        (true, false) => i::CMPI_MEM,
                        (false, true) => i::ALUI_DN,
                        (false, false) => i::ALUI_MEM,
                    };
                    let e = Entry::new(Fiea, r, ea6, long, imm);
                    if long { e.imm_long() } else { e }
                }
            }
        }
        0x1..=0x3 => {
            let long = op >> 12 == 2;
            Entry::new(Move, 0, ea6, long, 0)
        }
        0x4 => classify_4(op, mode, reg, ea6, size),
        0x5 => {
            if size == 3 {
                if mode == 1 {
                    Entry::new(Dbcc, 0, NONE, false, 0)
                } else if mode == 7 && reg >= 2 {
                    fixed(match reg {
                        2 => i::TRAPCC_W,
                        3 => i::TRAPCC_L,
                        _ => i::TRAPCC,
                    })
                } else if mode == 0 {
                    fixed(i::SCC_DN)
                } else {
                    Entry::new(Cea, i::SCC_MEM, ea6, false, 0)
                }
            } else if mode <= 1 {
                fixed(i::ADDQ_RN)
            } else {
                Entry::new(Fea, i::ADDQ_MEM, ea6, size == 2, 0)
            }
        }
        0x6 => {
            if op & 0x0F00 == 0x0100 {
                fixed(i::BSR)
            } else {
                Entry::new(Branch, 0, NONE, false, 0)
            }
        }
        0x7 => fixed(i::MOVEQ),
        0x8 | 0xC => {
            let is_c = op >> 12 == 0xC;
            if size == 3 {
                let r = if is_c {
                    i::MUL_W
                } else if op & 0x100 != 0 {
                    i::DIVS_W_EA
                } else {
                    i::DIVU_W_EA
                };
                return Entry::new(Fea, r, ea6, false, 0);
            }
            if op & 0x1F0 == 0x100 {
                return fixed(if mode == 1 { i::ABCD_MEM } else { i::ABCD_DN });
            }
            if !is_c && (op & 0x1F0 == 0x140 || op & 0x1F0 == 0x180) {
                return fixed(match (mode == 1, op & 0x1F0 == 0x140) {
                    (true, _) => i::PACK_MEM,
                    (false, true) => i::PACK_DN,
                    (false, false) => i::UNPK_DN,
                });
            }
            if is_c && matches!(op & 0x1F8, 0x140 | 0x148 | 0x188) {
                return fixed(i::EXG);
            }
            let r = if op & 0x100 != 0 {
                i::ALU_DN_MEM
            } else {
                i::ALU_EA_DN
            };
            Entry::new(Fea, r, ea6, size == 2, 0)
        }
        0x9 | 0xD => {
            if size == 3 {
                let long = op & 0x100 != 0;
                let r = if long { i::ADDA_L_EA } else { i::ADDA_W_EA };
                return Entry::new(Fea, r, ea6, long, 0);
            }
            if op & 0x100 != 0 && mode <= 1 {
                return fixed(if mode == 1 { i::ADDX_MEM } else { i::ADDX_DN });
            }
            let r = if op & 0x100 != 0 {
                i::ALU_DN_MEM
            } else {
                i::ALU_EA_DN
            };
            Entry::new(Fea, r, ea6, size == 2, 0)
        }
        0xB => {
            if size == 3 {
                Entry::new(Fea, i::CMPA_EA, ea6, op & 0x100 != 0, 0)
            } else if op & 0x100 == 0 {
                Entry::new(Fea, i::ALU_EA_DN, ea6, size == 2, 0)
            } else if mode == 1 {
                fixed(i::CMPM)
            } else if mode == 0 {
                fixed(i::ALU_RN_DN) // EOR Dn,Dn
            } else {
                Entry::new(Fea, i::ALU_DN_MEM, ea6, size == 2, 0)
            }
        }
        0xE => {
            if size == 3 {
                if op & 0x0800 != 0 {
                    let t = (op >> 8) & 7;
                    return if mode == 0 {
                        fixed(match t {
                            0 => i::BFTST_DN,
                            1 | 3 => i::BFEXT_DN,
                            5 => i::BFFFO_DN,
                            7 => i::BFINS_DN,
                            _ => i::BFCHG_DN,
                        })
                    } else {
                        let r = match t {
                            0 => i::BFTST_MEM,
                            1 | 3 => i::BFEXT_MEM,
                            5 => i::BFFFO_MEM,
                            7 => i::BFINS_MEM,
                            _ => i::BFCHG_MEM,
                        };
                        Entry::new(Bitfield, r, ea6, false, 1)
                    };
                }
                // Memory shifts by one: the type is in bits 10-9.
                let left = op & 0x100 != 0;
                let r = match (op >> 9) & 3 {
                    0 if left => i::ASL_MEM,
                    0 => i::ASR_MEM,
                    1 => i::LS_MEM,
                    2 => i::ROX_MEM,
                    _ => i::RO_MEM,
                };
                return Entry::new(Fea, r, ea6, false, 0);
            }
            let by_reg = op & 0x20 != 0;
            let left = op & 0x100 != 0;
            match ((op >> 3) & 3, by_reg) {
                (0, false) => fixed(if left { i::ASL_IMM } else { i::ASR_IMM }),
                (0, true) if left => fixed(i::ASL_REG),
                (0, true) => Entry::new(ShiftReg, i::ASR_REG, NONE, false, 0),
                (1, false) => fixed(i::LS_IMM),
                (1, true) => Entry::new(ShiftReg, i::LS_REG, NONE, false, 0),
                (2, _) => fixed(i::ROX),
                (_, false) => fixed(i::RO_IMM),
                (_, true) => fixed(i::RO_REG),
            }
        }
        0xF => {
            let cp = (op >> 9) & 7;
            let ty = (op >> 6) & 7;
            match (cp, ty) {
                (0, 0) => fixed(i::MMU),
                (1, 0) => Entry::new(Fp, 0, ea6, false, 0),
                (1, 1) => Entry::new(FpCond, 0, NONE, false, 0),
                (1, 2) | (1, 3) => Entry::new(FpCond, 0, NONE, false, 0),
                (1, 4) => Entry::new(Fsave, i::FSAVE_IDLE, ea6, false, 0),
                (1, 5) => Entry::new(Fea, i::FRESTORE, ea6, false, 0),
                _ => unknown,
            }
        }
        _ => unknown,
    }
}

fn classify_4(op: u16, mode: u8, reg: u8, ea6: u8, size: u16) -> Entry {
    use Kind::*;
    let fixed = |row| Entry::new(Fixed, row, NONE, false, 0);
    if op & 0x01C0 == 0x01C0 {
        return if (op & 0xFFF8) == 0x49C0 {
            fixed(i::EXT)
        } else {
            Entry::new(Cea, i::LEA, ea6, false, 0)
        };
    }
    if op & 0x0140 == 0x0100 {
        return Entry::new(Fea, i::CHK_EA, ea6, op & 0x80 == 0, 0);
    }
    match op & 0x0FC0 {
        0x00C0 | 0x02C0 => {
            return if mode == 0 {
                fixed(i::MOVE_FROM_SR_DN)
            } else {
                Entry::new(Cea, i::MOVE_FROM_SR_MEM, ea6, false, 0)
            };
        }
        0x04C0 => return Entry::new(Fea, i::MOVE_TO_CCR, ea6, false, 0),
        0x06C0 => return Entry::new(Fea, i::MOVE_TO_SR, ea6, false, 0),
        0x0800 => {
            return if mode == 1 {
                fixed(i::LINK_L)
            } else if mode == 0 {
                fixed(i::NBCD_DN)
            } else {
                Entry::new(Fea, i::NBCD_MEM, ea6, false, 0)
            };
        }
        0x0840 => {
            return match mode {
                0 => fixed(i::SWAP),
                1 => fixed(i::NOP), // BKPT: billed as the exception
                _ => Entry::new(Cea, i::PEA, ea6, false, 0),
            };
        }
        0x0880 | 0x08C0 => {
            return if mode == 0 {
                fixed(i::EXT)
            } else {
                Entry::new(Movem, i::MOVEM_TO_MEM, ea6, false, 1)
            };
        }
        0x0AC0 => {
            return if op == 0x4AFC {
                fixed(i::NOP) // ILLEGAL: billed as the exception
            } else if mode == 0 {
                fixed(i::TAS_DN)
            } else {
                Entry::new(Cea, i::TAS_MEM, ea6, false, 0)
            };
        }
        0x0C00 | 0x0C40 => return Entry::new(MulDivL, i::MUL_L, ea6, true, 1),
        0x0C80 | 0x0CC0 => return Entry::new(Movem, i::MOVEM_TO_REGS, ea6, false, 1),
        0x0E80 => return Entry::new(Jea, i::JSR, ea6, false, 0),
        0x0EC0 => return Entry::new(Jea, i::JMP, ea6, false, 0),
        _ => {}
    }
    if op & 0x0F00 == 0x0A00 {
        return Entry::new(Fea, i::TST, ea6, size == 2, 0);
    }
    if op & 0x0900 == 0x0000 && size != 3 {
        // NEGX, CLR, NEG, NOT
        return if mode == 0 {
            fixed(i::UNARY_DN)
        } else if op & 0x0F00 == 0x0200 {
            Entry::new(Cea, i::CLR_MEM, ea6, size == 2, 0)
        } else {
            Entry::new(Fea, i::UNARY_MEM, ea6, size == 2, 0)
        };
    }
    let _ = reg;
    match op {
        0x4E70 => fixed(i::RESET),
        0x4E71 => fixed(i::NOP),
        0x4E72 => fixed(i::STOP),
        0x4E73 => fixed(i::RTE),
        0x4E74 => fixed(i::RTD),
        0x4E75 => fixed(i::RTS),
        0x4E76 => fixed(i::TRAPCC), // TRAPV
        0x4E77 => fixed(i::RTR),
        0x4E7A => fixed(i::MOVEC_FROM),
        0x4E7B => Entry::new(MovecTo, i::MOVEC_TO_B, NONE, false, 0),
        _ => match op & 0xFFF8 {
            0x4E50 => fixed(i::LINK_W),
            0x4E58 => fixed(i::UNLK),
            0x4E60 | 0x4E68 => fixed(i::MOVE_USP),
            0x4E40 | 0x4E48 => fixed(i::NOP), // TRAP: billed as the exception
            _ => Entry::new(Unknown, i::UNKNOWN, NONE, false, 0),
        },
    }
}

/// The §11.6.17 row for exception `vector`.
pub(crate) fn exception_row(vector: u8) -> &'static Row {
    use tables::*;
    match vector {
        2 => &EXC_BUS_ERROR,
        3 => &EXC_ADDRESS_ERROR,
        4 => &EXC_ILLEGAL,
        5 => &EXC_ZERO_DIVIDE,
        6 => &EXC_CHK,
        7 => &EXC_TRAPCC,
        8 => &EXC_PRIVILEGE,
        9 => &EXC_TRACE,
        10 | 11 => &EXC_LINE,
        14 => &EXC_FORMAT,
        24..=31 | 64..=255 => &EXC_INTERRUPT,
        _ => &EXC_TRAP,
    }
}

/// Exception processing time for an interrupt (entered at a boundary).
pub(crate) fn exception_time(vector: u8, cached: bool) -> i64 {
    let r = exception_row(vector);
    (if cached { r.cache } else { r.nocache }) as i64
}

/// Clocks of an instruction that raised exception `vector`, given the instruction's own
/// time: instruction exceptions (TRAP, illegal, A/F-line, privilege, bus error) replace
/// it; the ones taken after the instruction did its work (divide by zero, CHK, TRAPcc,
/// trace) add to it.
pub(crate) fn exception_clocks(vector: u8, instruction: i64, cached: bool) -> i64 {
    let t = exception_time(vector, cached);
    match vector {
        5 | 6 | 7 | 9 => instruction + t,
        _ => t,
    }
}

/// The RTE row for a frame of `format`.
pub(crate) fn rte_time(format: u8) -> Option<Time> {
    tables::RTE_FORMAT
        .iter()
        .find(|(f, _)| *f == format)
        .map(|(_, r)| Time::of(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification_covers_common_opcodes() {
        let t = Timing::new();
        let cpu = m68k::CpuCore::new();
        let after = After {
            taken: false,
            cpu: &cpu,
            fpu_null_before: false,
        };
        // move.l d0,d1 = 2; move.l (a0),d0 = 3+2; nop = 2
        assert_eq!(t.instruction(&[0x2200], &after, 0).cache, 2);
        assert_eq!(t.instruction(&[0x2010], &after, 0).cache, 5);
        assert_eq!(t.instruction(&[0x4E71], &after, 0).cache, 2);
    }

    #[test]
    fn row_indices_name_their_lines() {
        assert_eq!(INSN.len(), i::COUNT);
        for (idx, part) in [
            (i::EXG, "EXG"),
            (i::SWAP, "SWAP"),
            (i::ALU_RN_DN, "Rn,Dn"),
            (i::DIVS_L_EA, "DIVS.L EA"),
            (i::MOVEQ, "MOVEQ"),
            (i::CMPI_MEM, "CMPI #<data>,Mem"),
            (i::PACK_MEM, "PACK/UNPK -(An)"),
            (i::TST, "TST"),
            (i::ROX_MEM, "ROXd Mem"),
            (i::BCHG_MEM, "BCHG/BCLR/BSET #<data>,Mem"),
            (i::BFTST_MEM + 1, "BFTST Mem (5"),
            (i::BFFFO_MEM + 1, "BFFFO Mem (5"),
            (i::BCC_TAKEN, "Bcc (taken)"),
            (i::DBCC_TRUE, "DBcc (cc true)"),
            (i::TO_SR, "to SR"),
            (i::UNLK, "UNLK"),
            (i::TRAPCC_L, "TRAPcc.L"),
            (i::RTE, "RTE"),
            (i::FRESTORE, "FRESTORE"),
        ] {
            assert!(INSN[idx].line.contains(part), "{idx}: {}", INSN[idx].line);
        }
    }
}
