//! Automatic clustering (`quamachine cluster`): rewrite a 68k assembly program so that the
//! hot call sequences of its trace become multi-calls (`K_MULTI`, docs/multicall.md).
//!
//! What it does, after the paper's compiler transformations:
//! - a hot loop cluster of two calls whose loop is `L: setupA; callA; test; setupB;
//!   callB; bra L` is rotated (unrolled once: the first `setupA; callA` peeled before the
//!   loop) so that callB and the next callA are adjacent, and the pair becomes one
//!   `K_MULTI`;
//! - a hot pair of call sites adjacent in straight-line code (`setupA; callA; setupB;
//!   callB`) becomes one `K_MULTI`.
//!
//! A call site is `moveq #SEL,d2` (or `move.l`) directly followed by `trap #15`; its
//! arguments are the registers the ABI gives the call (d0, d1, a0), stored into the list
//! entry where the call would have trapped. The rewrite moves the second call's set-up
//! code above the first call, so it is refused, with the reason, unless that code reads
//! no register the first call may change (d0-d2/a0-a2) before writing it, touches no
//! memory, and contains no label or branch; code between the second call and the loop
//! branch, or a loop test that reads more than d0, is refused too. A call that fails
//! inside the multi-call is handled as the original did: if the first call fails, the
//! second is trapped to on its own with the arguments stored in the list.
//!
//! Only reads text: it never assembles or runs anything.
use crate::{Abi, ClusterOptions, Graph, Role, clusters};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Symbol values (`NAME equ VALUE`), from the program and from include files.
#[derive(Debug, Clone, Default)]
pub struct Equates(pub HashMap<String, i64>);

impl Equates {
    /// Add every `NAME equ VALUE` (also `set`, `=`) of `text` whose value is a number or
    /// a symbol already known.
    pub fn add_text(&mut self, text: &str) {
        for l in text.lines() {
            let line = parse_line(l);
            let (Some(name), Some(op)) = (&line.label, &line.op) else {
                continue;
            };
            if matches!(op.as_str(), "equ" | "set" | "=")
                && let Some(v) = self.eval(&line.args)
            {
                self.0.insert(name.clone(), v);
            }
        }
    }

    /// A number (`12`, `$1F`, `-3`), a known symbol, or `A<<B`, `A+B`, `A|B` of those.
    pub fn eval(&self, e: &str) -> Option<i64> {
        let e = e.trim();
        for (op, f) in [
            ("|", (|a, b| a | b) as fn(i64, i64) -> i64),
            ("+", |a, b| a + b),
            ("<<", |a, b| a << b),
        ] {
            if let Some((a, b)) = e.rsplit_once(op)
                && !a.trim().is_empty()
            {
                return Some(f(self.eval(a)?, self.eval(b)?));
            }
        }
        if let Some(h) = e.strip_prefix('$') {
            return i64::from_str_radix(h, 16).ok();
        }
        if let Some(n) = e.strip_prefix('-') {
            return self.eval(n).map(|v| -v);
        }
        e.parse()
            .ok()
            .or_else(|| self.0.get(e).copied())
            .or_else(|| self.0.get(&e.to_ascii_uppercase()).copied())
    }
}

/// One source line, split.
#[derive(Debug, Clone, Default)]
struct Line {
    label: Option<String>,
    op: Option<String>,
    args: String,
}

