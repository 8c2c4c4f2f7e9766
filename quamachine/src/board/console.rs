//! The console device: CONSOLE_TX (guest output to the host), CONSOLE_RX and
//! CONSOLE_STATUS (host input to the guest, level-2 interrupt when enabled).
//!
//! Output is buffered here and handed to the sink at each newline, when 4 KiB pile up,
//! when the guest looks for input, and when the run loop asks (`flush`). Host stdin is
//! read by a background thread that is started only when the guest first touches
//! CONSOLE_RX or CONSOLE_STATUS, so a program that never reads input never consumes it.
use std::collections::VecDeque;
use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// Where the guest's console input comes from.
pub enum ConsoleInput {
    /// The host's stdin, read by a background thread (started lazily).
    Stdin,
    /// A fixed sequence of bytes (tests, scripted runs); then end of input.
    Bytes(Vec<u8>),
    /// No input at all.
    None,
}

/// Where the guest's console output goes.
pub type ConsoleOutput = Box<dyn Write + Send>;

enum Source {
    /// Stdin, thread not started yet.
    LazyStdin,
    /// Chunks from the reader thread.
    Channel(Receiver<Vec<u8>>),
    /// No more input will come.
    Closed,
}

/// The console device state.
pub struct Console {
    out: ConsoleOutput,
    out_buf: Vec<u8>,
    /// Set when writing to the sink failed (reported once, at the end of the run).
    pub output_error: Option<std::io::Error>,
    input: VecDeque<u8>,
    source: Source,
    /// CONSOLE_STATUS bit 8: raise level 2 while input is waiting.
    pub irq_enabled: bool,
    /// A progress line is on the terminal (stderr): erase it before the next output so
    /// the guest's text does not land after it.
    pub status_line_shown: bool,
}

/// CONSOLE_STATUS bit: input waiting.
pub const STATUS_INPUT_WAITING: u32 = 1;
/// CONSOLE_STATUS bit: input interrupt enable.
pub const STATUS_IRQ_ENABLE: u32 = 1 << 8;

impl Console {
    /// A console writing to `out` and reading from `input`.
    pub fn new(input: ConsoleInput, out: ConsoleOutput) -> Self {
        let (queue, source) = match input {
            ConsoleInput::Stdin => (VecDeque::new(), Source::LazyStdin),
            ConsoleInput::Bytes(b) => (VecDeque::from(b), Source::Closed),
            ConsoleInput::None => (VecDeque::new(), Source::Closed),
        };
        Console {
            out,
            out_buf: Vec::with_capacity(4096),
            output_error: None,
            input: queue,
            source,
            irq_enabled: false,
            status_line_shown: false,
        }
    }

    /// CONSOLE_TX write.
    #[inline]
    pub fn transmit(&mut self, byte: u8) {
        self.out_buf.push(byte);
        if byte == b'\n' || self.out_buf.len() >= 4096 {
            self.flush();
        }
    }

    /// Hand buffered output to the sink.
    pub fn flush(&mut self) {
        if self.out_buf.is_empty() {
            return;
        }
        if self.status_line_shown {
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(b"\r\x1b[2K");
            let _ = err.flush();
            self.status_line_shown = false;
        }
        if self.output_error.is_none() {
            let result = self
                .out
                .write_all(&self.out_buf)
                .and_then(|()| self.out.flush());
            if let Err(e) = result {
                self.output_error = Some(e);
            }
        }
        self.out_buf.clear();
    }

    /// Move whatever the host has sent into the input queue (starting the stdin reader
    /// if it is not running yet).
    pub fn poll(&mut self) {
        loop {
            match &self.source {
                Source::LazyStdin => {
                    self.source = Source::Channel(spawn_stdin_reader());
                }
                Source::Channel(rx) => match rx.try_recv() {
                    Ok(chunk) => self.input.extend(chunk),
                    Err(TryRecvError::Empty) => return,
                    Err(TryRecvError::Disconnected) => self.source = Source::Closed,
                },
                Source::Closed => return,
            }
        }
    }

    /// Wait up to `timeout` of real time for host input (for a CPU that sleeps in STOP
    /// until a key arrives); returns at once if input is queued or none can come.
    pub fn wait_input(&mut self, timeout: std::time::Duration) {
        if !self.input.is_empty() {
            return;
        }
        if let Source::Channel(rx) = &self.source {
            match rx.recv_timeout(timeout) {
                Ok(chunk) => self.input.extend(chunk),
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    self.source = Source::Closed;
                }
            }
        }
    }

    /// Whether more input may still arrive from the host (the reader is running).
    pub fn input_may_arrive(&self) -> bool {
        matches!(self.source, Source::Channel(_))
    }

    /// Whether a byte is waiting (without polling the host).
    #[inline]
    pub fn input_waiting(&self) -> bool {
        !self.input.is_empty()
    }

    /// CONSOLE_RX read: the next byte or `$FFFF_FFFF`.
    pub fn receive(&mut self) -> u32 {
        self.flush();
        if self.input.is_empty() {
            self.poll();
        }
        self.input.pop_front().map_or(0xFFFF_FFFF, u32::from)
    }

    /// CONSOLE_STATUS read.
    pub fn status(&mut self) -> u32 {
        self.flush();
        self.poll();
        let mut s = 0;
        if self.input_waiting() {
            s |= STATUS_INPUT_WAITING;
        }
        if self.irq_enabled {
            s |= STATUS_IRQ_ENABLE;
        }
        s
    }

    /// CONSOLE_STATUS write.
    pub fn set_status(&mut self, value: u32) {
        self.irq_enabled = value & STATUS_IRQ_ENABLE != 0;
        if self.irq_enabled {
            self.poll();
        }
    }

    /// Whether the console asserts its interrupt (level 2).
    #[inline]
    pub fn irq(&self) -> bool {
        self.irq_enabled && self.input_waiting()
    }
}

impl Drop for Console {
    fn drop(&mut self) {
        self.flush();
    }
}

fn spawn_stdin_reader() -> Receiver<Vec<u8>> {
    let (tx, rx) = channel();
    let spawned = std::thread::Builder::new()
        .name("console-stdin".into())
        .spawn(move || {
            let mut stdin = std::io::stdin();
            let mut buf = [0u8; 4096];
            loop {
                match stdin.read(&mut buf) {
                    Ok(0) => return,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            return;
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => return,
                }
            }
        });
    // If the thread cannot be started the receiver's sender is gone: input is closed.
    drop(spawned);
    rx
}
