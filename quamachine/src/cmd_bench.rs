//! `quamachine bench-emulator`: the emulator speed benchmark's command line (the
//! workload and measurement are `quamachine::bench`).
use quamachine::bench;
use std::process::ExitCode;
use std::time::Duration;

/// Arguments of `quamachine bench-emulator`.
#[derive(clap::Args)]
pub struct BenchArgs {
    /// Rounds; each runs the full emulator, then bare step(), for --seconds each. The best
    /// round of each engine is reported.
    #[arg(long, default_value_t = 5)]
    pub rounds: u32,
    /// Host seconds per engine per round.
    #[arg(long, default_value_t = 1.0)]
    pub seconds: f64,
    /// Run each engine for this many guest instructions per round instead of --seconds
    /// (no warm-up): for instruction-count profilers such as `valgrind --tool=callgrind`,
    /// where host time means nothing.
    #[arg(long)]
    pub instructions: Option<u64>,
    /// Timing model of the full emulator.
    #[arg(long, value_enum, default_value_t = crate::cmd_run::Timing::Overlap)]
    pub timing: crate::cmd_run::Timing,
    /// Clock rate for the real-time factor, in MHz.
    #[arg(long, default_value_t = 25.0)]
    pub clock_mhz: f64,
    /// Print the figures as JSON on stdout instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Run `quamachine bench-emulator`.
pub fn main(args: BenchArgs) -> ExitCode {
    let per_round = Duration::from_secs_f64(args.seconds.clamp(0.01, 600.0));
    let mode = match args.timing {
        crate::cmd_run::Timing::Overlap => emulator::TimingMode::Overlap,
        crate::cmd_run::Timing::Table => emulator::TimingMode::Table,
    };
    let budget = match args.instructions {
        Some(n) => bench::Budget::Instructions(n.max(1)),
        None => bench::Budget::Time(per_round),
    };
    let r = match bench::run_for(args.rounds, budget, mode) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("quamachine bench-emulator: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mhz = args.clock_mhz;
    if args.json {
        let v = serde_json::json!({
            "clock_mhz": mhz,
            "emulator": row_json(&r.emulator, mhz),
            "bare_step": row_json(&r.bare_step, mhz),
            "cost_ratio": r.cost_ratio(),
        });
        println!("{v:#}");
    } else {
        println!(
            "workload: memory moves, arithmetic, branches, a subroutine (caches on); best of {} rounds",
            args.rounds.max(1)
        );
        println!(
            "{:<28} {:>16} {:>10} {:>14}",
            "engine", "clocks/host s", "MIPS", "RT factor @"
        );
        for (name, f) in [
            ("full emulator (board+model)", &r.emulator),
            ("bare m68k step()", &r.bare_step),
        ] {
            println!(
                "{:<28} {:>16.0} {:>10.2} {:>12.2}x",
                name,
                f.clocks_per_second(),
                f.mips(),
                f.real_time_factor(mhz)
            );
        }
        println!(
            "the full emulator costs {:.2}x bare step() per instruction; RT factor at {mhz} MHz",
            r.cost_ratio()
        );
    }
    ExitCode::SUCCESS
}

fn row_json(f: &bench::Figures, mhz: f64) -> serde_json::Value {
    serde_json::json!({
        "instructions": f.instructions,
        "clocks": f.clocks,
        "host_seconds": f.host_seconds,
        "clocks_per_host_second": f.clocks_per_second(),
        "mips": f.mips(),
        "real_time_factor": f.real_time_factor(mhz),
    })
}
