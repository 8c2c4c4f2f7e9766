//! The Sound-IO device: registers, frame clock, interrupt line, overruns.
//!
//! Registers (offsets from the block's base, `$FFFF_0100` on the board), all 32-bit:
//!
//! | offset | name | behaviour |
//! |---|---|---|
//! | `$00` | CONTROL | bit 0 CD-IN on, bit 1 AD-IN on, bit 2 DA-OUT on (read/write) |
//! | `$04` | STATUS | read: the channels with a frame due (same bits); reading does not clear |
//! | `$08` | CD_DATA | read: the current CD frame; the read acknowledges CD-IN |
//! | `$0C` | AD_DATA | read: the current A/D frame; the read acknowledges AD-IN |
//! | `$10` | DA_DATA | write: the next output frame; the write acknowledges DA-OUT (reads 0) |
//! | `$14` | OVERRUN | read: frames lost or missed since reset, all channels (low 32 bits) |
//!
//! Timing. The frame clock runs from reset: frame `n` is due at CPU clock
//! `floor(n * clock_hz / 44100)` ([`FrameClock`]), computed in 128-bit integers, so over
//! any stretch of emulated time the count of frames is exact. While at least one channel
//! is on, each due frame is a *frame period*: every channel that is on takes its frame
//! (the input channels latch the next frame of their source, DA-OUT plays a frame) and
//! sets its STATUS bit; the interrupt line (level 5 on the board) is asserted while any
//! STATUS bit is set. A channel turned on joins at the first frame due strictly after
//! the clock of the CONTROL write. Touching a channel's data register (reading CD_DATA
//! or AD_DATA, writing DA_DATA) clears its STATUS bit; the interrupt is acknowledged
//! when every channel that is on has been touched. Turning a channel off clears its bit.
//!
//! Overruns. At a frame period, a channel whose STATUS bit is still set has overrun:
//! an input channel loses the unread frame (it is replaced by the next one), and DA-OUT
//! has missed the frame it asked for. Each is counted (per channel in [`SoundStats`],
//! summed in OVERRUN) and never hidden: a missed output period plays the last frame
//! written again (a D/A latch holds its value), so the output stream stays one frame
//! per period and the count says how many of them were repeats.
//!
//! DA-OUT pipeline: a frame written during period `n` (after the period-`n` interrupt)
//! is played at period `n + 1`. The first period after DA-OUT is turned on plays the
//! frame written before it (0 if none was ever written) without counting a miss, since
//! no frame had been asked for yet. So a guest that copies CD_DATA to DA_DATA in its
//! interrupt handler plays the CD stream delayed by exactly one frame.
//!
//! Sources advance one frame per period while their channel is on; a finished source
//! gives silence (0 frames), and the device records how many real frames it gave.
use crate::FRAME_RATE;
use crate::sink::{NullSink, Sink};
use crate::source::{Silence, Source};

/// Register offsets within the block.
pub mod reg {
    /// CONTROL: bit 0 CD-IN, bit 1 AD-IN, bit 2 DA-OUT.
    pub const CONTROL: u32 = 0x00;
    /// STATUS: which channels have a frame due.
    pub const STATUS: u32 = 0x04;
    /// CD_DATA: the current CD frame.
    pub const CD_DATA: u32 = 0x08;
    /// AD_DATA: the current A/D frame.
    pub const AD_DATA: u32 = 0x0C;
    /// DA_DATA: the next output frame.
    pub const DA_DATA: u32 = 0x10;
    /// OVERRUN: frames lost or missed, all channels.
    pub const OVERRUN: u32 = 0x14;
}

/// CONTROL / STATUS bit of CD-IN.
pub const CD: u32 = 1;
/// CONTROL / STATUS bit of AD-IN.
pub const AD: u32 = 2;
/// CONTROL / STATUS bit of DA-OUT.
pub const DA: u32 = 4;
const ALL: u32 = CD | AD | DA;

/// One of the three channels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// The CD player's digital input.
    Cd,
    /// The A/D converters.
    Ad,
    /// The D/A converters.
    Da,
}

