//! The MC68030 User's Manual §11.6 timing tables as data, one row per manual line.
//!
//! Each row: the manual's line text, head, tail, I-cache case clocks with its
//! (reads/prefetches/writes) and no-cache case clocks with its (r/p/w). The times assume
//! two-clock synchronous bus cycles with no wait states (§11.6 introduction); the model
//! adds the wait states of the bus cycles an instruction really makes (see `cpu.rs`).
//! Composite instructions add the effective-address row of the table named in the
//! comment (fea, fiea, cea, jea) to the instruction's own row, as §11.6 prescribes.
//!
//! Provenance: the figures were transcribed from the MC68030 UM (third edition) §11.6
//! tables by the implementer from memory of the manual, without a scan at hand in the
//! session that wrote them; rows marked `?` in the comment are the least certain. Check
//! each line against the manual before relying on an individual figure. See
//! `docs/timing-model.md`.

/// One line of a §11.6 table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// The manual's line (instruction and operands).
    pub line: &'static str,
    /// Clocks at the start during which the previous instruction's tail may overlap.
    pub head: u8,
    /// Clocks at the end that the next instruction's head may overlap.
    pub tail: u8,
    /// I-cache case clocks.
    pub cache: u16,
    /// I-cache case (reads, prefetches, writes).
    pub cache_rpw: (u8, u8, u8),
    /// No-cache case clocks.
    pub nocache: u16,
    /// No-cache case (reads, prefetches, writes).
    pub nocache_rpw: (u8, u8, u8),
}

const fn r(
    line: &'static str,
    head: u8,
    tail: u8,
    cache: u16,
    cache_rpw: (u8, u8, u8),
    nocache: u16,
    nocache_rpw: (u8, u8, u8),
) -> Row {
    Row {
        line,
        head,
        tail,
        cache,
        cache_rpw,
        nocache,
        nocache_rpw,
    }
}

/// Effective-address classes: the row index into the EA tables below.
pub mod ea {
    pub const DN: usize = 0;
    pub const AN: usize = 1;
    pub const IND: usize = 2; // (An)
    pub const POSTINC: usize = 3; // (An)+
    pub const PREDEC: usize = 4; // -(An)
    pub const D16: usize = 5; // (d16,An) and (d16,PC)
    pub const D8X: usize = 6; // (d8,An,Xn) and (d8,PC,Xn): brief extension word
    pub const ABSW: usize = 7; // (xxx).W
    pub const ABSL: usize = 8; // (xxx).L
    pub const IMM: usize = 9; // #<data>.B/.W
    pub const IMML: usize = 10; // #<data>.L
    pub const FULL: usize = 11; // (bd,An,Xn), (bd,PC,Xn): full extension word, no indirection
    pub const MIND: usize = 12; // memory indirect ([bd,An,Xn],od) and friends
    pub const COUNT: usize = 13;
}

/// §11.6.1 Fetch Effective Address (fea): the time to calculate the address and fetch
/// the operand (byte, word or long; aligned).
pub const FEA: [Row; ea::COUNT] = [
    r("Dn", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)),
    r("An", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)),
    r("(An)", 1, 1, 3, (1, 0, 0), 3, (1, 0, 0)),
    r("(An)+", 0, 1, 3, (1, 0, 0), 3, (1, 0, 0)),
    r("-(An)", 2, 2, 4, (1, 0, 0), 4, (1, 0, 0)),
    r("(d16,An) or (d16,PC)", 2, 2, 4, (1, 0, 0), 5, (1, 1, 0)),
    r("(d8,An,Xn) or (d8,PC,Xn)", 4, 2, 6, (1, 0, 0), 7, (1, 1, 0)),
    r("(xxx).W", 2, 2, 3, (1, 0, 0), 4, (1, 1, 0)),
    r("(xxx).L", 1, 0, 3, (1, 0, 0), 5, (1, 1, 0)), // ?
    r("#<data>.B or .W", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)),
    r("#<data>.L", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // ?
    r(
        "(bd,An,Xn) or (bd,PC,Xn)",
        4,
        2,
        8,
        (1, 0, 0),
        10,
        (1, 1, 0),
    ), // ?
    r(
        "([bd,An,Xn],od) memory indirect",
        4,
        2,
        12,
        (2, 0, 0),
        15,
        (2, 1, 0),
    ), // ?
];

