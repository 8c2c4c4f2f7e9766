//! The engine of `quamachine play`: a guest player image on a board whose Sound-IO
//! device hears a source on CD-IN and sends DA-OUT to a sink, run until the clip has
//! been played, with the progress line, live-audio pacing and interrupt timing.
//!
//! Owns the policy of a play run: when it is over (the output has as many frames as
//! asked for, the source ran out and the player's latency has passed, the guest faulted,
//! or the guest never played), how emulated time is paced (only when the sink plays in
//! real time: the run sleeps while the sink holds more than [`PACE_MARK`] frames, so
//! emulated time follows the audio device's clock; otherwise as fast as the host goes),
//! and how the Sound-IO interrupt handlers are timed: a [`emulator::Tracer`] adds up
//! the clocks of the handler's instructions from the level-5 autovector exception to the
//! RTE that ends it, and the board supplies the clocks of the exception processing
//! itself ([`crate::board::Board::sound_entry_clocks`]). The command line is `cmd_play`.
use crate::board::console::{ConsoleInput, ConsoleOutput};
use crate::board::{Board, SOUND_IRQ_LEVEL};
use crate::loader::Image;
use crate::session::{RunConfig, Session};
use emulator::{AccessSize, Exit, Machine, Tracer};
use sound_io::device::reg;
use sound_io::{Channel, FRAME_RATE, Sink, SoundStats, Source};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::io::Write;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// The embedded player's latency: DA-OUT plays the CD stream this many frames late (one
/// frame period through the device; `kernel-asm/sound/cdplay.s`).
pub const PLAYER_LATENCY_FRAMES: u64 = 1;

/// The kernel's CD player's latency (`kernel-asm/user/cdplayer.s`, the image
/// `quamachine play` runs): DA-OUT and CD-IN start together, the speaker plays two
/// 1024-frame blocks of silence while the first CD block fills and is copied, and the
/// device's output latch adds one frame.
pub const KERNEL_PLAYER_LATENCY_FRAMES: u64 = 2 * 1024 + 1;

/// A live sink holding more than this many frames (0.25 s) makes the run wait.
pub const PACE_MARK: usize = FRAME_RATE as usize / 4;

/// How long past the expected end of the output a run may go before it is declared
/// stalled (the guest is not playing), in emulated seconds.
const STALL_SECONDS: u64 = 2;

/// Settings of a play run.
#[derive(Debug, Clone, Copy)]
pub struct PlayConfig {
    /// The machine (clock, wait states, RAM, timing mode; `max_cycles` is ignored).
    pub run: RunConfig,
    /// Stop after this many output frames (`--seconds`); `None`: the whole source.
    pub max_frames: Option<u64>,
    /// Show a progress line on stderr.
    pub progress: bool,
    /// How many frames DA-OUT runs behind CD-IN with this player (the output is that
    /// much longer than the clip).
    pub latency_frames: u64,
}

/// How a play run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlayEnd {
    /// The clip (or the requested part of it) was played out.
    Finished,
    /// The display window was closed (`--display window`).
    WindowClosed,
    /// The guest wrote HALT.
    Halt(u32),
    /// Double bus fault.
    DoubleFault {
        /// PC of the faulting instruction.
        pc: u32,
    },
    /// An exception with no handler.
    UnhandledException {
        /// Vector number.
        vector: u8,
        /// PC of the faulting instruction.
        pc: u32,
    },
    /// The CPU executed STOP and nothing can wake it.
    StoppedForever {
        /// PC after the STOP.
        pc: u32,
    },
    /// The output did not reach its length well after it should have: the guest is not
    /// playing (DA-OUT off, or never turned on).
    Stalled,
}

/// Clocks per Sound-IO interrupt, from its interrupt-acknowledge cycle to the end of the
/// RTE that returns from it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HandlerTimes {
    counts: BTreeMap<u64, u64>,
    n: u64,
}

impl HandlerTimes {
    fn record(&mut self, clocks: u64) {
        *self.counts.entry(clocks).or_default() += 1;
        self.n += 1;
    }

    /// Handlers timed.
    pub fn count(&self) -> u64 {
        self.n
    }

    /// The fewest clocks.
    pub fn min(&self) -> Option<u64> {
        self.counts.keys().next().copied()
    }

    /// The most clocks.
    pub fn max(&self) -> Option<u64> {
        self.counts.keys().next_back().copied()
    }

    /// The median (of an even count, the lower middle sample).
    pub fn median(&self) -> Option<u64> {
        if self.n == 0 {
            return None;
        }
        let want = (self.n - 1) / 2;
        let mut seen = 0;
        for (&clocks, &k) in &self.counts {
            seen += k;
            if seen > want {
                return Some(clocks);
            }
        }
        None
    }
}

