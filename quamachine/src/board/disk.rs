//! The disk of `../shared/quamachine.md`: a block device backed by a host file, 512-byte
//! blocks, DMA to RAM and a completion interrupt at level 3 (autovectored).
//!
//! Registers from `$FFFF_0200`: BLOCK, COUNT, ADDRESS, COMMAND (1 read, 2 write), STATUS
//! (bit 0 busy, bit 1 error), ACK. A command takes `seek_clocks + count × block_clocks`;
//! the transfer happens at completion (the guest must not touch the buffer while busy),
//! then the interrupt stays pending until ACK. A bad request (no disk, a bad command, a
//! count of 0, blocks past the end, a buffer outside RAM, a host I/O error) completes at
//! once with the error bit and the interrupt, and moves nothing. A COMMAND written while
//! busy is ignored. Writes go to the host file at completion. Nothing happens per
//! instruction: the board asks [`Disk::due`] when to call [`Disk::complete`].
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Block size in bytes.
pub const BLOCK_SIZE: u32 = 512;
/// Register offsets from the start of the device page.
pub const DISK_BLOCK: u32 = 0x200;
/// COUNT: blocks to move.
pub const DISK_COUNT: u32 = 0x204;
/// ADDRESS: RAM address of the buffer.
pub const DISK_ADDRESS: u32 = 0x208;
/// COMMAND: 1 read, 2 write.
pub const DISK_COMMAND: u32 = 0x20C;
/// STATUS: bit 0 busy, bit 1 error.
pub const DISK_STATUS: u32 = 0x210;
/// ACK: write anything to clear the completion interrupt.
pub const DISK_ACK: u32 = 0x214;
/// STATUS bit: a command is running.
pub const STATUS_BUSY: u32 = 1;
/// STATUS bit: the last command failed.
pub const STATUS_ERROR: u32 = 2;
/// Default seek latency: 10 ms at 25 MHz (a late-1980s disk's average seek).
pub const DEFAULT_SEEK_CLOCKS: u64 = 250_000;
/// Default per-block time: 512 bytes at about 1 MB/s, at 25 MHz.
pub const DEFAULT_BLOCK_CLOCKS: u64 = 12_800;

/// The disk options of a run (shared by every subcommand that runs a guest).
#[derive(clap::Args, Debug, Clone)]
pub struct DiskArgs {
    /// Attach a disk backed by this host file (its size a multiple of 512 bytes); guest
    /// writes change the file.
    #[arg(long, value_name = "FILE")]
    pub disk: Option<PathBuf>,
    /// Disk seek latency per command, in CPU clocks.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SEEK_CLOCKS)]
    pub disk_seek_clocks: u64,
    /// Disk transfer time per 512-byte block, in CPU clocks.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_BLOCK_CLOCKS)]
    pub disk_block_clocks: u64,
}

impl DiskArgs {
    /// The disk these options describe (none attached without `--disk`).
    pub fn open(&self) -> Result<Disk, String> {
        let mut d = match &self.disk {
            Some(p) => Disk::open(p)?,
            None => Disk::new(),
        };
        d.seek_clocks = self.disk_seek_clocks;
        d.block_clocks = self.disk_block_clocks;
        Ok(d)
    }
}

/// The disk device.
#[derive(Debug)]
pub struct Disk {
    file: Option<File>,
    path: Option<PathBuf>,
    /// Blocks on the medium (0 without one).
    pub blocks: u32,
    /// BLOCK register.
    pub block: u32,
    /// COUNT register.
    pub count: u32,
    /// ADDRESS register.
    pub address: u32,
    /// COMMAND register (the last command written).
    pub command: u32,
    /// STATUS register.
    pub status: u32,
    /// The completion interrupt is pending (until ACK).
    pub irq_pending: bool,
    /// Clock at which the running command completes (`u64::MAX` when idle).
    pub done_at: u64,
    /// Seek latency per command, in CPU clocks.
    pub seek_clocks: u64,
    /// Per-block time, in CPU clocks.
    pub block_clocks: u64,
    /// Commands completed (good or bad) and blocks moved, for reports and tests.
    pub commands: u64,
    /// See `commands`.
    pub blocks_moved: u64,
    /// The last host I/O error, if any (the guest saw the error bit).
    pub host_error: Option<String>,
    /// The accepted command waiting for `done_at`.
    running: Option<u32>,
}

impl Default for Disk {
    fn default() -> Self {
        Disk::new()
    }
}

