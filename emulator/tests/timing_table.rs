//! Instruction timing against the MC68030 UM §11.6 tables, in `Table` mode.
//!
//! Each row: the instruction (Motorola syntax; the program is the instruction followed by
//! `bra.w start`, assembled by the project assembler, `qasm::assemble_str`), the
//! program's words as GNU as assembles them (`m68k-linux-gnu-as -m68030
//! --register-prefix-optional`; the test checks qasm gives the same), the manual's no-cache case
//! clocks, its I-cache case clocks, and the data bus cycles (reads + writes, the
//! I-cache case's r/w counts). The comment above each row names the §11.6 lines that
//! compose it: fea/fiea/cea/jea are §11.6.1–§11.6.5, MOVE is §11.6.6, the instruction
//! rows are §11.6.7–§11.6.16.
//!
//! Checked for every row:
//! - caches off, 0 wait states: clocks == no-cache figure;
//! - I-cache warm (second pass through the loop), D-cache off, 0 wait states:
//!   clocks == I-cache figure, data bus cycles == the table's r + w;
//! - with 1 wait state, each is larger by exactly one clock per external bus cycle the
//!   instruction made.
mod common;
use common::TestMachine;
use emulator::{Config, Counters, Emulator, Registers, TimingMode, Tracer};
use std::cell::RefCell;
use std::rc::Rc;

