//! `quamachine asm`: the assembler's command line (placeholder until the assembler lands).
use std::process::ExitCode;

/// Arguments of `quamachine asm`.
#[derive(clap::Args)]
pub struct AsmArgs {
    /// Source files, assembled in order as one program.
    #[arg(required = true)]
    pub sources: Vec<std::path::PathBuf>,
}

/// Run `quamachine asm`.
pub fn main(_args: AsmArgs) -> ExitCode {
    eprintln!("quamachine asm: not built yet");
    ExitCode::FAILURE
}
