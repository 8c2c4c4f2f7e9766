//! Behaviour of the caches, the FPU latch and frames, interrupts, bus errors and the
//! trace hooks, on small programs assembled with the project assembler.
mod common;
use common::TestMachine;
use emulator::{Config, Emulator, Exit, Registers, TimingMode, Tracer};
use std::cell::RefCell;
use std::rc::Rc;

fn machine(src: &str) -> (TestMachine, u32) {
    let out = qasm::assemble_str("test.s", src, &qasm::Options::default())
        .unwrap_or_else(|d| panic!("assembly failed: {d:?}"));
    let mut m = TestMachine::new(1);
    out.load_into(&mut m.ram);
    (m, out.entry)
}

fn run(src: &str) -> (TestMachine, Emulator, Exit) {
    let (mut m, entry) = machine(src);
    let mut e = Emulator::new(Config::default());
    e.reset(&mut m, entry, 0x8000);
    let exit = e.run(&mut m, 1_000_000);
    (m, e, exit)
}

const STALE: &str = "
        org     $1000
start:  move.l  #CACR,d7
        movec   d7,cacr
        bsr     target          ; the I-cache (when on) now holds target
        move.w  #$7402,target   ; patch: moveq #1,d2 -> moveq #2,d2
        bsr     target
        move.l  d2,d5           ; what ran after the patch, before any clear
        moveq   #9,d6           ; EI | CI
        movec   d6,cacr
        bsr     target
        move.l  d2,d4           ; after the clear
        move.l  #0,$FFFF0010
target: moveq   #1,d2
        rts
";

#[test]
fn patched_code_runs_stale_until_the_icache_is_cleared() {
    let (_, e, exit) = run(&STALE.replace("CACR", "1"));
    assert_eq!(exit, Exit::MachineStop);
    let r = e.registers();
    assert_eq!(
        r.d[5], 1,
        "stale copy from the I-cache runs after the patch"
    );
    assert_eq!(r.d[4], 2, "after CACR CI the new code runs");
    assert!(e.counters().icache_hits > 0);
}

#[test]
fn with_the_icache_off_patched_code_runs_at_once() {
    let (_, e, exit) = run(&STALE.replace("CACR", "0"));
    assert_eq!(exit, Exit::MachineStop);
    assert_eq!(e.registers().d[5], 2);
}

#[test]
fn clear_entry_by_caar_invalidates_one_long_word() {
    let src = STALE.replace("CACR", "1").replace(
        "moveq   #9,d6           ; EI | CI",
        "moveq   #5,d6\n        lea     target,a0\n        movec   a0,caar",
    );
    let (_, e, exit) = run(&src);
    assert_eq!(exit, Exit::MachineStop);
    assert_eq!(e.registers().d[5], 1);
    assert_eq!(
        e.registers().d[4],
        2,
        "CEI at CAAR=target clears that entry"
    );
}

#[test]
fn dcache_is_write_through_and_allocates_only_under_wa() {
    let src = "
        org     $1000
start:  move.l  #$0100,d7       ; ED
        movec   d7,cacr
        move.l  #$11111111,$2000 ; write miss: no allocation without WA
        move.l  $2000,d0        ; read miss: fills
        move.l  $2000,d1        ; hit
        move.l  #$22222222,$2000 ; write hit: cache and memory both updated
        move.l  $2000,d2        ; hit
        move.l  #$2100,d7       ; ED | WA
        movec   d7,cacr
        move.l  #$33333333,$3000 ; write miss with WA: allocated
        move.l  $3000,d3        ; hit
        move.l  #0,$FFFF0010
";
    let (m, e, exit) = run(src);
    assert_eq!(exit, Exit::MachineStop);
    let r = e.registers();
    assert_eq!(
        (r.d[0], r.d[1], r.d[2], r.d[3]),
        (0x11111111, 0x11111111, 0x22222222, 0x33333333)
    );
    assert_eq!(
        m.long(0x2000),
        0x22222222,
        "write-through: memory has the new value"
    );
    assert_eq!(m.long(0x3000), 0x33333333);
    let c = e.counters();
    assert_eq!((c.dcache_hits, c.dcache_misses), (3, 1), "{c:?}");
}

