//! QFS, the disk's file system (`docs/disk-format.md`): a superblock, a flat directory of
//! 32-byte entries, and contiguous files. Simple enough for a 68030 driver: every field
//! is a big-endian long at a fixed offset, a name compares as five longs, and a file is
//! one extent (start block, allocated blocks, length in bytes).
//!
//! This module reads, checks and edits whole images in memory; `cmd_disk` is its
//! command line. Every malformed image is refused with a message naming what is wrong.
use std::fmt;
use std::path::Path;

/// Block size.
pub const BLOCK: usize = 512;
/// Superblock magic: "QFS1".
pub const MAGIC: u32 = 0x5146_5331;
/// Format version.
pub const VERSION: u32 = 1;
/// Directory entry size.
pub const ENTRY_SIZE: usize = 32;
/// Name field size (NUL-padded; a name may fill it).
pub const NAME_LEN: usize = 20;
/// Entries per directory block.
pub const ENTRIES_PER_BLOCK: usize = BLOCK / ENTRY_SIZE;
/// Default directory size, in blocks (64 entries).
pub const DEFAULT_DIR_BLOCKS: u32 = 4;

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FsError {
    /// Host I/O.
    Io(String),
    /// The image is not a valid QFS image.
    Corrupt(String),
    /// No file of that name.
    NotFound(String),
    /// Not enough contiguous space.
    Full {
        /// The file.
        name: String,
        /// Blocks it needs.
        need: u32,
        /// The largest free extent.
        largest: u32,
        /// Free blocks in all.
        free: u32,
    },
    /// Every directory entry is in use.
    DirectoryFull(usize),
    /// A name that cannot be stored.
    BadName(String),
    /// A bad size for `create`.
    BadSize(String),
}

impl fmt::Display for FsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FsError::Io(m) | FsError::Corrupt(m) | FsError::BadSize(m) => f.write_str(m),
            FsError::NotFound(n) => write!(f, "no file named `{n}` on the disk"),
            FsError::Full {
                name,
                need,
                largest,
                free,
            } => write!(
                f,
                "disk full: `{name}` needs {need} contiguous blocks, the largest free extent \
                 is {largest} blocks ({free} blocks free in all)"
            ),
            FsError::DirectoryFull(n) => {
                write!(f, "directory full: all {n} entries are in use")
            }
            FsError::BadName(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for FsError {}

/// One file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Name: 1 to 20 printable ASCII characters, no `/`.
    pub name: String,
    /// First block.
    pub start: u32,
    /// Length in bytes.
    pub length: u32,
    /// Blocks allocated (at least `ceil(length / 512)`).
    pub blocks: u32,
}

/// An image in memory.
#[derive(Debug, Clone)]
pub struct Fs {
    /// The whole image.
    pub data: Vec<u8>,
    /// Total blocks.
    pub total: u32,
    /// Directory blocks (from block 1).
    pub dir_blocks: u32,
}

fn get(d: &[u8], off: usize) -> u32 {
    u32::from_be_bytes([d[off], d[off + 1], d[off + 2], d[off + 3]])
}

fn put(d: &mut [u8], off: usize, v: u32) {
    d[off..off + 4].copy_from_slice(&v.to_be_bytes());
}

/// Check a file name.
pub fn check_name(name: &str) -> Result<(), FsError> {
    if name.is_empty() || name.len() > NAME_LEN {
        return Err(FsError::BadName(format!(
            "bad file name `{name}`: 1 to {NAME_LEN} characters"
        )));
    }
    if !name.bytes().all(|b| (0x21..0x7F).contains(&b) && b != b'/') {
        return Err(FsError::BadName(format!(
            "bad file name `{name}`: printable ASCII only, no spaces or `/`"
        )));
    }
    Ok(())
}

/// Parse a size: bytes, or with a K/M suffix (1024-based).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (num, mul) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 1024),
        Some((i, 'm' | 'M')) => (&t[..i], 1024 * 1024),
        _ => (t, 1),
    };
    num.parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mul))
        .ok_or_else(|| format!("`{s}` is not a size (bytes, or with K or M)"))
}

impl Fs {
    /// A new empty file system of `bytes` (a multiple of 512) with `dir_blocks`
    /// directory blocks.
    pub fn format(bytes: u64, dir_blocks: u32) -> Result<Fs, FsError> {
        if !bytes.is_multiple_of(BLOCK as u64) {
            return Err(FsError::BadSize(format!(
                "size {bytes} is not a multiple of {BLOCK} bytes"
            )));
        }
        let total = bytes / BLOCK as u64;
        if dir_blocks == 0 || total < 2 + u64::from(dir_blocks) || total > 1 << 22 {
            return Err(FsError::BadSize(format!(
                "size {bytes}: a disk needs the superblock, {dir_blocks} directory blocks and \
                 one data block, and at most 2 GiB"
            )));
        }
        let total = total as u32;
        let mut data = vec![0u8; bytes as usize];
        put(&mut data, 0, MAGIC);
        put(&mut data, 4, VERSION);
        put(&mut data, 8, total);
        put(&mut data, 12, 1);
        put(&mut data, 16, dir_blocks);
        put(&mut data, 20, 1 + dir_blocks);
        put(&mut data, 24, ENTRY_SIZE as u32);
        Ok(Fs {
            data,
            total,
            dir_blocks,
        })
    }

