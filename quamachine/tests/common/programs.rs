//! Test programs, loaded at $1000: Motorola-syntax sources assembled by the project's
//! assembler (`qasm`) at test time, after [`PRELUDE`] (the device registers and `org`).
//! `gnu` holds the same programs as GNU as (`-m68030`) encodes them, to cross-check.
#![allow(dead_code)]

/// Device register names (../shared/quamachine.md) and the origin, before every program.
pub const PRELUDE: &str = "\
CONSOLE_TX      equ     $FFFF0000
CONSOLE_RX      equ     $FFFF0004
CONSOLE_STATUS  equ     $FFFF0008
HALT            equ     $FFFF0010
FPU_ENABLE      equ     $FFFF0014
CLOCK_HI        equ     $FFFF0020
CLOCK_LO        equ     $FFFF0024
INSN_COUNT      equ     $FFFF0028
MEMREF_COUNT    equ     $FFFF002C
PROBE_START     equ     $FFFF0030
PROBE_STOP      equ     $FFFF0034
TIMER_PERIOD    equ     $FFFF0040
TIMER_CONTROL   equ     $FFFF0044
TIMER_ACK       equ     $FFFF0048
                org     $1000
";

/// `hello`
pub const HELLO: &str = "
start:  lea     msg(pc),a0
1$:     move.b  (a0)+,d0
        beq.s   2$
        move.b  d0,CONSOLE_TX+3
        bra.s   1$
2$:     move.l  #42,HALT
        bra.s   2$
msg:    dc.b    \"hello, quamachine\",10,0
        even
";

/// `timer`
pub const TIMER: &str = "
        lea     handler(pc),a0
        move.l  a0,$78          ; level 6 autovector (vector 30)
        moveq   #0,d7
        move.l  #1000,TIMER_PERIOD
        move.l  #1,TIMER_CONTROL
        move.w  #$2000,sr       ; interrupts on
1$:     cmp.l   #5,d7
        blt.s   1$
        move.l  #0,TIMER_CONTROL
        move.l  d7,HALT
2$:     bra.s   2$
handler:
        addq.l  #1,d7
        move.l  #1,TIMER_ACK
        rte
";

/// `stop`
pub const STOP: &str = "
        lea     handler(pc),a0
        move.l  a0,$78
        moveq   #0,d7
        move.l  #5000,TIMER_PERIOD
        move.l  #1,TIMER_CONTROL
1$:     stop    #$2000          ; sleep until the timer
        cmp.l   #3,d7
        blt.s   1$
        move.l  d7,HALT
2$:     bra.s   2$
handler:
        addq.l  #1,d7
        move.l  #1,TIMER_ACK
        rte
";

/// `clock`
pub const CLOCK: &str = "
        move.l  CLOCK_HI,d0     ; latches CLOCK_LO
        move.l  CLOCK_LO,d1
        nop
        nop
        move.l  CLOCK_LO,d2     ; still the latched value
        move.l  CLOCK_HI,d3
        move.l  CLOCK_LO,d4
        move.l  INSN_COUNT,d5
        move.l  MEMREF_COUNT,d6
        move.l  #0,HALT
";

/// `buserr`
pub const BUSERR: &str = "
        move.l  $20000000,d0    ; unmapped
        move.l  #0,HALT
";

/// `romwrite`
pub const ROMWRITE: &str = "
        move.l  d0,$40000000    ; ROM is read-only
        move.l  #0,HALT
";

/// `dfault`
pub const DFAULT: &str = "
        move.l  #$20000000,sp   ; stack in unmapped space
        move.l  $20000000,d0    ; bus error, whose frame cannot be stacked
        move.l  #0,HALT
";

/// `fpu`
pub const FPU: &str = "
        move.l  FPU_ENABLE,d1
        fmove.l d1,fp0
        move.l  #0,FPU_ENABLE
        move.l  FPU_ENABLE,d2
        fmove.l d1,fp0          ; F-line: the FPU is off
        move.l  #0,HALT
";

/// `echo`
pub const ECHO: &str = "
        moveq   #0,d6
1$:     move.l  CONSOLE_STATUS,d0
        btst    #0,d0
        beq.s   1$
        move.l  CONSOLE_RX,d0
        sub.b   #32,d0          ; upper case
        move.b  d0,CONSOLE_TX+3
        addq.l  #1,d6
        cmp.l   #3,d6
        blt.s   1$
        move.l  #0,HALT
";

/// `conirq`
pub const CONIRQ: &str = "
        lea     handler(pc),a0
        move.l  a0,$68          ; level 2 autovector (vector 26)
        moveq   #0,d6
        move.l  #$100,CONSOLE_STATUS
        move.w  #$2000,sr
1$:     cmp.l   #3,d6
        blt.s   1$
        move.l  #0,HALT
handler:
        move.l  CONSOLE_RX,d0
        move.b  d0,CONSOLE_TX+3
        addq.l  #1,d6
        rte
