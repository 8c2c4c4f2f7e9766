//! Instruction timing against the MC68030 UM §11.6 tables, in `Table` mode.
//!
//! The expected figures are the manual's, transcribed in the `um` module below (one
//! constant per manual line: page, line, I-cache case clocks (reads/prefetches/writes),
//! no-cache case clocks (r/p/w)), independently of `src/timing/tables.rs`. Each case
//! names the manual lines its time is composed of by the manual's rules (an EA table row
//! — fea §11.6.1, fiea §11.6.2, cea §11.6.3, ciea §11.6.4, jea §11.6.5 — then the
//! instruction's row; MOVEM adds 4n or 2n clocks). The program is the instruction
//! followed by `bra.w start`, assembled by the project assembler (`qasm::assemble_str`);
//! the case also holds the words GNU as (`m68k-linux-gnu-as -m68030`) produces, and the
//! test checks qasm gives the same. `tests/tools/gen_timing_cases.py` emits the rows
//! (words and the names of the manual lines; it holds no figure).
//!
//! Checked for every case:
//! - caches off, 0 wait states: clocks == the sum of the no-cache figures;
//! - I-cache warm (second pass through the loop), D-cache off, 0 wait states:
//!   clocks == the sum of the I-cache figures, data bus cycles == their reads + writes;
//! - with 1 wait state, each is larger by exactly one clock per external bus cycle the
//!   instruction made.
mod common;
use common::TestMachine;
use emulator::{Config, Counters, Emulator, Registers, TimingMode, Tracer};
use std::cell::RefCell;
use std::rc::Rc;

