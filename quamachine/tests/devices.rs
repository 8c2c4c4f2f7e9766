//! Device tests: console output and input (polled and by interrupt), HALT, FPU_ENABLE,
//! CLOCK_HI/LO latching and the counters, probe regions (0 when empty), the interval
//! timer (interrupts while running and waking STOP), and ROM/unmapped bus errors.
mod common;

use common::*;
use emulator::TimingMode;
use quamachine::session::{RunConfig, RunExit};

#[test]
fn console_output_and_halt_code() {
    let (o, out) = run_lib(programs::HELLO, config(), b"");
    assert_eq!(o.exit, RunExit::Halt(42));
    assert_eq!(out, "hello, quamachine\n");
}

#[test]
fn console_input_polled() {
    let (o, out) = run_lib(programs::ECHO, config(), b"abc");
    assert_eq!(o.exit, RunExit::Halt(0));
    assert_eq!(out, "ABC");
}

#[test]
fn console_input_polled_from_host_stdin() {
    let r = run_src(
        programs::ECHO,
        &["--quiet", "--max-cycles", "200000000"],
        b"xyz",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "XYZ");
}

#[test]
fn console_input_interrupt_level_2() {
    let (o, out) = run_lib(programs::CONIRQ, config(), b"hi!");
    assert_eq!(o.exit, RunExit::Halt(0));
    assert_eq!(out, "hi!");
    assert_eq!(o.counters.exceptions, 3, "one interrupt per byte");
}

#[test]
fn console_input_interrupt_from_host_stdin() {
    let r = run_src(
        programs::CONIRQ,
        &["--quiet", "--max-cycles", "200000000"],
        b"qed",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "qed");
}

#[test]
fn halt_value_above_255_exits_with_its_low_byte() {
    let r = run_src(programs::BIGHALT, &[], b"");
    assert_eq!(r.code, 0x34);
    assert!(r.stderr.contains("value 4660"), "{}", r.stderr);
}

#[test]
fn clock_latch_and_counters() {
    let (o, _) = run_lib(programs::CLOCK, config(), b"");
    assert_eq!(o.exit, RunExit::Halt(0));
    let d = o.registers.d;
    assert_eq!(d[0], 0, "CLOCK_HI");
    assert_eq!(d[1], 0, "CLOCK_LO latched at the first instruction's start");
    assert_eq!(
        d[2], d[1],
        "CLOCK_LO stays latched until CLOCK_HI is read again"
    );
    assert_eq!(d[3], 0);
    assert!(
        d[4] > d[1] && d[4] < 500,
        "CLOCK_LO after the second latch: {}",
        d[4]
    );
    assert_eq!(
        d[5], 7,
        "INSN_COUNT: instructions retired before the reading one"
    );
    assert!(d[6] > 0, "MEMREF_COUNT");
    assert!(u64::from(d[6]) <= o.counters.bus_cycles);
}

#[test]
fn probe_regions_empty_is_zero() {
    for timing in [TimingMode::Table, TimingMode::Overlap] {
        let cfg = RunConfig { timing, ..config() };
        let (o, _) = run_lib(programs::PROBE, cfg, b"");
        assert_eq!(o.exit, RunExit::Halt(0));
        let r1 = &o.regions[&1];
        assert_eq!(r1.samples, vec![0], "empty region, {timing:?}");
        let r2 = &o.regions[&2];
        assert_eq!(r2.samples.len(), 1);
        // In overlap mode the NOP may hide entirely under the previous write's tail.
        let least = u64::from(timing == TimingMode::Table);
        assert!(
            r2.samples[0] >= least && r2.samples[0] < 20,
            "one NOP, {timing:?}: {:?}",
            r2.samples
        );
        let r3 = &o.regions[&3];
        assert_eq!(
            r3.samples,
            vec![0, 0, 0],
            "empty region in a loop, {timing:?}"
        );
        assert!(r3.open.is_none());
    }
}

