//! The speed benchmark's workload: the assembler encodes it as GNU as does, and both
//! engines run it (briefly) without stopping early.
use emulator::TimingMode;
use quamachine::bench;
use std::time::Duration;

/// The workload as GNU as (`-m68030`) encodes it.
const GNU: &[u16] = &[
    0x203C, 0x0000, 0x1919, // move.l #$1919,d0
    0x4E7B, 0x0002, //         movec d0,cacr
    0x7400, //                 moveq #0,d2
    0x41F9, 0x0001, 0x0000, // outer: lea $10000,a0
    0x43F9, 0x0001, 0x0100, // lea $10100,a1
    0x7E0F, //                 moveq #15,d7
    0x22D8, //                 copy: move.l (a0)+,(a1)+
    0xD487, //                 add.l d7,d2
    0xB583, //                 eor.l d2,d3
    0xE38B, //                 lsl.l #1,d3
    0x51CF, 0xFFF6, //         dbra d7,copy
    0x6104, //                 bsr.s sub
    0x5284, //                 addq.l #1,d4
    0x60E0, //                 bra.s outer
    0x3A04, //                 sub: move.w d4,d5
    0xCAFC, 0x0003, //         mulu.w #3,d5
    0xDC85, //                 add.l d5,d6
    0x4A86, //                 tst.l d6
    0x6602, //                 bne.s .skip
    0x5286, //                 addq.l #1,d6
    0x4E75, //                 .skip: rts
];

#[test]
fn workload_encoding_matches_gnu_as() {
    let image = bench::workload_image().expect("workload assembles and loads");
    assert_eq!(image.entry, bench::WORKLOAD_ORIGIN);
    let bytes: Vec<u8> = GNU.iter().flat_map(|w| w.to_be_bytes()).collect();
    assert_eq!(image.segments.len(), 1);
    assert_eq!(image.segments[0].address, bench::WORKLOAD_ORIGIN);
    assert_eq!(image.segments[0].data, bytes);
}

#[test]
fn both_engines_run_the_workload() {
    let image = bench::workload_image().expect("workload");
    let d = Duration::from_millis(30);
    let e = bench::run_emulator(&image, d, TimingMode::Overlap);
    let b = bench::run_bare_step(&image, d);
    assert!(e.instructions > 1000, "{e:?}");
    assert!(b.instructions > 1000, "{b:?}");
    // Both stay in the loop for the whole time (no fault ends them early).
    assert!(e.host_seconds >= 0.03 && b.host_seconds >= 0.03);
    let cpi = e.clocks as f64 / e.instructions as f64;
    assert!((2.0..20.0).contains(&cpi), "CPI {cpi}");
}

#[test]
fn a_counted_budget_is_deterministic() {
    // `--instructions N` (for callgrind): each engine runs at least N instructions, and
    // the same N gives the same emulated clocks every time.
    let image = bench::workload_image().expect("workload");
    let n = 20_000;
    let budget = bench::Budget::Instructions(n);
    let e1 = bench::run_emulator_for(&image, budget, TimingMode::Overlap);
    let e2 = bench::run_emulator_for(&image, budget, TimingMode::Overlap);
    let b = bench::run_bare_step_for(&image, budget);
    assert!(e1.instructions >= n && b.instructions >= n, "{e1:?} {b:?}");
    assert_eq!((e1.instructions, e1.clocks), (e2.instructions, e2.clocks));
}
