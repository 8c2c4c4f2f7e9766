//! The measuring CPU: `m68k::CpuCore` plus the cycle model, caches and counters.
//!
//! Owns the run loop: instruction boundaries (the machine's `boundary`, interrupts, STOP,
//! the FPU-enable latch), billing each instruction and exception by the §11 tables plus
//! wait states, CACR application, the 68882 FSAVE frame fix-up and the 68030 bus-error
//! frame formats.
use crate::bus::{Bus, BusState};
use crate::timing::{self, Timing};
use crate::{AccessSize, Control, Counters, Machine, Tracer};
use m68k::{BatchExit, CpuCore, CpuType, CycleBatchControl, StepResult};

/// How instruction times are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimingMode {
    /// The §11.6 cache-case / no-cache-case figures, no overlap: exact and checkable.
    Table,
    /// Head/tail overlap of consecutive instructions (§11.1–11.4).
    #[default]
    Overlap,
}

/// Emulator configuration.
#[derive(Debug, Clone, Copy, Default)]
pub struct Config {
    /// The timing mode.
    pub timing: TimingMode,
}

/// Why [`Emulator::run`] returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The clock reached the requested limit.
    ClockLimit,
    /// The machine returned [`crate::Control::Stop`].
    MachineStop,
    /// A bus error during exception processing for a bus error: the CPU halted.
    DoubleFault {
        /// PC of the instruction that faulted.
        pc: u32,
    },
    /// An exception whose vector is 0 (no handler installed): the run cannot go on
    /// meaningfully, so it stops here rather than jumping to address 0.
    UnhandledException {
        /// The exception vector number.
        vector: u8,
        /// PC of the faulting instruction.
        pc: u32,
        /// The first words of the faulting instruction, as far as they could be read.
        opcode: [u16; 3],
    },
}

/// A snapshot of the programmer-visible registers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Registers {
    /// Program counter.
    pub pc: u32,
    /// Status register.
    pub sr: u16,
    /// D0–D7.
    pub d: [u32; 8],
    /// A0–A7 (A7 is the active stack pointer).
    pub a: [u32; 8],
    /// User stack pointer.
    pub usp: u32,
    /// Vector base register.
    pub vbr: u32,
    /// Cache control register.
    pub cacr: u32,
}

/// Details of the most recent exception, for a board's fault messages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LastException {
    /// Vector number.
    pub vector: u8,
    /// PC of the instruction that was running (or about to run, for an interrupt).
    pub pc: u32,
    /// Stack frame format the exception pushed ($0, $2, $A, $B ...).
    pub format: u8,
}

/// One valid long word of the data cache, as [`Emulator::dcache_entry`] reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheEntry {
    /// Whether the line's tag holds a supervisor function code (FC2 set).
    pub supervisor: bool,
    /// The cached long word.
    pub value: u32,
}

/// The MC68030 + MC68882 as a measuring instrument.
pub struct Emulator {
    config: Config,
    cpu: Box<CpuCore>,
    st: Box<BusState>,
    timing: Timing,
    /// Tail of the previous instruction (overlap mode).
    prev_tail: u8,
    /// Clocks of the write the previous instruction left in the write pending buffer.
    prev_write: u32,
    /// Level 7 seen at the previous boundary (NMI is edge-triggered).
    nmi_prev: bool,
    /// Set once the CPU is dead (double fault): every later `run` returns it.
    dead: Option<Exit>,
    tracer: Option<Box<dyn Tracer>>,
    last_exception: Option<LastException>,
    /// TT0 and TT1 as the guest wrote them (MC68030 layout); the core holds them in the
    /// layout its matcher decodes (see [`tt_to_core`]).
    tt: [u32; 2],
    /// With the MMU on: the page of logical program space (and the mode, in bit 0) an
    /// opcode was last fetched from without a fault, or [`NO_FETCH_KEY`]. See `step_one`.
    fetch_key: u32,
    /// The page-number mask of `fetch_key` (the TC's page size, as of the last MMU
    /// instruction; 256 bytes, the smallest, before any).
    fetch_page_mask: u32,
    /// The opcode last run at each PC slot (PC bits 1-12): the prediction of the next
    /// opcode there, which decides the path (see `step_one`).
    last_opcode: Box<[u16; PREDICT_SLOTS]>,
    /// Per opcode: whether the `m68k` core's batch path runs it more cheaply than
    /// `step()` (see [`batch_profitable`]).
    batch_ok: Box<[bool; 0x10000]>,
}

