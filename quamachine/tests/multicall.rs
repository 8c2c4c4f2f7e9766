//! The multi-call and the looped multi-call (kernel-asm/kernel/multicall.s, interface in
//! docs/multicall.md), driven by the `kmulti` image (kernel-asm/user/mctest.s): results,
//! a failing call in the middle, hostile lists, and a long looped multi-call during which
//! the other thread keeps running.
mod common;

use common::quamachine;

/// Run `kmulti`; its console output (it must halt with 0: the kernel survived).
fn kmulti() -> String {
    let r = quamachine(&["run", "--embedded", "kmulti", "-q"], b"");
    assert_eq!(
        r.code, 0,
        "kmulti did not halt cleanly:\n{}{}",
        r.stdout, r.stderr
    );
    r.stdout
}

/// The value printed after `label` ("label value" lines, possibly after putc output).
fn value(out: &str, label: &str) -> i64 {
    let at = out
        .find(label)
        .unwrap_or_else(|| panic!("no `{label}` in the output:\n{out}"));
    let rest = &out[at + label.len()..];
    rest[..rest.find('\n').unwrap()]
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("`{label}` is not followed by a number:\n{out}"))
}

const E_BAD: i64 = -1;
const E_MCLIST: i64 = -100;
const E_MCSEL: i64 = -101;
const E_MCREF: i64 = -102;
const UNSET: i64 = -7777;

#[test]
fn lists_run_in_order_and_a_failing_call_stops_the_rest() {
    let out = kmulti();
    // putc 'A', getid, putc 'B': three calls on one crossing, the output in order.
    assert!(out.contains("\nABl_good d0: 3\n"), "{out}");
    assert_eq!(value(&out, "l_good d1: "), 'B' as i64, "the last result");
    assert_eq!(
        value(&out, "l_good[1]: "),
        0,
        "getid of thread 0, written back"
    );
    // putc 'x', write(kernel pointer), putc 'y': 'x' printed, the write fails (its own
    // E_BAD from the pointer check), index 1 reported, 'y' never runs or is written.
    assert!(
        out.contains("\nxl_fail d0: "),
        "the call after the failing one ran:\n{out}"
    );
    assert_eq!(value(&out, "l_fail d0: "), E_BAD);
    assert_eq!(value(&out, "l_fail d1: "), 1);
    assert_eq!(value(&out, "l_fail[1]: "), E_BAD);
    assert_eq!(value(&out, "l_fail[2]: "), UNSET);
    // References: putdec of getid's result; a reference to itself or a later entry is
    // refused when reached.
    assert!(out.contains("0l_ref d0: 2\n"), "{out}");
    assert_eq!(value(&out, "l_selfref d0: "), E_MCREF);
    assert_eq!(value(&out, "l_fwdref d0: "), E_MCREF);
    assert_eq!(value(&out, "l_fwdref d1: "), 0);
    // MC_WHILE in a plain multi-call: null returns 0, so '>' never prints.
    assert!(out.contains("\n<l_while d0: 2\n"), "{out}");
}

#[test]
fn hostile_lists_get_errors_and_the_kernel_survives() {
    let out = kmulti();
    // A call that switches threads may not be in a list: reported at its index, the
    // call before it ran (its result written).
    assert_eq!(value(&out, "l_yield d0: "), E_MCSEL);
    assert_eq!(value(&out, "l_yield d1: "), 1);
    assert_eq!(value(&out, "l_yield[0]: "), 0);
    for l in ["l_sel99", "l_flags", "l_nest"] {
        assert_eq!(value(&out, &format!("{l} d0: ")), E_MCSEL, "{l}");
        assert_eq!(value(&out, &format!("{l} d1: ")), 0, "{l}");
    }
    assert_eq!(value(&out, "kernel list d0: "), E_MCLIST);
    assert_eq!(value(&out, "kernel list d1: "), -1);
    for l in ["straddling list: ", "count 0: ", "count 17: ", "count -1: "] {
        assert_eq!(value(&out, l), E_MCLIST, "{l}");
    }
    // A looped list that may not run (yield): refused at its index, as in K_MULTI.
    assert_eq!(value(&out, "mloop yield d0: "), E_MCSEL);
    assert_eq!(value(&out, "mloop yield d1: "), 1);
    assert_eq!(value(&out, "mloop bound 0: "), E_MCLIST);
    assert_eq!(value(&out, "mloop bound 65537: "), E_MCLIST);
    assert!(out.contains("threads killed 0"), "{out}");
}

