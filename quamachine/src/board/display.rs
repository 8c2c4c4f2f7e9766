//! The display device of `../shared/quamachine.md` ("Display"): the 256-entry palette,
//! VSYNC_COUNT and VSYNC_CONTROL with the level-4 retrace interrupt. The framebuffer
//! memory itself is plain board memory (`$8000_0000`); the host side that shows it
//! (window, PNG) is `crate::screen`.
//!
//! Time is exact integer arithmetic on the CPU clock: frame `n` (the `n`-th retrace)
//! falls at clock `ceil(n * hz / 60)`, so VSYNC_COUNT read at clock `c` is
//! `floor(c * 60 / hz)`. Nothing runs per instruction: the count is computed when read,
//! and the next retrace is an event only while the interrupt is enabled.
//!
//! Acknowledging: a retrace interrupt stays pending until the guest writes VSYNC_CONTROL
//! (writing 1 acknowledges and keeps the interrupt on, writing 0 turns it off).
//! Retraces that fall while one is pending count as missed.

/// Offset of the display block in the device page.
pub const DISPLAY_BASE: u32 = 0x300;
/// First palette entry (`$00RRGGBB`), 256 entries of 4 bytes.
pub const PALETTE: u32 = DISPLAY_BASE;
/// Last byte of the palette.
pub const PALETTE_END: u32 = DISPLAY_BASE + 0x3FF;
/// VSYNC_COUNT: frames shown so far (read only).
pub const VSYNC_COUNT: u32 = DISPLAY_BASE + 0x400;
/// VSYNC_CONTROL: bit 0 enables the level-4 retrace interrupt; a write acknowledges.
pub const VSYNC_CONTROL: u32 = DISPLAY_BASE + 0x404;
/// Retraces per second of emulated time.
pub const FRAMES_PER_SECOND: u64 = 60;
/// The shown part of the framebuffer.
pub const SHOWN_WIDTH: usize = 1024;
/// See [`SHOWN_WIDTH`].
pub const SHOWN_HEIGHT: usize = 768;
/// Bytes per framebuffer row (2048 pixels of one byte).
pub const STRIDE: usize = 2048;
/// The clock a board assumes until told otherwise (25 MHz, the command line's default).
pub const DEFAULT_CLOCK_HZ: u64 = 25_000_000;

/// Display registers and retrace timing.
#[derive(Debug, Clone)]
pub struct Display {
    /// The palette, `$00RRGGBB` per entry. Reset: a grey ramp (entry `i` = `$00iiiiii`),
    /// so 0 is black and 255 white before a guest sets its own colours.
    pub palette: [u32; 256],
    /// VSYNC_CONTROL (bit 0).
    pub control: u32,
    /// A retrace interrupt is pending (not yet acknowledged).
    pub pending: bool,
    /// Retrace interrupts raised so far (each retrace while enabled).
    pub retraces: u64,
    /// Retraces that fell while the previous interrupt was still pending.
    pub missed: u64,
    clock_hz: u64,
    /// Number of the next retrace that interrupts (valid while enabled).
    next_frame: u64,
    /// Clock of that retrace (`u64::MAX` while the interrupt is off).
    next_retrace: u64,
}

impl Default for Display {
    fn default() -> Self {
        Display::new(DEFAULT_CLOCK_HZ)
    }
}

impl Display {
    /// A display in reset state on a CPU clocked at `clock_hz`.
    pub fn new(clock_hz: u64) -> Self {
        let mut palette = [0u32; 256];
        for (i, p) in palette.iter_mut().enumerate() {
            *p = (i as u32) * 0x0001_0101;
        }
        Display {
            palette,
            control: 0,
            pending: false,
            retraces: 0,
            missed: 0,
            clock_hz: clock_hz.max(1),
            next_frame: 0,
            next_retrace: u64::MAX,
        }
    }

    /// Set the CPU clock rate (before the run starts; 0 is taken as 1 Hz).
    pub fn set_clock_hz(&mut self, hz: u64) {
        self.clock_hz = hz.max(1);
    }

    /// The CPU clock rate in Hz.
    pub fn clock_hz(&self) -> u64 {
        self.clock_hz
    }

    /// Whether `offset` (from `$FFFF_0000`, register-aligned) is a display register.
    #[inline]
    pub fn owns(offset: u32) -> bool {
        (PALETTE..=VSYNC_CONTROL).contains(&offset)
    }

    /// Frames shown by clock `clocks`: `floor(clocks * 60 / hz)`.
    pub fn frames_at(&self, clocks: u64) -> u64 {
        let f = u128::from(clocks) * u128::from(FRAMES_PER_SECOND) / u128::from(self.clock_hz);
        u64::try_from(f).unwrap_or(u64::MAX)
    }

    /// The clock of retrace `frame`: the first clock at which VSYNC_COUNT reaches it.
    pub fn retrace_clock(&self, frame: u64) -> u64 {
        let c =
            (u128::from(frame) * u128::from(self.clock_hz)).div_ceil(u128::from(FRAMES_PER_SECOND));
        u64::try_from(c).unwrap_or(u64::MAX)
    }

