//! The image loader: ELF32 big-endian m68k executables (`PT_LOAD` segments to their
//! physical addresses, the entry point as the initial PC) and raw binaries at a given
//! load address.
//!
//! Owns checking an image against the board's memory map before anything runs: every
//! problem is a [`LoadError`] naming the file and the problem; nothing here panics on
//! any input.
use crate::board::map::{MemoryMap, ROM_BASE, ROM_SIZE};
use object::BigEndian;
use object::elf::{EM_68K, FileHeader32, PT_LOAD};
use object::read::elf::{FileHeader, ProgramHeader};
use std::fmt;
use std::path::Path;

/// One piece of an image: bytes to place at a physical address, zero-filled up to
/// `mem_size`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Physical load address.
    pub address: u32,
    /// Bytes from the file.
    pub data: Vec<u8>,
    /// Size in memory (at least `data.len()`); the rest is zero.
    pub mem_size: u64,
}

/// What kind of file an image came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// ELF32 big-endian m68k.
    Elf,
    /// A raw binary at a command-line address.
    Raw,
}

/// A checked image, ready to copy into a board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// The file's name (for messages and reports).
    pub name: String,
    /// ELF or raw.
    pub format: Format,
    /// The segments, sorted by address, not overlapping, each inside RAM or ROM.
    pub segments: Vec<Segment>,
    /// The initial PC (inside a segment).
    pub entry: u32,
    /// The ELF symbols that name places in a section (labels, not `equ` constants),
    /// sorted by address; none for a raw binary or an ELF without a symbol table.
    pub symbols: Vec<(u32, String)>,
}

/// How to load.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Load the file as a raw binary at this address (`--load-addr`).
    pub load_addr: Option<u32>,
    /// Override the entry point (`--entry`); for a raw binary the default is the load
    /// address.
    pub entry: Option<u32>,
}

/// Why an image cannot be loaded.
#[derive(Debug)]
pub enum Problem {
    /// The file could not be read.
    Io(std::io::Error),
    /// The file is empty.
    Empty,
    /// No ELF magic (and no `--load-addr`).
    NotElf,
    /// ELF class other than 32-bit.
    WrongClass(u8),
    /// ELF data encoding other than big-endian.
    WrongEndianness(u8),
    /// ELF machine other than m68k.
    WrongMachine(u16),
    /// The file ends before the named part.
    Truncated(String),
    /// A segment's file size exceeds its memory size.
    BadSegment {
        /// Program header index.
        index: usize,
    },
    /// No `PT_LOAD` segment with any bytes.
    NoSegments,
    /// A segment is not entirely inside RAM or entirely inside ROM.
    SegmentOutside {
        /// Program header index (`None` for a raw binary).
        index: Option<usize>,
        /// First byte.
        start: u32,
        /// Size in memory.
        size: u64,
        /// RAM size of the board.
        ram_size: u32,
    },
    /// Two segments share addresses.
    Overlap {
        /// First segment (program header index, start, end exclusive).
        a: (usize, u32, u64),
        /// Second segment.
        b: (usize, u32, u64),
    },
    /// The entry point is not inside any loaded segment.
    EntryOutside {
        /// The entry point.
        entry: u32,
    },
}

/// A load failure: the file and the problem.
#[derive(Debug)]
pub struct LoadError {
    /// The file's name as given.
    pub file: String,
    /// What is wrong with it.
    pub problem: Problem,
}

fn range(start: u32, size: u64) -> String {
    if size == 0 {
        format!("${start:08X} (empty)")
    } else {
        format!("${start:08X}–${:08X}", u64::from(start) + size - 1)
    }
}

