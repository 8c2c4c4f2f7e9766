//! `--trace-syscalls`: the JSON lines of the embedded `syscalls` demo (a copy-loop shaped
//! series of kernel calls through its own TRAP #15 handler), their clock arithmetic, and
//! that tracing leaves the emulated timing unchanged.
mod common;

use common::{quamachine, temp_file};
use quamachine::syscall_trace::SyscallRecord;

const NCOPY: usize = 10;

fn traced(extra: &[&str]) -> (Vec<SyscallRecord>, serde_json::Value) {
    let trace = temp_file("trace.jsonl", b"");
    let report = temp_file("report.json", b"");
    let mut args = vec![
        "run",
        "--embedded",
        "syscalls",
        "-q",
        "--trace-syscalls",
        trace.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let r = quamachine(&args, b"");
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    assert_eq!(r.stdout, "syscalls: done\n");
    let text = std::fs::read_to_string(&trace).unwrap();
    let recs = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let rep = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    (recs, rep)
}

#[test]
fn every_kernel_entry_is_a_json_line_with_its_clocks() {
    let (recs, rep) = traced(&[]);
    // open, creat, NCOPY x (read, write), close, close, exit.
    assert_eq!(recs.len(), 2 + 2 * NCOPY + 2 + 1);
    let sel: Vec<u32> = recs.iter().map(|r| r.selector.unwrap()).collect();
    assert_eq!(&sel[..2], &[18, 19]);
    for i in 0..NCOPY {
        assert_eq!(sel[2 + 2 * i], 20);
        assert_eq!(sel[3 + 2 * i], 21);
    }
    assert_eq!(&sel[2 + 2 * NCOPY..], &[22, 22, 5]);
    for (i, r) in recs.iter().enumerate() {
        assert_eq!(r.seq, i as u64);
        assert_eq!(r.trap, 15);
        assert!(r.user);
        assert_eq!(r.d2, r.selector.unwrap());
        assert!(r.entry_clocks > 0);
    }
    let read = &recs[2];
    assert_eq!((read.d0, read.d1, read.ret), (3, 4096, Some(4096)));
    let write = &recs[3];
    assert_eq!((write.d0, write.d1, write.ret), (4, 4096, Some(4096)));
    assert_eq!(read.a0, write.a0, "the same buffer");
    assert_eq!((recs[0].ret, recs[1].ret), (Some(3), Some(4)));
    // Every read comes from one call site, every write from another.
    assert!(recs[2..2 + 2 * NCOPY].chunks(2).all(|c| c[0].pc == read.pc));
    assert!(
        recs[2..2 + 2 * NCOPY]
            .chunks(2)
            .all(|c| c[1].pc == write.pc)
    );
    assert!(write.pc > read.pc);
    // Clocks chain: each entry is the previous return plus the user time between.
    for w in recs.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let ret = a.clock + a.clocks.unwrap();
        assert_eq!(b.clock, ret + b.since_prev.unwrap());
        assert!(b.since_prev.unwrap() > 0);
        let c = a.clocks.unwrap();
        assert!(c >= u64::from(a.entry_clocks + a.exit_clocks.unwrap()));
    }
    assert_eq!(recs[0].since_prev, None);
    // The exit call never returns: written at the end, without a return.
    let exit = recs.last().unwrap();
    assert_eq!(
        (exit.ret, exit.clocks, exit.exit_clocks),
        (None, None, None)
    );
    assert!(exit.clock < rep["clocks"].as_u64().unwrap());
    // The read/write handler path is the same work each time: equal clocks.
    let reads: Vec<u64> = recs[4..2 + 2 * NCOPY]
        .iter()
        .step_by(2)
        .map(|r| r.clocks.unwrap())
        .collect();
    assert!(reads.windows(2).all(|w| w[0] == w[1]), "{reads:?}");
}

#[test]
fn tracing_does_not_change_the_emulated_timing() {
    for timing in ["overlap", "table"] {
        let (_, with) = traced(&["--timing", timing]);
        let report = temp_file("plain.json", b"");
        let r = quamachine(
            &[
                "run",
                "--embedded",
                "syscalls",
                "-q",
                "--timing",
                timing,
                "--report",
                report.to_str().unwrap(),
            ],
            b"",
        );
        assert_eq!(r.code, 0);
        let without: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
        for key in ["clocks", "instructions", "bus_cycles", "exceptions"] {
            assert_eq!(with[key], without[key], "{key} ({timing})");
        }
        assert!(with["clocks"].as_u64().unwrap() > 0);
    }
}

#[test]
fn an_unwritable_trace_file_is_a_host_error() {
    let r = quamachine(
        &[
            "run",
            "--embedded",
            "syscalls",
            "-q",
            "--trace-syscalls",
            "/nonexistent-dir/trace.jsonl",
        ],
        b"",
    );
    assert_eq!(r.code, 124);
    assert!(
        r.stderr.contains("cannot create the trace file"),
        "{}",
        r.stderr
    );
}
