//! Test programs, loaded at $1000. Hand-encoded (checked against GNU as `-m68030`) until
//! the project's assembler can build them; the source is beside each word.
#![allow(dead_code)]

/// Source:
/// ```text
/// start:  lea     msg(%pc),%a0
/// 1:      move.b  (%a0)+,%d0
///         beq.s   2f
///         move.b  %d0,0xFFFF0003
///         bra.s   1b
/// 2:      move.l  #42,0xFFFF0010
///         bra.s   2b
/// msg:    .asciz  "hello, quamachine\n"
/// ```
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

/// Source:
/// ```text
///         lea     handler(%pc),%a0
///         move.l  %a0,0x78
///         moveq   #0,%d7
///         move.l  #1000,0xFFFF0040
///         move.l  #1,0xFFFF0044
///         move.w  #0x2000,%sr
/// 1:      cmp.l   #5,%d7
///         blt.s   1b
///         move.l  #0,0xFFFF0044
///         move.l  %d7,0xFFFF0010
/// 2:      bra.s   2b
/// handler:
///         addq.l  #1,%d7
///         move.l  #1,0xFFFF0048
///         rte
/// ```
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

/// Source:
/// ```text
///         lea     handler(%pc),%a0
///         move.l  %a0,0x78
///         moveq   #0,%d7
///         move.l  #5000,0xFFFF0040
///         move.l  #1,0xFFFF0044
/// 1:      stop    #0x2000
///         cmp.l   #3,%d7
///         blt.s   1b
///         move.l  %d7,0xFFFF0010
/// 2:      bra.s   2b
/// handler:
///         addq.l  #1,%d7
///         move.l  #1,0xFFFF0048
///         rte
/// ```
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

/// Source:
/// ```text
///         move.l  0xFFFF0020,%d0
///         move.l  0xFFFF0024,%d1
///         nop
///         nop
///         move.l  0xFFFF0024,%d2
///         move.l  0xFFFF0020,%d3
///         move.l  0xFFFF0024,%d4
///         move.l  0xFFFF0028,%d5
///         move.l  0xFFFF002C,%d6
///         move.l  #0,0xFFFF0010
/// ```
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

/// Source:
/// ```text
///         move.l  0x20000000,%d0
///         move.l  #0,0xFFFF0010
/// ```
pub const BUSERR: &[u16] = &[
    0x2039, 0x2000, 0x0000, // 1000 movel 20000000,%d0
    0x23FC, 0x0000, 0x0000, 0xFFFF, 0x0010, // 1006 movel #0,ffff0010
];

/// Source:
/// ```text
///         move.l  %d0,0x40000000
///         move.l  #0,0xFFFF0010
/// ```
pub const ROMWRITE: &[u16] = &[
    0x23C0, 0x4000, 0x0000, // 1000 movel %d0,40000000
    0x23FC, 0x0000, 0x0000, 0xFFFF, 0x0010, // 1006 movel #0,ffff0010
];

/// Source:
/// ```text
///         move.l  #0x20000000,%sp
///         move.l  0x20000000,%d0
///         move.l  #0,0xFFFF0010
/// ```
pub const DFAULT: &[u16] = &[
    0x2E7C, 0x2000, 0x0000, // 1000 moveal #536870912,%sp
    0x2039, 0x2000, 0x0000, // 1006 movel 20000000,%d0
    0x23FC, 0x0000, 0x0000, 0xFFFF, 0x0010, // 100C movel #0,ffff0010
];

/// Source:
/// ```text
///         move.l  0xFFFF0014,%d1
///         fmove.l %d1,%fp0
///         move.l  #0,0xFFFF0014
///         move.l  0xFFFF0014,%d2
///         fmove.l %d1,%fp0
///         move.l  #0,0xFFFF0010
/// ```
pub const FPU: &[u16] = &[
    0x2239, 0xFFFF, 0x0014, // 1000 movel ffff0014,%d1
    0xF201, 0x4000, // 1006 fmovel %d1,%fp0
    0x23FC, 0x0000, 0x0000, 0xFFFF, 0x0014, // 100A movel #0,ffff0014
    0x2439, 0xFFFF, 0x0014, // 1014 movel ffff0014,%d2
    0xF201, 0x4000, // 101A fmovel %d1,%fp0
    0x23FC, 0x0000, 0x0000, 0xFFFF, 0x0010, // 101E movel #0,ffff0010
];

/// Source:
/// ```text
///         moveq   #0,%d6
/// 1:      move.l  0xFFFF0008,%d0
///         btst    #0,%d0
///         beq.s   1b
///         move.l  0xFFFF0004,%d0
///         sub.b   #32,%d0
///         move.b  %d0,0xFFFF0003
///         addq.l  #1,%d6
///         cmp.l   #3,%d6
///         blt.s   1b
///         move.l  #0,0xFFFF0010
/// ```
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

/// Source:
/// ```text
///         lea     handler(%pc),%a0
///         move.l  %a0,0x68
///         moveq   #0,%d6
///         move.l  #0x100,0xFFFF0008
///         move.w  #0x2000,%sr
/// 1:      cmp.l   #3,%d6
///         blt.s   1b
///         move.l  #0,0xFFFF0010
/// handler:
///         move.l  0xFFFF0004,%d0
///         move.b  %d0,0xFFFF0003
///         addq.l  #1,%d6
///         rte
/// ```
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

/// Source:
/// ```text
///         move.l  #0x1234,0xFFFF0010
/// ```
pub const BIGHALT: &[u16] = &[
    0x23FC, 0x0000, 0x1234, 0xFFFF, 0x0010, // 1000 movel #4660,ffff0010
];
/// Source:
/// ```text
///         move.l  #1,0xFFFF0030
///         move.l  #1,0xFFFF0034
///         move.l  #2,0xFFFF0030
///         nop
///         move.l  #2,0xFFFF0034
///         moveq   #2,%d7
/// 1:      move.l  #3,0xFFFF0030
///         move.l  #3,0xFFFF0034
///         dbra    %d7,1b
///         move.l  #0,0xFFFF0010
/// ```
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
