//! `quamachine cluster` on a real trace: the `syscalls` demo's copy loop is a `dbra`
//! loop whose write takes read's result in its set-up, so no rewrite is provably safe and
//! the command refuses, naming the line; two adjacent calls in a loop it cannot rotate
//! (tests/adjacent.s) become one multi-call. (The copy program of Figure 1 made a
//! multi-call copy is in tests/cassyopia_copy.rs.)
mod common;

use common::{quamachine, run_traced, temp_file};
use std::path::PathBuf;

#[test]
fn an_unsafe_program_is_refused_with_the_line_and_the_reason() {
    let (r, trace) = run_traced(&["--embedded", "syscalls"], "cl-trace.jsonl");
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The demo's own selectors (its standalone TRAP #15 handler).
    let abi = temp_file(
        "cl.abi",
        b"5 exit val:d0\n18 open ptr:a0 val:d0\n19 creat ptr:a0 val:d0\n\
          20 read fd:d0 ptr:a0 size:d1\n21 write fd:d0 ptr:a0 size:d1\n22 close fd:d0\n",
    );
    let prog = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../kernel-asm/demo/syscalls.s");
    let out = temp_file("cl-out.s", b"");
    std::fs::remove_file(&out).unwrap();
    let r = quamachine(
        &[
            "cluster",
            prog.to_str().unwrap(),
            "--trace",
            trace.to_str().unwrap(),
            "--abi",
            abi.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("refused read(3, 4096) -> write(4, 4096)")
            && r.stderr.contains("(`move.l d0,d1`)")
            && r.stderr
                .contains("reads d0, which the call before it changes"),
        "{}",
        r.stderr
    );
    assert!(!out.exists());
    // Bad input: a missing program, a missing trace.
    let r = quamachine(
        &[
            "cluster",
            "/nonexistent.s",
            "--trace",
            trace.to_str().unwrap(),
            "-o",
            "x.s",
        ],
        b"",
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("cannot read the program"), "{}", r.stderr);
}

/// Assemble a kernel image whose user program is `program` (kernel/ + user/ulib.s).
fn kernel_with(program: &std::path::Path) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../kernel-asm");
    let mut sources: Vec<PathBuf> = [
        "kernel/boot.s",
        "kernel/console.s",
        "kernel/trap.s",
        "kernel/synth.s",
        "kernel/thread.s",
        "kernel/readyq.s",
        "kernel/fpu.s",
        "kernel/timer.s",
        "kernel/mmu.s",
        "user/ulib.s",
    ]
    .iter()
    .map(|s| root.join(s))
    .collect();
    sources.push(program.to_path_buf());
    let opts = qasm::Options {
        include_dirs: vec![root],
        ..Default::default()
    };
    let out = qasm::assemble_files(&sources, &opts)
        .unwrap_or_else(|d| panic!("{} does not assemble:\n{d}", program.display()));
    temp_file("adjacent.elf", &out.elf)
}

/// Run an image with a trace: (console, kernel calls traced).
fn traced(elf: &std::path::Path) -> (String, String) {
    let (r, trace) = run_traced(&[elf.to_str().unwrap()], "adj-trace.jsonl");
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    (r.stdout, std::fs::read_to_string(trace).unwrap())
}

#[test]
fn adjacent_calls_in_a_loop_that_cannot_rotate_become_one_multi_call() {
    // putc('.') and getid, adjacent, ten times in a dbra loop; getid's results summed.
    let prog = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/adjacent.s");
    let (out0, trace0) = traced(&kernel_with(&prog));
    let trace = temp_file("adj0.jsonl", trace0.as_bytes());
    let rewritten = temp_file("adj-out.s", b"");
    let r = quamachine(
        &[
            "cluster",
            prog.to_str().unwrap(),
            "--trace",
            trace.to_str().unwrap(),
            "-o",
            rewritten.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("made one K_MULTI"), "{}", r.stdout);
    let (out1, trace1) = traced(&kernel_with(&rewritten));
    // The same output: ten dots, the same sum of ids.
    let user = |s: &str| {
        s.lines()
            .filter(|l| l.contains("ids: "))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(user(&out0), user(&out1));
    assert!(out1.contains(".......... ids: 0"), "{out1}");
    // 20 crossings in the loop before, 10 after.
    let count = |t: &str, sel: u32| {
        t.lines()
            .filter(|l| l.contains(&format!("\"selector\":{sel},")))
            .count()
    };
    assert_eq!((count(&trace0, 1), count(&trace0, 11)), (10, 10));
    assert_eq!(
        (count(&trace1, 1), count(&trace1, 11), count(&trace1, 30)),
        (0, 0, 10)
    );
}
