//! The Table 2 analogue of Cassyopia (`quamachine bench --table2`): the copy program of the
//! paper's Figure 1 in its three versions (`copy-orig`, `copy-multi`, `copy-loop`, and
//! `copy-mcint`, the multi-call with its list interpreted; from `kernel-asm/copy/`), each
//! copying 80 KB, 925 KB and 2.28 MB files in 4096-byte blocks on a QFS disk made here,
//! measured by the guest (K_CLOCK before and after each copy), with the kernel crossings
//! counted from a syscall trace and every copy checked byte for byte against its source.
//!
//! Owns the workload (file sizes, contents, the disk image) and the table; may not touch
//! the kernel, the board or the emulator beyond running an image on them.
use crate::board::console::ConsoleInput;
use crate::board::disk::Disk;
use crate::board::map::MemoryMap;
use crate::diskfs::Fs;
use crate::loader::{LoadOptions, load_bytes};
use crate::session::{RunConfig, RunExit, Session};
use crate::syscall_trace::SyscallTracer;
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The files: Table 2's label, bytes, source and destination names (`copy/main.s`).
pub const SIZES: [(&str, usize, &str, &str); 3] = [
    ("80K", 80 * 1024, "f80k", "c80k"),
    ("925K", 925 * 1024, "f925k", "c925k"),
    ("2.28M", 557 * 4096, "f2280k", "c2280k"),
];

/// The versions: name and embedded image. The multi-call is the list synthesized once
/// into a kernel call (`K_MULTI` with `MC_SYNTH`); the interpreted one, the same loop with
/// `K_MULTI` reading and checking the list on every call, is shown beside it.
pub const VERSIONS: [(&str, &str); 4] = [
    ("original", "copy-orig"),
    ("multi-call", "copy-multi"),
    ("looped multi-call", "copy-loop"),
    ("interpreted multi-call", "copy-mcint"),
];

/// The paper's Table 2 (Pentium II 266 MHz, Linux 2.4; cycles x 10^6): original,
/// multi-call, looped multi-call.
pub const PAPER: [(&str, f64, f64, f64); 3] = [
    ("80K", 0.3400, 0.3264, 0.3185),
    ("925K", 4.371, 4.235, 4.028),
    ("2.28M", 10.93, 10.65, 10.37),
];

/// K_CLOCK's selector (the copies are bracketed by two of them).
const K_CLOCK: u32 = 15;

/// One copy.
#[derive(Debug, Clone, Serialize)]
pub struct CopyRow {
    /// Version name.
    pub version: String,
    /// Size label.
    pub size: String,
    /// Bytes copied.
    pub bytes: usize,
    /// Clocks from the K_CLOCK before to the K_CLOCK after, as the guest measured them.
    pub clocks: u64,
    /// Kernel crossings (TRAPs) between those two K_CLOCK calls.
    pub crossings: u64,
    /// The destination equals the source, byte for byte.
    pub identical: bool,
}

/// The disk's latencies for a table.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct DiskTiming {
    /// Seek clocks per command.
    pub seek_clocks: u64,
    /// Clocks per 512-byte block.
    pub block_clocks: u64,
}

/// A file's content: deterministic, not compressible by accident.
pub fn content(n: usize, seed: u32) -> Vec<u8> {
    let mut x = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect()
}

#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Shared {
    fn text(&self) -> String {
        self.0
            .lock()
            .map(|v| String::from_utf8_lossy(&v).into_owned())
            .unwrap_or_default()
    }
}

/// What one run of a version gave: the rows, the console text and the trace (JSON lines).
pub struct VersionRun {
    /// One row per size copied.
    pub rows: Vec<CopyRow>,
    /// The guest's console output.
    pub console: String,
    /// The `--trace-syscalls` trace of the run.
    pub trace: String,
}

/// Make a QFS image at `path` holding the source files of `sizes` (indices into SIZES).
pub fn make_disk(path: &Path, sizes: &[usize]) -> Result<(), String> {
    let mut fs = Fs::format(12 << 20, 4).map_err(|e| e.to_string())?;
    for &i in sizes {
        let (_, n, src, _) = SIZES[i];
        fs.put(src, &content(n, i as u32))
            .map_err(|e| e.to_string())?;
    }
    fs.save(path).map_err(|e| e.to_string())
}

