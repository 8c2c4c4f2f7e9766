//! Trace hooks: what a listener may learn about a run (instructions retired, exceptions
//! taken, kernel entries). The emulator checks for a listener once per instruction; with
//! none installed, nothing else is done.
use crate::Registers;

/// A listener for run events. Every method has an empty default.
pub trait Tracer {
    /// An instruction retired: the PC it started at, its opcode word, and the clocks it was
    /// billed (exception processing it caused included).
    fn instruction(&mut self, _pc: u32, _opcode: u16, _clocks: u32) {}
    /// An exception was taken: its vector number and the PC of the instruction that
    /// raised it (for an interrupt, of the instruction it came before).
    fn exception(&mut self, _vector: u8, _pc: u32) {}
    /// A kernel entry: a TRAP #n instruction, with the registers as they stood when it ran
    /// (before exception processing changed SR, PC and A7).
    fn kernel_entry(&mut self, _trap: u8, _registers: &Registers) {}
    /// A kernel entry with the clock at the start of the TRAP instruction. The emulator
    /// calls this one; by default it forwards to [`Tracer::kernel_entry`].
    fn kernel_entry_at(&mut self, trap: u8, registers: &Registers, _clock: u64) {
        self.kernel_entry(trap, registers);
    }
    /// The CPU went from supervisor to user mode (an RTE, a write to SR): the registers
    /// after the instruction that did it, and the clock at which user code resumes.
    fn user_return(&mut self, _registers: &Registers, _clock: u64) {}
}

/// Several listeners at once (`--trace-syscalls` and `--profile` in one run): every event
/// goes to each, in order.
#[derive(Default)]
pub struct Tee(pub Vec<Box<dyn Tracer>>);

impl Tracer for Tee {
    fn instruction(&mut self, pc: u32, opcode: u16, clocks: u32) {
        for t in &mut self.0 {
            t.instruction(pc, opcode, clocks);
        }
    }
    fn exception(&mut self, vector: u8, pc: u32) {
        for t in &mut self.0 {
            t.exception(vector, pc);
        }
    }
    fn kernel_entry(&mut self, trap: u8, registers: &Registers) {
        for t in &mut self.0 {
            t.kernel_entry(trap, registers);
        }
    }
    fn kernel_entry_at(&mut self, trap: u8, registers: &Registers, clock: u64) {
        for t in &mut self.0 {
            t.kernel_entry_at(trap, registers, clock);
        }
    }
    fn user_return(&mut self, registers: &Registers, clock: u64) {
        for t in &mut self.0 {
            t.user_return(registers, clock);
        }
    }
}
