//! The adapter between `m68k::CpuCore` and a [`Machine`]: the on-chip instruction and data
//! caches (MC68030 UM §6), external bus-cycle counting with per-region wait states and
//! burst fills, and bus-error reporting as `m68k::BusFault`s.
//!
//! Owns: what reaches the bus and what the caches absorb. Does not own instruction timing
//! (see `timing`), only the per-instruction bus statistics the timing model consumes.
use crate::{AccessSize, Counters, Machine};
use m68k::AddressBus;
use m68k::core::memory::{BusFault, BusFaultKind};

/// CACR bits (MC68030 UM §6.3.1).
pub(crate) mod cacr {
    pub const EI: u32 = 1 << 0;
    pub const FI: u32 = 1 << 1;
    pub const CEI: u32 = 1 << 2;
    pub const CI: u32 = 1 << 3;
    pub const IBE: u32 = 1 << 4;
    pub const ED: u32 = 1 << 8;
    pub const FD: u32 = 1 << 9;
    pub const CED: u32 = 1 << 10;
    pub const CD: u32 = 1 << 11;
    pub const DBE: u32 = 1 << 12;
    pub const WA: u32 = 1 << 13;
}

/// One 256-byte on-chip cache: 16 lines × 4 long words, direct-mapped, one valid bit per
/// long word. The tag is the address above bit 8 plus the supervisor bit of the function
/// code of the access that loaded the line (FC2: the real tag holds FC2–FC0; program and
/// data accesses never share a cache, so FC2 is the bit that differs).
#[derive(Clone)]
pub(crate) struct Cache {
    tag: [u32; 16],
    valid: [u8; 16],
    data: [[u32; 4]; 16],
}

impl Cache {
    pub(crate) fn new() -> Self {
        Cache {
            tag: [u32::MAX; 16],
            valid: [0; 16],
            data: [[0; 4]; 16],
        }
    }

    #[inline]
    fn key(addr: u32, s: bool) -> (usize, usize, u32) {
        (
            ((addr >> 4) & 15) as usize,
            ((addr >> 2) & 3) as usize,
            (addr & !0xFF) | s as u32,
        )
    }

    #[inline(always)]
    pub(crate) fn lookup(&self, addr: u32, s: bool) -> Option<u32> {
        let (line, lw, tag) = Self::key(addr, s);
        if self.tag[line] == tag && self.valid[line] & (1 << lw) != 0 {
            Some(self.data[line][lw])
        } else {
            None
        }
    }

    /// Load one long word (a single-entry fill replaces the tag and, if the tag changed,
    /// drops the other long words of the line).
    #[inline]
    pub(crate) fn fill(&mut self, addr: u32, s: bool, value: u32) {
        let (line, lw, tag) = Self::key(addr, s);
        if self.tag[line] != tag {
            self.tag[line] = tag;
            self.valid[line] = 0;
        }
        self.data[line][lw] = value;
        self.valid[line] |= 1 << lw;
    }

    /// Update the cached copy of a long word that hits (write-through data cache).
    /// Returns whether it hit.
    #[inline]
    fn update(&mut self, addr: u32, s: bool, offset: u32, bytes: u32, value: u32) -> bool {
        let (line, lw, tag) = Self::key(addr, s);
        if self.tag[line] == tag && self.valid[line] & (1 << lw) != 0 {
            let shift = (4 - offset - bytes) * 8;
            let mask = if bytes == 4 {
                u32::MAX
            } else {
                ((1u32 << (bytes * 8)) - 1) << shift
            };
            let d = &mut self.data[line][lw];
            *d = (*d & !mask) | ((value << shift) & mask);
            true
        } else {
            false
        }
    }

    /// Write allocation of a partial-long-word write miss: the line takes the new tag and
    /// the long word is left invalid (MC68030 UM §6.1.2, write allocate).
    #[inline]
    fn allocate_partial(&mut self, addr: u32, s: bool) {
        let (line, lw, tag) = Self::key(addr, s);
        if self.tag[line] != tag {
            self.tag[line] = tag;
            self.valid[line] = 0;
        } else {
            self.valid[line] &= !(1 << lw);
        }
    }

