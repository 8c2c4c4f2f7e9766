//! The MC68030 User's Manual §11.6 timing tables as data, one row per manual line.
//!
//! Each row: the manual's line text, head, tail, I-cache case clocks with its
//! (reads/prefetches/writes) and no-cache case clocks with its (r/p/w). The times assume
//! two-clock synchronous bus cycles with no wait states (§11.6 introduction); the model
//! adds the wait states of the bus cycles an instruction really makes (see `cpu.rs`).
//! Composite instructions add the effective-address row of the table named in the
//! comment (fea, fiea, cea, ciea, jea) to the instruction's own row, as §11.6 prescribes.
//!
//! Provenance: every row was checked against public transcriptions of the manual's
//! tables (none of them copied; the figures re-entered here):
//! - T1: a Python transcription "read directly from the manual", §11.6.1–§11.6.7;
//! - T2: a Python transcription "from the page images", §11.6.1–§11.6.18;
//! - T3: a Markdown transcription, §11.6.1–§11.6.16 (some sections abridged);
//! - T4: a C table "from the page image", §11.6.6, §11.6.8–§11.6.16 (register forms);
//! - T5: a C table "from the page image", §11.6.1–§11.6.5.
//!
//! The comment on each row names the manual page and which transcriptions agree on it;
//! `?` marks a row where they disagree (both readings given) or that only one of them
//! (or none) carries. See `docs/timing-model.md`.

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
    /// Full extension word, no memory indirection: the manual's "(d16,An)" /
    /// "(d16,An,Xn)" full-format rows (the other base-displacement sizes differ).
    pub const FULL: usize = 11;
    /// Memory indirect: the manual's "([d16,An])" row (outer displacements differ).
    pub const MIND: usize = 12;
    pub const COUNT: usize = 13;
}

