//! `quamachine`: the emulated Quamachine board and the `quamachine` command.
//!
//! Owns the board of `../shared/quamachine.md` (memory map, device page, console, HALT,
//! FPU enable latch, clock and counters, timing regions, interval timer), the image
//! loader, runs and their reports, the display's host side (window, screenshots), the
//! emulator speed benchmark, and the command line.
//!
//! Must not model CPU internals: instruction semantics, the cycle model and the caches
//! belong to the `emulator` crate; the board only answers bus accesses, states wait
//! states and cacheability, raises interrupt lines and reads the CPU's counters.
pub mod bench;
pub mod board;
pub mod copybench;
pub mod diskfs;
pub mod loader;
pub mod play;
pub mod profile;
pub mod report;
pub mod screen;
pub mod session;
pub mod syscall_trace;