impl Disk {
    /// A disk controller with no medium: every command fails.
    pub fn new() -> Self {
        Disk {
            file: None,
            path: None,
            blocks: 0,
            block: 0,
            count: 0,
            address: 0,
            command: 0,
            status: 0,
            irq_pending: false,
            done_at: u64::MAX,
            seek_clocks: DEFAULT_SEEK_CLOCKS,
            block_clocks: DEFAULT_BLOCK_CLOCKS,
            commands: 0,
            blocks_moved: 0,
            host_error: None,
            running: None,
        }
    }

    /// A disk backed by the host file at `path` (read and write).
    pub fn open(path: &Path) -> Result<Self, String> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
            .map_err(|e| format!("cannot open the disk image {}: {e}", path.display()))?;
        let len = file
            .metadata()
            .map_err(|e| format!("cannot read the disk image {}: {e}", path.display()))?
            .len();
        if !len.is_multiple_of(u64::from(BLOCK_SIZE)) || len == 0 {
            return Err(format!(
                "the disk image {} is {len} bytes: not a whole number of 512-byte blocks",
                path.display()
            ));
        }
        let blocks = u32::try_from(len / u64::from(BLOCK_SIZE))
            .map_err(|_| format!("the disk image {} is too large", path.display()))?;
        Ok(Disk {
            file: Some(file),
            path: Some(path.to_path_buf()),
            blocks,
            ..Disk::new()
        })
    }

    /// Whether a command is running.
    pub fn busy(&self) -> bool {
        self.status & STATUS_BUSY != 0
    }

    /// Read a register (offset from the device page, word aligned).
    pub fn read(&self, offset: u32) -> u32 {
        match offset {
            DISK_BLOCK => self.block,
            DISK_COUNT => self.count,
            DISK_ADDRESS => self.address,
            DISK_COMMAND => self.command,
            DISK_STATUS => self.status,
            _ => 0,
        }
    }

    /// Write a register at clock `now`; `ram_size` bounds the DMA buffer.
    pub fn write(&mut self, offset: u32, value: u32, now: u64, ram_size: u32) {
        match offset {
            DISK_BLOCK => self.block = value,
            DISK_COUNT => self.count = value,
            DISK_ADDRESS => self.address = value,
            DISK_COMMAND => self.start(value, now, ram_size),
            DISK_ACK => self.irq_pending = false,
            _ => {}
        }
    }

    fn start(&mut self, command: u32, now: u64, ram_size: u32) {
        if self.busy() {
            return;
        }
        self.command = command;
        let bytes = u64::from(self.count) * u64::from(BLOCK_SIZE);
        let ok = self.file.is_some()
            && matches!(command, 1 | 2)
            && self.count != 0
            && u64::from(self.block) + u64::from(self.count) <= u64::from(self.blocks)
            && u64::from(self.address) + bytes <= u64::from(ram_size);
        self.status = STATUS_BUSY;
        if ok {
            self.running = Some(command);
            self.done_at = now + self.seek_clocks + u64::from(self.count) * self.block_clocks;
        } else {
            // Fails at once: error bit and the interrupt at the next boundary.
            self.running = None;
            self.done_at = now;
        }
    }

    /// Clock at which [`Disk::complete`] is due (`u64::MAX` when idle).
    pub fn due(&self) -> u64 {
        self.done_at
    }

    /// Finish the running command: move the data between the file and `ram`, set STATUS
    /// and raise the interrupt.
    pub fn complete(&mut self, ram: &mut [u8]) {
        self.done_at = u64::MAX;
        let ok = match self.running.take() {
            Some(cmd) => match self.transfer(cmd, ram) {
                Ok(()) => {
                    self.blocks_moved += u64::from(self.count);
                    true
                }
                Err(e) => {
                    // A host failure, not a guest one: say so; the guest sees the error bit.
                    let msg = format!(
                        "disk image {}: {e}",
                        self.path.as_deref().unwrap_or(Path::new("?")).display()
                    );
                    eprintln!("quamachine: {msg}");
                    self.host_error = Some(msg);
                    false
                }
            },
            None => false,
        };
        self.commands += 1;
        self.status = if ok { 0 } else { STATUS_ERROR };
        self.irq_pending = true;
    }

    fn transfer(&mut self, cmd: u32, ram: &mut [u8]) -> std::io::Result<()> {
        let file = self.file.as_mut().ok_or(std::io::ErrorKind::NotFound)?;
        let start = self.address as usize;
        let len = self.count as usize * BLOCK_SIZE as usize;
        let buf = ram
            .get_mut(start..start + len)
            .ok_or(std::io::ErrorKind::InvalidInput)?;
        file.seek(SeekFrom::Start(
            u64::from(self.block) * u64::from(BLOCK_SIZE),
        ))?;
        if cmd == 1 {
            file.read_exact(buf)
        } else {
            file.write_all(buf)?;
            file.flush()
        }
    }
}