/// Slots of [`Emulator::last_opcode`].
const PREDICT_SLOTS: usize = 4096;

/// No opcode fetch is known to translate (no page address has bits 1-7 set).
const NO_FETCH_KEY: u32 = u32::MAX;

/// Whether the `m68k` core's batch loop runs `op` as one of its decoded register-only
/// operations (its `DecodedSimpleOp`s; 0.15.1, `core/op_cache.rs`), where skipping
/// `step()`'s extras pays for the batch's setup. (The others it hands to the same full
/// dispatcher as `step()`, after that setup.) A wrong answer costs time only.
fn batch_profitable(op: u16) -> bool {
    let group = op >> 12;
    let mode = (op >> 3) & 7;
    let reg_source = mode <= 1;
    let op_mode = (op >> 6) & 7;
    match group {
        // MOVE Rn,Dn; MOVE(A).W/.L Rn,An.
        0x1..=0x3 => reg_source && (op_mode == 0 || (op_mode == 1 && group != 1)),
        // NOP; NEGX, CLR, NEG, NOT, TST Dn; SWAP, EXT, EXTB.
        0x4 => {
            op == 0x4E71
                || (mode == 0
                    && op_mode < 3
                    && matches!((op >> 8) & 0xF, 0x0 | 0x2 | 0x4 | 0x6 | 0xA))
                || matches!(op & 0xFFF8, 0x4840 | 0x4880 | 0x48C0 | 0x49C0)
        }
        // ADDQ/SUBQ #,Rn; Scc Dn.
        0x5 => (op_mode & 3 != 3 && reg_source) || (op_mode & 3 == 3 && mode == 0),
        // Bcc.S and BRA.S (not BSR, nor the .W/.L forms).
        0x6 => (op >> 8) & 0xF != 1 && !matches!(op & 0xFF, 0 | 0xFF),
        0x7 => true,
        // OR, SUB, CMP, AND, ADD Rn,Dn; SUBA, CMPA, ADDA Rn,An; MULU/MULS.W Dn,Dn;
        // SBCD, SUBX, EOR, ABCD, ADDX Dn,Dn; EXG.
        0x8 | 0x9 | 0xB | 0xC | 0xD => match op_mode {
            0..=2 => reg_source,
            3 | 7 if group == 0xC => mode == 0,
            3 | 7 => group != 0x8 && reg_source,
            4 => mode == 0,
            _ => match group {
                0x9 | 0xB | 0xD => mode == 0,
                0xC => matches!((op >> 3) & 0x1F, 0x08 | 0x09 | 0x11),
                _ => false,
            },
        },
        // Shifts and rotates of Dn.
        0xE => op_mode & 3 != 3,
        // BTST, BCHG, BCLR, BSET Dn,Dn.
        0x0 => op & 0x0138 == 0x0100,
        _ => false,
    }
}

/// The page-number mask of an MMU with translation control `tc`: the smaller of the page
/// size field's and what the IS and TIx fields leave (the `m68k` core translates by the
/// latter), never under 256 bytes (the smallest MC68030 page).
fn page_mask(tc: u32) -> u32 {
    let ps = (tc >> 20) & 0xF;
    let mut consumed = (tc >> 16) & 0xF;
    for shift in [12, 8, 4, 0] {
        let bits = (tc >> shift) & 0xF;
        if bits == 0 {
            break;
        }
        consumed += bits;
    }
    let page_bits = ps.min(32u32.saturating_sub(consumed)).clamp(8, 31);
    !((1u32 << page_bits) - 1)
}