/// §11.6.2 Fetch Immediate Effective Address (fiea): an immediate operand plus the
/// destination operand fetch. Word-sized immediates; a long immediate adds `FIEA_LONG`.
pub const FIEA: [Row; ea::COUNT] = [
    r("#<data>.W,Dn", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)),
    r("#<data>.W,An", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)),
    r("#<data>.W,(An)", 2, 1, 4, (1, 0, 0), 5, (1, 1, 0)),
    r("#<data>.W,(An)+", 2, 1, 5, (1, 0, 0), 6, (1, 1, 0)),
    r("#<data>.W,-(An)", 2, 2, 5, (1, 0, 0), 6, (1, 1, 0)),
    r("#<data>.W,(d16,An)", 4, 2, 5, (1, 0, 0), 7, (1, 1, 0)),
    r("#<data>.W,(d8,An,Xn)", 4, 2, 7, (1, 0, 0), 9, (1, 1, 0)),
    r("#<data>.W,(xxx).W", 4, 2, 5, (1, 0, 0), 6, (1, 1, 0)),
    r("#<data>.W,(xxx).L", 4, 0, 5, (1, 0, 0), 7, (1, 2, 0)), // ?
    r("#<data>.W,#<data>", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)),
    r("#<data>.W,#<data>.L", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)),
    r("#<data>.W,(bd,An,Xn)", 6, 2, 9, (1, 0, 0), 11, (1, 1, 0)), // ?
    r(
        "#<data>.W,([bd,An,Xn],od)",
        6,
        2,
        13,
        (2, 0, 0),
        16,
        (2, 1, 0),
    ), // ?
];

/// §11.6.2: the extra clocks of a long immediate over the word form.
pub const FIEA_LONG: Row = r("#<data>.L extra", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0));

/// §11.6.3 Calculate Effective Address (cea): address calculation without operand fetch.
pub const CEA: [Row; ea::COUNT] = [
    r("Dn", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)),
    r("An", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)),
    r("(An)", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)),
    r("(An)+", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)),
    r("-(An)", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)),
    r("(d16,An) or (d16,PC)", 2, 0, 2, (0, 0, 0), 3, (0, 1, 0)),
    r("(d8,An,Xn) or (d8,PC,Xn)", 4, 0, 4, (0, 0, 0), 5, (0, 1, 0)),
    r("(xxx).W", 2, 0, 2, (0, 0, 0), 3, (0, 1, 0)),
    r("(xxx).L", 1, 0, 1, (0, 0, 0), 4, (0, 1, 0)), // ?
    r("#<data>", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)),
    r("#<data>.L", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)),
    r("(bd,An,Xn) or (bd,PC,Xn)", 6, 0, 6, (0, 0, 0), 8, (0, 1, 0)), // ?
    r(
        "([bd,An,Xn],od) memory indirect",
        6,
        0,
        10,
        (1, 0, 0),
        13,
        (1, 1, 0),
    ), // ?
];

/// §11.6.5 Jump Effective Address (jea): JMP and JSR targets.
pub const JEA: [Row; ea::COUNT] = [
    r("Dn", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)),
    r("An", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)),
    r("(An)", 0, 0, 2, (0, 0, 0), 2, (0, 0, 0)),
    r("(An)+", 0, 0, 2, (0, 0, 0), 2, (0, 0, 0)),
    r("-(An)", 0, 0, 2, (0, 0, 0), 2, (0, 0, 0)),
    r("(d16,An) or (d16,PC)", 2, 0, 4, (0, 0, 0), 4, (0, 1, 0)),
    r("(d8,An,Xn) or (d8,PC,Xn)", 4, 0, 6, (0, 0, 0), 6, (0, 1, 0)),
    r("(xxx).W", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)),
    r("(xxx).L", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)),
    r("#<data>", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)),
    r("#<data>.L", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)),
    r("(bd,An,Xn) or (bd,PC,Xn)", 6, 0, 8, (0, 0, 0), 9, (0, 1, 0)), // ?
    r(
        "([bd,An,Xn],od) memory indirect",
        6,
        0,
        12,
        (1, 0, 0),
        14,
        (1, 1, 0),
    ), // ?
];