fn machine_name(m: u16) -> &'static str {
    match m {
        0 => "none",
        2 => "SPARC",
        3 => "x86",
        8 => "MIPS",
        20 => "PowerPC",
        40 => "ARM",
        62 => "x86-64",
        183 => "AArch64",
        243 => "RISC-V",
        _ => "unknown",
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Io(e) => write!(f, "cannot read the file: {e}"),
            Problem::Empty => write!(f, "the file is empty"),
            Problem::NotElf => write!(
                f,
                "not an ELF file (no \\x7fELF magic); to run a raw binary give --load-addr ADDR"
            ),
            Problem::WrongClass(c) => write!(
                f,
                "wrong ELF class {c} ({}); the Quamachine loads ELF32 (class 1)",
                match c {
                    2 => "64-bit",
                    _ => "invalid",
                }
            ),
            Problem::WrongEndianness(d) => write!(
                f,
                "wrong ELF endianness {d} ({}); the 68030 needs big-endian (ELFDATA2MSB, 2)",
                match d {
                    1 => "little-endian",
                    _ => "invalid",
                }
            ),
            Problem::WrongMachine(m) => write!(
                f,
                "wrong ELF machine {m} ({}); the Quamachine runs m68k (EM_68K, 4)",
                machine_name(*m)
            ),
            Problem::Truncated(what) => write!(f, "truncated file: {what}"),
            Problem::BadSegment { index } => write!(
                f,
                "segment {index}: file size is larger than its memory size"
            ),
            Problem::NoSegments => write!(f, "no loadable (PT_LOAD) segments"),
            Problem::SegmentOutside {
                index,
                start,
                size,
                ram_size,
            } => {
                match index {
                    Some(i) => write!(f, "segment {i} at {}", range(*start, *size))?,
                    None => write!(f, "the image at {}", range(*start, *size))?,
                }
                write!(
                    f,
                    " lies outside memory: it must fit in RAM ({}) or ROM ({})",
                    range(0, u64::from(*ram_size)),
                    range(ROM_BASE, u64::from(ROM_SIZE))
                )
            }
            Problem::Overlap { a, b } => write!(
                f,
                "segments {} ({}) and {} ({}) overlap",
                a.0,
                range(a.1, a.2 - u64::from(a.1)),
                b.0,
                range(b.1, b.2 - u64::from(b.1))
            ),
            Problem::EntryOutside { entry } => {
                write!(f, "entry point ${entry:08X} is outside the loaded segments")
            }
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.problem)
    }
}

impl std::error::Error for LoadError {}

/// Read and check the image file at `path` for a board with memory map `map`.
pub fn load_file(path: &Path, options: LoadOptions, map: MemoryMap) -> Result<Image, LoadError> {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => load_bytes(&bytes, &name, options, map),
        Err(e) => Err(LoadError {
            file: name,
            problem: Problem::Io(e),
        }),
    }
}

/// Check the image in `bytes` (named `name` in messages).
pub fn load_bytes(
    bytes: &[u8],
    name: &str,
    options: LoadOptions,
    map: MemoryMap,
) -> Result<Image, LoadError> {
    let err = |problem| LoadError {
        file: name.to_string(),
        problem,
    };
    let (format, segments, entry, symbols) = match options.load_addr {
        Some(addr) => {
            let (segments, entry) = raw(bytes, addr, map).map_err(err)?;
            (Format::Raw, segments, entry, Vec::new())
        }
        None => {
            let (segments, entry) = elf(bytes, map).map_err(err)?;
            (Format::Elf, segments, entry, elf_symbols(bytes))
        }
    };
    let entry = options.entry.unwrap_or(entry);
    let inside = segments.iter().any(|s| {
        u64::from(entry) >= u64::from(s.address)
            && u64::from(entry) < u64::from(s.address) + s.mem_size
    });
    if !inside {
        return Err(err(Problem::EntryOutside { entry }));
    }
    Ok(Image {
        name: name.to_string(),
        format,
        segments,
        entry,
        symbols,
    })
}

/// The symbols of a checked ELF image that lie in a section, sorted by address.
fn elf_symbols(bytes: &[u8]) -> Vec<(u32, String)> {
    use object::{Object, ObjectSymbol, SymbolSection};
    let Ok(file) = object::read::elf::ElfFile32::<BigEndian>::parse(bytes) else {
        return Vec::new();
    };
    let mut v: Vec<(u32, String)> = file
        .symbols()
        .filter(|s| matches!(s.section(), SymbolSection::Section(_)))
        .filter_map(|s| Some((s.address() as u32, s.name().ok()?.to_string())))
        .filter(|(_, n)| !n.is_empty())
        .collect();
    v.sort();
    v
}