";

/// `bighalt`
pub const BIGHALT: &str = "
        move.l  #$1234,HALT
";

/// `probe`
pub const PROBE: &str = "
        move.l  #1,PROBE_START  ; region 1: empty
        move.l  #1,PROBE_STOP
        move.l  #2,PROBE_START  ; region 2: one NOP
        nop
        move.l  #2,PROBE_STOP
        moveq   #2,d7
1$:     move.l  #3,PROBE_START  ; region 3: empty, three times
        move.l  #3,PROBE_STOP
        dbra    d7,1$
        move.l  #0,HALT
";

/// `keywait`: sleeps in STOP until console input interrupts (level 2), three times.
/// (No GNU counterpart: it repeats `conirq` with STOP.)
pub const KEYWAIT: &str = "
        lea     handler(pc),a0
        move.l  a0,$68          ; level 2 autovector (vector 26)
        moveq   #0,d6
        move.l  #$100,CONSOLE_STATUS
1$:     stop    #$2000          ; sleep until a byte arrives
        cmp.l   #3,d6
        blt.s   1$
        move.l  #0,HALT
handler:
        move.l  CONSOLE_RX,d0
        move.b  d0,CONSOLE_TX+3
        addq.l  #1,d6
        rte
";

/// The same programs as GNU as encodes them.
pub mod gnu {
    pub const HELLO: &[u16] = &[
        0x41FA, 0x001A, // 1000 lea %pc@(101c),%a0
        0x1018, // 1004 moveb %a0@+,%d0
        0x6708, // 1006 beqs 1010
        0x13C0, 0xFFFF, 0x0003, // 1008 moveb %d0,ffff0003
        0x60F4, // 100E bras 1004
        0x23FC, 0x0000, 0x002A, 0xFFFF, 0x0010, // 1010 movel #42,ffff0010
        0x60F4, // 101A bras 1010
        // 101C msg: "hello, quamachine\n", 0
        0x6865, 0x6C6C, 0x6F2C, 0x2071, 0x7561, 0x6D61, 0x6368, 0x696E, 0x650A, 0x0000,
    ];

    pub const TIMER: &[u16] = &[
        0x41FA, 0x003A, // 1000 lea %pc@(103c),%a0
        0x21C8, 0x0078, // 1004 movel %a0,78
        0x7E00, // 1008 moveq #0,%d7
        0x23FC, 0x0000, 0x03E8, 0xFFFF, 0x0040, // 100A movel #1000,ffff0040
        0x23FC, 0x0000, 0x0001, 0xFFFF, 0x0044, // 1014 movel #1,ffff0044
        0x46FC, 0x2000, // 101E movew #8192,%sr
        0x0C87, 0x0000, 0x0005, // 1022 cmpil #5,%d7
        0x6DF8, // 1028 blts 1022
        0x23FC, 0x0000, 0x0000, 0xFFFF, 0x0044, // 102A movel #0,ffff0044
        0x23C7, 0xFFFF, 0x0010, // 1034 movel %d7,ffff0010
        0x60FE, // 103A bras 103a
        0x5287, // 103C addql #1,%d7
        0x23FC, 0x0000, 0x0001, 0xFFFF, 0x0048, // 103E movel #1,ffff0048
        0x4E73, // 1048 rte
    ];

    pub const STOP: &[u16] = &[
        0x41FA, 0x0030, // 1000 lea %pc@(1032),%a0
        0x21C8, 0x0078, // 1004 movel %a0,78
        0x7E00, // 1008 moveq #0,%d7
        0x23FC, 0x0000, 0x1388, 0xFFFF, 0x0040, // 100A movel #5000,ffff0040
        0x23FC, 0x0000, 0x0001, 0xFFFF, 0x0044, // 1014 movel #1,ffff0044
        0x4E72, 0x2000, // 101E stop #8192
        0x0C87, 0x0000, 0x0003, // 1022 cmpil #3,%d7
        0x6DF4, // 1028 blts 101e
        0x23C7, 0xFFFF, 0x0010, // 102A movel %d7,ffff0010
        0x60FE, // 1030 bras 1030
        0x5287, // 1032 addql #1,%d7
        0x23FC, 0x0000, 0x0001, 0xFFFF, 0x0048, // 1034 movel #1,ffff0048
        0x4E73, // 103E rte
    ];

    pub const CLOCK: &[u16] = &[
        0x2039, 0xFFFF, 0x0020, // 1000 movel ffff0020,%d0
        0x2239, 0xFFFF, 0x0024, // 1006 movel ffff0024,%d1
        0x4E71, // 100C nop
        0x4E71, // 100E nop
        0x2439, 0xFFFF, 0x0024, // 1010 movel ffff0024,%d2
        0x2639, 0xFFFF, 0x0020, // 1016 movel ffff0020,%d3
        0x2839, 0xFFFF, 0x0024, // 101C movel ffff0024,%d4
        0x2A39, 0xFFFF, 0x0028, // 1022 movel ffff0028,%d5
        0x2C39, 0xFFFF, 0x002C, // 1028 movel ffff002c,%d6
        0x23FC, 0x0000, 0x0000, 0xFFFF, 0x0010, // 102E movel #0,ffff0010
    ];

