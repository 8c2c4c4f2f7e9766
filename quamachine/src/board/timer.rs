//! The interval timer: TIMER_PERIOD (CPU clocks, 0 = off), TIMER_CONTROL (bit 0 enable)
//! and TIMER_ACK; it raises level 6 (autovectored) once per period while enabled.
//!
//! The period is counted from the start of the instruction that wrote TIMER_PERIOD or
//! enabled the timer. An interrupt stays pending until TIMER_ACK is written (or the
//! timer is disabled); periods that elapse while one is pending are counted as missed.

/// Timer state.
#[derive(Debug, Default, Clone)]
pub struct Timer {
    /// TIMER_PERIOD.
    pub period: u32,
    /// TIMER_CONTROL.
    pub control: u32,
    /// Clock at which the next tick falls (`u64::MAX` when off).
    pub next_tick: u64,
    /// An interrupt is pending (not yet acknowledged).
    pub pending: bool,
    /// Ticks so far.
    pub ticks: u64,
    /// Ticks that fell while the previous one was still pending.
    pub missed: u64,
}

impl Timer {
    /// A stopped timer.
    pub fn new() -> Self {
        Timer {
            next_tick: u64::MAX,
            ..Timer::default()
        }
    }

    fn running(&self) -> bool {
        self.control & 1 != 0 && self.period != 0
    }

    fn restart(&mut self, now: u64) {
        self.next_tick = if self.running() {
            now + u64::from(self.period)
        } else {
            u64::MAX
        };
    }

    /// TIMER_PERIOD write at clock `now`.
    pub fn set_period(&mut self, value: u32, now: u64) {
        self.period = value;
        self.restart(now);
    }

    /// TIMER_CONTROL write at clock `now`.
    pub fn set_control(&mut self, value: u32, now: u64) {
        let was_enabled = self.control & 1 != 0;
        self.control = value & 1;
        if self.control & 1 == 0 {
            self.pending = false;
        }
        if !was_enabled || self.control & 1 == 0 {
            self.restart(now);
        }
    }

    /// TIMER_ACK write.
    pub fn acknowledge(&mut self) {
        self.pending = false;
    }

    /// Catch up to clock `now` (called when `now >= next_tick`).
    pub fn advance(&mut self, now: u64) {
        if now < self.next_tick {
            return;
        }
        let period = u64::from(self.period.max(1));
        let elapsed = (now - self.next_tick) / period + 1;
        let missed = elapsed - 1 + u64::from(self.pending);
        self.ticks += elapsed;
        self.missed += missed;
        self.pending = true;
        self.next_tick += elapsed * period;
    }
}
