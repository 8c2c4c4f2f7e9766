//! The emulator speed benchmark (`quamachine bench-emulator`): a fixed guest workload
//! (memory moves, arithmetic, branches, a subroutine) run on the full board with caches
//! on and the full cycle model, and, in the same run, on the bare `m68k::CpuCore::step()`
//! with a plain linear-memory bus, so the cost of the measuring machinery is a ratio.
use crate::board::console::ConsoleInput;
use crate::board::map::MemoryMap;
use crate::loader::{Image, LoadOptions, load_bytes};
use crate::session::{RunConfig, Session};
use emulator::TimingMode;
use m68k::{CpuCore, CpuType, LinearMemoryBus, StepResult};
use serde::Serialize;
use std::time::{Duration, Instant};

/// Where the workload is loaded and starts.
pub const WORKLOAD_ORIGIN: u32 = 0x1000;

/// The workload's source (Motorola syntax). It loops forever; the benchmark stops it by
/// time. Absolute addresses `$10000`/`$10100` are its data buffers. The test
/// `tests/bench.rs` checks the assembler's encoding against GNU as.
pub const WORKLOAD_SOURCE: &str = "\
        org     $1000
start:  move.l  #$1919,d0       ; CACR: I and D caches on, cleared, burst fills
        movec   d0,cacr
        moveq   #0,d2
outer:  lea     $10000,a0
        lea     $10100,a1
        moveq   #15,d7
copy:   move.l  (a0)+,(a1)+     ; memory move
        add.l   d7,d2           ; arithmetic
        eor.l   d2,d3
        lsl.l   #1,d3
        dbra    d7,copy         ; branch
        bsr.s   sub             ; subroutine
        addq.l  #1,d4
        bra.s   outer
sub:    move.w  d4,d5
        mulu.w  #3,d5
        add.l   d5,d6
        tst.l   d6
        bne.s   .skip
        addq.l  #1,d6
.skip:  rts
";

/// The workload assembled by the project's assembler and checked by the loader.
pub fn workload_image() -> Result<Image, String> {
    let out = qasm::assemble_str(
        "bench-workload.s",
        WORKLOAD_SOURCE,
        &qasm::Options::default(),
    )
    .map_err(|d| format!("the benchmark workload does not assemble:\n{d}"))?;
    let map = MemoryMap::new(RunConfig::default().ram_mib << 20);
    load_bytes(&out.elf, "<bench workload>", LoadOptions::default(), map).map_err(|e| e.to_string())
}

/// Figures of one engine.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Figures {
    /// Instructions executed.
    pub instructions: u64,
    /// Emulated clocks (the engine's own cycle counts).
    pub clocks: u64,
    /// Host seconds spent.
    pub host_seconds: f64,
}

impl Figures {
    /// Emulated clocks per host second.
    pub fn clocks_per_second(&self) -> f64 {
        self.clocks as f64 / self.host_seconds.max(1e-9)
    }
    /// Million instructions per host second.
    pub fn mips(&self) -> f64 {
        self.instructions as f64 / self.host_seconds.max(1e-9) / 1e6
    }
    /// Emulated seconds per host second at `mhz`.
    pub fn real_time_factor(&self, mhz: f64) -> f64 {
        self.clocks_per_second() / (mhz * 1e6)
    }
    /// Keep the faster of two rounds (host noise only ever slows a round down).
    fn keep_best(&mut self, o: Figures) {
        if self.instructions == 0 || o.mips() > self.mips() {
            *self = o;
        }
    }
}

/// A benchmark result: each engine's best round.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct BenchResult {
    /// The full board + cycle model + caches.
    pub emulator: Figures,
    /// Bare `m68k::CpuCore::step()` on a linear bus.
    pub bare_step: Figures,
}

impl BenchResult {
    /// How many times slower (per instruction) the full model is than bare `step()`.
    pub fn cost_ratio(&self) -> f64 {
        self.bare_step.mips() / self.emulator.mips().max(1e-12)
    }
}