#[rustfmt::skip]
const CASES: &[(&str, &[u16], u32, u32, u32)] = &[
    // fea Dn + move MOVE EA,Dn
    ("move.l d1,d0", &[0x2001, 0x6000, 0xFFFC], 2, 2, 0),
    // fea Dn + move MOVE EA,Dn
    ("move.w d1,d0", &[0x3001, 0x6000, 0xFFFC], 2, 2, 0),
    // fea An + move MOVE EA,An
    ("movea.l a1,a0", &[0x2049, 0x6000, 0xFFFC], 2, 2, 0),
    // fea (An) + move MOVE EA,Dn
    ("move.l (a0),d0", &[0x2010, 0x6000, 0xFFFC], 5, 5, 1),
    // fea (An)+ + move MOVE EA,Dn
    ("move.l (a0)+,d0", &[0x2018, 0x6000, 0xFFFC], 5, 5, 1),
    // fea -(An) + move MOVE EA,Dn
    ("move.l -(a1),d0", &[0x2021, 0x6000, 0xFFFC], 6, 6, 1),
    // fea (d16,An) or (d16,PC) + move MOVE EA,Dn
    ("move.l 8(a0),d0", &[0x2028, 0x0008, 0x6000, 0xFFFA], 7, 6, 1),
    // fea (d8,An,Xn) or (d8,PC,Xn) + move MOVE EA,Dn
    ("move.l 4(a0,d2.w),d0", &[0x2030, 0x2004, 0x6000, 0xFFFA], 9, 8, 1),
    // fea (xxx).W + move MOVE EA,Dn
    ("move.w 0x4000.w,d0", &[0x3038, 0x4000, 0x6000, 0xFFFA], 6, 5, 1),
    // fea (xxx).L + move MOVE EA,Dn
    ("move.l 0x4000.l,d0", &[0x2039, 0x0000, 0x4000, 0x6000, 0xFFF8], 7, 5, 1),
    // fea #<data>.L + move MOVE EA,Dn
    ("move.l #0x12345678,d0", &[0x203C, 0x1234, 0x5678, 0x6000, 0xFFF8], 6, 6, 0),
    // fea #<data>.B or .W + move MOVE EA,Dn
    ("move.w #0x1234,d0", &[0x303C, 0x1234, 0x6000, 0xFFFA], 4, 4, 0),
    // fea Dn + move MOVE EA,(An)
    ("move.l d0,(a0)", &[0x2080, 0x6000, 0xFFFC], 4, 3, 1),
    // fea Dn + move MOVE EA,(An)+
    ("move.l d0,(a0)+", &[0x20C0, 0x6000, 0xFFFC], 4, 3, 1),
    // fea Dn + move MOVE EA,-(An)
    ("move.l d0,-(a1)", &[0x2300, 0x6000, 0xFFFC], 5, 4, 1),
    // fea Dn + move MOVE EA,(d16,An)
    ("move.l d0,8(a0)", &[0x2140, 0x0008, 0x6000, 0xFFFA], 6, 5, 1),
    // fea Dn + move MOVE EA,(d8,An,Xn)
    ("move.l d0,4(a0,d2.w)", &[0x2180, 0x2004, 0x6000, 0xFFFA], 8, 7, 1),
    // fea Dn + move MOVE EA,(xxx).W
    ("move.w d0,0x4000.w", &[0x31C0, 0x4000, 0x6000, 0xFFFA], 6, 5, 1),
    // fea Dn + move MOVE EA,(xxx).L
    ("move.l d0,0x4000.l", &[0x23C0, 0x0000, 0x4000, 0x6000, 0xFFF8], 7, 5, 1),
    // fea (An) + move MOVE EA,(An)
    ("move.l (a0),(a1)", &[0x2290, 0x6000, 0xFFFC], 7, 6, 2),
    // fea (An)+ + move MOVE EA,(An)+
    ("move.l (a0)+,(a1)+", &[0x22D8, 0x6000, 0xFFFC], 7, 6, 2),
    // fea (d16,An) or (d16,PC) + move MOVE EA,(d16,An)
    ("move.w 2(a0),4(a1)", &[0x3368, 0x0002, 0x0004, 0x6000, 0xFFF8], 11, 9, 2),
    // fea (d16,An) or (d16,PC) + move MOVE EA,Dn
    ("move.l lbl(pc),d0", &[0x203A, 0x0006, 0x6000, 0xFFFA, 0x0000, 0x0000], 7, 6, 1),
    // fea (d8,An,Xn) or (d8,PC,Xn) + move MOVE EA,Dn
    ("move.l (a0,d2.l*4),d0", &[0x2030, 0x2C00, 0x6000, 0xFFFA], 9, 8, 1),
    // fea (bd,An,Xn) or (bd,PC,Xn) + move MOVE EA,Dn
    ("move.l (0x1000,a4,d2.w),d0", &[0x2034, 0x2120, 0x1000, 0x6000, 0xFFF8], 12, 10, 1),
    // fea ([bd,An,Xn],od) memory indirect + move MOVE EA,Dn
    ("move.l ([4,a0]),d0", &[0x2030, 0x0161, 0x0004, 0x6000, 0xFFF8], 17, 14, 2),
    // fea Dn + move MOVE EA,(bd,An,Xn)
    ("move.l d0,(0x1000,a4,d2.w)", &[0x2980, 0x2120, 0x1000, 0x6000, 0xFFF8], 11, 9, 1),
    // MOVEQ #,Dn
    ("moveq #1,d0", &[0x7001, 0x6000, 0xFFFC], 2, 2, 0),
    // fea Dn + MOVE EA,SR (+fea)
    ("move.w d5,sr", &[0x46C5, 0x6000, 0xFFFC], 10, 8, 0),
    // MOVE CCR,Dn / SR,Dn
    ("move.w sr,d0", &[0x40C0, 0x6000, 0xFFFC], 4, 4, 0),
    // fea Dn + MOVE EA,CCR (+fea)
    ("move.w d0,ccr", &[0x44C0, 0x6000, 0xFFFC], 4, 4, 0),
    // cea (An) + MOVE CCR,Mem / SR,Mem (+cea)
    ("move.w sr,(a0)", &[0x40D0, 0x6000, 0xFFFC], 8, 7, 1),
    // MOVE USP,An / An,USP
    ("move.l a0,usp", &[0x4E60, 0x6000, 0xFFFC], 4, 4, 0),
    // MOVE USP,An / An,USP
    ("move.l usp,a0", &[0x4E68, 0x6000, 0xFFFC], 4, 4, 0),
    // fea Dn + ADD/SUB/AND/OR EA,Dn
    ("add.l d1,d0", &[0xD081, 0x6000, 0xFFFC], 2, 2, 0),
    // fea (An) + ADD/SUB/AND/OR EA,Dn
    ("add.l (a0),d0", &[0xD090, 0x6000, 0xFFFC], 5, 5, 1),
    // fea (An) + ADD/SUB/AND/OR/EOR Dn,EA (memory)
    ("add.l d0,(a0)", &[0xD190, 0x6000, 0xFFFC], 7, 6, 2),
    // fea (d16,An) or (d16,PC) + ADD/SUB/AND/OR EA,Dn
    ("add.w 2(a0),d0", &[0xD068, 0x0002, 0x6000, 0xFFFA], 7, 6, 1),
    // fea Dn + ADDA/SUBA EA,An
    ("adda.l d1,a0", &[0xD1C1, 0x6000, 0xFFFC], 2, 2, 0),
    // fea (An) + ADDA/SUBA EA,An
    ("adda.w (a0),a1", &[0xD2D0, 0x6000, 0xFFFC], 5, 5, 1),
    // fea Dn + ADD/SUB/AND/OR EA,Dn
    ("sub.l d1,d0", &[0x9081, 0x6000, 0xFFFC], 2, 2, 0),
    // fea (An)+ + ADD/SUB/AND/OR EA,Dn
    ("and.l (a0)+,d0", &[0xC098, 0x6000, 0xFFFC], 5, 5, 1),
    // fea -(An) + ADD/SUB/AND/OR/EOR Dn,EA (memory)
    ("or.l d0,-(a1)", &[0x81A1, 0x6000, 0xFFFC], 8, 7, 2),
    // ADD/SUB/AND/OR EA,Dn
    ("eor.l d1,d0", &[0xB380, 0x6000, 0xFFFC], 2, 2, 0),
    // fea (An) + ADD/SUB/AND/OR/EOR Dn,EA (memory)
    ("eor.l d0,(a0)", &[0xB190, 0x6000, 0xFFFC], 7, 6, 2),
    // fea Dn + CMP EA,Dn
    ("cmp.l d1,d0", &[0xB081, 0x6000, 0xFFFC], 2, 2, 0),
    // fea (An) + CMP EA,Dn
    ("cmp.l (a0),d0", &[0xB090, 0x6000, 0xFFFC], 5, 5, 1),
    // fea An + CMPA EA,An
    ("cmpa.l a1,a0", &[0xB1C9, 0x6000, 0xFFFC], 4, 4, 0),
    // fea Dn + MULU.W/MULS.W EA,Dn
    ("mulu.w d1,d0", &[0xC0C1, 0x6000, 0xFFFC], 28, 28, 0),
    // fea (An) + MULU.W/MULS.W EA,Dn
    ("muls.w (a0),d0", &[0xC1D0, 0x6000, 0xFFFC], 31, 31, 1),
    // fea Dn + MULU.L/MULS.L EA,Dn
    ("mulu.l d1,d0", &[0x4C01, 0x0000, 0x6000, 0xFFFA], 44, 44, 0),
    // fea Dn + DIVU.W EA,Dn
    ("divu.w d1,d0", &[0x80C1, 0x6000, 0xFFFC], 44, 44, 0),
    // fea Dn + DIVS.W EA,Dn
    ("divs.w d1,d0", &[0x81C1, 0x6000, 0xFFFC], 56, 56, 0),
    // fea Dn + DIVU.L EA,Dn
    ("divu.l d1,d0", &[0x4C41, 0x0000, 0x6000, 0xFFFA], 78, 78, 0),
    // fea Dn + DIVS.L EA,Dn
    ("divs.l d1,d0", &[0x4C41, 0x0800, 0x6000, 0xFFFA], 90, 90, 0),
    // fiea #<data>.W,Dn + ADDI/SUBI/ANDI/ORI/EORI #,Dn + #<data>.L extra
    ("addi.l #1,d0", &[0x0680, 0x0000, 0x0001, 0x6000, 0xFFF8], 6, 6, 0),
    // fiea #<data>.W,(An) + ADDI/SUBI/ANDI/ORI/EORI #,Mem
    ("addi.w #1,(a0)", &[0x0650, 0x0001, 0x6000, 0xFFFA], 9, 7, 2),
    // fiea #<data>.W,(An) + ADDI/SUBI/ANDI/ORI/EORI #,Mem + #<data>.L extra
    ("subi.l #1,(a0)", &[0x0490, 0x0000, 0x0001, 0x6000, 0xFFF8], 11, 9, 2),
    // fiea #<data>.W,Dn + ADDI/SUBI/ANDI/ORI/EORI #,Dn
    ("andi.b #1,d0", &[0x0200, 0x0001, 0x6000, 0xFFFA], 4, 4, 0),
    // fiea #<data>.W,(d16,An) + ADDI/SUBI/ANDI/ORI/EORI #,Mem
    ("ori.w #1,8(a0)", &[0x0068, 0x0001, 0x0008, 0x6000, 0xFFF8], 11, 8, 2),
    // fiea #<data>.W,Dn + CMPI #,EA + #<data>.L extra
    ("cmpi.l #1,d0", &[0x0C80, 0x0000, 0x0001, 0x6000, 0xFFF8], 6, 6, 0),
    // fiea #<data>.W,(An) + CMPI #,EA
    ("cmpi.w #1,(a0)", &[0x0C50, 0x0001, 0x6000, 0xFFFA], 7, 6, 1),
    // ADDQ/SUBQ #,Rn
    ("addq.l #1,d0", &[0x5280, 0x6000, 0xFFFC], 2, 2, 0),
    // ADDQ/SUBQ #,Rn
    ("addq.l #1,a0", &[0x5288, 0x6000, 0xFFFC], 2, 2, 0),
    // fea (An) + ADDQ/SUBQ #,Mem
    ("addq.w #1,(a0)", &[0x5250, 0x6000, 0xFFFC], 7, 6, 2),
    // fea (An)+ + ADDQ/SUBQ #,Mem
    ("subq.l #1,(a0)+", &[0x5398, 0x6000, 0xFFFC], 7, 6, 2),
    // ABCD/SBCD Dy,Dx
    ("abcd d1,d0", &[0xC101, 0x6000, 0xFFFC], 4, 4, 0),
    // ABCD/SBCD -(Ay),-(Ax)
    ("abcd -(a1),-(a0)", &[0xC109, 0x6000, 0xFFFC], 16, 14, 3),
    // ADDX/SUBX Dy,Dx
    ("addx.l d1,d0", &[0xD181, 0x6000, 0xFFFC], 2, 2, 0),
    // ADDX/SUBX -(Ay),-(Ax)
    ("addx.l -(a1),-(a0)", &[0xD189, 0x6000, 0xFFFC], 12, 10, 3),
    // CMPM (Ay)+,(Ax)+
    ("cmpm.l (a0)+,(a1)+", &[0xB388, 0x6000, 0xFFFC], 9, 8, 2),
    // CLR/NEG/NEGX/NOT Dn
    ("clr.l d0", &[0x4280, 0x6000, 0xFFFC], 2, 2, 0),
    // cea (An) + CLR Mem (+cea)
    ("clr.l (a0)", &[0x4290, 0x6000, 0xFFFC], 6, 5, 1),
    // CLR/NEG/NEGX/NOT Dn
    ("neg.l d0", &[0x4480, 0x6000, 0xFFFC], 2, 2, 0),
    // fea (An) + NEG/NEGX/NOT Mem (+fea)
    ("neg.l (a0)", &[0x4490, 0x6000, 0xFFFC], 7, 6, 2),
    // fea (d16,An) or (d16,PC) + NEG/NEGX/NOT Mem (+fea)
    ("not.w 2(a0)", &[0x4668, 0x0002, 0x6000, 0xFFFA], 9, 7, 2),
    // EXT/EXTB Dn
    ("ext.l d0", &[0x48C0, 0x6000, 0xFFFC], 4, 4, 0),
    // EXT/EXTB Dn
    ("extb.l d0", &[0x49C0, 0x6000, 0xFFFC], 4, 4, 0),
    // SWAP Dn
    ("swap d0", &[0x4840, 0x6000, 0xFFFC], 4, 4, 0),
    // fea Dn + TST EA (+fea)
    ("tst.l d0", &[0x4A80, 0x6000, 0xFFFC], 2, 2, 0),
    // fea (An) + TST EA (+fea)
    ("tst.l (a0)", &[0x4A90, 0x6000, 0xFFFC], 5, 5, 1),
    // TAS Dn
    ("tas d0", &[0x4AC0, 0x6000, 0xFFFC], 4, 4, 0),
    // fea (An) + TAS Mem (+fea)
    ("tas (a0)", &[0x4AD0, 0x6000, 0xFFFC], 13, 12, 2),
    // Scc Dn
    ("scs d0", &[0x55C0, 0x6000, 0xFFFC], 4, 4, 0),
    // cea (An) + Scc Mem (+cea)
    ("scc (a0)", &[0x54D0, 0x6000, 0xFFFC], 8, 7, 1),
    // NBCD Dn
    ("nbcd d0", &[0x4800, 0x6000, 0xFFFC], 6, 6, 0),
    // LSL/LSR #,Dy; LSd Dx,Dy (count<=8)
    ("lsl.l #2,d0", &[0xE588, 0x6000, 0xFFFC], 4, 4, 0),
    // LSL/LSR Dx,Dy
    ("lsr.l d1,d0", &[0xE2A8, 0x6000, 0xFFFC], 6, 6, 0),
    // ASL #,Dy; ASL Dx,Dy
    ("asl.l #1,d0", &[0xE380, 0x6000, 0xFFFC], 8, 8, 0),
    // ASR #,Dy
    ("asr.l #1,d0", &[0xE280, 0x6000, 0xFFFC], 4, 4, 0),
    // ASR Dx,Dy
    ("asr.l d2,d0", &[0xE4A0, 0x6000, 0xFFFC], 6, 6, 0),
    // ROL/ROR #,Dy; Dx,Dy
    ("rol.l #1,d0", &[0xE398, 0x6000, 0xFFFC], 8, 8, 0),
    // ROXL/ROXR Dx,Dy; #,Dy
    ("roxl.l #1,d0", &[0xE390, 0x6000, 0xFFFC], 12, 12, 0),
    // fea (An) + shift/rotate Mem (+fea)
    ("lsl.w (a0)", &[0xE3D0, 0x6000, 0xFFFC], 9, 8, 2),
    // fiea #<data>.W,Dn + BTST #,Dn (+fiea); BTST Dn,Dn
    ("btst #1,d0", &[0x0800, 0x0001, 0x6000, 0xFFFA], 6, 6, 0),
    // BTST #,Dn (+fiea); BTST Dn,Dn
    ("btst d1,d0", &[0x0300, 0x6000, 0xFFFC], 4, 4, 0),
    // fiea #<data>.W,(An) + BTST #,Mem / Dn,Mem (+fiea/fea)
    ("btst #1,(a0)", &[0x0810, 0x0001, 0x6000, 0xFFFA], 9, 8, 1),
    // fea (An) + BCHG/BCLR/BSET #,Mem / Dn,Mem
    ("bset d2,(a0)", &[0x05D0, 0x6000, 0xFFFC], 10, 9, 2),
    // fiea #<data>.W,Dn + BCHG/BCLR/BSET #,Dn / Dn,Dn
    ("bchg #1,d0", &[0x0840, 0x0001, 0x6000, 0xFFFA], 8, 8, 0),
    // fiea #<data>.W,(An) + BCHG/BCLR/BSET #,Mem / Dn,Mem
    ("bclr #1,(a0)", &[0x0890, 0x0001, 0x6000, 0xFFFA], 12, 10, 2),
    // BFEXTU/BFEXTS/BFFFO Dn
    ("bfextu d0{#4:#8},d1", &[0xE9C0, 0x1108, 0x6000, 0xFFFA], 10, 10, 0),
    // cea (An) + BFCHG/BFCLR/BFSET/BFINS Mem (+cea)
    ("bfset (a0){#4:#8}", &[0xEED0, 0x0108, 0x6000, 0xFFFA], 19, 18, 2),
    // Bcc/BRA (taken)
    ("bra.s skip; nop;skip:", &[0x6002, 0x4E71, 0x6000, 0xFFFA], 8, 6, 0),
    // Bcc.B (not taken)
    ("bcs.s skip; nop;skip:", &[0x6502, 0x4E71, 0x6000, 0xFFFA], 4, 4, 0),
    // Bcc.W (not taken)
    ("bcs.w skip;skip:", &[0x6500, 0x0002, 0x6000, 0xFFFA], 6, 6, 0),
    // DBcc (cc false, count not expired)
    ("dbra d4,start", &[0x51CC, 0xFFFE, 0x6000, 0xFFFA], 8, 6, 0),
    // DBcc (cc true)
    ("dbcc d4,start", &[0x54CC, 0xFFFE, 0x6000, 0xFFFA], 5, 4, 0),
    // BSR
    ("bsr.s skip; nop;skip: addq.l #4,sp", &[0x6102, 0x4E71, 0x588F, 0x6000, 0xFFF8], 9, 6, 1),
    // NOP
    ("nop", &[0x4E71, 0x6000, 0xFFFC], 2, 2, 0),
    // cea (d16,An) or (d16,PC) + LEA (+cea)
    ("lea 8(a0),a1", &[0x43E8, 0x0008, 0x6000, 0xFFFA], 5, 4, 0),
    // cea (d8,An,Xn) or (d8,PC,Xn) + LEA (+cea)
    ("lea (a0,d2.w),a1", &[0x43F0, 0x2000, 0x6000, 0xFFFA], 7, 6, 0),
    // cea (xxx).L + LEA (+cea)
    ("lea 0x4000.l,a1", &[0x43F9, 0x0000, 0x4000, 0x6000, 0xFFF8], 6, 3, 0),
    // cea (An) + PEA (+cea)
    ("pea (a0)", &[0x4850, 0x6000, 0xFFFC], 6, 6, 1),
    // LINK.W
    ("link a6,#-8", &[0x4E56, 0xFFF8, 0x6000, 0xFFFA], 6, 5, 1),
    // UNLK
    ("unlk a6", &[0x4E5E, 0x6000, 0xFFFC], 5, 5, 1),
    // jea (An) + JMP (+jea)
    ("jmp (a5)", &[0x4ED5, 0x6000, 0xFFFC], 8, 6, 0),
    // jea (An) + JSR (+jea)
    ("jsr (a5)", &[0x4E95, 0x6000, 0xFFFC], 9, 6, 1),
    // jea (xxx).L + JMP (+jea)
    ("jmp 0x1006.l", &[0x4EF9, 0x0000, 0x1006, 0x6000, 0xFFF8], 8, 6, 0),
    // RTS
    ("rts", &[0x4E75, 0x6000, 0xFFFC], 10, 9, 1),
    // ANDI/EORI/ORI to CCR
    ("ori.b #0,ccr", &[0x003C, 0x0000, 0x6000, 0xFFFA], 14, 12, 0),
    // ANDI/EORI/ORI to SR
    ("ori.w #0x0700,sr", &[0x007C, 0x0700, 0x6000, 0xFFFA], 14, 12, 0),
    // ANDI/EORI/ORI to SR
    ("andi.w #0x2700,sr", &[0x027C, 0x2700, 0x6000, 0xFFFA], 14, 12, 0),
    // cea (An) + MOVEM RL,EA (+cea; + 2 per register) + 8
    ("movem.l d0-d3,(a0)", &[0x48D0, 0x000F, 0x6000, 0xFFFA], 14, 14, 4),
    // cea (An)+ + MOVEM EA,RL (+cea; + 2 per register) + 8
    ("movem.l (a0)+,d0-d3", &[0x4CD8, 0x000F, 0x6000, 0xFFFA], 18, 18, 4),
    // cea -(An) + MOVEM RL,EA (+cea; + 2 per register) + 12
    ("movem.l d0-d3/a0-a1,-(a7)", &[0x48E7, 0xF0C0, 0x6000, 0xFFFA], 18, 18, 6),
    // MOVEC Cr,Rn
    ("movec cacr,d0", &[0x4E7A, 0x0002, 0x6000, 0xFFFA], 6, 6, 0),
    // MOVEC Rn,Cr
    ("movec d6,vbr", &[0x4E7B, 0x6801, 0x6000, 0xFFFA], 12, 10, 0),
    // EXG Rx,Ry
    ("exg d0,d1", &[0xC141, 0x6000, 0xFFFC], 2, 2, 0),
    // fea (An) + CAS (successful compare) (+fea)
    ("cas.l d6,d6,(a0)", &[0x0ED0, 0x0186, 0x6000, 0xFFFA], 14, 13, 2),
    // CAS2 (successful compare)
    ("cas2.l d6:d6,d6:d6,(a0):(a1)", &[0x0EFC, 0x8186, 0x9186, 0x6000, 0xFFF8], 25, 23, 4),
    // fea Dn + CHK EA,Dn (no exception) (+fea)
    ("chk.w d3,d2", &[0x4583, 0x6000, 0xFFFC], 8, 8, 0),
    // TRAPcc / TRAPV (no trap)
    ("trapcs", &[0x55FC, 0x6000, 0xFFFC], 4, 4, 0),
    // RTD
    ("rtd #4", &[0x4E74, 0x0004, 0x6000, 0xFFFA], 10, 9, 1),
    // fea Dn + move MOVE EA,Dn
    ("move.l d0,d1; move.l d1,d2", &[0x2200, 0x2401, 0x6000, 0xFFFA], 2, 2, 0),
    // fiea #<data>.W,Dn + ADDI/SUBI/ANDI/ORI/EORI #,Dn
    ("subi.w #0x100,d0", &[0x0440, 0x0100, 0x6000, 0xFFFA], 4, 4, 0),
    // fea (An) + ADD/SUB/AND/OR EA,Dn
    ("or.l (a0),d0", &[0x8090, 0x6000, 0xFFFC], 5, 5, 1),
    // fea (An)+ + ADD/SUB/AND/OR/EOR Dn,EA (memory)
    ("and.w d0,(a0)+", &[0xC158, 0x6000, 0xFFFC], 7, 6, 2),
    // fea (xxx).W + CMP EA,Dn
    ("cmp.w 0x4000.w,d0", &[0xB078, 0x4000, 0x6000, 0xFFFA], 6, 5, 1),
    // fea (An) + move MOVE EA,Dn
    ("move.b (a0),d0", &[0x1010, 0x6000, 0xFFFC], 5, 5, 1),
    // fea Dn + move MOVE EA,(An)
    ("move.b d0,(a0)", &[0x1080, 0x6000, 0xFFFC], 4, 3, 1),
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
    for &(text, words, nocache, cache, data_bus) in CASES {
        // Caches off, no wait states: the no-cache case.
        let (c0, b0) = measure(text, words, 0, 0, 0);
        if c0 != nocache {
            failures.push(format!("{text}: no-cache {c0}, manual {nocache}"));
        }
        let (c1, b1) = measure(text, words, 1, 0, 0);
        if b1 != b0 || c1 as u64 != c0 as u64 + b1 {
            failures.push(format!(
                "{text}: no-cache 1 ws {c1} with {b1} bus cycles, 0 ws {c0} with {b0}"
            ));
        }
        // I-cache warm, D-cache off: the cache case; only data cycles reach the bus.
        let (w0, wb0) = measure(text, words, 0, 0x1, 1);
        if w0 != cache || wb0 != data_bus as u64 {
            failures.push(format!(
                "{text}: cache {w0} clocks / {wb0} bus cycles, manual {cache} / {data_bus}"
            ));
        }
        let (w1, wb1) = measure(text, words, 1, 0x1, 1);
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