/// §11.6.6 MOVE Instruction: the destination part; the source's fea is added.
/// §11.6.6: MOVE EA,<memory destination>, by destination mode.
pub const MOVE_DEST: [Row; ea::COUNT] = [
    r("MOVE EA,Dn", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)),
    r("MOVE EA,An", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)),
    r("MOVE EA,(An)", 0, 1, 3, (0, 0, 1), 4, (0, 1, 1)),
    r("MOVE EA,(An)+", 0, 1, 3, (0, 0, 1), 4, (0, 1, 1)),
    r("MOVE EA,-(An)", 0, 2, 4, (0, 0, 1), 5, (0, 1, 1)),
    r("MOVE EA,(d16,An)", 2, 2, 5, (0, 0, 1), 6, (0, 1, 1)),
    r("MOVE EA,(d8,An,Xn)", 4, 2, 7, (0, 0, 1), 8, (0, 1, 1)),
    r("MOVE EA,(xxx).W", 2, 2, 5, (0, 0, 1), 6, (0, 1, 1)),
    r("MOVE EA,(xxx).L", 0, 2, 5, (0, 0, 1), 7, (0, 2, 1)), // ?
    r(
        "MOVE EA,#<data> (invalid)",
        0,
        0,
        2,
        (0, 0, 0),
        2,
        (0, 0, 0),
    ),
    r(
        "MOVE EA,#<data>.L (invalid)",
        0,
        0,
        2,
        (0, 0, 0),
        2,
        (0, 0, 0),
    ),
    r("MOVE EA,(bd,An,Xn)", 6, 2, 9, (0, 0, 1), 11, (0, 1, 1)), // ?
    r(
        "MOVE EA,([bd,An,Xn],od)",
        6,
        2,
        13,
        (1, 0, 1),
        16,
        (1, 1, 1),
    ), // ?
];

