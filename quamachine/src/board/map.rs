//! The Quamachine's physical address map (../shared/quamachine.md, "Memory map"): which
//! area an address falls in, its wait states and cacheability. Fixed addresses live here.

/// Base of the ROM.
pub const ROM_BASE: u32 = 0x4000_0000;
/// Size of the ROM in bytes (256 KiB).
pub const ROM_SIZE: u32 = 0x0004_0000;
/// Base of the framebuffer memory.
pub const FB_BASE: u32 = 0x8000_0000;
/// Size of the framebuffer memory in bytes (2048 × 2048 × 1 byte).
pub const FB_SIZE: u32 = 0x0040_0000;
/// Base of the device page.
pub const DEVICE_BASE: u32 = 0xFFFF_0000;
/// Largest RAM the map allows (RAM must end below the ROM).
pub const MAX_RAM_MIB: u32 = 1024;
/// Wait states of the framebuffer memory.
pub const FB_WAIT_STATES: u32 = 1;

/// What lies behind an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// Main RAM: `$0`–RAM size.
    Ram,
    /// The read-only ROM at `$4000_0000`.
    Rom,
    /// Framebuffer memory at `$8000_0000`.
    Framebuffer,
    /// The device page at `$FFFF_0000`.
    Devices,
    /// Nothing: any access is a bus error.
    Unmapped,
}

impl Area {
    /// Name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Area::Ram => "RAM",
            Area::Rom => "ROM",
            Area::Framebuffer => "framebuffer",
            Area::Devices => "device page",
            Area::Unmapped => "unmapped space",
        }
    }
}

/// The address map of one board (RAM size is the only variable part).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryMap {
    /// RAM size in bytes.
    pub ram_size: u32,
}

impl MemoryMap {
    /// The map for `ram_size` bytes of RAM.
    pub fn new(ram_size: u32) -> Self {
        MemoryMap { ram_size }
    }

    /// The area `address` falls in.
    #[inline]
    pub fn area(&self, address: u32) -> Area {
        if address < self.ram_size {
            Area::Ram
        } else if address.wrapping_sub(ROM_BASE) < ROM_SIZE {
            Area::Rom
        } else if address.wrapping_sub(FB_BASE) < FB_SIZE {
            Area::Framebuffer
        } else if address >= DEVICE_BASE {
            Area::Devices
        } else {
            Area::Unmapped
        }
    }

    /// `(base, size)` of an area, `None` for unmapped space.
    pub fn bounds(&self, area: Area) -> Option<(u32, u64)> {
        match area {
            Area::Ram => Some((0, u64::from(self.ram_size))),
            Area::Rom => Some((ROM_BASE, u64::from(ROM_SIZE))),
            Area::Framebuffer => Some((FB_BASE, u64::from(FB_SIZE))),
            Area::Devices => Some((DEVICE_BASE, 0x1_0000)),
            Area::Unmapped => None,
        }
    }

    /// Whether `[start, start + len)` lies entirely inside RAM or entirely inside ROM
    /// (the two places an image may be loaded).
    pub fn loadable(&self, start: u32, len: u64) -> bool {
        [Area::Ram, Area::Rom].into_iter().any(|area| {
            let (base, size) = self.bounds(area).unwrap_or((0, 0));
            let start = u64::from(start);
            let base = u64::from(base);
            start >= base && start + len <= base + size
        })
    }
}