/// Execute one instruction through `CpuCore::run_batch` with a budget of one: the same
/// instruction, bus accesses and exception processing as `CpuCore::step()` (traps and
/// illegal opcodes are surfaced alike), without `step()`'s per-instruction extras the
/// emulator has no use for: the `m68k` core's own 68020 cycle computation (the cycle
/// model is ours), its 68000 prefetch top-up and its register snapshot for
/// instructions that cannot fault. The batch has no memory window (the `Bus` offers
/// none), so every fetch and data access still goes through the `Bus`, and it runs no
/// recorded traces (they need three instructions of budget). The `Bus` ends the batch
/// after an opcode fetch that faulted (see its `batch_boundary`), which `run_batch`
/// would otherwise follow with the handler's first instruction. There is no cycle
/// figure, which only opcodes the timing tables leave unclassified would need: the run
/// loop sends down this path only opcodes it predicts to be register-only (see
/// [`batch_profitable`]), all classified. (Code rewritten in place since its slot last
/// ran can send another opcode down it, still billed exactly, unless it is one of the
/// 68851-only cpID 0 opcodes, which the 68030 lacks and the core runs anyway: that one
/// run is billed its bus cycles only.) Not for a stopped CPU or in trace mode, where
/// `step()` runs.
#[inline(always)]
fn step_batched<M: Machine>(cpu: &mut CpuCore, bus: &mut Bus<'_, M>) -> StepResult {
    match cpu.run_batch(bus, 1, &[]).exit {
        BatchExit::AlineTrap { opcode } => StepResult::AlineTrap { opcode },
        BatchExit::FlineTrap { opcode } => StepResult::FlineTrap { opcode },
        BatchExit::TrapInstruction { trap_num } => StepResult::TrapInstruction { trap_num },
        BatchExit::Breakpoint { bp_num } => StepResult::Breakpoint { bp_num },
        BatchExit::IllegalInstruction { opcode } => StepResult::IllegalInstruction { opcode },
        // Retired (or faulted, or STOP: the run loop sees the stopped CPU next).
        BatchExit::BudgetExhausted
        | BatchExit::BoundaryRequested
        | BatchExit::Stopped
        | BatchExit::WatchedPc { .. } => StepResult::Ok { cycles: 0 },
    }
}

/// The `m68k` crate (0.15.1, `mmu/ttr.rs`) decodes a 68030 TTx register with the
/// fields at the wrong bits: FC base at 10–8 and FC mask at 4–2 (and CI, R/W, RWM at
/// 14, 13, 12), where the MC68030 has CI at bit 10, R/W 9, RWM 8, FC base 6–4 and FC
/// mask 2–0 (UM §9.7.3). A PMOVE to TTx stores the guest's value converted to the
/// crate's layout, so the matcher sees the fields the guest meant; a PMOVE from TTx gets
/// the guest's value back (see `Emulator::fix_pmove_tt`).
fn tt_to_core(v: u32) -> u32 {
    (v & 0xFFFF_8000)
        | ((v >> 10) & 1) << 14
        | ((v >> 9) & 1) << 13
        | ((v >> 8) & 1) << 12
        | ((v >> 4) & 7) << 8
        | (v & 7) << 2
}

impl Emulator {
    /// A CPU in reset state.
    pub fn new(config: Config) -> Self {
        let mut cpu = Box::new(CpuCore::new());
        cpu.set_cpu_type(CpuType::M68030);
        cpu.fpu_present = true;
        cpu.pulse_reset();
        cpu.cacr_pending_ops = 0;
        Emulator {
            config,
            cpu,
            st: Box::new(BusState::new()),
            timing: Timing::new(),
            prev_tail: 0,
            prev_write: 0,
            nmi_prev: false,
            dead: None,
            tracer: None,
            last_exception: None,
            tt: [0; 2],
            fetch_key: NO_FETCH_KEY,
            fetch_page_mask: !0xFF,
            last_opcode: Box::new([0; PREDICT_SLOTS]),
            batch_ok: (0..=0xFFFFu16)
                .map(batch_profitable)
                .collect::<Box<[bool]>>()
                .try_into()
                .unwrap_or_else(|_| unreachable!("one entry per opcode word")),
        }
    }

    /// The configuration this emulator runs with.
    pub fn config(&self) -> Config {
        self.config
    }

    /// Change the timing mode (takes effect at the next instruction).
    pub fn set_timing_mode(&mut self, mode: TimingMode) {
        self.config.timing = mode;
    }

    /// Install (or, with `None`, remove) the trace listener.
    pub fn set_tracer(&mut self, tracer: Option<Box<dyn Tracer>>) {
        self.tracer = tracer;
    }

    /// Take the trace listener back out.
    pub fn take_tracer(&mut self) -> Option<Box<dyn Tracer>> {
        self.tracer.take()
    }

    /// The most recent exception taken, if any.
    pub fn last_exception(&self) -> Option<LastException> {
        self.last_exception
    }