impl Channel {
    /// Its CONTROL/STATUS bit.
    pub const fn bit(self) -> u32 {
        match self {
            Channel::Cd => CD,
            Channel::Ad => AD,
            Channel::Da => DA,
        }
    }
}

/// The frame clock: when each frame falls due in CPU clocks, exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameClock {
    hz: u64,
}

impl FrameClock {
    /// A frame clock for a CPU running at `clock_hz` (must be nonzero).
    pub fn new(clock_hz: u64) -> Self {
        assert!(clock_hz > 0, "the CPU clock rate must be nonzero");
        FrameClock { hz: clock_hz }
    }

    /// The CPU clock rate in Hz.
    pub fn hz(&self) -> u64 {
        self.hz
    }

    /// The CPU clock at which frame `n` (counted from reset) is due:
    /// `floor(n * clock_hz / 44100)`.
    #[inline]
    pub fn due(&self, n: u64) -> u64 {
        let c = u128::from(n) * u128::from(self.hz) / u128::from(FRAME_RATE);
        u64::try_from(c).unwrap_or(u64::MAX)
    }

    /// The first frame due strictly after clock `clock` (also: how many frames are due
    /// at or before it).
    #[inline]
    pub fn first_after(&self, clock: u64) -> u64 {
        let num = (u128::from(clock) + 1) * u128::from(FRAME_RATE);
        let n = num.div_ceil(u128::from(self.hz));
        u64::try_from(n).unwrap_or(u64::MAX)
    }
}

struct Input {
    source: Box<dyn Source>,
    /// The frame the data register shows.
    frame: u32,
    /// Frames taken from the source (read or lost) while it still had frames.
    delivered: u64,
    /// Frames replaced before they were read.
    lost: u64,
    /// Set when the source ran out: how many real frames it gave.
    ended: Option<u64>,
}

impl Input {
    fn new() -> Self {
        Input {
            source: Box::new(Silence),
            frame: 0,
            delivered: 0,
            lost: 0,
            ended: None,
        }
    }

    fn take(&mut self) -> u32 {
        if self.ended.is_some() {
            return 0;
        }
        match self.source.next_frame() {
            Some(f) => {
                self.delivered += 1;
                f
            }
            None => {
                self.ended = Some(self.delivered);
                0
            }
        }
    }
}

struct Output {
    sink: Box<dyn Sink>,
    /// The frame written since the last period, to play at the next one.
    latch: Option<u32>,
    /// The frame played last (played again when a period is missed).
    hold: u32,
    /// Frames played (one per period while on).
    played: u64,
    /// Periods at which the asked-for frame had not been written.
    missed: u64,
    /// Only this many played frames go to the sink (the rest are counted, not sent).
    limit: Option<u64>,
}

/// What the device did, for reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SoundStats {
    /// Frame periods with at least one channel on (each raises the interrupt line).
    pub periods: u64,
    /// Interrupt-acknowledge cycles the board reported for the device's level.
    pub interrupts_taken: u64,
    /// CD-IN frames taken from the source (read or lost).
    pub cd_frames: u64,
    /// CD-IN frames replaced before they were read.
    pub cd_lost: u64,
    /// Set once the CD source ran out: how many real frames it gave.
    pub cd_ended: Option<u64>,
    /// AD-IN frames taken from the source (read or lost).
    pub ad_frames: u64,
    /// AD-IN frames replaced before they were read.
    pub ad_lost: u64,
    /// DA-OUT frames played (one per period while on, repeats included).
    pub da_frames: u64,
    /// DA-OUT periods whose frame was not written in time (the last frame was repeated).
    pub da_missed: u64,
}

impl SoundStats {
    /// All overruns: what the OVERRUN register counts (in full, not just 32 bits).
    pub fn overruns(&self) -> u64 {
        self.cd_lost + self.ad_lost + self.da_missed
    }
}

