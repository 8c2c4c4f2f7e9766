//! A small test board: RAM at 0 (1 MiB), a device page at $FFFF_0000 with HALT ($10),
//! probe start/stop ($30/$34), a fake interval timer ($40 period, $44 control, $48 ack,
//! level 6 autovectored), an uncached region at $0080_0000 (64 KiB) and nothing else
//! (every other address is a bus error).
#![allow(dead_code)]
use emulator::{AccessSize, BusError, Control, Counters, Machine, Region};

pub struct TestMachine {
    pub ram: Vec<u8>,
    pub uncached: Vec<u8>,
    pub wait_states: u32,
    pub halted: Option<u32>,
    pub probe_open: Option<u64>,
    pub probes: Vec<u64>,
    pub probe_bus_open: Option<u64>,
    pub probe_bus: Vec<u64>,
    pub timer_period: u64,
    pub timer_next: u64,
    pub timer_pending: bool,
    pub fpu: bool,
    pub now: u64,
    pub bus_now: u64,
    pub pending_probe: Option<(bool, u32)>,
    pub acks: u32,
    pub snaps: Option<Vec<Counters>>,
}

pub const RAM_SIZE: usize = 1 << 20;
pub const UNCACHED: u32 = 0x0080_0000;

impl TestMachine {
    pub fn new(wait_states: u32) -> Self {
        TestMachine {
            ram: vec![0; RAM_SIZE],
            uncached: vec![0; 0x10000],
            wait_states,
            halted: None,
            probe_open: None,
            probes: Vec::new(),
            probe_bus_open: None,
            probe_bus: Vec::new(),
            timer_period: 0,
            timer_next: 0,
            timer_pending: false,
            fpu: true,
            now: 0,
            bus_now: 0,
            pending_probe: None,
            acks: 0,
            snaps: None,
        }
    }
    pub fn load(&mut self, addr: u32, bytes: &[u8]) {
        self.ram[addr as usize..addr as usize + bytes.len()].copy_from_slice(bytes);
    }
    pub fn load_words(&mut self, addr: u32, words: &[u16]) {
        for (i, w) in words.iter().enumerate() {
            let a = addr as usize + 2 * i;
            self.ram[a..a + 2].copy_from_slice(&w.to_be_bytes());
        }
    }
    pub fn long(&self, addr: u32) -> u32 {
        let a = addr as usize;
        u32::from_be_bytes(self.ram[a..a + 4].try_into().unwrap())
    }
    pub fn word(&self, addr: u32) -> u16 {
        let a = addr as usize;
        u16::from_be_bytes(self.ram[a..a + 2].try_into().unwrap())
    }
    fn mem(&mut self, address: u32) -> Option<(&mut Vec<u8>, usize)> {
        if (address as usize) < RAM_SIZE {
            Some((&mut self.ram, address as usize))
        } else if (UNCACHED..UNCACHED + 0x10000).contains(&address) {
            Some((&mut self.uncached, (address - UNCACHED) as usize))
        } else {
            None
        }
    }
}

fn n(size: AccessSize) -> usize {
    match size {
        AccessSize::Byte => 1,
        AccessSize::Word => 2,
        AccessSize::Long => 4,
    }
}

impl Machine for TestMachine {
    #[inline]
    fn read(&mut self, address: u32, size: AccessSize) -> Result<u32, BusError> {
        let a = address as usize;
        if a + 4 <= RAM_SIZE {
            let r = &self.ram;
            return Ok(match size {
                AccessSize::Byte => r[a] as u32,
                AccessSize::Word => u16::from_be_bytes([r[a], r[a + 1]]) as u32,
                AccessSize::Long => u32::from_be_bytes([r[a], r[a + 1], r[a + 2], r[a + 3]]),
            });
        }
        if address >= 0xFFFF_0000 {
            return Ok(0);
        }
        let k = n(size);
        let Some((m, a)) = self.mem(address) else {
            return Err(BusError { address });
        };
        if a + k > m.len() {
            return Err(BusError { address });
        }
        let mut v = 0u32;
        for i in 0..k {
            v = (v << 8) | m[a + i] as u32;
        }
        Ok(v)
    }
    #[inline]
    fn write(&mut self, address: u32, size: AccessSize, value: u32) -> Result<(), BusError> {
        let a = address as usize;
        if a + 4 <= RAM_SIZE {
            let r = &mut self.ram;
            match size {
                AccessSize::Byte => r[a] = value as u8,
                AccessSize::Word => r[a..a + 2].copy_from_slice(&(value as u16).to_be_bytes()),
                AccessSize::Long => r[a..a + 4].copy_from_slice(&value.to_be_bytes()),
            }
            return Ok(());
        }
        if address >= 0xFFFF_0000 {
            match address & 0xFFFF {
                0x10 => self.halted = Some(value),
                0x14 => self.fpu = value & 1 != 0,
                0x30 => self.pending_probe = Some((true, value)),
                0x34 => self.pending_probe = Some((false, value)),
                0x40 => {
                    self.timer_period = value as u64;
                    self.timer_next = self.now + value as u64;
                }
                0x48 => self.timer_pending = false,
                _ => {}
            }
            return Ok(());
        }
        let k = n(size);
        let Some((m, a)) = self.mem(address) else {
            return Err(BusError { address });
        };
        if a + k > m.len() {
            return Err(BusError { address });
        }
        for i in 0..k {
            m[a + i] = (value >> (8 * (k - 1 - i))) as u8;
        }
        Ok(())
    }
    fn region(&self, address: u32) -> Region {
        if address >= 0xFFFF_0000 {
            Region {
                wait_states: 0,
                cacheable: false,
            }
        } else if (UNCACHED..UNCACHED + 0x10000).contains(&address) {
            Region {
                wait_states: self.wait_states,
                cacheable: false,
            }
        } else {
            Region {
                wait_states: self.wait_states,
                cacheable: true,
            }
        }
    }
    fn interrupt_level(&self) -> u8 {
        if self.timer_pending { 6 } else { 0 }
    }
    fn interrupt_acknowledge(&mut self, _level: u8) -> Option<u8> {
        self.acks += 1;
        None
    }
    #[inline]
    fn boundary(&mut self, c: &Counters) -> Control {
        if self.snaps.is_none()
            && self.pending_probe.is_none()
            && self.halted.is_none()
            && (self.timer_period == 0 || c.clocks < self.timer_next)
        {
            return Control::Continue;
        }
        if let Some(s) = self.snaps.as_mut() {
            s.push(*c);
        }
        self.now = c.clocks;
        self.bus_now = c.bus_cycles;
        if self.timer_period > 0 && c.clocks >= self.timer_next {
            self.timer_pending = true;
            self.timer_next += self.timer_period;
        }
        // Probe writes act at the boundary after the writing instruction retired.
        if let Some((start, _id)) = self.pending_probe.take() {
            if start {
                self.probe_open = Some(c.clocks);
                self.probe_bus_open = Some(c.bus_cycles);
            } else if let Some(t) = self.probe_open.take() {
                // The stop was written by the instruction that just retired: the region
                // ends where it started, so the stop instruction is recorded apart.
                self.probes.push(t);
                self.probe_bus.push(self.probe_bus_open.take().unwrap_or(0));
            }
        }
        if self.halted.is_some() {
            Control::Stop
        } else {
            Control::Continue
        }
    }
    fn fpu_enabled(&self) -> bool {
        self.fpu
    }
    fn next_event(&self) -> Option<u64> {
        if self.timer_period > 0 {
            Some(self.timer_next)
        } else {
            None
        }
    }
}