    /// Reset: supervisor mode, interrupt mask 7, caches and MMU off, VBR 0, the given
    /// supervisor stack pointer and PC (the board's loader decides both).
    pub fn reset<M: Machine>(&mut self, machine: &mut M, pc: u32, ssp: u32) {
        self.cpu.pulse_reset();
        self.cpu.cacr_pending_ops = 0;
        self.cpu.fpu_present = machine.fpu_enabled();
        self.cpu.fpu_just_reset = true;
        self.cpu.fpcr = 0;
        self.cpu.fpsr = 0;
        self.cpu.fpiar = 0;
        self.cpu.set_sr(0x2700);
        self.cpu.set_sp(ssp);
        self.cpu.dar[15] = ssp;
        self.cpu.pc = pc;
        self.cpu.int_level = 0;
        self.cpu.last_exception_vector = None;
        *self.st = BusState::new();
        self.prev_tail = 0;
        self.prev_write = 0;
        self.nmi_prev = false;
        self.dead = None;
        self.last_exception = None;
        self.tt = [0; 2];
        self.fetch_key = NO_FETCH_KEY;
        self.fetch_page_mask = !0xFF;
    }

    /// The counters as they stand.
    pub fn counters(&self) -> Counters {
        self.st.counters
    }

    /// The data cache's valid long word holding `addr` (whatever function code tags its
    /// line), or `None`: for tests and debuggers that check what the cache holds.
    pub fn dcache_entry(&self, addr: u32) -> Option<CacheEntry> {
        self.st
            .dcache
            .probe(addr)
            .map(|(supervisor, value)| CacheEntry { supervisor, value })
    }

    /// The registers as they stand.
    pub fn registers(&self) -> Registers {
        let cpu = &self.cpu;
        let mut d = [0; 8];
        let mut a = [0; 8];
        d.copy_from_slice(&cpu.dar[0..8]);
        a.copy_from_slice(&cpu.dar[8..16]);
        Registers {
            pc: cpu.pc,
            sr: cpu.get_sr(),
            d,
            a,
            usp: cpu.get_usp(),
            vbr: cpu.vbr,
            cacr: cpu.cacr,
        }
    }

    /// Load the programmer-visible registers (a debugger's or a test's view): PC, SR
    /// (which selects the active stack), D0–D7, A0–A7 (A7 into the active stack
    /// pointer), USP, VBR and CACR (the caches obey the new CACR from the next fetch; no
    /// clear strobes are applied).
    pub fn set_registers(&mut self, r: &Registers) {
        let cpu = &mut self.cpu;
        cpu.set_sr(r.sr);
        cpu.dar[0..8].copy_from_slice(&r.d);
        cpu.dar[8..16].copy_from_slice(&r.a);
        cpu.set_usp(r.usp);
        if r.sr & 0x2000 == 0 {
            cpu.dar[15] = r.a[7];
        }
        cpu.vbr = r.vbr;
        cpu.pc = r.pc;
        let persist = 0x3313;
        cpu.cacr = r.cacr & persist;
        let (c, caar) = (cpu.cacr, cpu.caar);
        self.st.apply_cacr(c, 0, caar);
    }

    /// Whether the CPU sits in the STOP state.
    pub fn is_stopped(&self) -> bool {
        self.cpu.is_stopped()
    }

    /// Run until the clock reaches `until_clock` (absolute, in CPU clocks since reset) or
    /// something stops the run. Instructions are never split, so the clock may pass it.
    pub fn run<M: Machine>(&mut self, machine: &mut M, until_clock: u64) -> Exit {
        if let Some(e) = self.dead {
            return e;
        }
        // A CPU halted before this run stays dead: no interrupt wakes it. (Within the
        // loop, the instruction or exception that halts it ends the run itself.)
        if self.cpu.stopped != 0 && self.cpu.is_halted() {
            let e = Exit::DoubleFault { pc: self.cpu.ppc };
            self.dead = Some(e);
            return e;
        }
        loop {
            if self.st.counters.clocks >= until_clock {
                return Exit::ClockLimit;
            }
            if machine.boundary(&self.st.counters) == Control::Stop {
                return Exit::MachineStop;
            }
            self.cpu.fpu_present = machine.fpu_enabled();
            let level = machine.interrupt_level();
            if level != 0 {
                let level = level.min(7);
                let nmi = level == 7;
                let nmi_edge = nmi && !self.nmi_prev;
                self.nmi_prev = nmi;
                let mask = (self.cpu.int_mask >> 8) & 7;
                if (level as u32 > mask && !nmi) || nmi_edge {
                    if let Some(e) = self.take_interrupt(machine, level) {
                        return e;
                    }
                    continue;
                }
            } else {
                self.nmi_prev = false;
            }
            if self.cpu.stopped != 0 && self.cpu.s_flag != 0 {
                // STOP: time passes until a device has something to say.
                let next = machine
                    .next_event()
                    .unwrap_or(until_clock)
                    .min(until_clock)
                    .max(self.st.counters.clocks + 1);
                self.st.counters.clocks = next;
                self.prev_tail = 0;
                self.prev_write = 0;
                continue;
            }
            // (A STOP that loaded a user-mode SR wakes with a privilege violation: the
            // core's step does that.)
            if let Some(e) = self.step_one(machine) {
                return e;
            }
        }
    }

