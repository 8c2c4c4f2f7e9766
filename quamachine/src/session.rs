//! One run of an image on a board: reset, the run loop (in slices of emulated time, with
//! the progress line and console flushing between slices), and the outcome.
//!
//! Owns the policy of a run (when to stop, what to show while running); the command
//! line (`cmd_run`) formats the outcome, and the CPU is the emulator's.
use crate::board::console::{ConsoleInput, ConsoleOutput};
use crate::board::probes::Region;
use crate::board::{Board, BoardConfig};
use crate::loader::Image;
use crate::screen::{Frontend, NoFrontend};
use emulator::{Config, Counters, Emulator, Exit, Registers, TimingMode};
use std::collections::BTreeMap;
use std::io::Write;
use std::time::{Duration, Instant};

/// Settings of a run.
#[derive(Debug, Clone, Copy)]
pub struct RunConfig {
    /// CPU clock in MHz (1–50), for µs and real-time factors only.
    pub clock_mhz: f64,
    /// RAM wait states.
    pub wait_states: u32,
    /// RAM size in MiB.
    pub ram_mib: u32,
    /// Timing mode.
    pub timing: TimingMode,
    /// Stop after this many clocks.
    pub max_cycles: Option<u64>,
    /// Show a progress line on stderr for runs longer than a second.
    pub progress: bool,
}

impl Default for RunConfig {
    fn default() -> Self {
        RunConfig {
            clock_mhz: 25.0,
            wait_states: 1,
            ram_mib: 16,
            timing: TimingMode::Overlap,
            max_cycles: None,
            progress: false,
        }
    }
}

impl RunConfig {
    /// The board configuration these settings describe.
    pub fn board(&self) -> BoardConfig {
        BoardConfig {
            ram_size: self.ram_mib << 20,
            ram_wait_states: self.wait_states,
        }
    }
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunExit {
    /// The guest wrote this value to HALT.
    Halt(u32),
    /// The clock limit was reached first.
    MaxCycles {
        /// The limit.
        limit: u64,
    },
    /// Double bus fault.
    DoubleFault {
        /// PC of the faulting instruction.
        pc: u32,
    },
    /// The CPU executed STOP and no device can ever interrupt it (the timer is off and
    /// no console input can arrive while its interrupt is enabled).
    StoppedForever {
        /// PC after the STOP instruction.
        pc: u32,
    },
    /// The display window was closed before the guest halted.
    WindowClosed,
    /// An exception with no handler.
    UnhandledException {
        /// Vector number.
        vector: u8,
        /// PC of the faulting instruction.
        pc: u32,
        /// Its first words.
        opcode: [u16; 3],
    },
}

/// What a run produced.
#[derive(Debug, Clone)]
pub struct RunOutcome {
    /// How it ended.
    pub exit: RunExit,
    /// The CPU's counters at the end.
    pub counters: Counters,
    /// The CPU's registers at the end.
    pub registers: Registers,
    /// Timing regions by id.
    pub regions: BTreeMap<u16, Region>,
    /// Timer periods elapsed / missed.
    pub timer_ticks: u64,
    /// See `timer_ticks`.
    pub timer_missed: u64,
    /// Wall-clock seconds.
    pub host_seconds: f64,
    /// Console output failure, if any.
    pub output_error: Option<String>,
}

/// A board with an image loaded and a CPU reset at its entry point.
pub struct Session {
    /// The board.
    pub board: Board,
    /// The CPU.
    pub cpu: Emulator,
    config: RunConfig,
}

impl Session {
    /// Build the board, load `image` (already checked against the same RAM size) and
    /// reset the CPU: supervisor, mask 7, caches and MMU off, VBR 0, SSP at the top of
    /// RAM, PC at the entry point.
    pub fn new(
        image: &Image,
        config: RunConfig,
        input: ConsoleInput,
        output: ConsoleOutput,
    ) -> Self {
        let board_config = config.board();
        let mut board = Board::new(board_config, input, output);
        let clock_hz = (config.clock_mhz * 1e6).round() as u64;
        board.display.set_clock_hz(clock_hz);
        board.sound.set_clock_hz(clock_hz);
        board.load(image);
        let mut cpu = Emulator::new(Config {
            timing: config.timing,
        });
        cpu.reset(&mut board, image.entry, board_config.ram_size);
        Session { board, cpu, config }
    }

