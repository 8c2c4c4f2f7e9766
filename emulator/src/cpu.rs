//! The measuring CPU: `m68k::CpuCore` plus the cycle model, caches and counters.
//! (API stub: the signatures below are the contract the board codes against.)
use crate::{Counters, Machine};

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

/// The MC68030 + MC68882 as a measuring instrument.
pub struct Emulator {
    config: Config,
}

impl Emulator {
    /// A CPU in reset state.
    pub fn new(config: Config) -> Self {
        Emulator { config }
    }

    /// Reset: supervisor mode, interrupt mask 7, caches and MMU off, VBR 0, the given
    /// supervisor stack pointer and PC (the board's loader decides both).
    pub fn reset<M: Machine>(&mut self, _machine: &mut M, _pc: u32, _ssp: u32) {
        let _ = self.config;
        todo!("emulator core")
    }

    /// Run until the clock reaches `until_clock` (absolute, in CPU clocks since reset) or
    /// something stops the run. Instructions are never split, so the clock may pass it.
    pub fn run<M: Machine>(&mut self, _machine: &mut M, _until_clock: u64) -> Exit {
        todo!("emulator core")
    }

    /// The counters as they stand.
    pub fn counters(&self) -> Counters {
        todo!("emulator core")
    }

    /// The registers as they stand.
    pub fn registers(&self) -> Registers {
        todo!("emulator core")
    }
}
