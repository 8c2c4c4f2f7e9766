//! `quamachine run --profile FILE`: where the clocks went, per routine and per address,
//! on the embedded `kmulti` image (kernel, multi-calls, a synthesized list), and that
//! profiling, alone or with `--trace-syscalls`, leaves the emulated clocks unchanged.
mod common;

use common::{quamachine, run_words, temp_file};

/// Run `kmulti` with `extra`; its report's clocks.
fn run(extra: &[&str]) -> u64 {
    let report = temp_file("profile-report.json", b"");
    let mut args = vec![
        "run",
        "--embedded",
        "kmulti",
        "-q",
        "--report",
        report.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let r = quamachine(&args, b"");
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    let rep: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    rep["clocks"].as_u64().unwrap()
}

/// The routine table's rows: (clocks, instructions, name).
fn routines(text: &str) -> Vec<(u64, u64, String)> {
    text.lines()
        .skip_while(|l| !l.trim_start().starts_with("clocks"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (
                f[0].parse().unwrap(),
                f[2].parse().unwrap(),
                f[4..].join(" "),
            )
        })
        .collect()
}

#[test]
fn the_profile_accounts_for_every_billed_clock_by_routine() {
    let plain = run(&[]);
    let prof = temp_file("profile.txt", b"");
    let trace = temp_file("profile-trace.jsonl", b"");
    let clocks = run(&[
        "--profile",
        prof.to_str().unwrap(),
        "--trace-syscalls",
        trace.to_str().unwrap(),
    ]);
    assert_eq!(clocks, plain, "profiling changed the emulated clocks");
    let text = std::fs::read_to_string(&prof).unwrap();
    let head = text.lines().next().unwrap();
    assert!(
        head.starts_with(&format!("profile of <embedded kmulti>: {clocks} clocks, ")),
        "{head}"
    );
    let billed: u64 = head
        .split(", ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("{head}"));
    assert!(billed <= clocks && billed > clocks / 2, "{head}");
    let rows = routines(&text);
    // Every billed clock is in exactly one row.
    assert_eq!(rows.iter().map(|r| r.0).sum::<u64>(), billed, "{text}");
    // The kernel's own routines by name (local labels folded in), and the code it
    // synthesized (the multi-call lists, the switch code) by block.
    for name in ["k_multi", "k_mloop", "trap15", "mc_synth"] {
        assert!(rows.iter().any(|r| r.2 == name), "no {name} row:\n{text}");
    }
    assert!(
        rows.iter().any(|r| r.2.starts_with("synthesized $")),
        "{text}"
    );
    assert!(!rows.iter().any(|r| r.2.contains('.')), "{text}");
    // The hottest addresses, each with its routine and offset.
    assert!(text.contains("hottest addresses"), "{text}");
    assert!(text.contains(" k_"), "{text}");
    // The trace was written alongside.
    assert!(std::fs::read_to_string(&trace).unwrap().lines().count() > 100);
}

#[test]
fn an_unwritable_profile_is_a_host_error() {
    let r = quamachine(
        &[
            "run",
            "--embedded",
            "hello",
            "-q",
            "--profile",
            "/nonexistent-dir/profile.txt",
        ],
        b"",
    );
    assert_eq!(r.code, 124, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("cannot write the profile /nonexistent-dir/profile.txt"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_raw_binary_is_profiled_by_block() {
    // bra.s * at $1000, for 1000 clocks: one address, no symbols.
    let prof = temp_file("profile-raw.txt", b"");
    let r = run_words(
        &[0x60FE],
        &[
            "--max-cycles",
            "1000",
            "-q",
            "--profile",
            prof.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(r.code, 121, "{}", r.stderr);
    let text = std::fs::read_to_string(&prof).unwrap();
    let rows = routines(&text);
    assert_eq!(rows.len(), 1, "{text}");
    assert_eq!(rows[0].2, "no symbol $1000", "{text}");
    assert!(text.contains("$00001000 (no symbol)"), "{text}");
}