    /// Parse and check an image.
    pub fn parse(data: Vec<u8>) -> Result<Fs, FsError> {
        let bad = |m: String| Err(FsError::Corrupt(format!("not a valid QFS image: {m}")));
        if data.len() < BLOCK || !data.len().is_multiple_of(BLOCK) {
            return bad(format!(
                "{} bytes is not a whole number of 512-byte blocks (at least one)",
                data.len()
            ));
        }
        if get(&data, 0) != MAGIC {
            return bad("no QFS1 magic in block 0".into());
        }
        if get(&data, 4) != VERSION {
            return bad(format!("version {} (this tool reads 1)", get(&data, 4)));
        }
        let total = get(&data, 8);
        if total as usize * BLOCK != data.len() {
            return bad(format!(
                "the superblock says {total} blocks, the image has {}",
                data.len() / BLOCK
            ));
        }
        let dir_blocks = get(&data, 16);
        if get(&data, 12) != 1
            || dir_blocks == 0
            || get(&data, 20) != dir_blocks.wrapping_add(1)
            || dir_blocks >= total
        {
            return bad("directory position or size out of range".into());
        }
        if get(&data, 24) != ENTRY_SIZE as u32 {
            return bad(format!("entry size {} (expected 32)", get(&data, 24)));
        }
        let fs = Fs {
            data,
            total,
            dir_blocks,
        };
        let mut extents: Vec<(u32, u32, String)> = Vec::new();
        for (i, e) in fs.raw_entries() {
            let Some(e) = e else { continue };
            let e =
                e.map_err(|m| FsError::Corrupt(format!("not a valid QFS image: entry {i}: {m}")))?;
            let data_start = 1 + dir_blocks;
            let need = e.length.div_ceil(BLOCK as u32);
            if e.blocks < need
                || (e.blocks > 0
                    && (e.start < data_start
                        || u64::from(e.start) + u64::from(e.blocks) > u64::from(total)))
            {
                return bad(format!(
                    "file `{}`: extent {}+{} blocks for {} bytes lies outside the data area",
                    e.name, e.start, e.blocks, e.length
                ));
            }
            if extents.iter().any(|(_, _, n)| *n == e.name) {
                return bad(format!("file `{}` appears twice", e.name));
            }
            extents.push((e.start, e.blocks, e.name));
        }
        extents.retain(|x| x.1 > 0);
        extents.sort();
        for w in extents.windows(2) {
            if w[0].0 + w[0].1 > w[1].0 {
                return bad(format!("files `{}` and `{}` overlap", w[0].2, w[1].2));
            }
        }
        Ok(fs)
    }

    /// Read and check the image at `path`.
    pub fn load(path: &Path) -> Result<Fs, FsError> {
        let data = std::fs::read(path)
            .map_err(|e| FsError::Io(format!("cannot read {}: {e}", path.display())))?;
        Fs::parse(data).map_err(|e| match e {
            FsError::Corrupt(m) => FsError::Corrupt(format!("{}: {m}", path.display())),
            e => e,
        })
    }

    /// Write the image to `path`.
    pub fn save(&self, path: &Path) -> Result<(), FsError> {
        std::fs::write(path, &self.data)
            .map_err(|e| FsError::Io(format!("cannot write {}: {e}", path.display())))
    }

    fn slots(&self) -> usize {
        self.dir_blocks as usize * ENTRIES_PER_BLOCK
    }

    fn slot_offset(i: usize) -> usize {
        BLOCK + i * ENTRY_SIZE
    }