#[test]
fn fline_traps_while_the_fpu_is_off_and_leaves_it_null() {
    let src = "
        org     $1000
start:  move.l  #fline,$2C
        move.l  #0,$FFFF0014    ; FPU off
        dc.w    $F200,$0080     ; fmove.x fp0,fp1
        move.l  #99,$FFFF0010
fline:  move.l  #1,$FFFF0014    ; FPU on again
        lea     $3000,a0
        dc.w    $F320           ; fsave -(a0)
        move.l  a0,$FFFF0010
";
    let (m, e, exit) = run(src);
    assert_eq!(exit, Exit::MachineStop);
    assert_eq!(e.last_exception().map(|x| x.vector), Some(11));
    assert_eq!(
        m.halted,
        Some(0x3000 - 4),
        "the 68882 was never used: NULL frame"
    );
}

#[test]
fn fsave_frames_are_null_4_bytes_then_idle_60_bytes() {
    let src = "
        org     $1000
start:  lea     $3000,a0
        dc.w    $F320           ; fsave -(a0): NULL
        move.l  a0,d1
        dc.w    $F200,$0080     ; fmove.x fp0,fp1
        lea     $3100,a1
        dc.w    $F321           ; fsave -(a1): IDLE
        move.l  a1,d2
        dc.w    $F359           ; frestore (a1)+
        move.l  a1,d3
        lea     $3200,a2
        dc.w    $F312           ; fsave (a2)
        lea     $3000-4,a3
        dc.w    $F353           ; frestore (a3): the NULL frame saved first
        lea     $3400,a4
        dc.w    $F324           ; fsave -(a4): NULL again
        move.l  a4,d4
        move.l  #0,$FFFF0010
";
    let (m, e, exit) = run(src);
    assert_eq!(exit, Exit::MachineStop);
    let r = e.registers();
    assert_eq!(r.d[1], 0x3000 - 4);
    assert_eq!(m.long(0x3000 - 4), 0);
    assert_eq!(r.d[2], 0x3100 - 60);
    assert_eq!(m.word(0x3100 - 60), 0x1F38);
    assert_eq!(
        r.d[3], 0x3100,
        "FRESTORE takes back the 60 bytes FSAVE wrote"
    );
    assert_eq!(m.word(0x3200), 0x1F38);
    assert_eq!(
        r.d[4],
        0x3400 - 4,
        "after FRESTORE of a NULL frame, FSAVE writes NULL"
    );
}

#[test]
fn overlap_mode_is_never_slower_than_table_mode() {
    let src = "
        org     $1000
start:  lea     $2000,a0
        lea     $3000,a1
        moveq   #50,d1
loop:   move.l  (a0)+,d0
        add.l   d0,d2
        move.l  d2,(a1)+
        lsl.l   #1,d2
        dbra    d1,loop
        move.l  #0,$FFFF0010
";
    let mut clocks = Vec::new();
    for mode in [TimingMode::Table, TimingMode::Overlap] {
        let (mut m, entry) = machine(src);
        let mut e = Emulator::new(Config { timing: mode });
        e.reset(&mut m, entry, 0x8000);
        assert_eq!(e.run(&mut m, 1_000_000), Exit::MachineStop);
        clocks.push(e.counters().clocks);
    }
    assert!(clocks[1] < clocks[0], "{clocks:?}");
}

#[test]
fn the_timer_interrupt_wakes_stop() {
    let src = "
        org     $1000
start:  move.l  #handler,$78    ; level 6 autovector
        move.l  #500,$FFFF0040
        stop    #$2000
        move.l  d0,$FFFF0010
handler: addq.l #1,d0
        move.l  #0,$FFFF0048
        rte
";
    let (m, e, exit) = run(src);
    assert_eq!(exit, Exit::MachineStop);
    assert_eq!(m.halted, Some(1));
    assert_eq!(m.acks, 1);
    let c = e.counters();
    assert_eq!(c.exceptions, 1);
    assert!(c.clocks >= 500, "{c:?}");
}

