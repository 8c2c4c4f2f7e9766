//! `quamachine run`: load an image, run it, report (placeholder until the board lands).
use std::process::ExitCode;

/// Arguments of `quamachine run`.
#[derive(clap::Args)]
pub struct RunArgs {
    /// The image to run (ELF32 m68k, or raw with --load-addr); the embedded default if none.
    pub image: Option<std::path::PathBuf>,
}

/// Run `quamachine run`.
pub fn main(_args: RunArgs) -> ExitCode {
    eprintln!("quamachine run: not built yet");
    ExitCode::FAILURE
}
