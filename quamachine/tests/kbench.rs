//! `quamachine bench` end to end: the binary boots the embedded kbench image and prints
//! Tables 3.1, 3.2, 3.3, 3.4, 3.5, 5.2 and the memory table; `--json` is checked against its
//! documented schema; the measured rows are held to the target (within 25% of the
//! published figure, or below it) where they meet it, and to the published direction
//! where they do not (the misses are named below and in the README).
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn tmp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("kbench-test-{}-{name}", std::process::id()))
}

/// Run `quamachine bench ARGS`, insist on success, return stdout.
fn bench(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_quamachine"))
        .arg("bench")
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "bench failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// One JSON run shared by the tests of this file.
fn report() -> &'static Value {
    static R: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        let json = tmp("r.json");
        let svg = tmp("r.svg");
        let text = bench(&[
            "--json",
            json.to_str().unwrap(),
            "--svg",
            svg.to_str().unwrap(),
        ]);
        for t in [
            "Table 3.1",
            "Table 3.2",
            "Table 3.3",
            "Table 3.4",
            "Table 3.5",
            "Table 5.2",
            "Table 3.6",
        ] {
            assert!(text.contains(t), "no {t} in:\n{text}");
        }
        assert!(text.contains("cold = I-cache cleared"), "no cache note");
        let chart = std::fs::read_to_string(&svg).expect("svg written");
        assert!(chart.starts_with("<svg") && chart.trim_end().ends_with("</svg>"));
        assert!(chart.contains("Table 3.5 null trap (warm)"), "row labels");
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&json).expect("json"))
            .expect("valid JSON");
        // One bar per row with a published figure: green at or below the target, red above.
        let rated: Vec<f64> = v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|x| x["ratio"].as_f64())
            .collect();
        let within = rated.iter().filter(|q| **q <= 1.25).count();
        assert_eq!(
            chart.matches("fill=\"#3A9A48\"").count(),
            within,
            "green bars"
        );
        assert_eq!(
            chart.matches("fill=\"#C8442F\"").count(),
            rated.len() - within,
            "red bars"
        );
        let _ = std::fs::remove_file(json);
        let _ = std::fs::remove_file(svg);
        v
    })
}

fn rows() -> &'static Vec<Value> {
    report()["rows"].as_array().expect("rows")
}

/// Our µs for (table, row prefix, cache).
fn us(table: &str, row: &str, cache: &str) -> f64 {
    rows()
        .iter()
        .find(|r| {
            r["table"] == table
                && r["row"].as_str().unwrap().starts_with(row)
                && r["cache"] == cache
        })
        .unwrap_or_else(|| panic!("no row {table} {row} {cache}"))["us"]
        .as_f64()
        .unwrap()
}

fn ratio(table: &str, row: &str, cache: &str) -> f64 {
    rows()
        .iter()
        .find(|r| {
            r["table"] == table
                && r["row"].as_str().unwrap().starts_with(row)
                && r["cache"] == cache
        })
        .unwrap_or_else(|| panic!("no row {table} {row} {cache}"))["ratio"]
        .as_f64()
        .unwrap()
}

#[test]
fn json_has_one_object_per_row_with_the_documented_fields() {
    let r = report();
    assert_eq!(r["schema"], "quamachine-bench/1");
    assert_eq!(r["config"]["clock_mhz"], 25.0);
    assert_eq!(r["config"]["wait_states"], 1);
    for t in ["3.1", "3.2", "3.3", "3.4", "3.5", "5.2"] {
        assert!(
            rows().iter().any(|x| x["table"] == t),
            "no rows of Table {t}"
        );
    }
    for x in rows() {
        for k in [
            "table",
            "row",
            "cache",
            "region",
            "samples",
            "clocks",
            "us",
            "published",
            "published_unit",
            "ratio",
        ] {
            assert!(x.get(k).is_some(), "row lacks {k}: {x}");
        }
        assert!(["cold", "warm", "as run", "loop"].contains(&x["cache"].as_str().unwrap()));
        assert!(["clocks", "us", "seconds"].contains(&x["published_unit"].as_str().unwrap()));
        let (c, u) = (x["clocks"].as_f64().unwrap(), x["us"].as_f64().unwrap());
        assert!(
            c > 0.0 && (u - c / 25.0).abs() < 1e-6,
            "µs = clocks / MHz: {x}"
        );
    }
    assert_eq!(r["memory"].as_array().unwrap().len(), 3);
    assert!(r["memory"][0]["code_bytes"].as_u64().unwrap() > 1000);
}