    /// The valid long word holding `addr`, whatever its function code: (supervisor tag,
    /// value).
    pub(crate) fn probe(&self, addr: u32) -> Option<(bool, u32)> {
        let line = ((addr >> 4) & 15) as usize;
        let lw = (addr >> 2) & 3;
        let tag = self.tag[line];
        (tag & !0xFF == addr & !0xFF && self.valid[line] & (1 << lw) != 0)
            .then(|| (tag & 1 != 0, self.data[line][lw as usize]))
    }

    pub(crate) fn clear_all(&mut self) {
        self.valid = [0; 16];
    }

    /// Clear Entry: CAAR bits 7–4 pick the line, bits 3–2 the long word.
    pub(crate) fn clear_entry(&mut self, caar: u32) {
        let line = ((caar >> 4) & 15) as usize;
        let lw = (caar >> 2) & 3;
        self.valid[line] &= !(1 << lw);
    }
}

/// An empty prefetch pipe: no long-aligned fetch address equals it.
const NO_PIPE: u32 = 1;

/// Bus and cache state that lives across instructions, plus per-instruction statistics.
pub(crate) struct BusState {
    pub icache: Cache,
    pub dcache: Cache,
    /// The CACR value the caches currently obey.
    pub cacr: u32,
    /// The supervisor bit of the function code of the next access (FC2, the cache tag):
    /// the mode the instruction started in, until exception processing begins, whose
    /// accesses (frame pushes, vector fetch) are supervisor data (FC 5).
    pub supervisor: bool,
    /// In an instruction started in user mode: the supervisor stack pointer an exception
    /// would push its frame below. The frame's first push is the one write that ends
    /// exactly there, so it marks the start of exception processing.
    pub exception_sp: u32,
    // ---- per instruction ----
    /// External bus cycles (transfers) this instruction made.
    pub bus_cycles: u32,
    /// Wait-state clocks plus burst-transfer clocks beyond the tables' two-clock cycles.
    pub extra_clocks: i32,
    /// Instruction-stream words fetched by this instruction, in order.
    pub words: [u16; 12],
    pub nwords: u8,
    /// Whether every instruction-stream fetch was served by the instruction cache.
    pub all_hit: bool,
    /// Address of the first word of the instruction.
    pub insn_pc: u32,
    /// A bus error seen during this instruction: address and whether it was a write.
    pub fault: Option<(u32, bool)>,
    /// The FP stray read of the word at PC+2 was already absorbed.
    pub stray_done: bool,
    /// Exception processing began in this instruction (the core's `ipl_release_sample`).
    pub exception_entered: bool,
    /// Clocks (2 + wait states) of this instruction's last bus cycle when it was a write
    /// (the write pending buffer lets the next instruction run meanwhile); 0 otherwise.
    pub trailing_write: u32,
    /// Wait-state clocks of this instruction's instruction-stream fetches.
    pub fetch_waits: u32,
    // ---- across instructions ----
    /// The long word most recently fetched from the bus for the instruction stream (the
    /// prefetch pipe when the cache does not hold it).
    /// Its address, or [`NO_PIPE`] when the pipe is empty.
    pipe_addr: u32,
    prefetch_data: u32,
    /// `pipe_addr` when the pipe's long word came from the instruction cache, else
    /// [`NO_PIPE`] (one compare on the hot path instead of three).
    pipe_cached_addr: u32,
    // ---- counters ----
    /// All the run's counters, kept here so the bus counts in place and the board's
    /// boundary reads them without a copy.
    pub counters: Counters,
}

impl BusState {
    pub(crate) fn new() -> Self {
        BusState {
            icache: Cache::new(),
            dcache: Cache::new(),
            cacr: 0,
            supervisor: true,
            exception_sp: 0,
            bus_cycles: 0,
            extra_clocks: 0,
            words: [0; 12],
            nwords: 0,
            all_hit: true,
            insn_pc: 0,
            fault: None,
            stray_done: false,
            exception_entered: false,
            trailing_write: 0,
            fetch_waits: 0,
            pipe_addr: NO_PIPE,
            prefetch_data: 0,
            pipe_cached_addr: NO_PIPE,
            counters: Counters::default(),
        }
    }

