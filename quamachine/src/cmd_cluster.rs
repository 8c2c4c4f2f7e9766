//! `quamachine cluster PROGRAM.s --trace TRACE -o OUT.s`: Cassyopia's automatic
//! clustering. Reads the program's trace, finds its hot call sequences, and writes the
//! program with them made multi-calls (the rewrite is `cassyopia::rewrite`); this file is
//! only its command line. It neither assembles nor runs anything.
use std::path::PathBuf;
use std::process::ExitCode;

/// The kernel's constants (K_* selectors), for reading `moveq #K_READ,d2`.
const KERNEL_EQUATES: &str = include_str!("../../kernel-asm/kernel/quamachine.i");

/// Arguments of `quamachine cluster`.
#[derive(clap::Args)]
pub struct ClusterArgs {
    /// The assembly program to rewrite (Motorola syntax; kernel calls as
    /// `moveq #SELECTOR,d2` + `trap #15`).
    pub program: PathBuf,
    /// A --trace-syscalls trace of the program: which call sequences are hot.
    #[arg(long, value_name = "FILE")]
    pub trace: PathBuf,
    /// Where to write the rewritten program.
    #[arg(short = 'o', long = "output", value_name = "OUT.s")]
    pub output: PathBuf,
    /// More `NAME equ VALUE` files for the selectors' names (the kernel's
    /// kernel-asm/kernel/quamachine.i is built in).
    #[arg(long = "equates", value_name = "FILE")]
    pub equates: Vec<PathBuf>,
    /// The kernel-call ABI (default: the built-in tools/cassyopia/abi/quamachine.abi): which
    /// registers carry each call's arguments.
    #[arg(long, value_name = "FILE")]
    pub abi: Option<PathBuf>,
    /// A cluster's edges must each occur at least this often.
    #[arg(long, default_value_t = 2)]
    pub min_count: u64,
    /// Make a hot read/write-shaped loop (`L: A; tst.l d0; ble EXIT; B; bra L`) one looped
    /// multi-call (K_MLOOP) instead of a rotated loop of multi-calls, when its arguments
    /// are constants, registers the loop does not change, or the first call's result.
    #[arg(long)]
    pub looped: bool,
    /// Make a rotated loop's multi-call a list synthesized once into a kernel call of its
    /// own (K_MULTI with MC_SYNTH, docs/multicall.md) instead of a list K_MULTI interprets
    /// at every pass, when its arguments are constants, d3-d7 the loop does not change, or
    /// the first call's result.
    #[arg(long, conflicts_with = "looped")]
    pub synthesize: bool,
}

/// Run `quamachine cluster`.
pub fn main(args: ClusterArgs) -> ExitCode {
    match run(&args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("quamachine cluster: {e}");
            ExitCode::FAILURE
        }
    }
}

fn read(p: &PathBuf, what: &str) -> Result<String, String> {
    std::fs::read_to_string(p).map_err(|e| format!("cannot read the {what} {}: {e}", p.display()))
}

fn run(args: &ClusterArgs) -> Result<ExitCode, String> {
    let program = read(&args.program, "program")?;
    let abi = match &args.abi {
        Some(p) => cassyopia::Abi::parse(&read(p, "ABI file")?)
            .map_err(|e| format!("{}: {e}", p.display()))?,
        None => cassyopia::Abi::default_quamachine(),
    };
    let mut eq = cassyopia::rewrite::Equates::default();
    eq.add_text(KERNEL_EQUATES);
    for p in &args.equates {
        eq.add_text(&read(p, "equates file")?);
    }
    eq.add_text(&program);
    let trace = read(&args.trace, "trace")?;
    let calls =
        cassyopia::parse_trace(&trace).map_err(|e| format!("{}: {e}", args.trace.display()))?;
    let graph = cassyopia::Graph::build(&calls, &abi);
    let rw = cassyopia::rewrite::cluster(
        &program,
        &eq,
        &abi,
        &graph,
        cassyopia::ClusterOptions {
            min_count: args.min_count,
            min_fraction: 0.1,
        },
        args.looped,
        args.synthesize,
    );
    for d in &rw.done {
        println!("rewrote {d}");
    }
    for r in &rw.refused {
        eprintln!("quamachine cluster: refused {r}");
    }
    if rw.done.is_empty() {
        eprintln!(
            "quamachine cluster: nothing rewritten{}; {} not written",
            if rw.refused.is_empty() {
                " (no hot sequence of kernel calls in the trace)"
            } else {
                ""
            },
            args.output.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    std::fs::write(&args.output, &rw.text)
        .map_err(|e| format!("cannot write {}: {e}", args.output.display()))?;
    println!("wrote {}", args.output.display());
    Ok(ExitCode::SUCCESS)
}
