//! Run reports: the end-of-run summary (text, for stderr) and the same figures as JSON
//! (`--report FILE.json`, schema `quamachine-run/1`, documented in the README), the
//! process exit codes, and the names of the 68030's exception vectors.
use crate::board::probes::Region;
use crate::session::{RunExit, RunOutcome};
use serde::Serialize;
use std::fmt::Write as _;

/// Process exit codes other than the guest's HALT value.
pub mod exit_code {
    /// The image could not be loaded (message names the file and the problem).
    pub const LOAD_ERROR: u8 = 120;
    /// `--max-cycles` ran out before the guest wrote HALT.
    pub const MAX_CYCLES: u8 = 121;
    /// The CPU halted on a double bus fault.
    pub const DOUBLE_FAULT: u8 = 122;
    /// An exception with no handler (vector 0) stopped the run.
    pub const UNHANDLED_EXCEPTION: u8 = 123;
    /// A host-side failure: writing the report failed.
    pub const HOST_ERROR: u8 = 124;
    /// The CPU sits in STOP and no device can ever interrupt it.
    pub const STOPPED_FOREVER: u8 = 125;
    /// The display window was closed before the guest halted.
    pub const WINDOW_CLOSED: u8 = 126;
}

/// The JSON schema name and version of [`RunReport`].
pub const SCHEMA: &str = "quamachine-run/1";

/// The name of exception vector `v` (MC68030 User's Manual, table 8-1).
pub fn exception_name(v: u8) -> String {
    let s = match v {
        0 | 1 => "reset",
        2 => "bus error",
        3 => "address error",
        4 => "illegal instruction",
        5 => "zero divide",
        6 => "CHK/CHK2",
        7 => "TRAPcc/TRAPV",
        8 => "privilege violation",
        9 => "trace",
        10 => "line 1010 emulator (A-line)",
        11 => "line 1111 emulator (F-line)",
        13 => "coprocessor protocol violation",
        14 => "format error",
        15 => "uninitialized interrupt",
        24 => "spurious interrupt",
        25..=31 => return format!("level {} interrupt autovector", v - 24),
        32..=47 => return format!("TRAP #{}", v - 32),
        48 => "FPCP branch or set on unordered condition",
        49 => "FPCP inexact result",
        50 => "FPCP divide by zero",
        51 => "FPCP underflow",
        52 => "FPCP operand error",
        53 => "FPCP overflow",
        54 => "FPCP signaling NaN",
        56 => "MMU configuration error",
        64..=255 => return format!("user interrupt vector {v}"),
        _ => "unassigned, reserved",
    };
    s.to_string()
}

/// Settings of the run, as reported.
#[derive(Debug, Clone, Serialize)]
pub struct ReportConfig {
    /// `--clock-mhz`.
    pub clock_mhz: f64,
    /// `--wait-states` (RAM).
    pub wait_states: u32,
    /// `--ram-mib`.
    pub ram_mib: u32,
    /// `"overlap"` or `"table"`.
    pub timing: String,
    /// `--max-cycles`, if given.
    pub max_cycles: Option<u64>,
}

/// How the run ended.
#[derive(Debug, Clone, Serialize)]
pub struct ExitReport {
    /// `"halt"`, `"max_cycles"`, `"double_fault"`, `"unhandled_exception"`,
    /// `"stopped_forever"` or `"window_closed"`.
    pub kind: String,
    /// The process exit code.
    pub code: u8,
    /// The full 32-bit value written to HALT (`"halt"` only).
    pub halt_value: Option<u32>,
    /// PC of the faulting instruction (faults only).
    pub pc: Option<u32>,
    /// Exception vector (`"unhandled_exception"` only).
    pub vector: Option<u8>,
    /// Exception name (`"unhandled_exception"` only).
    pub exception: Option<String>,
    /// First words of the faulting instruction (`"unhandled_exception"` only).
    pub opcode: Option<Vec<u16>>,
    /// One line for humans.
    pub message: String,
}

/// Cache figures.
#[derive(Debug, Clone, Serialize)]
pub struct CacheReport {
    /// Hits.
    pub hits: u64,
    /// Misses.
    pub misses: u64,
    /// hits / (hits + misses), `null` when there were no accesses.
    pub hit_rate: Option<f64>,
}

/// One timing region.
#[derive(Debug, Clone, Serialize)]
pub struct RegionReport {
    /// Region id (0–65535).
    pub id: u16,
    /// Completed measurements.
    pub count: u64,
    /// Smallest, in clocks.
    pub min: u64,
    /// Median, in clocks (the lower middle sample for an even count).
    pub median: u64,
    /// Largest, in clocks.
    pub max: u64,
    /// Sum of all measurements, in clocks.
    pub total: u64,
    /// Mean, in clocks.
    pub mean: f64,
    /// `min` in µs at the clock rate.
    pub min_us: f64,
    /// `median` in µs.
    pub median_us: f64,
    /// `max` in µs.
    pub max_us: f64,
    /// PROBE_STOP writes with no open measurement.
    pub unmatched_stops: u64,
    /// Whether a measurement was still open at the end.
    pub open: bool,
}