#[test]
fn buffer_puts_and_switches_meet_the_target() {
    // Tables 3.1 and 3.3: every row within 25% of the published figure, or below it.
    // The integer-only switch was the one miss (352 clocks, 1.34x) until sw_in set
    // `current` from a0 and cleared FPU_ENABLE from a register (two 4-byte immediates
    // less to fetch, cold, at every switch): ~321 clocks, 1.22x.
    const INTEGER: &str = "integer registers only";
    for x in rows()
        .iter()
        .filter(|x| x["table"] == "3.1" || x["table"] == "3.3")
    {
        assert_eq!(x["meets_target"], true, "misses the 25% target: {x}");
    }
    let switch = |row| us("3.3", row, "as run");
    assert!(switch(INTEGER) < switch("integer, change address space"));
    assert!(switch("integer, change address space") < switch("floating point"));
    // The FP switches hold the lazy FP trap and context move (the STOP thread's first
    // instruction after the switch is the FMOVE that writes PROBE_STOP, bench.s
    // `fpair`): without them a region is the integer switch plus ~60 clocks (the
    // layout-dependent 378-404 clock samples of before). And, with every switch region
    // now exactly last instruction to first, the MMU change shows in the published
    // order (52 < 56 µs), as in the integer pair.
    let (fp, fp_as) = (
        switch("floating point"),
        switch("floating point, change address space"),
    );
    assert!(
        fp > 2.5 * switch("integer, change address space"),
        "{fp}: no FP context move in the region?"
    );
    assert!(fp < fp_as, "{fp} vs {fp_as}");
    // The synthesized put beats the hand-crafted one, cold and warm (Table 3.1's order).
    for c in ["cold", "warm"] {
        assert!(us("3.1", "code-synthesized", c) < us("3.1", "hand-crafted", c));
    }
    // The conventional full save is slower than the Synthesis integer switch, and far
    // below the Sony NEWS Unix switch.
    assert!(
        us("3.3", "conventional", "as run") > 2.0 * us("3.3", "integer registers only", "as run")
    );
}

#[test]
fn null_calls_meet_the_target_or_keep_the_published_order() {
    // Within target: the procedure call, the null trap (warm too since the data cache is
    // on), the Unix-style getpid (far below 40 µs).
    for (row, c) in [
        ("procedure call", "cold"),
        ("procedure call", "warm"),
        ("null trap", "cold"),
        ("null trap", "warm"),
        ("Unix-style getpid", "cold"),
    ] {
        assert!(ratio("3.5", row, c) <= 1.25, "{row} {c}");
    }
    // The kernel calls through each path: within 25% too since trap 15, K_NULL and
    // K_GETID sit on fixed I-cache lines (kernel/trap.s, `align 256`), off the first
    // ctrap stub's line and the measuring loops'. While they floated, K_NULL's rts landed
    // on the ctrap stub's line in some layouts, a cached call evicted its own stub and
    // these rows ran 1.3-1.45x (docs/kernel.md, "Caches"). And the published order.
    for c in ["cold", "warm"] {
        let general = us("3.5", "kernel call, general dispatch", c);
        let inlined = us("3.5", "kernel call, general, stub inlined", c);
        let cached = us("3.5", "kernel call, cached trap", c);
        let both = us("3.5", "kernel call, cached trap and inlined", c);
        assert!(
            both < inlined && both < cached && inlined < general && cached < general,
            "{c}"
        );
        assert!(us("3.5", "null trap", c) < both, "{c}");
        for row in [
            "kernel call, general dispatch",
            "kernel call, general, stub inlined",
            "kernel call, cached trap",
            "kernel call, cached trap and inlined",
        ] {
            assert!(ratio("3.5", row, c) <= 1.25, "{row} {c}");
        }
    }
    // Unix-style getpid against the cached-and-inlined call: published 40 / 2.1 = 19x.
    // Ours is about 5x (the all-register save and the sysent dispatch are cheap on this
    // model next to a real Unix kernel's entry); asserted: at least 4x.
    let unix = us("3.5", "Unix-style getpid", "warm");
    assert!(unix >= 4.0 * us("3.5", "kernel call, cached trap and inlined", "warm"));
    assert!(unix > us("3.5", "Synthesis getpid", "warm"));
}

#[test]
fn stdio_and_thread_rows_keep_the_published_direction() {
    // Table 3.2: the Synthesis macro is faster than the Unix macro, and its call site
    // smaller; a putchar synthesized for an unbuffered stream beats the general one.
    assert!(
        us("3.2", "Synthesis putchar macro", "loop")
            < us("3.2", "Unix-style putchar macro, block", "loop")
    );
    assert!(
        us("3.2", "Synthesis putchar function, unbuffered", "loop")
            < us("3.2", "Unix-style putchar macro, unbuffered", "loop")
    );
    let site = |p: &str| {
        rows()
            .iter()
            .find(|r| r["row"].as_str().unwrap().starts_with(p))
            .unwrap()["site_bytes"]
            .as_u64()
            .unwrap()
    };
    assert!(site("Synthesis putchar function") < site("Synthesis putchar macro"));
    assert!(site("Synthesis putchar macro") < site("Unix-style putchar macro"));
    // Table 5.2 rows exist and cost something.
    for (row, c) in [("create", "cold"), ("suspend", "warm"), ("resume", "warm")] {
        assert!(us("5.2", row, c) > 1.0, "{row}");
    }
}