    /// Start accounting for a new instruction at `pc`, run in supervisor mode or not; in
    /// user mode `exception_sp` is the supervisor stack pointer (see the field).
    #[inline]
    pub(crate) fn begin(&mut self, pc: u32, supervisor: bool, exception_sp: u32) {
        self.exception_sp = exception_sp;
        self.bus_cycles = 0;
        self.extra_clocks = 0;
        self.nwords = 0;
        self.all_hit = true;
        self.insn_pc = pc;
        self.fault = None;
        self.stray_done = false;
        self.exception_entered = false;
        self.trailing_write = 0;
        self.fetch_waits = 0;
        self.supervisor = supervisor;
    }

    /// The instruction is TAS, CAS or CAS2: its operand reads are read-modify-write
    /// cycles, which always go to the bus (MC68030 UM §7.6), never served by the cache.
    /// (Decided here, on a cacheable read, rather than on every opcode fetch.)
    #[inline(always)]
    fn rmw(&self) -> bool {
        let w = self.words[0];
        self.nwords > 0
            && ((w & 0xFFC0 == 0x4AC0 && w & 0x38 != 0 && w != 0x4AFC)
                || (w & 0xF9C0 == 0x08C0 && w & 0x0600 != 0))
    }

    /// Apply a CACR write and its clear strobes (MC68030 UM §6.3.1).
    pub(crate) fn apply_cacr(&mut self, cacr_value: u32, strobes: u32, caar: u32) {
        if strobes & cacr::CI != 0 {
            self.icache.clear_all();
        }
        if strobes & cacr::CEI != 0 {
            self.icache.clear_entry(caar);
        }
        if strobes & cacr::CD != 0 {
            self.dcache.clear_all();
        }
        if strobes & cacr::CED != 0 {
            self.dcache.clear_entry(caar);
        }
        self.cacr = cacr_value;
        // The prefetch pipe never survives a cache operation.
        self.drop_prefetch();
    }

    /// Forget the prefetched long word (after a write to it, a reset or a context change).
    #[inline(always)]
    pub(crate) fn drop_prefetch(&mut self) {
        self.pipe_addr = NO_PIPE;
        self.pipe_cached_addr = NO_PIPE;
    }
}

/// The `m68k::AddressBus` seen by the core: caches in front of the machine.
pub(crate) struct Bus<'a, M: Machine> {
    pub m: &'a mut M,
    pub st: &'a mut BusState,
}

#[inline]
fn fault(address: u32) -> BusFault {
    BusFault {
        kind: BusFaultKind::BusError,
        address,
    }
}

