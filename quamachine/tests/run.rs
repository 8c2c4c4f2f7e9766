//! `quamachine run` exit codes and messages: the guest's HALT value, `--max-cycles`,
//! double bus faults, unhandled exceptions, option errors; and the summary.
mod common;

use common::*;
use quamachine::report::exit_code;

#[test]
fn halt_value_is_the_exit_code() {
    let r = run_src(programs::HELLO, &[], b"");
    assert_eq!(r.code, 42);
    assert_eq!(r.stdout, "hello, quamachine\n");
    for needle in [
        "exit code 42",
        "clocks",
        "instructions",
        "CPI",
        "bus cycles",
        "I-cache",
        "D-cache",
    ] {
        assert!(
            r.stderr.contains(needle),
            "summary lacks {needle}: {}",
            r.stderr
        );
    }
}

#[test]
fn max_cycles_runs_out() {
    let spin: &[u16] = &[0x60FE]; // bra.s *
    let r = run_words(spin, &["--max-cycles", "1000"], b"");
    assert_eq!(r.code, i32::from(exit_code::MAX_CYCLES), "{}", r.stderr);
    assert!(
        r.stderr.contains("--max-cycles 1000 ran out"),
        "{}",
        r.stderr
    );
    // --quiet still says why the run stopped.
    let r = run_words(spin, &["--max-cycles", "1000", "--quiet"], b"");
    assert_eq!(r.code, i32::from(exit_code::MAX_CYCLES));
    assert!(
        r.stderr.contains("--max-cycles 1000 ran out"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
}

#[test]
fn max_cycles_json_report() {
    let report = temp_file("r.json", b"");
    let spin: &[u16] = &[0x60FE];
    let r = run_words(
        spin,
        &[
            "--max-cycles",
            "5000",
            "--quiet",
            "--report",
            report.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(r.code, i32::from(exit_code::MAX_CYCLES));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(json["exit"]["kind"], "max_cycles");
    assert_eq!(json["exit"]["code"], 121);
    assert!(json["clocks"].as_u64().unwrap() >= 5000);
    assert_eq!(json["config"]["max_cycles"], 5000);
}

#[test]
fn double_bus_fault() {
    let r = run_src(programs::DFAULT, &[], b"");
    assert_eq!(r.code, i32::from(exit_code::DOUBLE_FAULT), "{}", r.stderr);
    assert!(
        r.stderr.contains("double bus fault at PC $00001006"),
        "{}",
        r.stderr
    );
}

#[test]
fn unhandled_exception_names_pc_bytes_and_exception() {
    let illegal: &[u16] = &[0x4E71, 0x4AFC, 0x0000]; // nop; illegal
    let r = run_words(illegal, &[], b"");
    assert_eq!(
        r.code,
        i32::from(exit_code::UNHANDLED_EXCEPTION),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("illegal instruction (vector 4)"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("PC $00001002"), "{}", r.stderr);
    assert!(r.stderr.contains("4AFC"), "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
}

#[test]
fn bad_options_are_usage_errors() {
    for args in [
        &["run", "--clock-mhz", "99", "x"][..],
        &["run", "--ram-mib", "0", "x"],
        &["run", "--load-addr", "zz", "x"],
        &["run", "--timing", "fast", "x"],
    ] {
        let r = quamachine(args, b"");
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"));
    }
}

#[test]
fn clock_rate_sets_microseconds() {
    let report = temp_file("r.json", b"");
    let r = run_src(
        programs::HELLO,
        &[
            "--clock-mhz",
            "10",
            "--quiet",
            "--report",
            report.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(r.code, 42);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let clocks = json["clocks"].as_f64().unwrap();
    let seconds = json["seconds"].as_f64().unwrap();
    assert!((seconds - clocks / 10e6).abs() < 1e-12);
}

#[test]
fn wait_states_cost_clocks() {
    let clocks = |ws: &str| {
        let report = temp_file("r.json", b"");
        let r = run_src(
            programs::HELLO,
            &[
                "--wait-states",
                ws,
                "--quiet",
                "--timing",
                "table",
                "--report",
                report.to_str().unwrap(),
            ],
            b"",
        );
        assert_eq!(r.code, 42);
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
        (
            json["clocks"].as_u64().unwrap(),
            json["bus_cycles"].as_u64().unwrap(),
        )
    };
    let (c0, _) = clocks("0");
    let (c3, _) = clocks("3");
    assert!(c3 > c0, "3 wait states {c3} vs 0 {c0}");
}

#[test]
fn raw_binary_with_load_addr_and_entry() {
    let r = run_words(programs::gnu::HELLO, &["--quiet"], b"");
    assert_eq!(r.code, 42, "{}", r.stderr);
    assert_eq!(r.stdout, "hello, quamachine\n");
    // --entry: start at the final `move.l #42,HALT`.
    let r = run_words(programs::gnu::HELLO, &["--quiet", "--entry", "$1010"], b"");
    assert_eq!(r.code, 42, "{}", r.stderr);
    assert_eq!(r.stdout, "");
}

#[test]
fn test_programs_match_gnu_as() {
    use programs::gnu;
    for (name, src, words) in [
        ("hello", programs::HELLO, gnu::HELLO),
        ("timer", programs::TIMER, gnu::TIMER),
        ("stop", programs::STOP, gnu::STOP),
        ("clock", programs::CLOCK, gnu::CLOCK),
        ("buserr", programs::BUSERR, gnu::BUSERR),
        ("romwrite", programs::ROMWRITE, gnu::ROMWRITE),
        ("dfault", programs::DFAULT, gnu::DFAULT),
        ("fpu", programs::FPU, gnu::FPU),
        ("echo", programs::ECHO, gnu::ECHO),
        ("conirq", programs::CONIRQ, gnu::CONIRQ),
        ("bighalt", programs::BIGHALT, gnu::BIGHALT),
        ("probe", programs::PROBE, gnu::PROBE),
    ] {
        assert_eq!(
            assembled_bytes(src),
            bytes(words),
            "{name}: qasm differs from GNU as"
        );
    }
}

#[test]
fn stop_with_no_interrupt_source_ends_the_run() {
    let stop: &[u16] = &[0x4E72, 0x2000]; // stop #$2000, timer off, console quiet
    let r = run_words(stop, &[], b"");
    assert_eq!(
        r.code,
        i32::from(exit_code::STOPPED_FOREVER),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("no device can interrupt"), "{}", r.stderr);
}

#[test]
fn default_image_runs() {
    let r = quamachine(&["run", "--quiet", "--max-cycles", "100000000"], b"");
    assert_ne!(r.code, i32::from(exit_code::LOAD_ERROR), "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
}

#[test]
fn embedded_images_by_name() {
    let r = quamachine(&["run", "--quiet", "--embedded", "hello"], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Hello"), "{}", r.stdout);
    let r = quamachine(&["run", "--embedded", "no-such-image"], b"");
    assert_eq!(r.code, i32::from(exit_code::LOAD_ERROR));
    assert!(
        r.stderr.contains("no embedded image `no-such-image`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("hello"), "lists the names: {}", r.stderr);
}
