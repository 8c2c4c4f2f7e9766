//! Loader tests: well-formed ELF and raw images load; every malformed file gets a clear
//! error naming the file and the problem (never a panic), through the library and
//! through `quamachine run` (exit code 120).
mod common;

use common::*;
use object::Endianness;
use object::elf::{EM_68K, EM_386};
use quamachine::board::map::MemoryMap;
use quamachine::loader::{Format, LoadOptions, Problem, load_bytes};
use quamachine::report::exit_code;

fn map() -> MemoryMap {
    MemoryMap::new(16 << 20)
}

fn load(data: &[u8]) -> Result<quamachine::loader::Image, quamachine::loader::LoadError> {
    load_bytes(data, "test.elf", LoadOptions::default(), map())
}

fn err(data: &[u8]) -> (Problem, String) {
    let e = load(data).expect_err("must not load");
    let msg = e.to_string();
    assert!(
        msg.starts_with("test.elf: "),
        "message names the file: {msg}"
    );
    (e.problem, msg)
}

fn code() -> Vec<u8> {
    bytes(programs::gnu::HELLO)
}

#[test]
fn good_elf_loads_segments_and_entry() {
    let data = elf(
        0x1000,
        &[
            Seg::new(0x1000, &code()),
            Seg {
                addr: 0x2000,
                data: vec![1, 2, 3],
                memsz: 16,
            },
            Seg::new(0x4000_0000, &[0xAA; 8]),
        ],
    );
    let image = load(&data).expect("loads");
    assert_eq!(image.format, Format::Elf);
    assert_eq!(image.entry, 0x1000);
    assert_eq!(image.segments.len(), 3);
    assert_eq!(image.segments[1].address, 0x2000);
    assert_eq!(image.segments[1].mem_size, 16);
    assert_eq!(image.segments[2].address, 0x4000_0000);
}

#[test]
fn not_elf() {
    let (p, msg) = err(b"#!/bin/sh\necho hello\n");
    assert!(matches!(p, Problem::NotElf), "{p:?}");
    assert!(msg.contains("not an ELF file"), "{msg}");
    assert!(msg.contains("--load-addr"), "{msg}");
}

#[test]
fn empty_file() {
    let (p, _) = err(b"");
    assert!(matches!(p, Problem::Empty), "{p:?}");
}

#[test]
fn wrong_class_64_bit() {
    let data = elf_with(
        Endianness::Big,
        true,
        EM_68K,
        0x1000,
        &[Seg::new(0x1000, &code())],
    );
    let (p, msg) = err(&data);
    assert!(matches!(p, Problem::WrongClass(2)), "{p:?}");
    assert!(msg.contains("64-bit"), "{msg}");
}

#[test]
fn wrong_endianness() {
    let data = elf_with(
        Endianness::Little,
        false,
        EM_68K,
        0x1000,
        &[Seg::new(0x1000, &code())],
    );
    let (p, msg) = err(&data);
    assert!(matches!(p, Problem::WrongEndianness(1)), "{p:?}");
    assert!(msg.contains("little-endian"), "{msg}");
}

#[test]
fn wrong_machine() {
    let data = elf_with(
        Endianness::Big,
        false,
        EM_386,
        0x1000,
        &[Seg::new(0x1000, &code())],
    );
    let (p, msg) = err(&data);
    assert!(matches!(p, Problem::WrongMachine(3)), "{p:?}");
    assert!(msg.contains("wrong ELF machine 3"), "{msg}");
    assert!(msg.contains("m68k"), "{msg}");
}

#[test]
fn truncated_everywhere() {
    let data = elf(0x1000, &[Seg::new(0x1000, &code())]);
    // Every proper prefix fails cleanly; the ones past the identification say "truncated".
    for len in 1..data.len() {
        let e = load(&data[..len]).expect_err("a prefix must not load");
        let msg = e.to_string();
        assert!(msg.starts_with("test.elf: "), "{msg}");
        assert!(
            matches!(e.problem, Problem::Truncated(_)),
            "prefix of {len} bytes: {msg}"
        );
    }
}

#[test]
fn truncated_segment_data() {
    let data = elf(0x1000, &[Seg::new(0x1000, &code())]);
    let (p, msg) = err(&data[..data.len() - 4]);
    assert!(matches!(p, Problem::Truncated(_)), "{p:?}");
    assert!(msg.contains("segment 0"), "{msg}");
}

#[test]
fn overlapping_segments() {
    let data = elf(
        0x1000,
        &[Seg::new(0x1000, &code()), Seg::new(0x1010, &[0; 32])],
    );
    let (p, msg) = err(&data);
    assert!(matches!(p, Problem::Overlap { .. }), "{p:?}");
    assert!(msg.contains("overlap"), "{msg}");
    assert!(msg.contains("$00001010"), "{msg}");
}

