//! `quamachine bench`: the Synthesis measurements set beside the dissertation's tables.
//!
//! Owns the run of the benchmark image (`kbench` of `kernel-asm/images.txt`: the kernel
//! plus `kernel-asm/bench/bench.s`), the mapping from its timing regions to the rows of
//! Tables 3.1, 3.2, 3.3, 3.4, 3.5 and 5.2, the kernel memory figures in the style of Table 3.6
//! (from the image's segments and symbols), the published yardstick (`PUBLISHED`, from
//! `../shared/reference/published-figures.md`: never a result, only the column beside
//! ours), and the report in its four forms: terminal text, Markdown, JSON and SVG.
use object::{Object, ObjectSymbol};
use quamachine::board::console::ConsoleInput;
use quamachine::board::map::MemoryMap;
use quamachine::loader::{LoadOptions, load_bytes};
use quamachine::report::region_report;
use quamachine::session::{RunConfig, RunExit, Session};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Rows whose ratio to the published figure must stay at or below this (the 25%).
pub const TARGET_RATIO: f64 = 1.25;

/// The unit a published figure is given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// CPU clocks.
    Clocks,
    /// Microseconds.
    #[serde(rename = "us")]
    Micros,
    /// Seconds.
    Seconds,
}

impl Unit {
    fn label(self) -> &'static str {
        match self {
            Unit::Clocks => "clk",
            Unit::Micros => "µs",
            Unit::Seconds => "s",
        }
    }
}

/// One row of the yardstick: which region measures it, and the published figure.
struct Spec {
    table: &'static str,
    row: &'static str,
    /// "cold", "warm", "as run" (context switches: no explicit clear), "loop".
    cache: &'static str,
    region: u16,
    /// Multiply the region's median by this (Table 3.2: 1000 calls measured, 10^5 shown).
    scale: f64,
    published: Option<f64>,
    unit: Unit,
    /// Counts toward the 25% target.
    target: bool,
    /// A region whose median is subtracted (Table 3.4: the measuring bracket alone).
    minus: Option<u16>,
    /// Table 3.4: the published speedup over code synthesis.
    published_speedup: Option<f64>,
}

const fn s(
    table: &'static str,
    row: &'static str,
    cache: &'static str,
    region: u16,
    published: Option<f64>,
    unit: Unit,
    target: bool,
) -> Spec {
    Spec {
        table,
        row,
        cache,
        region,
        scale: 1.0,
        published,
        unit,
        target,
        minus: None,
        published_speedup: None,
    }
}

/// A Table 3.4 row (cold, µs): the region less the bracket (region 190, the move to SR
/// that lets the interrupt in, measured with nothing pending).
const fn p34(
    row: &'static str,
    region: u16,
    published: f64,
    published_speedup: Option<f64>,
    target: bool,
) -> Spec {
    Spec {
        table: T34,
        row,
        cache: "cold",
        region,
        scale: 1.0,
        published: Some(published),
        unit: Unit::Micros,
        target,
        minus: Some(190),
        published_speedup,
    }
}

/// Table 3.4's rows: the null interrupt, then per channel set code synthesis (the
/// kernel's handler), hand assembler, C and C with Unix dispatch (`kernel/sndbench.s`).
const T34_NULL: u16 = 191;
const T34_SYNTH: [u16; 2] = [192, 196];

const T31: &str = "3.1";
const T32: &str = "3.2";
const T33: &str = "3.3";
const T34: &str = "3.4";
const T35: &str = "3.5";
const T52: &str = "5.2";
const T73: &str = "7.3";

/// Table 3.2 scaling: each region is 1000 putchar calls; the table is for 10^5.
const PUTCHAR_SCALE: f64 = 100.0;

