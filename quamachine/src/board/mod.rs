//! The Quamachine board of `../shared/quamachine.md`: RAM, ROM, framebuffer memory and
//! the device page behind the [`emulator::Machine`] trait.
//!
//! Owns the memory map (`map`), the device page decoding (`devices`) and the devices of
//! this stage: console (`console`), HALT, FPU_ENABLE, the clock and counters, timing
//! regions (`probes`), the interval timer (`timer`) and the display registers
//! (`display`), and it decodes the Sound-IO block for the `sound-io` crate's device
//! (`sound`). It never models CPU internals: clocks, instruction and bus-cycle counts
//! come from the emulator at each boundary.
pub mod console;
pub mod devices;
pub mod disk;
pub mod display;
pub mod map;
pub mod probes;
pub mod timer;

use crate::loader::Image;
use console::{Console, ConsoleInput, ConsoleOutput};
use display::Display;
use emulator::{AccessSize, BusError, Control, Counters, Machine, Region};
pub use map::{Area, MemoryMap};
use map::{DEVICE_BASE, FB_BASE, FB_SIZE, FB_WAIT_STATES, ROM_BASE, ROM_SIZE};
use probes::Probes;
use sound_io::SoundIo;
use std::cell::Cell;
use std::rc::Rc;
use timer::Timer;

/// Interrupt level of the console input.
pub const CONSOLE_IRQ_LEVEL: u8 = 2;
/// Interrupt level of the display's vertical retrace.
pub const DISPLAY_IRQ_LEVEL: u8 = 4;
/// Interrupt level of the disk's completion interrupt.
pub const DISK_IRQ_LEVEL: u8 = 3;
/// Interrupt level of the Sound-IO device.
pub const SOUND_IRQ_LEVEL: u8 = 5;
/// Interrupt level of the interval timer.
pub const TIMER_IRQ_LEVEL: u8 = 6;
/// How often (in CPU clocks) the board looks for host console input while the guest has
/// the console interrupt enabled.
pub const CONSOLE_POLL_CLOCKS: u64 = 50_000;

/// The counters the devices read, as they stood at the last instruction boundary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Now {
    /// CPU clocks since reset.
    pub clocks: u64,
    /// Instructions retired.
    pub instructions: u64,
    /// External bus cycles.
    pub bus_cycles: u64,
}

/// Board configuration.
#[derive(Debug, Clone, Copy)]
pub struct BoardConfig {
    /// RAM size in bytes (a multiple of 1 MiB, at most 1 GiB).
    pub ram_size: u32,
    /// Wait states of RAM bus cycles.
    pub ram_wait_states: u32,
}

impl Default for BoardConfig {
    fn default() -> Self {
        BoardConfig {
            ram_size: 16 << 20,
            ram_wait_states: 1,
        }
    }
}

/// The board: memory and devices.
pub struct Board {
    map: MemoryMap,
    ram_wait_states: u32,
    ram: Vec<u8>,
    rom: Vec<u8>,
    fb: Vec<u8>,
    /// The console device.
    pub console: Console,
    /// The interval timer.
    pub timer: Timer,
    /// Timing regions.
    pub probes: Probes,
    /// The disk.
    pub disk: disk::Disk,
    /// The display registers (palette, VSYNC).
    pub display: Display,
    /// The Sound-IO device (its frame clock runs at the CPU clock `Session` sets).
    pub sound: SoundIo,
    /// When set, receives the clocks the CPU took to enter each Sound-IO interrupt (from
    /// the interrupt-acknowledge cycle to the handler's first instruction), for a trace
    /// listener that times the handlers. `None`: nothing is measured.
    pub sound_entry_clocks: Option<Rc<Cell<u64>>>,
    sound_iack_at: Option<u64>,
    /// FPU_ENABLE latch.
    pub fpu_enable: bool,
    /// The value written to HALT, once written.
    pub halt: Option<u32>,
    /// The counters at the start of the current instruction (last boundary).
    pub now: Now,
    clock_lo_latch: u32,
    /// Clock at which `boundary` must do more than record the counters.
    next_service: u64,
    next_console_poll: u64,
}

