//! System call tracing (`--trace-syscalls FILE`): an [`emulator::Tracer`] that writes one
//! JSON line per kernel entry (schema `quamachine-syscall/1`, in the README).
//!
//! A call opens at a TRAP taken in user mode and closes at the next return to user mode
//! (the RTE, or any SR write, that leaves supervisor mode), whichever thread it resumes.
//! The tracer only observes: the emulator bills the same clocks with or without it.
use emulator::{Registers, Tracer};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// The trace option, shared by every subcommand that runs a guest.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct SyscallTraceArgs {
    /// Record every kernel entry (TRAP) as a JSON line in FILE: trap, selector (d2),
    /// d0/d1/a0/a1, call-site PC, return value (d0), clocks in the call and since the last.
    #[arg(long, value_name = "FILE")]
    pub trace_syscalls: Option<PathBuf>,
}

/// One kernel entry, as written to the trace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyscallRecord {
    /// Sequence number, from 0, in entry order.
    pub seq: u64,
    /// The TRAP vector number (0–15).
    pub trap: u8,
    /// d2 for TRAP #15 (the kernel procedure index), else null.
    pub selector: Option<u32>,
    /// Argument registers as the TRAP ran.
    pub d0: u32,
    /// See `d0`.
    pub d1: u32,
    /// See `d0`.
    pub d2: u32,
    /// See `d0`.
    pub a0: u32,
    /// See `d0`.
    pub a1: u32,
    /// Address of the TRAP instruction (the call site).
    pub pc: u32,
    /// Whether the TRAP ran in user mode (a supervisor TRAP has no return to user mode:
    /// its `ret`, `clocks` and `exit_clocks` are null and it is written at entry).
    pub user: bool,
    /// CPU clock at the start of the TRAP instruction.
    pub clock: u64,
    /// d0 when the CPU returned to user mode; null if it never did.
    pub ret: Option<u32>,
    /// Clocks from the start of the TRAP to the first user instruction after the return.
    pub clocks: Option<u64>,
    /// Clocks of the TRAP instruction itself (its exception processing included).
    pub entry_clocks: u32,
    /// Clocks of the instruction that returned to user mode (the RTE).
    pub exit_clocks: Option<u32>,
    /// Clocks from the previous user call's return to this TRAP; null for the first.
    pub since_prev: Option<u64>,
}

struct State {
    out: Box<dyn Write>,
    error: Option<std::io::Error>,
    seq: u64,
    open: Option<SyscallRecord>,
    /// The next `instruction` is the TRAP of the record in `open` (or of a supervisor trap).
    trap_pending: bool,
    pending_super: Option<SyscallRecord>,
    last_clocks: u32,
    last_return: Option<u64>,
    written: u64,
}

impl State {
    fn emit(&mut self, r: &SyscallRecord) {
        if self.error.is_some() {
            return;
        }
        let res = serde_json::to_writer(&mut self.out, r)
            .map_err(std::io::Error::other)
            .and_then(|()| self.out.write_all(b"\n"));
        match res {
            Ok(()) => self.written += 1,
            Err(e) => self.error = Some(e),
        }
    }
}

/// The recorder: install [`SyscallTracer::tracer`] in the emulator, call
/// [`SyscallTracer::finish`] after the run.
#[derive(Clone)]
pub struct SyscallTracer(Rc<RefCell<State>>);

impl SyscallTracer {
    /// A recorder writing to `out`.
    pub fn new(out: Box<dyn Write>) -> Self {
        SyscallTracer(Rc::new(RefCell::new(State {
            out,
            error: None,
            seq: 0,
            open: None,
            trap_pending: false,
            pending_super: None,
            last_clocks: 0,
            last_return: None,
            written: 0,
        })))
    }

    /// A recorder writing to a new file at `path`.
    pub fn create(path: &Path) -> Result<Self, String> {
        let f = File::create(path)
            .map_err(|e| format!("cannot create the trace file {}: {e}", path.display()))?;
        Ok(Self::new(Box::new(BufWriter::new(f))))
    }

    /// The listener to give the emulator.
    pub fn tracer(&self) -> Box<dyn Tracer> {
        Box::new(self.clone())
    }

    /// Write a call still open at the end (no return), flush, and report how many lines
    /// were written, or the first write error.
    pub fn finish(&self) -> Result<u64, std::io::Error> {
        let mut s = self.0.borrow_mut();
        if let Some(r) = s.open.take() {
            s.emit(&r);
        }
        if let Some(r) = s.pending_super.take() {
            s.emit(&r);
        }
        if let Some(e) = s.error.take() {
            return Err(e);
        }
        s.out.flush()?;
        Ok(s.written)
    }
}

impl Tracer for SyscallTracer {
    fn instruction(&mut self, _pc: u32, _opcode: u16, clocks: u32) {
        let mut s = self.0.borrow_mut();
        s.last_clocks = clocks;
        if s.trap_pending {
            s.trap_pending = false;
            if let Some(r) = s.open.as_mut() {
                r.entry_clocks = clocks;
            }
            if let Some(mut r) = s.pending_super.take() {
                r.entry_clocks = clocks;
                s.emit(&r);
            }
        }
    }

    fn kernel_entry_at(&mut self, trap: u8, regs: &Registers, clock: u64) {
        let mut s = self.0.borrow_mut();
        let user = regs.sr & 0x2000 == 0;
        let r = SyscallRecord {
            seq: s.seq,
            trap,
            selector: (trap == 15).then_some(regs.d[2]),
            d0: regs.d[0],
            d1: regs.d[1],
            d2: regs.d[2],
            a0: regs.a[0],
            a1: regs.a[1],
            pc: regs.pc.wrapping_sub(2),
            user,
            clock,
            ret: None,
            clocks: None,
            entry_clocks: 0,
            exit_clocks: None,
            since_prev: if user {
                s.last_return.map(|t| clock.saturating_sub(t))
            } else {
                None
            },
        };
        s.seq += 1;
        s.trap_pending = true;
        if user {
            // Only one user call can be open: a TRAP from user mode follows a return.
            if let Some(old) = s.open.take() {
                s.emit(&old);
            }
            s.open = Some(r);
        } else {
            s.pending_super = Some(r);
        }
    }

    fn user_return(&mut self, regs: &Registers, clock: u64) {
        let mut s = self.0.borrow_mut();
        if let Some(mut r) = s.open.take() {
            r.ret = Some(regs.d[0]);
            r.clocks = Some(clock - r.clock);
            r.exit_clocks = Some(s.last_clocks);
            s.last_return = Some(clock);
            s.emit(&r);
        }
    }
}
