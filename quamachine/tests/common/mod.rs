//! Shared helpers of the quamachine integration tests: building ELF files with the
//! `object` writer, temporary files, running the `quamachine` binary, running programs
//! through the library with a captured console, and the test programs themselves.
#![allow(dead_code)]

pub mod programs;

use object::Endianness;
use object::elf::{EM_68K, ET_EXEC, PF_R, PF_X, PT_LOAD};
use object::write::elf::{FileHeader, ProgramHeader, Writer};
use quamachine::board::console::ConsoleInput;
use quamachine::board::map::MemoryMap;
use quamachine::loader::{Format, Image, LoadOptions, Segment, load_bytes};
use quamachine::session::{RunConfig, RunOutcome, Session};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

/// One segment of a test ELF: physical (= virtual) address, file bytes, memory size.
pub struct Seg {
    pub addr: u32,
    pub data: Vec<u8>,
    pub memsz: u32,
}

impl Seg {
    pub fn new(addr: u32, data: &[u8]) -> Self {
        Seg {
            addr,
            data: data.to_vec(),
            memsz: data.len() as u32,
        }
    }
}

/// An ELF executable written with the `object` crate's ELF writer.
pub fn elf_with(
    endian: Endianness,
    is_64: bool,
    machine: u16,
    entry: u32,
    segs: &[Seg],
) -> Vec<u8> {
    let mut buf = Vec::new();
    let mut w = Writer::new(endian, is_64, &mut buf);
    w.reserve_file_header();
    w.reserve_program_headers(segs.len() as u32);
    let offsets: Vec<usize> = segs.iter().map(|s| w.reserve(s.data.len(), 4)).collect();
    w.write_file_header(&FileHeader {
        os_abi: 0,
        abi_version: 0,
        e_type: ET_EXEC,
        e_machine: machine,
        e_entry: u64::from(entry),
        e_flags: 0,
    })
    .expect("file header");
    w.write_align_program_headers();
    for (s, &off) in segs.iter().zip(&offsets) {
        w.write_program_header(&ProgramHeader {
            p_type: PT_LOAD,
            p_flags: PF_R | PF_X,
            p_offset: off as u64,
            p_vaddr: u64::from(s.addr),
            p_paddr: u64::from(s.addr),
            p_filesz: s.data.len() as u64,
            p_memsz: u64::from(s.memsz),
            p_align: 4,
        });
    }
    for (s, &off) in segs.iter().zip(&offsets) {
        w.pad_until(off);
        w.write(&s.data);
    }
    buf
}

/// A well-formed ELF32 big-endian m68k executable.
pub fn elf(entry: u32, segs: &[Seg]) -> Vec<u8> {
    elf_with(Endianness::Big, false, EM_68K, entry, segs)
}

/// Big-endian bytes of instruction words.
pub fn bytes(words: &[u16]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_be_bytes()).collect()
}