/// §11.6.1 Fetch Effective Address (fea), UM p. 11-26/11-27: calculate the address and
/// fetch the operand.
#[rustfmt::skip]
pub const FEA: [Row; ea::COUNT] = [
    r("Dn", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)), // 11-26; T1 T2 T3 T5
    r("An", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)), // 11-26; T1 T2 T3 T5
    r("(An)", 1, 1, 3, (1, 0, 0), 3, (1, 0, 0)), // 11-26; T1 T2 T3 T5
    r("(An)+", 0, 1, 3, (1, 0, 0), 3, (1, 0, 0)), // 11-26; T1 T2 T3 T5
    r("-(An)", 2, 2, 4, (1, 0, 0), 4, (1, 0, 0)), // 11-26; T1 T2 T3 T5
    r("(d16,An) or (d16,PC)", 2, 2, 4, (1, 0, 0), 4, (1, 1, 0)), // 11-26; T2 T3 T5 (T1 no-cache p 0)
    r("(d8,An,Xn) or (d8,PC,Xn)", 4, 2, 6, (1, 0, 0), 6, (1, 1, 0)), // 11-26; T1 T2 T3 T5
    r("(xxx).W", 2, 2, 4, (1, 0, 0), 4, (1, 1, 0)), // 11-26; T2 T3 T5 (T1 no-cache p 0)
    r("(xxx).L", 1, 0, 4, (1, 0, 0), 5, (1, 1, 0)), // 11-26; T1 T2 T3 T5
    r("#<data>.B or .W", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 11-26; T1 T2 T3 T5
    r("#<data>.L", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 11-26; T1 T2 T3 T5
    r("(d16,An) or (d16,An,Xn), full format", 2, 0, 6, (1, 0, 0), 7, (1, 1, 0)), // 11-26; T1 T2 T3 (indexed: head 4)
    r("([d16,An]) memory indirect", 2, 0, 10, (2, 0, 0), 10, (2, 1, 0)), // 11-27; T1 T2 T3
];

/// §11.6.2 Fetch Immediate Effective Address (fiea), UM p. 11-28..11-30: fetch the
/// immediate source (or an instruction's second word) and calculate and fetch the
/// destination (or the single operand). Word immediates. `%` rows: the head includes
/// the operation's head.
#[rustfmt::skip]
pub const FIEA_W: [Row; ea::COUNT] = [
    r("% #<data>.W,Dn", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 11-28; T1 T2 T3
    r("% #<data>.W,Dn (An: as Dn)", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // no An row in the manual
    r("#<data>.W,(An)", 1, 1, 3, (1, 0, 0), 4, (1, 1, 0)), // 11-28; T1 T2 T3
    r("#<data>.W,(An)+", 2, 1, 5, (1, 0, 0), 5, (1, 1, 0)), // 11-28; T1 T2 T3
    r("#<data>.W,-(An)", 2, 2, 4, (1, 0, 0), 4, (1, 1, 0)), // 11-28; T1 T2 T3
    r("#<data>.W,(d16,An)", 2, 0, 4, (1, 0, 0), 5, (1, 1, 0)), // 11-28; T2 T3 (? T1 6/8(1/2/0))
    r("#<data>.W,(d8,An,Xn)", 6, 2, 8, (1, 0, 0), 8, (1, 2, 0)), // 11-28; T1 T2 T3
    r("#<data>.W,$xxx.W", 4, 2, 6, (1, 0, 0), 6, (1, 1, 0)), // 11-28; T1 T2 T3 (? tail: T1 0, T2 2)
    r("#<data>.W,$xxx.L", 3, 0, 6, (1, 0, 0), 7, (1, 2, 0)), // 11-28; T1 T2 T3
    r("% #<data>.W,#<data>.L", 6, 0, 6, (0, 0, 0), 6, (0, 2, 0)), // 11-28; T1 T2 T3
    r("% #<data>.W,#<data>.L", 6, 0, 6, (0, 0, 0), 6, (0, 2, 0)), // 11-28; T1 T2 T3
    r("#<data>.W,(d16,An) full format", 4, 0, 8, (1, 0, 0), 9, (1, 2, 0)), // 11-29; T1 T2 T5
    r("#<data>.W,([d16,An])", 4, 0, 12, (2, 0, 0), 12, (2, 2, 0)), // 11-29; T2 T5
];

/// §11.6.2 fiea, long immediates.
#[rustfmt::skip]
pub const FIEA_L: [Row; ea::COUNT] = [
    r("% #<data>.L,Dn", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 11-28; T1 T2 T3
    r("% #<data>.L,Dn (An: as Dn)", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // no An row in the manual
    r("#<data>.L,(An)", 1, 0, 4, (1, 0, 0), 5, (1, 1, 0)), // 11-28; T1 T2 T3
    r("#<data>.L,(An)+", 4, 1, 7, (1, 0, 0), 7, (1, 1, 0)), // 11-28; T1 T2 T3
    r("#<data>.L,-(An)", 2, 0, 4, (1, 0, 0), 5, (1, 1, 0)), // 11-28; T1 T2 (? T3 no-cache 6)
    r("#<data>.L,(d16,An)", 4, 0, 6, (1, 0, 0), 8, (1, 2, 0)), // 11-28; T2 T3 (T1 p 1)
    r("#<data>.L,(d8,An,Xn)", 8, 2, 10, (1, 0, 0), 10, (1, 2, 0)), // 11-28; T1 T2 T3
    r("#<data>.L,$xxx.W", 6, 2, 8, (1, 0, 0), 8, (1, 2, 0)), // 11-28; T1 T2 T3 (? tail: T1 0, T2 2)
    r("#<data>.L,$xxx.L", 5, 0, 8, (1, 0, 0), 9, (1, 2, 0)), // 11-28; T1 T2 T3
    r("(invalid: #<data>.L,#<data>)", 6, 0, 6, (0, 0, 0), 6, (0, 2, 0)), // not a manual line
    r("(invalid: #<data>.L,#<data>)", 6, 0, 6, (0, 0, 0), 6, (0, 2, 0)), // not a manual line
    r("#<data>.L,(d16,An) full format", 6, 0, 10, (1, 0, 0), 11, (1, 2, 0)), // 11-29; T1 T2 T5
    r("#<data>.L,([d16,An])", 6, 0, 14, (2, 0, 0), 14, (2, 2, 0)), // 11-29; T2 T5
];

/// §11.6.3 Calculate Effective Address (cea), UM p. 11-30..11-32: address calculation
/// without operand fetch. `%` rows: the head includes the operation's head.
#[rustfmt::skip]
pub const CEA: [Row; ea::COUNT] = [
    r("Dn", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)), // 11-30; T1 T2 T5
    r("An", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)), // 11-30; T1 T2 T5
    r("% (An)", 2, 0, 2, (0, 0, 0), 2, (0, 0, 0)), // 11-30; T1 T2 T5
    r("(An)+", 0, 0, 2, (0, 0, 0), 2, (0, 0, 0)), // 11-30; T1 T2 T5
    r("% -(An)", 2, 0, 2, (0, 0, 0), 2, (0, 0, 0)), // 11-30; T1 T2 T5
    r("% (d16,An) or (d16,PC)", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 11-30; T1 T2 T5
    r("% (d8,An,Xn) or (d8,PC,Xn)", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 11-30; T1 T2 T5
    r("% (xxx).W", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 11-30; T1 T2 T5
    r("% (xxx).L", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 11-30; T1 T2 T5
    r("(invalid: #<data>)", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)), // not a manual line
    r("(invalid: #<data>)", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)), // not a manual line
    r("(d16,An) full format", 2, 0, 6, (0, 0, 0), 6, (0, 1, 0)), // 11-31; T1 T2 (indexed: % head 6)
    r("([d16,An])", 2, 0, 10, (1, 0, 0), 10, (1, 1, 0)), // 11-31; T1 T2
];

/// §11.6.4 Calculate Immediate Effective Address (ciea), UM p. 11-32..11-35: fetch the
/// immediate (or the instruction's second word) and calculate the destination. Word.
#[rustfmt::skip]
pub const CIEA_W: [Row; ea::COUNT] = [
    r("% #<data>.W,Dn", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 11-33; T1 T2 T5
    r("% #<data>.W,Dn (An: as Dn)", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // no An row
    r("% #<data>.W,(An)", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 11-33; T1 T2 T5
    r("#<data>.W,(An)+", 2, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 11-33; T1 T2 T5
    r("% #<data>.W,-(An)", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 11-33; T1 T2 T5
    r("% #<data>.W,(d16,An)", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 11-33; T1 T2 T5
    r("% #<data>.W,(d8,An,Xn)", 6, 0, 6, (0, 0, 0), 6, (0, 2, 0)), // 11-33; T1 T2 T5
    r("% #<data>.W,$xxx.W", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 11-33; T1 T2 T5
    r("% #<data>.W,$xxx.L", 6, 0, 6, (0, 0, 0), 6, (0, 2, 0)), // 11-33; T2 T5 (T1 p 1)
    r("(invalid: #<data>.W,#<data>)", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)), // not a manual line
    r("(invalid: #<data>.W,#<data>)", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)), // not a manual line
    r("#<data>.W,(d16,An) full format", 4, 0, 8, (0, 0, 0), 8, (0, 2, 0)), // 11-34; T1 T2
    r("#<data>.W,([d16,An])", 4, 0, 12, (1, 0, 0), 12, (1, 2, 0)), // 11-34; T2 only ?
];

/// §11.6.4 ciea, long immediates.
#[rustfmt::skip]
pub const CIEA_L: [Row; ea::COUNT] = [
    r("% #<data>.L,Dn", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 11-33; T1 T2 T5
    r("% #<data>.L,Dn (An: as Dn)", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // no An row
    r("% #<data>.L,(An)", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 11-33; T1 T2 T5
    r("#<data>.L,(An)+", 4, 0, 6, (0, 0, 0), 6, (0, 1, 0)), // 11-33; T1 T2 T5
    r("% #<data>.L,-(An)", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 11-33; T1 T2 T5
    r("% #<data>.L,(d16,An)", 6, 0, 6, (0, 0, 0), 7, (0, 2, 0)), // 11-33; T1 T2 T5
    r("% #<data>.L,(d8,An,Xn)", 8, 0, 8, (0, 0, 0), 8, (0, 2, 0)), // 11-33; T1 T2 T5
    r("% #<data>.L,$xxx.W", 6, 0, 6, (0, 0, 0), 6, (0, 2, 0)), // 11-33; T1 T2 T5
    r("% #<data>.L,$xxx.L", 8, 0, 8, (0, 0, 0), 8, (0, 2, 0)), // 11-33; T1 T2 T5
    r("(invalid: #<data>.L,#<data>)", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)), // not a manual line
    r("(invalid: #<data>.L,#<data>)", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)), // not a manual line
    r("#<data>.L,(d16,An) full format", 6, 0, 10, (0, 0, 0), 10, (0, 2, 0)), // 11-34; T1 T2
    r("#<data>.L,([d16,An])", 6, 0, 14, (1, 0, 0), 14, (1, 1, 0)), // 11-34; T2 only ?
];

/// §11.6.5 Jump Effective Address (jea), UM p. 11-35/11-36: JMP and JSR targets. Only
/// the control modes exist; the others are invalid and cost nothing here.
#[rustfmt::skip]
pub const JEA: [Row; ea::COUNT] = [
    r("(invalid: Dn)", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)), // not a manual line
    r("(invalid: An)", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)), // not a manual line
    r("% (An)", 2, 0, 2, (0, 0, 0), 2, (0, 0, 0)), // 11-35; T1 T2 T5
    r("(invalid: (An)+)", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)), // not a manual line
    r("(invalid: -(An))", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)), // not a manual line
    r("% (d16,An)", 4, 0, 4, (0, 0, 0), 4, (0, 0, 0)), // 11-35; T1 T2 T5
    r("% (d8,An,Xn) or (d8,PC,Xn)", 6, 0, 6, (0, 0, 0), 6, (0, 0, 0)), // 11-35; T1 T2 T5
    r("% (xxx).W", 2, 0, 2, (0, 0, 0), 2, (0, 0, 0)), // 11-35; T1 T2 T5
    r("% (xxx).L", 2, 0, 2, (0, 0, 0), 2, (0, 0, 0)), // 11-35; T1 T2 T5
    r("(invalid: #<data>)", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)), // not a manual line
    r("(invalid: #<data>)", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)), // not a manual line
    r("(d16,An) full format", 2, 0, 6, (0, 0, 0), 6, (0, 0, 0)), // 11-35; T1 T2
    r("([d16,An])", 2, 0, 10, (1, 0, 0), 10, (1, 1, 0)), // 11-36; T1 T2
];

/// §11.6.6 MOVE, UM p. 11-37: a register source (Dn/An) into a register or (An),
/// (An)+, -(An) destination. Complete: no fea added. Indexed by the destination class
/// (DN..PREDEC).
#[rustfmt::skip]
pub const MOVE_RN: [Row; 5] = [
    r("MOVE Rn,Dn", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 11-37; T1 T2 T3 T4
    r("MOVE Rn,An", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 11-37; T1 T2 T3 T4
    r("MOVE Rn,(An)", 0, 1, 3, (0, 0, 1), 4, (0, 1, 1)), // 11-37; T2 T3 T4 (? T1 head 2 tail 0)
    r("MOVE Rn,(An)+", 0, 1, 3, (0, 0, 1), 4, (0, 1, 1)), // 11-37; T1 T2 T3 T4
    r("MOVE Rn,-(An)", 0, 2, 4, (0, 0, 1), 4, (0, 1, 1)), // 11-37; T1 T2 T3 T4
];

/// §11.6.6 MOVE, UM p. 11-37/11-38: the `*` rows ("add fetch effective address time" of
/// the source), by destination class: any source into a register, a memory or
/// immediate SOURCE into (An)/(An)+/-(An), any EA into the other destinations.
#[rustfmt::skip]
pub const MOVE_EA: [Row; ea::COUNT] = [
    r("* MOVE EA,Dn", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 11-37; T1 T2 T3 T4
    r("* MOVE EA,An", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 11-37; T1 T2 T3 T4
    r("* MOVE SOURCE,(An)", 2, 0, 4, (0, 0, 1), 5, (0, 1, 1)), // 11-37; T1 T2 T3 T4
    r("* MOVE SOURCE,(An)+", 2, 0, 4, (0, 0, 1), 5, (0, 1, 1)), // 11-37; T1 T2 T3 T4
    r("* MOVE SOURCE,-(An)", 2, 0, 4, (0, 0, 1), 5, (0, 1, 1)), // 11-37; T1 T2 T3 T4
    r("* MOVE EA,(d16,An)", 2, 0, 4, (0, 0, 1), 5, (0, 1, 1)), // 11-37; T1 T2 T3 T4
    r("* MOVE EA,(d8,An,Xn)", 4, 0, 6, (0, 0, 1), 7, (0, 1, 1)), // 11-37; T1 T2 T3
    r("* MOVE EA,xxx.W", 2, 0, 4, (0, 0, 1), 5, (0, 1, 1)), // 11-37; T1 T2 T3 T4
    r("* MOVE EA,xxx.L", 0, 0, 6, (0, 0, 1), 7, (0, 2, 1)), // 11-37; T1 T2 T3 T4
    r("(invalid: MOVE EA,#<data>)", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // not a manual line
    r("(invalid: MOVE EA,#<data>)", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // not a manual line
    r("* MOVE EA,(d16,An) full format", 2, 0, 8, (0, 0, 1), 9, (0, 2, 1)), // 11-37; T1 T2
    r("* MOVE EA,([d16,An],Xn)", 2, 0, 10, (1, 0, 1), 11, (1, 2, 1)), // 11-38; T1 T2
];

/// Instruction rows (§11.6.7 – §11.6.17). Indices are the `i::*` constants below, which
/// are checked against this order by a unit test in `timing/mod.rs`. Footnote marks as
/// in the manual's tables: `*` add fea, `**` add fiea (§11.6.8/9) or cea (§11.6.11/16),
/// `#` add fiea, `##` add ciea, `%` add ciea (§11.6.7) or jea (§11.6.16).
#[rustfmt::skip]
pub const INSN: &[Row] = &[
    // §11.6.7 Special-purpose MOVE, UM p. 11-39
    r("EXG Ry,Rx", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 0; T1 T2 T3
    r("MOVEC Cr,Rn", 6, 0, 6, (0, 0, 0), 6, (0, 1, 0)), // 1; T1 T2 T3
    r("MOVEC Rn,Cr-A (USP, VBR, CAAR, MSP, ISP)", 6, 0, 6, (0, 0, 0), 6, (0, 1, 0)), // 2; T1 T2 T3
    r("MOVEC Rn,Cr-B (SFC, DFC, CACR)", 4, 0, 12, (0, 0, 0), 12, (0, 1, 0)), // 3; T1 T2 T3
    r("MOVE CCR,Dn / MOVE SR,Dn", 2, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 4; T1 T2 T3
    r("* MOVE CCR,Mem / MOVE SR,Mem (+cea)", 2, 0, 4, (0, 0, 1), 5, (0, 1, 1)), // 5; T1 T2 T3
    r("MOVE Dn,CCR", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 6; T1 T2 T3
    r("* MOVE EA,CCR (+fea)", 0, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 7; T1 T2 T3
    r("# MOVE EA,SR (+fea)", 0, 0, 8, (0, 0, 0), 10, (0, 2, 0)), // 8; T1 T2 T3
    r("% MOVEM EA,RL (+ciea; +4n clocks, n reads)", 2, 0, 8, (0, 0, 0), 8, (0, 1, 0)), // 9; T2 T3
    r("% MOVEM RL,EA (+ciea; +2n clocks, n writes)", 2, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 10; T2 T3
    r("MOVEP.W Dn,(d16,An)", 4, 0, 10, (0, 0, 2), 10, (0, 1, 2)), // 11; T1 T2 T3
    r("MOVEP.W (d16,An),Dn", 2, 0, 10, (2, 0, 0), 10, (2, 1, 0)), // 12; T2 T3 (? head: T1 4, T2 2)
    r("MOVEP.L Dn,(d16,An)", 4, 0, 14, (0, 0, 4), 14, (0, 1, 4)), // 13; T1 T2 T3
    r("MOVEP.L (d16,An),Dn", 2, 0, 14, (4, 0, 0), 14, (4, 1, 0)), // 14; T2 T3 (? head: T1 4, T2 2)
    r("% MOVES EA,Rn (+ciea)", 3, 0, 7, (1, 0, 0), 7, (1, 1, 0)), // 15; T2 T3 (? T1 7(1/0/2), 5(0/1/1))
    r("% MOVES Rn,EA (+ciea)", 2, 1, 5, (0, 0, 1), 6, (0, 1, 1)), // 16; T1 T2 T3
    r("MOVE USP,An / MOVE An,USP", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 17; T1 T2 T3
    r("SWAP Dn", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 18; T1 T2 T3
    // §11.6.8 Arithmetical/logical, UM p. 11-40/11-41
    r("ADD/SUB/AND/OR/CMP Rn,Dn; EOR Dn,Dn", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 19; T2 T3 T4
    r("ADDA.W/SUBA.W Rn,An", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 20; T2 T3 T4
    r("ADDA.L/SUBA.L Rn,An", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 21; T2 T3 T4
    r("* ADD/SUB/AND/OR/CMP EA,Dn", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 22; T2 T3 T4
    r("* ADDA.W/SUBA.W EA,An", 0, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 23; T2 T3 T4
    r("* ADDA.L/SUBA.L EA,An", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 24; T2 T3 T4
    r("* ADD/SUB/AND/OR/EOR Dn,EA", 0, 1, 3, (0, 0, 1), 4, (0, 1, 1)), // 25; T2 T3 T4
    r("CMPA Rn,An", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 26; T2 T3 T4
    r("* CMPA EA,An", 0, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 27; T2 T3 T4
    r("** CMP2 EA,Rn (+fiea; maximum)", 2, 0, 20, (1, 0, 0), 20, (1, 1, 0)), // 28; T2 T3
    r("* MULS.W/MULU.W EA,Dn (maximum)", 2, 0, 28, (0, 0, 0), 28, (0, 1, 0)), // 29; T2 T3 T4
    r("** MULS.L/MULU.L EA,Dn (+fiea; maximum)", 2, 0, 44, (0, 0, 0), 44, (0, 1, 0)), // 30; T2 T3
    r("DIVU.W Dn,Dn (maximum)", 2, 0, 44, (0, 0, 0), 44, (0, 1, 0)), // 31; T2 T3 T4
    r("* DIVU.W EA,Dn (maximum)", 0, 0, 44, (0, 0, 0), 44, (0, 1, 0)), // 32; T2 T3 T4
    r("DIVS.W Dn,Dn (maximum)", 2, 0, 56, (0, 0, 0), 56, (0, 1, 0)), // 33; T2 T3 T4
    r("* DIVS.W EA,Dn (maximum)", 0, 0, 56, (0, 0, 0), 56, (0, 1, 0)), // 34; T2 T3 T4
    r("** DIVU.L Dn,Dn (+fiea; maximum)", 6, 0, 78, (0, 0, 0), 78, (0, 1, 0)), // 35; T2 T3 T4
    r("** DIVU.L EA,Dn (+fiea; maximum)", 0, 0, 78, (0, 0, 0), 78, (0, 1, 0)), // 36; T2 T3
    r("** DIVS.L Dn,Dn (+fiea; maximum)", 6, 0, 90, (0, 0, 0), 90, (0, 1, 0)), // 37; T2 T3 T4
    r("** DIVS.L EA,Dn (+fiea; maximum)", 0, 0, 90, (0, 0, 0), 90, (0, 1, 0)), // 38; T2 T3
    // §11.6.9 Immediate arithmetical/logical, UM p. 11-42
    r("MOVEQ #<data>,Dn", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 39; T2 T3 T4
    r("ADDQ/SUBQ #<data>,Rn", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 40; T2 T3 T4
    r("* ADDQ/SUBQ #<data>,Mem", 0, 1, 3, (0, 0, 1), 4, (0, 1, 1)), // 41; T2 T3 T4
    r("** ADDI/SUBI/ANDI/ORI/EORI #<data>,Dn", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 42; T2 T3 T4
    r("** ADDI/SUBI/ANDI/ORI/EORI #<data>,Mem", 0, 1, 3, (0, 0, 1), 4, (0, 1, 1)), // 43; T2 T3 T4
    r("** CMPI #<data>,Dn", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 44; T2 T3 T4
    r("** CMPI #<data>,Mem", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 45; T2 T3 T4
    // §11.6.10 Binary-coded decimal and extended, UM p. 11-43
    r("ABCD/SBCD Dn,Dn", 0, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 46; T2 T3 T4
    r("ABCD/SBCD -(An),-(An)", 2, 1, 13, (2, 0, 1), 14, (2, 1, 1)), // 47; T2 T3 T4
    r("ADDX/SUBX Dn,Dn", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 48; T2 T3 T4
    r("ADDX/SUBX -(An),-(An)", 2, 1, 9, (2, 0, 1), 10, (2, 1, 1)), // 49; T2 T3 T4
    r("CMPM (An)+,(An)+", 0, 0, 8, (2, 0, 0), 8, (2, 1, 0)), // 50; T2 T3 T4
    r("PACK Dn,Dn,#<data>", 6, 0, 6, (0, 0, 0), 6, (0, 1, 0)), // 51; T2 T3 T4
    r("UNPK Dn,Dn,#<data>", 8, 0, 8, (0, 0, 0), 8, (0, 1, 0)), // 52; T2 T3 T4
    r("PACK/UNPK -(An),-(An),#<data>", 2, 1, 11, (1, 0, 1), 11, (1, 1, 1)), // 53; T2 T3 T4
    // §11.6.11 Single operand, UM p. 11-44
    r("CLR/NEG/NEGX/NOT Dn", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 54; T2 T3 T4
    r("** CLR Mem (+cea)", 0, 1, 3, (0, 0, 1), 4, (0, 1, 1)), // 55; T2 T3
    r("* NEG/NEGX/NOT Mem (+fea)", 0, 1, 3, (0, 0, 1), 4, (0, 1, 1)), // 56; T2 T3
    r("EXT Dn (EXT.W, EXT.L, EXTB.L)", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 57; T2 T3 T4
    r("NBCD Dn", 0, 0, 6, (0, 0, 0), 6, (0, 1, 0)), // 58; T2 T3 T4
    r("* NBCD Mem (+fea)", 0, 1, 6, (0, 0, 1), 6, (0, 1, 1)), // 59; ? in none of T1-T5 (the 68020 UM's shape)
    r("Scc Dn", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 60; T2 T3 T4
    r("** Scc Mem (+cea)", 0, 1, 5, (0, 0, 1), 5, (0, 1, 1)), // 61; T2 T3
    r("TAS Dn", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 62; T2 T3 T4
    r("** TAS Mem (+cea)", 3, 0, 12, (1, 0, 1), 12, (1, 1, 1)), // 63; T2 T3
    r("TST Dn / * TST Mem (+fea)", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 64; T2 T3 T4
    // §11.6.12 Shift/rotate, UM p. 11-45
    r("LSd #<data>,Dy", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 65; T2 T3 T4
    r("LSd Dx,Dy (count <= size)", 6, 0, 6, (0, 0, 0), 6, (0, 1, 0)), // 66; T2 T3
    r("LSd Dx,Dy (count > size)", 8, 0, 8, (0, 0, 0), 8, (0, 1, 0)), // 67; T2 T3
    r("* LSd Mem by 1 (+fea)", 0, 0, 4, (0, 0, 1), 4, (0, 1, 1)), // 68; T2 T3
    r("ASL #<data>,Dy", 2, 0, 6, (0, 0, 0), 6, (0, 1, 0)), // 69; T2 T3 T4
    r("ASL Dx,Dy", 4, 0, 8, (0, 0, 0), 8, (0, 1, 0)), // 70; T2 T3
    r("* ASL Mem by 1 (+fea)", 0, 0, 6, (0, 0, 1), 6, (0, 1, 1)), // 71; T2 T3
    r("ASR #<data>,Dy", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 72; T2 T3 T4
    r("ASR Dx,Dy (count <= size)", 6, 0, 6, (0, 0, 0), 6, (0, 1, 0)), // 73; T2 T3
    r("ASR Dx,Dy (count > size)", 10, 0, 10, (0, 0, 0), 10, (0, 1, 0)), // 74; T2 T3
    r("* ASR Mem by 1 (+fea)", 0, 0, 4, (0, 0, 1), 4, (0, 1, 1)), // 75; T2 T3
    r("ROd #<data>,Dy", 4, 0, 6, (0, 0, 0), 6, (0, 1, 0)), // 76; T2 T3 T4
    r("ROd Dx,Dy", 6, 0, 8, (0, 0, 0), 8, (0, 1, 0)), // 77; T2 T3
    r("* ROd Mem by 1 (+fea)", 0, 0, 6, (0, 0, 1), 6, (0, 1, 1)), // 78; T2 T3
    r("ROXd Dn", 10, 0, 12, (0, 0, 0), 12, (0, 1, 0)), // 79; T2 T3 T4
    r("* ROXd Mem by 1 (+fea)", 0, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 80; T2 T3 (no write, as printed)
    // §11.6.13 Bit manipulation, UM p. 11-46
    r("BTST #<data>,Dn / BTST Dn,Dn", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 81; T2 T3 T4
    r("# BTST #<data>,Mem (+fiea) / * BTST Dn,Mem (+fea)", 0, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 82; T2 T3 T4
    r("BCHG/BCLR/BSET #<data>,Dn / Dn,Dn", 6, 0, 6, (0, 0, 0), 6, (0, 1, 0)), // 83; T2 T3 T4
    r("# BCHG/BCLR/BSET #<data>,Mem (+fiea) / * Dn,Mem (+fea)", 0, 0, 6, (0, 0, 1), 6, (0, 1, 1)), // 84; T2 T3 T4
    // §11.6.14 Bit field, UM p. 11-47 (Mem: + ciea; the 5-byte row follows the <5 one)
    r("BFTST Dn", 8, 0, 8, (0, 0, 0), 8, (0, 1, 0)), // 85; T2 T3
    r("BFCHG/BFCLR/BFSET Dn", 14, 0, 14, (0, 0, 0), 14, (0, 1, 0)), // 86; T2 T3
    r("BFEXTS/BFEXTU Dn", 10, 0, 10, (0, 0, 0), 10, (0, 1, 0)), // 87; T2 T3
    r("BFINS Dn", 12, 0, 12, (0, 0, 0), 12, (0, 1, 0)), // 88; T2 T3
    r("BFFFO Dn", 20, 0, 20, (0, 0, 0), 20, (0, 1, 0)), // 89; T2 T3
    r("* BFTST Mem (< 5 bytes)", 6, 0, 10, (1, 0, 0), 10, (1, 1, 0)), // 90; T2 T3
    r("* BFTST Mem (5 bytes)", 6, 0, 14, (2, 0, 0), 14, (2, 1, 0)), // 91; T2 T3
    r("* BFCHG/BFCLR/BFSET Mem (< 5 bytes)", 6, 0, 14, (1, 0, 1), 14, (1, 1, 1)), // 92; T2 T3
    r("* BFCHG/BFCLR/BFSET Mem (5 bytes)", 6, 0, 22, (2, 0, 2), 22, (2, 1, 2)), // 93; T2 T3
    r("* BFEXTS/BFEXTU Mem (< 5 bytes)", 6, 0, 12, (1, 0, 0), 12, (1, 1, 0)), // 94; T2 T3
    r("* BFEXTS/BFEXTU Mem (5 bytes)", 6, 0, 18, (2, 0, 0), 18, (2, 1, 0)), // 95; T2 T3
    r("* BFINS Mem (< 5 bytes)", 6, 0, 12, (1, 0, 1), 12, (1, 1, 1)), // 96; T2 T3
    r("* BFINS Mem (5 bytes)", 6, 0, 18, (2, 0, 2), 18, (2, 1, 2)), // 97; T2 T3
    r("* BFFFO Mem (< 5 bytes)", 6, 0, 22, (1, 0, 0), 22, (1, 1, 0)), // 98; T2 T3
    r("* BFFFO Mem (5 bytes)", 6, 0, 28, (2, 0, 0), 28, (2, 1, 0)), // 99; T2 T3
    // §11.6.15 Conditional branch, UM p. 11-48 (complete times)
    r("Bcc (taken)", 6, 0, 6, (0, 0, 0), 8, (0, 2, 0)), // 100; T2 T3 T4
    r("Bcc.B (not taken)", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 101; T2 T3 T4
    r("Bcc.W (not taken)", 6, 0, 6, (0, 0, 0), 6, (0, 1, 0)), // 102; T2 T3 T4
    r("Bcc.L (not taken)", 6, 0, 6, (0, 0, 0), 8, (0, 2, 0)), // 103; T2 T3 T4
    r("DBcc (cc false, count not expired)", 6, 0, 6, (0, 0, 0), 8, (0, 2, 0)), // 104; T2 T3 T4
    r("DBcc (cc false, count expired)", 10, 0, 10, (0, 0, 0), 13, (0, 3, 0)), // 105; T2 T3 T4
    r("DBcc (cc true)", 6, 0, 6, (0, 0, 0), 8, (0, 1, 0)), // 106; T2 T3 T4
    // §11.6.16 Control, UM p. 11-49
    r("ANDI/EORI/ORI to SR / to CCR", 4, 0, 12, (0, 0, 0), 14, (0, 2, 0)), // 107; T2 T3 T4
    r("BSR", 2, 0, 6, (0, 0, 1), 9, (0, 2, 1)), // 108; T2 T3 T4
    r("## CAS (successful compare) (+ciea)", 1, 0, 13, (1, 0, 1), 13, (1, 1, 1)), // 109; T2 T3
    r("## CAS (unsuccessful compare) (+ciea)", 1, 0, 11, (1, 0, 0), 11, (1, 1, 0)), // 110; T2 T3
    r("CAS2 (successful compare) (maximum)", 2, 0, 24, (2, 0, 2), 26, (2, 2, 2)), // 111; T2 T3
    r("CAS2 (unsuccessful compare) (maximum)", 2, 0, 24, (2, 0, 0), 24, (2, 2, 0)), // 112; T2 T3
    r("CHK Dn,Dn (no exception)", 8, 0, 8, (0, 0, 0), 8, (0, 1, 0)), // 113; T2 T3
    r("* CHK EA,Dn (no exception) (+fea)", 0, 0, 8, (0, 0, 0), 8, (0, 1, 0)), // 114; T2
    r("# CHK2 Mem,Rn (no exception) (+fiea; maximum)", 2, 0, 18, (1, 0, 0), 18, (1, 1, 0)), // 115; T2 T3
    r("% JMP (+jea)", 4, 0, 4, (0, 0, 0), 6, (0, 2, 0)), // 116; T2 T3
    r("% JSR (+jea)", 0, 0, 4, (0, 0, 1), 7, (0, 2, 1)), // 117; T2 T3
    r("** LEA (+cea)", 2, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 118; T2 T3
    r("LINK.W", 0, 0, 4, (0, 0, 1), 5, (0, 1, 1)), // 119; T2 T3 T4
    r("LINK.L", 2, 0, 6, (0, 0, 1), 7, (0, 2, 1)), // 120; T2 T3 T4
    r("NOP", 0, 0, 2, (0, 0, 0), 2, (0, 1, 0)), // 121; T2 T3 T4
    r("** PEA (+cea)", 0, 2, 4, (0, 0, 1), 4, (0, 1, 1)), // 122; T2 T3
    r("RTD", 2, 0, 10, (1, 0, 0), 12, (1, 2, 0)), // 123; T2 T3 T4
    r("RTR", 1, 0, 12, (2, 0, 0), 14, (2, 2, 0)), // 124; T2 T3 T4
    r("RTS", 1, 0, 9, (1, 0, 0), 11, (1, 2, 0)), // 125; T2 T3 T4
    r("UNLK", 0, 0, 5, (1, 0, 0), 5, (1, 1, 0)), // 126; T2 T3 T4
    // §11.6.17 Exception-related instructions, UM p. 11-50
    r("TRAPcc / TRAPV (no trap)", 4, 0, 4, (0, 0, 0), 4, (0, 1, 0)), // 127; T2 only ?
    r("TRAPcc.W (no trap)", 6, 0, 6, (0, 0, 0), 6, (0, 1, 0)), // 128; T2 only ?
    r("TRAPcc.L (no trap)", 8, 0, 8, (0, 0, 0), 8, (0, 2, 0)), // 129; T2 only ?
    r("STOP", 0, 0, 8, (0, 0, 0), 8, (0, 2, 0)), // 130; T2 only ?
    r("RESET", 0, 0, 518, (0, 0, 0), 518, (0, 1, 0)), // 131; T2 T4
    r("RTE (format $0, four-word frame)", 1, 0, 18, (4, 0, 0), 20, (4, 2, 0)), // 132; T2 only ?
    r("(unclassified: the core's own figure)", 0, 0, 0, (0, 0, 0), 0, (0, 0, 0)), // 133; not a manual line
    r("PMOVE/PFLUSH/PTEST (MMU)", 0, 0, 16, (0, 0, 0), 18, (0, 2, 0)), // 134; ? in none of T1-T5
    // Coprocessor (68882) save/restore: ? in none of T1-T5
    r("FSAVE (idle, 60 bytes)", 2, 0, 42, (0, 0, 15), 44, (0, 1, 15)), // 135; ?
    r("FSAVE (null)", 2, 0, 13, (0, 0, 1), 14, (0, 1, 1)), // 136; ?
    r("FRESTORE (+fea)", 2, 0, 20, (1, 0, 0), 21, (1, 1, 0)), // 137; ?
];

/// Indices into [`INSN`].
pub mod i {
    pub const EXG: usize = 0;
    pub const MOVEC_FROM: usize = 1;
    pub const MOVEC_TO_A: usize = 2;
    pub const MOVEC_TO_B: usize = 3;
    pub const MOVE_FROM_SR_DN: usize = 4;
    pub const MOVE_FROM_SR_MEM: usize = 5;
    pub const MOVE_TO_CCR_DN: usize = 6;
    pub const MOVE_TO_CCR: usize = 7;
    pub const MOVE_TO_SR: usize = 8;
    pub const MOVEM_TO_REGS: usize = 9;
    pub const MOVEM_TO_MEM: usize = 10;
    pub const MOVEP_W_TO_MEM: usize = 11;
    pub const MOVEP_W_TO_REG: usize = 12;
    pub const MOVEP_L_TO_MEM: usize = 13;
    pub const MOVEP_L_TO_REG: usize = 14;
    pub const MOVES_TO_REG: usize = 15;
    pub const MOVES_TO_MEM: usize = 16;
    pub const MOVE_USP: usize = 17;
    pub const SWAP: usize = 18;
    pub const ALU_RN_DN: usize = 19;
    pub const ADDA_W_RN: usize = 20;
    pub const ADDA_L_RN: usize = 21;
    pub const ALU_EA_DN: usize = 22;
    pub const ADDA_W_EA: usize = 23;
    pub const ADDA_L_EA: usize = 24;
    pub const ALU_DN_MEM: usize = 25;
    pub const CMPA_RN: usize = 26;
    pub const CMPA_EA: usize = 27;
    pub const CMP2: usize = 28;
    pub const MUL_W: usize = 29;
    pub const MUL_L: usize = 30;
    pub const DIVU_W_DN: usize = 31;
    pub const DIVU_W_EA: usize = 32;
    pub const DIVS_W_DN: usize = 33;
    pub const DIVS_W_EA: usize = 34;
    pub const DIVU_L_DN: usize = 35;
    pub const DIVU_L_EA: usize = 36;
    pub const DIVS_L_DN: usize = 37;
    pub const DIVS_L_EA: usize = 38;
    pub const MOVEQ: usize = 39;
    pub const ADDQ_RN: usize = 40;
    pub const ADDQ_MEM: usize = 41;
    pub const ALUI_DN: usize = 42;
    pub const ALUI_MEM: usize = 43;
    pub const CMPI_DN: usize = 44;
    pub const CMPI_MEM: usize = 45;
    pub const ABCD_DN: usize = 46;
    pub const ABCD_MEM: usize = 47;
    pub const ADDX_DN: usize = 48;
    pub const ADDX_MEM: usize = 49;
    pub const CMPM: usize = 50;
    pub const PACK_DN: usize = 51;
    pub const UNPK_DN: usize = 52;
    pub const PACK_MEM: usize = 53;
    pub const UNARY_DN: usize = 54;
    pub const CLR_MEM: usize = 55;
    pub const UNARY_MEM: usize = 56;
    pub const EXT: usize = 57;
    pub const NBCD_DN: usize = 58;
    pub const NBCD_MEM: usize = 59;
    pub const SCC_DN: usize = 60;
    pub const SCC_MEM: usize = 61;
    pub const TAS_DN: usize = 62;
    pub const TAS_MEM: usize = 63;
    pub const TST: usize = 64;
    pub const LS_IMM: usize = 65;
    pub const LS_REG: usize = 66;
    pub const LS_REG_BIG: usize = 67;
    pub const LS_MEM: usize = 68;
    pub const ASL_IMM: usize = 69;
    pub const ASL_REG: usize = 70;
    pub const ASL_MEM: usize = 71;
    pub const ASR_IMM: usize = 72;
    pub const ASR_REG: usize = 73;
    pub const ASR_REG_BIG: usize = 74;
    pub const ASR_MEM: usize = 75;
    pub const RO_IMM: usize = 76;
    pub const RO_REG: usize = 77;
    pub const RO_MEM: usize = 78;
    pub const ROX: usize = 79;
    pub const ROX_MEM: usize = 80;
    pub const BTST_DN: usize = 81;
    pub const BTST_MEM: usize = 82;
    pub const BCHG_DN: usize = 83;
    pub const BCHG_MEM: usize = 84;
    pub const BFTST_DN: usize = 85;
    pub const BFCHG_DN: usize = 86;
    pub const BFEXT_DN: usize = 87;
    pub const BFINS_DN: usize = 88;
    pub const BFFFO_DN: usize = 89;
    pub const BFTST_MEM: usize = 90;
    pub const BFCHG_MEM: usize = 92;
    pub const BFEXT_MEM: usize = 94;
    pub const BFINS_MEM: usize = 96;
    pub const BFFFO_MEM: usize = 98;
    pub const BCC_TAKEN: usize = 100;
    pub const BCC_B_NOT: usize = 101;
    pub const BCC_W_NOT: usize = 102;
    pub const BCC_L_NOT: usize = 103;
    pub const DBCC_LOOP: usize = 104;
    pub const DBCC_EXPIRED: usize = 105;
    pub const DBCC_TRUE: usize = 106;
    pub const TO_SR: usize = 107;
    pub const BSR: usize = 108;
    pub const CAS_OK: usize = 109;
    pub const CAS_FAIL: usize = 110;
    pub const CAS2_OK: usize = 111;
    pub const CAS2_FAIL: usize = 112;
    pub const CHK_DN: usize = 113;
    pub const CHK_EA: usize = 114;
    pub const CHK2: usize = 115;
    pub const JMP: usize = 116;
    pub const JSR: usize = 117;
    pub const LEA: usize = 118;
    pub const LINK_W: usize = 119;
    pub const LINK_L: usize = 120;
    pub const NOP: usize = 121;
    pub const PEA: usize = 122;
    pub const RTD: usize = 123;
    pub const RTR: usize = 124;
    pub const RTS: usize = 125;
    pub const UNLK: usize = 126;
    pub const TRAPCC: usize = 127;
    pub const TRAPCC_W: usize = 128;
    pub const TRAPCC_L: usize = 129;
    pub const STOP: usize = 130;
    pub const RESET: usize = 131;
    pub const RTE: usize = 132;
    pub const UNKNOWN: usize = 133;
    pub const MMU: usize = 134;
    pub const FSAVE_IDLE: usize = 135;
    pub const FSAVE_NULL: usize = 136;
    pub const FRESTORE: usize = 137;
    pub const COUNT: usize = 138;
}

/// §11.6.17 Exception-related operations, UM p. 11-50, and §11.6.18 bus faults, UM
/// p. 11-51: exception processing times, each the whole exception (it replaces the
/// instruction's own time) unless the line says "extra".
#[rustfmt::skip]
mod exc {
    use super::{r, Row};
    pub const BUS_ERROR: Row = r("Bus fault, long ($B frame)", 0, 0, 62, (1, 0, 24), 64, (1, 2, 24)); // 11-51; T2 only ?
    #[allow(dead_code)] // the emulator is not told the frame format (see the docs)
    pub const BUS_ERROR_SHORT: Row = r("Bus fault, short ($A frame)", 0, 0, 36, (1, 0, 10), 38, (1, 2, 10)); // 11-51; T2 only ?
    pub const ADDRESS_ERROR: Row = r("Address error (as the short bus fault)", 0, 0, 36, (1, 0, 10), 38, (1, 2, 10)); // ? no manual line in T1-T5
    pub const INTERRUPT: Row = r("Interrupt (I-stack)", 0, 0, 23, (2, 0, 4), 24, (2, 2, 4)); // 11-50; T2 only ?
    pub const TRAP: Row = r("TRAP #n", 0, 0, 18, (1, 0, 4), 20, (1, 2, 4)); // 11-50; T2 only ?
    pub const ILLEGAL: Row = r("Illegal instruction", 0, 0, 18, (1, 0, 4), 20, (1, 2, 4)); // 11-50; T2 only ?
    pub const LINE: Row = r("A-line trap / F-line trap", 0, 0, 18, (1, 0, 4), 20, (1, 2, 4)); // 11-50; T2 only ?
    pub const PRIVILEGE: Row = r("Privilege violation", 0, 0, 18, (1, 0, 4), 20, (1, 2, 4)); // 11-50; T2 only ?
    pub const TRACE: Row = r("TRACE (extra, after the instruction)", 0, 0, 22, (1, 0, 5), 24, (1, 2, 5)); // 11-50; T2 only ?
    pub const ZERO_DIVIDE: Row = r("Divide by zero (extra; as TRAP #n)", 0, 0, 18, (1, 0, 4), 20, (1, 2, 4)); // ? no manual line in T1-T5
    pub const CHK: Row = r("CHK (exception taken) 28/30 less CHK 8/8 (extra)", 0, 0, 20, (1, 0, 4), 22, (1, 2, 4)); // 11-49; T2 T3
    pub const TRAPCC: Row = r("TRAPcc/TRAPV (trap) 22/24 less no trap 4/4 (extra)", 0, 0, 18, (1, 0, 5), 20, (1, 1, 5)); // 11-50; T2 only ?
    pub const FORMAT: Row = r("Format error (as TRAP #n)", 0, 0, 18, (1, 0, 4), 20, (1, 2, 4)); // ? no manual line in T1-T5
}
pub use exc::{
    ADDRESS_ERROR as EXC_ADDRESS_ERROR, BUS_ERROR as EXC_BUS_ERROR, CHK as EXC_CHK,
    FORMAT as EXC_FORMAT, ILLEGAL as EXC_ILLEGAL, INTERRUPT as EXC_INTERRUPT, LINE as EXC_LINE,
    PRIVILEGE as EXC_PRIVILEGE, TRACE as EXC_TRACE, TRAP as EXC_TRAP, TRAPCC as EXC_TRAPCC,
    ZERO_DIVIDE as EXC_ZERO_DIVIDE,
};

/// §11.6.18 RTE by the format of the frame it pops, UM p. 11-51.
#[rustfmt::skip]
pub const RTE_FORMAT: [(u8, Row); 6] = [
    (0x0, r("RTE four-word frame ($0)", 1, 0, 18, (4, 0, 0), 20, (4, 2, 0))), // 11-51; T2 only ?
    (0x1, r("RTE throwaway frame ($1)", 1, 0, 12, (4, 0, 0), 12, (4, 0, 0))), // 11-51; T2 only ?
    (0x2, r("RTE six-word frame ($2)", 1, 0, 18, (4, 0, 0), 20, (4, 2, 0))), // 11-51; T2 only ?
    (0x9, r("RTE coprocessor mid-instruction frame ($9)", 1, 0, 26, (7, 0, 0), 26, (7, 2, 0))), // 11-51; T2 only ?
    (0xA, r("RTE short bus fault frame ($A)", 1, 0, 36, (10, 0, 0), 26, (10, 2, 0))), // 11-51; T2 only ? (no-cache 26 < cache 36 as printed)
    (0xB, r("RTE long bus fault frame ($B)", 1, 0, 76, (25, 0, 0), 76, (25, 2, 0))), // 11-51; T2 only ?
];

/// MC68030 coprocessor interface overhead (cpGEN, 68030 side). ? in none of T1–T5.
pub const FP_CP_OVERHEAD: Row = r(
    "cpGEN protocol (68030 side)",
    0,
    0,
    4,
    (0, 0, 2),
    5,
    (0, 1, 2),
); // ?
/// 68882 operation times by the opmode class (register to register, MC68882 UM §8
/// typical figures; ? in none of T1–T5).
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