impl<M: Machine> Bus<'_, M> {
    /// Bill one external bus transfer to `addr`.
    #[inline(always)]
    fn bill(&mut self, wait_states: u32) {
        self.st.trailing_write = 0;
        self.st.bus_cycles += 1;
        self.st.counters.bus_cycles += 1;
        self.st.extra_clocks += wait_states as i32;
    }

    /// Fill the rest of a cache line by a burst (2-1-1-1): three more transfers of one clock
    /// each (plus wait states) beyond the first. Long words already valid are read anyway,
    /// as the hardware does; reads that fail end the burst without a fault.
    fn burst_fill(&mut self, data_cache: bool, first: u32, wait_states: u32) {
        let base = first & !0xF;
        let s = self.st.supervisor;
        for i in 0..4u32 {
            let a = base + i * 4;
            if a == first & !3 {
                continue;
            }
            let Ok(v) = self.m.read(a, AccessSize::Long) else {
                break;
            };
            self.st.bus_cycles += 1;
            self.st.counters.bus_cycles += 1;
            // Each burst transfer after the first: one clock plus the wait states.
            self.st.extra_clocks += 1 + wait_states as i32;
            if data_cache {
                self.st.dcache.fill(a, s, v);
            } else {
                self.st.icache.fill(a, s, v);
            }
        }
    }

    /// One instruction-stream long word at `la` (long-aligned).
    #[inline(always)]
    fn ifetch_long(&mut self, la: u32) -> Result<u32, BusFault> {
        // The long word the pipe holds already, read from the cache (a shortcut for the
        // lookup that would hit again).
        if self.st.pipe_cached_addr == la {
            return Ok(self.st.prefetch_data);
        }
        let st = &mut *self.st;
        if st.cacr & cacr::EI != 0
            && let Some(v) = st.icache.lookup(la, st.supervisor)
        {
            st.counters.icache_hits += 1;
            st.pipe_addr = la;
            st.prefetch_data = v;
            st.pipe_cached_addr = la;
            return Ok(v);
        }
        self.ifetch_miss(la)
    }

    /// `ifetch_long` without an instruction-cache hit (kept out of line so the hit path
    /// stays small).
    #[inline(never)]
    fn ifetch_miss(&mut self, la: u32) -> Result<u32, BusFault> {
        let s = self.st.supervisor;
        let enabled = self.st.cacr & cacr::EI != 0;
        self.st.all_hit = false;
        // The other word of a long word this stream fetched from the bus.
        if self.st.pipe_addr == la {
            return Ok(self.st.prefetch_data);
        }
        let region = self.m.region(la);
        let v = self.m.read(la, AccessSize::Long).map_err(|e| {
            self.st.fault = Some((e.address, false));
            fault(e.address)
        })?;
        self.bill(region.wait_states);
        self.st.fetch_waits += region.wait_states;
        if enabled && region.cacheable {
            self.st.counters.icache_misses += 1;
            if self.st.cacr & cacr::FI == 0 {
                self.st.icache.fill(la, s, v);
                if self.st.cacr & cacr::IBE != 0 {
                    self.burst_fill(false, la, region.wait_states);
                }
            }
        }
        self.st.pipe_addr = la;
        self.st.prefetch_data = v;
        self.st.pipe_cached_addr = NO_PIPE;
        Ok(v)
    }

    #[inline(always)]
    fn ifetch_word(&mut self, addr: u32) -> Result<u16, BusFault> {
        let long = self.ifetch_long(addr & !3)?;
        let w = if addr & 2 == 0 {
            (long >> 16) as u16
        } else {
            long as u16
        };
        let n = self.st.nwords as usize;
        if n < self.st.words.len() {
            self.st.words[n] = w;
            self.st.nwords += 1;
        }
        Ok(w)
    }

    /// A data read of `bytes` (1..=4) at `addr`, not crossing a long-word boundary.
    #[inline(always)]
    fn read_part(&mut self, addr: u32, bytes: u32) -> Result<u32, BusFault> {
        let region = self.m.region(addr);
        if self.st.cacr & cacr::ED != 0 && region.cacheable && !self.st.rmw() {
            let la = addr & !3;
            let s = self.st.supervisor;
            let long = if let Some(v) = self.st.dcache.lookup(la, s) {
                self.st.counters.dcache_hits += 1;
                v
            } else {
                self.st.counters.dcache_misses += 1;
                let v = self.m.read(la, AccessSize::Long).map_err(|e| {
                    self.st.fault = Some((e.address, false));
                    fault(e.address)
                })?;
                self.bill(region.wait_states);
                if self.st.cacr & cacr::FD == 0 {
                    self.st.dcache.fill(la, s, v);
                    if self.st.cacr & cacr::DBE != 0 {
                        self.burst_fill(true, la, region.wait_states);
                    }
                }
                v
            };
            let shift = (4 - (addr & 3) - bytes) * 8;
            let mask = if bytes == 4 {
                u32::MAX
            } else {
                (1u32 << (bytes * 8)) - 1
            };
            return Ok((long >> shift) & mask);
        }
        let r = match bytes {
            1 => self.m.read(addr, AccessSize::Byte),
            2 => self.m.read(addr, AccessSize::Word),
            4 => self.m.read(addr, AccessSize::Long),
            _ => self.m.read(addr, AccessSize::Word).and_then(|hi| {
                self.m
                    .read(addr.wrapping_add(2), AccessSize::Byte)
                    .map(|lo| (hi << 8) | lo)
            }),
        };
        let v = r.map_err(|e| {
            self.st.fault = Some((e.address, false));
            fault(e.address)
        })?;
        self.bill(region.wait_states);
        Ok(v)
    }

    /// A data read of `bytes` at `addr`, split at long-word boundaries as the 68030 does.
    #[inline(always)]
    fn read_data(&mut self, addr: u32, bytes: u32) -> Result<u32, BusFault> {
        let off = addr & 3;
        if off + bytes <= 4 {
            return self.read_part(addr, bytes);
        }
        let first = 4 - off;
        let hi = self.read_part(addr, first)?;
        let lo = self.read_part(addr.wrapping_add(first), bytes - first)?;
        Ok((hi << ((bytes - first) * 8)) | lo)
    }

    #[inline(always)]
    fn write_part(&mut self, addr: u32, bytes: u32, value: u32) -> Result<(), BusFault> {
        let region = self.m.region(addr);
        let r = match bytes {
            1 => self.m.write(addr, AccessSize::Byte, value & 0xFF),
            2 => self.m.write(addr, AccessSize::Word, value & 0xFFFF),
            4 => self.m.write(addr, AccessSize::Long, value),
            _ => self
                .m
                .write(addr, AccessSize::Word, (value >> 8) & 0xFFFF)
                .and_then(|_| {
                    self.m
                        .write(addr.wrapping_add(2), AccessSize::Byte, value & 0xFF)
                }),
        };
        r.map_err(|e| {
            self.st.fault = Some((e.address, true));
            fault(e.address)
        })?;
        self.bill(region.wait_states);
        self.st.trailing_write = 2 + region.wait_states;
        let la = addr & !3;
        if self.st.pipe_addr == la {
            self.st.drop_prefetch();
        }
        if self.st.cacr & cacr::ED != 0 && region.cacheable {
            let s = self.st.supervisor;
            let offset = addr & 3;
            if !self.st.dcache.update(la, s, offset, bytes, value)
                && self.st.cacr & cacr::WA != 0
                && self.st.cacr & cacr::FD == 0
            {
                if bytes == 4 {
                    self.st.dcache.fill(la, s, value);
                } else {
                    self.st.dcache.allocate_partial(la, s);
                }
            }
        }
        Ok(())
    }

    #[inline(always)]
    fn write_data(&mut self, addr: u32, bytes: u32, value: u32) -> Result<(), BusFault> {
        if !self.st.supervisor && addr.wrapping_add(bytes) == self.st.exception_sp {
            // The first push of an exception frame taken from user mode: from here on
            // the instruction's accesses are exception processing, supervisor data.
            self.st.supervisor = true;
        }
        let off = addr & 3;
        if off + bytes <= 4 {
            return self.write_part(addr, bytes, value);
        }
        let first = 4 - off;
        let rest = bytes - first;
        self.write_part(addr, first, value >> (rest * 8))?;
        let mask = (1u32 << (rest * 8)) - 1;
        self.write_part(addr.wrapping_add(first), rest, value & mask)
    }

    /// The word at PC+2 that the `m68k` core reads as data for every FP instruction: served
    /// without a bus cycle (the real 68030 has it in the pipe already).
    #[inline(always)]
    fn stray_fp_read(&mut self, addr: u32) -> Option<u16> {
        if !self.st.stray_done
            && addr == self.st.insn_pc.wrapping_add(2)
            && self.st.nwords >= 1
            && self.st.words[0] & 0xF000 == 0xF000
        {
            self.st.stray_done = true;
            return self.m.read(addr, AccessSize::Word).ok().map(|v| v as u16);
        }
        None
    }
}

