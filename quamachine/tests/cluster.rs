//! `quamachine cluster` on a real trace: the `syscalls` demo's copy loop is a `dbra`
//! loop whose write takes read's result in its set-up, so no rewrite is provably safe and
//! the command refuses, naming the line. (The positive case, the copy program of
//! Figure 1 made a multi-call copy, is in tests/cassyopia_copy.rs once files exist.)
mod common;

use common::{quamachine, temp_file};
use std::path::PathBuf;

#[test]
fn an_unsafe_program_is_refused_with_the_line_and_the_reason() {
    let trace = temp_file("cl-trace.jsonl", b"");
    let r = quamachine(
        &[
            "run",
            "--embedded",
            "syscalls",
            "-q",
            "--trace-syscalls",
            trace.to_str().unwrap(),
        ],
        b"",
    );
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