    /// Take an interrupt at `level` now (the CPU is at an instruction boundary).
    fn take_interrupt<M: Machine>(&mut self, machine: &mut M, level: u8) -> Option<Exit> {
        let pc = self.cpu.pc;
        // Every access of interrupt processing (frame, vector) is supervisor data.
        self.st.begin(pc, true, 0);
        self.cpu.last_exception_vector = None;
        self.cpu.int_level = level as u32;
        {
            let mut bus = Bus {
                m: machine,
                st: &mut self.st,
            };
            self.cpu
                .run_for_cycles_with_boundary_hook(&mut bus, 1, |_, _, _| {
                    CycleBatchControl::Return
                });
        }
        self.cpu.int_level = 0;
        let vector = self.cpu.last_exception_vector.unwrap_or(24 + level as u32) as u8;
        let cached = self.st.cacr & crate::bus::cacr::EI != 0;
        let time = timing::exception_time(vector, cached);
        self.st.counters.clocks += (time + self.st.extra_clocks as i64).max(0) as u64;
        self.st.counters.exceptions += 1;
        self.prev_tail = 0;
        self.prev_write = 0;
        self.last_exception = Some(LastException {
            vector,
            pc,
            format: 0,
        });
        if let Some(t) = self.tracer.as_mut() {
            t.exception(vector, pc);
        }
        self.check_after_exception(machine, vector, pc)
    }

    /// After an exception: a halted CPU or a vector of 0 ends the run.
    fn check_after_exception<M: Machine>(
        &mut self,
        machine: &mut M,
        vector: u8,
        pc: u32,
    ) -> Option<Exit> {
        if self.cpu.is_halted() {
            let e = Exit::DoubleFault { pc };
            self.dead = Some(e);
            return Some(e);
        }
        if self.cpu.pc == 0 {
            let mut opcode = [0u16; 3];
            for (i, w) in opcode.iter_mut().enumerate() {
                *w = machine
                    .read(pc.wrapping_add(2 * i as u32), AccessSize::Word)
                    .unwrap_or(0) as u16;
            }
            return Some(Exit::UnhandledException { vector, pc, opcode });
        }
        None
    }