/// Times the Sound-IO handlers (see the module documentation).
struct HandlerTimer {
    times: Rc<RefCell<HandlerTimes>>,
    entry: Rc<Cell<u64>>,
    depth: u32,
    clocks: u64,
}

/// The autovector of the Sound-IO level.
const SOUND_VECTOR: u8 = 24 + SOUND_IRQ_LEVEL;
const RTE: u16 = 0x4E73;

impl Tracer for HandlerTimer {
    fn instruction(&mut self, _pc: u32, opcode: u16, clocks: u32) {
        if self.depth == 0 {
            return;
        }
        self.clocks += u64::from(clocks);
        if opcode == RTE {
            self.depth -= 1;
            if self.depth == 0 {
                self.times
                    .borrow_mut()
                    .record(self.entry.get() + self.clocks);
            }
        }
    }

    fn exception(&mut self, vector: u8, _pc: u32) {
        // Exceptions nested in a handler (until their RTE) count towards it, without
        // their own entry clocks; a handler that never returns is never recorded.
        if self.depth > 0 {
            self.depth += 1;
        } else if vector == SOUND_VECTOR {
            self.depth = 1;
            self.clocks = 0;
        }
    }
}

/// What a play run did.
#[derive(Debug, Clone)]
pub struct PlayOutcome {
    /// How it ended.
    pub end: PlayEnd,
    /// The device's counts (periods, interrupts taken, frames, overruns per channel).
    pub stats: SoundStats,
    /// The OVERRUN register as the guest would read it at the end.
    pub overrun_register: u32,
    /// Clocks per Sound-IO interrupt.
    pub handler: HandlerTimes,
    /// Frames the sink received.
    pub frames_out: u64,
    /// CPU clocks at the end.
    pub clocks: u64,
    /// Instructions retired.
    pub instructions: u64,
    /// Wall-clock seconds.
    pub host_seconds: f64,
    /// Host underruns of a live sink (frames it played as silence because the emulator
    /// was late), if the sink plays in real time.
    pub host_underruns: Option<u64>,
    /// The sink's error, if finishing it failed (a WAV file that could not be written).
    pub sink_error: Option<String>,
    /// The source's read error, if it ended early.
    pub source_error: Option<String>,
}

/// Play `cd` through the player `image` into `sink` (AD-IN hears `ad`), guest console
/// output to `console`.
pub fn play(
    image: &Image,
    config: PlayConfig,
    cd: Box<dyn Source>,
    ad: Box<dyn Source>,
    sink: Box<dyn Sink>,
    console: ConsoleOutput,
) -> PlayOutcome {
    play_with(
        image,
        config,
        cd,
        ad,
        sink,
        console,
        &mut crate::screen::NoFrontend,
    )
}

