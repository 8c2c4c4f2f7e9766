//! The Synthesis kernel (`kernel-asm/kernel/`) booted in the emulator with the user
//! programs of `kernel-asm/user/`: every image named in `kernel-asm/images.txt` is
//! assembled here the way build.rs does it, run through the library with the console
//! captured, and judged by its output and exit code.
mod common;

use common::{config, run_image};
use quamachine::board::map::MemoryMap;
use quamachine::loader::{LoadOptions, load_bytes};
use quamachine::session::{RunExit, RunOutcome};
use std::path::PathBuf;

/// Assemble image `name` of images.txt and run it (50 M clocks at most).
fn boot(name: &str) -> (RunOutcome, String) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../kernel-asm");
    let list = std::fs::read_to_string(root.join("images.txt")).expect("images.txt");
    let sources: Vec<PathBuf> = list
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").split_whitespace())
        .find_map(|mut w| (w.next() == Some(name)).then(|| w.map(|s| root.join(s)).collect()))
        .unwrap_or_else(|| panic!("no image `{name}` in images.txt"));
    let opts = qasm::Options {
        include_dirs: vec![root.clone()],
        ..Default::default()
    };
    let out = qasm::assemble_files(&sources, &opts)
        .unwrap_or_else(|d| panic!("image `{name}` does not assemble:\n{d}"));
    let cfg = config();
    let image = load_bytes(
        &out.elf,
        name,
        LoadOptions::default(),
        MemoryMap::new(cfg.ram_mib << 20),
    )
    .expect("loads");
    run_image(&image, cfg, b"")
}

/// Boot `name` and insist on a clean HALT 0.
fn boot_ok(name: &str) -> String {
    let (outcome, text) = boot(name);
    assert_eq!(
        outcome.exit,
        RunExit::Halt(0),
        "image `{name}` did not halt cleanly; console:\n{text}"
    );
    text
}

fn lines_with<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.starts_with(prefix)).collect()
}

#[test]
fn demo_threads_interleave_under_timer_preemption() {
    let text = boot_ok("kernel");
    // Which thread printed each line, in order.
    let who: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split(':').next())
        .filter(|w| ["alpha", "beta", "gamma"].contains(w))
        .collect();
    for t in ["alpha", "beta", "gamma"] {
        assert!(who.contains(&t), "{t} printed nothing:\n{text}");
    }
    // Every thread prints its steps in order, and the threads alternate: some thread's
    // line comes between two lines of alpha (it was preempted while spinning).
    let first_alpha = who.iter().position(|w| *w == "alpha").unwrap();
    let second_alpha = first_alpha
        + 1
        + who[first_alpha + 1..]
            .iter()
            .position(|w| *w == "alpha")
            .unwrap();
    assert!(second_alpha > first_alpha + 1, "no interleaving:\n{text}");
    let steps: Vec<&str> = lines_with(&text, "alpha: step ");
    assert_eq!(
        steps,
        (1..=6)
            .map(|i| format!("alpha: step {i}"))
            .collect::<Vec<_>>(),
        "{text}"
    );
    assert_eq!(
        lines_with(&text, "gamma: "),
        (1..=6)
            .map(|i| format!("gamma: 250 * step = {}", 250 * i))
            .collect::<Vec<_>>()
    );
    // The synthesizer lists what it made, with sizes and creation costs.
    for kind in ["sw_out", "sw_in", "sw_in_mmu"] {
        assert!(
            text.lines()
                .any(|l| l.starts_with(&format!("synth: {kind} for thread 2"))
                    && l.contains(" bytes, ")
                    && l.ends_with(" clocks")),
            "no {kind} line:\n{text}"
        );
    }
    assert!(text.contains("kernel: all threads done"));
}

