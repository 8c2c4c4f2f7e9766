//! Prints the model's figures beside the dissertation's real-hardware measurements
//! (68030, 25 MHz, 1 wait state): Table 3.1's buffer put (Figures 3.1 and 3.2, cold and
//! warm cache) and single instructions (CAS2, CAS, TAS, ORI to SR, MOVE from memory), in
//! both timing modes. `docs/timing-model.md` quotes this output.
//!
//! Run: `cargo run -p emulator --example dissertation_figures`
#[path = "../tests/common/mod.rs"]
mod common;
use common::TestMachine;
use emulator::{Config, Emulator, Exit, TimingMode, Tracer};
use std::cell::RefCell;
use std::rc::Rc;

struct Rec(Rc<RefCell<Vec<(u32, u32)>>>);
impl Tracer for Rec {
    fn instruction(&mut self, pc: u32, _opcode: u16, clocks: u32) {
        self.0.borrow_mut().push((pc, clocks));
    }
}

/// Assemble and run `src` with 1 wait state; return, for each pass through the code
/// between the labels `from` and `to`, the clocks it took.
fn passes(src: &str, mode: TimingMode, from: &str, to: &str) -> Vec<u32> {
    let out = qasm::assemble_str("fig.s", src, &qasm::Options::default())
        .unwrap_or_else(|d| panic!("assembly failed: {d:?}"));
    let lo = out.symbol(from).expect("from label");
    let hi = out.symbol(to).expect("to label");
    let mut m = TestMachine::new(1);
    out.load_into(&mut m.ram);
    let mut e = Emulator::new(Config { timing: mode });
    e.reset(&mut m, out.entry, 0x8000);
    let log = Rc::new(RefCell::new(Vec::new()));
    e.set_tracer(Some(Box::new(Rec(log.clone()))));
    assert_eq!(e.run(&mut m, 1_000_000), Exit::MachineStop);
    let log = log.borrow();
    let mut res = Vec::new();
    let mut cur: Option<u32> = None;
    for &(pc, clocks) in log.iter() {
        if (lo..hi).contains(&pc) {
            *cur.get_or_insert(0) += clocks;
        } else if let Some(c) = cur.take() {
            res.push(c);
        }
    }
    res.extend(cur);
    res
}

const PUT_31: &str = "
        org     $1000
start:  move.l  #$0101,d7       ; EI | ED, both caches empty
        movec   d7,cacr
        move.l  #$3000,bufp
        move.l  #$3064,endp
        moveq   #65,d0
        bsr     put             ; cold
        bsr     put             ; warm
        move.l  #0,$FFFF0010
put:    move.l  bufp,a0         ; Figure 3.1
        move.b  d0,(a0)+
        move.l  a0,bufp
        cmp.l   endp,a0
        beq     flush
        rts
putend:
flush:  rts
bufp    equ     $2000
endp    equ     $2004
";

const PUT_32: &str = "
        org     $1000
start:  move.l  #$0101,d7       ; EI | ED, both caches empty
        movec   d7,cacr
        move.l  #$FF9C,P
        moveq   #65,d0
        bsr     put             ; cold
        bsr     put             ; warm
        move.l  #0,$FFFF0010
put:    move.l  P,a0            ; Figure 3.2
        move.b  d0,D(a0)
        addq.w  #1,P+2
        beq     flush
        rts
putend:
flush:  rts
P       equ     $2000
D       equ     $100            ; P + D addresses the buffer (nonzero: the (d16,An) form)
";

/// A loop whose body is `copies` copies of one instruction, run twice with the I-cache on
/// (D-cache off); the second pass is warm. The per-instruction figure is the difference
/// between the 8-copy and the 0-copy loop, divided by 8, as one measures on hardware
/// (so the overlap with the neighbouring instructions is included).
fn single(insn: &str, copies: usize) -> String {
    let body: String = (0..copies).map(|_| format!("        {insn}\n")).collect();
    format!(
        "
        org     $1000
start:  moveq   #1,d7           ; EI
        movec   d7,cacr
        lea     $2000,a0
        lea     $2010,a1
        move.l  #$1234,d0
        move.l  d0,(a0)
        move.l  d0,(a1)
        move.l  d0,d1
        move.l  d0,d2
        move.l  d0,d3
        moveq   #1,d6
loop:   nop
insn:
{body}after:  dbra    d6,loop
        move.l  #0,$FFFF0010
"
    )
}

fn main() {
    println!("| measurement | dissertation | table mode | deviation | overlap mode | deviation |");
    println!("|---|---|---|---|---|---|");
    let row = |name: &str, real: u32, t: u32, o: u32| {
        let dev = |x: u32| format!("{:+.1}%", (x as f64 - real as f64) * 100.0 / real as f64);
        println!("| {name} | {real} | {t} | {} | {o} | {} |", dev(t), dev(o));
    };
    for (name, src, cold, warm) in [
        ("buffer put, code synthesis (Fig. 3.2)", PUT_32, 29, 20),
        ("buffer put, hand-crafted (Fig. 3.1)", PUT_31, 37, 28),
    ] {
        let t = passes(src, TimingMode::Table, "put", "putend");
        let o = passes(src, TimingMode::Overlap, "put", "putend");
        row(&format!("{name}, cold"), cold, t[0], o[0]);
        row(&format!("{name}, warm"), warm, t[1], o[1]);
    }
    for (name, insn, real) in [
        ("CAS2.L (successful)", "cas2.l  d0:d1,d2:d3,(a0):(a1)", 26),
        ("CAS.L (successful)", "cas.l   d0,d1,(a0)", 13),
        ("TAS (An)", "tas     (a0)", 12),
        ("ORI to SR", "ori.w   #$0700,sr", 14),
        ("MOVE.L (An),Dn (from memory)", "move.l  (a0),d0", 6),
    ] {
        let per = |mode| {
            let full = passes(&single(insn, 8), mode, "loop", "after");
            let empty = passes(&single(insn, 0), mode, "loop", "after");
            (full[1] - empty[1]) as f64 / 8.0
        };
        let (t, o) = (per(TimingMode::Table), per(TimingMode::Overlap));
        row(
            &format!("{name}, warm I-cache"),
            real,
            t.round() as u32,
            o.round() as u32,
        );
    }
}