/// The Sound-IO device.
pub struct SoundIo {
    clock: FrameClock,
    control: u32,
    status: u32,
    /// The next frame to fall due (meaningful while a channel is on).
    next_frame: u64,
    /// Its clock, `u64::MAX` while every channel is off.
    next_clock: u64,
    cd: Input,
    ad: Input,
    da: Output,
    periods: u64,
    taken: u64,
}

impl std::fmt::Debug for SoundIo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SoundIo")
            .field("clock_hz", &self.clock.hz)
            .field("control", &self.control)
            .field("status", &self.status)
            .field("next_frame", &self.next_frame)
            .field("stats", &self.stats())
            .finish()
    }
}

impl SoundIo {
    /// A device in reset state (every channel off) for a CPU at `clock_hz`: both inputs
    /// silent, the output going nowhere.
    pub fn new(clock_hz: u64) -> Self {
        SoundIo {
            clock: FrameClock::new(clock_hz),
            control: 0,
            status: 0,
            next_frame: 0,
            next_clock: u64::MAX,
            cd: Input::new(),
            ad: Input::new(),
            da: Output {
                sink: Box::new(NullSink),
                latch: None,
                hold: 0,
                played: 0,
                missed: 0,
                limit: None,
            },
            periods: 0,
            taken: 0,
        }
    }

    /// Set the CPU clock rate (at reset, before a channel is turned on; a running frame
    /// clock keeps its frame count and continues at the new rate).
    pub fn set_clock_hz(&mut self, clock_hz: u64) {
        self.clock = FrameClock::new(clock_hz);
        if self.next_clock != u64::MAX {
            self.next_clock = self.clock.due(self.next_frame);
        }
    }

    /// The frame clock.
    pub fn frame_clock(&self) -> FrameClock {
        self.clock
    }

    /// Feed an input channel from `source` (`Channel::Da` is refused: it has a sink).
    pub fn set_source(&mut self, channel: Channel, source: Box<dyn Source>) {
        let input = match channel {
            Channel::Cd => &mut self.cd,
            Channel::Ad => &mut self.ad,
            Channel::Da => panic!("DA-OUT takes a sink, not a source"),
        };
        input.source = source;
        input.ended = None;
    }

    /// The read error that ended an input channel's source early, if one did.
    pub fn source_error(&self, channel: Channel) -> Option<String> {
        match channel {
            Channel::Cd => self.cd.source.error(),
            Channel::Ad => self.ad.source.error(),
            Channel::Da => None,
        }
    }

    /// Send DA-OUT to `sink` (returns the previous sink).
    pub fn set_sink(&mut self, sink: Box<dyn Sink>) -> Box<dyn Sink> {
        std::mem::replace(&mut self.da.sink, sink)
    }

    /// The DA-OUT sink.
    pub fn sink(&self) -> &dyn Sink {
        &*self.da.sink
    }

    /// The DA-OUT sink, mutably (to finish it).
    pub fn sink_mut(&mut self) -> &mut dyn Sink {
        &mut *self.da.sink
    }

    /// Send only the first `limit` played frames to the sink (the end of a clip); later
    /// frames are still played and counted, just not sent.
    pub fn set_output_limit(&mut self, limit: Option<u64>) {
        self.da.limit = limit;
    }

    /// Whether the output limit has been reached.
    pub fn output_done(&self) -> bool {
        self.da.limit.is_some_and(|l| self.da.played >= l)
    }

    /// The interrupt line: some channel has a frame due.
    #[inline]
    pub fn irq(&self) -> bool {
        self.status != 0
    }

    /// Whether any channel is on (the frame clock raises interrupts).
    #[inline]
    pub fn running(&self) -> bool {
        self.control != 0
    }

    /// The clock of the next frame period (`u64::MAX` while every channel is off).
    #[inline]
    pub fn next_event(&self) -> u64 {
        self.next_clock
    }

    /// The index (from reset) of the next frame to fall due.
    pub fn next_frame(&self) -> u64 {
        self.next_frame
    }

    /// Run every frame period due at or before clock `now`.
    pub fn advance(&mut self, now: u64) {
        while self.next_clock <= now {
            self.period();
            self.next_frame += 1;
            self.next_clock = self.clock.due(self.next_frame);
        }
    }