#[test]
fn entry_outside_segments() {
    let data = elf(0x8000, &[Seg::new(0x1000, &code())]);
    let (p, msg) = err(&data);
    assert!(
        matches!(p, Problem::EntryOutside { entry: 0x8000 }),
        "{p:?}"
    );
    assert!(msg.contains("entry point $00008000"), "{msg}");
}

#[test]
fn segment_outside_memory() {
    for addr in [
        0x2000_0000u32,
        0x8000_0000,
        0xFFFF_0000,
        0x00FF_FFF0,
        0x4003_FFF0,
    ] {
        let data = elf(addr, &[Seg::new(addr, &[0x4E; 32])]);
        let (p, msg) = err(&data);
        assert!(
            matches!(p, Problem::SegmentOutside { .. }),
            "{addr:08X}: {p:?}"
        );
        assert!(msg.contains("outside memory"), "{msg}");
    }
    // RAM size matters: 1 MiB ends at $100000.
    let data = elf(0x10_0000, &[Seg::new(0x10_0000, &code())]);
    let e = load_bytes(&data, "x", LoadOptions::default(), MemoryMap::new(1 << 20))
        .expect_err("outside 1 MiB RAM");
    assert!(matches!(e.problem, Problem::SegmentOutside { .. }));
    assert!(load(&data).is_ok(), "fits in 16 MiB");
}

#[test]
fn file_size_above_memory_size() {
    let mut seg = Seg::new(0x1000, &code());
    seg.memsz = 2;
    let (p, _) = err(&elf(0x1000, &[seg]));
    assert!(matches!(p, Problem::BadSegment { index: 0 }), "{p:?}");
}

#[test]
fn no_loadable_segments() {
    let (p, _) = err(&elf(0x1000, &[]));
    assert!(matches!(p, Problem::NoSegments), "{p:?}");
}

#[test]
fn random_garbage_never_panics() {
    let good = elf(
        0x1000,
        &[Seg::new(0x1000, &code()), Seg::new(0x3000, &[7; 9])],
    );
    // Flip every byte of the header and program headers in turn.
    for i in 0..good.len().min(120) {
        for v in [0x00, 0xFF, 0x80, 0x01] {
            let mut d = good.clone();
            d[i] = v;
            let _ = load(&d);
        }
    }
}

#[test]
fn raw_binary() {
    let opts = LoadOptions {
        load_addr: Some(0x2000),
        entry: None,
    };
    let image = load_bytes(&code(), "p.bin", opts, map()).expect("raw loads");
    assert_eq!(image.format, Format::Raw);
    assert_eq!(image.entry, 0x2000);
    let opts = LoadOptions {
        load_addr: Some(0x2000),
        entry: Some(0x2004),
    };
    assert_eq!(
        load_bytes(&code(), "p.bin", opts, map()).unwrap().entry,
        0x2004
    );
    let opts = LoadOptions {
        load_addr: Some(0x2000),
        entry: Some(0x1000),
    };
    let e = load_bytes(&code(), "p.bin", opts, map()).expect_err("entry outside");
    assert!(matches!(e.problem, Problem::EntryOutside { .. }));
    let opts = LoadOptions {
        load_addr: Some(0x3000_0000),
        entry: None,
    };
    let e = load_bytes(&code(), "p.bin", opts, map()).expect_err("outside memory");
    assert!(
        e.to_string().contains("p.bin: the image at $30000000"),
        "{e}"
    );
}

#[test]
fn command_line_load_errors_exit_120() {
    let missing = std::env::temp_dir().join("quamachine-no-such-file.elf");
    let r = quamachine(&["run", missing.to_str().unwrap()], b"");
    assert_eq!(r.code, i32::from(exit_code::LOAD_ERROR), "{}", r.stderr);
    assert!(
        r.stderr.contains("quamachine-no-such-file.elf"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("cannot read"), "{}", r.stderr);

    let text = temp_file("notes.txt", b"hello\n");
    let r = quamachine(&["run", text.to_str().unwrap()], b"");
    assert_eq!(r.code, i32::from(exit_code::LOAD_ERROR));
    assert!(
        r.stderr.contains("notes.txt: not an ELF file"),
        "{}",
        r.stderr
    );

    let bad = temp_file(
        "x86.elf",
        &elf_with(
            Endianness::Big,
            false,
            EM_386,
            0x1000,
            &[Seg::new(0x1000, &code())],
        ),
    );
    let r = quamachine(&["run", bad.to_str().unwrap()], b"");
    assert_eq!(r.code, i32::from(exit_code::LOAD_ERROR));
    assert!(
        r.stderr.contains("x86.elf: wrong ELF machine"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
}

#[test]
fn command_line_runs_an_elf() {
    let path = temp_file("hello.elf", &elf(0x1000, &[Seg::new(0x1000, &code())]));
    let r = quamachine(&["run", "--quiet", path.to_str().unwrap()], b"");
    assert_eq!(r.code, 42, "{}", r.stderr);
    assert_eq!(r.stdout, "hello, quamachine\n");
    assert_eq!(r.stderr, "", "--quiet prints nothing for a halt");
}
