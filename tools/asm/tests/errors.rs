//! Error messages: one test per kind of error, checking the exact message, line and column,
//! that every error of an input is reported (not only the first), and the rendering.
use qasm::{Diagnostics, Options, assemble_str};

/// Assemble and return the errors as `line:col: message`.
fn errors(src: &str) -> Vec<String> {
    match assemble_str("t.s", src, &Options::default()) {
        Ok(_) => panic!("expected errors for:\n{src}"),
        Err(d) => d.short(),
    }
}

fn diags(src: &str) -> Diagnostics {
    assemble_str("t.s", src, &Options::default()).expect_err("expected errors")
}

fn one(src: &str) -> String {
    let e = errors(src);
    assert_eq!(e.len(), 1, "expected one error, got {e:?}");
    e[0].clone()
}

#[test]
fn unknown_mnemonic() {
    assert_eq!(one("  bogus d0\n"), "1:3: unknown mnemonic `bogus`");
}

#[test]
fn addressing_mode_not_allowed() {
    assert_eq!(
        one("\tnop\n\tlea d0,a0\n"),
        "2:6: addressing mode Dn not allowed for lea"
    );
    assert_eq!(
        one("        move.l  d0,#5\n"),
        "1:20: addressing mode #imm not allowed for move.l"
    );
}

#[test]
fn value_out_of_range() {
    assert_eq!(
        one("start:  moveq   #200,d0\n"),
        "1:18: value 200 out of range for moveq (-128..127)"
    );
    assert_eq!(
        one("  dc.b 1,300\n"),
        "1:10: value 300 out of range for dc.b (-128..255)"
    );
    assert_eq!(
        one("  dc.w $10000\n"),
        "1:8: value 65536 out of range for dc.w (-32768..65535)"
    );
}

#[test]
fn undefined_symbol() {
    assert_eq!(
        one("  move.l (a0)+,nowhere\n"),
        "1:16: undefined symbol `nowhere`"
    );
    assert_eq!(
        one("  dc.l 1+nowhere\n"),
        "1:10: undefined symbol `nowhere`"
    );
    // A local label is looked up in its own scope only.
    assert_eq!(
        one("a: dc.b 0\n.x dc.b 0\nb: dc.b .x\n"),
        "3:9: undefined symbol `.x`"
    );
}

#[test]
fn duplicate_symbol() {
    assert_eq!(
        one("dup: nop\ndup: nop\n"),
        "2:1: duplicate symbol `dup` (first defined at t.s:1)"
    );
    assert_eq!(
        one("x equ 1\n  x equ 2\n"),
        "2:3: duplicate symbol `x` (first defined at t.s:1)"
    );
    // set may redefine, equ may not be redefined by set.
    assert_eq!(
        one("x equ 1\nx set 2\n"),
        "2:1: duplicate symbol `x` (first defined at t.s:1)"
    );
}

#[test]
fn short_branch_does_not_reach() {
    assert_eq!(
        one("  bra.s far\n  ds.b 200\nfar: nop\n"),
        "1:9: branch target out of range for .s (displacement 200)"
    );
}

#[test]
fn include_errors() {
    let dir = std::env::temp_dir().join(format!("qasm-err-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.i"), " include \"b.i\"\n").unwrap();
    std::fs::write(dir.join("b.i"), " dc.b 1\n include \"a.i\"\n").unwrap();
    let opts = Options {
        include_dirs: vec![dir.clone()],
        ..Default::default()
    };
    let d = assemble_str("t.s", " include \"a.i\"\n", &opts).unwrap_err();
    assert_eq!(d.errors.len(), 1, "{d}");
    let e = &d.errors[0];
    assert_eq!(
        (e.file.as_str(), e.line, e.col, e.message.as_str()),
        (
            dir.join("b.i").display().to_string().as_str(),
            2,
            10,
            "recursive include of `a.i`"
        )
    );
    let d = assemble_str("t.s", "\n include \"t.s\"\n", &opts).unwrap_err();
    assert_eq!(d.short(), vec!["2:10: cannot find include file `t.s`"]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        one(" include \"missing.i\"\n"),
        "1:10: cannot find include file `missing.i`"
    );
    assert_eq!(
        one("  incbin missing.bin\n"),
        "1:10: cannot find incbin file `missing.bin`"
    );
    let d = qasm::assemble_files(&["/nonexistent/x.s".into()], &Options::default()).unwrap_err();
    assert!(
        d.errors[0]
            .message
            .starts_with("cannot read `/nonexistent/x.s`")
    );
}

#[test]
fn unterminated_blocks() {
    assert_eq!(
        one("  nop\n  macro foo\n  nop\n"),
        "2:3: unterminated macro `foo` (missing endm)"
    );
    assert_eq!(
        one(" rept 3\n dc.b 1\n"),
        "1:2: unterminated `rept` (missing endr)"
    );
    assert_eq!(
        one(" if 1\n dc.b 1\n"),
        "1:2: unterminated `if` (missing endif)"
    );
    assert_eq!(
        one(" template T\n dc.b 1\n"),
        "1:11: unterminated template `T` (missing endt)"
    );
}