    /// Clock of the next retrace interrupt, `u64::MAX` while the interrupt is off.
    pub fn next_retrace(&self) -> u64 {
        self.next_retrace
    }

    /// Whether the interrupt is enabled.
    pub fn enabled(&self) -> bool {
        self.control & 1 != 0
    }

    /// Read register `offset` (register-aligned) at clock `now`.
    pub fn read(&self, offset: u32, now: u64) -> u32 {
        match offset {
            PALETTE..=PALETTE_END => self.palette[((offset - PALETTE) / 4) as usize],
            VSYNC_COUNT => self.frames_at(now) as u32,
            VSYNC_CONTROL => self.control,
            _ => 0,
        }
    }

    /// Write register `offset` (register-aligned) at clock `now`. VSYNC_COUNT is read
    /// only: writes are ignored.
    pub fn write(&mut self, offset: u32, value: u32, now: u64) {
        match offset {
            PALETTE..=PALETTE_END => {
                self.palette[((offset - PALETTE) / 4) as usize] = value & 0x00FF_FFFF;
            }
            VSYNC_CONTROL => {
                let was_enabled = self.enabled();
                self.control = value & 1;
                self.pending = false;
                if !self.enabled() {
                    self.next_retrace = u64::MAX;
                } else if !was_enabled {
                    self.next_frame = self.frames_at(now) + 1;
                    self.next_retrace = self.retrace_clock(self.next_frame);
                }
            }
            _ => {}
        }
    }

    /// Catch up to clock `now`: raise the interrupt for every retrace at or before it.
    pub fn advance(&mut self, now: u64) {
        if now < self.next_retrace {
            return;
        }
        let current = self.frames_at(now);
        let elapsed = current + 1 - self.next_frame;
        self.retraces += elapsed;
        self.missed += elapsed - 1 + u64::from(self.pending);
        self.pending = true;
        self.next_frame = current + 1;
        self.next_retrace = self.retrace_clock(self.next_frame);
    }

    /// The RGB colour of palette entry `index`.
    #[inline]
    pub fn rgb(&self, index: u8) -> [u8; 3] {
        let c = self.palette[index as usize];
        [(c >> 16) as u8, (c >> 8) as u8, c as u8]
    }

    /// The shown 1024 × 768 pixels of `framebuffer` through the palette, as `$00RRGGBB`
    /// words row by row (the window's format).
    pub fn render_rgb32(&self, framebuffer: &[u8], out: &mut Vec<u32>) {
        out.clear();
        out.reserve(SHOWN_WIDTH * SHOWN_HEIGHT);
        for row in framebuffer.chunks(STRIDE).take(SHOWN_HEIGHT) {
            out.extend(
                row.iter()
                    .take(SHOWN_WIDTH)
                    .map(|&p| self.palette[p as usize]),
            );
        }
    }

    /// The shown 1024 × 768 pixels as packed RGB bytes (the PNG's format).
    pub fn render_rgb24(&self, framebuffer: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(SHOWN_WIDTH * SHOWN_HEIGHT * 3);
        for row in framebuffer.chunks(STRIDE).take(SHOWN_HEIGHT) {
            for &p in row.iter().take(SHOWN_WIDTH) {
                out.extend_from_slice(&self.rgb(p));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retrace_arithmetic_is_exact() {
        // 25 MHz: 416 666 2/3 clocks per frame.
        let d = Display::new(25_000_000);
        assert_eq!(d.retrace_clock(1), 416_667);
        assert_eq!(d.retrace_clock(3), 1_250_000);
        assert_eq!(d.retrace_clock(60), 25_000_000);
        assert_eq!(d.frames_at(416_666), 0);
        assert_eq!(d.frames_at(416_667), 1);
        assert_eq!(d.frames_at(24_999_999), 59);
        assert_eq!(d.frames_at(25_000_000), 60);
        for f in 0..200 {
            let c = d.retrace_clock(f);
            assert_eq!(d.frames_at(c), f);
            if c > 0 {
                assert_eq!(d.frames_at(c - 1), f - 1);
            }
        }
        // No overflow at the end of time.
        assert_eq!(Display::new(1).frames_at(u64::MAX), u64::MAX);
    }

    #[test]
    fn interrupt_pends_until_acknowledged_and_counts_misses() {
        let mut d = Display::new(6_000); // 100 clocks per frame
        d.write(VSYNC_CONTROL, 1, 50);
        assert_eq!(d.next_retrace(), 100);
        d.advance(99);
        assert!(!d.pending);
        d.advance(100);
        assert!(d.pending);
        assert_eq!(d.next_retrace(), 200);
        d.advance(450); // retraces 2, 3, 4 while 1 is still pending
        assert_eq!((d.retraces, d.missed), (4, 3));
        d.write(VSYNC_CONTROL, 1, 460);
        assert!(!d.pending && d.enabled());
        assert_eq!(d.next_retrace(), 500, "acknowledging keeps the schedule");
        d.write(VSYNC_CONTROL, 0, 470);
        assert_eq!(d.next_retrace(), u64::MAX);
    }
}
