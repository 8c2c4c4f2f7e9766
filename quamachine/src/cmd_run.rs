//! `quamachine run`: the command line of a run — options, loading the image, running it
//! with the host console, the summary on stderr, the JSON report and the exit code.
use clap::ValueEnum;
use quamachine::board::console::ConsoleInput;
use quamachine::board::disk::DiskArgs;
use quamachine::board::map::{MAX_RAM_MIB, MemoryMap};
use quamachine::loader::{self, Image, LoadOptions};
use quamachine::profile::Profiler;
use quamachine::report::{self, ReportConfig, exit_code};
use quamachine::screen::{DisplayArgs, Screen};
use quamachine::session::{RunConfig, RunExit, Session};
use quamachine::syscall_trace::{SyscallTraceArgs, SyscallTracer};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// The timing model of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Timing {
    /// Head/tail overlap of consecutive instructions (MC68030 manual §11.1–11.4).
    Overlap,
    /// The §11.6 cache-case / no-cache-case figures, no overlap.
    Table,
}

impl Timing {
    fn mode(self) -> emulator::TimingMode {
        match self {
            Timing::Overlap => emulator::TimingMode::Overlap,
            Timing::Table => emulator::TimingMode::Table,
        }
    }
    fn name(self) -> &'static str {
        match self {
            Timing::Overlap => "overlap",
            Timing::Table => "table",
        }
    }
}

/// Parse an address: `$1000`, `0x1000` or decimal.
pub fn parse_address(s: &str) -> Result<u32, String> {
    let t = s.trim().replace('_', "");
    let r = if let Some(h) = t.strip_prefix('$') {
        u32::from_str_radix(h, 16)
    } else if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        u32::from_str_radix(h, 16)
    } else {
        t.parse::<u32>()
    };
    r.map_err(|_| format!("`{s}` is not a 32-bit address (write $1000, 0x1000 or 4096)"))
}

fn parse_mhz(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(f) if (1.0..=50.0).contains(&f) => Ok(f),
        _ => Err(format!("`{s}`: the clock must be 1 to 50 MHz")),
    }
}

/// The exit codes, for `--help`.
const EXIT_CODES: &str = "\
Exit codes:
  the HALT value  the guest wrote HALT (low byte of the value)
  120             the image cannot be loaded
  121             --max-cycles ran out
  122             double bus fault
  123             unhandled exception (no handler installed)
  124             the report could not be written
  125             STOP with no device that can ever interrupt
  126             the display window was closed before the guest halted";

/// Arguments of `quamachine run`.
#[derive(clap::Args)]
#[command(after_help = EXIT_CODES)]
pub struct RunArgs {
    /// The image to run (ELF32 m68k, or raw with --load-addr); the embedded default if none.
    pub image: Option<PathBuf>,
    /// Run the embedded image of this name (see kernel-asm/images.txt) instead of a file.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["image", "load_addr"])]
    pub embedded: Option<String>,
    /// CPU clock in MHz (1 to 50); sets µs figures and real-time factors.
    #[arg(long, value_name = "F", default_value = "25", value_parser = parse_mhz)]
    pub clock_mhz: f64,
    /// Wait states of every RAM bus cycle.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(0..=64))]
    pub wait_states: u32,
    /// RAM size in MiB (1 to 1024).
    #[arg(long, value_name = "N", default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..=MAX_RAM_MIB as i64))]
    pub ram_mib: u32,
    /// Timing model.
    #[arg(long, value_enum, default_value_t = Timing::Overlap)]
    pub timing: Timing,
    /// Stop after this many CPU clocks (exit code 121).
    #[arg(long, value_name = "N")]
    pub max_cycles: Option<u64>,
    /// Write the report as JSON to this file.
    #[arg(long, value_name = "FILE.json")]
    pub report: Option<PathBuf>,
    /// No progress line and no summary (messages about faults and limits still appear).
    #[arg(long, short)]
    pub quiet: bool,
    /// Load IMAGE as a raw binary at this address ($1000, 0x1000 or decimal).
    #[arg(long, value_name = "ADDR", value_parser = parse_address)]
    pub load_addr: Option<u32>,
    /// Start at this address instead of the ELF entry point (raw: the load address).
    #[arg(long, value_name = "ADDR", value_parser = parse_address)]
    pub entry: Option<u32>,
    #[command(flatten)]
    pub trace: SyscallTraceArgs,
    /// Write where the clocks went to this file when the run ends: per routine (the
    /// image's symbols; code the kernel synthesized, by 256-byte block) and the hottest
    /// addresses. The emulated clocks are the same with or without it.
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    #[command(flatten)]
    pub disk: DiskArgs,
    /// The window and screenshot options.
    #[command(flatten)]
    pub display: DisplayArgs,
}