    /// Execute one instruction (and any exception it raises) and bill it.
    #[inline(always)]
    fn step_one<M: Machine>(&mut self, machine: &mut M) -> Option<Exit> {
        let pc = self.cpu.pc;
        let supervisor_before = self.cpu.s_flag != 0;
        // In user mode the bus needs the supervisor stack pointer (ISP, or MSP when M is
        // set) an exception would use, to tag the frame's pushes as supervisor data.
        let exception_sp = if supervisor_before {
            0
        } else {
            self.cpu.sp[(4 | self.cpu.m_flag) as usize & 7]
        };
        self.st.begin(pc, supervisor_before, exception_sp);
        self.cpu.last_exception_vector = None;
        let fpu_null_before = self.cpu.fpu_just_reset;
        let sp_before = self.cpu.dar[15];
        // This opcode's page of program space, and the mode (see `fetch_key`).
        let key = (pc & self.fetch_page_mask) | supervisor_before as u32;
        let slot = (pc >> 1) as usize % PREDICT_SLOTS;
        let core_cycles;
        {
            let mut bus = Bus {
                m: &mut *machine,
                st: &mut self.st,
            };
            // The batch path runs register-only instructions more cheaply than `step()`
            // and the others less so: it is taken when the opcode last run at this PC
            // was one of the former. Its opcode fetch, unlike `step()`'s, vectors a
            // 68030 MMU page fault to 58 (the 68851's access level violation) instead
            // of 2 (bus error), so with the MMU on it runs only where the fetch cannot
            // fault: in the page and mode of the last opcode fetched without a fault,
            // no MMU instruction in between (short of a descriptor rewritten without
            // PFLUSH and its ATC entry lost meanwhile, which the 68030 does not promise
            // to honour either).
            let res = if self.batch_ok[self.last_opcode[slot] as usize]
                && self.cpu.stopped | self.cpu.t1_flag | self.cpu.t0_flag == 0
                && (key == self.fetch_key || !self.cpu.pmmu_enabled)
            {
                let res = step_batched(&mut self.cpu, &mut bus);
                if bus.st.nwords == 0 {
                    // The opcode fetch faulted: `step()` leaves the word it got, 0.
                    self.cpu.ir = 0;
                }
                res
            } else {
                // Also STOP (whose wake-up check only `step()` makes) and trace mode.
                self.cpu.step(&mut bus)
            };
            if !matches!(res, StepResult::Ok { .. } | StepResult::Stopped) {
                // The exception this instruction raised: its processing (frame pushes,
                // vector fetch) runs with supervisor function codes.
                bus.st.supervisor = true;
            }
            core_cycles = match res {
                StepResult::Ok { cycles } => cycles,
                StepResult::Stopped => 0,
                StepResult::AlineTrap { .. } => self.cpu.take_aline_exception(&mut bus),
                StepResult::FlineTrap { .. } => self.cpu.take_fline_exception(&mut bus),
                StepResult::TrapInstruction { trap_num } => {
                    // Registers as the TRAP ran: PC already points past it.
                    if self.tracer.is_some() {
                        let mut regs = Registers {
                            pc: self.cpu.pc,
                            sr: self.cpu.get_sr(),
                            usp: self.cpu.get_usp(),
                            vbr: self.cpu.vbr,
                            cacr: self.cpu.cacr,
                            ..Registers::default()
                        };
                        regs.d.copy_from_slice(&self.cpu.dar[0..8]);
                        regs.a.copy_from_slice(&self.cpu.dar[8..16]);
                        if let Some(t) = self.tracer.as_mut() {
                            // The clock at the start of the TRAP (the run loop moves it).
                            t.kernel_entry_at(trap_num, &regs, bus.st.counters.clocks);
                        }
                    }
                    self.cpu.take_trap_exception(&mut bus, trap_num)
                }
                StepResult::Breakpoint { .. } => self.cpu.take_bkpt_exception(&mut bus),
                StepResult::IllegalInstruction { .. } => self.cpu.take_illegal_exception(&mut bus),
            };
        }
        let opcode = if self.st.nwords > 0 {
            // The opcode fetch did not fault.
            self.fetch_key = key;
            self.last_opcode[slot] = self.st.words[0];
            self.st.words[0]
        } else {
            self.cpu.ir as u16
        };
        let exception = self.cpu.last_exception_vector.map(|v| v as u8);

        let mut format = 0u8;
        if exception.is_some() || opcode >= 0xF000 {
            // 68882 FSAVE: the core writes the 68881's 28-byte IDLE frame; make it the
            // 68882's.
            if exception.is_none() && opcode & 0xFFC0 == 0xF300 && !fpu_null_before {
                self.fix_fsave(machine, opcode);
            }
            // PMOVE, PFLUSH, PLOAD (and the 68851's cpID 0 types): the next opcode
            // fetch translates anew.
            if opcode & 0xFE00 == 0xF000 {
                self.fetch_key = NO_FETCH_KEY;
                self.fetch_page_mask = page_mask(self.cpu.mmu_tc);
            }
            // PMOVE to/from TT0/TT1: the crate's TTx layout (see `tt_to_core`).
            if exception.is_none() && opcode & 0xFFC0 == 0xF000 && self.st.nwords >= 2 {
                let ext = self.st.words[1];
                if ext & 0xE0FF == 0 && matches!((ext >> 10) & 7, 2 | 3) {
                    self.fix_pmove_tt(machine, opcode, ext);
                }
            }
            // A bus error on a write is reported with the short format $A frame.
            if exception == Some(2) {
                format = 0xB;
                if let Some((_, true)) = self.st.fault {
                    self.fix_bus_error_frame(machine);
                    format = 0xA;
                }
            }
        }

        // Bill the instruction.
        let fallthrough = pc.wrapping_add(2 * self.st.nwords as u32);
        let after = timing::After {
            taken: self.cpu.pc != fallthrough,
            cpu: &self.cpu,
            fpu_null_before,
        };
        let words = &self.st.words[..self.st.nwords as usize];
        let mut t = self.timing.instruction(words, &after, core_cycles);
        if opcode == 0x4E73 && exception.is_none() {
            // RTE: the time depends on the format of the frame it popped.
            let fmt = machine
                .read(sp_before.wrapping_add(6), AccessSize::Word)
                .map_or(0, |w| (w >> 12) as u8);
            if let Some(rt) = timing::rte_time(fmt) {
                t = rt;
            }
        }
        let body = if self.st.all_hit { t.cache } else { t.nocache } as i64;
        let base = match self.config.timing {
            TimingMode::Table => body,
            TimingMode::Overlap => {
                // §11.2: the previous tail runs during this head. §7 write pending
                // buffer: a write that ended the previous instruction completes on the
                // bus while this one computes (its clocks off the bus). §11.3: the
                // prefetch pipe fetches ahead, so instruction-fetch wait states stall
                // only for what the instruction's own internal clocks cannot cover.
                let internal = (body - 2 * self.st.bus_cycles as i64).max(0);
                let hidden_write = (self.prev_write as i64).min(internal);
                let hidden_fetch = (self.st.fetch_waits as i64).min(internal - hidden_write);
                body - (self.prev_tail.min(t.head) as i64).max(hidden_write) - hidden_fetch.max(0)
            }
        };
        let mut clocks = base;
        self.prev_tail = t.tail;
        self.prev_write = self.st.trailing_write;
        if let Some(v) = exception {
            clocks = timing::exception_clocks(v, base, self.st.all_hit);
            self.prev_tail = 0;
            self.prev_write = 0;
        }
        clocks += self.st.extra_clocks as i64;
        let clocks = clocks.max(0) as u64;
        self.st.counters.clocks += clocks;
        self.st.counters.instructions += 1;

        // CACR writes and clear strobes act before the next fetch.
        if self.cpu.cacr != self.st.cacr || self.cpu.cacr_pending_ops != 0 {
            self.st
                .apply_cacr(self.cpu.cacr, self.cpu.cacr_pending_ops, self.cpu.caar);
            self.cpu.cacr_pending_ops = 0;
        }

        if self.tracer.is_some() {
            self.trace_retired(pc, opcode, clocks as u32, supervisor_before);
        }
        if self.cpu.stopped != 0 && self.cpu.is_halted() {
            let e = Exit::DoubleFault { pc };
            self.dead = Some(e);
            return Some(e);
        }
        if let Some(v) = exception {
            self.st.counters.exceptions += 1;
            self.last_exception = Some(LastException {
                vector: v,
                pc,
                format,
            });
            if let Some(t) = self.tracer.as_mut() {
                t.exception(v, pc);
            }
            return self.check_after_exception(machine, v, pc);
        }
        None
    }

