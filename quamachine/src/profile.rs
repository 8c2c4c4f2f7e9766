//! `quamachine run --profile FILE`: where a run's clocks went. A [`Tracer`] sums, per
//! instruction address, the clocks the emulator billed the instruction (exception
//! processing it caused included; an interrupt's entry is billed to none) and how often
//! it ran; at the end the sums are grouped by the image's symbols (the nearest code
//! symbol at or below the address, the loader's `Image::symbols`, `name.local` labels folded
//! into `name`) and written as a text table, then the hottest addresses. Code the kernel
//! synthesized at run time lies outside the image and has no symbol: it is grouped by
//! 256-byte block (`synthesized $42100`, the addresses the kernel's `synth:` report lines
//! give); code inside the image with no symbol before it (a raw binary, a stripped ELF)
//! the same way, as `no symbol $1000`. It only observes: the emulated clocks are the
//! same with or without it.
//!
//! Owns the profile and its text; may not touch the emulator or the board.
use crate::loader::Image;
use emulator::Tracer;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::rc::Rc;

/// Per address: times run, clocks billed.
#[derive(Clone, Default)]
pub struct Profiler(Rc<RefCell<HashMap<u32, (u64, u64)>>>);

impl Tracer for Profiler {
    fn instruction(&mut self, pc: u32, _opcode: u16, clocks: u32) {
        let mut m = self.0.borrow_mut();
        let e = m.entry(pc).or_default();
        e.0 += 1;
        e.1 += u64::from(clocks);
    }
}

/// One row: where, times run, clocks.
struct Row {
    name: String,
    runs: u64,
    clocks: u64,
}

impl Profiler {
    /// A new, empty profile.
    pub fn new() -> Self {
        Self::default()
    }

    /// The listener to give the emulator.
    pub fn tracer(&self) -> Box<dyn Tracer> {
        Box::new(self.clone())
    }

    /// The profile as text: the run's clocks (`total`, the emulator's count: it also
    /// holds the entries of interrupts and the time asleep in STOP, which no instruction
    /// is billed), then per symbol and the `top` hottest addresses.
    pub fn text(&self, image: &Image, total: u64, top: usize) -> String {
        let m = self.0.borrow();
        let syms = &image.symbols;
        let inside = |pc: u32| {
            image.segments.iter().any(|s| {
                u64::from(pc) >= u64::from(s.address)
                    && u64::from(pc) < u64::from(s.address) + s.mem_size
            })
        };
        // The symbol at or below `pc`, for code inside the image: (its address, name).
        let symbol = |pc: u32| -> Option<&(u32, String)> {
            let i = syms.partition_point(|(a, _)| *a <= pc);
            (i > 0 && inside(pc)).then(|| &syms[i - 1])
        };
        let group = |pc: u32| match symbol(pc) {
            Some((_, s)) => s.split('.').next().unwrap_or(s).to_string(),
            None if inside(pc) => format!("no symbol ${:X}", pc & !0xFF),
            None => format!("synthesized ${:X}", pc & !0xFF),
        };
        let mut by: HashMap<String, Row> = HashMap::new();
        let (mut billed, mut runs) = (0u64, 0u64);
        for (&pc, &(n, c)) in m.iter() {
            billed += c;
            runs += n;
            let name = group(pc);
            let r = by.entry(name.clone()).or_insert(Row {
                name,
                runs: 0,
                clocks: 0,
            });
            r.runs += n;
            r.clocks += c;
        }
        let mut rows: Vec<Row> = by.into_values().collect();
        rows.sort_by(|a, b| b.clocks.cmp(&a.clocks).then(a.name.cmp(&b.name)));
        let pct = |c: u64| 100.0 * c as f64 / billed.max(1) as f64;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "profile of {}: {total} clocks, {billed} of them billed to {runs} instructions (the rest: interrupt entries and time asleep in STOP)\n",
            image.name
        );
        let _ = writeln!(
            s,
            "{:>12} {:>7} {:>12} {:>8}  routine",
            "clocks", "%", "instructions", "clk/insn"
        );
        for r in &rows {
            let _ = writeln!(
                s,
                "{:>12} {:>6.2}% {:>12} {:>8.1}  {}",
                r.clocks,
                pct(r.clocks),
                r.runs,
                r.clocks as f64 / r.runs.max(1) as f64,
                r.name
            );
        }
        let mut pcs: Vec<(u32, u64, u64)> = m.iter().map(|(&p, &(n, c))| (p, n, c)).collect();
        pcs.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
        let _ = writeln!(
            s,
            "\nthe {} hottest addresses\n{:>12} {:>7} {:>12} {:>8}  address",
            top.min(pcs.len()),
            "clocks",
            "%",
            "runs",
            "clk/run"
        );
        for &(pc, n, c) in pcs.iter().take(top) {
            let at = match symbol(pc) {
                Some((base, name)) => format!("${pc:08X} {name}+{}", pc - base),
                None if inside(pc) => format!("${pc:08X} (no symbol)"),
                None => format!("${pc:08X} (synthesized)"),
            };
            let _ = writeln!(
                s,
                "{:>12} {:>6.2}% {:>12} {:>8.1}  {at}",
                c,
                pct(c),
                n,
                c as f64 / n.max(1) as f64
            );
        }
        s
    }
}
