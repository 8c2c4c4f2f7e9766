//! `quamachine bench`: the command line of the Synthesis benchmark (the run, the tables
//! and the report forms are `quamachine::kbench`). Boots the embedded `kbench` image.
use crate::kbench;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `quamachine bench`.
#[derive(clap::Args)]
pub struct KbenchArgs {
    /// CPU clock in MHz (1 to 50): turns clocks into µs.
    #[arg(long, default_value_t = 25.0)]
    pub clock_mhz: f64,
    /// Wait states of every RAM bus cycle.
    #[arg(long, default_value_t = 1)]
    pub wait_states: u32,
    /// The cycle model.
    #[arg(long, value_enum, default_value_t = crate::cmd_run::Timing::Overlap)]
    pub timing: crate::cmd_run::Timing,
    /// Also write every row as JSON (schema quamachine-bench/1) to this file.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Print Markdown tables instead of the terminal report.
    #[arg(long)]
    pub markdown: bool,
    /// Also write a chart of ours against the published figures (SVG) to this file.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
}

/// Run `quamachine bench`.
pub fn main(args: KbenchArgs) -> ExitCode {
    if !(1.0..=50.0).contains(&args.clock_mhz) {
        eprintln!("quamachine bench: --clock-mhz must be 1 to 50");
        return ExitCode::from(2);
    }
    let Some(elf) = crate::embedded_image("kbench") else {
        eprintln!("quamachine bench: this build has no embedded kbench image");
        return ExitCode::from(120);
    };
    let cfg = kbench::BenchConfig {
        clock_mhz: args.clock_mhz,
        wait_states: args.wait_states,
        timing: match args.timing {
            crate::cmd_run::Timing::Overlap => emulator::TimingMode::Overlap,
            crate::cmd_run::Timing::Table => emulator::TimingMode::Table,
        },
    };
    let report = match kbench::run(elf, cfg) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("quamachine bench: {e}");
            return ExitCode::FAILURE;
        }
    };
    if args.markdown {
        print!("{}", kbench::markdown(&report));
    } else {
        print!("{}", kbench::text(&report));
    }
    if let Some(path) = &args.json {
        let text = match serde_json::to_string_pretty(&report) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("quamachine bench: {e}");
                return ExitCode::from(124);
            }
        };
        if let Err(e) = std::fs::write(path, text + "\n") {
            eprintln!("quamachine bench: {}: {e}", path.display());
            return ExitCode::from(124);
        }
    }
    if let Some(path) = &args.svg
        && let Err(e) = std::fs::write(path, kbench::svg(&report))
    {
        eprintln!("quamachine bench: {}: {e}", path.display());
        return ExitCode::from(124);
    }
    ExitCode::SUCCESS
}