#[test]
fn fp_state_survives_switches_and_integer_threads_never_pay() {
    let text = boot_ok("kfp");
    for t in [10, 20, 30] {
        assert!(
            text.contains(&format!("fp registers intact in thread {t}\n")),
            "thread {t}:\n{text}"
        );
    }
    assert!(!text.contains("CORRUPT"), "{text}");
    // The kernel's statistics: integer threads took no F-line trap and no FP save.
    for t in ["int1", "int2"] {
        assert!(
            text.contains(&format!("{t}: F-line traps 0, FP saves 0\n")),
            "{t}:\n{text}"
        );
    }
    // The FP threads did trap (lazily) and their contexts were switched.
    for t in ["fp10", "fp20", "fp30"] {
        let line = text
            .lines()
            .find(|l| l.contains(&format!(" {t}: F-line traps ")))
            .unwrap_or_else(|| panic!("no stats for {t}:\n{text}"));
        let traps: u32 = line
            .split("F-line traps ")
            .nth(1)
            .unwrap()
            .split(',')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(traps > 1, "{line}");
    }
    assert_eq!(
        lines_with(&text, "integer thread: F-line traps taken: 0").len(),
        2
    );
}

#[test]
fn kernel_calls_agree_every_way_and_bad_ones_get_the_error() {
    let text = boot_ok("kcalls");
    let want = [
        "suspend other: 0",
        "general getid: 0",
        "general null: 0",
        "bad index 99: -1",
        "bad index -5: -1",
        "unused slot 40: -1",
        "bad pointer: -1",
        "mkfn B=7 slot: 32",
        "general f(3): 79",
        "cached getid on trap: 3",
        "cached getid: 0",
        "cached f on trap: 4",
        "cached f(3): 79",
        "inlined getid: 0",
        "inlined getid: 0",
        "inlined getid: 0",
        // moveq #K_GETID,d2 now sits at the call site
        "call site 1 now starts with: 29707",
        "cached+inlined f(3): 79",
        "cached+inlined f(3): 79",
        "cached+inlined f(3): 79",
        // trap #4 ($4E44) at the call site
        "call site 2 now traps with: 20036",
        "rmfn: 0",
        "f after invalidation: -1",
    ];
    let got: Vec<&str> = text.lines().collect();
    let mut at = 0;
    for w in want {
        at = got[at..]
            .iter()
            .position(|l| *l == w)
            .map(|p| at + p + 1)
            .unwrap_or_else(|| panic!("missing (in order) `{w}`:\n{text}"));
    }
    // A thread created at run time in the caller's address space ran (id 2).
    assert!(
        text.contains("created child: 2\n")
            && text.contains("child: running in the caller's space, id 2\n")
            && text.contains("synth: sw_in for thread 2"),
        "{text}"
    );
    // The suspended thread ran only after it was resumed.
    let resumed = got
        .iter()
        .position(|l| *l == "resume other: 0")
        .expect("resume");
    let ran = got
        .iter()
        .position(|l| l.starts_with("other: running"))
        .expect("other ran");
    assert!(ran > resumed, "{text}");
}

#[test]
fn synthesized_code_does_what_its_template_says() {
    let text = boot_ok("kcalls");
    // f(A) = A*A + A*B + B*B at A = 3, each B through its own template.
    for (b, f) in [(-2, 7), (0, 9), (1, 13), (8, 97), (5, 49)] {
        assert!(
            text.contains(&format!("B = {b}\n  f(3) = {f}\n")),
            "B = {b}:\n{text}"
        );
    }
    for kind in [
        "fn_b0 (B=0",
        "fn_b1 (B=1",
        "fn_p2 (B=2^k",
        "fn_gen (",
        "ctrap (",
        "bufput (",
    ] {
        assert!(
            text.contains(&format!("synth: {kind}")),
            "no {kind} routine listed:\n{text}"
        );
    }
    // The fast buffer (Figure 3.2): 32 puts into a 16-byte buffer flush it twice.
    assert!(
        text.contains("0123456789ABCDEFghijklmnopqrstuv\n"),
        "{text}"
    );
    assert!(text.contains("bufput flushes: 2\n"), "{text}");
    // Re-filling a hole in place takes effect (the I-cache entries are cleared).
    assert!(text.contains("syntest f(3) before re-fill: 13\n"), "{text}");
    assert!(text.contains("syntest f(3) after re-fill: 112\n"), "{text}");
}

#[test]
fn without_the_icache_clear_the_stale_code_runs() {
    let text = boot_ok("kcalls-noflush");
    assert!(text.contains("syntest f(3) before re-fill: 13\n"), "{text}");
    // The new constant is in memory, but the old instructions still run from the cache.
    assert!(text.contains("syntest f(3) after re-fill: 13\n"), "{text}");
}