fn bus_error(access: &str) -> (TestMachine, Emulator) {
    let src = format!(
        "
        org     $1000
start:  move.l  #berr,$8
        {access}
        move.l  #1,$FFFF0010
berr:   move.l  sp,d2
        move.w  6(sp),d1
        move.l  d1,$FFFF0010
"
    );
    let (m, e, exit) = run(&src);
    assert_eq!(exit, Exit::MachineStop);
    (m, e)
}

#[test]
fn a_read_of_an_unmapped_address_stacks_a_format_b_frame() {
    let (m, e) = bus_error("move.l $01000000,d0");
    assert_eq!(m.halted, Some(0xB008));
    assert_eq!(e.registers().d[2], 0x8000 - 92);
    assert_eq!(
        m.long(0x8000 - 92 + 0x10),
        0x0100_0000,
        "data cycle fault address"
    );
}

#[test]
fn a_write_to_an_unmapped_address_stacks_a_format_a_frame() {
    let (m, e) = bus_error("move.l d0,$01000000");
    assert_eq!(m.halted, Some(0xA008));
    assert_eq!(e.registers().d[2], 0x8000 - 32);
    assert_eq!(
        m.long(0x8000 - 32 + 0x10),
        0x0100_0000,
        "data cycle fault address"
    );
    assert_eq!(e.last_exception().map(|x| x.format), Some(0xA));
}

#[derive(Default)]
struct Log {
    insns: Vec<(u32, u16, u32)>,
    exceptions: Vec<(u8, u32)>,
    entries: Vec<(u8, Registers)>,
}
struct Rec(Rc<RefCell<Log>>);
impl Tracer for Rec {
    fn instruction(&mut self, pc: u32, opcode: u16, clocks: u32) {
        self.0.borrow_mut().insns.push((pc, opcode, clocks));
    }
    fn exception(&mut self, vector: u8, pc: u32) {
        self.0.borrow_mut().exceptions.push((vector, pc));
    }
    fn kernel_entry(&mut self, trap: u8, registers: &Registers) {
        self.0.borrow_mut().entries.push((trap, *registers));
    }
}

#[test]
fn trace_hooks_see_instructions_exceptions_and_kernel_entries() {
    let src = "
        org     $1000
start:  move.l  #trap3,$8C
        moveq   #42,d0
        trap    #3
        move.l  d0,$FFFF0010
trap3:  rte
";
    let (mut m, entry) = machine(src);
    let mut e = Emulator::new(Config {
        timing: TimingMode::Table,
    });
    e.reset(&mut m, entry, 0x8000);
    let log = Rc::new(RefCell::new(Log::default()));
    e.set_tracer(Some(Box::new(Rec(log.clone()))));
    assert_eq!(e.run(&mut m, 100_000), Exit::MachineStop);
    let log = log.borrow();
    let c = e.counters();
    assert_eq!(log.insns.len() as u64, c.instructions);
    assert_eq!(log.insns.iter().map(|x| x.2 as u64).sum::<u64>(), c.clocks);
    assert_eq!(log.exceptions, vec![(35, 0x100A)]);
    assert_eq!(log.entries.len(), 1);
    assert_eq!(log.entries[0].0, 3);
    assert_eq!(log.entries[0].1.d[0], 42);
    assert_eq!(log.insns[2].1, 0x4E43);
}

#[test]
fn an_exception_without_a_handler_ends_the_run() {
    let (_, _, exit) = run("        org $1000\nstart:  trap #5\n");
    assert_eq!(
        exit,
        Exit::UnhandledException {
            vector: 37,
            pc: 0x1000,
            opcode: [0x4E45, 0, 0]
        }
    );
}

#[test]
fn a_bus_error_while_stacking_a_bus_error_is_a_double_fault() {
    let (mut m, entry) = machine("        org $1000\nstart:  move.l $01000000,d0\n        nop\n");
    let mut e = Emulator::new(Config::default());
    e.reset(&mut m, entry, 0x0200_0000);
    m.timer_period = 50; // an interrupt pending afterwards must not revive the CPU
    assert_eq!(e.run(&mut m, 100_000), Exit::DoubleFault { pc: 0x1000 });
    assert_eq!(e.run(&mut m, 200_000), Exit::DoubleFault { pc: 0x1000 });
}