    fn period(&mut self) {
        self.periods += 1;
        let on = self.control;
        if on & CD != 0 {
            if self.status & CD != 0 {
                self.cd.lost += 1;
            }
            self.cd.frame = self.cd.take();
        }
        if on & AD != 0 {
            if self.status & AD != 0 {
                self.ad.lost += 1;
            }
            self.ad.frame = self.ad.take();
        }
        if on & DA != 0 {
            let da = &mut self.da;
            let f = match da.latch.take() {
                Some(f) => f,
                None => {
                    if self.status & DA != 0 {
                        da.missed += 1;
                    }
                    da.hold
                }
            };
            da.hold = f;
            da.played += 1;
            if da.limit.is_none_or(|l| da.played <= l) {
                da.sink.push(f);
            }
        }
        self.status |= on;
    }

    /// The board took the device's interrupt (an interrupt-acknowledge cycle at its
    /// level). Only counted.
    pub fn interrupt_taken(&mut self) {
        self.taken += 1;
    }

    /// Read the register at `offset` (aligned, within the block); side effects as the
    /// module documentation says. Unassigned offsets read 0.
    pub fn read(&mut self, offset: u32) -> u32 {
        match offset & !3 {
            reg::CONTROL => self.control,
            reg::STATUS => self.status,
            reg::CD_DATA => {
                self.status &= !CD;
                self.cd.frame
            }
            reg::AD_DATA => {
                self.status &= !AD;
                self.ad.frame
            }
            reg::OVERRUN => self.stats().overruns() as u32,
            _ => 0,
        }
    }

    /// Write the register at `offset` at CPU clock `now` (the start of the writing
    /// instruction). Read-only and unassigned offsets ignore writes.
    pub fn write(&mut self, offset: u32, value: u32, now: u64) {
        match offset & !3 {
            reg::CONTROL => self.set_control(value, now),
            reg::DA_DATA => {
                self.da.latch = Some(value);
                self.status &= !DA;
            }
            _ => {}
        }
    }

    fn set_control(&mut self, value: u32, now: u64) {
        let new = value & ALL;
        let old = self.control;
        // Catch up first, so periods before this write happen with the old setting.
        self.advance(now);
        self.status &= new;
        self.control = new;
        if new == 0 {
            self.next_clock = u64::MAX;
        } else if old == 0 {
            self.next_frame = self.clock.first_after(now);
            self.next_clock = self.clock.due(self.next_frame);
        }
    }

