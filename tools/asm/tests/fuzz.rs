//! Property tests: random text, random statement soup and mutated real programs never panic
//! the assembler, and always end in either an image or errors that are all located.
use proptest::prelude::*;
use qasm::{Options, assemble_str};

/// A program that uses most of the statement layer, to mutate.
const SEED: &str = "\
* seed program
CONSOLE equ $FFFF0000
count   set 3
        xdef start
pair    macro
        dc.\\0 \\1,\\2
        endm
        section text
        org $1000
start:  lea msg(pc),a0
.loop:  move.b (a0)+,d0
        beq.s .done
        move.l d0,CONSOLE
        bra.s .loop
.done:  moveq #count,d1
1$:     dbra d1,1$
        rts
        template tp
        move.l #@val,d0
        bra @next
        endt
        if count>2
        pair.w 1,2
        else
        pair.b 3,4
        endif
        rept 2
        nop
        endr
        section data
msg:    dc.b 'hi',10,0
        even
table:  templates
        section bss
buf:    ds.l 4
        end
";

fn check(src: &str) {
    match assemble_str("fuzz.s", src, &Options::default()) {
        Ok(out) => {
            assert!(out.elf.starts_with(b"\x7fELF"), "an image is an ELF file");
        }
        Err(d) => {
            assert!(!d.errors.is_empty(), "an error result holds errors");
            for e in &d.errors {
                let whole_file = e.message.contains("did not settle")
                    || e.message.contains("errors; stopping")
                    || e.message.contains("overlaps");
                assert!(
                    whole_file || (e.line >= 1 && e.col >= 1),
                    "unlocated error: {e:?}"
                );
                let _ = e.to_string();
            }
        }
    }
}

const WORDS: &[&str] = &[
    "move",
    "move.l",
    "moveq",
    "lea",
    "bra",
    "bra.s",
    "beq",
    "dbra",
    "rts",
    "nop",
    "add.w",
    "jsr",
    "dc.b",
    "dc.w",
    "dc.l",
    "dcb.b",
    "ds.w",
    "even",
    "align",
    "org",
    "section",
    "text",
    "data",
    "bss",
    "equ",
    "set",
    "=",
    "macro",
    "endm",
    "mexit",
    "rept",
    "endr",
    "if",
    "else",
    "endif",
    "ifd",
    "ifnd",
    "template",
    "endt",
    "templates",
    "fail",
    "end",
    "xdef",
    "include",
    "incbin",
    "narg",
    "rs.l",
    "rsreset",
    "rsset",
    "dc.s",
    "dc.x",
    "ds.d",
];
const OPERANDS: &[&str] = &[
    "d0",
    "a0",
    "(a0)+",
    "-(a7)",
    "#1",
    "#@h",
    "@h",
    "1",
    "$FF",
    "%101",
    "@17",
    "'ab'",
    "*",
    "x",
    ".l",
    "1$",
    "\\1",
    "\\0",
    "\\@",
    "(",
    ")",
    ",",
    "+",
    "-",
    "*",
    "/",
    "%",
    "<<",
    "!",
    "~",
    "\"s\"",
    "8(a0)",
    "(8,a0,d0.w*4)",
    "1.5",
    "-2e3",
    "([4,a0],d1,8)",
    "x+1",
    "0",
    "-1",
    "$7FFFFFFF",
];

fn soup_line() -> impl Strategy<Value = String> {
    (
        prop::option::of(prop::sample::select(vec!["x", ".l", "1$", "y:", "x:", "t"])),
        prop::sample::select(WORDS),
        prop::collection::vec(prop::sample::select(OPERANDS), 0..5),
    )
        .prop_map(|(label, op, ops)| format!("{} {op} {}", label.unwrap_or(""), ops.concat()))
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, String),
    DupLine(usize),
    SwapLines(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1usize..20).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<usize>(), "[ -~\t\n]{1,8}").prop_map(|(a, s)| Mutation::Insert(a, s)),
        any::<usize>().prop_map(Mutation::DupLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

fn apply(src: &str, muts: &[Mutation]) -> String {
    let mut s: Vec<char> = src.chars().collect();
    for m in muts {
        match m {
            Mutation::Delete(a, n) => {
                if !s.is_empty() {
                    let a = a % s.len();
                    let b = (a + n).min(s.len());
                    s.drain(a..b);
                }
            }
            Mutation::Insert(a, t) => {
                let a = a % (s.len() + 1);
                for (k, c) in t.chars().enumerate() {
                    s.insert(a + k, c);
                }
            }
            Mutation::DupLine(a) | Mutation::SwapLines(a, _) => {
                let text: String = s.iter().collect();
                let mut lines: Vec<&str> = text.lines().collect();
                if lines.is_empty() {
                    continue;
                }
                let i = a % lines.len();
                if let Mutation::SwapLines(_, b) = m {
                    let j = b % lines.len();
                    lines.swap(i, j);
                } else {
                    lines.insert(i, lines[i]);
                }
                s = lines.join("\n").chars().collect();
            }
        }
    }
    s.into_iter().collect()
}

proptest! {
    // 300 cases each by default; PROPTEST_CASES=N for a longer hunt.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_text(src in "[ -~\t\n]{0,300}") {
        check(&src);
    }

    #[test]
    fn random_assembly_alphabet(src in "[ \t\na-z0-9.,:;*$%@'\"()+/<>&|^~!#=\\\\-]{0,300}") {
        check(&src);
    }

    #[test]
    fn statement_soup(lines in prop::collection::vec(soup_line(), 0..40)) {
        check(&lines.join("\n"));
    }

    #[test]
    fn mutated_program(muts in prop::collection::vec(mutation(), 1..6)) {
        check(&apply(SEED, &muts));
    }
}

#[test]
fn the_seed_program_assembles() {
    if let Err(d) = assemble_str("seed.s", SEED, &Options::default()) {
        panic!("{d}");
    }
}

#[test]
fn nasty_inputs() {
    for src in [
        "",
        "\n\n\n",
        "\u{0}\u{7f}\u{feff}",
        "é: dc.b 'é'",
        "m macro\n m\n m\n endm\n m\n",
        " rept 100000\n rept 100000\n endr\n endr\n",
        " org $FFFFFFFF\n dc.l 1,2\n",
        " dc.l -2147483648/-1\n",
        " dc.l 1<<64, 1>>-1, -1>>99\n",
        " dcb.l $7FFFFFFF,1\n",
        " dcb.l $7FFFFFFFFFFFFFFF,1\n ds.l $7FFFFFFFFFFFFFFF\n ds.b -1\n",
        " org $FFFFFFFE\n template t\n move.l #@x,d0\n endt\n templates\n",
        " org $FFFFFFFF\n rs.l $7FFFFFFFFFFFFFFF\nx rs.l $7FFFFFFFFFFFFFFF\n dc.l x\n",
        " dc.l $FFFFFFFFFFFFFFFF, -$8000000000000000, 99999999999999999999\n",
        " dc.x 1e99999, -1e-99999, 1.5e4932\n dc.s 1e39\n dc.p 1e1000\n",
        " align $80000000\n",
        " template a\n template b\n endt\n endt\n",
        " dc.b '''\n",
        "x equ x\n",
        "a equ b\nb equ a\n dc.b a\n",
        " if\n endif\n",
        " include\n incbin\n",
        " section\n",
        "\\@\\1\\0",
        "  bra *\n",
    ] {
        let t = std::time::Instant::now();
        check(src);
        let took = t.elapsed();
        assert!(took.as_secs() < 20, "{src:?} took {took:?}");
    }
}