/// Median clocks of timing region `id`.
fn median(outcome: &RunOutcome, id: u16) -> u64 {
    let r = outcome
        .regions
        .get(&id)
        .unwrap_or_else(|| panic!("no region {id}"));
    let mut s = r.samples.clone();
    assert!(!s.is_empty(), "region {id} has no samples");
    s.sort_unstable();
    s[(s.len() - 1) / 2]
}

#[test]
fn measured_paths_rank_as_the_design_says() {
    let (outcome, text) = boot("kmeasure");
    assert_eq!(outcome.exit, RunExit::Halt(0), "{text}");
    let m = |id| median(&outcome, id);
    // A trap costs more than a procedure call; the general dispatcher more than a trap;
    // a cached trap and an inlined stub each cut the general path, both together most.
    assert!(m(1) < m(2) && m(2) < m(3), "{:?}", (m(1), m(2), m(3)));
    // (measure.s keeps its stubs off the ctrap stub's I-cache line: a collision there
    // makes the warm cached call pay two misses.)
    let warm: Vec<u64> = (1..=6).map(m).collect();
    let cold: Vec<u64> = (11..=16).map(m).collect();
    for (name, v) in [("warm", &warm), ("cold", &cold)] {
        let (general, inlined, cached, both) = (v[2], v[3], v[4], v[5]);
        assert!(
            inlined < general && cached < general && both < inlined && both < cached,
            "{name}: {v:?}"
        );
    }
    // Cold (I-cache cleared) is never faster than warm.
    for id in 1..=6 {
        assert!(m(id + 10) >= m(id), "region {id}");
    }
    // A context switch with the FP context moved costs more than an integer one.
    assert!(m(10) > m(9), "fp {} vs integer {}", m(10), m(9));
    assert!(m(17) > m(9), "fp {} vs integer {}", m(17), m(9));
    // Changing address space (sw_in_mmu loads CRP) costs more than staying (sw_in).
    assert!(m(8) > m(9), "mmu {} vs same space {}", m(8), m(9));
    assert!(m(7) > 0);
}

#[test]
fn misbehaving_user_threads_are_stopped_and_the_rest_finish() {
    let text = boot_ok("kprotect");
    // Bus errors (vector 2) from the MMU: kernel memory is in no user address space,
    // other programs' regions neither, and the stub library is write-protected.
    for (tid, name, vector) in [
        (1, "reader", 2),
        (2, "kptwriter", 2),
        (3, "jumper", 2),
        (4, "snoop", 2),
        (5, "ulibwriter", 2),
        (6, "privileged", 8),
    ] {
        assert!(
            text.contains(&format!(
                "kernel: killed thread {tid} {name}: vector {vector} at $"
            )),
            "{name} not stopped:\n{text}"
        );
    }
    assert!(text.contains("threads killed 6\n"), "{text}");
    // A bad pointer to a kernel call is refused, not fatal.
    assert!(
        text.contains("badpointer: write of a kernel address returned -1\n"),
        "{text}"
    );
    for g in ["good1", "good2"] {
        for i in 1..=3 {
            assert!(
                text.contains(&format!("{g}: line {i}\n")),
                "{g} {i}:\n{text}"
            );
        }
    }
}

#[test]
fn sleep_hooks_a_wakeup_check_into_the_ring() {
    let text = boot_ok("ksleep");
    assert_eq!(
        lines_with(&text, "napper: slept long enough: 1").len(),
        3,
        "{text}"
    );
    assert_eq!(lines_with(&text, "napper: K_SLEEP returned 0").len(), 3);
    assert_eq!(lines_with(&text, "worker: step ").len(), 5);
    // The worker ran while napper slept.
    let first_nap = text.find("napper: slept").unwrap();
    assert!(text.find("worker: step 2").unwrap() < first_nap, "{text}");
    // Everyone else was gone: the sleepchk routines were the idle loop until it woke.
    let last = text
        .find("last: woke after the others: 1")
        .expect("last woke");
    assert!(
        text.rfind("napper: K_SLEEP").unwrap() < last && text.rfind("worker: step").unwrap() < last
    );
    assert!(text.contains("synth: sleepchk for thread 2"), "{text}");
}