impl Board {
    /// A board in reset state with the given console.
    pub fn new(config: BoardConfig, input: ConsoleInput, output: ConsoleOutput) -> Self {
        Board {
            map: MemoryMap::new(config.ram_size),
            ram_wait_states: config.ram_wait_states,
            ram: vec![0; config.ram_size as usize],
            rom: vec![0; ROM_SIZE as usize],
            fb: vec![0; FB_SIZE as usize],
            console: Console::new(input, output),
            timer: Timer::new(),
            probes: Probes::default(),
            disk: disk::Disk::new(),
            display: Display::default(),
            sound: SoundIo::new(25_000_000),
            sound_entry_clocks: None,
            sound_iack_at: None,
            fpu_enable: true,
            halt: None,
            now: Now::default(),
            clock_lo_latch: 0,
            next_service: u64::MAX,
            next_console_poll: 0,
        }
    }

    /// The address map.
    pub fn map(&self) -> MemoryMap {
        self.map
    }

    /// Copy an image's segments into RAM/ROM (the loader has checked they fit).
    pub fn load(&mut self, image: &Image) {
        for seg in &image.segments {
            for (i, &b) in seg.data.iter().enumerate() {
                self.poke(seg.address.wrapping_add(i as u32), b);
            }
            for i in seg.data.len() as u64..seg.mem_size {
                self.poke(seg.address.wrapping_add(i as u32), 0);
            }
        }
    }

    /// Write a byte into RAM, ROM or framebuffer memory, bypassing the bus rules (for
    /// loading). Other addresses are ignored.
    pub fn poke(&mut self, address: u32, value: u8) {
        if let Some(b) = self.memory_byte(address) {
            *b = value;
        }
    }

    /// Read a byte of RAM, ROM or framebuffer memory without side effects.
    pub fn peek(&self, address: u32) -> Option<u8> {
        match self.map.area(address) {
            Area::Ram => Some(self.ram[address as usize]),
            Area::Rom => Some(self.rom[(address - ROM_BASE) as usize]),
            Area::Framebuffer => Some(self.fb[(address - FB_BASE) as usize]),
            _ => None,
        }
    }

    fn memory_byte(&mut self, address: u32) -> Option<&mut u8> {
        match self.map.area(address) {
            Area::Ram => Some(&mut self.ram[address as usize]),
            Area::Rom => Some(&mut self.rom[(address - ROM_BASE) as usize]),
            Area::Framebuffer => Some(&mut self.fb[(address - FB_BASE) as usize]),
            _ => None,
        }
    }

    /// The framebuffer memory (2048 × 2048 bytes).
    pub fn framebuffer(&self) -> &[u8] {
        &self.fb
    }

    /// Whether any device may still raise an interrupt: the timer runs or holds a pending
    /// tick, or console input is waiting or may arrive while its interrupt is enabled.
    /// (Whether the CPU's mask admits the level is the CPU's business.)
    pub fn can_wake(&self) -> bool {
        self.timer.pending
            || self.timer.next_tick != u64::MAX
            || self.disk.busy()
            || self.disk.irq_pending
            || self.display.pending
            || self.display.enabled()
            || self.sound.running()
            || self.sound.irq()
            || (self.console.irq_enabled
                && (self.console.input_waiting() || self.console.input_may_arrive()))
    }

    /// Whether host console input is the only thing that can wake a stopped CPU (the
    /// timer is off, nothing is pending, and the console interrupt waits for input).
    pub fn waits_only_for_console(&self) -> bool {
        !self.timer.pending
            && self.timer.next_tick == u64::MAX
            && !self.disk.busy()
            && !self.disk.irq_pending
            && !self.display.pending
            && !self.display.enabled()
            && !self.sound.running()
            && !self.sound.irq()
            && self.console.irq_enabled
            && !self.console.input_waiting()
            && self.console.input_may_arrive()
    }

    /// Recompute when `boundary` next has work to do.
    fn reschedule(&mut self) {
        let mut next = self
            .timer
            .next_tick
            .min(self.display.next_retrace())
            .min(self.sound.next_event());
        if self.console.irq_enabled && self.console.input_may_arrive() {
            next = next.min(self.next_console_poll);
        }
        next = next.min(self.disk.due());
        if self.halt.is_some() || self.probes.has_pending() {
            next = 0;
        }
        self.next_service = next;
    }