/// [`play`], showing the framebuffer through `frontend` between slices (`--display`,
/// `--screenshot`); closing the window ends the run ([`PlayEnd::WindowClosed`]).
pub fn play_with(
    image: &Image,
    config: PlayConfig,
    cd: Box<dyn Source>,
    ad: Box<dyn Source>,
    sink: Box<dyn Sink>,
    console: ConsoleOutput,
    frontend: &mut dyn crate::screen::Frontend,
) -> PlayOutcome {
    let source_frames = cd.frames();
    let mut session = Session::new(image, config.run, ConsoleInput::None, console);
    let board: &mut Board = &mut session.board;
    board.sound.set_source(Channel::Cd, cd);
    board.sound.set_source(Channel::Ad, ad);
    board.sound.set_sink(sink);
    let wanted = match (config.max_frames, source_frames) {
        (Some(m), Some(s)) => Some(m.min(s + config.latency_frames)),
        (Some(m), None) => Some(m),
        (None, Some(s)) => Some(s + config.latency_frames),
        (None, None) => None,
    };
    board.sound.set_output_limit(wanted);
    let entry = Rc::new(Cell::new(0));
    board.sound_entry_clocks = Some(entry.clone());
    let times = Rc::new(RefCell::new(HandlerTimes::default()));
    session.cpu.set_tracer(Some(Box::new(HandlerTimer {
        times: times.clone(),
        entry,
        depth: 0,
        clocks: 0,
    })));

    let hz = (config.run.clock_mhz * 1e6).round() as u64;
    let slice = (hz / 100).max(10_000);
    let stall_at = wanted.map(|w| (w / u64::from(FRAME_RATE) + STALL_SECONDS) * hz);
    let started = Instant::now();
    let mut progress = PlayProgress::new(config.progress, started, wanted);
    let end = loop {
        let sound = &session.board.sound;
        let played = sound.stats().da_frames;
        if sound.output_done() {
            break PlayEnd::Finished;
        }
        if let Some(real) = sound.stats().cd_ended
            && played >= real + config.latency_frames
        {
            // The source ran out early (a read error): what it gave has been played.
            break PlayEnd::Finished;
        }
        let now = session.cpu.counters().clocks;
        if stall_at.is_some_and(|s| now >= s) {
            break PlayEnd::Stalled;
        }
        // Up to a slice, but no further than the period that plays the last frame wanted
        // (once DA-OUT runs, one frame a period). At least one boundary is always run.
        let mut until = now + slice;
        if let Some(w) = wanted
            && played > 0
            && sound.running()
        {
            let last = sound
                .frame_clock()
                .due(sound.next_frame() + (w - played - 1));
            until = until.min((last + 1).max(now + 1));
        }
        match session.cpu.run(&mut session.board, until) {
            Exit::ClockLimit => {
                if session.cpu.is_stopped() && !session.board.can_wake() {
                    break PlayEnd::StoppedForever {
                        pc: session.cpu.registers().pc,
                    };
                }
                session.board.console.flush();
                if !frontend.refresh(&session.board, &session.cpu.counters()) {
                    break PlayEnd::WindowClosed;
                }
                pace(&session.board);
                progress.update(
                    &session.board.sound.stats(),
                    hz,
                    session.cpu.counters().clocks,
                );
            }
            Exit::MachineStop => match session.board.halt {
                Some(v) => break PlayEnd::Halt(v),
                None => continue,
            },
            Exit::DoubleFault { pc } => break PlayEnd::DoubleFault { pc },
            Exit::UnhandledException { vector, pc, .. } => {
                break PlayEnd::UnhandledException { vector, pc };
            }
        }
    };
    progress.clear();
    session.board.console.flush();
    frontend.finish(&session.board, &session.cpu.counters());
    let _ = session.cpu.take_tracer();
    let board = &mut session.board;
    let overrun_register = board
        .read(0xFFFF_0100 + reg::OVERRUN, AccessSize::Long)
        .unwrap_or(0);
    let stats = board.sound.stats();
    let frames_out = wanted.map_or(stats.da_frames, |w| stats.da_frames.min(w));
    let host_underruns = board.sound.sink().underruns();
    let sink_error = board.sound.sink_mut().finish().err();
    let source_error = board.sound.source_error(Channel::Cd);
    let counters = session.cpu.counters();
    let handler = times.borrow().clone();
    PlayOutcome {
        end,
        stats,
        overrun_register,
        handler,
        frames_out,
        clocks: counters.clocks,
        instructions: counters.instructions,
        host_seconds: started.elapsed().as_secs_f64(),
        host_underruns,
        sink_error,
        source_error,
    }
}

/// Live sinks: wait while the sink holds more than [`PACE_MARK`] frames.
fn pace(board: &Board) {
    while let Some(b) = board.sound.sink().backlog() {
        if b <= PACE_MARK {
            return;
        }
        let ahead = (b - PACE_MARK) as f64 / f64::from(FRAME_RATE);
        std::thread::sleep(Duration::from_secs_f64(ahead.max(0.002)));
    }
}

/// The progress line: seconds played, real-time factor, overruns; on stderr, only when
/// enabled, after the first half second, at most five times a second.
struct PlayProgress {
    enabled: bool,
    started: Instant,
    last: Option<Instant>,
    shown: bool,
    total: Option<u64>,
}

impl PlayProgress {
    fn new(enabled: bool, started: Instant, total: Option<u64>) -> Self {
        PlayProgress {
            enabled,
            started,
            last: None,
            shown: false,
            total,
        }
    }

    fn update(&mut self, s: &SoundStats, hz: u64, clocks: u64) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        let elapsed = now - self.started;
        if elapsed < Duration::from_millis(500)
            || self
                .last
                .is_some_and(|l| now - l < Duration::from_millis(200))
        {
            return;
        }
        self.last = Some(now);
        let rate = f64::from(FRAME_RATE);
        let played = s.da_frames as f64 / rate;
        let of = self
            .total
            .map(|t| format!(" of {:.1} s", t as f64 / rate))
            .unwrap_or_default();
        let factor = clocks as f64 / hz as f64 / elapsed.as_secs_f64();
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r\x1b[2K[played {played:.1} s{of}, real-time factor {factor:.2}x, overruns {}]",
            s.overruns()
        );
        let _ = err.flush();
        self.shown = true;
    }

    fn clear(&mut self) {
        if self.shown {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}