/// The published figures (the yardstick only), from
/// `../shared/reference/published-figures.md` (Massalin's dissertation, 68030 at 25 MHz,
/// 1 wait state). Region ids are those of `kernel-asm/bench/bench.s` (warm N, cold N+50).
const PUBLISHED: &[Spec] = &[
    s(
        T31,
        "code-synthesized put (Figure 3.2)",
        "cold",
        61,
        Some(29.0),
        Unit::Clocks,
        true,
    ),
    s(
        T31,
        "code-synthesized put (Figure 3.2)",
        "warm",
        11,
        Some(20.0),
        Unit::Clocks,
        true,
    ),
    s(
        T31,
        "hand-crafted put (Figure 3.1)",
        "cold",
        62,
        Some(37.0),
        Unit::Clocks,
        true,
    ),
    s(
        T31,
        "hand-crafted put (Figure 3.1)",
        "warm",
        12,
        Some(28.0),
        Unit::Clocks,
        true,
    ),
    // Table 3.2: 10^7 calls on the Sony NEWS (21.4 s, 13.0 s, 19.0 s), shown for 10^5.
    p32("Unix-style putchar macro, block-buffered", 21, Some(0.214)),
    p32("Synthesis putchar macro, block-buffered", 22, Some(0.130)),
    p32(
        "Synthesis putchar function, block-buffered",
        23,
        Some(0.190),
    ),
    p32("Unix-style putchar macro, line-buffered", 24, None),
    p32("Synthesis putchar function, line-buffered", 25, None),
    p32("Unix-style putchar macro, unbuffered", 26, None),
    p32("Synthesis putchar function, unbuffered", 27, None),
    s(
        T33,
        "integer registers only",
        "as run",
        31,
        Some(10.5),
        Unit::Micros,
        true,
    ),
    s(
        T33,
        "floating point",
        "as run",
        33,
        Some(52.0),
        Unit::Micros,
        true,
    ),
    s(
        T33,
        "integer, change address space",
        "as run",
        32,
        Some(16.0),
        Unit::Micros,
        true,
    ),
    s(
        T33,
        "floating point, change address space",
        "as run",
        34,
        Some(56.0),
        Unit::Micros,
        true,
    ),
    s(
        T33,
        "null procedure call",
        "cold",
        51,
        Some(1.4),
        Unit::Micros,
        true,
    ),
    s(
        T33,
        "conventional switch, all int+FP saved (vs Sony NEWS Unix)",
        "as run",
        35,
        Some(170.0),
        Unit::Micros,
        true,
    ),
    s(
        T35,
        "procedure call (jsr/rts)",
        "cold",
        51,
        Some(1.2),
        Unit::Micros,
        true,
    ),
    s(
        T35,
        "procedure call (jsr/rts)",
        "warm",
        1,
        Some(1.0),
        Unit::Micros,
        true,
    ),
    s(T35, "null trap", "cold", 52, Some(1.9), Unit::Micros, true),
    s(T35, "null trap", "warm", 2, Some(1.6), Unit::Micros, true),
    s(
        T35,
        "kernel call, general dispatch",
        "cold",
        53,
        Some(4.2),
        Unit::Micros,
        true,
    ),
    s(
        T35,
        "kernel call, general dispatch",
        "warm",
        3,
        Some(3.5),
        Unit::Micros,
        true,
    ),
    s(
        T35,
        "kernel call, general, stub inlined",
        "cold",
        54,
        Some(3.5),
        Unit::Micros,
        true,
    ),
    s(
        T35,
        "kernel call, general, stub inlined",
        "warm",
        4,
        Some(2.9),
        Unit::Micros,
        true,
    ),
    s(
        T35,
        "kernel call, cached trap",
        "cold",
        55,
        Some(3.5),
        Unit::Micros,
        true,
    ),
    s(
        T35,
        "kernel call, cached trap",
        "warm",
        5,
        Some(2.7),
        Unit::Micros,
        true,
    ),
    s(
        T35,
        "kernel call, cached trap and inlined",
        "cold",
        56,
        Some(2.7),
        Unit::Micros,
        true,
    ),
    s(
        T35,
        "kernel call, cached trap and inlined",
        "warm",
        6,
        Some(2.1),
        Unit::Micros,
        true,
    ),
    s(
        T35,
        "Unix-style getpid (all registers saved)",
        "cold",
        57,
        Some(40.0),
        Unit::Micros,
        true,
    ),
    s(
        T35,
        "Unix-style getpid (all registers saved)",
        "warm",
        7,
        None,
        Unit::Micros,
        false,
    ),
    s(
        T35,
        "Synthesis getpid (cached trap, inlined)",
        "cold",
        58,
        None,
        Unit::Micros,
        false,
    ),
    s(
        T35,
        "Synthesis getpid (cached trap, inlined)",
        "warm",
        8,
        None,
        Unit::Micros,
        false,
    ),
    // Table 5.2: create with its own vector table 97 µs; suspend 2.2 + 3.7; resume 3.0.
    s(
        T52,
        "create (own vector table)",
        "cold",
        91,
        Some(97.0),
        Unit::Micros,
        false,
    ),
    s(
        T52,
        "create (own vector table)",
        "warm",
        41,
        Some(97.0),
        Unit::Micros,
        false,
    ),
    s(T52, "suspend", "cold", 92, Some(5.9), Unit::Micros, false),
    s(T52, "suspend", "warm", 42, Some(5.9), Unit::Micros, false),
    s(T52, "resume", "warm", 43, Some(3.0), Unit::Micros, false),
    // Table 3.4 (cold cache). Target: the code-synthesis rows within 25%.
    p34("null interrupt", T34_NULL, 2.0, None, false),
    p34("CD-in, code synthesis (Figure 3.5)", 192, 3.7, None, true),
    p34(
        "CD-in, hand assembler (Figure 3.6)",
        193,
        6.0,
        Some(2.4),
        false,
    ),
    p34("CD-in, C (Figure 3.7)", 194, 9.7, Some(4.5), false),
    p34("CD-in, C with Unix dispatch", 195, 17.1, Some(8.9), false),
    p34(
        "CD+DA, code synthesis (channels laid in turn)",
        196,
        5.1,
        None,
        true,
    ),
    p34("CD+DA, hand assembler", 197, 7.7, Some(1.8), false),
    p34("CD+DA, C (Figure 3.7)", 198, 11.3, Some(3.0), false),
    p34("CD+DA, C with Unix dispatch", 199, 18.9, Some(5.5), false),
];

const fn p32(row: &'static str, region: u16, published: Option<f64>) -> Spec {
    Spec {
        table: T32,
        row,
        cache: "loop",
        region,
        scale: PUTCHAR_SCALE,
        published,
        unit: Unit::Seconds,
        target: false,
        minus: None,
        published_speedup: None,
    }
}