/// Instruction rows (§11.6.7 – §11.6.18). Indices are the `I_*` constants below.
pub const INSN: &[Row] = &[
    // §11.6.8 Arithmetic/logical instructions (+ fea)
    r("ADD/SUB/AND/OR EA,Dn", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 0
    r("ADDA/SUBA EA,An", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)),      // 1
    r(
        "ADD/SUB/AND/OR/EOR Dn,EA (memory)",
        0,
        1,
        3,
        (0, 0, 1),
        4,
        (0, 1, 1),
    ), // 2
    r("CMP EA,Dn", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)),            // 3
    r("CMPA EA,An", 0, 0, 4, (0, 0, 0), 4, (0, 1, 0)),           // 4
    r("MULU.W/MULS.W EA,Dn", 2, 0, 28, (0, 0, 0), 28, (0, 1, 0)), // 5
    r("MULU.L/MULS.L EA,Dn", 2, 0, 44, (0, 0, 0), 44, (0, 1, 0)), // 6
    r("DIVU.W EA,Dn", 2, 0, 44, (0, 0, 0), 44, (0, 1, 0)),       // 7
    r("DIVS.W EA,Dn", 2, 0, 56, (0, 0, 0), 56, (0, 1, 0)),       // 8
    r("DIVU.L EA,Dn", 2, 0, 78, (0, 0, 0), 78, (0, 1, 0)),       // 9
    r("DIVS.L EA,Dn", 2, 0, 90, (0, 0, 0), 90, (0, 1, 0)),       // 10
    // §11.6.9 Immediate arithmetic/logical (+ fiea); ADDQ/SUBQ (+ fea)
    r(
        "ADDI/SUBI/ANDI/ORI/EORI #,Dn",
        0,
        0,
        2,
        (0, 0, 0),
        2,
        (0, 1, 0),
    ), // 11
    r(
        "ADDI/SUBI/ANDI/ORI/EORI #,Mem",
        0,
        1,
        3,
        (0, 0, 1),
        4,
        (0, 1, 1),
    ), // 12
    r("CMPI #,EA", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 13
    r("ADDQ/SUBQ #,Rn", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 14
    r("ADDQ/SUBQ #,Mem", 0, 1, 3, (0, 0, 1), 4, (0, 1, 1)), // 15
    r("MOVEQ #,Dn", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 16
    // §11.6.10 Binary-coded decimal and extended instructions
    r("ABCD/SBCD Dy,Dx", 0, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 17
    r("ABCD/SBCD -(Ay),-(Ax)", 2, 0, 14, (2, 0, 1), 16, (2, 1, 1)), // 18
    r("ADDX/SUBX Dy,Dx", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 19
    r("ADDX/SUBX -(Ay),-(Ax)", 2, 0, 10, (2, 0, 1), 12, (2, 1, 1)), // 20
    r("CMPM (Ay)+,(Ax)+", 0, 0, 8, (2, 0, 0), 9, (2, 1, 0)), // 21
    r("PACK/UNPK Dy,Dx", 6, 0, 6, (0, 0, 0), 8, (0, 1, 0)), // 22 ?
    r("PACK/UNPK -(Ay),-(Ax)", 2, 0, 13, (1, 0, 1), 13, (1, 1, 1)), // 23 ?
    // §11.6.11 Single operand instructions
    r("CLR/NEG/NEGX/NOT Dn", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 24
    r("CLR Mem (+cea)", 0, 1, 3, (0, 0, 1), 4, (0, 1, 1)),      // 25
    r("NEG/NEGX/NOT Mem (+fea)", 0, 1, 3, (0, 0, 1), 4, (0, 1, 1)), // 26
    r("EXT/EXTB Dn", 0, 0, 4, (0, 0, 0), 4, (0, 1, 0)),         // 27
    r("NBCD Dn", 0, 0, 6, (0, 0, 0), 6, (0, 1, 0)),             // 28
    r("NBCD Mem (+fea)", 0, 1, 6, (0, 0, 1), 6, (0, 1, 1)),     // 29
    r("Scc Dn", 2, 0, 4, (0, 0, 0), 4, (0, 1, 0)),              // 30
    r("Scc Mem (+cea)", 2, 1, 5, (0, 0, 1), 6, (0, 1, 1)),      // 31
    r("TAS Dn", 0, 0, 4, (0, 0, 0), 4, (0, 1, 0)),              // 32
    r("TAS Mem (+fea)", 3, 0, 9, (0, 0, 1), 10, (0, 1, 1)),     // 33 ?
    r("TST EA (+fea)", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)),       // 34
    r("SWAP Dn", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)),             // 35
    // §11.6.12 Shift/rotate instructions
    r(
        "LSL/LSR #,Dy; LSd Dx,Dy (count<=8)",
        4,
        0,
        4,
        (0, 0, 0),
        4,
        (0, 1, 0),
    ), // 36
    r("LSL/LSR Dx,Dy", 6, 0, 6, (0, 0, 0), 6, (0, 1, 0)), // 37
    r("ASL #,Dy; ASL Dx,Dy", 8, 0, 8, (0, 0, 0), 8, (0, 1, 0)), // 38
    r("ASR #,Dy", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)),      // 39
    r("ASR Dx,Dy", 6, 0, 6, (0, 0, 0), 6, (0, 1, 0)),     // 40
    r("ROL/ROR #,Dy; Dx,Dy", 8, 0, 8, (0, 0, 0), 8, (0, 1, 0)), // 41
    r("ROXL/ROXR Dx,Dy; #,Dy", 12, 0, 12, (0, 0, 0), 12, (0, 1, 0)), // 42
    r("shift/rotate Mem (+fea)", 0, 0, 5, (0, 0, 1), 6, (0, 1, 1)), // 43
    // §11.6.13 Bit manipulation instructions
    r(
        "BTST #,Dn (+fiea); BTST Dn,Dn",
        4,
        0,
        4,
        (0, 0, 0),
        4,
        (0, 1, 0),
    ), // 44
    r(
        "BTST #,Mem / Dn,Mem (+fiea/fea)",
        4,
        0,
        4,
        (0, 0, 0),
        4,
        (0, 1, 0),
    ), // 45
    r(
        "BCHG/BCLR/BSET #,Dn / Dn,Dn",
        6,
        0,
        6,
        (0, 0, 0),
        6,
        (0, 1, 0),
    ), // 46
    r(
        "BCHG/BCLR/BSET #,Mem / Dn,Mem",
        4,
        0,
        6,
        (0, 0, 1),
        7,
        (0, 1, 1),
    ), // 47
    // §11.6.14 Bit field manipulation instructions
    r(
        "BFTST/BFCHG/BFCLR/BFSET Dn",
        2,
        0,
        8,
        (0, 0, 0),
        8,
        (0, 1, 0),
    ), // 48 ?
    r("BFEXTU/BFEXTS/BFFFO Dn", 2, 0, 10, (0, 0, 0), 10, (0, 1, 0)), // 49 ?
    r("BFINS Dn", 2, 0, 12, (0, 0, 0), 12, (0, 1, 0)),               // 50 ?
    r(
        "BFTST/BFEXTU/BFEXTS/BFFFO Mem (+cea)",
        2,
        0,
        13,
        (1, 0, 0),
        14,
        (1, 1, 0),
    ), // 51 ?
    r(
        "BFCHG/BFCLR/BFSET/BFINS Mem (+cea)",
        2,
        0,
        16,
        (1, 0, 1),
        17,
        (1, 1, 1),
    ), // 52 ?
    // §11.6.15 Conditional branch instructions
    r("Bcc/BRA (taken)", 2, 0, 6, (0, 0, 0), 8, (0, 2, 0)), // 53
    r("Bcc.B (not taken)", 2, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 54
    r("Bcc.W (not taken)", 0, 0, 6, (0, 0, 0), 6, (0, 1, 0)), // 55
    r("Bcc.L (not taken)", 0, 0, 6, (0, 0, 0), 7, (0, 2, 0)), // 56
    r(
        "DBcc (cc false, count not expired)",
        2,
        0,
        6,
        (0, 0, 0),
        8,
        (0, 2, 0),
    ), // 57
    r("DBcc (cc true)", 4, 0, 4, (0, 0, 0), 5, (0, 1, 0)),  // 58
    r("DBcc (count expired)", 4, 0, 10, (0, 0, 0), 12, (0, 2, 0)), // 59
    // §11.6.16 Control instructions
    r("ANDI/EORI/ORI to CCR", 0, 0, 12, (0, 0, 0), 14, (0, 2, 0)), // 60
    r("ANDI/EORI/ORI to SR", 0, 0, 12, (0, 0, 0), 14, (0, 2, 0)),  // 61
    r("BSR", 2, 0, 6, (0, 0, 1), 9, (0, 2, 1)),                    // 62
    r(
        "CAS (successful compare) (+fea)",
        1,
        0,
        10,
        (0, 0, 1),
        11,
        (0, 1, 1),
    ), // 63 ?
    r(
        "CAS (unsuccessful compare) (+fea)",
        1,
        0,
        10,
        (0, 0, 0),
        11,
        (0, 1, 0),
    ), // 64 ?
    r(
        "CAS2 (successful compare)",
        2,
        0,
        23,
        (2, 0, 2),
        25,
        (2, 2, 2),
    ), // 65 ?
    r(
        "CAS2 (unsuccessful compare)",
        2,
        0,
        23,
        (2, 0, 0),
        25,
        (2, 2, 0),
    ), // 66 ?
    r(
        "CHK EA,Dn (no exception) (+fea)",
        0,
        0,
        8,
        (0, 0, 0),
        8,
        (0, 1, 0),
    ), // 67
    r(
        "CHK2/CMP2 EA,Rn (no exception) (+fea)",
        2,
        0,
        16,
        (1, 0, 0),
        18,
        (1, 1, 0),
    ), // 68 ?
    r("JMP (+jea)", 4, 0, 4, (0, 0, 0), 6, (0, 2, 0)),             // 69
    r("JSR (+jea)", 2, 0, 4, (0, 0, 1), 7, (0, 2, 1)),             // 70
    r("LEA (+cea)", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)),             // 71
    r("LINK.W", 2, 0, 5, (0, 0, 1), 6, (0, 1, 1)),                 // 72
    r("LINK.L", 2, 0, 7, (0, 0, 1), 8, (0, 2, 1)),                 // 73
    r("MOVE CCR,Dn / SR,Dn", 2, 0, 4, (0, 0, 0), 4, (0, 1, 0)),    // 74
    r(
        "MOVE CCR,Mem / SR,Mem (+cea)",
        2,
        0,
        5,
        (0, 0, 1),
        6,
        (0, 1, 1),
    ), // 75
    r("MOVE EA,CCR (+fea)", 0, 0, 4, (0, 0, 0), 4, (0, 1, 0)),     // 76
    r("MOVE EA,SR (+fea)", 0, 0, 8, (0, 0, 0), 10, (0, 2, 0)),     // 77
    r(
        "MOVEM EA,RL (+cea; + 2 per register)",
        2,
        0,
        8,
        (0, 0, 0),
        8,
        (0, 1, 0),
    ), // 78
    r(
        "MOVEM RL,EA (+cea; + 2 per register)",
        2,
        0,
        4,
        (0, 0, 0),
        4,
        (0, 1, 0),
    ), // 79
    r("MOVEP.W", 2, 0, 10, (2, 0, 0), 10, (2, 1, 0)),              // 80 ?
    r("MOVEP.L", 2, 0, 16, (4, 0, 0), 16, (4, 1, 0)),              // 81 ?
    r("MOVEC Cr,Rn", 6, 0, 6, (0, 0, 0), 6, (0, 1, 0)),            // 82
    r("MOVEC Rn,Cr", 10, 0, 10, (0, 0, 0), 12, (0, 2, 0)),         // 83 ?
    r("MOVE USP,An / An,USP", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)),   // 84
    r(
        "MOVES EA,Rn / Rn,EA (+fea/cea)",
        3,
        0,
        7,
        (0, 0, 0),
        7,
        (0, 1, 0),
    ), // 85 ?
    r("NOP", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)),                    // 86
    r("PEA (+cea)", 0, 2, 4, (0, 0, 1), 4, (0, 1, 1)),             // 87
    r("RTD", 1, 0, 9, (1, 0, 0), 10, (1, 2, 0)),                   // 88
    r("RTR", 1, 0, 12, (2, 0, 0), 13, (2, 2, 0)),                  // 89
    r("RTS", 1, 0, 9, (1, 0, 0), 10, (1, 2, 0)),                   // 90
    r("UNLK", 0, 0, 5, (1, 0, 0), 5, (1, 1, 0)),                   // 91
    r("EXG Rx,Ry", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)),              // 92
    r("TRAPcc / TRAPV (no trap)", 2, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 93
    r("STOP", 0, 0, 8, (0, 0, 0), 8, (0, 2, 0)),                   // 94
    r("RESET", 0, 0, 518, (0, 0, 0), 518, (0, 1, 0)),              // 95
    r("RTE (format $0)", 1, 0, 18, (4, 0, 0), 20, (4, 2, 0)),      // 96 ?
    r(
        "MOVE16/unclassified (core's own figure)",
        0,
        0,
        0,
        (0, 0, 0),
        0,
        (0, 0, 0),
    ), // 97
    r(
        "PMOVE/PFLUSH/PTEST (MMU)",
        0,
        0,
        16,
        (0, 0, 0),
        18,
        (0, 2, 0),
    ), // 98 ?
    // §11.6.18/68882 coprocessor (see FP_* below for the arithmetic)
    r(
        "FSAVE (idle, 60 bytes)",
        2,
        0,
        42,
        (0, 0, 15),
        44,
        (0, 1, 15),
    ), // 99 ?
    r("FSAVE (null)", 2, 0, 13, (0, 0, 1), 14, (0, 1, 1)), // 100 ?
    r("FRESTORE (+fea)", 2, 0, 20, (1, 0, 0), 21, (1, 1, 0)), // 101 ?
];

