//! `quamachine asm`: the assembler's command line. Assembles the sources with `qasm` and
//! writes the ELF image, and optionally a listing and a map; every error goes to stderr as
//! `file:line:col: error: message` and the exit code is 1.
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `quamachine asm`.
#[derive(clap::Args)]
pub struct AsmArgs {
    /// Source files (Motorola syntax), assembled in the given order as one program:
    /// labels and sections continue from one file to the next.
    #[arg(required = true, value_name = "SRC.s")]
    pub sources: Vec<PathBuf>,
    /// Where to write the ELF32 big-endian m68k executable (one PT_LOAD segment per
    /// section run, entry point `start` or the first text byte, full symbol table).
    #[arg(short, long, value_name = "OUT.elf")]
    pub output: PathBuf,
    /// Also write a listing: for every source line, its line number, address, the bytes
    /// it produced and the line itself (macro expansions marked with `+`).
    #[arg(long, value_name = "FILE")]
    pub listing: Option<PathBuf>,
    /// Also write a map: the entry point, every section with its address range and size,
    /// and every symbol sorted by address.
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,
    /// A directory searched for `include` and `incbin` files after the including file's
    /// own directory (repeatable; searched in the order given).
    #[arg(short = 'I', long = "include", value_name = "DIR")]
    pub include_dirs: Vec<PathBuf>,
    /// Define a symbol before the first line, as if by `equ` (`-D DEBUG` means 1;
    /// repeatable). Values take the assembler's number syntax: `-D BASE=$1000`.
    #[arg(short = 'D', long = "define", value_name = "NAME[=VALUE]")]
    pub defines: Vec<String>,
}

/// Run `quamachine asm`.
pub fn main(args: AsmArgs) -> ExitCode {
    let mut defines = Vec::new();
    for d in &args.defines {
        let (name, value) = d.split_once('=').unwrap_or((d, "1"));
        match parse_number(value.trim()) {
            Some(v) => defines.push((name.trim().to_string(), v)),
            None => {
                eprintln!("quamachine asm: bad value in -D {d}");
                return ExitCode::FAILURE;
            }
        }
    }
    let opts = qasm::Options {
        include_dirs: args.include_dirs.clone(),
        defines,
    };
    let out = match qasm::assemble_files(&args.sources, &opts) {
        Ok(o) => o,
        Err(diags) => {
            eprintln!("{diags}");
            return ExitCode::FAILURE;
        }
    };
    let mut ok = write(&args.output, out.elf.as_slice());
    if let Some(p) = &args.listing {
        ok &= write(p, out.listing.as_bytes());
    }
    if let Some(p) = &args.map {
        ok &= write(p, out.map.as_bytes());
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn write(path: &PathBuf, bytes: &[u8]) -> bool {
    match std::fs::write(path, bytes) {
        Ok(()) => true,
        Err(e) => {
            eprintln!("quamachine asm: cannot write {}: {e}", path.display());
            false
        }
    }
}

/// `123`, `-5`, `$1F`, `0x1F`, `%101`, `@17`.
fn parse_number(s: &str) -> Option<i64> {
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let v = if let Some(h) = s.strip_prefix('$').or_else(|| s.strip_prefix("0x")) {
        i64::from_str_radix(h, 16).ok()?
    } else if let Some(b) = s.strip_prefix('%') {
        i64::from_str_radix(b, 2).ok()?
    } else if let Some(o) = s.strip_prefix('@') {
        i64::from_str_radix(o, 8).ok()?
    } else {
        s.parse().ok()?
    };
    Some(if neg { -v } else { v })
}
