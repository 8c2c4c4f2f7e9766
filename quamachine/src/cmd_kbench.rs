//! `quamachine bench`: the command line of the Synthesis benchmark (the run, the tables
//! and the report forms are `quamachine::kbench`). Boots the embedded `kbench` image,
//! then `kbench-files` (Table 7.3) on a disk image it generates.
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
    /// Also run the Table 2 analogue of Cassyopia: the copy program of its Figure 1 in
    /// three versions (original, multi-call, looped multi-call) on 80 KB, 925 KB and
    /// 2.28 MB files, with clocks, saving, crossings, beside the paper's table
    /// (docs/cassyopia.md; about 3 s of host time in a release build).
    #[arg(long)]
    pub table2: bool,
    /// Only the Table 2 analogue (skip the kernel tables).
    #[arg(long)]
    pub table2_only: bool,
    /// Table 2 with a zero-latency disk (no seek, no transfer time) instead of the
    /// default disk, like the paper's files in the page cache.
    #[arg(long)]
    pub table2_cached: bool,
    /// Also write Table 2 as JSON (schema quamachine-table2/1) to this file.
    #[arg(long, value_name = "FILE")]
    pub table2_json: Option<PathBuf>,
    /// The window and screenshot options (the kbench image's console is on the screen
    /// until its text-console regions are measured).
    #[command(flatten)]
    pub display: quamachine::screen::DisplayArgs,
}

/// The Table 2 analogue (quamachine::copybench).
fn table2(args: &KbenchArgs) -> ExitCode {
    use quamachine::board::disk::{DEFAULT_BLOCK_CLOCKS, DEFAULT_SEEK_CLOCKS};
    use quamachine::copybench;
    let timing = if args.table2_cached {
        copybench::DiskTiming {
            seek_clocks: 0,
            block_clocks: 0,
        }
    } else {
        copybench::DiskTiming {
            seek_clocks: DEFAULT_SEEK_CLOCKS,
            block_clocks: DEFAULT_BLOCK_CLOCKS,
        }
    };
    let cfg = quamachine::session::RunConfig {
        clock_mhz: args.clock_mhz,
        wait_states: args.wait_states,
        timing: match args.timing {
            crate::cmd_run::Timing::Overlap => emulator::TimingMode::Overlap,
            crate::cmd_run::Timing::Table => emulator::TimingMode::Table,
        },
        ..Default::default()
    };
    let t = match copybench::run(
        &crate::embedded_image,
        &[0, 1, 2],
        timing,
        cfg,
        &std::env::temp_dir(),
    ) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("quamachine bench: Table 2: {e}");
            return ExitCode::FAILURE;
        }
    };
    print!("{}", t.text(args.clock_mhz));
    if let Some(path) = &args.table2_json {
        let text = serde_json::to_string_pretty(&t).unwrap_or_default();
        if let Err(e) = std::fs::write(path, text + "\n") {
            eprintln!("quamachine bench: {}: {e}", path.display());
            return ExitCode::from(124);
        }
    }
    if t.rows.iter().any(|r| !r.identical) {
        eprintln!("quamachine bench: Table 2: a copy differs from its source");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Run `quamachine bench`.
pub fn main(args: KbenchArgs) -> ExitCode {
    if !(1.0..=50.0).contains(&args.clock_mhz) {
        eprintln!("quamachine bench: --clock-mhz must be 1 to 50");
        return ExitCode::from(2);
    }
    if args.table2_only {
        return table2(&args);
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
    let mut screen = quamachine::screen::Screen::open(&args.display, args.clock_mhz);
    let report = kbench::run(elf, cfg, &mut screen);
    for e in &screen.errors {
        eprintln!("quamachine bench: {e}");
    }
    let mut report = match report {
        Ok(r) => r,
        Err(e) => {
            eprintln!("quamachine bench: {e}");
            return ExitCode::FAILURE;
        }
    };
    if !screen.errors.is_empty() {
        return ExitCode::from(124);
    }
    // Table 7.3: the file image, on a disk generated for the run.
    let Some(files_elf) = crate::embedded_image("kbench-files") else {
        eprintln!("quamachine bench: this build has no embedded kbench-files image");
        return ExitCode::from(120);
    };
    match kbench::run_files(files_elf, cfg) {
        Ok(rows) => report.rows.extend(rows),
        Err(e) => {
            eprintln!("quamachine bench: Table 7.3: {e}");
            return ExitCode::FAILURE;
        }
    }
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
    if args.table2 {
        println!();
        return table2(&args);
    }
    ExitCode::SUCCESS
}