impl<M: Machine> AddressBus for Bus<'_, M> {
    fn read_byte(&mut self, address: u32) -> u8 {
        self.try_read_byte(address).unwrap_or(0xFF)
    }
    fn read_word(&mut self, address: u32) -> u16 {
        self.try_read_word(address).unwrap_or(0xFFFF)
    }
    fn read_long(&mut self, address: u32) -> u32 {
        self.try_read_long(address).unwrap_or(u32::MAX)
    }
    fn write_byte(&mut self, address: u32, value: u8) {
        let _ = self.try_write_byte(address, value);
    }
    fn write_word(&mut self, address: u32, value: u16) {
        let _ = self.try_write_word(address, value);
    }
    fn write_long(&mut self, address: u32, value: u32) {
        let _ = self.try_write_long(address, value);
    }

    #[inline(always)]
    fn try_read_byte(&mut self, address: u32) -> Result<u8, BusFault> {
        self.read_data(address, 1).map(|v| v as u8)
    }
    #[inline(always)]
    fn try_read_word(&mut self, address: u32) -> Result<u16, BusFault> {
        if let Some(v) = self.stray_fp_read(address) {
            return Ok(v);
        }
        self.read_data(address, 2).map(|v| v as u16)
    }
    #[inline(always)]
    fn try_read_long(&mut self, address: u32) -> Result<u32, BusFault> {
        self.read_data(address, 4)
    }
    #[inline(always)]
    fn try_write_byte(&mut self, address: u32, value: u8) -> Result<(), BusFault> {
        self.write_data(address, 1, value as u32)
    }
    #[inline(always)]
    fn try_write_word(&mut self, address: u32, value: u16) -> Result<(), BusFault> {
        self.write_data(address, 2, value as u32)
    }
    #[inline(always)]
    fn try_write_long(&mut self, address: u32, value: u32) -> Result<(), BusFault> {
        self.write_data(address, 4, value)
    }
    fn read_three_bytes(&mut self, address: u32) -> u32 {
        self.read_data(address, 3).unwrap_or(0xFF_FFFF)
    }
    fn write_three_bytes(&mut self, address: u32, value: u32) {
        let _ = self.write_data(address, 3, value & 0xFF_FFFF);
    }
    fn try_read_three_bytes(&mut self, address: u32) -> Result<u32, BusFault> {
        self.read_data(address, 3)
    }
    fn try_write_three_bytes(&mut self, address: u32, value: u32) -> Result<(), BusFault> {
        self.write_data(address, 3, value & 0xFF_FFFF)
    }

    fn read_immediate_word(&mut self, address: u32) -> u16 {
        self.ifetch_word(address).unwrap_or(0xFFFF)
    }
    fn read_immediate_long(&mut self, address: u32) -> u32 {
        self.try_read_immediate_long(address).unwrap_or(u32::MAX)
    }
    #[inline(always)]
    fn try_read_immediate_word(&mut self, address: u32) -> Result<u16, BusFault> {
        self.ifetch_word(address)
    }
    #[inline(always)]
    fn try_read_immediate_long(&mut self, address: u32) -> Result<u32, BusFault> {
        let hi = self.ifetch_word(address)? as u32;
        let lo = self.ifetch_word(address.wrapping_add(2))? as u32;
        Ok((hi << 16) | lo)
    }
    fn last_fetch_was_cached(&self) -> bool {
        self.st.all_hit
    }
    fn instruction_fetches_were_cached(&self) -> bool {
        self.st.all_hit
    }

    /// The core calls this in every exception dispatch, after the frame and before the
    /// vector fetch: whatever the mode before, the vector fetch is supervisor data.
    fn ipl_release_sample(&mut self) {
        self.st.supervisor = true;
        self.st.exception_entered = true;
    }

    /// The emulator runs one instruction per `run_batch` (see `cpu::step_batched`): end
    /// the batch once it retired one, or once exception processing began, which an
    /// opcode fetch that faulted starts without retiring anything.
    #[inline(always)]
    fn batch_boundary(&mut self, retired: u32, _pc: u32, _sr: u16) -> bool {
        retired != 0 || self.st.exception_entered
    }

    fn interrupt_acknowledge(&mut self, level: u8) -> u32 {
        match self.m.interrupt_acknowledge(level) {
            Some(v) => v as u32,
            None => u32::MAX,
        }
    }
}