/// Host-side figures.
#[derive(Debug, Clone, Serialize)]
pub struct HostReport {
    /// Wall-clock seconds the run took.
    pub seconds: f64,
    /// Emulated seconds per host second.
    pub real_time_factor: f64,
    /// Million emulated instructions per host second.
    pub mips: f64,
}

/// Timer figures.
#[derive(Debug, Clone, Serialize)]
pub struct TimerReport {
    /// Timer periods that elapsed.
    pub ticks: u64,
    /// Periods that elapsed while the previous interrupt was still pending.
    pub missed: u64,
}

/// The whole report (`--report FILE.json`).
#[derive(Debug, Clone, Serialize)]
pub struct RunReport {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// The image's file name, or `"<default>"` for the embedded image.
    pub image: String,
    /// Settings.
    pub config: ReportConfig,
    /// How the run ended.
    pub exit: ExitReport,
    /// CPU clocks since reset.
    pub clocks: u64,
    /// `clocks` as emulated seconds at the clock rate.
    pub seconds: f64,
    /// Instructions retired.
    pub instructions: u64,
    /// Clocks per instruction (`null` with no instructions).
    pub cpi: Option<f64>,
    /// External bus cycles.
    pub bus_cycles: u64,
    /// Exceptions taken (interrupts included).
    pub exceptions: u64,
    /// Instruction cache.
    pub icache: CacheReport,
    /// Data cache (reads).
    pub dcache: CacheReport,
    /// Interval timer.
    pub timer: TimerReport,
    /// Host speed.
    pub host: HostReport,
    /// Timing regions, by id.
    pub regions: Vec<RegionReport>,
}

fn cache(hits: u64, misses: u64) -> CacheReport {
    let total = hits + misses;
    CacheReport {
        hits,
        misses,
        hit_rate: (total > 0).then(|| hits as f64 / total as f64),
    }
}

/// Statistics of one region (`None` when it has no completed measurement and nothing
/// else to say).
pub fn region_report(id: u16, r: &Region, clock_mhz: f64) -> Option<RegionReport> {
    if r.samples.is_empty() && r.unmatched_stops == 0 && r.open.is_none() {
        return None;
    }
    let mut sorted = r.samples.clone();
    sorted.sort_unstable();
    let count = sorted.len() as u64;
    let min = sorted.first().copied().unwrap_or(0);
    let max = sorted.last().copied().unwrap_or(0);
    let median = if sorted.is_empty() {
        0
    } else {
        sorted[(sorted.len() - 1) / 2]
    };
    let total: u64 = sorted.iter().sum();
    let us = |c: u64| c as f64 / clock_mhz;
    Some(RegionReport {
        id,
        count,
        min,
        median,
        max,
        total,
        mean: if count == 0 {
            0.0
        } else {
            total as f64 / count as f64
        },
        min_us: us(min),
        median_us: us(median),
        max_us: us(max),
        unmatched_stops: r.unmatched_stops,
        open: r.open.is_some(),
    })
}

/// The process exit code and the one-line message for how a run ended.
pub fn exit_report(exit: &RunExit) -> ExitReport {
    let mut e = ExitReport {
        kind: String::new(),
        code: 0,
        halt_value: None,
        pc: None,
        vector: None,
        exception: None,
        opcode: None,
        message: String::new(),
    };
    match *exit {
        RunExit::Halt(value) => {
            e.kind = "halt".into();
            e.code = value as u8;
            e.halt_value = Some(value);
            e.message = if value <= 255 {
                format!("the guest halted with exit code {value}")
            } else {
                format!(
                    "the guest halted with value {value} (${value:08X}); exit code {} (its low byte)",
                    value as u8
                )
            };
        }
        RunExit::MaxCycles { limit } => {
            e.kind = "max_cycles".into();
            e.code = exit_code::MAX_CYCLES;
            e.message = format!("--max-cycles {limit} ran out before the guest halted");
        }
        RunExit::DoubleFault { pc } => {
            e.kind = "double_fault".into();
            e.code = exit_code::DOUBLE_FAULT;
            e.pc = Some(pc);
            e.message = format!("double bus fault at PC ${pc:08X}: the CPU halted");
        }
        RunExit::StoppedForever { pc } => {
            e.kind = "stopped_forever".into();
            e.code = exit_code::STOPPED_FOREVER;
            e.pc = Some(pc);
            e.message = format!(
                "the CPU is stopped (STOP before PC ${pc:08X}) and no device can interrupt it: the timer is off and no console input can arrive"
            );
        }
        RunExit::WindowClosed => {
            e.kind = "window_closed".into();
            e.code = exit_code::WINDOW_CLOSED;
            e.message = "the display window was closed before the guest halted".into();
        }
        RunExit::UnhandledException { vector, pc, opcode } => {
            let name = exception_name(vector);
            e.kind = "unhandled_exception".into();
            e.code = exit_code::UNHANDLED_EXCEPTION;
            e.pc = Some(pc);
            e.vector = Some(vector);
            e.exception = Some(name.clone());
            e.opcode = Some(opcode.to_vec());
            e.message = format!(
                "unhandled exception: {name} (vector {vector}) at PC ${pc:08X}, instruction {:04X} {:04X} {:04X}; no handler installed",
                opcode[0], opcode[1], opcode[2]
            );
        }
    }
    e
}