fn default_image(map: MemoryMap, options: LoadOptions) -> Result<Image, String> {
    match crate::default_image_bytes() {
        Some(b) => {
            // `include_bytes!` data has no alignment, and the ELF parser wants the header
            // aligned: parse a heap copy.
            let b = b.to_vec();
            loader::load_bytes(&b, "<default image>", options, map).map_err(|e| e.to_string())
        }
        None => Err(
            "no IMAGE given, and this build has no embedded default image yet: give an image file"
                .into(),
        ),
    }
}

/// Run `quamachine run`.
pub fn main(args: RunArgs) -> ExitCode {
    let map = MemoryMap::new(args.ram_mib << 20);
    let options = LoadOptions {
        load_addr: args.load_addr,
        entry: args.entry,
    };
    let image = match (&args.image, &args.embedded) {
        (Some(path), _) => loader::load_file(path, options, map).map_err(|e| e.to_string()),
        (None, Some(name)) => match crate::embedded_image(name) {
            Some(bytes) => loader::load_bytes(bytes, &format!("<embedded {name}>"), options, map)
                .map_err(|e| e.to_string()),
            None => Err(format!(
                "no embedded image `{name}`; this build has: {}",
                crate::embedded_names().join(", ")
            )),
        },
        (None, None) if args.load_addr.is_some() => Err("--load-addr needs an IMAGE file".into()),
        (None, None) => default_image(map, options),
    };
    let image = match image {
        Ok(i) => i,
        Err(e) => {
            eprintln!("quamachine run: {e}");
            return ExitCode::from(exit_code::LOAD_ERROR);
        }
    };
    let config = RunConfig {
        clock_mhz: args.clock_mhz,
        wait_states: args.wait_states,
        ram_mib: args.ram_mib,
        timing: args.timing.mode(),
        max_cycles: args.max_cycles,
        progress: !args.quiet && std::io::stderr().is_terminal(),
    };
    let disk = match args.disk.open() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("quamachine run: {e}");
            return ExitCode::from(exit_code::LOAD_ERROR);
        }
    };
    let mut session = Session::new(
        &image,
        config,
        ConsoleInput::Stdin,
        Box::new(std::io::stdout()),
    );
    session.board.disk = disk;
    let tracer = match args
        .trace
        .trace_syscalls
        .as_deref()
        .map(SyscallTracer::create)
    {
        Some(Ok(t)) => Some(t),
        Some(Err(e)) => {
            eprintln!("quamachine run: {e}");
            return ExitCode::from(exit_code::HOST_ERROR);
        }
        None => None,
    };
    let profiler = args.profile.as_ref().map(|_| Profiler::new());
    let listeners: Vec<Box<dyn emulator::Tracer>> = tracer
        .iter()
        .map(|t| t.tracer())
        .chain(profiler.iter().map(|p| p.tracer()))
        .collect();
    if !listeners.is_empty() {
        session
            .cpu
            .set_tracer(Some(Box::new(emulator::Tee(listeners))));
    }
    let mut screen = Screen::open(&args.display, args.clock_mhz);
    let outcome = session.run_with(&mut screen);
    let image_name = if args.image.is_some() || args.embedded.is_some() {
        image.name.clone()
    } else {
        "<default>".into()
    };
    let report = report::build(
        &outcome,
        &image_name,
        ReportConfig {
            clock_mhz: args.clock_mhz,
            wait_states: args.wait_states,
            ram_mib: args.ram_mib,
            timing: args.timing.name().into(),
            max_cycles: args.max_cycles,
        },
    );
    if !args.quiet {
        eprint!("{}", report::summary(&report));
    } else if !matches!(outcome.exit, RunExit::Halt(_)) {
        eprintln!("quamachine: {}", report.exit.message);
    }
    let mut code = report.exit.code;
    if let Some(e) = &outcome.output_error {
        eprintln!("quamachine: console output failed: {e}");
    }
    if let (Some(t), Some(path)) = (&tracer, &args.trace.trace_syscalls)
        && let Err(e) = t.finish()
    {
        eprintln!("quamachine: cannot write the trace {}: {e}", path.display());
        code = exit_code::HOST_ERROR;
    }
    for e in &screen.errors {
        eprintln!("quamachine: {e}");
        code = exit_code::HOST_ERROR;
    }
    if let (Some(p), Some(path)) = (&profiler, &args.profile) {
        let text = p.text(&image, outcome.counters.clocks, 40);
        if let Err(e) = std::fs::write(path, text) {
            eprintln!(
                "quamachine: cannot write the profile {}: {e}",
                path.display()
            );
            code = exit_code::HOST_ERROR;
        }
    }
    if let Some(path) = &args.report {
        let written = serde_json::to_string_pretty(&report)
            .map_err(std::io::Error::other)
            .and_then(|json| std::fs::write(path, json + "\n"));
        if let Err(e) = written {
            eprintln!(
                "quamachine: cannot write the report {}: {e}",
                path.display()
            );
            code = exit_code::HOST_ERROR;
        }
    }
    ExitCode::from(code)
}