/// One manual line: (page and line, I-cache clocks, its (r, p, w), no-cache clocks,
/// its (r, p, w)).
struct M(&'static str, u32, (u32, u32, u32), u32, (u32, u32, u32));

/// The MC68030 UM §11.6 lines the cases use. Figures as printed (checked against the
/// public transcriptions listed in `docs/timing-model.md`).
#[rustfmt::skip]
mod um {
    use super::M;
    // §11.6.1 fea, p. 11-26/11-27
    pub const FEA_DN: M = M("11-26 fea Dn", 0, (0, 0, 0), 0, (0, 0, 0));
    pub const FEA_IND: M = M("11-26 fea (An)", 3, (1, 0, 0), 3, (1, 0, 0));
    pub const FEA_POSTINC: M = M("11-26 fea (An)+", 3, (1, 0, 0), 3, (1, 0, 0));
    pub const FEA_PREDEC: M = M("11-26 fea -(An)", 4, (1, 0, 0), 4, (1, 0, 0));
    pub const FEA_D16: M = M("11-26 fea (d16,An) or (d16,PC)", 4, (1, 0, 0), 4, (1, 1, 0));
    pub const FEA_ABSW: M = M("11-26 fea (xxx).W", 4, (1, 0, 0), 4, (1, 1, 0));
    pub const FEA_ABSL: M = M("11-26 fea (xxx).L", 4, (1, 0, 0), 5, (1, 1, 0));
    pub const FEA_IMM: M = M("11-26 fea #<data>.B/.W", 2, (0, 0, 0), 2, (0, 1, 0));
    pub const FEA_IMML: M = M("11-26 fea #<data>.L", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const FEA_D8X: M = M("11-26 fea (d8,An,Xn) brief", 6, (1, 0, 0), 6, (1, 1, 0));
    pub const FEA_FULL: M = M("11-26 fea (d16,An,Xn) full", 6, (1, 0, 0), 7, (1, 1, 0));
    pub const FEA_MIND: M = M("11-27 fea ([d16,An])", 10, (2, 0, 0), 10, (2, 1, 0));
    // §11.6.2 fiea, p. 11-28/11-29
    pub const FIEA_W_DN: M = M("11-28 fiea #<data>.W,Dn", 2, (0, 0, 0), 2, (0, 1, 0));
    pub const FIEA_L_DN: M = M("11-28 fiea #<data>.L,Dn", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const FIEA_W_IND: M = M("11-28 fiea #<data>.W,(An)", 3, (1, 0, 0), 4, (1, 1, 0));
    pub const FIEA_L_IND: M = M("11-28 fiea #<data>.L,(An)", 4, (1, 0, 0), 5, (1, 1, 0));
    pub const FIEA_W_POSTINC: M = M("11-28 fiea #<data>.W,(An)+", 5, (1, 0, 0), 5, (1, 1, 0));
    pub const FIEA_W_PREDEC: M = M("11-28 fiea #<data>.W,-(An)", 4, (1, 0, 0), 4, (1, 1, 0));
    pub const FIEA_W_D16: M = M("11-28 fiea #<data>.W,(d16,An)", 4, (1, 0, 0), 5, (1, 1, 0));
    pub const FIEA_L_D16: M = M("11-28 fiea #<data>.L,(d16,An)", 6, (1, 0, 0), 8, (1, 2, 0));
    pub const FIEA_W_ABSL: M = M("11-28 fiea #<data>.W,$xxx.L", 6, (1, 0, 0), 7, (1, 2, 0));
    pub const FIEA_W_D8X: M = M("11-28 fiea #<data>.W,(d8,An,Xn)", 8, (1, 0, 0), 8, (1, 2, 0));
    // §11.6.3 cea, p. 11-30
    pub const CEA_IND: M = M("11-30 cea (An)", 2, (0, 0, 0), 2, (0, 0, 0));
    pub const CEA_D16: M = M("11-30 cea (d16,An)", 2, (0, 0, 0), 2, (0, 1, 0));
    pub const CEA_ABSW: M = M("11-30 cea (xxx).W", 2, (0, 0, 0), 2, (0, 1, 0));
    pub const CEA_ABSL: M = M("11-30 cea (xxx).L", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const CEA_D8X: M = M("11-30 cea (d8,An,Xn)", 4, (0, 0, 0), 4, (0, 1, 0));
    // §11.6.4 ciea, p. 11-33
    pub const CIEA_W_IND: M = M("11-33 ciea #<data>.W,(An)", 2, (0, 0, 0), 2, (0, 1, 0));
    pub const CIEA_W_POSTINC: M = M("11-33 ciea #<data>.W,(An)+", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const CIEA_W_PREDEC: M = M("11-33 ciea #<data>.W,-(An)", 2, (0, 0, 0), 2, (0, 1, 0));
    pub const CIEA_W_D16: M = M("11-33 ciea #<data>.W,(d16,An)", 4, (0, 0, 0), 4, (0, 1, 0));
    // §11.6.5 jea, p. 11-35
    pub const JEA_IND: M = M("11-35 jea (An)", 2, (0, 0, 0), 2, (0, 0, 0));
    pub const JEA_D16: M = M("11-35 jea (d16,An)", 4, (0, 0, 0), 4, (0, 0, 0));
    pub const JEA_ABSL: M = M("11-35 jea (xxx).L", 2, (0, 0, 0), 2, (0, 0, 0));
    // §11.6.6 MOVE, p. 11-37/11-38
    pub const MOVE_RN_DN: M = M("11-37 MOVE Rn,Dn", 2, (0, 0, 0), 2, (0, 1, 0));
    pub const MOVE_RN_AN: M = M("11-37 MOVE Rn,An", 2, (0, 0, 0), 2, (0, 1, 0));
    pub const MOVE_RN_IND: M = M("11-37 MOVE Rn,(An)", 3, (0, 0, 1), 4, (0, 1, 1));
    pub const MOVE_RN_POSTINC: M = M("11-37 MOVE Rn,(An)+", 3, (0, 0, 1), 4, (0, 1, 1));
    pub const MOVE_RN_PREDEC: M = M("11-37 MOVE Rn,-(An)", 4, (0, 0, 1), 4, (0, 1, 1));
    pub const MOVE_EA_DN: M = M("11-37 * MOVE EA,Dn", 2, (0, 0, 0), 2, (0, 1, 0));
    pub const MOVE_EA_AN: M = M("11-37 * MOVE EA,An", 2, (0, 0, 0), 2, (0, 1, 0));
    pub const MOVE_SRC_IND: M = M("11-37 * MOVE SOURCE,(An)", 4, (0, 0, 1), 5, (0, 1, 1));
    pub const MOVE_SRC_POSTINC: M = M("11-37 * MOVE SOURCE,(An)+", 4, (0, 0, 1), 5, (0, 1, 1));
    pub const MOVE_SRC_PREDEC: M = M("11-37 * MOVE SOURCE,-(An)", 4, (0, 0, 1), 5, (0, 1, 1));
    pub const MOVE_EA_D16: M = M("11-37 * MOVE EA,(d16,An)", 4, (0, 0, 1), 5, (0, 1, 1));
    pub const MOVE_EA_ABSW: M = M("11-37 * MOVE EA,xxx.W", 4, (0, 0, 1), 5, (0, 1, 1));
    pub const MOVE_EA_ABSL: M = M("11-37 * MOVE EA,xxx.L", 6, (0, 0, 1), 7, (0, 2, 1));
    pub const MOVE_EA_D8X: M = M("11-37 * MOVE EA,(d8,An,Xn)", 6, (0, 0, 1), 7, (0, 1, 1));
    pub const MOVE_EA_FULL: M = M("11-37 * MOVE EA,(d16,An,Xn) full", 8, (0, 0, 1), 9, (0, 2, 1));
    pub const MOVE_EA_MIND: M = M("11-38 * MOVE EA,([d16,An],Xn)", 10, (1, 0, 1), 11, (1, 2, 1));
    // §11.6.7 special-purpose MOVE, p. 11-39
    pub const EXG: M = M("11-39 EXG Ry,Rx", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const MOVEC_FROM: M = M("11-39 MOVEC Cr,Rn", 6, (0, 0, 0), 6, (0, 1, 0));
    pub const MOVEC_TO_A: M = M("11-39 MOVEC Rn,Cr-A", 6, (0, 0, 0), 6, (0, 1, 0));
    pub const MOVEC_TO_B: M = M("11-39 MOVEC Rn,Cr-B", 12, (0, 0, 0), 12, (0, 1, 0));
    pub const MOVE_SR_DN: M = M("11-39 MOVE SR,Dn", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const MOVE_SR_MEM: M = M("11-39 * MOVE SR,Mem / CCR,Mem", 4, (0, 0, 1), 5, (0, 1, 1));
    pub const MOVE_DN_CCR: M = M("11-39 MOVE Dn,CCR", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const MOVE_EA_CCR: M = M("11-39 * MOVE EA,CCR", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const MOVE_EA_SR: M = M("11-39 # MOVE EA,SR", 8, (0, 0, 0), 10, (0, 2, 0));
    pub const MOVEM_TO_REGS: M = M("11-39 % MOVEM EA,RL (8+4n)", 8, (0, 0, 0), 8, (0, 1, 0));
    pub const MOVEM_TO_MEM: M = M("11-39 % MOVEM RL,EA (4+2n)", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const MOVEP_W_TO_MEM: M = M("11-39 MOVEP.W Dn,(d16,An)", 10, (0, 0, 2), 10, (0, 1, 2));
    pub const MOVEP_L_TO_REG: M = M("11-39 MOVEP.L (d16,An),Dn", 14, (4, 0, 0), 14, (4, 1, 0));
    pub const MOVE_USP: M = M("11-39 MOVE USP,An / An,USP", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const SWAP: M = M("11-39 SWAP Dn", 4, (0, 0, 0), 4, (0, 1, 0));
    // §11.6.8 arithmetical/logical, p. 11-40/11-41
    pub const ALU_RN_DN: M = M("11-40 ADD/SUB/CMP Rn,Dn; EOR Dn,Dn", 2, (0, 0, 0), 2, (0, 1, 0));
    pub const ALU_EA_DN: M = M("11-40 * ADD/SUB/AND/OR/CMP EA,Dn", 2, (0, 0, 0), 2, (0, 1, 0));
    pub const ALU_DN_EA: M = M("11-40 * ADD/SUB/AND/OR/EOR Dn,EA", 3, (0, 0, 1), 4, (0, 1, 1));
    pub const ADDA_W_RN: M = M("11-40 ADDA.W Rn,An", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const ADDA_L_RN: M = M("11-40 ADDA.L Rn,An", 2, (0, 0, 0), 2, (0, 1, 0));
    pub const ADDA_W_EA: M = M("11-40 * ADDA.W EA,An", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const ADDA_L_EA: M = M("11-40 * SUBA.L EA,An", 2, (0, 0, 0), 2, (0, 1, 0));
    pub const CMPA_RN: M = M("11-40 CMPA Rn,An", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const CMPA_EA: M = M("11-40 * CMPA EA,An", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const CMP2: M = M("11-40 ** CMP2 EA,Rn", 20, (1, 0, 0), 20, (1, 1, 0));
    pub const CHK2: M = M("11-49 # CHK2 Mem,Rn (no exception)", 18, (1, 0, 0), 18, (1, 1, 0));
    pub const MUL_W: M = M("11-41 * MULU.W/MULS.W EA,Dn", 28, (0, 0, 0), 28, (0, 1, 0));
    pub const MUL_L: M = M("11-41 ** MULU.L/MULS.L EA,Dn", 44, (0, 0, 0), 44, (0, 1, 0));
    pub const DIVU_W_DN: M = M("11-41 DIVU.W Dn,Dn", 44, (0, 0, 0), 44, (0, 1, 0));
    pub const DIVU_W_EA: M = M("11-41 * DIVU.W EA,Dn", 44, (0, 0, 0), 44, (0, 1, 0));
    pub const DIVS_W_DN: M = M("11-41 DIVS.W Dn,Dn", 56, (0, 0, 0), 56, (0, 1, 0));
    pub const DIVU_L_DN: M = M("11-41 ** DIVU.L Dn,Dn", 78, (0, 0, 0), 78, (0, 1, 0));
    pub const DIVS_L_DN: M = M("11-41 ** DIVS.L Dn,Dn", 90, (0, 0, 0), 90, (0, 1, 0));
    pub const DIVS_L_EA: M = M("11-41 ** DIVS.L EA,Dn", 90, (0, 0, 0), 90, (0, 1, 0));
    // §11.6.9 immediate arithmetical/logical, p. 11-42
    pub const MOVEQ: M = M("11-42 MOVEQ #,Dn", 2, (0, 0, 0), 2, (0, 1, 0));
    pub const ADDQ_RN: M = M("11-42 ADDQ #,Rn", 2, (0, 0, 0), 2, (0, 1, 0));
    pub const ADDQ_MEM: M = M("11-42 * ADDQ/SUBQ #,Mem", 3, (0, 0, 1), 4, (0, 1, 1));
    pub const ALUI_DN: M = M("11-42 ** ADDI/SUBI/ANDI #,Dn", 2, (0, 0, 0), 2, (0, 1, 0));
    pub const ALUI_MEM: M = M("11-42 ** ADDI/SUBI/ORI/EORI #,Mem", 3, (0, 0, 1), 4, (0, 1, 1));
    pub const CMPI_DN: M = M("11-42 ** CMPI #,Dn", 2, (0, 0, 0), 2, (0, 1, 0));
    pub const CMPI_MEM: M = M("11-42 ** CMPI #,Mem", 2, (0, 0, 0), 2, (0, 1, 0));
    // §11.6.10 BCD and extended, p. 11-43
    pub const ABCD_DN: M = M("11-43 ABCD/SBCD Dn,Dn", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const ABCD_MEM: M = M("11-43 ABCD -(An),-(An)", 13, (2, 0, 1), 14, (2, 1, 1));
    pub const ADDX_DN: M = M("11-43 ADDX/SUBX Dn,Dn", 2, (0, 0, 0), 2, (0, 1, 0));
    pub const ADDX_MEM: M = M("11-43 ADDX -(An),-(An)", 9, (2, 0, 1), 10, (2, 1, 1));
    pub const CMPM: M = M("11-43 CMPM (An)+,(An)+", 8, (2, 0, 0), 8, (2, 1, 0));
    pub const PACK_DN: M = M("11-43 PACK Dn,Dn,#", 6, (0, 0, 0), 6, (0, 1, 0));
    pub const UNPK_DN: M = M("11-43 UNPK Dn,Dn,#", 8, (0, 0, 0), 8, (0, 1, 0));
    pub const PACK_MEM: M = M("11-43 PACK -(An),-(An),#", 11, (1, 0, 1), 11, (1, 1, 1));
    // §11.6.11 single operand, p. 11-44
    pub const UNARY_DN: M = M("11-44 CLR/NEG Dn", 2, (0, 0, 0), 2, (0, 1, 0));
    pub const CLR_MEM: M = M("11-44 ** CLR Mem", 3, (0, 0, 1), 4, (0, 1, 1));
    pub const UNARY_MEM: M = M("11-44 * NEG/NOT Mem", 3, (0, 0, 1), 4, (0, 1, 1));
    pub const EXT: M = M("11-44 EXT Dn", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const NBCD_DN: M = M("11-44 NBCD Dn", 6, (0, 0, 0), 6, (0, 1, 0));
    pub const SCC_DN: M = M("11-44 Scc Dn", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const SCC_MEM: M = M("11-44 ** Scc Mem", 5, (0, 0, 1), 5, (0, 1, 1));
    pub const TAS_DN: M = M("11-44 TAS Dn", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const TAS_MEM: M = M("11-44 ** TAS Mem", 12, (1, 0, 1), 12, (1, 1, 1));
    pub const TST: M = M("11-44 TST Dn / * TST Mem", 2, (0, 0, 0), 2, (0, 1, 0));
    // §11.6.12 shift/rotate, p. 11-45
    pub const LS_IMM: M = M("11-45 LSd #,Dy", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const LS_REG: M = M("11-45 LSd Dx,Dy (count <= size)", 6, (0, 0, 0), 6, (0, 1, 0));
    pub const LS_REG_BIG: M = M("11-45 LSd Dx,Dy (count > size)", 8, (0, 0, 0), 8, (0, 1, 0));
    pub const LS_MEM: M = M("11-45 * LSd Mem by 1", 4, (0, 0, 1), 4, (0, 1, 1));
    pub const ASL_IMM: M = M("11-45 ASL #,Dy", 6, (0, 0, 0), 6, (0, 1, 0));
    pub const ASL_REG: M = M("11-45 ASL Dx,Dy", 8, (0, 0, 0), 8, (0, 1, 0));
    pub const ASL_MEM: M = M("11-45 * ASL Mem by 1", 6, (0, 0, 1), 6, (0, 1, 1));
    pub const ASR_IMM: M = M("11-45 ASR #,Dy", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const ASR_REG: M = M("11-45 ASR Dx,Dy (count <= size)", 6, (0, 0, 0), 6, (0, 1, 0));
    pub const ASR_REG_BIG: M = M("11-45 ASR Dx,Dy (count > size)", 10, (0, 0, 0), 10, (0, 1, 0));
    pub const ASR_MEM: M = M("11-45 * ASR Mem by 1", 4, (0, 0, 1), 4, (0, 1, 1));
    pub const RO_IMM: M = M("11-45 ROd #,Dy", 6, (0, 0, 0), 6, (0, 1, 0));
    pub const RO_REG: M = M("11-45 ROd Dx,Dy", 8, (0, 0, 0), 8, (0, 1, 0));
    pub const RO_MEM: M = M("11-45 * ROd Mem by 1", 6, (0, 0, 1), 6, (0, 1, 1));
    pub const ROX: M = M("11-45 ROXd Dn", 12, (0, 0, 0), 12, (0, 1, 0));
    // §11.6.13 bit manipulation, p. 11-46
    pub const BTST_DN: M = M("11-46 BTST #,Dn / Dn,Dn", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const BTST_MEM: M = M("11-46 # BTST #,Mem / * Dn,Mem", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const BCHG_DN: M = M("11-46 BCHG/BCLR/BSET #,Dn / Dn,Dn", 6, (0, 0, 0), 6, (0, 1, 0));
    pub const BCHG_MEM: M = M("11-46 # BCLR #,Mem / * BSET Dn,Mem", 6, (0, 0, 1), 6, (0, 1, 1));
    // §11.6.14 bit field, p. 11-47
    pub const BFTST_DN: M = M("11-47 BFTST Dn", 8, (0, 0, 0), 8, (0, 1, 0));
    pub const BFCHG_DN: M = M("11-47 BFSET Dn", 14, (0, 0, 0), 14, (0, 1, 0));
    pub const BFEXT_DN: M = M("11-47 BFEXTU Dn", 10, (0, 0, 0), 10, (0, 1, 0));
    pub const BFINS_DN: M = M("11-47 BFINS Dn", 12, (0, 0, 0), 12, (0, 1, 0));
    pub const BFFFO_DN: M = M("11-47 BFFFO Dn", 20, (0, 0, 0), 20, (0, 1, 0));
    pub const BFTST_MEM: M = M("11-47 * BFTST Mem < 5 bytes", 10, (1, 0, 0), 10, (1, 1, 0));
    pub const BFCHG_MEM: M = M("11-47 * BFSET Mem < 5 bytes", 14, (1, 0, 1), 14, (1, 1, 1));
    pub const BFEXT_MEM: M = M("11-47 * BFEXTU Mem < 5 bytes", 12, (1, 0, 0), 12, (1, 1, 0));
    pub const BFEXT_MEM5: M = M("11-47 * BFEXTU Mem 5 bytes", 18, (2, 0, 0), 18, (2, 1, 0));
    // §11.6.15 conditional branch, p. 11-48
    pub const BCC_TAKEN: M = M("11-48 Bcc taken", 6, (0, 0, 0), 8, (0, 2, 0));
    pub const BCC_B_NOT: M = M("11-48 Bcc.B not taken", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const BCC_W_NOT: M = M("11-48 Bcc.W not taken", 6, (0, 0, 0), 6, (0, 1, 0));
    pub const DBCC_LOOP: M = M("11-48 DBcc cc false, count not expired", 6, (0, 0, 0), 8, (0, 2, 0));
    pub const DBCC_TRUE: M = M("11-48 DBcc cc true", 6, (0, 0, 0), 8, (0, 1, 0));
    // §11.6.16 control, p. 11-49
    pub const TO_SR: M = M("11-49 ANDI/EORI/ORI to SR/CCR", 12, (0, 0, 0), 14, (0, 2, 0));
    pub const BSR: M = M("11-49 BSR", 6, (0, 0, 1), 9, (0, 2, 1));
    pub const CAS_OK: M = M("11-49 ## CAS successful", 13, (1, 0, 1), 13, (1, 1, 1));
    pub const CAS_FAIL: M = M("11-49 ## CAS unsuccessful", 11, (1, 0, 0), 11, (1, 1, 0));
    pub const CAS2_OK: M = M("11-49 CAS2 successful", 24, (2, 0, 2), 26, (2, 2, 2));
    pub const CHK_DN: M = M("11-49 CHK Dn,Dn no exception", 8, (0, 0, 0), 8, (0, 1, 0));
    pub const CHK_EA: M = M("11-49 * CHK EA,Dn no exception", 8, (0, 0, 0), 8, (0, 1, 0));
    pub const JMP: M = M("11-49 % JMP", 4, (0, 0, 0), 6, (0, 2, 0));
    pub const JSR: M = M("11-49 % JSR", 4, (0, 0, 1), 7, (0, 2, 1));
    pub const LEA: M = M("11-49 ** LEA", 2, (0, 0, 0), 2, (0, 1, 0));
    pub const LINK_W: M = M("11-49 LINK.W", 4, (0, 0, 1), 5, (0, 1, 1));
    pub const LINK_L: M = M("11-49 LINK.L", 6, (0, 0, 1), 7, (0, 2, 1));
    pub const NOP: M = M("11-49 NOP", 2, (0, 0, 0), 2, (0, 1, 0));
    pub const PEA: M = M("11-49 ** PEA", 4, (0, 0, 1), 4, (0, 1, 1));
    pub const RTD: M = M("11-49 RTD", 10, (1, 0, 0), 12, (1, 2, 0));
    pub const RTS: M = M("11-49 RTS", 9, (1, 0, 0), 11, (1, 2, 0));
    pub const UNLK: M = M("11-49 UNLK", 5, (1, 0, 0), 5, (1, 1, 0));
    // §11.6.17 exception-related, p. 11-50
    pub const TRAPCC: M = M("11-50 TRAPcc/TRAPV no trap", 4, (0, 0, 0), 4, (0, 1, 0));
    pub const TRAPCC_W: M = M("11-50 TRAPcc.W no trap", 6, (0, 0, 0), 6, (0, 1, 0));
    pub const TRAPCC_L: M = M("11-50 TRAPcc.L no trap", 8, (0, 0, 0), 8, (0, 2, 0));
}

/// (instruction, words, manual lines, extra clocks, extra data bus cycles).
type Case = (
    &'static str,
    &'static [u16],
    &'static [&'static M],
    u32,
    u32,
);

#[rustfmt::skip]
const CASES: &[Case] = &[
    ("move.l d1,d0", &[0x2001, 0x6000, 0xFFFC], &[&um::MOVE_RN_DN], 0, 0),
    ("move.w d1,d0", &[0x3001, 0x6000, 0xFFFC], &[&um::MOVE_RN_DN], 0, 0),
    ("movea.l a1,a0", &[0x2049, 0x6000, 0xFFFC], &[&um::MOVE_RN_AN], 0, 0),
    ("move.l d0,(a0)", &[0x2080, 0x6000, 0xFFFC], &[&um::MOVE_RN_IND], 0, 0),
    ("move.l d0,(a0)+", &[0x20C0, 0x6000, 0xFFFC], &[&um::MOVE_RN_POSTINC], 0, 0),
    ("move.l d0,-(a1)", &[0x2300, 0x6000, 0xFFFC], &[&um::MOVE_RN_PREDEC], 0, 0),
    ("move.b d0,(a0)", &[0x1080, 0x6000, 0xFFFC], &[&um::MOVE_RN_IND], 0, 0),
    ("move.l d0,d1; move.l d1,d2", &[0x2200, 0x2401, 0x6000, 0xFFFA], &[&um::MOVE_RN_DN], 0, 0),
    ("move.l (a0),d0", &[0x2010, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::MOVE_EA_DN], 0, 0),
    ("move.b (a0),d0", &[0x1010, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::MOVE_EA_DN], 0, 0),
    ("move.l (a0)+,d0", &[0x2018, 0x6000, 0xFFFC], &[&um::FEA_POSTINC, &um::MOVE_EA_DN], 0, 0),
    ("move.l -(a1),d0", &[0x2021, 0x6000, 0xFFFC], &[&um::FEA_PREDEC, &um::MOVE_EA_DN], 0, 0),
    ("move.l 8(a0),d0", &[0x2028, 0x0008, 0x6000, 0xFFFA], &[&um::FEA_D16, &um::MOVE_EA_DN], 0, 0),
    ("move.l lbl(pc),d0", &[0x203A, 0x0006, 0x6000, 0xFFFA, 0x0000, 0x0000], &[&um::FEA_D16, &um::MOVE_EA_DN], 0, 0),
    ("move.l 4(a0,d2.w),d0", &[0x2030, 0x2004, 0x6000, 0xFFFA], &[&um::FEA_D8X, &um::MOVE_EA_DN], 0, 0),
    ("move.l (a0,d2.l*4),d0", &[0x2030, 0x2C00, 0x6000, 0xFFFA], &[&um::FEA_D8X, &um::MOVE_EA_DN], 0, 0),
    ("move.w 0x4000.w,d0", &[0x3038, 0x4000, 0x6000, 0xFFFA], &[&um::FEA_ABSW, &um::MOVE_EA_DN], 0, 0),
    ("move.l 0x4000.l,d0", &[0x2039, 0x0000, 0x4000, 0x6000, 0xFFF8], &[&um::FEA_ABSL, &um::MOVE_EA_DN], 0, 0),
    ("move.w #0x1234,d0", &[0x303C, 0x1234, 0x6000, 0xFFFA], &[&um::FEA_IMM, &um::MOVE_EA_DN], 0, 0),
    ("move.l #0x12345678,d0", &[0x203C, 0x1234, 0x5678, 0x6000, 0xFFF8], &[&um::FEA_IMML, &um::MOVE_EA_DN], 0, 0),
    ("move.l (0x1000,a4,d2.w),d0", &[0x2034, 0x2120, 0x1000, 0x6000, 0xFFF8], &[&um::FEA_FULL, &um::MOVE_EA_DN], 0, 0),
    ("move.l ([4,a0]),d0", &[0x2030, 0x0161, 0x0004, 0x6000, 0xFFF8], &[&um::FEA_MIND, &um::MOVE_EA_DN], 0, 0),
    ("movea.l (a0),a1", &[0x2250, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::MOVE_EA_AN], 0, 0),
    ("move.l (a0),(a1)", &[0x2290, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::MOVE_SRC_IND], 0, 0),
    ("move.l (a0)+,(a1)+", &[0x22D8, 0x6000, 0xFFFC], &[&um::FEA_POSTINC, &um::MOVE_SRC_POSTINC], 0, 0),
    ("move.l (a0),-(a1)", &[0x2310, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::MOVE_SRC_PREDEC], 0, 0),
    ("move.l #1,(a0)", &[0x20BC, 0x0000, 0x0001, 0x6000, 0xFFF8], &[&um::FEA_IMML, &um::MOVE_SRC_IND], 0, 0),
    ("move.l d0,8(a0)", &[0x2140, 0x0008, 0x6000, 0xFFFA], &[&um::FEA_DN, &um::MOVE_EA_D16], 0, 0),
    ("move.b d0,256(a0)", &[0x1140, 0x0100, 0x6000, 0xFFFA], &[&um::FEA_DN, &um::MOVE_EA_D16], 0, 0),
    ("move.w 2(a0),4(a1)", &[0x3368, 0x0002, 0x0004, 0x6000, 0xFFF8], &[&um::FEA_D16, &um::MOVE_EA_D16], 0, 0),
    ("move.l (a0),8(a1)", &[0x2350, 0x0008, 0x6000, 0xFFFA], &[&um::FEA_IND, &um::MOVE_EA_D16], 0, 0),
    ("move.l d0,4(a0,d2.w)", &[0x2180, 0x2004, 0x6000, 0xFFFA], &[&um::FEA_DN, &um::MOVE_EA_D8X], 0, 0),
    ("move.w d0,0x4000.w", &[0x31C0, 0x4000, 0x6000, 0xFFFA], &[&um::FEA_DN, &um::MOVE_EA_ABSW], 0, 0),
    ("move.l d0,0x4000.l", &[0x23C0, 0x0000, 0x4000, 0x6000, 0xFFF8], &[&um::FEA_DN, &um::MOVE_EA_ABSL], 0, 0),
    ("move.l 8(a0),0x4000.l", &[0x23E8, 0x0008, 0x0000, 0x4000, 0x6000, 0xFFF6], &[&um::FEA_D16, &um::MOVE_EA_ABSL], 0, 0),
    ("move.l d0,(0x1000,a4,d2.w)", &[0x2980, 0x2120, 0x1000, 0x6000, 0xFFF8], &[&um::FEA_DN, &um::MOVE_EA_FULL], 0, 0),
    ("move.l d0,([4,a0])", &[0x2180, 0x0161, 0x0004, 0x6000, 0xFFF8], &[&um::FEA_DN, &um::MOVE_EA_MIND], 0, 0),
    ("moveq #1,d0", &[0x7001, 0x6000, 0xFFFC], &[&um::MOVEQ], 0, 0),
    ("exg d0,d1", &[0xC141, 0x6000, 0xFFFC], &[&um::EXG], 0, 0),
    ("exg a0,a1", &[0xC149, 0x6000, 0xFFFC], &[&um::EXG], 0, 0),
    ("swap d0", &[0x4840, 0x6000, 0xFFFC], &[&um::SWAP], 0, 0),
    ("move.w sr,d0", &[0x40C0, 0x6000, 0xFFFC], &[&um::MOVE_SR_DN], 0, 0),
    ("move.w sr,(a0)", &[0x40D0, 0x6000, 0xFFFC], &[&um::CEA_IND, &um::MOVE_SR_MEM], 0, 0),
    ("move.w ccr,8(a0)", &[0x42E8, 0x0008, 0x6000, 0xFFFA], &[&um::CEA_D16, &um::MOVE_SR_MEM], 0, 0),
    ("move.w d0,ccr", &[0x44C0, 0x6000, 0xFFFC], &[&um::MOVE_DN_CCR], 0, 0),
    ("move.w (a0),ccr", &[0x44D0, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::MOVE_EA_CCR], 0, 0),
    ("move.w d5,sr", &[0x46C5, 0x6000, 0xFFFC], &[&um::FEA_DN, &um::MOVE_EA_SR], 0, 0),
    ("move.w #0x2700,sr", &[0x46FC, 0x2700, 0x6000, 0xFFFA], &[&um::FEA_IMM, &um::MOVE_EA_SR], 0, 0),
    ("move.l a0,usp", &[0x4E60, 0x6000, 0xFFFC], &[&um::MOVE_USP], 0, 0),
    ("move.l usp,a0", &[0x4E68, 0x6000, 0xFFFC], &[&um::MOVE_USP], 0, 0),
    ("movec cacr,d0", &[0x4E7A, 0x0002, 0x6000, 0xFFFA], &[&um::MOVEC_FROM], 0, 0),
    ("movec d6,vbr", &[0x4E7B, 0x6801, 0x6000, 0xFFFA], &[&um::MOVEC_TO_A], 0, 0),
    ("movec d1,sfc", &[0x4E7B, 0x1000, 0x6000, 0xFFFA], &[&um::MOVEC_TO_B], 0, 0),
    ("movem.l d0-d3,(a0)", &[0x48D0, 0x000F, 0x6000, 0xFFFA], &[&um::CIEA_W_IND, &um::MOVEM_TO_MEM], 8, 4),
    ("movem.l (a0)+,d0-d3", &[0x4CD8, 0x000F, 0x6000, 0xFFFA], &[&um::CIEA_W_POSTINC, &um::MOVEM_TO_REGS], 16, 4),
    ("movem.l d0-d3/a0-a1,-(a7)", &[0x48E7, 0xF0C0, 0x6000, 0xFFFA], &[&um::CIEA_W_PREDEC, &um::MOVEM_TO_MEM], 12, 6),
    ("movem.w 8(a0),d0-d1", &[0x4CA8, 0x0003, 0x0008, 0x6000, 0xFFF8], &[&um::CIEA_W_D16, &um::MOVEM_TO_REGS], 8, 2),
    ("movep.w d0,0(a0)", &[0x0188, 0x0000, 0x6000, 0xFFFA], &[&um::MOVEP_W_TO_MEM], 0, 0),
    ("movep.l 0(a0),d0", &[0x0148, 0x0000, 0x6000, 0xFFFA], &[&um::MOVEP_L_TO_REG], 0, 0),
    ("add.l d1,d0", &[0xD081, 0x6000, 0xFFFC], &[&um::ALU_RN_DN], 0, 0),
    ("sub.l d1,d0", &[0x9081, 0x6000, 0xFFFC], &[&um::ALU_RN_DN], 0, 0),
    ("eor.l d1,d0", &[0xB380, 0x6000, 0xFFFC], &[&um::ALU_RN_DN], 0, 0),
    ("cmp.l d1,d0", &[0xB081, 0x6000, 0xFFFC], &[&um::ALU_RN_DN], 0, 0),
    ("add.l (a0),d0", &[0xD090, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::ALU_EA_DN], 0, 0),
    ("or.l (a0),d0", &[0x8090, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::ALU_EA_DN], 0, 0),
    ("and.l (a0)+,d0", &[0xC098, 0x6000, 0xFFFC], &[&um::FEA_POSTINC, &um::ALU_EA_DN], 0, 0),
    ("add.w 2(a0),d0", &[0xD068, 0x0002, 0x6000, 0xFFFA], &[&um::FEA_D16, &um::ALU_EA_DN], 0, 0),
    ("cmp.l (a0),d0", &[0xB090, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::ALU_EA_DN], 0, 0),
    ("cmp.w 0x4000.w,d0", &[0xB078, 0x4000, 0x6000, 0xFFFA], &[&um::FEA_ABSW, &um::ALU_EA_DN], 0, 0),
    ("adda.l #500,a0", &[0xD1FC, 0x0000, 0x01F4, 0x6000, 0xFFF8], &[&um::FEA_IMML, &um::ADDA_L_EA], 0, 0),
    ("add.l d0,(a0)", &[0xD190, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::ALU_DN_EA], 0, 0),
    ("eor.l d0,(a0)", &[0xB190, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::ALU_DN_EA], 0, 0),
    ("and.w d0,(a0)+", &[0xC158, 0x6000, 0xFFFC], &[&um::FEA_POSTINC, &um::ALU_DN_EA], 0, 0),
    ("or.l d0,-(a1)", &[0x81A1, 0x6000, 0xFFFC], &[&um::FEA_PREDEC, &um::ALU_DN_EA], 0, 0),
    ("sub.l d0,8(a0)", &[0x91A8, 0x0008, 0x6000, 0xFFFA], &[&um::FEA_D16, &um::ALU_DN_EA], 0, 0),
    ("adda.l d1,a0", &[0xD1C1, 0x6000, 0xFFFC], &[&um::ADDA_L_RN], 0, 0),
    ("adda.w d1,a0", &[0xD0C1, 0x6000, 0xFFFC], &[&um::ADDA_W_RN], 0, 0),
    ("adda.w (a0),a1", &[0xD2D0, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::ADDA_W_EA], 0, 0),
    ("suba.l (a0),a1", &[0x93D0, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::ADDA_L_EA], 0, 0),
    ("cmpa.l a1,a0", &[0xB1C9, 0x6000, 0xFFFC], &[&um::CMPA_RN], 0, 0),
    ("cmpa.l (a1),a0", &[0xB1D1, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::CMPA_EA], 0, 0),
    ("mulu.w d1,d0", &[0xC0C1, 0x6000, 0xFFFC], &[&um::FEA_DN, &um::MUL_W], 0, 0),
    ("muls.w (a0),d0", &[0xC1D0, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::MUL_W], 0, 0),
    ("mulu.l d1,d0", &[0x4C01, 0x0000, 0x6000, 0xFFFA], &[&um::FIEA_W_DN, &um::MUL_L], 0, 0),
    ("muls.l (a0),d0", &[0x4C10, 0x0800, 0x6000, 0xFFFA], &[&um::FIEA_W_IND, &um::MUL_L], 0, 0),
    ("divu.w d1,d0", &[0x80C1, 0x6000, 0xFFFC], &[&um::DIVU_W_DN], 0, 0),
    ("divs.w d1,d0", &[0x81C1, 0x6000, 0xFFFC], &[&um::DIVS_W_DN], 0, 0),
    ("divu.w 2(a0),d0", &[0x80E8, 0x0002, 0x6000, 0xFFFA], &[&um::FEA_D16, &um::DIVU_W_EA], 0, 0),
    ("divu.l d1,d0", &[0x4C41, 0x0000, 0x6000, 0xFFFA], &[&um::FIEA_W_DN, &um::DIVU_L_DN], 0, 0),
    ("divs.l d1,d0", &[0x4C41, 0x0800, 0x6000, 0xFFFA], &[&um::FIEA_W_DN, &um::DIVS_L_DN], 0, 0),
    ("divs.l (a0),d0", &[0x4C50, 0x0800, 0x6000, 0xFFFA], &[&um::FIEA_W_IND, &um::DIVS_L_EA], 0, 0),
    ("cmp2.l (a0),d1", &[0x04D0, 0x1000, 0x6000, 0xFFFA], &[&um::FIEA_W_IND, &um::CMP2], 0, 0),
    ("chk2.l (a0),d6", &[0x04D0, 0x6800, 0x6000, 0xFFFA], &[&um::FIEA_W_IND, &um::CHK2], 0, 0),
    ("addq.l #1,d0", &[0x5280, 0x6000, 0xFFFC], &[&um::ADDQ_RN], 0, 0),
    ("addq.l #1,a0", &[0x5288, 0x6000, 0xFFFC], &[&um::ADDQ_RN], 0, 0),
    ("addq.w #1,(a0)", &[0x5250, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::ADDQ_MEM], 0, 0),
    ("subq.l #1,(a0)+", &[0x5398, 0x6000, 0xFFFC], &[&um::FEA_POSTINC, &um::ADDQ_MEM], 0, 0),
    ("andi.b #1,d0", &[0x0200, 0x0001, 0x6000, 0xFFFA], &[&um::FIEA_W_DN, &um::ALUI_DN], 0, 0),
    ("subi.w #0x100,d0", &[0x0440, 0x0100, 0x6000, 0xFFFA], &[&um::FIEA_W_DN, &um::ALUI_DN], 0, 0),
    ("addi.l #1,d0", &[0x0680, 0x0000, 0x0001, 0x6000, 0xFFF8], &[&um::FIEA_L_DN, &um::ALUI_DN], 0, 0),
    ("addi.w #1,(a0)", &[0x0650, 0x0001, 0x6000, 0xFFFA], &[&um::FIEA_W_IND, &um::ALUI_MEM], 0, 0),
    ("subi.l #1,(a0)", &[0x0490, 0x0000, 0x0001, 0x6000, 0xFFF8], &[&um::FIEA_L_IND, &um::ALUI_MEM], 0, 0),
    ("ori.w #1,8(a0)", &[0x0068, 0x0001, 0x0008, 0x6000, 0xFFF8], &[&um::FIEA_W_D16, &um::ALUI_MEM], 0, 0),
    ("eori.l #1,8(a0)", &[0x0AA8, 0x0000, 0x0001, 0x0008, 0x6000, 0xFFF6], &[&um::FIEA_L_D16, &um::ALUI_MEM], 0, 0),
    ("andi.w #1,(a0)+", &[0x0258, 0x0001, 0x6000, 0xFFFA], &[&um::FIEA_W_POSTINC, &um::ALUI_MEM], 0, 0),
    ("ori.w #1,-(a1)", &[0x0061, 0x0001, 0x6000, 0xFFFA], &[&um::FIEA_W_PREDEC, &um::ALUI_MEM], 0, 0),
    ("addi.w #1,4(a0,d2.w)", &[0x0670, 0x0001, 0x2004, 0x6000, 0xFFF8], &[&um::FIEA_W_D8X, &um::ALUI_MEM], 0, 0),
    ("addi.w #1,0x4000.l", &[0x0679, 0x0001, 0x0000, 0x4000, 0x6000, 0xFFF6], &[&um::FIEA_W_ABSL, &um::ALUI_MEM], 0, 0),
    ("cmpi.l #1,d0", &[0x0C80, 0x0000, 0x0001, 0x6000, 0xFFF8], &[&um::FIEA_L_DN, &um::CMPI_DN], 0, 0),
    ("cmpi.w #1,(a0)", &[0x0C50, 0x0001, 0x6000, 0xFFFA], &[&um::FIEA_W_IND, &um::CMPI_MEM], 0, 0),
    ("abcd d1,d0", &[0xC101, 0x6000, 0xFFFC], &[&um::ABCD_DN], 0, 0),
    ("sbcd d1,d0", &[0x8101, 0x6000, 0xFFFC], &[&um::ABCD_DN], 0, 0),
    ("abcd -(a1),-(a0)", &[0xC109, 0x6000, 0xFFFC], &[&um::ABCD_MEM], 0, 0),
    ("addx.l d1,d0", &[0xD181, 0x6000, 0xFFFC], &[&um::ADDX_DN], 0, 0),
    ("subx.l d1,d0", &[0x9181, 0x6000, 0xFFFC], &[&um::ADDX_DN], 0, 0),
    ("addx.l -(a1),-(a0)", &[0xD189, 0x6000, 0xFFFC], &[&um::ADDX_MEM], 0, 0),
    ("cmpm.l (a0)+,(a1)+", &[0xB388, 0x6000, 0xFFFC], &[&um::CMPM], 0, 0),
    ("pack d0,d1,#0", &[0x8340, 0x0000, 0x6000, 0xFFFA], &[&um::PACK_DN], 0, 0),
    ("unpk d0,d1,#0", &[0x8380, 0x0000, 0x6000, 0xFFFA], &[&um::UNPK_DN], 0, 0),
    ("pack -(a0),-(a1),#0", &[0x8348, 0x0000, 0x6000, 0xFFFA], &[&um::PACK_MEM], 0, 0),
    ("clr.l d0", &[0x4280, 0x6000, 0xFFFC], &[&um::UNARY_DN], 0, 0),
    ("neg.l d0", &[0x4480, 0x6000, 0xFFFC], &[&um::UNARY_DN], 0, 0),
    ("clr.l (a0)", &[0x4290, 0x6000, 0xFFFC], &[&um::CEA_IND, &um::CLR_MEM], 0, 0),
    ("clr.w 8(a0)", &[0x4268, 0x0008, 0x6000, 0xFFFA], &[&um::CEA_D16, &um::CLR_MEM], 0, 0),
    ("neg.l (a0)", &[0x4490, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::UNARY_MEM], 0, 0),
    ("not.w 2(a0)", &[0x4668, 0x0002, 0x6000, 0xFFFA], &[&um::FEA_D16, &um::UNARY_MEM], 0, 0),
    ("ext.l d0", &[0x48C0, 0x6000, 0xFFFC], &[&um::EXT], 0, 0),
    ("extb.l d0", &[0x49C0, 0x6000, 0xFFFC], &[&um::EXT], 0, 0),
    ("nbcd d0", &[0x4800, 0x6000, 0xFFFC], &[&um::NBCD_DN], 0, 0),
    ("scs d0", &[0x55C0, 0x6000, 0xFFFC], &[&um::SCC_DN], 0, 0),
    ("scc (a0)", &[0x54D0, 0x6000, 0xFFFC], &[&um::CEA_IND, &um::SCC_MEM], 0, 0),
    ("tas d0", &[0x4AC0, 0x6000, 0xFFFC], &[&um::TAS_DN], 0, 0),
    ("tas (a0)", &[0x4AD0, 0x6000, 0xFFFC], &[&um::CEA_IND, &um::TAS_MEM], 0, 0),
    ("tst.l d0", &[0x4A80, 0x6000, 0xFFFC], &[&um::TST], 0, 0),
    ("tst.l (a0)", &[0x4A90, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::TST], 0, 0),
    ("lsl.l #2,d0", &[0xE588, 0x6000, 0xFFFC], &[&um::LS_IMM], 0, 0),
    ("lsr.l d1,d0", &[0xE2A8, 0x6000, 0xFFFC], &[&um::LS_REG], 0, 0),
    ("lsr.b d1,d0", &[0xE228, 0x6000, 0xFFFC], &[&um::LS_REG_BIG], 0, 0),
    ("lsl.w (a0)", &[0xE3D0, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::LS_MEM], 0, 0),
    ("asl.l #1,d0", &[0xE380, 0x6000, 0xFFFC], &[&um::ASL_IMM], 0, 0),
    ("asl.l d2,d0", &[0xE5A0, 0x6000, 0xFFFC], &[&um::ASL_REG], 0, 0),
    ("asl.w (a0)", &[0xE1D0, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::ASL_MEM], 0, 0),
    ("asr.l #1,d0", &[0xE280, 0x6000, 0xFFFC], &[&um::ASR_IMM], 0, 0),
    ("asr.l d2,d0", &[0xE4A0, 0x6000, 0xFFFC], &[&um::ASR_REG], 0, 0),
    ("asr.w d4,d0", &[0xE860, 0x6000, 0xFFFC], &[&um::ASR_REG_BIG], 0, 0),
    ("asr.w (a0)", &[0xE0D0, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::ASR_MEM], 0, 0),
    ("rol.l #1,d0", &[0xE398, 0x6000, 0xFFFC], &[&um::RO_IMM], 0, 0),
    ("ror.l d2,d0", &[0xE4B8, 0x6000, 0xFFFC], &[&um::RO_REG], 0, 0),
    ("ror.w (a0)", &[0xE6D0, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::RO_MEM], 0, 0),
    ("roxl.l #1,d0", &[0xE390, 0x6000, 0xFFFC], &[&um::ROX], 0, 0),
    ("btst #1,d0", &[0x0800, 0x0001, 0x6000, 0xFFFA], &[&um::BTST_DN], 0, 0),
    ("btst d1,d0", &[0x0300, 0x6000, 0xFFFC], &[&um::BTST_DN], 0, 0),
    ("btst #1,(a0)", &[0x0810, 0x0001, 0x6000, 0xFFFA], &[&um::FIEA_W_IND, &um::BTST_MEM], 0, 0),
    ("btst d1,(a0)", &[0x0310, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::BTST_MEM], 0, 0),
    ("bchg #1,d0", &[0x0840, 0x0001, 0x6000, 0xFFFA], &[&um::BCHG_DN], 0, 0),
    ("bset d2,d0", &[0x05C0, 0x6000, 0xFFFC], &[&um::BCHG_DN], 0, 0),
    ("bclr #1,(a0)", &[0x0890, 0x0001, 0x6000, 0xFFFA], &[&um::FIEA_W_IND, &um::BCHG_MEM], 0, 0),
    ("bset d2,(a0)", &[0x05D0, 0x6000, 0xFFFC], &[&um::FEA_IND, &um::BCHG_MEM], 0, 0),
    ("bset #1,d0", &[0x08C0, 0x0001, 0x6000, 0xFFFA], &[&um::BCHG_DN], 0, 0),
    ("bset #1,(a0)", &[0x08D0, 0x0001, 0x6000, 0xFFFA], &[&um::FIEA_W_IND, &um::BCHG_MEM], 0, 0),
    ("bftst d0{#4:#8}", &[0xE8C0, 0x0108, 0x6000, 0xFFFA], &[&um::BFTST_DN], 0, 0),
    ("bfextu d0{#4:#8},d1", &[0xE9C0, 0x1108, 0x6000, 0xFFFA], &[&um::BFEXT_DN], 0, 0),
    ("bfset d0{#4:#8}", &[0xEEC0, 0x0108, 0x6000, 0xFFFA], &[&um::BFCHG_DN], 0, 0),
    ("bfins d1,d0{#4:#8}", &[0xEFC0, 0x1108, 0x6000, 0xFFFA], &[&um::BFINS_DN], 0, 0),
    ("bfffo d0{#4:#8},d1", &[0xEDC0, 0x1108, 0x6000, 0xFFFA], &[&um::BFFFO_DN], 0, 0),
    ("bftst (a0){#4:#8}", &[0xE8D0, 0x0108, 0x6000, 0xFFFA], &[&um::CIEA_W_IND, &um::BFTST_MEM], 0, 0),
    ("bfset (a0){#4:#8}", &[0xEED0, 0x0108, 0x6000, 0xFFFA], &[&um::CIEA_W_IND, &um::BFCHG_MEM], 0, 0),
    ("bfextu (a0){#4:#8},d1", &[0xE9D0, 0x1108, 0x6000, 0xFFFA], &[&um::CIEA_W_IND, &um::BFEXT_MEM], 0, 0),
    ("bfextu (a0){#4:#30},d1", &[0xE9D0, 0x111E, 0x6000, 0xFFFA], &[&um::CIEA_W_IND, &um::BFEXT_MEM5], 0, 0),
    ("bra.s skip; nop;skip:", &[0x6002, 0x4E71, 0x6000, 0xFFFA], &[&um::BCC_TAKEN], 0, 0),
    ("bcs.s skip; nop;skip:", &[0x6502, 0x4E71, 0x6000, 0xFFFA], &[&um::BCC_B_NOT], 0, 0),
    ("bcs.w skip;skip:", &[0x6500, 0x0002, 0x6000, 0xFFFA], &[&um::BCC_W_NOT], 0, 0),
    ("dbra d4,start", &[0x51CC, 0xFFFE, 0x6000, 0xFFFA], &[&um::DBCC_LOOP], 0, 0),
    ("dbcc d4,start", &[0x54CC, 0xFFFE, 0x6000, 0xFFFA], &[&um::DBCC_TRUE], 0, 0),
    ("ori.b #0,ccr", &[0x003C, 0x0000, 0x6000, 0xFFFA], &[&um::TO_SR], 0, 0),
    ("ori.w #0x0700,sr", &[0x007C, 0x0700, 0x6000, 0xFFFA], &[&um::TO_SR], 0, 0),
    ("andi.w #0x2700,sr", &[0x027C, 0x2700, 0x6000, 0xFFFA], &[&um::TO_SR], 0, 0),
    ("bsr.s skip; nop;skip: addq.l #4,sp", &[0x6102, 0x4E71, 0x588F, 0x6000, 0xFFF8], &[&um::BSR], 0, 0),
    ("cas.l d6,d6,(a0)", &[0x0ED0, 0x0186, 0x6000, 0xFFFA], &[&um::CIEA_W_IND, &um::CAS_OK], 0, 0),
    ("cas.w d0,d6,(a0); addq.w #1,d0", &[0x0CD0, 0x0180, 0x5240, 0x6000, 0xFFF8], &[&um::CIEA_W_IND, &um::CAS_FAIL], 0, 0),
    ("cas2.l d6:d6,d6:d6,(a0):(a1)", &[0x0EFC, 0x8186, 0x9186, 0x6000, 0xFFF8], &[&um::CAS2_OK], 0, 0),
    ("chk.w d3,d2", &[0x4583, 0x6000, 0xFFFC], &[&um::CHK_DN], 0, 0),
    ("chk.w 2(a0),d2", &[0x45A8, 0x0002, 0x6000, 0xFFFA], &[&um::FEA_D16, &um::CHK_EA], 0, 0),
    ("jmp (a5)", &[0x4ED5, 0x6000, 0xFFFC], &[&um::JEA_IND, &um::JMP], 0, 0),
    ("jmp 0x1006.l", &[0x4EF9, 0x0000, 0x1006, 0x6000, 0xFFF8], &[&um::JEA_ABSL, &um::JMP], 0, 0),
    ("jmp 2(a5)", &[0x4EED, 0x0002, 0x6000, 0xFFFA], &[&um::JEA_D16, &um::JMP], 0, 0),
    ("jsr (a5)", &[0x4E95, 0x6000, 0xFFFC], &[&um::JEA_IND, &um::JSR], 0, 0),
    ("lea 8(a0),a1", &[0x43E8, 0x0008, 0x6000, 0xFFFA], &[&um::CEA_D16, &um::LEA], 0, 0),
    ("lea (a0,d2.w),a1", &[0x43F0, 0x2000, 0x6000, 0xFFFA], &[&um::CEA_D8X, &um::LEA], 0, 0),
    ("lea 0x4000.l,a1", &[0x43F9, 0x0000, 0x4000, 0x6000, 0xFFF8], &[&um::CEA_ABSL, &um::LEA], 0, 0),
    ("lea 0x4000.w,a1", &[0x43F8, 0x4000, 0x6000, 0xFFFA], &[&um::CEA_ABSW, &um::LEA], 0, 0),
    ("lea (a0),a1", &[0x43D0, 0x6000, 0xFFFC], &[&um::CEA_IND, &um::LEA], 0, 0),
    ("link a6,#-8", &[0x4E56, 0xFFF8, 0x6000, 0xFFFA], &[&um::LINK_W], 0, 0),
    ("link.l a6,#-8", &[0x480E, 0xFFFF, 0xFFF8, 0x6000, 0xFFF8], &[&um::LINK_L], 0, 0),
    ("nop", &[0x4E71, 0x6000, 0xFFFC], &[&um::NOP], 0, 0),
    ("pea (a0)", &[0x4850, 0x6000, 0xFFFC], &[&um::CEA_IND, &um::PEA], 0, 0),
    ("pea 8(a0)", &[0x4868, 0x0008, 0x6000, 0xFFFA], &[&um::CEA_D16, &um::PEA], 0, 0),
    ("rtd #4", &[0x4E74, 0x0004, 0x6000, 0xFFFA], &[&um::RTD], 0, 0),
    ("rts", &[0x4E75, 0x6000, 0xFFFC], &[&um::RTS], 0, 0),
    ("unlk a6", &[0x4E5E, 0x6000, 0xFFFC], &[&um::UNLK], 0, 0),
    ("trapcs", &[0x55FC, 0x6000, 0xFFFC], &[&um::TRAPCC], 0, 0),
    ("trapv", &[0x4E76, 0x6000, 0xFFFC], &[&um::TRAPCC], 0, 0),
    ("trapcs.w #1", &[0x55FA, 0x0001, 0x6000, 0xFFFA], &[&um::TRAPCC_W], 0, 0),
    ("trapcs.l #1", &[0x55FB, 0x0000, 0x0001, 0x6000, 0xFFF8], &[&um::TRAPCC_L], 0, 0),
];

/// The case's program assembled by the project assembler: the instruction text, then
/// `bra.w start` (and the `lbl` long word for the PC-relative case).
fn assemble(text: &str) -> Vec<u16> {
    let mut src = format!(
        "        org     $1000\nstart:\n        {}\n        bra.w   start\n",
        text.replace(';', "\n")
    );
    if text.contains("lbl") {
        src.push_str("lbl:    dc.l    0\n");
    }
    let out = qasm::assemble_str("case.s", &src, &qasm::Options::default())
        .unwrap_or_else(|d| panic!("{text}: {d:?}"));
    out.segments[0]
        .data
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]))
        .collect()
}

struct Rec(Rc<RefCell<Vec<(u32, u32)>>>);
impl Tracer for Rec {
    fn instruction(&mut self, pc: u32, _opcode: u16, clocks: u32) {
        self.0.borrow_mut().push((pc, clocks));
    }
}

/// Run `words` at $1000 as a loop; return (clocks, bus cycles) of the `nth` execution
/// (0-based) of the instruction at $1000.
fn measure(text: &str, words: &[u16], wait_states: u32, cacr: u32, nth: usize) -> (u32, u64) {
    let mut m = TestMachine::new(wait_states);
    assert_eq!(assemble(text), words, "{text}: qasm and GNU as disagree");
    m.load_words(0x1000, words);
    for a in (0x3000..0x4800).step_by(4) {
        m.load(a, &0x0000_4010u32.to_be_bytes());
    }
    let ret: u32 = if text.starts_with("rtd") {
        0x1004
    } else {
        0x1002
    };
    for a in (0x6000..0x8000).step_by(4) {
        m.load(a, &ret.to_be_bytes());
    }
    let mut e = Emulator::new(Config {
        timing: TimingMode::Table,
    });
    e.reset(&mut m, 0x1000, 0x8000);
    e.set_registers(&Registers {
        pc: 0x1000,
        sr: 0x2700,
        d: [3, 0x10, 4, 0x100, 1000, 0x2700, 0x4010, 7],
        a: [
            0x4000, 0x4100, 0x4200, 0x4300, 0x3000, 0x1002, 0x4600, 0x7000,
        ],
        usp: 0x5000,
        vbr: 0,
        cacr,
    });
    let log = Rc::new(RefCell::new(Vec::new()));
    e.set_tracer(Some(Box::new(Rec(log.clone()))));
    m.snaps = Some(Vec::new());
    e.run(&mut m, 1500);
    let snaps: Vec<Counters> = m.snaps.take().unwrap();
    assert!(snaps.len() > 2, "{text}: the program stopped: {snaps:?}");
    let log = log.borrow();
    let k = log
        .iter()
        .enumerate()
        .filter(|(_, (pc, _))| *pc == 0x1000)
        .nth(nth)
        .map(|(k, _)| k)
        .unwrap_or_else(|| panic!("{text}: execution {nth} not reached"));
    let clocks = (snaps[k + 1].clocks - snaps[k].clocks) as u32;
    assert_eq!(clocks, log[k].1, "{text}: tracer and counters disagree");
    (clocks, snaps[k + 1].bus_cycles - snaps[k].bus_cycles)
}

#[test]
fn at_least_80_cases() {
    assert!(CASES.len() >= 80, "{}", CASES.len());
}

#[test]
fn table_mode_matches_the_manual() {
    let mut failures = Vec::new();
    for &(case, words, lines, extra, extra_bus) in CASES {
        // The manual's composition: the lines' figures add up.
        let nocache = lines.iter().map(|m| m.3).sum::<u32>() + extra;
        let cache = lines.iter().map(|m| m.1).sum::<u32>() + extra;
        let data_bus = lines.iter().map(|m| m.2.0 + m.2.2).sum::<u32>() + extra_bus;
        let names: Vec<&str> = lines.iter().map(|m| m.0).collect();
        let text_ = format!("{case} [{}]", names.join(" + "));
        let text = text_.as_str();
        // Caches off, no wait states: the no-cache case.
        let (c0, b0) = measure(case, words, 0, 0, 0);
        if c0 != nocache {
            let rpw: Vec<_> = lines.iter().map(|m| m.4).collect();
            failures.push(format!(
                "{text}: no-cache {c0}, manual {nocache} (r/p/w {rpw:?})"
            ));
        }
        let (c1, b1) = measure(case, words, 1, 0, 0);
        if b1 != b0 || c1 as u64 != c0 as u64 + b1 {
            failures.push(format!(
                "{text}: no-cache 1 ws {c1} with {b1} bus cycles, 0 ws {c0} with {b0}"
            ));
        }
        // I-cache warm, D-cache off: the cache case; only data cycles reach the bus.
        let (w0, wb0) = measure(case, words, 0, 0x1, 1);
        if w0 != cache || wb0 != data_bus as u64 {
            failures.push(format!(
                "{text}: cache {w0} clocks / {wb0} bus cycles, manual {cache} / {data_bus}"
            ));
        }
        let (w1, wb1) = measure(case, words, 1, 0x1, 1);
        if wb1 != wb0 || w1 as u64 != w0 as u64 + wb1 {
            failures.push(format!(
                "{text}: cache 1 ws {w1} with {wb1} bus cycles, 0 ws {w0} with {wb0}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