/// A fresh temporary file holding `data`.
pub fn temp_file(name: &str, data: &[u8]) -> PathBuf {
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!("quamachine-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("{}-{name}", N.fetch_add(1, Ordering::Relaxed)));
    std::fs::write(&path, data).expect("temp file");
    path
}

/// What the binary did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Run `quamachine` with `args`, feeding `stdin`.
pub fn quamachine(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quamachine"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn quamachine");
    let mut input = child.stdin.take().expect("stdin");
    // The guest may never read stdin: ignore a broken pipe.
    let _ = input.write_all(stdin);
    drop(input);
    let out = child.wait_with_output().expect("wait");
    Run {
        code: out.status.code().expect("exit code (not a signal)"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Run raw instruction words loaded at $1000 through the binary.
pub fn run_words(words: &[u16], extra: &[&str], stdin: &[u8]) -> Run {
    let path = temp_file("prog.bin", &bytes(words));
    let p = path.to_str().expect("utf-8 path");
    let mut args = vec!["run", "--load-addr", "0x1000", p];
    args.extend_from_slice(extra);
    quamachine(&args, stdin)
}

/// A `Write` sink the test can read back.
#[derive(Clone, Default)]
pub struct Captured(pub Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("lock")).into_owned()
    }
}

/// Assemble a test program (after [`programs::PRELUDE`]) with `qasm` into an ELF file.
pub fn assemble(body: &str) -> Vec<u8> {
    let text = format!("{}{body}", programs::PRELUDE);
    match qasm::assemble_str("test.s", &text, &qasm::Options::default()) {
        Ok(out) => out.elf,
        Err(d) => panic!("test program does not assemble:\n{d}"),
    }
}

/// The loaded bytes of an assembled test program (its segments from $1000 on).
pub fn assembled_bytes(body: &str) -> Vec<u8> {
    let text = format!("{}{body}", programs::PRELUDE);
    let out = qasm::assemble_str("test.s", &text, &qasm::Options::default())
        .unwrap_or_else(|d| panic!("test program does not assemble:\n{d}"));
    let mut mem = vec![0u8; 0x2000];
    out.load_into(&mut mem);
    let end = out
        .segments
        .iter()
        .map(|s| (s.addr + s.mem_size) as usize)
        .max()
        .unwrap_or(0x1000);
    mem[0x1000..end].to_vec()
}

/// Assemble a test program and run it through the binary (as an ELF file).
pub fn run_src(body: &str, extra: &[&str], stdin: &[u8]) -> Run {
    let path = temp_file("prog.elf", &assemble(body));
    let p = path.to_str().expect("utf-8 path");
    let mut args = vec!["run", p];
    args.extend_from_slice(extra);
    quamachine(&args, stdin)
}

/// Assemble a test program and run it through the library, console captured.
pub fn run_lib(body: &str, config: RunConfig, input: &[u8]) -> (RunOutcome, String) {
    let elf = assemble(body);
    let map = MemoryMap::new(config.ram_mib << 20);
    let image = load_bytes(&elf, "test.elf", LoadOptions::default(), map).expect("loads");
    run_image(&image, config, input)
}

/// Run raw instruction words at $1000 through the library.
pub fn run_lib_words(words: &[u16], config: RunConfig, input: &[u8]) -> (RunOutcome, String) {
    let data = bytes(words);
    let image = Image {
        name: "test".into(),
        format: Format::Raw,
        segments: vec![Segment {
            address: 0x1000,
            mem_size: data.len() as u64,
            data,
        }],
        entry: 0x1000,
        symbols: Vec::new(),
    };
    run_image(&image, config, input)
}

/// Run an image through the library, console captured.
pub fn run_image(image: &Image, config: RunConfig, input: &[u8]) -> (RunOutcome, String) {
    let out = Captured::default();
    let session = Session::new(
        image,
        config,
        ConsoleInput::Bytes(input.to_vec()),
        Box::new(out.clone()),
    );
    let outcome = session.run();
    (outcome, out.text())
}

/// A run configuration with a safety limit.
pub fn config() -> RunConfig {
    RunConfig {
        max_cycles: Some(50_000_000),
        ..RunConfig::default()
    }
}

/// `quamachine run IMAGE_ARGS... -q --trace-syscalls FILE`: the run and its trace's path
/// (a fresh temporary file named after `trace_name`).
pub fn run_traced(image_args: &[&str], trace_name: &str) -> (Run, PathBuf) {
    let trace = temp_file(trace_name, b"");
    let mut args = vec!["run"];
    args.extend_from_slice(image_args);
    args.extend_from_slice(&["-q", "--trace-syscalls", trace.to_str().unwrap()]);
    (quamachine(&args, b""), trace)
}

/// The weight of the edge `from -> to` in a `syscall-graph` DOT file, nodes found by
/// their labels (`read(3, 4096) xN`); 0 when there is no such edge.
pub fn dot_edge(dot: &str, from: &str, to: &str) -> u64 {
    let id = |lab: &str| {
        dot.lines()
            .find(|l| l.contains(&format!("label=\"{lab} x")))
            .and_then(|l| l.split_whitespace().next())
            .unwrap_or_else(|| panic!("no node {lab} in\n{dot}"))
            .to_string()
    };
    let head = format!("{} -> {} ", id(from), id(to));
    dot.lines()
        .find(|l| l.trim_start().starts_with(&head))
        .map(|l| {
            let w = l.split("label=\"").nth(1).unwrap();
            w[..w.find('"').unwrap()].parse().unwrap()
        })
        .unwrap_or(0)
}

/// A board alone (no CPU): default configuration, no console input, output discarded.
pub fn bare_board() -> quamachine::board::Board {
    quamachine::board::Board::new(
        quamachine::board::BoardConfig::default(),
        ConsoleInput::None,
        Box::new(std::io::sink()),
    )
}

/// An instruction boundary of `b` at emulated clock `clocks` (devices catch up to it).
pub fn board_at(b: &mut quamachine::board::Board, clocks: u64) -> emulator::Control {
    use emulator::Machine;
    b.boundary(&emulator::Counters {
        clocks,
        ..emulator::Counters::default()
    })
}
