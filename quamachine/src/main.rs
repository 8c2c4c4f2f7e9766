//! The `quamachine` command: one program that assembles, runs and measures.
use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod cmd_asm;
mod cmd_run;

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Asm(args) => cmd_asm::main(args),
        Command::Run(args) => cmd_run::main(args),
    }
}