/// Table titles.
fn title(table: &str) -> &'static str {
    match table {
        "3.1" => "Table 3.1  Buffer put (CPU clocks, not counting the procedure call)",
        "3.2" => "Table 3.2  stdio putchar, 10^5 calls (seconds; measured as 1000 calls x 100)",
        "3.3" => "Table 3.3  Thread scheduling and context switch (µs)",
        "3.4" => {
            "Table 3.4  Sound-IO interrupt processing (µs, cold; speedup = (row - null) / (code synthesis - null))"
        }
        "3.5" => "Table 3.5  Null system call (µs)",
        "5.2" => "Table 5.2  Thread operations (µs)",
        "7.3" => {
            "Table 7.3  File I/O (µs; image kbench-files on a generated QFS disk: data.bin, \
             64 KiB; disk latency only where the row says so)"
        }
        _ => "",
    }
}

/// Settings of a bench run.
#[derive(Debug, Clone, Copy)]
pub struct BenchConfig {
    /// CPU clock in MHz.
    pub clock_mhz: f64,
    /// RAM wait states.
    pub wait_states: u32,
    /// Timing model.
    pub timing: emulator::TimingMode,
}

/// One measured row.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// "3.1", "3.2", "3.3", "3.5" or "5.2".
    pub table: String,
    /// What the row measures.
    pub row: String,
    /// "cold", "warm", "as run" or "loop".
    pub cache: String,
    /// Timing region id in the kbench image.
    pub region: u16,
    /// Samples taken.
    pub samples: u64,
    /// Our figure in CPU clocks (the region's median, scaled for Table 3.2).
    pub clocks: u64,
    /// The same in µs at the run's clock.
    pub us: f64,
    /// The published figure, in `published_unit`, if the dissertation has one.
    pub published: Option<f64>,
    /// "clocks", "us" or "seconds".
    pub published_unit: Unit,
    /// Ours over published, both in the published unit.
    pub ratio: Option<f64>,
    /// Whether the row counts toward the 25% target, and if so whether it meets it.
    pub meets_target: Option<bool>,
    /// Table 3.2 only: bytes of code at each call site (ours, published).
    pub site_bytes: Option<u64>,
    /// Table 3.2 only: the published bytes per call site.
    pub published_site_bytes: Option<u64>,
    /// Table 3.4 only: (this row - null interrupt) / (code synthesis - null interrupt),
    /// in the row's channel set, as the dissertation computes it.
    pub speedup: Option<f64>,
    /// Table 3.4 only: the published speedup.
    pub published_speedup: Option<f64>,
}

/// One line of the kernel memory table (Table 3.6 style).
#[derive(Debug, Clone, Serialize)]
pub struct MemoryRow {
    /// What.
    pub what: String,
    /// Synthesized or kernel code, bytes.
    pub code_bytes: u64,
    /// Kernel data, bytes.
    pub data_bytes: u64,
    /// The published figure, as the dissertation writes it.
    pub published: String,
}

/// A complete bench result.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    /// "quamachine-bench/1".
    pub schema: String,
    /// Clock, wait states, timing mode.
    pub config: BenchReportConfig,
    /// Every row of every table, in table order.
    pub rows: Vec<Row>,
    /// Kernel memory use.
    pub memory: Vec<MemoryRow>,
    /// The text console on the framebuffer (beside Table 7.5).
    pub console: ConsoleReport,
    /// Emulated clocks of the whole benchmark run.
    pub run_clocks: u64,
}

/// The run's settings as reported.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReportConfig {
    /// MHz.
    pub clock_mhz: f64,
    /// Wait states.
    pub wait_states: u32,
    /// "overlap" or "table".
    pub timing: String,
}

/// The run settings of a bench image (a bound of 2·10^9 clocks, so a broken image cannot
/// hang the report) and the image `elf` loaded under them.
fn load_image(
    elf: &[u8],
    name: &str,
    cfg: &BenchConfig,
) -> Result<(RunConfig, quamachine::loader::Image), String> {
    let run_cfg = RunConfig {
        clock_mhz: cfg.clock_mhz,
        wait_states: cfg.wait_states,
        timing: cfg.timing,
        max_cycles: Some(2_000_000_000),
        ..RunConfig::default()
    };
    let image = load_bytes(
        elf,
        name,
        LoadOptions::default(),
        MemoryMap::new(run_cfg.ram_mib << 20),
    )
    .map_err(|e| e.to_string())?;
    Ok((run_cfg, image))
}

/// The report of timing region `region` (measuring `row`), or an error saying it took no
/// samples (`why` ends the message).
fn measured(
    outcome: &quamachine::session::RunOutcome,
    region: u16,
    row: &str,
    clock_mhz: f64,
    why: &str,
) -> Result<quamachine::report::RegionReport, String> {
    outcome
        .regions
        .get(&region)
        .and_then(|r| region_report(region, r, clock_mhz))
        .ok_or_else(|| format!("region {region} ({row}) has no samples{why}"))
}

