//! `quamachine syscall-graph`: the system call graph and clusters of real traces, written
//! by `--trace-syscalls` while guest programs run (the `syscalls` demo: the copy loop's
//! shape, 10 blocks, through its own TRAP #15 handler), and its refusals of bad input.
mod common;

use common::{dot_edge, quamachine, run_traced, temp_file};

/// Run the `syscalls` demo with tracing; the trace file.
fn demo_trace() -> std::path::PathBuf {
    let (r, trace) = run_traced(&["--embedded", "syscalls"], "graph-trace.jsonl");
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    trace
}

#[test]
fn copy_shaped_trace_gives_the_papers_graph_dot_svg_and_a_looped_cluster() {
    let trace = demo_trace();
    let dot = temp_file("graph.dot", b"");
    let svg = temp_file("graph.svg", b"");
    // The demo's handler is the standalone one of demo/syscalls.s: its selectors are
    // those of the salvage ABI below, not the kernel's.
    let abi = temp_file(
        "demo.abi",
        b"5 exit val:d0\n18 open ptr:a0 val:d0\n19 creat ptr:a0 val:d0\n\
          20 read fd:d0 ptr:a0 size:d1\n21 write fd:d0 ptr:a0 size:d1\n22 close fd:d0\n",
    );
    let r = quamachine(
        &[
            "syscall-graph",
            trace.to_str().unwrap(),
            "--abi",
            abi.to_str().unwrap(),
            "-o",
            dot.to_str().unwrap(),
            "--svg",
            svg.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    let dot = std::fs::read_to_string(&dot).unwrap();
    // Nodes carry fd and size, never the buffer address; read -> write 10 times, write ->
    // read 9 times (the last write is followed by close).
    for node in [
        "open(0) x1",
        "creat(0) x1",
        "read(3, 4096) x10",
        "write(4, 4096) x10",
        "close(3) x1",
        "close(4) x1",
        "exit(0) x1",
    ] {
        assert!(dot.contains(node), "no node `{node}` in\n{dot}");
    }
    let edge = |from: &str, to: &str| dot_edge(&dot, from, to);
    assert_eq!(edge("read(3, 4096)", "write(4, 4096)"), 10);
    assert_eq!(edge("write(4, 4096)", "read(3, 4096)"), 9);
    assert_eq!(edge("write(4, 4096)", "close(3)"), 1);
    assert_eq!(edge("open(0)", "creat(0)"), 1);
    assert!(
        !dot.contains("4312"),
        "a buffer address leaked into the graph"
    );
    let svg = std::fs::read_to_string(&svg).unwrap();
    assert!(svg.starts_with("<?xml") && svg.contains("<svg") && svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains("read(3, 4096) x10"), "SVG lacks the labels");
    // The cluster report: the read/write loop, 10 times, clocks measured from the trace.
    assert!(
        r.stdout
            .contains("cluster 1: read(3, 4096) -> write(4, 4096) (loop)"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("  10 times; "), "{}", r.stdout);
    assert!(
        r.stdout.contains("multi-call: 10 crossings removed"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("looped multi-call: 19 crossings removed"),
        "{}",
        r.stdout
    );
}

#[test]
fn json_output_has_the_clocks_of_the_trace() {
    let trace = demo_trace();
    let recs: Vec<serde_json::Value> = std::fs::read_to_string(&trace)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let r = quamachine(&["syscall-graph", trace.to_str().unwrap(), "--json"], b"");
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["schema"], "cassyopia-graph/1");
    assert_eq!(v["calls"], recs.len() as u64);
    // The cluster's crossing cost is the mean TRAP + RTE clocks of its calls' records.
    let sel = |r: &serde_json::Value| r["selector"].as_u64();
    let rw: Vec<&serde_json::Value> = recs
        .iter()
        .filter(|r| matches!(sel(r), Some(20) | Some(21)))
        .collect();
    let mean = rw
        .iter()
        .map(|r| r["entry_clocks"].as_u64().unwrap() + r["exit_clocks"].as_u64().unwrap())
        .sum::<u64>() as f64
        / rw.len() as f64;
    let c = &v["clusters"][0];
    assert!((c["crossing_clocks"].as_f64().unwrap() - mean).abs() < 1e-9);
    assert_eq!(c["count"], 10);
    assert_eq!(c["looped"], true);
}

#[test]
fn bad_traces_are_refused_with_a_reason() {
    let r = quamachine(&["syscall-graph", "/nonexistent/trace.jsonl"], b"");
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("cannot read the trace"), "{}", r.stderr);
    let bad = temp_file("bad-trace.jsonl", b"{\"trap\":15}\nnot json\n");
    let r = quamachine(&["syscall-graph", bad.to_str().unwrap()], b"");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("line 1: not a trace record"),
        "{}",
        r.stderr
    );
    let abi = temp_file("bad.abi", b"20 read fd:d7\n");
    let trace = temp_file("empty.jsonl", b"");
    let r = quamachine(
        &[
            "syscall-graph",
            trace.to_str().unwrap(),
            "--abi",
            abi.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("ABI line 1"), "{}", r.stderr);
    // An empty trace is a graph with nothing in it, not an error.
    let r = quamachine(&["syscall-graph", trace.to_str().unwrap()], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("0 kernel calls"), "{}", r.stdout);
}