/// Indices into [`INSN`].
pub mod i {
    pub const ALU_EA_DN: usize = 0;
    pub const ADDA: usize = 1;
    pub const ALU_DN_MEM: usize = 2;
    pub const CMP: usize = 3;
    pub const CMPA: usize = 4;
    pub const MUL_W: usize = 5;
    pub const MUL_L: usize = 6;
    pub const DIVU_W: usize = 7;
    pub const DIVS_W: usize = 8;
    pub const DIVU_L: usize = 9;
    pub const DIVS_L: usize = 10;
    pub const ALUI_DN: usize = 11;
    pub const ALUI_MEM: usize = 12;
    pub const CMPI: usize = 13;
    pub const ADDQ_RN: usize = 14;
    pub const ADDQ_MEM: usize = 15;
    pub const MOVEQ: usize = 16;
    pub const ABCD_DN: usize = 17;
    pub const ABCD_MEM: usize = 18;
    pub const ADDX_DN: usize = 19;
    pub const ADDX_MEM: usize = 20;
    pub const CMPM: usize = 21;
    pub const PACK_DN: usize = 22;
    pub const PACK_MEM: usize = 23;
    pub const UNARY_DN: usize = 24;
    pub const CLR_MEM: usize = 25;
    pub const UNARY_MEM: usize = 26;
    pub const EXT: usize = 27;
    pub const NBCD_DN: usize = 28;
    pub const NBCD_MEM: usize = 29;
    pub const SCC_DN: usize = 30;
    pub const SCC_MEM: usize = 31;
    pub const TAS_DN: usize = 32;
    pub const TAS_MEM: usize = 33;
    pub const TST: usize = 34;
    pub const SWAP: usize = 35;
    pub const LS_IMM: usize = 36;
    pub const LS_REG: usize = 37;
    pub const ASL: usize = 38;
    pub const ASR_IMM: usize = 39;
    pub const ASR_REG: usize = 40;
    pub const RO: usize = 41;
    pub const ROX: usize = 42;
    pub const SHIFT_MEM: usize = 43;
    pub const BTST_DN: usize = 44;
    pub const BTST_MEM: usize = 45;
    pub const BCHG_DN: usize = 46;
    pub const BCHG_MEM: usize = 47;
    pub const BF_DN: usize = 48;
    pub const BFEXT_DN: usize = 49;
    pub const BFINS_DN: usize = 50;
    pub const BF_READ_MEM: usize = 51;
    pub const BF_RMW_MEM: usize = 52;
    pub const BCC_TAKEN: usize = 53;
    pub const BCC_B_NOT: usize = 54;
    pub const BCC_W_NOT: usize = 55;
    pub const BCC_L_NOT: usize = 56;
    pub const DBCC_LOOP: usize = 57;
    pub const DBCC_TRUE: usize = 58;
    pub const DBCC_EXPIRED: usize = 59;
    pub const TO_CCR: usize = 60;
    pub const TO_SR: usize = 61;
    pub const BSR: usize = 62;
    pub const CAS_OK: usize = 63;
    pub const CAS_FAIL: usize = 64;
    pub const CAS2_OK: usize = 65;
    pub const CAS2_FAIL: usize = 66;
    pub const CHK: usize = 67;
    pub const CHK2: usize = 68;
    pub const JMP: usize = 69;
    pub const JSR: usize = 70;
    pub const LEA: usize = 71;
    pub const LINK_W: usize = 72;
    pub const LINK_L: usize = 73;
    pub const MOVE_FROM_SR_DN: usize = 74;
    pub const MOVE_FROM_SR_MEM: usize = 75;
    pub const MOVE_TO_CCR: usize = 76;
    pub const MOVE_TO_SR: usize = 77;
    pub const MOVEM_TO_REGS: usize = 78;
    pub const MOVEM_TO_MEM: usize = 79;
    pub const MOVEP_W: usize = 80;
    pub const MOVEP_L: usize = 81;
    pub const MOVEC_FROM: usize = 82;
    pub const MOVEC_TO: usize = 83;
    pub const MOVE_USP: usize = 84;
    pub const MOVES: usize = 85;
    pub const NOP: usize = 86;
    pub const PEA: usize = 87;
    pub const RTD: usize = 88;
    pub const RTR: usize = 89;
    pub const RTS: usize = 90;
    pub const UNLK: usize = 91;
    pub const EXG: usize = 92;
    pub const TRAPCC: usize = 93;
    pub const STOP: usize = 94;
    pub const RESET: usize = 95;
    pub const RTE: usize = 96;
    pub const UNKNOWN: usize = 97;
    pub const MMU: usize = 98;
    pub const FSAVE_IDLE: usize = 99;
    pub const FSAVE_NULL: usize = 100;
    pub const FRESTORE: usize = 101;
}