#[test]
fn probe_regions_in_the_json_report() {
    let report = std::env::temp_dir().join(format!("quamachine-probe-{}.json", std::process::id()));
    let r = run_src(
        programs::PROBE,
        &["--report", report.to_str().unwrap(), "--timing", "table"],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(json["schema"], "quamachine-run/1");
    assert_eq!(json["exit"]["kind"], "halt");
    assert_eq!(json["config"]["timing"], "table");
    let regions = json["regions"].as_array().unwrap();
    assert_eq!(regions.len(), 3);
    assert_eq!(regions[0]["id"], 1);
    assert_eq!(regions[0]["max"], 0);
    assert_eq!(regions[2]["id"], 3);
    assert_eq!(regions[2]["count"], 3);
    assert_eq!(regions[2]["median"], 0);
    // The summary has one row per region.
    assert!(r.stderr.contains("region"), "{}", r.stderr);
    let _ = std::fs::remove_file(report);
}

#[test]
fn timer_interrupts_while_running() {
    let (o, _) = run_lib(programs::TIMER, config(), b"");
    assert_eq!(o.exit, RunExit::Halt(5));
    assert!(o.timer_ticks >= 5);
    assert!(
        o.counters.clocks >= 5000,
        "five periods of 1000: {}",
        o.counters.clocks
    );
    assert!(o.counters.clocks < 8000, "{}", o.counters.clocks);
    assert_eq!(o.counters.exceptions, 5);
}

#[test]
fn timer_wakes_stop() {
    let (o, _) = run_lib(programs::STOP, config(), b"");
    assert_eq!(o.exit, RunExit::Halt(3));
    assert!(o.counters.clocks >= 15_000, "{}", o.counters.clocks);
    assert!(
        o.counters.clocks < 16_000,
        "STOP sleeps until the tick: {}",
        o.counters.clocks
    );
    assert!(o.counters.instructions < 40, "{}", o.counters.instructions);
}

#[test]
fn fpu_enable_latch() {
    let (o, _) = run_lib(programs::FPU, config(), b"");
    let d = o.registers.d;
    assert_eq!(d[1], 1, "FPU_ENABLE resets to 1");
    assert_eq!(d[2], 0, "FPU_ENABLE reads back 0");
    match o.exit {
        RunExit::UnhandledException { vector, pc, .. } => {
            assert_eq!(vector, 11, "F-line while disabled");
            assert_eq!(pc, 0x101A);
        }
        e => panic!("expected the F-line exception, got {e:?}"),
    }
}

#[test]
fn unmapped_read_is_a_bus_error() {
    let r = run_src(programs::BUSERR, &[], b"");
    assert_eq!(r.code, 123, "{}", r.stderr);
    assert!(r.stderr.contains("bus error (vector 2)"), "{}", r.stderr);
    assert!(r.stderr.contains("PC $00001000"), "{}", r.stderr);
    assert!(r.stderr.contains("2039 2000 0000"), "{}", r.stderr);
}

#[test]
fn rom_write_is_a_bus_error() {
    let (o, _) = run_lib(programs::ROMWRITE, config(), b"");
    assert!(
        matches!(
            o.exit,
            RunExit::UnhandledException {
                vector: 2,
                pc: 0x1000,
                ..
            }
        ),
        "{:?}",
        o.exit
    );
}

#[test]
fn stop_sleeps_until_host_console_input() {
    let r = run_src(
        programs::KEYWAIT,
        &["--quiet", "--max-cycles", "2000000000"],
        b"xyz",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "xyz");
    // Input ends after one byte: nothing can wake the CPU any more.
    let r = run_src(
        programs::KEYWAIT,
        &["--quiet", "--max-cycles", "2000000000"],
        b"x",
    );
    assert_eq!(r.code, 125, "{}", r.stderr);
    assert_eq!(r.stdout, "x");
}

/// The device page is cache-inhibited by the board (CIIN asserted), whatever CACR and
/// the MMU say: with the data cache on and write-allocate, reading INSN_COUNT twice sees
/// the counter move, and the reads count as external bus cycles, not D-cache hits.
#[test]
fn device_registers_are_never_cached() {
    let src = "
        move.l  #$2111,d0       ; EI | IBE | ED | WA, as the kernel runs
        movec   d0,cacr
        move.l  d0,INSN_COUNT   ; a write (ignored) that would allocate a cacheable line
        move.l  INSN_COUNT,d1
        nop
        move.l  INSN_COUNT,d2
        move.l  MEMREF_COUNT,d3
        move.l  MEMREF_COUNT,d4
        move.l  #0,HALT
";
    let (o, _) = run_lib(src, config(), b"");
    assert_eq!(o.exit, RunExit::Halt(0));
    let d = o.registers.d;
    assert_eq!(d[2], d[1] + 2, "INSN_COUNT read live: {d:?}");
    assert!(d[4] > d[3], "MEMREF_COUNT read live: {d:?}");
    assert_eq!(o.counters.dcache_hits, 0, "{:?}", o.counters);
    assert_eq!(o.counters.dcache_misses, 0, "{:?}", o.counters);
}