/// Boot the benchmark image `elf` and measure every row, showing the screen through
/// `frontend` (`--display`, `--screenshot`).
pub fn run(
    elf: &[u8],
    cfg: BenchConfig,
    frontend: &mut dyn quamachine::screen::Frontend,
) -> Result<BenchReport, String> {
    let (run_cfg, image) = load_image(elf, "<embedded kbench>", &cfg)?;
    let session = Session::new(
        &image,
        run_cfg,
        ConsoleInput::None,
        Box::new(std::io::sink()),
    );
    let outcome = session.run_with(frontend);
    if outcome.exit != RunExit::Halt(0) {
        return Err(format!(
            "the benchmark image did not halt cleanly: {:?}",
            outcome.exit
        ));
    }
    let syms = symbols(elf)?;
    let site = |a: &str, b: &str| -> Option<u64> {
        Some(u64::from(syms.get(b)?.wrapping_sub(*syms.get(a)?)))
    };
    let mut rows = Vec::new();
    for spec in PUBLISHED {
        let r = measured(&outcome, spec.region, spec.row, cfg.clock_mhz, "")?;
        let less = match spec.minus {
            Some(m) => outcome
                .regions
                .get(&m)
                .and_then(|x| region_report(m, x, cfg.clock_mhz))
                .map_or(0, |x| x.median),
            None => 0,
        };
        let clocks = (r.median.saturating_sub(less) as f64 * spec.scale).round() as u64;
        let us = clocks as f64 / cfg.clock_mhz;
        let ours = match spec.unit {
            Unit::Clocks => clocks as f64,
            Unit::Micros => us,
            Unit::Seconds => us / 1e6,
        };
        let ratio = spec.published.map(|p| ours / p);
        let (site_bytes, published_site_bytes) = match spec.region {
            21 => (site("site_unix", "site_unix_end"), Some(132)),
            22 => (site("site_smacro", "site_smacro_end"), Some(30)),
            23 => (site("site_sfn", "site_sfn_end"), Some(8)),
            24 | 26 => (site("site_unix", "site_unix_end"), None),
            25 | 27 => (site("site_sfn", "site_sfn_end"), None),
            _ => (None, None),
        };
        rows.push(Row {
            table: spec.table.into(),
            row: spec.row.into(),
            cache: spec.cache.into(),
            region: spec.region,
            samples: r.count,
            clocks,
            us,
            published: spec.published,
            published_unit: spec.unit,
            ratio,
            meets_target: if spec.target {
                ratio.map(|x| x <= TARGET_RATIO)
            } else {
                None
            },
            site_bytes,
            published_site_bytes,
            speedup: None,
            published_speedup: spec.published_speedup,
        });
    }
    // Table 3.4's speedups: the null interrupt subtracted from both.
    let clocks_of = |rows: &[Row], region: u16| {
        rows.iter()
            .find(|x| x.region == region)
            .map(|x| x.clocks as f64)
    };
    if let Some(null) = clocks_of(&rows, T34_NULL) {
        let synth: Vec<Option<f64>> = T34_SYNTH.iter().map(|&s| clocks_of(&rows, s)).collect();
        for x in rows
            .iter_mut()
            .filter(|x| x.table == T34 && x.region != T34_NULL)
        {
            let group = usize::from(x.region >= T34_SYNTH[1]);
            if let Some(s) = synth[group] {
                x.speedup = Some((x.clocks as f64 - null) / (s - null).max(1.0));
            }
        }
    }
    Ok(BenchReport {
        schema: "quamachine-bench/1".into(),
        config: BenchReportConfig {
            clock_mhz: cfg.clock_mhz,
            wait_states: cfg.wait_states,
            timing: match cfg.timing {
                emulator::TimingMode::Overlap => "overlap".into(),
                emulator::TimingMode::Table => "table".into(),
            },
        },
        rows,
        memory: memory(elf, &syms)?,
        console: console(&outcome, cfg.clock_mhz)?,
        run_clocks: outcome.counters.clocks,
    })
}

/// Table 7.3 (file and device I/O, µs, 25 MHz): open a disk file 73, close 18, read 1
/// byte 9, read N bytes 9 + N/8. Regions of `kernel-asm/bench/files.s` (warm N, cold
/// N+50). The reads find the file's blocks in memory (read once before); open does no
/// disk I/O (blocks come in lazily); the last row is the one that waits for the disk.
const FILES: &[Spec] = &[
    s(
        T73,
        "open a disk file (no one has it open)",
        "cold",
        121,
        Some(73.0),
        Unit::Micros,
        true,
    ),
    s(
        T73,
        "open a disk file (no one has it open)",
        "warm",
        71,
        Some(73.0),
        Unit::Micros,
        true,
    ),
    s(
        T73,
        "close (its last close, nothing dirty)",
        "cold",
        122,
        Some(18.0),
        Unit::Micros,
        true,
    ),
    s(
        T73,
        "close (its last close, nothing dirty)",
        "warm",
        72,
        Some(18.0),
        Unit::Micros,
        true,
    ),
    s(
        T73,
        "read 1 byte",
        "cold",
        123,
        Some(9.0),
        Unit::Micros,
        true,
    ),
    s(
        T73,
        "read 1 byte",
        "warm",
        73,
        Some(9.0),
        Unit::Micros,
        true,
    ),
    s(
        T73,
        "read 64 bytes (9 + N/8)",
        "warm",
        74,
        Some(9.0 + 64.0 / 8.0),
        Unit::Micros,
        true,
    ),
    s(
        T73,
        "read 512 bytes (9 + N/8)",
        "warm",
        75,
        Some(9.0 + 512.0 / 8.0),
        Unit::Micros,
        true,
    ),
    s(
        T73,
        "read 4096 bytes (9 + N/8)",
        "cold",
        126,
        Some(9.0 + 4096.0 / 8.0),
        Unit::Micros,
        true,
    ),
    s(
        T73,
        "read 4096 bytes (9 + N/8)",
        "warm",
        76,
        Some(9.0 + 4096.0 / 8.0),
        Unit::Micros,
        true,
    ),
    s(
        T73,
        "read 1 byte, K_READ on a cached trap",
        "cold",
        130,
        Some(9.0),
        Unit::Micros,
        false,
    ),
    s(
        T73,
        "read 1 byte, K_READ on a cached trap",
        "warm",
        80,
        Some(9.0),
        Unit::Micros,
        false,
    ),
    s(
        T73,
        "open, the file already open (its record shared)",
        "warm",
        77,
        None,
        Unit::Micros,
        false,
    ),
    s(
        T73,
        "write 4096 bytes (into memory; disk at close)",
        "warm",
        78,
        None,
        Unit::Micros,
        false,
    ),
    s(
        T73,
        "read 4096 bytes from the disk (seek + 72 blocks)",
        "warm",
        79,
        None,
        Unit::Micros,
        false,
    ),
];

