//! `emulator`: the MC68030 + MC68882 as a measuring instrument.
//!
//! Owns: the cycle model (MC68030 User's Manual §11 tables, in `table` and `overlap`
//! modes), external bus cycles with per-region wait states and burst fills, the on-chip
//! instruction and data caches driven by CACR/CAAR (including the stale-instruction
//! behaviour after self-modifying code), the FPU-enable latch, the counters, and trace
//! hooks that cost nothing when nobody listens.
//!
//! Must not: know any device or address map (a [`Machine`] supplies memory, wait states,
//! cacheability and interrupts), or re-implement the CPU core: instruction semantics come
//! from the `m68k` crate's `CpuCore`, wrapped here.
//!
//! Layout: `cpu` (the [`Emulator`] and its run loop: boundaries, interrupts, STOP, the
//! FPU latch, billing, frame fix-ups), `bus` (the `m68k::AddressBus` adapter: caches,
//! bus cycles, wait states, bus errors), `timing` (the §11.6 tables and the opcode
//! classification), `trace` (the [`Tracer`] hooks), `machine` (the board contract).
//! The model is described in `docs/timing-model.md`.

mod machine;
pub use machine::*;

mod cpu;
pub use cpu::*;

mod bus;
mod timing;
mod trace;
pub use trace::{Tee, Tracer};