/// §11.6.17 Exception-related operations: exception processing times by vector class.
/// (head, tail, I-cache case, no-cache case with their r/p/w.)
pub const EXC_BUS_ERROR: Row = r(
    "Bus error (format $A/$B frame)",
    0,
    0,
    36,
    (1, 0, 16),
    38,
    (1, 2, 16),
); // ?
pub const EXC_ADDRESS_ERROR: Row = r("Address error", 0, 0, 36, (1, 0, 16), 38, (1, 2, 16)); // ?
pub const EXC_INTERRUPT: Row = r(
    "Interrupt (autovectored or vectored)",
    0,
    0,
    23,
    (2, 0, 4),
    26,
    (2, 2, 4),
); // ?
pub const EXC_TRAP: Row = r("TRAP #n", 0, 0, 20, (1, 0, 4), 22, (1, 2, 4));
pub const EXC_ILLEGAL: Row = r(
    "Illegal instruction / BKPT",
    0,
    0,
    20,
    (1, 0, 4),
    22,
    (1, 2, 4),
);
pub const EXC_LINE: Row = r(
    "A-line / F-line (unimplemented or FPU disabled)",
    0,
    0,
    20,
    (1, 0, 4),
    22,
    (1, 2, 4),
);
pub const EXC_PRIVILEGE: Row = r("Privilege violation", 0, 0, 20, (1, 0, 4), 22, (1, 2, 4));
pub const EXC_TRACE: Row = r("Trace", 0, 0, 20, (1, 0, 6), 22, (1, 2, 6)); // ?
pub const EXC_ZERO_DIVIDE: Row = r(
    "Divide by zero (after the divide's own time)",
    0,
    0,
    20,
    (1, 0, 6),
    22,
    (1, 2, 6),
); // ?
pub const EXC_CHK: Row = r(
    "CHK/CHK2 (exception taken)",
    0,
    0,
    20,
    (1, 0, 6),
    22,
    (1, 2, 6),
); // ?
pub const EXC_TRAPCC: Row = r(
    "TRAPcc/TRAPV (trap taken)",
    0,
    0,
    20,
    (1, 0, 6),
    22,
    (1, 2, 6),
); // ?
pub const EXC_FORMAT: Row = r("Format error", 0, 0, 20, (1, 0, 4), 22, (1, 2, 4)); // ?
/// §11.6.17 RTE by the format of the frame it pops.
pub const RTE_FORMAT: [(u8, Row); 4] = [
    (
        0x0,
        r("RTE (format $0)", 1, 0, 18, (4, 0, 0), 20, (4, 2, 0)),
    ),
    (
        0x2,
        r("RTE (format $2)", 1, 0, 20, (6, 0, 0), 22, (6, 2, 0)),
    ),
    (
        0xA,
        r(
            "RTE (format $A, short bus fault)",
            1,
            0,
            36,
            (16, 0, 0),
            38,
            (16, 2, 0),
        ),
    ),
    (
        0xB,
        r(
            "RTE (format $B, long bus fault)",
            1,
            0,
            70,
            (46, 0, 0),
            72,
            (46, 2, 0),
        ),
    ),
];