/// The name of the Table 7.3 data file and its length (kernel-asm/bench/files.s).
const FILES_DATA: (&str, usize) = ("data.bin", 65536);

/// Boot the file benchmark image `elf` (`kbench-files`) with a disk generated here (a
/// 1 MiB QFS image holding `data.bin`, in a temporary file removed afterwards; default
/// seek and block latencies) and measure the Table 7.3 rows.
pub fn run_files(elf: &[u8], cfg: BenchConfig) -> Result<Vec<Row>, String> {
    use quamachine::board::disk::Disk;
    use quamachine::diskfs::Fs;
    let (run_cfg, image) = load_image(elf, "<embedded kbench-files>", &cfg)?;
    let mut fs = Fs::format(1 << 20, 4).map_err(|e| e.to_string())?;
    let data: Vec<u8> = (0..FILES_DATA.1 as u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    fs.put(FILES_DATA.0, &data).map_err(|e| e.to_string())?;
    let path = std::env::temp_dir().join(format!(
        "quamachine-bench-files-{}-{:?}.img",
        std::process::id(),
        std::thread::current().id()
    ));
    fs.save(&path).map_err(|e| e.to_string())?;
    let disk = Disk::open(&path);
    let outcome = disk.map(|disk| {
        let mut session = Session::new(
            &image,
            run_cfg,
            ConsoleInput::None,
            Box::new(std::io::sink()),
        );
        session.board.disk = disk;
        session.run()
    });
    let _ = std::fs::remove_file(&path);
    let outcome = outcome?;
    if outcome.exit != RunExit::Halt(0) {
        return Err(format!(
            "the file benchmark image did not halt cleanly: {:?}",
            outcome.exit
        ));
    }
    let mut rows = Vec::new();
    for spec in FILES {
        let r = measured(
            &outcome,
            spec.region,
            spec.row,
            cfg.clock_mhz,
            ": the file benchmark failed",
        )?;
        let us = r.median as f64 / cfg.clock_mhz;
        let ratio = spec.published.map(|p| us / p);
        rows.push(Row {
            table: spec.table.into(),
            row: spec.row.into(),
            cache: spec.cache.into(),
            region: spec.region,
            samples: r.count,
            clocks: r.median,
            us,
            published: spec.published,
            published_unit: spec.unit,
            ratio,
            meets_target: if spec.target {
                ratio.map(|x| x <= TARGET_RATIO)
            } else {
                None
            },
            site_bytes: None,
            published_site_bytes: None,
            speedup: None,
            published_speedup: None,
        });
    }
    Ok(rows)
}

/// One region of the text console (`kernel-asm/kernel/fbcons.s`, measured by
/// `kernel-asm/kernel/kbench.s`).
#[derive(Debug, Clone, Serialize)]
pub struct ConsoleRow {
    /// What.
    pub row: String,
    /// "warm" or "cold".
    pub cache: String,
    /// Timing region id.
    pub region: u16,
    /// Characters the region draws or writes.
    pub chars: u32,
    /// The region's median, clocks.
    pub clocks: u64,
    /// The same in µs.
    pub us: f64,
    /// Characters per second of emulated time at the run's clock.
    pub chars_per_second: f64,
}

/// The text console beside the dissertation's window-system table.
#[derive(Debug, Clone, Serialize)]
pub struct ConsoleReport {
    /// Glyph routines and console writes.
    pub rows: Vec<ConsoleRow>,
    /// A console write's fixed part, clocks: write(1) minus one per-character part.
    pub write_fixed_clocks: f64,
    /// Its per-character part, clocks: (write(64) - write(1)) / 63.
    pub write_per_char_clocks: f64,
    /// Clocks to make a new colour pair's routine (expand the font, instantiate fbglyph).
    pub make_pair_clocks: u64,
    /// What the dissertation publishes for it.
    pub published: String,
}

/// Table 7.5 as far as this project could check it.
pub const TABLE_7_5: &str = "Table 7.5 (Massalin, ch. 7) gives a text window's cost as a fixed part plus a per-character part; its exact figures are not in ../shared/reference/ and could not be retrieved, so none is shown beside ours.";

/// (row, cache, region, characters) of the console regions.
const CONSOLE: &[(&str, &str, u16, u32)] = &[
    ("glyph, synthesized fbglyph", "warm", 71, 1),
    ("glyph, synthesized fbglyph", "cold", 121, 1),
    ("glyph, generic (font bit by bit)", "warm", 72, 1),
    ("glyph, generic (font bit by bit)", "cold", 122, 1),
    ("console write, 1 character", "warm", 73, 1),
    ("console write, 64 characters", "warm", 74, 64),
];

fn console(outcome: &quamachine::session::RunOutcome, mhz: f64) -> Result<ConsoleReport, String> {
    let mut rows = Vec::new();
    for &(row, cache, region, chars) in CONSOLE {
        let r = measured(outcome, region, row, mhz, "")?;
        let clocks = r.median;
        rows.push(ConsoleRow {
            row: row.into(),
            cache: cache.into(),
            region,
            chars,
            clocks,
            us: clocks as f64 / mhz,
            chars_per_second: f64::from(chars) * mhz * 1e6 / (clocks.max(1) as f64),
        });
    }
    let at = |region: u16| {
        rows.iter()
            .find(|r| r.region == region)
            .map_or(0.0, |r| r.clocks as f64)
    };
    let per_char = (at(74) - at(73)) / 63.0;
    let make_pair_clocks = outcome
        .regions
        .get(&75)
        .and_then(|r| region_report(75, r, mhz))
        .ok_or("region 75 (make a colour pair) has no samples")?
        .median;
    Ok(ConsoleReport {
        make_pair_clocks,
        write_fixed_clocks: at(73) - per_char,
        write_per_char_clocks: per_char,
        rows,
        published: TABLE_7_5.into(),
    })
}

fn console_text(c: &ConsoleReport, mhz: f64, o: &mut String) {
    let _ = writeln!(
        o,
        "
Text console on the framebuffer (kernel/fbcons.s), beside Table 7.5"
    );
    let _ = writeln!(
        o,
        "  {:<34}  {:<5}  {:>7}  {:>8}  {:>12}",
        "", "cache", "clocks", "µs", "chars/s"
    );
    for r in &c.rows {
        let _ = writeln!(
            o,
            "  {:<34}  {:<5}  {:>7}  {:>8.2}  {:>12.0}",
            r.row, r.cache, r.clocks, r.us, r.chars_per_second
        );
    }
    let _ = writeln!(
        o,
        "  console write = {:.0} clocks ({:.2} µs) fixed + {:.1} clocks ({:.2} µs) per character",
        c.write_fixed_clocks,
        c.write_fixed_clocks / mhz,
        c.write_per_char_clocks,
        c.write_per_char_clocks / mhz
    );
    let _ = writeln!(
        o,
        "  a new colour pair's routine (font expanded, fbglyph made): {} clocks ({:.0} µs)",
        c.make_pair_clocks,
        c.make_pair_clocks as f64 / mhz
    );
    let _ = writeln!(o, "  {}", c.published);
}

fn console_markdown(c: &ConsoleReport, mhz: f64, o: &mut String) {
    let _ = writeln!(
        o,
        "**Text console on the framebuffer (kernel/fbcons.s), beside Table 7.5**\n"
    );
    let _ = writeln!(o, "| row | cache | clocks | µs | chars/s |");
    let _ = writeln!(o, "|---|---|---:|---:|---:|");
    for r in &c.rows {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {:.2} | {:.0} |",
            r.row, r.cache, r.clocks, r.us, r.chars_per_second
        );
    }
    let _ = writeln!(
        o,
        "\nConsole write: {:.0} clocks ({:.2} µs) fixed + {:.1} clocks ({:.2} µs) per character. \
         A new colour pair's routine: {} clocks. {}\n",
        c.write_fixed_clocks,
        c.write_fixed_clocks / mhz,
        c.write_per_char_clocks,
        c.write_per_char_clocks / mhz,
        c.make_pair_clocks,
        c.published
    );
}

