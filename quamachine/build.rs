//! Assembles the guest programs listed in `kernel-asm/images.txt` with `qasm` at build
//! time and writes their ELF images (plus listings and maps) to `OUT_DIR`, with an
//! `images.rs` table that `src/images.rs` embeds. An assembly error fails the build with
//! the assembler's located messages.
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it"));
    let root = manifest.join("../kernel-asm");
    let root = root.canonicalize().unwrap_or(root);
    // A directory makes cargo watch every file under it (sources and includes).
    println!("cargo::rerun-if-changed={}", root.display());
    let list = root.join("images.txt");
    let text = std::fs::read_to_string(&list)
        .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", list.display())));
    // The bytes are embedded 8-byte aligned, so an ELF parser can read them in place.
    let mut statics =
        String::from("#[repr(C, align(8))]\nstruct Aligned<const N: usize>([u8; N]);\n");
    let mut table = String::from(
        "/// Every embedded image as (name, ELF bytes); the first one is the default.\n\
         pub static IMAGES: &[(&str, &[u8])] = &[\n",
    );
    let mut failed = false;
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        let mut words = line.split_whitespace();
        let Some(name) = words.next() else { continue };
        if !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            fail(&format!(
                "{}:{}: bad image name `{name}`",
                list.display(),
                n + 1
            ));
        }
        let sources: Vec<PathBuf> = words.map(|w| rel(&root, w)).collect();
        if sources.is_empty() {
            fail(&format!(
                "{}:{}: image `{name}` has no sources",
                list.display(),
                n + 1
            ));
        }
        let opts = qasm::Options {
            include_dirs: vec![root.clone()],
            ..Default::default()
        };
        match qasm::assemble_files(&sources, &opts) {
            Ok(o) => {
                write(&out.join(format!("{name}.elf")), &o.elf);
                write(&out.join(format!("{name}.lst")), o.listing.as_bytes());
                write(&out.join(format!("{name}.map")), o.map.as_bytes());
                let id = format!("IMAGE_{n}");
                let _ = writeln!(
                    statics,
                    "static {id}: Aligned<{}> = \
                     Aligned(*include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}.elf\")));",
                    o.elf.len()
                );
                let _ = writeln!(table, "    ({name:?}, &{id}.0),");
            }
            Err(d) => {
                eprintln!("error: guest image `{name}` does not assemble:\n{d}\n");
                failed = true;
            }
        }
    }
    if failed {
        std::process::exit(1);
    }
    table.push_str("];\n");
    statics.push_str(&table);
    write(&out.join("images.rs"), statics.as_bytes());
}

/// A source path from images.txt, relative to kernel-asm/ (absolute, so messages name
/// the file unambiguously wherever cargo runs).
fn rel(root: &Path, w: &str) -> PathBuf {
    root.join(w)
}

fn write(path: &Path, bytes: &[u8]) {
    if std::fs::read(path).ok().as_deref() != Some(bytes) {
        std::fs::write(path, bytes)
            .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", path.display())));
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("error: {msg}");
    std::process::exit(1)
}