/// Run the embedded image `elf` (one version) on a fresh disk at `disk_path` holding the
/// files of `sizes`; check the copies.
pub fn run_version(
    version: &str,
    elf: &[u8],
    sizes: &[usize],
    disk_path: &Path,
    timing: DiskTiming,
    cfg: RunConfig,
) -> Result<VersionRun, String> {
    make_disk(disk_path, sizes)?;
    let image = load_bytes(
        elf,
        version,
        LoadOptions::default(),
        MemoryMap::new(cfg.ram_mib << 20),
    )
    .map_err(|e| e.to_string())?;
    let out = Shared::default();
    let mut session = Session::new(
        &image,
        cfg,
        ConsoleInput::Bytes(Vec::new()),
        Box::new(out.clone()),
    );
    let mut disk = Disk::open(disk_path)?;
    disk.seek_clocks = timing.seek_clocks;
    disk.block_clocks = timing.block_clocks;
    session.board.disk = disk;
    let trace_buf = Shared::default();
    let tracer = SyscallTracer::new(Box::new(trace_buf.clone()));
    session.cpu.set_tracer(Some(tracer.tracer()));
    let outcome = session.run();
    tracer
        .finish()
        .map_err(|e| format!("the trace could not be written: {e}"))?;
    let console = out.text();
    if outcome.exit != RunExit::Halt(0) {
        return Err(format!(
            "{version}: the run ended with {:?}; console:\n{console}",
            outcome.exit
        ));
    }
    let trace = trace_buf.text();
    let calls = cassyopia::parse_trace(&trace)?;
    // Crossings between the two K_CLOCK calls around each copy, in `pairs` order.
    let clocks: Vec<usize> = calls
        .iter()
        .enumerate()
        .filter(|(_, c)| c.user && c.trap == 15 && c.selector == Some(K_CLOCK))
        .map(|(i, _)| i)
        .collect();
    let fs = Fs::load(disk_path).map_err(|e| e.to_string())?;
    let mut rows = Vec::new();
    for (k, (label, n, src, dst)) in SIZES.iter().enumerate() {
        if !sizes.contains(&k) {
            continue;
        }
        let value = |what: &str| -> Result<i64, String> {
            let key = format!("{src} {what}: ");
            console
                .lines()
                .find_map(|l| l.strip_prefix(&key))
                .and_then(|v| v.trim().parse().ok())
                .ok_or_else(|| format!("{version}: no `{key}` line; console:\n{console}"))
        };
        let status = value("status")?;
        if status != 0 {
            return Err(format!("{version}: copying {src} failed with {status}"));
        }
        let clk = value("clocks")?;
        let (a, b) = match (clocks.get(2 * k), clocks.get(2 * k + 1)) {
            (Some(&a), Some(&b)) => (a, b),
            _ => {
                return Err(format!(
                    "{version}: the trace lacks the clock calls of {src}"
                ));
            }
        };
        let copy = fs.get(dst).map_err(|e| format!("{version}: {e}"))?;
        rows.push(CopyRow {
            version: version.to_string(),
            size: label.to_string(),
            bytes: *n,
            clocks: clk as u64,
            crossings: (b - a - 1) as u64,
            identical: copy == content(*n, k as u32),
        });
    }
    Ok(VersionRun {
        rows,
        console,
        trace,
    })
}

/// The whole table: every version on every size in `sizes`.
#[derive(Debug, Clone, Serialize)]
pub struct Table2 {
    /// Schema name.
    pub schema: &'static str,
    /// The disk latencies.
    pub disk: DiskTiming,
    /// Rows, by version then size.
    pub rows: Vec<CopyRow>,
}

/// Run the table. `image` finds an embedded image by name; `dir` holds the disk images.
pub fn run(
    image: &dyn Fn(&str) -> Option<&'static [u8]>,
    sizes: &[usize],
    timing: DiskTiming,
    cfg: RunConfig,
    dir: &Path,
) -> Result<Table2, String> {
    let mut rows = Vec::new();
    for (version, name) in VERSIONS {
        let elf = image(name).ok_or_else(|| format!("this build has no `{name}` image"))?;
        let path = dir.join(format!("table2-{name}-{}.img", std::process::id()));
        let r = run_version(version, elf, sizes, &path, timing, cfg);
        let _ = std::fs::remove_file(&path);
        rows.extend(r?.rows);
    }
    Ok(Table2 {
        schema: "quamachine-table2/1",
        disk: timing,
        rows,
    })
}

impl Table2 {
    fn row(&self, version: &str, size: &str) -> Option<&CopyRow> {
        self.rows
            .iter()
            .find(|r| r.version == version && r.size == size)
    }

    /// The table as text (Markdown), ours beside the paper's.
    pub fn text(&self, clock_mhz: f64) -> String {
        let mut s = format!(
            "Table 2 analogue: Figure 1's copy program, 4096-byte blocks, disk seek {} and {} clocks per block\n\n",
            self.disk.seek_clocks, self.disk.block_clocks
        );
        s.push_str("| file | original clocks (crossings) | multi-call clocks (crossings) | saving | looped multi-call clocks (crossings) | saving | interpreted multi-call clocks (crossings) | saving | copies identical |\n");
        s.push_str("|---|---|---|---|---|---|---|---|---|\n");
        for (size, ..) in SIZES {
            let (Some(o), Some(m), Some(l), Some(i)) = (
                self.row("original", size),
                self.row("multi-call", size),
                self.row("looped multi-call", size),
                self.row("interpreted multi-call", size),
            ) else {
                continue;
            };
            let saving =
                |x: &CopyRow| 100.0 * (o.clocks as f64 - x.clocks as f64) / o.clocks as f64;
            s.push_str(&format!(
                "| {size} | {} ({}) | {} ({}) | {:+.2}% | {} ({}) | {:+.2}% | {} ({}) | {:+.2}% | {} |\n",
                o.clocks,
                o.crossings,
                m.clocks,
                m.crossings,
                saving(m),
                l.clocks,
                l.crossings,
                saving(l),
                i.clocks,
                i.crossings,
                saving(i),
                if o.identical && m.identical && l.identical && i.identical {
                    "yes"
                } else {
                    "NO"
                }
            ));
        }
        s.push_str(&format!(
            "\nclocks at {clock_mhz} MHz; saving = (original - version) / original.\n\nThe paper's Table 2 (Pentium II 266 MHz, Linux 2.4.4; cycles x 10^6):\n\n| file | original | multi-call | saving | looped multi-call | saving |\n|---|---|---|---|---|---|\n"
        ));
        for (size, o, m, l) in PAPER {
            s.push_str(&format!(
                "| {size} | {o} | {m} | {:.1}% | {l} | {:.1}% |\n",
                100.0 * (o - m) / o,
                100.0 * (o - l) / o
            ));
        }
        s
    }
}