/// Every symbol of the image, by name.
fn symbols(elf: &[u8]) -> Result<BTreeMap<String, u32>, String> {
    let file = object::File::parse(elf).map_err(|e| format!("benchmark image: {e}"))?;
    Ok(file
        .symbols()
        .filter_map(|s| Some((s.name().ok()?.to_string(), s.address() as u32)))
        .collect())
}

/// Kernel memory in the style of Table 3.6: the boot image is every loaded byte below
/// the first user region (kernel text, data, templates, ULIB) plus the kernel variables
/// (KDATA to the code memory); a thread is its synthesized switch code (code) and the
/// rest of its TTE plus one address space's translation tables (data).
fn memory(elf: &[u8], syms: &BTreeMap<String, u32>) -> Result<Vec<MemoryRow>, String> {
    let get = |n: &str| {
        syms.get(n)
            .copied()
            .map(u64::from)
            .ok_or_else(|| format!("benchmark image lacks the symbol {n}"))
    };
    let userbase = get("USERBASE")?;
    let file = object::File::parse(elf).map_err(|e| format!("benchmark image: {e}"))?;
    let mut boot_code = 0u64;
    for seg in object::Object::segments(&file) {
        use object::ObjectSegment;
        if seg.address() < userbase {
            boot_code += seg.size();
        }
    }
    let boot_data = get("SYNMEM")? - get("KDATA")?;
    let thread_code = get("sw_out_len")? + get("sw_in_len")? + get("sw_in_mmu_len")?;
    let space = 0x1000; // one 4 KiB block of translation tables per address space (mmu.s)
    let thread_data = get("TTE_SIZE")? - thread_code + space;
    Ok(vec![
        MemoryRow {
            what: "boot image (kernel code, templates, ULIB; kernel variables and KPT)".into(),
            code_bytes: boot_code,
            data_bytes: boot_data,
            published: "140 KiB".into(),
        },
        MemoryRow {
            what: "one thread running (switch code; TTE and address space), beyond boot".into(),
            code_bytes: thread_code,
            data_bytes: thread_data,
            published: "0.4 + 8 KiB".into(),
        },
        MemoryRow {
            what: "100 threads, beyond boot (computed: the kernel holds 16 at most)".into(),
            code_bytes: 100 * thread_code,
            data_bytes: 100 * thread_data,
            published: "80 + 1400 KiB (with 300 open files)".into(),
        },
    ])
}

