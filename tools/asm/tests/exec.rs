//! Execution tests: programs assembled by qasm run on the `m68k` crate's 68030 core and
//! must compute what they should.
use m68k::{AddressBus, CpuCore, CpuType, LinearMemoryBus, StepResult};
use qasm::{Options, Output, assemble_str};

/// Assemble `body` after a reset vector (SSP $8000, PC `start`) with code at $400, run
/// it until `stop`, and return the CPU, the memory and the assembly.
fn run(body: &str) -> (CpuCore, LinearMemoryBus, Output) {
    let src = format!(" org 0\n dc.l $8000,start\n org $400\n{body}");
    let out = match assemble_str("prog.s", &src, &Options::default()) {
        Ok(o) => o,
        Err(d) => panic!("assembly failed:\n{d}"),
    };
    let mut mem = vec![0u8; 0x10000];
    out.load_into(&mut mem);
    let mut bus = LinearMemoryBus::from_vec(mem);
    let mut cpu = CpuCore::new();
    cpu.set_cpu_type(CpuType::M68030);
    cpu.reset(&mut bus);
    for _ in 0..1_000_000 {
        if let StepResult::Stopped = cpu.step(&mut bus) {
            return (cpu, bus, out);
        }
    }
    panic!("program did not reach `stop` (pc ${:X})", cpu.pc);
}

#[test]
fn loop_sums_one_to_hundred() {
    let (cpu, _, _) = run("\
start:  moveq   #0,d0
        moveq   #100,d1
.loop:  add.l   d1,d0
        subq.l  #1,d1
        bne.s   .loop
        stop    #$2700
");
    assert_eq!(cpu.d(0), 5050);
}

#[test]
fn dbra_loop_and_subroutine() {
    let (cpu, _, _) = run("\
start:  moveq   #0,d2
        move.w  #9,d1           ; ten times
1$:     move.l  d1,d0
        bsr     square
        add.l   d0,d2
        dbra    d1,1$
        stop    #$2700

square: mulu.w  d0,d0           ; d0 = d0 * d0
        rts
");
    // 0^2 + 1^2 + ... + 9^2
    assert_eq!(cpu.d(2), 285);
}

#[test]
fn macro_and_rept_generated_table() {
    let (cpu, _, _) = run("\
square  macro
        dc.\\0  (\\1)*(\\1)
        endm

start:  lea     table(pc),a0
        moveq   #0,d0
        moveq   #0,d1
.loop:  add.w   (a0,d1.w*2),d0  ; sum the table
        addq.w  #1,d1
        cmp.w   #count,d1
        blt.s   .loop
        stop    #$2700

count   equ     12
table:
n       set     0
        rept    count
        square.w n
n       set     n+1
        endr
");
    // 0^2 + ... + 11^2
    assert_eq!(cpu.d(0) & 0xFFFF, 506);
}

#[test]
fn forward_branches_settle_to_the_right_sizes() {
    // The first branch must grow to .w (the gap is too long for .s), the second stays .s.
    let (cpu, _, out) = run("\
start:  moveq   #1,d0
        bra     far
        moveq   #2,d0
near:   stop    #$2700
        ds.b    300
far:    addq.l  #4,d0
        bra     near
");
    assert_eq!(cpu.d(0), 5);
    let start = out.symbol("start").unwrap();
    let near = out.symbol("near").unwrap();
    // moveq (2) + bra.w (4) + moveq (2)
    assert_eq!(near - start, 8);
}

#[test]
fn strings_local_labels_and_data_section() {
    let (cpu, bus, out) = run("\
start:  lea     src(pc),a0
        lea     dst,a1
        moveq   #-1,d0
.copy:  addq.l  #1,d0
        move.b  (a0)+,(a1)+
        bne.s   .copy
        stop    #$2700
src:    dc.b    'Synthesis',0
        even

        section bss
        org     $3000
dst:    ds.b    64
");
    assert_eq!(cpu.d(0), 9);
    let dst = out.symbol("dst").unwrap() as usize;
    assert_eq!(&bus.as_slice()[dst..dst + 10], b"Synthesis\0");
}

#[test]
fn template_copied_and_filled_at_run_time() {
    // A tiny synthesizer: copy template `addk` to RAM, fill its hole from the hole-offset
    // symbol, and call the copy.
    let (cpu, _, out) = run("\
start:  lea     addk(pc),a0
        lea     $5000,a1
        move.w  #addk_len-1,d1
.copy:  move.b  (a0)+,(a1)+
        dbra    d1,.copy
        move.l  #1000,$5000+addk.k      ; fill the hole
        moveq   #5,d0
        jsr     $5000
        stop    #$2700

        template addk
        add.l   #@k,d0
        rts
        endt
");
    assert_eq!(cpu.d(0), 1005);
    let t = &out.templates[0];
    assert_eq!(t.name, "addk");
    assert_eq!(t.holes.len(), 1);
    assert_eq!(
        (t.holes[0].offset, t.holes[0].kind),
        (2, qasm::HoleKind::Long)
    );
}

#[test]
fn reads_back_what_it_wrote() {
    let (_, mut bus, out) = run("\
start:  move.l  #$CAFEBABE,result
        stop    #$2700
        section data
result: dc.l    0
");
    let r = out.symbol("result").unwrap();
    assert_eq!(bus.read_long(r), 0xCAFE_BABE);
}