    /// Run to the end: HALT, a fault, or `max_cycles`.
    pub fn run(self) -> RunOutcome {
        self.run_with(&mut NoFrontend)
    }

    /// Run to the end with a display `frontend`, refreshed between slices; closing its
    /// window ends the run ([`RunExit::WindowClosed`]).
    pub fn run_with(mut self, frontend: &mut dyn Frontend) -> RunOutcome {
        let hz = self.config.clock_mhz * 1e6;
        // Slices of 10 ms of emulated time: progress and output flushing happen between.
        let slice = ((hz / 100.0) as u64).max(10_000);
        let started = Instant::now();
        let mut progress = Progress::new(self.config.progress, started);
        let exit = loop {
            let now = self.cpu.counters().clocks;
            let mut until = now.saturating_add(slice);
            if let Some(limit) = self.config.max_cycles {
                until = until.min(limit);
            }
            match self.cpu.run(&mut self.board, until) {
                Exit::ClockLimit => {
                    let clocks = self.cpu.counters().clocks;
                    if let Some(limit) = self.config.max_cycles
                        && clocks >= limit
                    {
                        break RunExit::MaxCycles { limit };
                    }
                    if self.cpu.is_stopped() && !self.board.can_wake() {
                        break RunExit::StoppedForever {
                            pc: self.cpu.registers().pc,
                        };
                    }
                    self.board.console.flush();
                    if self.cpu.is_stopped() && self.board.waits_only_for_console() {
                        // Idle until a key arrives: about real time instead of a busy spin.
                        self.board.console.wait_input(Duration::from_millis(10));
                    }
                    if progress.update(&self.cpu.counters(), hz) {
                        self.board.console.status_line_shown = true;
                    }
                    if !frontend.refresh(&self.board, &self.cpu.counters()) {
                        break RunExit::WindowClosed;
                    }
                }
                Exit::MachineStop => match self.board.halt {
                    Some(v) => break RunExit::Halt(v),
                    None => continue,
                },
                Exit::DoubleFault { pc } => break RunExit::DoubleFault { pc },
                Exit::UnhandledException { vector, pc, opcode } => {
                    break RunExit::UnhandledException { vector, pc, opcode };
                }
            }
        };
        progress.clear();
        self.board.console.flush();
        frontend.finish(&self.board, &self.cpu.counters());
        let host_seconds = started.elapsed().as_secs_f64();
        let output_error = self
            .board
            .console
            .output_error
            .take()
            .map(|e| e.to_string());
        RunOutcome {
            exit,
            counters: self.cpu.counters(),
            registers: self.cpu.registers(),
            regions: std::mem::take(&mut self.board.probes.regions),
            timer_ticks: self.board.timer.ticks,
            timer_missed: self.board.timer.missed,
            host_seconds,
            output_error,
        }
    }
}

/// The progress line: on stderr, only when enabled, only after the first real second,
/// rewritten in place at most twice a second.
struct Progress {
    enabled: bool,
    started: Instant,
    last: Option<Instant>,
    shown: bool,
}

impl Progress {
    fn new(enabled: bool, started: Instant) -> Self {
        Progress {
            enabled,
            started,
            last: None,
            shown: false,
        }
    }

    /// Redraw the line if it is time; true when it was drawn.
    fn update(&mut self, c: &Counters, hz: f64) -> bool {
        if !self.enabled {
            return false;
        }
        let now = Instant::now();
        let elapsed = now - self.started;
        if elapsed < Duration::from_secs(1) {
            return false;
        }
        if let Some(last) = self.last
            && now - last < Duration::from_millis(500)
        {
            return false;
        }
        self.last = Some(now);
        let emulated = c.clocks as f64 / hz;
        let host = elapsed.as_secs_f64();
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r\x1b[2K[{emulated:.3} s emulated in {host:.1} s, real-time factor {:.2}x, {:.1} MIPS]",
            emulated / host,
            c.instructions as f64 / host / 1e6
        );
        let _ = err.flush();
        self.shown = true;
        true
    }

    fn clear(&mut self) {
        if self.shown {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
            self.shown = false;
        }
    }
}