#[test]
fn looped_multi_calls_repeat_while_the_condition_holds_within_the_bound() {
    let out = kmulti();
    // putc '.' (WHILE: returns the character, > 0), getid: the bound of 5 ends it.
    assert!(out.contains("..... mloop 5 d0: 5\n"), "{out}");
    // putc '-', null (WHILE): 0 ends it in the first pass, 0 passes completed.
    assert!(out.contains("- mloop stop d0: 0\n"), "{out}");
    assert_eq!(value(&out, "mloop stop d1: "), 0);
    // A failing call: its error, its index, the passes completed before.
    assert_eq!(value(&out, "mloop fail d0: "), E_BAD);
    assert_eq!(value(&out, "mloop fail d1: "), 1);
    assert_eq!(value(&out, "mloop fail d2: "), 0);
    // A list that would go on forever (clock is always > 0) stops at the bound, and the
    // timer kept preempting it: the ticker thread counted meanwhile.
    // A reference in a looped list: putdec prints getid's result (thread 0) each pass.
    assert!(out.contains("\n000 mloop ref d0: 3\n"), "{out}");
    assert_eq!(value(&out, "mloop 65536 d0: "), 65536);
    assert!(value(&out, "ticker counts during it: ") > 10, "{out}");
    // What a list entry costs against a crossing (docs/multicall.md): 100 x two null
    // traps, 100 x K_MULTI(null, null), 100 x K_MULTI of 16 nulls, one K_MLOOP of 100
    // passes of (null, null). On this kernel a trap is cheap (about 70 clocks of
    // crossing), so the interpreted multi-call does not pay; the looped one is
    // synthesized into straight code (a list of up to 8 entries) and runs a pass for
    // well under two interpreted entries (about 15 000 for 100 passes against 22 000).
    let traps = value(&out, "100 x 2 null traps clocks: ");
    let multi = value(&out, "100 x K_MULTI(null, null) clocks: ");
    let multi16 = value(&out, "100 x K_MULTI(16 x null) clocks: ");
    let mloop = value(&out, "K_MLOOP(null, null) x 100 clocks: ");
    assert!(traps < multi, "{traps} {multi}");
    // One interpreted entry, the null call and its KPT dispatch included: about 93-110
    // clocks with the lean K_MULTI (151 before it; it moves with where k_null falls in
    // the I-cache against the loop), and a timer tick with a thread switch inside one of
    // the two loops moves it by about 10.
    let entry = (multi16 - multi) / 1400;
    assert!((60..130).contains(&entry), "{entry} clocks an entry");
    assert!(
        mloop < 200 * entry * 3 / 4,
        "{entry} {mloop}: not synthesized?"
    );
}

#[test]
fn a_synthesized_list_is_a_kernel_call_with_the_same_checks() {
    let out = kmulti();
    // K_MULTI(MC_SYNTH + 5) of putc(the caller's d0), getid, putdec(getid's result),
    // putc(the caller's d0 again: from the frame), putc(the caller's d4): a slot, and
    // every call of it runs the list with that call's registers.
    let slot = value(&out, "s_good_syn d0: ");
    assert!((32..64).contains(&slot), "{slot} is not a synthesized slot");
    assert!(out.contains("\nP0PQsgood1 d0: 5\n"), "{out}");
    assert_eq!(value(&out, "sgood1 d1: "), 'Q' as i64, "the last result");
    assert!(out.contains("\nR0RSsgood2 d0: 5\n"), "{out}");
    // Freed with K_RMFN: the slot is the invalid procedure now.
    assert_eq!(value(&out, "sfreed d0: "), E_BAD);
    // putc 'x', write(kernel pointer), putc 'y': the write's own check fails it, its
    // index comes back, 'y' never runs.
    assert!(
        out.contains("\nxsfail d0: "),
        "the call after it ran:\n{out}"
    );
    assert_eq!(value(&out, "sfail d0: "), E_BAD);
    assert_eq!(value(&out, "sfail d1: "), 1);
    // MC_WHILE: null returns 0, so it stops there: 2 calls run, '>' never printed.
    assert!(out.contains("\n<swhile d0: 2\n"), "{out}");
    assert_eq!(value(&out, "swhile d1: "), 0);
    // Refused when made, with the entry's index, as K_MULTI refuses them when reached.
    for (l, e, i) in [
        ("l_yield", E_MCSEL, 1),
        ("l_sel99", E_MCSEL, 0),
        ("l_selfref", E_MCREF, 0),
        ("s_badref", E_MCREF, 0),
    ] {
        assert_eq!(value(&out, &format!("{l}_syn d0: ")), e, "{l}");
        assert_eq!(value(&out, &format!("{l}_syn d1: ")), i, "{l}");
    }
    assert_eq!(value(&out, "kernel list syn: "), E_MCLIST);
    assert_eq!(value(&out, "count syn+9: "), E_MCLIST);
    // Slots run out (32 dynamic KPT slots, none taken here before): E_BAD, nothing made.
    assert_eq!(value(&out, "slots full d0: "), E_BAD);
    assert_eq!(value(&out, "slots full d1: "), -1);
    assert_eq!(value(&out, "slots made: "), 32);
    // 200 lists made and freed, more than the 96 routine records, while one is kept:
    // every one was made (the last got a slot), and the kept one still runs its own list.
    assert!(
        (32..64).contains(&value(&out, "churn last slot: ")),
        "{out}"
    );
    assert!(out.contains("\nK0K!kept d0: 5\n"), "{out}");
    assert_eq!(value(&out, "kept d1: "), '!' as i64);
    // Cost: one trap to the slot runs (null, null) for less than two interpreted
    // entries, and about as much as two traps (an entry costs about 40 clocks, the
    // crossing it saves about 50 besides the dispatch both pay); where the loop and the
    // slot fall in the 256-byte I-cache moves it by about 10% (15 533 and 17 275 measured
    // in two layouts of this image, against 15 840 for the traps).
    let traps = value(&out, "100 x 2 null traps clocks: ");
    let multi = value(&out, "100 x K_MULTI(null, null) clocks: ");
    let synth = value(&out, "100 x synthesized (null, null) clocks: ");
    assert!(synth < multi / 2, "{synth} vs interpreted {multi}");
    assert!(
        (synth - traps).abs() < traps / 5,
        "{synth} vs two traps {traps}"
    );
    assert!(out.contains("threads killed 0"), "{out}");
}