    /// Report a retired instruction to the listener (out of line: the untraced run
    /// loop stays small).
    #[cold]
    #[inline(never)]
    fn trace_retired(&mut self, pc: u32, opcode: u16, clocks: u32, supervisor_before: bool) {
        // Supervisor to user: the end of a kernel call (or of an interrupt).
        let to_user = (supervisor_before && self.cpu.s_flag == 0).then(|| self.registers());
        let clock = self.st.counters.clocks;
        if let Some(t) = self.tracer.as_mut() {
            t.instruction(pc, opcode, clocks);
            if let Some(r) = to_user {
                t.user_return(&r, clock);
            }
        }
    }

    /// Rewrite the 28-byte 68881 IDLE frame the core just stored as the 68882's 60-byte
    /// one (format word `$1F38`), and move the address register for -(An).
    fn fix_fsave<M: Machine>(&mut self, machine: &mut M, opcode: u16) {
        let mode = (opcode >> 3) & 7;
        let reg = (opcode & 7) as usize;
        let words = &self.st.words[..self.st.nwords as usize];
        // (start address of the frame, register to update)
        let start = match mode {
            4 => {
                // The core left An at old-28 and the frame at old-28..old.
                let old = self.cpu.dar[8 + reg].wrapping_add(28);
                self.cpu.dar[8 + reg] = old.wrapping_sub(60);
                old.wrapping_sub(60)
            }
            2 => self.cpu.dar[8 + reg],
            5 if words.len() >= 2 => self.cpu.dar[8 + reg].wrapping_add(words[1] as i16 as u32),
            7 if reg == 0 && words.len() >= 2 => words[1] as i16 as u32,
            7 if reg == 1 && words.len() >= 3 => ((words[1] as u32) << 16) | words[2] as u32,
            _ => return, // indexed modes keep the core's frame (documented approximation)
        };
        // Write the frame, then take away the core's seven surplus transfers.
        let before = (self.st.bus_cycles, self.st.extra_clocks);
        let mut bus = Bus {
            m: machine,
            st: &mut self.st,
        };
        use m68k::AddressBus;
        let _ = bus.try_write_long(start, 0x1F38_0000);
        for i in 1..14u32 {
            let _ = bus.try_write_long(start.wrapping_add(4 * i), 0);
        }
        let _ = bus.try_write_long(start.wrapping_add(56), 0x7000_0000);
        let ws = bus.m.region(start).wait_states as i32;
        let surplus = 7u32.min(self.st.bus_cycles - before.0);
        self.st.bus_cycles -= surplus;
        self.st.counters.bus_cycles -= surplus as u64;
        self.st.extra_clocks -= surplus as i32 * ws;
    }