    /// What the device did so far.
    pub fn stats(&self) -> SoundStats {
        SoundStats {
            periods: self.periods,
            interrupts_taken: self.taken,
            cd_frames: self.cd.delivered,
            cd_lost: self.cd.lost,
            cd_ended: self.cd.ended,
            ad_frames: self.ad.delivered,
            ad_lost: self.ad.lost,
            da_frames: self.da.played,
            da_missed: self.da.missed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sink::MemorySink;
    use crate::source::Frames;

    const HZ: u64 = 25_000_000;

    fn device() -> (SoundIo, MemorySink) {
        let mut d = SoundIo::new(HZ);
        let sink = MemorySink::default();
        d.set_sink(Box::new(sink.clone()));
        (d, sink)
    }

    #[test]
    fn frame_clock_is_exact_over_hours() {
        for hz in [
            1_000_000u64,
            2_000_000,
            16_666_667,
            25_000_000,
            33_333_333,
            50_000_000,
        ] {
            let c = FrameClock::new(hz);
            for hours in [1u64, 10, 24, 24 * 365] {
                let n = 44_100 * 3600 * hours;
                // Whole seconds land exactly on the second: no drift.
                assert_eq!(c.due(n), 3600 * hours * hz, "{hz} Hz, {hours} h");
                // The frames due in [0, T) for T = that many seconds are exactly 44100 T.
                assert_eq!(c.first_after(3600 * hours * hz - 1), n);
                assert_eq!(c.first_after(3600 * hours * hz), n + 1);
            }
            // Around an arbitrary frame: due is monotone and the periods differ by at
            // most one clock from clock_hz / 44100.
            let n = 123_456_789_012;
            let p = hz / 44_100;
            for k in n..n + 1000 {
                let d = c.due(k + 1) - c.due(k);
                assert!(d == p || d == p + 1, "{hz} Hz: period {d}");
                assert!(c.first_after(c.due(k)) == k + 1 || c.due(k + 1) == c.due(k));
            }
        }
    }

    #[test]
    fn first_after_inverts_due() {
        let c = FrameClock::new(2_000_000); // 45.35 clocks a frame
        for clock in 0..10_000u64 {
            let n = c.first_after(clock);
            assert!(c.due(n) > clock);
            assert!(n == 0 || c.due(n - 1) <= clock);
        }
    }

    /// Drive the device like a board would: advance to each period, then let a handler
    /// act. Returns the clock after `frames` periods.
    fn serve(d: &mut SoundIo, frames: u64, mut handler: impl FnMut(&mut SoundIo)) {
        for _ in 0..frames {
            let t = d.next_event();
            d.advance(t);
            assert!(d.irq());
            handler(d);
        }
    }

    #[test]
    fn loopback_through_the_registers_is_one_frame_late() {
        let (mut d, sink) = device();
        let input: Vec<u32> = (0..1000u32)
            .map(|i| i.wrapping_mul(2_654_435_761))
            .collect();
        d.set_source(Channel::Cd, Box::new(Frames::new(input.clone())));
        d.write(reg::CONTROL, CD | DA, 1000);
        assert_eq!(d.next_frame(), FrameClock::new(HZ).first_after(1000));
        serve(&mut d, 1001, |d| {
            let f = d.read(reg::CD_DATA);
            d.write(reg::DA_DATA, f, 0);
            assert!(!d.irq(), "both channels touched: acknowledged");
        });
        let out = sink.frames();
        assert_eq!(out.len(), 1001);
        assert_eq!(out[0], 0, "the first period plays the (empty) latch");
        assert_eq!(&out[1..], &input[..]);
        let s = d.stats();
        assert_eq!((s.overruns(), s.periods, s.cd_frames), (0, 1001, 1000));
        assert_eq!(s.cd_ended, Some(1000));
        assert_eq!(d.read(reg::OVERRUN), 0);
    }

    #[test]
    fn acknowledge_needs_every_channel_that_is_on() {
        let (mut d, _) = device();
        d.write(reg::CONTROL, CD | AD | DA, 0);
        let t = d.next_event();
        d.advance(t);
        assert_eq!(d.read(reg::STATUS), CD | AD | DA);
        assert_eq!(
            d.read(reg::STATUS),
            CD | AD | DA,
            "reading STATUS does not clear"
        );
        d.read(reg::CD_DATA);
        assert!(d.irq());
        d.read(reg::DA_DATA);
        assert!(
            d.irq(),
            "reading DA_DATA does not give a frame: no acknowledge"
        );
        d.write(reg::DA_DATA, 7, t);
        assert_eq!(d.read(reg::STATUS), AD);
        d.write(reg::AD_DATA, 0, t);
        assert!(d.irq(), "AD-IN is acknowledged by a read");
        d.read(reg::AD_DATA);
        assert!(!d.irq());
        // Turning a channel off clears its bit; all off stops the clock.
        d.advance(d.next_event());
        d.write(reg::CONTROL, CD, t);
        assert_eq!(d.read(reg::STATUS), CD);
        d.write(reg::CONTROL, 0, t);
        assert!(!d.irq() && !d.running());
        assert_eq!(d.next_event(), u64::MAX);
        assert_eq!(d.read(reg::CONTROL), 0);
        assert_eq!(d.read(0x18), 0, "unassigned offsets read 0");
    }

    #[test]
    fn overruns_are_counted_per_channel() {
        let (mut d, sink) = device();
        d.set_source(Channel::Cd, Box::new(Frames::new((1..=100).collect())));
        d.write(reg::CONTROL, CD | DA, 0);
        // Serve only every third period: each unserved period loses a CD frame and
        // misses a DA frame.
        let mut k = 0;
        serve(&mut d, 30, |d| {
            if k % 3 == 0 {
                let f = d.read(reg::CD_DATA);
                d.write(reg::DA_DATA, f, 0);
            }
            k += 1;
        });
        let s = d.stats();
        // Periods 0..30: served at 0,3,..,27 (10). Losses are seen at the period after
        // an unserved one: periods 2,3,5,6,...,29 → 19 for each channel.
        assert_eq!(s.cd_lost, 19);
        assert_eq!(s.da_missed, 19);
        assert_eq!(s.overruns(), 38);
        assert_eq!(d.read(reg::OVERRUN), 38);
        assert_eq!(
            s.cd_frames, 30,
            "lost frames were taken from the source too"
        );
        // Nothing silently dropped: one output frame per period, repeats where missed.
        let out = sink.frames();
        assert_eq!(out.len(), 30);
        assert_eq!(&out[..8], &[0, 1, 1, 1, 4, 4, 4, 7]);
    }

    #[test]
    fn a_period_passing_unseen_counts_too() {
        // The board may only look after several periods (a long instruction at a low
        // clock): every period still happens, in order.
        let mut d = SoundIo::new(1_000_000);
        let sink = MemorySink::default();
        d.set_sink(Box::new(sink.clone()));
        d.set_source(Channel::Cd, Box::new(Frames::new((1..=10).collect())));
        d.write(reg::CONTROL, CD | DA, 0);
        let c = d.frame_clock();
        d.advance(c.due(4));
        assert_eq!(d.stats().periods, 4);
        assert_eq!(d.stats().cd_lost, 3);
        assert_eq!(d.stats().da_missed, 3);
        assert_eq!(d.read(reg::CD_DATA), 4);
    }

    #[test]
    fn ad_in_and_prefill() {
        let (mut d, sink) = device();
        d.set_source(Channel::Ad, Box::new(Frames::new(vec![5, 6, 7])));
        d.write(reg::DA_DATA, 99, 0); // written while DA-OUT is off: played first
        d.write(reg::CONTROL, AD | DA, 0);
        serve(&mut d, 4, |d| {
            let f = d.read(reg::AD_DATA);
            d.write(reg::DA_DATA, f, 0);
        });
        assert_eq!(sink.frames(), vec![99, 5, 6, 7]);
        assert_eq!(d.stats().ad_frames, 3);
        assert_eq!(d.stats().overruns(), 0);
    }

    #[test]
    fn output_limit_and_rate() {
        let (mut d, sink) = device();
        d.set_output_limit(Some(10));
        d.write(reg::CONTROL, DA, 0);
        let mut n = 0u32;
        serve(&mut d, 20, |d| {
            d.write(reg::DA_DATA, n, 0);
            n += 1;
        });
        assert!(d.output_done());
        assert_eq!(sink.frames().len(), 10);
        assert_eq!(d.stats().da_frames, 20);
    }

    #[test]
    fn sixty_seconds_is_2_646_000_interrupts_to_the_frame() {
        for hz in [25_000_000u64, 33_333_333, 2_000_000] {
            let mut d = SoundIo::new(hz);
            d.write(reg::CONTROL, CD, 0);
            let first = d.next_frame();
            assert_eq!(
                first, 1,
                "frame 0 is due at clock 0, so the clock starts at 1"
            );
            // Serve every period of 60 emulated seconds after the start.
            let start = d.frame_clock().due(first);
            let end = start + 60 * hz;
            let mut count = 0u64;
            while d.next_event() < end {
                d.advance(d.next_event());
                d.read(reg::CD_DATA);
                count += 1;
            }
            assert_eq!(count, 60 * 44_100, "{hz} Hz");
            assert_eq!(d.stats().periods, 60 * 44_100);
            assert_eq!(d.stats().overruns(), 0);
        }
    }
}