    pub const BUSERR: &[u16] = &[
        0x2039, 0x2000, 0x0000, // 1000 movel 20000000,%d0
        0x23FC, 0x0000, 0x0000, 0xFFFF, 0x0010, // 1006 movel #0,ffff0010
    ];

    pub const ROMWRITE: &[u16] = &[
        0x23C0, 0x4000, 0x0000, // 1000 movel %d0,40000000
        0x23FC, 0x0000, 0x0000, 0xFFFF, 0x0010, // 1006 movel #0,ffff0010
    ];

    pub const DFAULT: &[u16] = &[
        0x2E7C, 0x2000, 0x0000, // 1000 moveal #536870912,%sp
        0x2039, 0x2000, 0x0000, // 1006 movel 20000000,%d0
        0x23FC, 0x0000, 0x0000, 0xFFFF, 0x0010, // 100C movel #0,ffff0010
    ];

    pub const FPU: &[u16] = &[
        0x2239, 0xFFFF, 0x0014, // 1000 movel ffff0014,%d1
        0xF201, 0x4000, // 1006 fmovel %d1,%fp0
        0x23FC, 0x0000, 0x0000, 0xFFFF, 0x0014, // 100A movel #0,ffff0014
        0x2439, 0xFFFF, 0x0014, // 1014 movel ffff0014,%d2
        0xF201, 0x4000, // 101A fmovel %d1,%fp0
        0x23FC, 0x0000, 0x0000, 0xFFFF, 0x0010, // 101E movel #0,ffff0010
    ];

    pub const ECHO: &[u16] = &[
        0x7C00, // 1000 moveq #0,%d6
        0x2039, 0xFFFF, 0x0008, // 1002 movel ffff0008,%d0
        0x0800, 0x0000, // 1008 btst #0,%d0
        0x67F4, // 100C beqs 1002
        0x2039, 0xFFFF, 0x0004, // 100E movel ffff0004,%d0
        0x0400, 0x0020, // 1014 subib #32,%d0
        0x13C0, 0xFFFF, 0x0003, // 1018 moveb %d0,ffff0003
        0x5286, // 101E addql #1,%d6
        0x0C86, 0x0000, 0x0003, // 1020 cmpil #3,%d6
        0x6DDA, // 1026 blts 1002
        0x23FC, 0x0000, 0x0000, 0xFFFF, 0x0010, // 1028 movel #0,ffff0010
    ];

    pub const CONIRQ: &[u16] = &[
        0x41FA, 0x0028, // 1000 lea %pc@(102a),%a0
        0x21C8, 0x0068, // 1004 movel %a0,68
        0x7C00, // 1008 moveq #0,%d6
        0x23FC, 0x0000, 0x0100, 0xFFFF, 0x0008, // 100A movel #256,ffff0008
        0x46FC, 0x2000, // 1014 movew #8192,%sr
        0x0C86, 0x0000, 0x0003, // 1018 cmpil #3,%d6
        0x6DF8, // 101E blts 1018
        0x23FC, 0x0000, 0x0000, 0xFFFF, 0x0010, // 1020 movel #0,ffff0010
        0x2039, 0xFFFF, 0x0004, // 102A movel ffff0004,%d0
        0x13C0, 0xFFFF, 0x0003, // 1030 moveb %d0,ffff0003
        0x5286, // 1036 addql #1,%d6
        0x4E73, // 1038 rte
    ];

    pub const BIGHALT: &[u16] = &[
        0x23FC, 0x0000, 0x1234, 0xFFFF, 0x0010, // 1000 movel #4660,ffff0010
    ];

    pub const PROBE: &[u16] = &[
        0x23FC, 0x0000, 0x0001, 0xFFFF, 0x0030, // 1000 movel #1,ffff0030
        0x23FC, 0x0000, 0x0001, 0xFFFF, 0x0034, // 100A movel #1,ffff0034
        0x23FC, 0x0000, 0x0002, 0xFFFF, 0x0030, // 1014 movel #2,ffff0030
        0x4E71, // 101E nop
        0x23FC, 0x0000, 0x0002, 0xFFFF, 0x0034, // 1020 movel #2,ffff0034
        0x7E02, // 102A moveq #2,%d7
        0x23FC, 0x0000, 0x0003, 0xFFFF, 0x0030, // 102C movel #3,ffff0030
        0x23FC, 0x0000, 0x0003, 0xFFFF, 0x0034, // 1036 movel #3,ffff0034
        0x51CF, 0xFFEA, // 1040 dbf %d7,102c
        0x23FC, 0x0000, 0x0000, 0xFFFF, 0x0010, // 1044 movel #0,ffff0010
    ];
}
