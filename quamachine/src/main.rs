//! The `quamachine` command: one program that assembles, runs and measures. Thin: the
//! board, loader, runs and reports live in the library (`lib.rs`); this file only
//! dispatches subcommands.
use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod cmd_asm;
mod cmd_bench;
mod cmd_cluster;
mod cmd_disk;
mod cmd_graph;
mod cmd_kbench;
mod cmd_play;
mod cmd_run;
mod images;
mod kbench;

/// The embedded default image (the first of `kernel-asm/images.txt`), if the build has
/// one.
fn default_image_bytes() -> Option<&'static [u8]> {
    Some(images::default_image()).filter(|b| !b.is_empty())
}

/// An embedded image by name (`kernel-asm/images.txt`).
fn embedded_image(name: &str) -> Option<&'static [u8]> {
    images::by_name(name)
}

/// The names of the embedded images, the default first.
fn embedded_names() -> Vec<&'static str> {
    images::names().collect()
}

/// The emulated Quamachine: an MC68030/68882 board that runs a Synthesis-style kernel and
/// reports what every instruction stream costs, to the clock.
#[derive(Parser)]
#[command(name = "quamachine", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Assemble Motorola-syntax 68030/68882 source into an ELF32 m68k executable.
    Asm(cmd_asm::AsmArgs),
    /// Run an image (or the embedded default) and print its timing report.
    Run(cmd_run::RunArgs),
    /// Measure the emulator's speed against the bare m68k core on a fixed workload.
    BenchEmulator(cmd_bench::BenchArgs),
    /// Make and read QFS disk images: create, put, get, ls, rm.
    Disk(cmd_disk::DiskCmdArgs),
    /// The system call graph of a --trace-syscalls trace (DOT, SVG) and its multi-call clusters.
    SyscallGraph(cmd_graph::GraphArgs),
    /// Rewrite an assembly program's hot kernel-call sequences (from its trace) into multi-calls.
    Cluster(cmd_cluster::ClusterArgs),
    /// Measure the Synthesis kernel beside the dissertation's published tables.
    Bench(cmd_kbench::KbenchArgs),
    /// Play audio: the Synthesis kernel's CD player reads CD-IN and writes DA-OUT of the
    /// emulated Sound-IO device (44.1 kHz, one interrupt per frame), to a WAV file or live.
    Play(cmd_play::PlayArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Asm(args) => cmd_asm::main(args),
        Command::Run(args) => cmd_run::main(args),
        Command::BenchEmulator(args) => cmd_bench::main(args),
        Command::Disk(args) => cmd_disk::main(args),
        Command::SyscallGraph(args) => cmd_graph::main(args),
        Command::Cluster(args) => cmd_cluster::main(args),
        Command::Bench(args) => cmd_kbench::main(args),
        Command::Play(args) => cmd_play::main(args),
    }
}