#[test]
fn wait_states_cost_one_clock_per_bus_cycle() {
    let src = "
        org     $1000
start:  lea     $2000,a0
        moveq   #100,d1
loop:   move.l  (a0)+,d0
        dbra    d1,loop
        move.l  #0,$FFFF0010
";
    let mut results = Vec::new();
    for ws in [0, 1, 3] {
        let (mut m, entry) = machine(src);
        m.wait_states = ws;
        let mut e = Emulator::new(Config {
            timing: TimingMode::Table,
        });
        e.reset(&mut m, entry, 0x8000);
        assert_eq!(e.run(&mut m, 1_000_000), Exit::MachineStop);
        results.push(e.counters());
    }
    assert_eq!(results[0].bus_cycles, results[1].bus_cycles);
    // The final HALT write goes to the device page (no wait states).
    let ram_cycles = results[0].bus_cycles - 1;
    assert_eq!(results[1].clocks, results[0].clocks + ram_cycles);
    assert_eq!(results[2].clocks, results[0].clocks + 3 * ram_cycles);
}

#[test]
fn fp_instructions_are_not_free() {
    // fmove.x fp0,fp1 ; fadd.x fp0,fp1 ; fmul.x fp0,fp1 ; fdiv.x fp0,fp1
    let src = "
        org     $1000
start:  dc.w    $F200,$0080
        dc.w    $F200,$00A2
        dc.w    $F200,$00A3
        dc.w    $F200,$00A0
        move.l  #0,$FFFF0010
";
    let (mut m, entry) = machine(src);
    let mut e = Emulator::new(Config {
        timing: TimingMode::Table,
    });
    e.reset(&mut m, entry, 0x8000);
    let log = Rc::new(RefCell::new(Log::default()));
    e.set_tracer(Some(Box::new(Rec(log.clone()))));
    assert_eq!(e.run(&mut m, 100_000), Exit::MachineStop);
    let clocks: Vec<u32> = log.borrow().insns.iter().map(|x| x.2).collect();
    // 68882 operation + the 68030's coprocessor interface overhead, ordered as on the chip.
    assert!(
        clocks[0] > 21 && clocks[1] > 51 && clocks[2] > 71 && clocks[3] > 103,
        "{clocks:?}"
    );
    assert!(clocks[0] < clocks[1] && clocks[1] < clocks[2] && clocks[2] < clocks[3]);
}

#[test]
fn burst_fills_load_whole_lines() {
    let body = "        nop\n".repeat(32);
    let misses = |cacr: u32| {
        let src = format!(
            "        org $1000\nstart:  move.l #{cacr},d7\n        movec d7,cacr\n        bra.w go\n        org $1100\ngo:\n{body}        move.l #0,$FFFF0010\n"
        );
        let (_, e, exit) = run(&src);
        assert_eq!(exit, Exit::MachineStop);
        e.counters()
    };
    let single = misses(0x01);
    let burst = misses(0x11);
    // 64 bytes of NOPs: 16 long words, 4 lines.
    assert!(single.icache_misses >= 16, "{single:?}");
    assert!(
        burst.icache_misses <= single.icache_misses - 12,
        "{burst:?} vs {single:?}"
    );
    assert!(burst.icache_hits > single.icache_hits);
}

#[test]
fn read_modify_write_cycles_bypass_the_data_cache() {
    let src = "
        org     $1000
start:  move.l  #$0100,d7       ; ED
        movec   d7,cacr
        move.l  $2000,d0        ; miss: fills
        move.l  $2000,d0        ; hit
        tas     $2000           ; read-modify-write: to the bus
        move.l  #0,$FFFF0010
";
    let (_, e, exit) = run(src);
    assert_eq!(exit, Exit::MachineStop);
    let c = e.counters();
    assert_eq!((c.dcache_hits, c.dcache_misses), (1, 1), "{c:?}");
}