#[test]
fn markdown_prints_tables() {
    let md = bench(&["--markdown"]);
    assert!(md.contains("| row | cache | clocks | ours µs | published | ratio | target |"));
    assert!(md.contains("**Table 3.6  Kernel memory**"));
}

#[test]
fn sound_interrupts_meet_the_target_and_keep_the_published_order() {
    // Table 3.4, cold cache, the measuring bracket subtracted (kernel/sndbench.s). The
    // code-synthesis rows (the kernel's synthesized handler, Figure 3.5 for CD-in) within
    // 25% of 3.7 and 5.1 µs; every group in the published order: null < synthesis < hand
    // assembler (Figure 3.6) < C (Figure 3.7) < C with Unix dispatch; and the speedups,
    // null interrupt subtracted as the dissertation does, above 1 and rising in the same
    // order, the CD+DA ones below the CD-in ones (the fixed overheads weigh less).
    let null = us("3.4", "null interrupt", "cold");
    for set in ["CD-in", "CD+DA"] {
        let r = |what: &str| us("3.4", &format!("{set}, {what}"), "cold");
        let (s, h, c, u) = (
            r("code synthesis"),
            r("hand assembler"),
            r("C ("),
            r("C with Unix"),
        );
        assert!(
            null < s && s < h && h < c && c < u,
            "{set}: {null} {s} {h} {c} {u}"
        );
        assert!(ratio("3.4", &format!("{set}, code synthesis"), "cold") <= 1.25);
    }
    let speedup = |row: &str| {
        rows()
            .iter()
            .find(|x| x["table"] == "3.4" && x["row"].as_str().unwrap().starts_with(row))
            .unwrap_or_else(|| panic!("no row {row}"))["speedup"]
            .as_f64()
            .unwrap()
    };
    let cd = [
        speedup("CD-in, hand"),
        speedup("CD-in, C ("),
        speedup("CD-in, C with"),
    ];
    let both = [
        speedup("CD+DA, hand"),
        speedup("CD+DA, C ("),
        speedup("CD+DA, C with"),
    ];
    assert!(1.0 < cd[0] && cd[0] < cd[1] && cd[1] < cd[2], "{cd:?}");
    assert!(
        1.0 < both[0] && both[0] < both[1] && both[1] < both[2],
        "{both:?}"
    );
    assert!((0..3).all(|i| both[i] < cd[i]), "{cd:?} {both:?}");
}

/// The text console (kernel/fbcons.s): the glyph routine synthesized for the font, the
/// colours and the stride beats the conventional one (font read bit by bit, colours and
/// stride from variables) in the same image, warm and cold; a console write is a fixed
/// part plus a per-character part (the shape of the dissertation's Table 7.5, whose
/// figures we could not retrieve, so only the structure and our ordering are asserted).
#[test]
fn console_glyphs_synthesized_beat_the_generic_routine() {
    let c = &report()["console"];
    let clocks = |row: &str, cache: &str| -> f64 {
        c["rows"]
            .as_array()
            .expect("console rows")
            .iter()
            .find(|r| r["row"].as_str().unwrap().starts_with(row) && r["cache"] == cache)
            .unwrap_or_else(|| panic!("no console row {row} {cache}"))["clocks"]
            .as_f64()
            .unwrap()
    };
    for cache in ["warm", "cold"] {
        let synth = clocks("glyph, synthesized", cache);
        let generic = clocks("glyph, generic", cache);
        assert!(
            synth > 0.0 && synth < generic,
            "{cache}: {synth} vs {generic}"
        );
        // The factored routine has no loop and no bit tests: at least 4x fewer clocks.
        assert!(4.0 * synth < generic, "{cache}: {synth} vs {generic}");
    }
    let per_char = c["write_per_char_clocks"].as_f64().unwrap();
    let fixed = c["write_fixed_clocks"].as_f64().unwrap();
    assert!(
        per_char > clocks("glyph, synthesized", "warm"),
        "a write draws a glyph"
    );
    assert!(fixed > 0.0, "fixed {fixed}");
    let cps = c["rows"][0]["chars_per_second"].as_f64().unwrap();
    assert!((cps - 25e6 / clocks("glyph, synthesized", "warm")).abs() < 1.0);
    assert!(c["published"].as_str().unwrap().contains("Table 7.5"));
}
