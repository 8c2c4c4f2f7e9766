//! Timing regions: PROBE_START / PROBE_STOP and the samples they record.
//!
//! A region's figure runs from the boundary after the instruction that writes
//! PROBE_START to the boundary before the instruction that writes PROBE_STOP, so an
//! empty region measures 0. A start is recorded as pending when written and resolved
//! at the next instruction boundary; a stop takes the clock at the start of the
//! instruction that writes it.
use std::collections::BTreeMap;

/// The samples of one region.
#[derive(Debug, Clone, Default)]
pub struct Region {
    /// Clock at which the open measurement started.
    pub open: Option<u64>,
    /// Every completed measurement, in clocks, in order.
    pub samples: Vec<u64>,
    /// PROBE_STOP writes with no open measurement.
    pub unmatched_stops: u64,
}

/// All regions, by id.
#[derive(Debug, Clone, Default)]
pub struct Probes {
    /// Regions by id (0–65535).
    pub regions: BTreeMap<u16, Region>,
    /// Starts written during the current instruction, resolved at the next boundary.
    pending_starts: Vec<u16>,
    /// Writes of ids above 65535 (ignored).
    pub bad_ids: u64,
}

fn id(value: u32) -> Option<u16> {
    u16::try_from(value).ok()
}

impl Probes {
    /// PROBE_START write.
    pub fn start(&mut self, value: u32) {
        match id(value) {
            Some(n) => self.pending_starts.push(n),
            None => self.bad_ids += 1,
        }
    }

    /// Whether starts await the next boundary.
    #[inline]
    pub fn has_pending(&self) -> bool {
        !self.pending_starts.is_empty()
    }

    /// Resolve pending starts at the boundary at clock `now`.
    pub fn resolve(&mut self, now: u64) {
        for n in self.pending_starts.drain(..) {
            self.regions.entry(n).or_default().open = Some(now);
        }
    }

    /// PROBE_STOP write by the instruction that started at clock `insn_start`.
    pub fn stop(&mut self, value: u32, insn_start: u64) {
        let Some(n) = id(value) else {
            self.bad_ids += 1;
            return;
        };
        let region = self.regions.entry(n).or_default();
        match region.open.take() {
            Some(t) => region.samples.push(insn_start.saturating_sub(t)),
            None => region.unmatched_stops += 1,
        }
    }
}