/// Exceptions taken from user mode (TRAP, a privilege violation inside an instruction, a
/// timer interrupt) with the data cache on: the frames are supervisor data (FC 5), so the
/// handler and RTE read back what exception processing just pushed, never a stale
/// supervisor-tagged copy of an earlier frame at the same stack address. Each exception
/// is taken twice at different PCs, so an RTE that read the earlier frame would return
/// to the earlier PC and never reach the end.
const USER_EXCEPTIONS: &str = "
        org     $1000
start:  move.l  #CACR,d7
        movec   d7,cacr
        move.l  #trap0,$80      ; vector 32
        move.l  #priv,$20       ; vector 8
        move.l  #irq,$78        ; level 6 autovector
        lea     $7000,a0
        move.l  a0,usp
        moveq   #0,d0
        moveq   #0,d1
        move.w  #$0000,sr       ; user mode, SSP stays $8000
        trap    #0
        ori.l   #1,d1
        trap    #0
        ori.l   #2,d1
        move.w  #$2700,sr       ; privileged: the handler skips it
        ori.l   #4,d1
        move.w  #$2700,sr
        ori.l   #8,d1
        move.l  #300,$FFFF0040  ; two timer interrupts
wait:   cmpi.l  #6,d0
        bne.s   wait
        move.l  #0,$FFFF0010
trap0:  addq.l  #1,d0
        rte
priv:   addq.l  #1,d0
        addq.l  #4,2(sp)        ; past the 4-byte move to SR
        rte
irq:    addq.l  #1,d0
        move.l  #0,$FFFF0048
        cmpi.l  #6,d0
        bne.s   .r
        move.l  #0,$FFFF0040    ; no more ticks
.r:     rte
";

#[test]
fn exceptions_from_user_mode_push_supervisor_data_through_the_dcache() {
    for (cacr, what) in [("$0101", "ED"), ("$2101", "ED | WA"), ("$3111", "all")] {
        let (m, e, exit) = run(&USER_EXCEPTIONS.replace("CACR", cacr));
        assert_eq!(exit, Exit::MachineStop, "CACR {what}: {:?}", e.registers());
        let r = e.registers();
        assert_eq!((r.d[0], r.d[1]), (6, 15), "CACR {what}: {r:?}");
        assert_eq!(r.sr & 0x2000, 0, "CACR {what}: still in user mode");
        // The last frame (the second interrupt's) is at $7FF8-$7FFF: its lines are
        // supervisor-tagged and hold what memory holds.
        for a in [0x7FF8, 0x7FFC] {
            let entry = e.dcache_entry(a);
            assert!(
                entry.is_some_and(|c| c.supervisor && c.value == m.long(a)),
                "CACR {what}: ${a:X}: {entry:?} vs memory ${:08X}",
                m.long(a)
            );
        }
        assert!(e.counters().dcache_hits > 0, "CACR {what}");
    }
}

/// With write-allocate, a frame's long-word push from user mode allocates a supervisor
/// line holding it (the stacked PC here, on a long-word boundary with SSP = $7FFE).
#[test]
fn a_user_mode_trap_frame_is_allocated_supervisor_under_wa() {
    let src = "
        org     $1000
start:  move.l  #$2100,d7       ; ED | WA
        movec   d7,cacr
        move.l  #trap0,$80
        lea     $7000,a0
        move.l  a0,usp
        lea     $7FFE,sp        ; the frame: SR $7FF6, PC $7FF8, vector word $7FFC
        move.w  #$0000,sr
        trap    #0
back:   move.l  #1,$FFFF0010
trap0:  move.l  #0,$FFFF0010    ; stop in the handler, the frame untouched
";
    let (m, e, exit) = run(src);
    assert_eq!(exit, Exit::MachineStop);
    assert_eq!(m.halted, Some(0));
    let pc = m.long(0x7FF8);
    assert_eq!(m.word(0x7FFC), 0x0080, "format 0, vector 32");
    assert_eq!(
        e.dcache_entry(0x7FF8),
        Some(emulator::CacheEntry {
            supervisor: true,
            value: pc
        }),
        "the stacked PC ${pc:X} is cached as supervisor data"
    );
}