fn kib(b: u64) -> String {
    format!("{:.1} KiB", b as f64 / 1024.0)
}

/// One report row's cells, in column order (row, cache, clocks, ours, published, ratio,
/// target), shared by the terminal and Markdown tables.
fn cells(x: &Row) -> [String; 7] {
    [
        x.row.clone(),
        x.cache.clone(),
        x.clocks.to_string(),
        fmt_ours(x),
        x.published
            .map(|p| fmt_pub(p, x.published_unit))
            .unwrap_or_else(|| "-".into()),
        x.ratio
            .map(|q| format!("{q:.2}"))
            .unwrap_or_else(|| "-".into()),
        verdict(x).to_string(),
    ]
}

fn fmt_pub(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Clocks => format!("{v:.0} {}", unit.label()),
        Unit::Micros => format!("{v} {}", unit.label()),
        Unit::Seconds => format!("{v:.3} {}", unit.label()),
    }
}

fn fmt_ours(r: &Row) -> String {
    match r.published_unit {
        Unit::Seconds => format!("{:.4} s", r.us / 1e6),
        _ => format!("{:.2}", r.us),
    }
}

fn verdict(r: &Row) -> &'static str {
    match r.meets_target {
        Some(true) => "yes",
        Some(false) => "NO",
        None => "",
    }
}

const NOTE: &str = "cold = I-cache cleared (CI) just before the region, the data cache left as it was; warm = the same region ran just before; \
as run = context switches measured in a running ring, no explicit clear; loop = a loop of 1000 calls. \
Both caches are on (CACR $2111: I-cache burst fills, D-cache write-allocate; docs/kernel.md).";

/// The report for a terminal: one aligned block per table, then the memory table.
pub fn text(r: &BenchReport) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Synthesis measured on the emulated Quamachine: {} MHz, {} wait state(s), {} timing",
        r.config.clock_mhz, r.config.wait_states, r.config.timing
    );
    let _ = writeln!(o, "{NOTE}");
    let _ = writeln!(
        o,
        "Published figures: Massalin's dissertation (../shared/reference/published-figures.md). \
         ratio = ours / published; target: <= {TARGET_RATIO} for Tables 3.1, 3.3, 3.5, 7.3 and the code-synthesis rows of 3.4."
    );
    let w = r
        .rows
        .iter()
        .map(|x| x.row.chars().count())
        .max()
        .unwrap_or(10);
    for table in [T31, T32, T33, T34, T35, T52, T73] {
        let _ = writeln!(o, "\n{}", title(table));
        let _ = writeln!(
            o,
            "  {:<w$}  {:<6}  {:>9}  {:>10}  {:>10}  {:>6}  {:>6}",
            "", "cache", "clocks", "ours µs", "published", "ratio", "target"
        );
        for x in r.rows.iter().filter(|x| x.table == table) {
            let [row, cache, clocks, ours, published, ratio, target] = cells(x);
            let _ = writeln!(
                o,
                "  {row:<w$}  {cache:<6}  {clocks:>9}  {ours:>10}  {published:>10}  {ratio:>6}  {target:>6}"
            );
        }
        if table == T34 {
            let _ = writeln!(o, "{}", speedups(r, "  ", ""));
        }
        if table == T32 {
            let _ = writeln!(o, "  bytes of code per call site (ours / published):");
            for x in r
                .rows
                .iter()
                .filter(|x| x.table == T32 && x.published.is_some())
            {
                let _ = writeln!(
                    o,
                    "    {:<w$}  {:>4} / {}",
                    x.row,
                    x.site_bytes
                        .map(|b| b.to_string())
                        .unwrap_or_else(|| "?".into()),
                    x.published_site_bytes
                        .map(|b| b.to_string())
                        .unwrap_or_else(|| "-".into())
                );
            }
        }
    }
    let _ = writeln!(o, "\nTable 3.6  Kernel memory (code + data)");
    let mw = r
        .memory
        .iter()
        .map(|m| m.what.chars().count())
        .max()
        .unwrap_or(10);
    for m in &r.memory {
        let _ = writeln!(
            o,
            "  {:<mw$}  {:>10} + {:>10}   published {}",
            m.what,
            kib(m.code_bytes),
            kib(m.data_bytes),
            m.published
        );
    }
    console_text(&r.console, r.config.clock_mhz, &mut o);
    o
}