/// Build the report of a finished run.
pub fn build(outcome: &RunOutcome, image: &str, config: ReportConfig) -> RunReport {
    let c = &outcome.counters;
    let mhz = config.clock_mhz;
    let seconds = c.clocks as f64 / (mhz * 1e6);
    let regions = outcome
        .regions
        .iter()
        .filter_map(|(id, r)| region_report(*id, r, mhz))
        .collect();
    RunReport {
        schema: SCHEMA.into(),
        image: image.into(),
        exit: exit_report(&outcome.exit),
        clocks: c.clocks,
        seconds,
        instructions: c.instructions,
        cpi: (c.instructions > 0).then(|| c.clocks as f64 / c.instructions as f64),
        bus_cycles: c.bus_cycles,
        exceptions: c.exceptions,
        icache: cache(c.icache_hits, c.icache_misses),
        dcache: cache(c.dcache_hits, c.dcache_misses),
        timer: TimerReport {
            ticks: outcome.timer_ticks,
            missed: outcome.timer_missed,
        },
        host: HostReport {
            seconds: outcome.host_seconds,
            real_time_factor: if outcome.host_seconds > 0.0 {
                seconds / outcome.host_seconds
            } else {
                0.0
            },
            mips: if outcome.host_seconds > 0.0 {
                c.instructions as f64 / outcome.host_seconds / 1e6
            } else {
                0.0
            },
        },
        regions,
        config,
    }
}

fn rate(c: &CacheReport) -> String {
    match c.hit_rate {
        Some(r) => format!(
            "{:.1}% hits ({} hits, {} misses)",
            r * 100.0,
            c.hits,
            c.misses
        ),
        None => "no accesses".into(),
    }
}

/// Format `us` with a sensible number of decimals.
fn us(v: f64) -> String {
    if v >= 1000.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

/// The end-of-run summary (several lines, for stderr).
pub fn summary(r: &RunReport) -> String {
    let mut s = String::new();
    let w = &mut s;
    let _ = writeln!(w, "quamachine: {}", r.exit.message);
    let _ = writeln!(
        w,
        "  clocks        {:>14}   {} at {} MHz",
        r.clocks,
        duration(r.seconds),
        r.config.clock_mhz
    );
    let _ = writeln!(
        w,
        "  instructions  {:>14}   CPI {}",
        r.instructions,
        r.cpi.map_or("-".into(), |c| format!("{c:.3}"))
    );
    let _ = writeln!(
        w,
        "  bus cycles    {:>14}   exceptions {}",
        r.bus_cycles, r.exceptions
    );
    let _ = writeln!(w, "  I-cache       {}", rate(&r.icache));
    let _ = writeln!(w, "  D-cache       {}", rate(&r.dcache));
    let _ = writeln!(
        w,
        "  host          {:.3} s, {:.2} MIPS, real-time factor {:.2}x",
        r.host.seconds, r.host.mips, r.host.real_time_factor
    );
    if !r.regions.is_empty() {
        let _ = writeln!(
            w,
            "  region      count         min      median         max   (clocks)       min µs    median µs       max µs"
        );
        for g in &r.regions {
            let _ = write!(
                w,
                "  {:>6} {:>10} {:>11} {:>11} {:>11}              {:>12} {:>12} {:>12}",
                g.id,
                g.count,
                g.min,
                g.median,
                g.max,
                us(g.min_us),
                us(g.median_us),
                us(g.max_us)
            );
            if g.unmatched_stops > 0 {
                let _ = write!(w, "  ({} unmatched stops)", g.unmatched_stops);
            }
            if g.open {
                let _ = write!(w, "  (still open)");
            }
            let _ = writeln!(w);
        }
    }
    s
}

/// An emulated duration in the most readable unit.
pub fn duration(seconds: f64) -> String {
    if seconds >= 1.0 {
        format!("{seconds:.3} s")
    } else if seconds >= 1e-3 {
        format!("{:.3} ms", seconds * 1e3)
    } else {
        format!("{:.3} µs", seconds * 1e6)
    }
}