    /// Every slot: None when free, else the entry or what is wrong with it.
    fn raw_entries(&self) -> impl Iterator<Item = (usize, Option<Result<Entry, String>>)> + '_ {
        (0..self.slots()).map(move |i| {
            let o = Self::slot_offset(i);
            let d = &self.data[o..o + ENTRY_SIZE];
            if d[0] == 0 {
                return (i, None);
            }
            let raw = &d[..NAME_LEN];
            let end = raw.iter().position(|&b| b == 0).unwrap_or(NAME_LEN);
            if raw[end..].iter().any(|&b| b != 0) {
                return (i, Some(Err("name is not NUL-padded".into())));
            }
            let name = match std::str::from_utf8(&raw[..end]) {
                Ok(n) if check_name(n).is_ok() => n.to_string(),
                _ => return (i, Some(Err("bad characters in the name".into()))),
            };
            let e = Entry {
                name,
                start: get(d, 20),
                length: get(d, 24),
                blocks: get(d, 28),
            };
            (i, Some(Ok(e)))
        })
    }

    /// The files, in directory order (the image was checked when parsed).
    pub fn entries(&self) -> Vec<Entry> {
        self.raw_entries()
            .filter_map(|(_, e)| e.and_then(Result::ok))
            .collect()
    }

    fn find(&self, name: &str) -> Option<(usize, Entry)> {
        self.raw_entries().find_map(|(i, e)| {
            e.and_then(Result::ok)
                .filter(|e| e.name == name)
                .map(|e| (i, e))
        })
    }

    /// Free blocks in all and the largest free extent.
    pub fn free(&self) -> (u32, u32) {
        let gaps = self.gaps();
        (
            gaps.iter().map(|g| g.1).sum(),
            gaps.iter().map(|g| g.1).max().unwrap_or(0),
        )
    }

    /// Free extents (start, length) of the data area, in block order.
    fn gaps(&self) -> Vec<(u32, u32)> {
        let mut used: Vec<(u32, u32)> = self
            .entries()
            .iter()
            .filter(|e| e.blocks > 0)
            .map(|e| (e.start, e.blocks))
            .collect();
        used.sort();
        let mut gaps = Vec::new();
        let mut at = 1 + self.dir_blocks;
        for (s, n) in used {
            if s > at {
                gaps.push((at, s - at));
            }
            at = at.max(s + n);
        }
        if self.total > at {
            gaps.push((at, self.total - at));
        }
        gaps
    }

    /// The contents of file `name`.
    pub fn get(&self, name: &str) -> Result<Vec<u8>, FsError> {
        let (_, e) = self
            .find(name)
            .ok_or_else(|| FsError::NotFound(name.into()))?;
        let o = e.start as usize * BLOCK;
        Ok(self.data[o..o + e.length as usize].to_vec())
    }

    /// Remove file `name`.
    pub fn remove(&mut self, name: &str) -> Result<Entry, FsError> {
        let (i, e) = self
            .find(name)
            .ok_or_else(|| FsError::NotFound(name.into()))?;
        let o = Self::slot_offset(i);
        self.data[o..o + ENTRY_SIZE].fill(0);
        Ok(e)
    }

    /// Store `bytes` as file `name` (replacing a file of that name) in the first free
    /// extent that holds it.
    pub fn put(&mut self, name: &str, bytes: &[u8]) -> Result<Entry, FsError> {
        check_name(name)?;
        let length = u32::try_from(bytes.len())
            .map_err(|_| FsError::BadSize(format!("`{name}` is larger than 4 GiB")))?;
        let need = length.div_ceil(BLOCK as u32);
        // Replacing: plan as if the old file were gone, but only commit on success.
        let mut trial = self.clone();
        let _ = trial.remove(name);
        let (free, largest) = trial.free();
        let start = if need == 0 {
            0
        } else {
            trial
                .gaps()
                .into_iter()
                .find(|g| g.1 >= need)
                .map(|g| g.0)
                .ok_or(FsError::Full {
                    name: name.into(),
                    need,
                    largest,
                    free,
                })?
        };
        let slot = trial
            .raw_entries()
            .find(|(_, e)| e.is_none())
            .map(|(i, _)| i)
            .ok_or(FsError::DirectoryFull(trial.slots()))?;
        let o = Self::slot_offset(slot);
        let d = &mut trial.data[o..o + ENTRY_SIZE];
        d.fill(0);
        d[..name.len()].copy_from_slice(name.as_bytes());
        put(d, 20, start);
        put(d, 24, length);
        put(d, 28, need);
        let at = start as usize * BLOCK;
        trial.data[at..at + bytes.len()].copy_from_slice(bytes);
        // Clear the tail of the last block (no stale bytes of an older file).
        let end = at + need as usize * BLOCK;
        trial.data[at + bytes.len()..end].fill(0);
        *self = trial;
        Ok(Entry {
            name: name.into(),
            start,
            length,
            blocks: need,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn put_get_rm_round_trip_and_reuse_space() {
        let mut fs = Fs::format(64 * 1024, 1).unwrap();
        let a: Vec<u8> = (0..1000u32).map(|i| i as u8).collect();
        let e = fs.put("a", &a).unwrap();
        assert_eq!((e.start, e.blocks, e.length), (2, 2, 1000));
        fs.put("b", &[7; 512]).unwrap();
        assert_eq!(fs.get("a").unwrap(), a);
        let fs2 = Fs::parse(fs.data.clone()).unwrap();
        assert_eq!(fs2.entries(), fs.entries());
        fs.remove("a").unwrap();
        assert_eq!(fs.get("a"), Err(FsError::NotFound("a".into())));
        // The freed extent is reused first.
        assert_eq!(fs.put("c", &[1; 100]).unwrap().start, 2);
        assert_eq!(
            fs.put("", b"x"),
            Err(FsError::BadName(
                "bad file name ``: 1 to 20 characters".into()
            ))
        );
    }
}