    /// The slow part of `boundary`.
    fn service(&mut self) -> Control {
        let now = self.now.clocks;
        if self.probes.has_pending() {
            self.probes.resolve(now);
        }
        if now >= self.timer.next_tick {
            self.timer.advance(now);
        }
        if now >= self.disk.due() {
            self.disk.complete(&mut self.ram);
        }
        if now >= self.display.next_retrace() {
            self.display.advance(now);
        }
        if now >= self.sound.next_event() {
            self.sound.advance(now);
        }
        if let Some(at) = self.sound_iack_at.take()
            && let Some(c) = &self.sound_entry_clocks
        {
            c.set(now - at);
        }
        if self.console.irq_enabled && now >= self.next_console_poll {
            self.console.poll();
            self.next_console_poll = now + CONSOLE_POLL_CLOCKS;
        }
        let stop = self.halt.is_some();
        self.reschedule();
        if stop {
            // Stay stopped if the run is resumed: HALT is final.
            self.next_service = 0;
            Control::Stop
        } else {
            Control::Continue
        }
    }

    /// A region of memory-like space (RAM, ROM, framebuffer) for multi-byte access.
    #[inline]
    fn slice(&mut self, address: u32, len: usize, write: bool) -> Option<&mut [u8]> {
        let a = address as usize;
        if a + len <= self.ram.len() {
            return Some(&mut self.ram[a..a + len]);
        }
        let rom = address.wrapping_sub(ROM_BASE) as usize;
        if rom + len <= ROM_SIZE as usize {
            return if write {
                None
            } else {
                Some(&mut self.rom[rom..rom + len])
            };
        }
        let fb = address.wrapping_sub(FB_BASE) as usize;
        if fb + len <= FB_SIZE as usize {
            return Some(&mut self.fb[fb..fb + len]);
        }
        None
    }

    fn read_slow(&mut self, address: u32, size: AccessSize) -> Result<u32, BusError> {
        let len = size_bytes(size);
        if let Some(s) = self.slice(address, len, false) {
            return Ok(be(s));
        }
        if address >= DEVICE_BASE && address.wrapping_add(len as u32 - 1) >= DEVICE_BASE {
            if (address & 3) as usize + len <= 4 {
                return Ok(self.device_read(address - DEVICE_BASE, size));
            }
            // A misaligned access spanning two registers: byte by byte.
            let mut v = 0;
            for i in 0..len as u32 {
                v = (v << 8) | self.device_read(address + i - DEVICE_BASE, AccessSize::Byte);
            }
            return Ok(v);
        }
        // Straddling two areas (or unmapped): byte by byte, failing at the first hole.
        let mut v = 0;
        for i in 0..len as u32 {
            let a = address.wrapping_add(i);
            match self.peek(a) {
                Some(b) => v = (v << 8) | u32::from(b),
                None => return Err(BusError { address: a }),
            }
        }
        Ok(v)
    }

    fn write_slow(&mut self, address: u32, size: AccessSize, value: u32) -> Result<(), BusError> {
        let len = size_bytes(size);
        if let Some(s) = self.slice(address, len, true) {
            put_be(s, value);
            return Ok(());
        }
        if address >= DEVICE_BASE {
            self.device_write(address - DEVICE_BASE, value);
            return Ok(());
        }
        // Straddling, ROM or unmapped: check every byte first so a failed write has no
        // partial effect.
        for i in 0..len as u32 {
            let a = address.wrapping_add(i);
            if !matches!(self.map.area(a), Area::Ram | Area::Framebuffer) {
                return Err(BusError { address: a });
            }
        }
        for i in 0..len as u32 {
            let shift = 8 * (len as u32 - 1 - i);
            self.poke(address.wrapping_add(i), (value >> shift) as u8);
        }
        Ok(())
    }
}

#[inline]
fn size_bytes(size: AccessSize) -> usize {
    match size {
        AccessSize::Byte => 1,
        AccessSize::Word => 2,
        AccessSize::Long => 4,
    }
}

