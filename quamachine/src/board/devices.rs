//! The device page at `$FFFF_0000`: register offsets and their decoding.
//!
//! All registers are 32-bit. A read of a byte or word returns that lane of the
//! register (big-endian); a byte or word write anywhere inside a register writes its
//! zero-extended value to the register (so `move.b d0,CONSOLE_TX` and
//! `move.b d0,CONSOLE_TX+3` both print the byte). The Sound-IO block (`$100…$1FF`) goes
//! to the `sound-io` device (a narrow write writes the zero-extended value there too),
//! the disk block (`$200…`) to `disk`, the display block (`$300…$707`) to `display`.
//! Offsets with no live register read 0 and ignore writes.

/// CONSOLE_TX.
pub const CONSOLE_TX: u32 = 0x000;
/// CONSOLE_RX.
pub const CONSOLE_RX: u32 = 0x004;
/// CONSOLE_STATUS.
pub const CONSOLE_STATUS: u32 = 0x008;
/// HALT.
pub const HALT: u32 = 0x010;
/// FPU_ENABLE.
pub const FPU_ENABLE: u32 = 0x014;
/// CLOCK_HI.
pub const CLOCK_HI: u32 = 0x020;
/// CLOCK_LO.
pub const CLOCK_LO: u32 = 0x024;
/// INSN_COUNT.
pub const INSN_COUNT: u32 = 0x028;
/// MEMREF_COUNT.
pub const MEMREF_COUNT: u32 = 0x02C;
/// PROBE_START.
pub const PROBE_START: u32 = 0x030;
/// PROBE_STOP.
pub const PROBE_STOP: u32 = 0x034;
/// TIMER_PERIOD.
pub const TIMER_PERIOD: u32 = 0x040;
/// TIMER_CONTROL.
pub const TIMER_CONTROL: u32 = 0x044;
/// TIMER_ACK.
pub const TIMER_ACK: u32 = 0x048;
/// SOUND_IO: the Sound-IO block (`$100…$1FF`; registers in `sound_io::device::reg`).
pub const SOUND_IO: u32 = 0x100;

use super::Board;
use super::disk::{DISK_ACK, DISK_BLOCK};
use super::display::Display;
use emulator::AccessSize;

/// Extract the lane of `reg` that an access of `size` at byte `lane` (0–3) sees.
#[inline]
fn lane(reg: u32, lane: u32, size: AccessSize) -> u32 {
    match size {
        AccessSize::Long => reg,
        AccessSize::Word => (reg >> (16 - 8 * (lane & 2))) & 0xFFFF,
        AccessSize::Byte => (reg >> (24 - 8 * lane)) & 0xFF,
    }
}

impl Board {
    /// Read a device-page register (`offset` from `$FFFF_0000`, aligned to its lane).
    pub(super) fn device_read(&mut self, offset: u32, size: AccessSize) -> u32 {
        let reg = offset & !3;
        let value = match reg {
            CONSOLE_RX => self.console.receive(),
            CONSOLE_STATUS => self.console.status(),
            FPU_ENABLE => u32::from(self.fpu_enable),
            CLOCK_HI => {
                self.clock_lo_latch = self.now.clocks as u32;
                (self.now.clocks >> 32) as u32
            }
            CLOCK_LO => self.clock_lo_latch,
            INSN_COUNT => self.now.instructions as u32,
            MEMREF_COUNT => self.now.bus_cycles as u32,
            TIMER_PERIOD => self.timer.period,
            TIMER_CONTROL => self.timer.control,
            r if (DISK_BLOCK..=DISK_ACK).contains(&r) => self.disk.read(r),
            r if Display::owns(r) => self.display.read(r, self.now.clocks),
            r if r & !0xFF == SOUND_IO => self.sound.read(r - SOUND_IO),
            _ => 0,
        };
        lane(value, offset & 3, size)
    }

    /// Write a device-page register.
    pub(super) fn device_write(&mut self, offset: u32, value: u32) {
        let now = self.now.clocks;
        match offset & !3 {
            CONSOLE_TX => self.console.transmit(value as u8),
            CONSOLE_STATUS => {
                self.console.set_status(value);
                self.reschedule();
            }
            HALT => {
                if self.halt.is_none() {
                    self.halt = Some(value);
                }
                self.reschedule();
            }
            FPU_ENABLE => self.fpu_enable = value & 1 != 0,
            PROBE_START => {
                self.probes.start(value);
                self.reschedule();
            }
            PROBE_STOP => self.probes.stop(value, now),
            TIMER_PERIOD => {
                self.timer.set_period(value, now);
                self.reschedule();
            }
            TIMER_CONTROL => {
                self.timer.set_control(value, now);
                self.reschedule();
            }
            TIMER_ACK => self.timer.acknowledge(),
            r if (DISK_BLOCK..=DISK_ACK).contains(&r) => {
                let ram_size = self.ram.len() as u32;
                self.disk.write(r, value, now, ram_size);
                self.reschedule();
            }
            r if Display::owns(r) => {
                self.display.write(r, value, now);
                self.reschedule();
            }
            r if r & !0xFF == SOUND_IO => {
                self.sound.write(r - SOUND_IO, value, now);
                self.reschedule();
            }
            _ => {}
        }
    }
}
