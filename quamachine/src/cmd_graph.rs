//! `quamachine syscall-graph TRACE`: the system call graph of a `--trace-syscalls` trace
//! (DOT and SVG) and the clusters worth a multi-call. The work is the `cassyopia` crate;
//! this file is only its command line (it runs no guest).
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `quamachine syscall-graph`.
#[derive(clap::Args)]
pub struct GraphArgs {
    /// A trace written by `--trace-syscalls FILE` (JSON lines, schema quamachine-syscall/1).
    pub trace: PathBuf,
    /// Write the graph in Graphviz DOT to this file: one node per abstracted call
    /// (`read(3, 4096)`: fd and sizes kept, buffer addresses dropped) with its count, one
    /// edge per "this call followed that one", labelled with how often.
    #[arg(short = 'o', long = "dot", value_name = "FILE")]
    pub dot: Option<PathBuf>,
    /// Write the graph as SVG, laid out in Rust (layout-rs; no Graphviz needed).
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// The kernel-call ABI used to abstract calls (default: the built-in
    /// tools/cassyopia/abi/quamachine.abi; the file's header explains the format).
    #[arg(long, value_name = "FILE")]
    pub abi: Option<PathBuf>,
    /// A cluster's edges must each occur at least this often.
    #[arg(long, default_value_t = 2)]
    pub min_count: u64,
    /// ... and reach at least this fraction of the hottest edge's weight (0 to 1).
    #[arg(long, default_value_t = 0.1)]
    pub min_fraction: f64,
    /// Print the graph and clusters as JSON (schema cassyopia-graph/1) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Run `quamachine syscall-graph`.
pub fn main(args: GraphArgs) -> ExitCode {
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("quamachine syscall-graph: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &GraphArgs) -> Result<(), String> {
    if !(0.0..=1.0).contains(&args.min_fraction) {
        return Err("--min-fraction must be between 0 and 1".into());
    }
    let abi = match &args.abi {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| format!("cannot read the ABI file {}: {e}", p.display()))?;
            cassyopia::Abi::parse(&text).map_err(|e| format!("{}: {e}", p.display()))?
        }
        None => cassyopia::Abi::default_quamachine(),
    };
    let text = std::fs::read_to_string(&args.trace)
        .map_err(|e| format!("cannot read the trace {}: {e}", args.trace.display()))?;
    let calls =
        cassyopia::parse_trace(&text).map_err(|e| format!("{}: {e}", args.trace.display()))?;
    let graph = cassyopia::Graph::build(&calls, &abi);
    let cl = cassyopia::clusters(
        &graph,
        cassyopia::ClusterOptions {
            min_count: args.min_count,
            min_fraction: args.min_fraction,
        },
    );
    if let Some(p) = &args.dot {
        std::fs::write(p, graph.to_dot())
            .map_err(|e| format!("cannot write {}: {e}", p.display()))?;
    }
    if let Some(p) = &args.svg {
        let svg = graph.to_svg()?;
        std::fs::write(p, svg).map_err(|e| format!("cannot write {}: {e}", p.display()))?;
    }
    if args.json {
        println!("{}", cassyopia::to_json(&graph, &cl));
    } else {
        print!("{}", cassyopia::report(&graph, &cl));
    }
    Ok(())
}