    /// After a PMOVE to or from TT0/TT1 (`ext` its extension word): a loaded value is
    /// kept as written and handed to the core in the core's layout; a stored value is
    /// rewritten in memory (or Dn) as the guest wrote it, without a second bus cycle
    /// being billed. Memory operands: (An), (An)+, -(An), (d16,An), abs.W, abs.L; the
    /// indexed modes keep the core's layout (documented in docs/kernel.md).
    fn fix_pmove_tt<M: Machine>(&mut self, machine: &mut M, opcode: u16, ext: u16) {
        let n = ((ext >> 10) & 1) as usize;
        if ext & 0x0200 == 0 {
            let v = if n == 0 {
                self.cpu.mmu_tt0
            } else {
                self.cpu.mmu_tt1
            };
            self.tt[n] = v;
            let core = tt_to_core(v);
            if n == 0 {
                self.cpu.mmu_tt0 = core;
            } else {
                self.cpu.mmu_tt1 = core;
            }
            return;
        }
        let mode = (opcode >> 3) & 7;
        let reg = (opcode & 7) as usize;
        let words = &self.st.words[..self.st.nwords as usize];
        let addr = match mode {
            0 => {
                self.cpu.dar[reg] = self.tt[n];
                return;
            }
            2 | 4 => self.cpu.dar[8 + reg],
            3 => self.cpu.dar[8 + reg].wrapping_sub(4),
            5 if words.len() >= 3 => self.cpu.dar[8 + reg].wrapping_add(words[2] as i16 as u32),
            7 if reg == 0 && words.len() >= 3 => words[2] as i16 as u32,
            7 if reg == 1 && words.len() >= 4 => ((words[2] as u32) << 16) | words[3] as u32,
            _ => return,
        };
        let saved = (
            self.st.bus_cycles,
            self.st.extra_clocks,
            self.st.counters.bus_cycles,
            self.st.trailing_write,
        );
        let mut bus = Bus {
            m: machine,
            st: &mut self.st,
        };
        // Through the core, so the MMU translates the address as it did for the store.
        self.cpu.write_32(&mut bus, addr, self.tt[n]);
        self.st.bus_cycles = saved.0;
        self.st.extra_clocks = saved.1;
        self.st.counters.bus_cycles = saved.2;
        self.st.trailing_write = saved.3;
    }

    /// Turn the core's format $B frame at the stack pointer into the short format $A
    /// frame (MC68030 UM §8.2.7) the 68030 stacks for a faulted write.
    fn fix_bus_error_frame<M: Machine>(&mut self, machine: &mut M) {
        let sp = self.cpu.dar[15];
        let saved = (
            self.st.bus_cycles,
            self.st.extra_clocks,
            self.st.counters.bus_cycles,
        );
        let mut bus = Bus {
            m: machine,
            st: &mut self.st,
        };
        use m68k::AddressBus;
        let rd = |b: &mut Bus<'_, M>, off: u32| b.try_read_long(sp.wrapping_add(off)).unwrap_or(0);
        let sr_pc_hi = rd(&mut bus, 0);
        let pc_lo_fmt = rd(&mut bus, 4);
        let ssw_word = rd(&mut bus, 8) & 0xFFFF;
        let fault_addr = rd(&mut bus, 0x10);
        let dob = rd(&mut bus, 0x18);
        let new_sp = sp.wrapping_add(92 - 32);
        let frame: [u32; 8] = [
            sr_pc_hi,
            (pc_lo_fmt & 0xFFFF_0000) | 0xA008,
            ssw_word,
            0,
            fault_addr,
            0,
            dob,
            0,
        ];
        for (i, v) in frame.iter().enumerate() {
            let _ = bus.try_write_long(new_sp.wrapping_add(4 * i as u32), *v);
        }
        self.st.bus_cycles = saved.0;
        self.st.extra_clocks = saved.1;
        self.st.counters.bus_cycles = saved.2;
        self.cpu.dar[15] = new_sp;
    }
}