/// How long each engine runs in a round.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Budget {
    /// About this much host time (the wall-clock figures).
    Time(Duration),
    /// At least this many guest instructions (for instruction-count profilers such as
    /// `valgrind --tool=callgrind`, where host time means nothing).
    Instructions(u64),
}

impl Budget {
    fn done(&self, started: Instant, instructions: u64) -> bool {
        match *self {
            Budget::Time(d) => started.elapsed() >= d,
            Budget::Instructions(n) => instructions >= n,
        }
    }
}

/// Run the workload on the full emulator for about `duration` of host time.
pub fn run_emulator(image: &Image, duration: Duration, timing: TimingMode) -> Figures {
    run_emulator_for(image, Budget::Time(duration), timing)
}

/// Run the workload on the full emulator within `budget`.
pub fn run_emulator_for(image: &Image, budget: Budget, timing: TimingMode) -> Figures {
    let config = RunConfig {
        timing,
        ..RunConfig::default()
    };
    let mut s = Session::new(image, config, ConsoleInput::None, Box::new(std::io::sink()));
    let start_counters = s.cpu.counters();
    let started = Instant::now();
    let slice = match budget {
        Budget::Time(_) => 1_000_000,
        Budget::Instructions(_) => 100_000,
    };
    while !budget.done(
        started,
        s.cpu.counters().instructions - start_counters.instructions,
    ) {
        let until = s.cpu.counters().clocks + slice;
        let exit = s.cpu.run(&mut s.board, until);
        if exit != emulator::Exit::ClockLimit {
            break;
        }
    }
    let host_seconds = started.elapsed().as_secs_f64();
    let c = s.cpu.counters();
    Figures {
        instructions: c.instructions - start_counters.instructions,
        clocks: c.clocks - start_counters.clocks,
        host_seconds,
    }
}

/// Run the workload on bare `CpuCore::step()` for about `duration`.
pub fn run_bare_step(image: &Image, duration: Duration) -> Figures {
    run_bare_step_for(image, Budget::Time(duration))
}

/// Run the workload on bare `CpuCore::step()` within `budget`.
pub fn run_bare_step_for(image: &Image, budget: Budget) -> Figures {
    let mut bus = LinearMemoryBus::new(16 << 20);
    for seg in &image.segments {
        bus.load(seg.address, &seg.data);
    }
    bus.write_long_at(0, 16 << 20);
    bus.write_long_at(4, image.entry);
    let mut cpu = CpuCore::new();
    cpu.set_cpu_type(CpuType::M68030);
    cpu.reset(&mut bus);
    let mut f = Figures::default();
    let started = Instant::now();
    'outer: while !budget.done(started, f.instructions) {
        for _ in 0..10_000 {
            match cpu.step(&mut bus) {
                StepResult::Ok { cycles } => {
                    f.instructions += 1;
                    f.clocks += cycles.max(0) as u64;
                }
                _ => break 'outer,
            }
        }
    }
    f.host_seconds = started.elapsed().as_secs_f64();
    f
}

/// Alternate the two engines for `rounds` rounds of `per_round` each (alternating
/// spreads host noise over both), after a short warm-up; each engine's best round counts,
/// since load from other processes only ever slows a round down.
pub fn run(rounds: u32, per_round: Duration, timing: TimingMode) -> Result<BenchResult, String> {
    run_for(rounds, Budget::Time(per_round), timing)
}

/// [`run`] with any [`Budget`] per engine per round (no warm-up for a counted budget:
/// instruction counts do not depend on a warm host cache).
pub fn run_for(rounds: u32, budget: Budget, timing: TimingMode) -> Result<BenchResult, String> {
    let image = workload_image()?;
    if let Budget::Time(_) = budget {
        let warm = Budget::Time(Duration::from_millis(100));
        let _ = run_emulator_for(&image, warm, timing);
        let _ = run_bare_step_for(&image, warm);
    }
    let mut r = BenchResult {
        emulator: Figures::default(),
        bare_step: Figures::default(),
    };
    for _ in 0..rounds.max(1) {
        r.emulator
            .keep_best(run_emulator_for(&image, budget, timing));
        r.bare_step.keep_best(run_bare_step_for(&image, budget));
    }
    Ok(r)
}