/// TT0 in the MC68030 layout (FC base in bits 6-4, FC mask in 2-0) transparently
/// translates every supervisor access while the translation tree (CRP, SRE off) maps
/// nothing: the program goes on after enabling the MMU and reads TT0 back as written.
/// (The `m68k` crate decodes the FC fields from bits 10-8 and 4-2; the emulator
/// converts at PMOVE.)
#[test]
fn tt0_in_the_68030_layout_translates_supervisor_accesses() {
    let src = "
        org     $1000
start:  lea     $3000,a0        ; an A table of invalid descriptors (RAM is zero)
        move.l  #$00000002,$2000 ; CRP: limit none, DT = 2 (4-byte table)
        move.l  a0,$2004
        pmove   $2000,crp
        move.l  #$00FF8143,$2010 ; all addresses, E, RWM, FC base 4, FC mask 3
        pmove   $2010,tt0
        move.l  #$80C08480,$2014 ; E, PS 4K, TIA 8, TIB 4, TIC 8 (no SRE)
        pmove   $2014,tc
        moveq   #7,d0           ; runs only if the fetch matched TT0
        lea     $2020,a1
        pmove   tt0,(a1)
        pmove   tt0,$2024
        move.l  #0,$FFFF0010
";
    let (m, e, exit) = run(src);
    assert_eq!(exit, Exit::MachineStop, "{:?}", e.last_exception());
    assert_eq!(e.registers().d[0], 7);
    assert_eq!(
        m.long(0x2020),
        0x00FF_8143,
        "PMOVE TT0,(An) reads back the guest's value"
    );
    assert_eq!(m.long(0x2024), 0x00FF_8143, "PMOVE TT0,abs.L too");
}

/// The run loop takes the `m68k` core's batch path for an instruction it predicts to be
/// register-only (from the opcode last run at the same PC slot, PC bits 1-12) and
/// `step()` otherwise, and the two must be indistinguishable. An opcode fetch that
/// faults is the hard case for the batch path (left alone, its loop goes on into the
/// handler's first instruction): the fault must look the same whether the target's slot
/// last ran `moveq` (batch path) or `move.w #0,d0` (step path), for a bus error and for
/// an address error.
#[test]
fn a_faulting_opcode_fetch_is_the_same_on_either_path() {
    type Seen = (Vec<(u32, u16, u32)>, Vec<(u8, u32)>, Option<u32>, u32, u32);
    for (target, vector) in [(0x0100_1000u32, 2u32), (0x1001, 3)] {
        let mut seen: Vec<Seen> = Vec::new();
        for first in ["moveq   #0,d0\n        moveq   #0,d1", "move.w  #0,d0"] {
            let src = format!(
                "
        org     $1000
start:  {first}
        move.l  #handler,${:X}
        jmp     ${target:X}
handler: move.l sp,d2
        move.w  6(sp),d1
        move.l  d1,$FFFF0010
",
                vector * 4
            );
            let (mut m, entry) = machine(&src);
            let mut e = Emulator::new(Config::default());
            e.reset(&mut m, entry, 0x8000);
            let log = Rc::new(RefCell::new(Log::default()));
            e.set_tracer(Some(Box::new(Rec(log.clone()))));
            assert_eq!(e.run(&mut m, 100_000), Exit::MachineStop, "{src}");
            let log = log.borrow();
            let jmp = log
                .insns
                .iter()
                .position(|i| i.1 & 0xFFC0 == 0x4EC0)
                .expect("jmp ran");
            let after = log.insns[jmp..].to_vec();
            // The faulting fetch, then each of the handler's three instructions.
            assert_eq!(after.len(), 5, "{target:X} after {first}: {after:X?}");
            let r = e.registers();
            seen.push((after, log.exceptions.clone(), m.halted, r.d[2], r.pc));
        }
        assert_eq!(seen[0], seen[1], "vector {vector}");
        assert_eq!(seen[0].1.len(), 1);
        assert_eq!(seen[0].1[0].0 as u32, vector);
    }
}