#[inline]
fn be(s: &[u8]) -> u32 {
    s.iter().fold(0, |v, &b| (v << 8) | u32::from(b))
}

#[inline]
fn put_be(s: &mut [u8], value: u32) {
    let n = s.len();
    for (i, b) in s.iter_mut().enumerate() {
        *b = (value >> (8 * (n - 1 - i))) as u8;
    }
}

impl Machine for Board {
    #[inline]
    fn read(&mut self, address: u32, size: AccessSize) -> Result<u32, BusError> {
        let a = address as usize;
        match size {
            AccessSize::Long => {
                if let Some(s) = self.ram.get(a..a.wrapping_add(4)) {
                    return Ok(u32::from_be_bytes([s[0], s[1], s[2], s[3]]));
                }
            }
            AccessSize::Word => {
                if let Some(s) = self.ram.get(a..a.wrapping_add(2)) {
                    return Ok(u32::from(u16::from_be_bytes([s[0], s[1]])));
                }
            }
            AccessSize::Byte => {
                if let Some(&b) = self.ram.get(a) {
                    return Ok(u32::from(b));
                }
            }
        }
        self.read_slow(address, size)
    }

    #[inline]
    fn write(&mut self, address: u32, size: AccessSize, value: u32) -> Result<(), BusError> {
        let a = address as usize;
        match size {
            AccessSize::Long => {
                if let Some(s) = self.ram.get_mut(a..a.wrapping_add(4)) {
                    s.copy_from_slice(&value.to_be_bytes());
                    return Ok(());
                }
            }
            AccessSize::Word => {
                if let Some(s) = self.ram.get_mut(a..a.wrapping_add(2)) {
                    s.copy_from_slice(&(value as u16).to_be_bytes());
                    return Ok(());
                }
            }
            AccessSize::Byte => {
                if let Some(b) = self.ram.get_mut(a) {
                    *b = value as u8;
                    return Ok(());
                }
            }
        }
        self.write_slow(address, size, value)
    }

    #[inline]
    fn region(&self, address: u32) -> Region {
        match self.map.area(address) {
            Area::Ram => Region {
                wait_states: self.ram_wait_states,
                cacheable: true,
            },
            Area::Rom => Region {
                wait_states: 0,
                cacheable: true,
            },
            Area::Framebuffer => Region {
                wait_states: FB_WAIT_STATES,
                cacheable: false,
            },
            Area::Devices | Area::Unmapped => Region {
                wait_states: 0,
                cacheable: false,
            },
        }
    }

    #[inline]
    fn interrupt_level(&self) -> u8 {
        if self.timer.pending {
            TIMER_IRQ_LEVEL
        } else if self.sound.irq() {
            SOUND_IRQ_LEVEL
        } else if self.display.pending {
            DISPLAY_IRQ_LEVEL
        } else if self.disk.irq_pending {
            DISK_IRQ_LEVEL
        } else if self.console.irq() {
            CONSOLE_IRQ_LEVEL
        } else {
            0
        }
    }

    fn interrupt_acknowledge(&mut self, level: u8) -> Option<u8> {
        if level == SOUND_IRQ_LEVEL {
            self.sound.interrupt_taken();
            if self.sound_entry_clocks.is_some() {
                // The next boundary is the handler's first instruction.
                self.sound_iack_at = Some(self.now.clocks);
                self.next_service = 0;
            }
        }
        // Every device of this stage is autovectored.
        None
    }

    #[inline]
    fn boundary(&mut self, counters: &Counters) -> Control {
        // Only the three counters the devices read (copying the whole struct right after
        // the CPU wrote it costs a store-forwarding stall per instruction).
        self.now = Now {
            clocks: counters.clocks,
            instructions: counters.instructions,
            bus_cycles: counters.bus_cycles,
        };
        if counters.clocks >= self.next_service {
            self.service()
        } else {
            Control::Continue
        }
    }

    fn fpu_enabled(&self) -> bool {
        self.fpu_enable
    }

    fn next_event(&self) -> Option<u64> {
        if self.next_service == u64::MAX {
            None
        } else {
            // A past clock (0 for pending work) means "at the next boundary".
            Some(self.next_service.max(self.now.clocks))
        }
    }
}
