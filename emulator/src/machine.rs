//! The contract between the CPU and the board it is plugged into.

/// Width of one bus access.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessSize {
    /// 8 bits
    Byte,
    /// 16 bits
    Word,
    /// 32 bits
    Long,
}

/// A failed bus transaction (the board answered with BERR).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BusError {
    /// The physical address of the failed access.
    pub address: u32,
}

/// What the board says about the memory behind one physical address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// Wait states each external bus cycle to this address adds to the two-clock cycle.
    pub wait_states: u32,
    /// Whether the on-chip caches may hold data from this address (CIIN negated).
    pub cacheable: bool,
}

/// Counters kept by the CPU; the board reads them at instruction boundaries
/// (for CLOCK_HI/LO, INSN_COUNT, MEMREF_COUNT and timing regions).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counters {
    /// CPU clocks since reset.
    pub clocks: u64,
    /// Instructions retired since reset.
    pub instructions: u64,
    /// External bus cycles since reset (reads, prefetches and writes that reached the bus).
    pub bus_cycles: u64,
    /// Instruction-cache hits and misses (per long-word fetch).
    pub icache_hits: u64,
    /// See `icache_hits`.
    pub icache_misses: u64,
    /// Data-cache read hits and misses.
    pub dcache_hits: u64,
    /// See `dcache_hits`.
    pub dcache_misses: u64,
    /// Exceptions taken (interrupts included).
    pub exceptions: u64,
}

/// What the board wants after an instruction boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// Keep running.
    Continue,
    /// Stop the run (the guest wrote HALT, the host window closed, ...).
    Stop,
}

/// A board: physical memory, devices, wait states, cacheability and interrupt lines.
///
/// All addresses are physical (after the MMU). Device side effects happen in `read` and
/// `write`; time-driven device work happens in `boundary`, which the CPU calls before
/// every instruction (and before taking an interrupt) with the counters as they stand.
pub trait Machine {
    /// Read at `address`. Multi-byte values are big-endian.
    fn read(&mut self, address: u32, size: AccessSize) -> Result<u32, BusError>;
    /// Write at `address`.
    fn write(&mut self, address: u32, size: AccessSize, value: u32) -> Result<(), BusError>;
    /// Wait states and cacheability for `address`.
    fn region(&self, address: u32) -> Region;
    /// The highest interrupt level asserted now (0 = none, 7 = NMI).
    fn interrupt_level(&self) -> u8;
    /// Interrupt-acknowledge cycle for `level`: `Some(vector)` for a vectored interrupt,
    /// `None` for the level's autovector.
    fn interrupt_acknowledge(&mut self, level: u8) -> Option<u8>;
    /// Called at each instruction boundary with the counters as they stand: devices catch
    /// up to `counters.clocks`, timing regions open and close here.
    fn boundary(&mut self, counters: &Counters) -> Control;
    /// The FPU-enable latch: while false, coprocessor instructions take the F-line
    /// exception without touching the 68882.
    fn fpu_enabled(&self) -> bool {
        true
    }
    /// The earliest clock at which a device will raise an interrupt or needs service, so
    /// the CPU may run until then without calling `boundary` for time's sake.
    fn next_event(&self) -> Option<u64> {
        None
    }
}
