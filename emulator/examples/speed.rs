//! Speed of the full cycle model against bare `m68k` `CpuCore::step()` on the same
//! workload (a copy/checksum loop with both caches on, 1 wait state).
//!
//! Run: `cargo run --release -p emulator --example speed`
#[path = "../tests/common/mod.rs"]
mod common;
use common::TestMachine;
use emulator::{Config, Emulator, TimingMode};
use m68k::{AddressBus, CpuCore, CpuType, LinearMemoryBus};
use std::time::Instant;

const WORKLOAD: &str = "
        org     $1000
start:  move.l  #$0101,d7       ; EI | ED
        movec   d7,cacr
outer:  lea     $2000,a0
        lea     $3000,a1
        move.w  #255,d1
copy:   move.l  (a0)+,d0
        add.l   d0,d2
        eor.l   d2,d3
        move.l  d3,(a1)+
        lsl.l   #1,d3
        addq.l  #3,d4
        dbra    d1,copy
        bra     outer
";

fn main() {
    let out = qasm::assemble_str("speed.s", WORKLOAD, &qasm::Options::default()).unwrap();
    let clocks: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(250_000_000);
    // Optional second argument: "full" (cycle model only) or "bare" (step() only), for
    // `perf stat` comparisons on a loaded machine.
    let only = std::env::args().nth(2).unwrap_or_default();
    for mode in [TimingMode::Overlap, TimingMode::Table] {
        if only == "bare" && mode == TimingMode::Table {
            continue;
        }
        let mut m = TestMachine::new(1);
        out.load_into(&mut m.ram);
        let mut e = Emulator::new(Config { timing: mode });
        e.reset(&mut m, out.entry, 0x8000);
        let t0 = Instant::now();
        if only != "bare" {
            e.run(&mut m, clocks);
        } else {
            // The same instruction count the full model reaches (measured beforehand).
            e.run(&mut m, clocks / 1000);
        }
        let dt = t0.elapsed().as_secs_f64();
        let c = e.counters();
        println!(
            "{mode:?}: {} instructions, {} clocks in {dt:.2} s: {:.1} M instr/s, {:.1} M clocks/s, real-time factor at 25 MHz {:.1}x",
            c.instructions,
            c.clocks,
            c.instructions as f64 / dt / 1e6,
            c.clocks as f64 / dt / 1e6,
            c.clocks as f64 / dt / 25e6
        );
        if mode == TimingMode::Overlap && only != "full" {
            // Bare step() on the same workload, same instruction count.
            let mut bus = LinearMemoryBus::new(1 << 20);
            let mut img = vec![0u8; 1 << 20];
            out.load_into(&mut img);
            bus.load(0, &img);
            let mut cpu = CpuCore::new();
            cpu.set_cpu_type(CpuType::M68030);
            cpu.pulse_reset();
            cpu.set_sp(0x8000);
            cpu.pc = out.entry;
            let n = if only == "bare" {
                clocks * 304 / 1000
            } else {
                c.instructions
            };
            let t0 = Instant::now();
            for _ in 0..n {
                cpu.step(&mut bus);
            }
            let bare = t0.elapsed().as_secs_f64();
            let _ = bus.read_byte(0);
            println!(
                "bare CpuCore::step(): {n} instructions in {bare:.2} s: {:.1} M instr/s; cycle model costs {:.2}x bare step()",
                n as f64 / bare / 1e6,
                dt / bare
            );
        }
    }
}