#[test]
fn stray_closers() {
    assert_eq!(
        errors(" endm\n else\n endif\n endr\n endt\n mexit\n"),
        vec![
            "1:2: `endm` without `macro`",
            "2:2: `else` without `if`",
            "3:2: `endif` without `if`",
            "4:2: `endr` without `rept`",
            "5:2: `endt` without `template`",
            "6:2: `mexit` outside a macro",
        ]
    );
}

#[test]
fn directive_errors() {
    assert_eq!(
        one("  xref foo\n"),
        "1:3: external references are not supported (single-image assembler)"
    );
    assert_eq!(one("  fail \"stop here\"\n"), "1:3: stop here");
    assert_eq!(one("  dc.w 1/0\n"), "1:9: division by zero");
    assert_eq!(one("  dc.q 1\n"), "1:6: unknown size suffix `.q`");
    assert_eq!(one("  equ 5\n"), "1:3: `equ` needs a symbol name before it");
    assert_eq!(
        one("  section rodata\n"),
        "1:11: unknown section `rodata` (text, data or bss)"
    );
    assert_eq!(
        one("  align 3\n"),
        "1:9: alignment 3 is not a power of two from 1 to 65536"
    );
    assert_eq!(
        one("  bss\n dc.b 1\n"),
        "2:7: initialised data in the bss section"
    );
    assert_eq!(
        one("  bss\n nop\n"),
        "2:2: instructions cannot go in the bss section"
    );
    assert_eq!(one("  dc.b $\n"), "1:8: expected hex digits");
    assert_eq!(one("  dc.b 1 2\n"), "1:10: unexpected `2` after expression");
    assert_eq!(
        one("  dc.b @hole\n"),
        "1:8: template hole `@hole` outside a template"
    );
    assert_eq!(one("9bad: nop\n"), "1:1: invalid symbol name `9bad`");
    assert_eq!(
        one("start: nop\nrts\n"),
        "2:1: `rts` in column 1 is a label, but it is an instruction name: \
         indent the instruction (or write `rts:` for a label)"
    );
    assert_eq!(
        one("  xdef a,nope\na: nop\n"),
        "1:10: xdef of undefined symbol `nope`"
    );
}

#[test]
fn section_overlap() {
    assert_eq!(
        one(" org $100\n dc.l 1,2\n data\n org $104\n dc.b 1\n"),
        "4:2: .data at $104..$105 overlaps .text at $100..$108"
    );
}

#[test]
fn limits_are_errors_not_hangs() {
    assert_eq!(
        one(" rept 1000000000\n nop\n endr\n"),
        "1:7: rept count 1000000000 out of range (0..100000)"
    );
    assert_eq!(
        one(" ds.b $7FFFFFFF\n"),
        "1:7: `ds` count 2147483647 out of range"
    );
    let e = errors("m macro\n m\n endm\n m\n");
    assert_eq!(
        e[0],
        "2:2: macros nested more than 64 deep (recursive macro?)"
    );
    let e = errors(" rept 100000\n rept 100000\n dc.b 0\n endr\n endr\n");
    assert!(e[0].contains("lines after expansion"), "{e:?}");
    let deep = format!(" dc.b {}1{}\n", "(".repeat(5000), ")".repeat(5000));
    assert_eq!(one(&deep), "1:207: expression nested too deeply");
}

#[test]
fn every_error_is_reported() {
    let src = "\
start:  moveq   #200,d0
        bogus   d0
        dc.b    300
dup:    nop
dup:    nop
        dc.l    nowhere
        xref    foo
";
    assert_eq!(
        errors(src),
        vec![
            "1:18: value 200 out of range for moveq (-128..127)",
            "2:9: unknown mnemonic `bogus`",
            "3:17: value 300 out of range for dc.b (-128..255)",
            "5:1: duplicate symbol `dup` (first defined at t.s:4)",
            "6:17: undefined symbol `nowhere`",
            "7:9: external references are not supported (single-image assembler)",
        ]
    );
}

#[test]
fn rendering() {
    let d = diags("start:\tmoveq   #200,d0\n");
    assert_eq!(
        d.to_string(),
        "t.s:1:17: error: value 200 out of range for moveq (-128..127)\n\
         start:\tmoveq   #200,d0\n      \t         ^\n\
         1 error"
    );
    let e: &dyn std::error::Error = &d;
    assert!(e.to_string().contains("error:"));
}

#[test]
fn errors_inside_macros_name_the_invocation() {
    let d = diags("m macro\n dc.b \\1\n endm\n m 1\n m 999\n");
    assert_eq!(
        d.short(),
        vec!["2:7: value 999 out of range for dc.b (-128..255)"]
    );
    assert_eq!(d.errors[0].source_line, " dc.b 999");
    assert_eq!(d.errors[0].notes, vec!["in macro `m` used at t.s:5"]);
    assert!(d.to_string().contains("note: in macro `m` used at t.s:5"));
}

#[test]
fn errors_repeated_by_rept_are_reported_once() {
    assert_eq!(errors(" rept 5\n bogus\n endr\n").len(), 1);
}

#[test]
fn layout_that_never_settles() {
    let d = diags("a: ds.b ((b-a)<100)*200\nb:\n");
    assert_eq!(
        d.errors.last().map(|e| e.message.as_str()),
        Some("instruction sizes did not settle after 12 passes")
    );
}