fn parse_line(text: &str) -> Line {
    if text.starts_with('*') {
        return Line::default();
    }
    // Strip a `;` comment (outside quotes).
    let mut code = String::new();
    let mut quote = None;
    for ch in text.chars() {
        match (quote, ch) {
            (None, ';') => break,
            (None, '\'' | '"') => quote = Some(ch),
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
        code.push(ch);
    }
    let mut rest = code.as_str();
    let mut label = None;
    if !rest.starts_with([' ', '\t']) && !rest.is_empty() {
        let end = rest.find([' ', '\t']).unwrap_or(rest.len());
        label = Some(rest[..end].trim_end_matches(':').to_string());
        rest = &rest[end..];
    } else if let Some(tok) = rest.split_whitespace().next()
        && tok.ends_with(':')
    {
        label = Some(tok.trim_end_matches(':').to_string());
        let at = rest.find(tok).unwrap_or(0) + tok.len();
        rest = &rest[at..];
    }
    let rest = rest.trim();
    let (op, args) = match rest.find([' ', '\t']) {
        Some(i) => (&rest[..i], rest[i..].trim()),
        None => (rest, ""),
    };
    Line {
        label,
        op: (!op.is_empty()).then(|| op.to_ascii_lowercase()),
        args: args.to_string(),
    }
}

/// Operands split at top-level commas.
fn operands(args: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    for ch in args.chars() {
        match ch {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(cur.trim().to_string());
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(ch);
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// Registers named in an operand (`d0`..`d7`, `a0`..`a7`, `sp` = `a7`).
fn regs_in(op: &str) -> BTreeSet<String> {
    op.split(|c: char| !c.is_ascii_alphanumeric())
        .map(|t| t.to_ascii_lowercase())
        .map(|t| if t == "sp" { "a7".to_string() } else { t })
        .filter(|t| {
            t.len() == 2
                && (t.starts_with('d') || t.starts_with('a'))
                && t.as_bytes()[1].is_ascii_digit()
                && t.as_bytes()[1] < b'8'
        })
        .collect()
}

#[derive(Debug, PartialEq)]
enum Kind {
    Imm,
    Reg(String),
    Mem,
}

fn kind(op: &str) -> Kind {
    if op.starts_with('#') {
        return Kind::Imm;
    }
    let r = regs_in(op);
    let lower = op.to_ascii_lowercase();
    if r.len() == 1 && r.contains(&lower.replace("sp", "a7")) {
        return Kind::Reg(r.into_iter().next().unwrap_or_default());
    }
    Kind::Mem
}

/// What one instruction reads and writes.
#[derive(Debug, Default)]
struct Effect {
    reads: BTreeSet<String>,
    writes: BTreeSet<String>,
    memory: bool,
    branch: bool,
}

fn effect(l: &Line) -> Result<Effect, String> {
    let op = l.op.as_deref().unwrap_or("");
    let base = op.split('.').next().unwrap_or("");
    let ops = operands(&l.args);
    let mut e = Effect::default();
    let read = |e: &mut Effect, o: &str| {
        match kind(o) {
            Kind::Imm => {}
            Kind::Reg(r) => {
                e.reads.insert(r);
            }
            Kind::Mem => {
                e.memory = true;
                e.reads.extend(regs_in(o));
            }
        };
    };
    let write = |e: &mut Effect, o: &str| match kind(o) {
        Kind::Reg(r) => {
            e.writes.insert(r);
        }
        _ => {
            e.memory = true;
            e.reads.extend(regs_in(o));
        }
    };
    match (base, ops.len()) {
        ("move" | "movea" | "moveq", 2) => {
            read(&mut e, &ops[0]);
            write(&mut e, &ops[1]);
        }
        ("lea", 2) => {
            e.reads.extend(regs_in(&ops[0]));
            write(&mut e, &ops[1]);
        }
        ("tst", 1) => read(&mut e, &ops[0]),
        ("cmp" | "cmpa" | "cmpi", 2) => {
            read(&mut e, &ops[0]);
            read(&mut e, &ops[1]);
        }
        (
            "add" | "addq" | "addi" | "adda" | "sub" | "subq" | "subi" | "suba" | "and" | "andi"
            | "or" | "ori" | "eor" | "eori" | "lsl" | "lsr" | "asl" | "asr",
            2,
        ) => {
            read(&mut e, &ops[0]);
            read(&mut e, &ops[1]);
            write(&mut e, &ops[1]);
        }
        ("clr", 1) => write(&mut e, &ops[0]),
        ("neg" | "not" | "ext" | "swap", 1) => {
            read(&mut e, &ops[0]);
            write(&mut e, &ops[0]);
        }
        (b, _) if b.starts_with('b') || b.starts_with("db") || b == "jmp" || b == "jsr" => {
            e.branch = true;
        }
        _ => return Err(format!("cannot analyse `{op} {}`", l.args)),
    }
    Ok(e)
}

const VOLATILE: [&str; 6] = ["d0", "d1", "d2", "a0", "a1", "a2"];

/// Check that `lines` may move above a kernel call: no label, branch or memory access,
/// and no read of a register the call may change before the code writes it itself.
fn movable(src: &[Line], idx: &[usize], what: &str) -> Result<(), String> {
    let mut defined: BTreeSet<String> = BTreeSet::new();
    for &i in idx {
        let l = &src[i];
        if let Some(lab) = &l.label {
            return Err(format!(
                "label `{lab}` (line {}) in {what}: another path may jump there",
                i + 1
            ));
        }
        if l.op.is_none() {
            continue;
        }
        let e = effect(l).map_err(|m| format!("{m} (line {}) in {what}", i + 1))?;
        if e.branch {
            return Err(format!("a branch (line {}) in {what}", i + 1));
        }
        if e.memory {
            return Err(format!(
                "line {} (`{} {}`), in {what}, touches memory, which the call before it may change or read",
                i + 1,
                l.op.as_deref().unwrap_or(""),
                l.args
            ));
        }
        for r in &e.reads {
            if VOLATILE.contains(&r.as_str()) && !defined.contains(r) {
                return Err(format!(
                    "line {} (`{} {}`), in {what}, reads {r}, which the call before it changes",
                    i + 1,
                    l.op.as_deref().unwrap_or(""),
                    l.args
                ));
            }
        }
        defined.extend(e.writes);
    }
    Ok(())
}

/// A `trap #15` call site whose selector a `moveq #SEL,d2` above it sets.
#[derive(Debug, Clone, Copy)]
struct Site {
    /// Line of the `moveq`.
    #[allow(dead_code)]
    at: usize,
    /// Line of the `trap`.
    trap: usize,
    sel: u32,
}

fn sites(src: &[Line], eq: &Equates) -> Vec<Site> {
    let mut out = Vec::new();
    for (j, t) in src.iter().enumerate() {
        if t.op.as_deref() != Some("trap") || t.args.trim() != "#15" {
            continue;
        }
        // The last write of d2 in the same straight-line code: `moveq #SEL,d2`.
        let mut i = j;
        let mut found = None;
        while i > 0 {
            i -= 1;
            let l = &src[i];
            if l.op.is_none() {
                if l.label.is_some() {
                    break;
                }
                continue;
            }
            let ops = operands(&l.args);
            let op = l.op.as_deref().unwrap_or("");
            if ops.len() == 2 && ops[1].eq_ignore_ascii_case("d2") {
                if op == "moveq" || op.starts_with("move.") {
                    found = ops[0]
                        .strip_prefix('#')
                        .and_then(|e| eq.eval(e))
                        .map(|v| (i, v));
                }
                break;
            }
            if l.label.is_some() || effect(l).map(|e| e.branch).unwrap_or(true) {
                break;
            }
        }
        if let Some((at, v)) = found.filter(|&(_, v)| v >= 0) {
            out.push(Site {
                at,
                trap: j,
                sel: v as u32,
            });
        }
    }
    out
}

/// The rewrite: the new text and what was done.
#[derive(Debug, Clone)]
pub struct Rewrite {
    /// The program with the multi-calls.
    pub text: String,
    /// One line per rewrite made.
    pub done: Vec<String>,
    /// One line per hot cluster left alone, with the reason.
    pub refused: Vec<String>,
}

/// The argument registers of a call, as list offsets: d0 +4, d1 +8, a0 +12.
fn arg_slots(abi: &Abi, sel: u32) -> Result<Vec<(&'static str, u32)>, String> {
    let spec = abi
        .0
        .get(&sel)
        .ok_or_else(|| format!("selector {sel} is not in the ABI"))?;
    let mut v = Vec::new();
    for &(reg, _role) in &spec.args {
        let _: Role = _role;
        v.push(match reg {
            0 => ("d0", 4),
            1 => ("d1", 8),
            2 => ("a0", 12),
            _ => {
                return Err(format!(
                    "{} takes an argument in a1, which a multi-call list cannot carry",
                    spec.name
                ));
            }
        });
    }
    Ok(v)
}

fn is_cond_branch(l: &Line) -> bool {
    let op = l.op.as_deref().unwrap_or("");
    matches!(
        op.split('.').next().unwrap_or(""),
        "beq"
            | "bne"
            | "bgt"
            | "bge"
            | "blt"
            | "ble"
            | "bhi"
            | "bls"
            | "bcc"
            | "bcs"
            | "bpl"
            | "bmi"
            | "bhs"
            | "blo"
            | "bvc"
            | "bvs"
    )
}

fn is_bra_to(l: &Line, target: &str) -> bool {
    let op = l.op.as_deref().unwrap_or("");
    (op == "bra" || op.starts_with("bra.") || op == "jmp") && l.args.trim() == target
}

/// Rewrite `program` for the hot clusters of `graph`.
pub fn cluster(
    program: &str,
    eq: &Equates,
    abi: &Abi,
    graph: &Graph,
    opt: ClusterOptions,
    looped: bool,
    synthesize: bool,
) -> Rewrite {
    let raw: Vec<&str> = program.lines().collect();
    let src: Vec<Line> = raw.iter().map(|l| parse_line(l)).collect();
    let all = sites(&src, eq);
    let kmulti = if eq.0.contains_key("K_MULTI") {
        "K_MULTI".to_string()
    } else {
        "30".to_string()
    };
    let synth_abi = SynthAbi::from(eq);
    let mut done = Vec::new();
    let mut refused = Vec::new();
    // Replacements: (first line, last line inclusive, new lines).
    let mut repl: Vec<(usize, usize, Vec<String>)> = Vec::new();
    let mut lists: Vec<String> = Vec::new();
    for c in clusters(graph, opt) {
        if c.calls.len() < 2 {
            continue;
        }
        let sels: Vec<Option<u32>> = c
            .calls
            .iter()
            .map(|lab| graph.find(lab).and_then(|i| graph.nodes[i].selector))
            .collect();
        let name = c.calls.join(" -> ");
        if c.calls.len() != 2 || sels.iter().any(|s| s.is_none()) {
            refused.push(format!(
                "{name}: only clusters of two TRAP #15 calls are rewritten"
            ));
            continue;
        }
        let (s0, s1) = (sels[0].unwrap_or(0), sels[1].unwrap_or(0));
        let n = lists.len();
        let mut as_mloop = Err(String::new());
        if looped && c.looped {
            as_mloop = mloop(&src, &raw, &all, s0, s1, eq, abi, n);
            if let Err(e) = &as_mloop {
                refused.push(format!("{name}: not as a looped multi-call: {e}"));
            }
        }
        let res = if as_mloop.is_ok() {
            as_mloop
        } else if c.looped {
            let mut how = Rotation {
                kmulti: &kmulti,
                synthesize: synthesize.then_some(&synth_abi),
            };
            let synthesized = rotate(&src, &raw, &all, s0, s1, how, abi, n);
            if synthesize && let Err(e) = &synthesized {
                // The interpreted list instead, and say why.
                refused.push(format!("{name}: not as a synthesized multi-call: {e}"));
                how.synthesize = None;
                rotate(&src, &raw, &all, s0, s1, how, abi, n)
            } else {
                synthesized
            }
        } else {
            Err("not a loop".to_string())
        }
        .or_else(|loop_err| {
            adjacent(&src, &raw, &all, s0, s1, &kmulti, abi, n).map_err(|adj_err| {
                if c.looped {
                    format!("{loop_err}; as adjacent calls: {adj_err}")
                } else {
                    adj_err
                }
            })
        });
        match res {
            Ok((first, last, lines, list, what)) => {
                if repl.iter().any(|&(a, b, _)| first <= b && a <= last) {
                    refused.push(format!("{name}: overlaps a rewrite already made"));
                    continue;
                }
                repl.push((first, last, lines));
                lists.push(list);
                done.push(format!("{name} ({} times): {what}", c.count));
            }
            Err(e) => refused.push(format!("{name}: {e}")),
        }
    }
    repl.sort_by_key(|r| r.0);
    let mut out = Vec::new();
    let mut i = 0;
    for (first, last, lines) in repl {
        out.extend(raw[i..first].iter().map(|s| s.to_string()));
        out.extend(lines);
        i = last + 1;
    }
    out.extend(raw[i..].iter().map(|s| s.to_string()));
    if !lists.is_empty() {
        // The code grew: a branch the programmer made short may no longer reach. Let the
        // assembler size every branch (`bra.s` -> `bra`).
        for l in &mut out {
            *l = unshort(l);
        }
        out.push(String::new());
        out.push("* cassyopia cluster: the multi-call lists (docs/multicall.md)".into());
        out.push("                even".into());
        out.extend(lists);
    }
    let mut text = out.join("\n");
    text.push('\n');
    Rewrite {
        text,
        done,
        refused,
    }
}

/// `bcc.s` -> `bcc` (same column layout).
fn unshort(line: &str) -> String {
    let p = parse_line(line);
    let Some(op) = p.op.as_deref() else {
        return line.to_string();
    };
    let is_branch = op.starts_with('b')
        && op.ends_with(".s")
        && !matches!(op, "bchg.s" | "bclr.s" | "bset.s" | "btst.s");
    if !is_branch {
        return line.to_string();
    }
    let plain = &op[..op.len() - 2];
    match line.find(op).or_else(|| line.to_ascii_lowercase().find(op)) {
        Some(at) => format!("{}{plain}  {}", &line[..at], &line[at + op.len()..]),
        None => line.to_string(),
    }
}

type Made = (usize, usize, Vec<String>, String, String);

fn stores(abi: &Abi, sel: u32, list: &str, entry: u32) -> Result<Vec<String>, String> {
    Ok(arg_slots(abi, sel)?
        .into_iter()
        .map(|(r, off)| {
            format!(
                "                move.l  {r},{list}+{}           ; cluster: argument of entry {entry}",
                entry * 20 + off
            )
        })
        .collect())
}

fn list_text(list: &str, a: u32, b: u32) -> String {
    format!("{list}:  dc.l    {a}<<16,0,0,0,0\n                dc.l    {b}<<16,0,0,0,0")
}

/// The multi-call of entries (first, second) and the fix-up that leaves d0 as the second
/// call alone would have: its result, or (the first failed) the second trapped to alone.
fn multicall(
    list: &str,
    kmulti: &str,
    second: u32,
    abi: &Abi,
    after: &str,
    n: usize,
) -> Result<Vec<String>, String> {
    let mut v = vec![
        format!("                lea     {list},a0             ; cluster: one crossing"),
        "                moveq   #2,d0".into(),
        format!("                moveq   #{kmulti},d2"),
        "                trap    #15".into(),
        "                tst.l   d0".into(),
        format!("                bpl.s   .cz_ok{n}"),
        "                tst.l   d1                      ; the failing entry".into(),
        format!("                bne     {after}               ; the second: d0 = its error"),
    ];
    for (r, off) in arg_slots(abi, second)? {
        v.push(format!(
            "                move.l  {list}+{},{r}        ; the first failed: the second alone",
            20 + off
        ));
    }
    v.push(format!("                moveq   #{second},d2"));
    v.push("                trap    #15".into());
    v.push(format!("                bra     {after}"));
    v.push(format!(
        ".cz_ok{n}:        move.l  d1,d0                   ; the second's result"
    ));
    Ok(v)
}

/// What a register holds at the end of a call's set-up, as far as the loop rewrite can
/// tell.
#[derive(Debug, Clone, PartialEq)]
enum Val {
    /// Its value when the set-up began (a register the loop does not change, or a
    /// volatile one: refused).
    Entry(String),
    /// An assembler expression (`#N` -> `N`, `lea buf` -> `buf`).
    Const(String),
    /// The first call's result (d0 at the start of the second call's set-up).
    Result,
}

/// Evaluate a set-up symbolically: the values of d0, d1, a0 at its end.
fn evaluate(
    src: &[Line],
    idx: &[usize],
    d0_is_result: bool,
    what: &str,
) -> Result<BTreeMap<String, Val>, String> {
    let mut regs: BTreeMap<String, Val> = BTreeMap::new();
    let get = |regs: &BTreeMap<String, Val>, r: &str| -> Val {
        regs.get(r).cloned().unwrap_or_else(|| {
            if r == "d0" && d0_is_result {
                Val::Result
            } else {
                Val::Entry(r.to_string())
            }
        })
    };
    for &i in idx {
        let l = &src[i];
        if let Some(lab) = &l.label {
            return Err(format!("label `{lab}` (line {}) in {what}", i + 1));
        }
        let Some(op) = l.op.as_deref() else { continue };
        let ops = operands(&l.args);
        let base = op.split('.').next().unwrap_or("");
        let long = !op.contains('.') || op.ends_with(".l");
        let bad = || {
            format!(
                "line {} (`{op} {}`) in {what}: only moves of registers, immediates and addresses can leave the loop",
                i + 1,
                l.args
            )
        };
        if ops.len() != 2 || !(long || base == "moveq") {
            return Err(bad());
        }
        let Kind::Reg(dst) = kind(&ops[1]) else {
            return Err(bad());
        };
        let v = match (base, kind(&ops[0])) {
            ("move" | "movea" | "moveq", Kind::Imm) => Val::Const(ops[0][1..].to_string()),
            ("move" | "movea", Kind::Reg(r)) => get(&regs, &r),
            ("lea", Kind::Mem) if regs_in(&ops[0]).is_empty() => Val::Const(ops[0].clone()),
            _ => return Err(bad()),
        };
        if !VOLATILE.contains(&dst.as_str()) {
            return Err(format!(
                "line {} (`{op} {}`) in {what} changes {dst}, which the loop would no longer do",
                i + 1,
                l.args
            ));
        }
        regs.insert(dst, v);
    }
    Ok(["d0", "d1", "a0"]
        .iter()
        .map(|r| (r.to_string(), get(&regs, r)))
        .collect())
}

/// A loop `L: setupA; callA; tst.l d0; ble X; setupB; callB; bra L` made one looped
/// multi-call: A with MC_WHILE, B's arguments constants, loop-invariant registers, or A's
/// result by reference.
#[allow(clippy::too_many_arguments)]
fn mloop(
    src: &[Line],
    raw: &[&str],
    all: &[Site],
    s0: u32,
    s1: u32,
    eq: &Equates,
    abi: &Abi,
    n: usize,
) -> Result<Made, String> {
    let mut first_err = None;
    for &(sa, sb) in &[(s0, s1), (s1, s0)] {
        for a in all.iter().filter(|s| s.sel == sa) {
            for b in all.iter().filter(|s| s.sel == sb && s.trap > a.trap) {
                match try_mloop(src, raw, all, *a, *b, eq, abi, n) {
                    Ok(m) => return Ok(m),
                    Err(e) => {
                        first_err.get_or_insert(e);
                    }
                }
            }
        }
    }
    Err(first_err.unwrap_or_else(|| "no loop holds both call sites".into()))
}

/// The loop around call sites `a` and `b` that a rewrite may take over: its head (the
/// nearest label at or above A's set-up), that label, and the line of the `bra` that
/// closes it. Refuses, with the line and the reason, a loop with code between the second
/// call and its branch (it would have to move into the multi-call), a label other code
/// also jumps to, or other kernel calls inside.
fn closed_loop(
    src: &[Line],
    raw: &[&str],
    all: &[Site],
    a: Site,
    b: Site,
) -> Result<(usize, String, usize), String> {
    let head = (0..=a.trap)
        .rev()
        .find(|&i| src[i].label.is_some())
        .ok_or("no loop label above the first call")?;
    let label = src[head].label.clone().unwrap_or_default();
    let back = (b.trap + 1..src.len())
        .find(|&i| src[i].op.is_some() || src[i].label.is_some())
        .ok_or("nothing after the second call")?;
    // Code between the second call and the back branch would have to move into the list.
    let tail_end = (back..src.len())
        .find(|&i| is_bra_to(&src[i], &label))
        .ok_or_else(|| format!("no `bra {label}` closes a loop around both calls"))?;
    if let Some(i) = (b.trap + 1..tail_end).find(|&i| src[i].op.is_some() || src[i].label.is_some())
    {
        return Err(format!(
            "the loop `{label}`: line {} (`{}`) comes between the second call and the loop branch and would have to move into the multi-call",
            i + 1,
            raw[i].trim()
        ));
    }
    let refs = src
        .iter()
        .enumerate()
        .filter(|&(i, l)| i != tail_end && operands(&l.args).iter().any(|o| o == &label))
        .count();
    if refs > 0 {
        return Err(format!(
            "the loop label `{label}` is also the target of code outside the loop branch"
        ));
    }
    if all
        .iter()
        .any(|s| s.trap > head && s.trap < tail_end && s.trap != a.trap && s.trap != b.trap)
    {
        return Err(format!("the loop `{label}` holds other kernel calls"));
    }
    Ok((head, label, tail_end))
}

#[allow(clippy::too_many_arguments)]
fn try_mloop(
    src: &[Line],
    raw: &[&str],
    all: &[Site],
    a: Site,
    b: Site,
    eq: &Equates,
    abi: &Abi,
    n: usize,
) -> Result<Made, String> {
    let (head, label, tail_end) = closed_loop(src, raw, all, a, b)?;
    // The test: exactly `tst.l d0` then `ble EXIT`, right after the first call.
    let code: Vec<usize> = (a.trap + 1..b.trap)
        .filter(|&i| src[i].op.is_some() || src[i].label.is_some())
        .collect();
    let ok_test = code.len() >= 2
        && src[code[0]].op.as_deref() == Some("tst.l")
        && src[code[0]].args.trim() == "d0"
        && src[code[0]].label.is_none()
        && src[code[1]].label.is_none()
        && src[code[1]]
            .op
            .as_deref()
            .is_some_and(|o| o == "ble" || o.starts_with("ble."));
    if !ok_test {
        return Err(format!(
            "the loop `{label}` does not test the first call's result as `tst.l d0; ble EXIT` (the looped multi-call's condition)"
        ));
    }
    let exit = src[code[1]].args.trim().to_string();
    let setup_a: Vec<usize> = (head..a.trap)
        .filter(|&i| i != head || src[i].op.is_some())
        .collect();
    let mut head_src: Vec<Line> = src.to_vec();
    head_src[head].label = None;
    let va = evaluate(&head_src, &setup_a, false, "the first call's set-up")?;
    let vb = evaluate(src, &code[2..], true, "the second call's set-up")?;
    let list = format!("cz_loop{n}");
    let mut pre = Vec::new();
    let mut entry = |sel: u32,
                     vals: &BTreeMap<String, Val>,
                     e: u32,
                     flag: &str|
     -> Result<String, String> {
        let mut fields = ["0".to_string(), "0".to_string(), "0".to_string()];
        let mut refs = 0u32;
        for (reg, off) in arg_slots(abi, sel)? {
            let slot = ((off - 4) / 4) as usize;
            match vals.get(reg) {
                Some(Val::Const(c)) => fields[slot] = c.clone(),
                Some(Val::Entry(r)) if !VOLATILE.contains(&r.as_str()) => pre.push(format!(
                    "                move.l  {r},{list}+{}           ; cluster: loop invariant",
                    e * 20 + off
                )),
                Some(Val::Result) => refs |= 1 << (5 * slot as u32),
                Some(Val::Entry(r)) => {
                    return Err(format!(
                        "{reg} of the call with selector {sel} comes from {r}, which the other call changes"
                    ));
                }
                None => {}
            }
        }
        Ok(format!(
            "                dc.l    {flag}({sel}<<16)+{refs},{},{},{},0",
            fields[0], fields[1], fields[2]
        ))
    };
    let ea = entry(a.sel, &va, 0, "$80000000+")?;
    let eb = entry(b.sel, &vb, 1, "")?;
    let kmloop = if eq.0.contains_key("K_MLOOP") {
        "K_MLOOP"
    } else {
        "31"
    };
    let mut out = vec![format!(
        "* cassyopia cluster: the loop `{label}` made one looped multi-call (the kernel runs it)"
    )];
    out.extend(pre);
    out.extend([
        format!("{label}:  lea     {list},a0"),
        "                moveq   #2,d0".into(),
        "                move.l  #65536,d1               ; passes at most (MC_MAXITER)".into(),
        format!("                moveq   #{kmloop},d2"),
        "                trap    #15".into(),
        "                tst.l   d0".into(),
        format!("                bpl.s   .czw{n}"),
        "                tst.l   d1                      ; the failing entry".into(),
        format!("                beq     {exit}                ; the first: d0 = its error, as the test would see"),
        format!("                bra     {label}               ; the second: ignored, as the loop did"),
        format!(".czw{n}:         cmpi.l  #65536,d0"),
        format!("                beq     {label}               ; the bound, not the condition: again"),
        "                move.l  d1,d0                   ; the first call's last result (<= 0)".into(),
        format!("                bra     {exit}"),
    ]);
    Ok((
        head,
        tail_end,
        out,
        format!("{list}:\n{ea}\n{eb}"),
        format!(
            "loop `{label}` (lines {}-{}) made one K_MLOOP: 2 crossings per pass -> 1 per 65536 passes",
            head + 1,
            tail_end + 1
        ),
    ))
}

/// How a rotated loop's pair becomes one crossing: `K_MULTI` (its selector's text) on a
/// list the loop fills at every pass, or (`synthesize`) the list synthesized once into a
/// kernel call of its own (`MC_SYNTH`), when every argument is a constant, one of d3-d7
/// that the loop does not change, or the first call's result.
#[derive(Clone, Copy)]
struct Rotation<'a> {
    kmulti: &'a str,
    /// Asked for the synthesized form: the kernel's constants for it, or why there are
    /// none.
    synthesize: Option<&'a Result<SynthAbi, String>>,
}

/// The kernel's constants of a synthesized multi-call (docs/multicall.md), from the
/// equates (the kernel's `quamachine.i` is built into `quamachine cluster`): `K_MULTI`'s
/// count + `MC_SYNTH` asks for one; a field's reference `MC_ARG` takes the caller's
/// register of the field's name, `MC_D3` + r - 3 the caller's d`r` (r = 3..7).
#[derive(Clone, Copy)]
pub struct SynthAbi {
    kmulti: i64,
    synth: i64,
    arg: u32,
    d3: u32,
}

impl SynthAbi {
    fn from(eq: &Equates) -> Result<Self, String> {
        let get = |n: &str| {
            eq.eval(n).ok_or_else(|| {
                format!("the equates do not define {n} (kernel-asm/kernel/quamachine.i does)")
            })
        };
        Ok(SynthAbi {
            kmulti: get("K_MULTI")?,
            synth: get("MC_SYNTH")?,
            arg: get("MC_ARG")? as u32,
            d3: get("MC_D3")? as u32,
        })
    }
}

/// The lines of a call's set-up `idx` as they can be emitted again elsewhere: the loop
/// head's own label (at `head`) dropped, its instruction kept.
fn setup_lines(src: &[Line], raw: &[&str], head: usize, idx: &[usize]) -> Vec<String> {
    idx.iter()
        .map(|&i| match (i == head, &src[i].label, &src[i].op) {
            (true, Some(_), Some(op)) => format!("                {op:<8}{}", src[i].args),
            (true, Some(_), None) => String::new(),
            _ => raw[i].to_string(),
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn rotate(
    src: &[Line],
    raw: &[&str],
    all: &[Site],
    s0: u32,
    s1: u32,
    how: Rotation,
    abi: &Abi,
    n: usize,
) -> Result<Made, String> {
    // Candidate site pairs (A first in the source, B after it), either order of the chain.
    let mut reasons = Vec::new();
    for &(sa, sb) in &[(s0, s1), (s1, s0)] {
        for a in all.iter().filter(|s| s.sel == sa) {
            for b in all.iter().filter(|s| s.sel == sb && s.trap > a.trap) {
                match try_rotate(src, raw, all, *a, *b, how, abi, n) {
                    Ok(m) => return Ok(m),
                    Err(e) => reasons.push(e),
                }
            }
        }
    }
    Err(reasons
        .into_iter()
        .next()
        .unwrap_or_else(|| "no loop holds both call sites".into()))
}

#[allow(clippy::too_many_arguments)]
fn try_rotate(
    src: &[Line],
    raw: &[&str],
    all: &[Site],
    a: Site,
    b: Site,
    how: Rotation,
    abi: &Abi,
    n: usize,
) -> Result<Made, String> {
    let (head, label, tail_end) = closed_loop(src, raw, all, a, b)?;
    // set-up A: after the label (its own line's instruction included) up to A's moveq.
    let setup_a: Vec<usize> = (head..a.trap)
        .filter(|&i| i != head || src[i].op.is_some())
        .collect();
    let mut head_src: Vec<Line> = src.to_vec();
    head_src[head].label = None;
    movable(
        &head_src,
        &setup_a,
        &format!("the set-up of the call at line {}", a.trap + 1),
    )?;
    // Between A and B: the loop test (ending at its last conditional branch), then B's set-up.
    let mid: Vec<usize> = (a.trap + 1..b.trap).collect();
    let last_cond = mid.iter().rposition(|&i| is_cond_branch(&src[i]));
    let (test, setup_b) = match last_cond {
        Some(p) => (mid[..=p].to_vec(), mid[p + 1..].to_vec()),
        None => (Vec::new(), mid.clone()),
    };
    for &i in &test {
        let l = &src[i];
        if let Some(lab) = &l.label {
            return Err(format!("label `{lab}` (line {}) inside the loop", i + 1));
        }
        if l.op.is_none() || is_cond_branch(l) {
            continue;
        }
        let e = effect(l).map_err(|m| format!("{m} (line {}) in the loop test", i + 1))?;
        if e.memory
            || !e.writes.is_empty()
            || e.reads
                .iter()
                .any(|r| VOLATILE.contains(&r.as_str()) && r != "d0")
        {
            return Err(format!(
                "the loop test (line {}: `{}`) does more than test the first call's result",
                i + 1,
                raw[i].trim()
            ));
        }
    }
    for &i in &setup_b {
        if let Some(lab) = &src[i].label {
            return Err(format!("label `{lab}` (line {}) inside the loop", i + 1));
        }
        if src[i].op.is_some() && effect(&src[i]).map(|e| e.branch).unwrap_or(false) {
            return Err(format!("a branch (line {}) before the second call", i + 1));
        }
    }
    if let Some(mc) = how.synthesize {
        let mc = mc.clone()?;
        return synthesized(
            src,
            raw,
            a,
            b,
            (head, &label, tail_end),
            &setup_a,
            &test,
            &setup_b,
            abi,
            mc,
            n,
        );
    }
    let kmulti = how.kmulti;
    let list = format!("cz_list{n}");
    let mut out = vec![format!(
        "* cassyopia cluster: the loop `{label}` rotated (its first call peeled), then the second call and the next first call made one multi-call"
    )];
    let code = |i: usize| raw[i].to_string();
    let setup_a_lines = setup_lines(src, raw, head, &setup_a);
    out.extend(setup_a_lines.iter().cloned());
    out.push(code(a.trap));
    out.push(format!("{label}:"));
    out.extend(test.iter().map(|&i| code(i)));
    out.extend(setup_b.iter().map(|&i| code(i)));
    out.extend(stores(abi, b.sel, &list, 0)?);
    out.extend(setup_a_lines);
    out.extend(stores(abi, a.sel, &list, 1)?);
    out.extend(multicall(&list, kmulti, a.sel, abi, &label, n)?);
    out.push(format!("                bra     {label}"));
    Ok((
        head,
        tail_end,
        out,
        list_text(&list, b.sel, a.sel),
        format!(
            "loop `{label}` (lines {}-{}) rotated, calls at lines {} and {} made one K_MULTI: 2 crossings per pass -> 1",
            head + 1,
            tail_end + 1,
            b.trap + 1,
            a.trap + 1
        ),
    ))
}

/// The rotated loop with its pair (B, then the next A) one trap to a list synthesized
/// once (`K_MULTI` with `MC_SYNTH`, the first time the code before the loop runs; the
/// slot is kept for the program's life, as the list is one of its constants). Each
/// argument must be a constant (an immediate in the kernel's code), one of d3-d7 the loop
/// does not change (`MC_D3` + r - 3), or, for B, A's result (passed in the field's own
/// register, `MC_ARG`). Should the kernel refuse the list (no free slot), the loop runs
/// the two calls apart, as before.
#[allow(clippy::too_many_arguments)]
fn synthesized(
    src: &[Line],
    raw: &[&str],
    a: Site,
    b: Site,
    (head, label, tail_end): (usize, &str, usize),
    setup_a: &[usize],
    test: &[usize],
    setup_b: &[usize],
    abi: &Abi,
    mc: SynthAbi,
    n: usize,
) -> Result<Made, String> {
    let mut head_src: Vec<Line> = src.to_vec();
    head_src[head].label = None;
    let va = evaluate(&head_src, setup_a, false, "the first call's set-up")?;
    let vb = evaluate(src, setup_b, true, "the second call's set-up")?;
    let mut arg_moves = Vec::new();
    let mut entry = |sel: u32, vals: &BTreeMap<String, Val>| -> Result<String, String> {
        let mut fields = ["0".to_string(), "0".to_string(), "0".to_string()];
        let mut refs = 0u32;
        for (reg, off) in arg_slots(abi, sel)? {
            let slot = (off - 4) / 4;
            let r = match vals.get(reg) {
                Some(Val::Const(c)) => {
                    fields[slot as usize] = c.clone();
                    0
                }
                Some(Val::Entry(d)) if matches!(d.as_str(), "d3" | "d4" | "d5" | "d6" | "d7") => {
                    mc.d3 + d[1..].parse::<u32>().unwrap_or(3) - 3
                }
                Some(Val::Result) => {
                    if reg != "d0" {
                        arg_moves.push(format!(
                            "                move.l  d0,{reg}                   ; cluster: the first call's result, in {reg} (MC_ARG)"
                        ));
                    }
                    mc.arg
                }
                Some(Val::Entry(d)) => {
                    return Err(format!(
                        "{reg} of the call with selector {sel} comes from {d}: a synthesized list takes only constants, d3-d7 and the other call's result"
                    ));
                }
                None => 0,
            };
            refs |= r << (5 * slot);
        }
        Ok(format!(
            "                dc.l    ({sel}<<16)+{refs},{},{},{},0",
            fields[0], fields[1], fields[2]
        ))
    };
    let eb = entry(b.sel, &vb)?;
    let ea = entry(a.sel, &va)?;
    let (list, slot) = (format!("cz_syn{n}"), format!("cz_slot{n}"));
    let code = |i: usize| raw[i].to_string();
    let mut a_alone = setup_lines(src, raw, head, setup_a);
    a_alone.push(code(a.trap));
    let mut out = vec![
        format!(
            "* cassyopia cluster: the loop `{label}` rotated (its first call peeled), then the second call and the next first call made one multi-call, synthesized once into a kernel call (K_MULTI with MC_SYNTH)"
        ),
        format!("                tst.l   {slot}"),
        format!("                bpl.s   .czh{n}"),
        format!(
            "                lea     {list},a0             ; cluster: the list made a kernel call, once"
        ),
        format!("                move.l  #{}+2,d0", mc.synth),
        format!(
            "                moveq   #{},d2                  ; K_MULTI",
            mc.kmulti
        ),
        "                trap    #15".into(),
        format!(
            "                move.l  d0,{slot}             ; its selector (< 0: refused, calls apart)"
        ),
        format!(".czh{n}:"),
    ];
    out.extend(a_alone.iter().cloned());
    out.push(format!("{label}:"));
    out.extend(test.iter().map(|&i| code(i)));
    out.push(format!("                move.l  {slot},d2"));
    out.push(format!("                bmi     .cza{n}"));
    out.extend(arg_moves);
    out.extend([
        "                trap    #15                     ; cluster: one crossing".to_string(),
        "                tst.l   d0".into(),
        format!("                bpl.s   .czk{n}"),
        "                tst.l   d1                      ; the failing entry".into(),
        format!("                bne     {label}               ; the second: d0 = its error"),
    ]);
    out.extend(a_alone.iter().cloned());
    out.push(format!(
        "                bra     {label}               ; the first failed: the second alone"
    ));
    out.push(format!(
        ".czk{n}:         move.l  d1,d0                   ; the second's result"
    ));
    out.push(format!("                bra     {label}"));
    out.push(format!(".cza{n}:"));
    out.extend(setup_b.iter().map(|&i| code(i)));
    out.push(code(b.trap));
    out.extend(a_alone);
    out.push(format!("                bra     {label}"));
    Ok((
        head,
        tail_end,
        out,
        format!("{slot}:  dc.l    -1\n{list}:\n{eb}\n{ea}"),
        format!(
            "loop `{label}` (lines {}-{}) rotated, calls at lines {} and {} made one multi-call synthesized into a kernel call: 2 crossings per pass -> 1",
            head + 1,
            tail_end + 1,
            b.trap + 1,
            a.trap + 1
        ),
    ))
}

#[allow(clippy::too_many_arguments)]
fn adjacent(
    src: &[Line],
    raw: &[&str],
    all: &[Site],
    s0: u32,
    s1: u32,
    kmulti: &str,
    abi: &Abi,
    n: usize,
) -> Result<Made, String> {
    let mut first_err = None;
    for a in all.iter().filter(|s| s.sel == s0) {
        let Some(b) = all.iter().find(|s| s.trap > a.trap).copied() else {
            continue;
        };
        if b.sel != s1 {
            continue;
        }
        // A's set-up: the straight-line code above it back to a label or branch.
        let mut start = a.trap;
        while start > 0 {
            let p = &src[start - 1];
            if p.label.is_some() || p.op.is_none() && raw[start - 1].trim().is_empty() {
                break;
            }
            if p.op.is_some() && effect(p).map(|e| e.branch).unwrap_or(true) {
                break;
            }
            if all.iter().any(|s| s.trap == start - 1) {
                break;
            }
            start -= 1;
        }
        let setup_b: Vec<usize> = (a.trap + 1..b.trap).collect();
        match movable(
            src,
            &setup_b,
            &format!("the set-up of the call at line {}", b.trap + 1),
        ) {
            Ok(()) => {}
            Err(e) => {
                first_err.get_or_insert(e);
                continue;
            }
        }
        let list = format!("cz_list{n}");
        let after = format!(".cz_end{n}");
        let mut out =
            vec!["* cassyopia cluster: two adjacent kernel calls made one multi-call".to_string()];
        out.extend((start..a.trap).map(|i| raw[i].to_string()));
        out.extend(stores(abi, a.sel, &list, 0)?);
        out.extend(setup_b.iter().map(|&i| raw[i].to_string()));
        out.extend(stores(abi, b.sel, &list, 1)?);
        out.extend(multicall(&list, kmulti, b.sel, abi, &after, n)?);
        out.push(format!("{after}:"));
        return Ok((
            start,
            b.trap,
            out,
            list_text(&list, a.sel, b.sel),
            format!(
                "calls at lines {} and {} made one K_MULTI",
                a.trap + 1,
                b.trap + 1
            ),
        ));
    }
    Err(first_err.unwrap_or_else(|| "no two adjacent call sites with these selectors".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_effects() {
        let l = parse_line(".loop:          move.l  d3,d0                   ; n = read()");
        assert_eq!(l.label.as_deref(), Some(".loop"));
        assert_eq!(l.op.as_deref(), Some("move.l"));
        assert_eq!(l.args, "d3,d0");
        let e = effect(&l).unwrap();
        assert!(e.reads.contains("d3") && e.writes.contains("d0") && !e.memory);
        let e = effect(&parse_line("        lea     buf,a0")).unwrap();
        assert!(!e.memory && e.writes.contains("a0"));
        let e = effect(&parse_line("        move.l  count,d1")).unwrap();
        assert!(e.memory);
        let e = effect(&parse_line("        add.l   d0,d5")).unwrap();
        assert!(e.reads.contains("d0") && e.writes.contains("d5"));
        assert!(effect(&parse_line("        divu.w  #3,d0")).is_err());
        let mut eq = Equates::default();
        eq.add_text("K_READ          equ     22 ; read\nN equ $1000\nX equ K_READ<<16\n");
        assert_eq!(eq.eval("K_READ"), Some(22));
        assert_eq!(eq.eval("N"), Some(4096));
        assert_eq!(eq.eval("X"), Some(22 << 16));
    }
}