/// The same report as Markdown tables.
pub fn markdown(r: &BenchReport) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Measured at {} MHz, {} wait state(s), {} timing. {NOTE}\n",
        r.config.clock_mhz, r.config.wait_states, r.config.timing
    );
    for table in [T31, T32, T33, T34, T35, T52, T73] {
        let _ = writeln!(o, "**{}**\n", title(table));
        let _ = writeln!(
            o,
            "| row | cache | clocks | ours µs | published | ratio | target |"
        );
        let _ = writeln!(o, "|---|---|---:|---:|---:|---:|---|");
        for x in r.rows.iter().filter(|x| x.table == table) {
            let _ = writeln!(o, "| {} |", cells(x).join(" | "));
        }
        if table == T34 {
            let _ = writeln!(o, "\n{}", speedups(r, "", "  "));
        }
        o.push('\n');
    }
    let _ = writeln!(o, "**Table 3.6  Kernel memory**\n");
    let _ = writeln!(o, "| what | code | data | published |");
    let _ = writeln!(o, "|---|---:|---:|---|");
    for m in &r.memory {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} |",
            m.what,
            kib(m.code_bytes),
            kib(m.data_bytes),
            m.published
        );
    }
    o.push('\n');
    console_markdown(&r.console, r.config.clock_mhz, &mut o);
    o
}

/// Table 3.4's speedups over code synthesis (null interrupt subtracted), ours and
/// published, one line each.
fn speedups(r: &BenchReport, indent: &str, end: &str) -> String {
    let mut o = format!(
        "{indent}speedup over code synthesis, null interrupt subtracted (ours / published):{end}"
    );
    for x in r
        .rows
        .iter()
        .filter(|x| x.table == T34 && x.published_speedup.is_some())
    {
        let _ = write!(
            o,
            "\n{indent}  {:<40} {:>5} / {}{end}",
            x.row,
            x.speedup.map_or_else(|| "?".into(), |v| format!("{v:.1}")),
            x.published_speedup
                .map_or_else(|| "-".into(), |v| format!("{v:.1}")),
        );
    }
    o
}

/// A horizontal bar chart of ours / published for every row with a published figure,
/// with the parity line (1.0) and the target (1.25), drawn by `plotters` into SVG (its
/// SVG backend writes text as `<text>` elements: no fonts are needed to draw it).
pub fn svg(r: &BenchReport) -> String {
    use plotters::prelude::*;
    let rows: Vec<&Row> = r.rows.iter().filter(|x| x.ratio.is_some()).collect();
    // Row i is drawn in segment `n - 1 - i`, so the report's first row is on top.
    let n = rows.len();
    let slot = |i: usize| n - 1 - i;
    let label = |seg: usize| {
        n.checked_sub(seg + 1)
            .and_then(|k| rows.get(k))
            .map(|x| format!("Table {} {} ({})", x.table, x.row, x.cache))
            .unwrap_or_default()
    };
    let max = rows
        .iter()
        .filter_map(|x| x.ratio)
        .fold(2.0f64, f64::max)
        .min(8.0);
    let height = 90 + 20 * rows.len() as u32;
    let mut out = String::new();
    let drawn = (|| -> Result<(), Box<dyn std::error::Error + '_>> {
        let root = SVGBackend::with_string(&mut out, (1000, height)).into_drawing_area();
        root.fill(&WHITE)?;
        let title = format!(
            "Synthesis on the emulated Quamachine ({} MHz, {} wait state, {}): ours / published",
            r.config.clock_mhz, r.config.wait_states, r.config.timing
        );
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 15))
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(470)
            .build_cartesian_2d(0.0..max, (0..rows.len()).into_segmented())?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(WHITE)
            .y_labels(n)
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => label(*i),
                _ => String::new(),
            })
            .x_desc(format!(
                "ours / published (green: at or below {TARGET_RATIO}; axis capped at {max:.0}x)"
            ))
            .draw()?;
        chart.draw_series(rows.iter().enumerate().map(|(i, x)| {
            let q = x.ratio.unwrap_or(0.0).min(max);
            let colour = if q <= TARGET_RATIO {
                RGBColor(0x3a, 0x9a, 0x48)
            } else {
                RGBColor(0xc8, 0x44, 0x2f)
            };
            let mut bar = Rectangle::new(
                [
                    (0.0, SegmentValue::Exact(slot(i))),
                    (q, SegmentValue::Exact(slot(i) + 1)),
                ],
                colour.filled(),
            );
            bar.set_margin(2, 2, 0, 0);
            bar
        }))?;
        chart.draw_series(rows.iter().enumerate().map(|(i, x)| {
            let q = x.ratio.unwrap_or(0.0);
            Text::new(
                format!(" {q:.2}"),
                (q.min(max * 0.95), SegmentValue::CenterOf(slot(i))),
                ("sans-serif", 11),
            )
        }))?;
        for v in [1.0, TARGET_RATIO] {
            chart.draw_series(LineSeries::new(
                [(v, SegmentValue::Exact(0)), (v, SegmentValue::Last)],
                BLACK.stroke_width(1),
            ))?;
        }
        root.present()?;
        Ok(())
    })();
    if let Err(e) = drawn {
        // Drawing into a String cannot fail for I/O; say what did rather than lose it.
        return format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- chart failed: {e} --></svg>\n"
        );
    }
    out
}