/// MC68882 UM §8 (typical execution times, register-to-register, extended precision),
/// plus the MC68030's coprocessor interface overhead (MC68030 UM §11.6.18, cpGEN).
pub const FP_CP_OVERHEAD: Row = r(
    "cpGEN protocol (68030 side)",
    0,
    0,
    4,
    (0, 0, 2),
    5,
    (0, 1, 2),
); // ?
/// 68882 operation times by the opmode class (register to register).
pub const FP_OPS: &[(&str, u16)] = &[
    ("FMOVE FPm,FPn", 21),
    ("FMOVE <ea>,FPn (memory, single/double)", 35),
    ("FMOVE FPn,<ea> (memory)", 38),
    ("FADD/FSUB", 51),
    ("FMUL", 71),
    ("FSGLMUL", 59),
    ("FDIV", 103),
    ("FSGLDIV", 69),
    ("FSQRT", 107),
    ("FCMP/FTST", 33),
    ("FABS/FNEG", 35),
    ("FINT/FINTRZ", 55),
    ("transcendental (FSIN, FCOS, FETOX, FLOGN, ...)", 390),
    ("FMOVE to/from FPCR/FPSR/FPIAR", 31),
    ("FMOVEM (per register)", 25),
    ("FBcc/FScc/FDBcc/FTRAPcc (condition test)", 20),
];