fn raw(bytes: &[u8], addr: u32, map: MemoryMap) -> Result<(Vec<Segment>, u32), Problem> {
    if bytes.is_empty() {
        return Err(Problem::Empty);
    }
    let size = bytes.len() as u64;
    if !map.loadable(addr, size) {
        return Err(Problem::SegmentOutside {
            index: None,
            start: addr,
            size,
            ram_size: map.ram_size,
        });
    }
    let seg = Segment {
        address: addr,
        data: bytes.to_vec(),
        mem_size: size,
    };
    Ok((vec![seg], addr))
}

fn elf(bytes: &[u8], map: MemoryMap) -> Result<(Vec<Segment>, u32), Problem> {
    if bytes.is_empty() {
        return Err(Problem::Empty);
    }
    let magic = b"\x7fELF";
    if bytes.len() < 4 {
        return Err(if magic.starts_with(bytes) {
            Problem::Truncated("the ELF identification ends early".into())
        } else {
            Problem::NotElf
        });
    }
    if &bytes[..4] != magic {
        return Err(Problem::NotElf);
    }
    if bytes.len() < 16 {
        return Err(Problem::Truncated(
            "the ELF identification ends early".into(),
        ));
    }
    if bytes[4] != 1 {
        return Err(Problem::WrongClass(bytes[4]));
    }
    if bytes[5] != 2 {
        return Err(Problem::WrongEndianness(bytes[5]));
    }
    let header = FileHeader32::<BigEndian>::parse(bytes).map_err(|_| {
        Problem::Truncated(format!(
            "the ELF header needs 52 bytes, the file has {}",
            bytes.len()
        ))
    })?;
    let endian = BigEndian;
    let machine = header.e_machine(endian);
    if machine != EM_68K {
        return Err(Problem::WrongMachine(machine));
    }
    let phoff = u64::from(header.e_phoff(endian));
    let phnum = u64::from(header.e_phnum(endian));
    let phentsize = u64::from(header.e_phentsize(endian));
    if phnum > 0 && phentsize < 32 {
        return Err(Problem::Truncated(format!(
            "program header entries of {phentsize} bytes (an ELF32 entry is 32)"
        )));
    }
    if phoff + phnum * phentsize > bytes.len() as u64 {
        return Err(Problem::Truncated(format!(
            "the program headers ({phnum} at offset {phoff}) end past the end of the file ({} bytes)",
            bytes.len()
        )));
    }
    let headers = header
        .program_headers(endian, bytes)
        .map_err(|e| Problem::Truncated(format!("program headers unreadable ({e})")))?;
    let mut segments: Vec<(usize, Segment)> = Vec::new();
    for (index, ph) in headers.iter().enumerate() {
        if ph.p_type(endian) != PT_LOAD {
            continue;
        }
        let offset = u64::from(ph.p_offset(endian));
        let filesz = u64::from(ph.p_filesz(endian));
        let memsz = u64::from(ph.p_memsz(endian));
        let address = ph.p_paddr(endian);
        if filesz > memsz {
            return Err(Problem::BadSegment { index });
        }
        if offset + filesz > bytes.len() as u64 {
            return Err(Problem::Truncated(format!(
                "segment {index} needs bytes {offset}..{} of the file, which has {}",
                offset + filesz,
                bytes.len()
            )));
        }
        if memsz == 0 {
            continue;
        }
        if !map.loadable(address, memsz) {
            return Err(Problem::SegmentOutside {
                index: Some(index),
                start: address,
                size: memsz,
                ram_size: map.ram_size,
            });
        }
        let data = bytes[offset as usize..(offset + filesz) as usize].to_vec();
        segments.push((
            index,
            Segment {
                address,
                data,
                mem_size: memsz,
            },
        ));
    }
    if segments.is_empty() {
        return Err(Problem::NoSegments);
    }
    segments.sort_by_key(|(_, s)| s.address);
    for pair in segments.windows(2) {
        let (ia, a) = &pair[0];
        let (ib, b) = &pair[1];
        let a_end = u64::from(a.address) + a.mem_size;
        if a_end > u64::from(b.address) {
            return Err(Problem::Overlap {
                a: (*ia, a.address, a_end),
                b: (*ib, b.address, u64::from(b.address) + b.mem_size),
            });
        }
    }
    let entry = header.e_entry(endian);
    Ok((segments.into_iter().map(|(_, s)| s).collect(), entry))
}
