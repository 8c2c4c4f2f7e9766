//! Cassyopia's copy program (Figure 1) on the Quamachine: the three versions of
//! `kernel-asm/copy/` copy 80 KB, 925 KB and 2.28 MB files on a QFS disk
//! (quamachine::copybench, the engine of `quamachine bench --table2`); copies are
//! byte-identical, crossings fall to about half and to a handful, the original's system
//! call graph has the paper's shape, and `quamachine cluster` turns the original into a
//! multi-call copy by itself, or refuses an unsafe input with a reason.
mod common;

use common::{dot_edge, quamachine, temp_file};
use quamachine::copybench::{self, DiskTiming, SIZES, VERSIONS, VersionRun};
use quamachine::session::RunConfig;
use std::path::{Path, PathBuf};

const DISK: DiskTiming = DiskTiming {
    seek_clocks: 250_000,
    block_clocks: 12_800,
};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../kernel-asm")
}

/// Assemble image `name` of images.txt, with `swap` = (source, replacement) if given.
fn assemble(name: &str, swap: Option<(&str, &Path)>) -> Result<Vec<u8>, String> {
    let list = std::fs::read_to_string(root().join("images.txt")).unwrap();
    let sources: Vec<PathBuf> = list
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").split_whitespace())
        .find_map(|mut w| {
            (w.next() == Some(name)).then(|| {
                w.map(|s| match swap {
                    Some((from, to)) if s == from => to.to_path_buf(),
                    _ => root().join(s),
                })
                .collect()
            })
        })
        .unwrap_or_else(|| panic!("no image `{name}` in images.txt"));
    let opts = qasm::Options {
        include_dirs: vec![root()],
        ..Default::default()
    };
    qasm::assemble_files(&sources, &opts)
        .map(|o| o.elf)
        .map_err(|d| d.to_string())
}

fn run(version: &str, elf: &[u8], sizes: &[usize]) -> VersionRun {
    let disk = temp_file(&format!("{version}.img"), b"");
    copybench::run_version(version, elf, sizes, &disk, DISK, RunConfig::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn version(i: usize, sizes: &[usize]) -> VersionRun {
    let (v, image) = VERSIONS[i];
    run(v, &assemble(image, None).unwrap(), sizes)
}

fn blocks(size: usize) -> u64 {
    SIZES[size].1.div_ceil(4096) as u64
}

#[test]
fn all_versions_copy_every_size_identically_with_fewer_crossings() {
    let sizes = [0, 1, 2];
    let runs: Vec<VersionRun> = (0..VERSIONS.len()).map(|i| version(i, &sizes)).collect();
    for r in &runs {
        for row in &r.rows {
            assert!(
                row.identical,
                "{} {}: the copy differs",
                row.version, row.size
            );
        }
    }
    for s in sizes {
        let n = blocks(s);
        let (o, m, l, i) = (
            &runs[0].rows[s],
            &runs[1].rows[s],
            &runs[2].rows[s],
            &runs[3].rows[s],
        );
        // open, creat, n + 1 reads (the last returns 0), n writes, close, close.
        assert_eq!(o.crossings, 2 * n + 5, "{}", o.size);
        // open, creat, the first read, n multi-calls (write + next read), close, close;
        // the same with the list synthesized once (outside the copies) or interpreted.
        assert_eq!(m.crossings, n + 5, "{}", m.size);
        assert_eq!(i.crossings, n + 5, "{}", i.size);
        assert!(m.crossings * 2 <= o.crossings + 5, "about half");
        // open, creat, one looped multi-call, close, close.
        assert_eq!(l.crossings, 5, "{}", l.size);
        // Clocks. The paper saves 2.6-4% with the multi-call and 5-8% with the looped
        // one. Here a Synthesis kernel crossing costs about 50-80 clocks while a 4 KB
        // read or write costs 12 000-40 000, so at most about 0.3% is to be saved, and
        // what is saved is of the size that moving code in the 256-byte I-cache moves
        // (tens of clocks a block; docs/cassyopia.md "Table 2"). Asserted:
        // - the looped multi-call (synthesized straight code) beats the multi-call, and
        //   the original except at 80 KB, where its saving (a few hundred clocks of 6 M)
        //   is within what a change of code layout moves, so only its size is bounded;
        // - the synthesized multi-call beats the interpreted one (whose entry costs
        //   as much as the crossing it saves: it LOSES about 0.08%), and is within 0.05%
        //   of the original either way (it measures +0.01% with this layout: the paper's
        //   order, but by a margin that a code move can undo).
        let slack = if s == 0 { 2000 } else { 0 };
        assert!(
            l.clocks < o.clocks + slack,
            "{}: looped {} vs original {}",
            o.size,
            l.clocks,
            o.clocks
        );
        assert!(
            l.clocks < m.clocks,
            "{}: looped {} vs multi {}",
            o.size,
            l.clocks,
            m.clocks
        );
        assert!(
            m.clocks < i.clocks,
            "{}: synthesized multi {} vs interpreted {}",
            o.size,
            m.clocks,
            i.clocks
        );
        let change = |x: &copybench::CopyRow| (x.clocks as f64 - o.clocks as f64) / o.clocks as f64;
        assert!(
            change(m).abs() < 0.0005,
            "{} multi-call: {} vs {}",
            m.size,
            m.clocks,
            o.clocks
        );
        assert!(
            change(i) > 0.0 && change(i) < 0.0015,
            "{} interpreted multi-call: {} vs {}",
            i.size,
            i.clocks,
            o.clocks
        );
    }
}

/// Node and edge weights from the DOT text of `syscall-graph`.
fn graph(trace: &str) -> (String, String) {
    let t = temp_file("copy-trace.jsonl", trace.as_bytes());
    let dot = temp_file("copy.dot", b"");
    let r = quamachine(
        &[
            "syscall-graph",
            t.to_str().unwrap(),
            "-o",
            dot.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    (std::fs::read_to_string(dot).unwrap(), r.stdout)
}

#[test]
fn the_originals_graph_has_the_papers_shape() {
    // 2.28 MB in 4096-byte blocks: 557 blocks, as in the paper's Figure 1.c.
    let r = version(0, &[2]);
    let (dot, report) = graph(&r.trace);
    assert_eq!(blocks(2), 557);
    assert_eq!(dot_edge(&dot, "read(0, 4096)", "write(1, 4096)"), 557);
    assert_eq!(dot_edge(&dot, "write(1, 4096)", "read(0, 4096)"), 557);
    for node in ["open(0) x", "creat(438) x", "close(0) x", "close(1) x"] {
        assert!(dot.contains(node), "no {node} node:\n{dot}");
    }
    assert!(
        report.contains("cluster 1: read(0, 4096) -> write(1, 4096) (loop)"),
        "{report}"
    );
}

/// Make the original's trace at 80 KB and run `quamachine cluster` on `program`.
fn cluster(program: &str) -> (i32, String, String, PathBuf) {
    cluster_with(program, &[])
}

fn cluster_with(program: &str, extra: &[&str]) -> (i32, String, String, PathBuf) {
    let r = version(0, &[0]);
    let trace = temp_file("cluster-trace.jsonl", r.trace.as_bytes());
    let src = temp_file("cluster-in.s", program.as_bytes());
    let out = temp_file("cluster-out.s", b"");
    std::fs::remove_file(&out).unwrap();
    let mut args = vec![
        "cluster",
        src.to_str().unwrap(),
        "--trace",
        trace.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let c = quamachine(&args, b"");
    (c.code, c.stdout, c.stderr, out)
}

#[test]
fn cluster_makes_the_multi_call_copy_from_the_original() {
    let orig = std::fs::read_to_string(root().join("copy/orig.s")).unwrap();
    let (code, stdout, stderr, out) = cluster(&orig);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("rotated") && stdout.contains("K_MULTI"),
        "{stdout}"
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("moveq   #K_MULTI,d2"), "{text}");
    // It assembles in place of copy/orig.s, runs, copies identically, with the
    // multi-call version's crossings.
    let elf = assemble("copy-orig", Some(("copy/orig.s", &out)))
        .unwrap_or_else(|e| panic!("the rewritten program does not assemble:\n{e}\n{text}"));
    let r = run("clustered", &elf, &[0, 1]);
    let orig_run = version(0, &[0, 1]);
    for (row, o) in r.rows.iter().zip(&orig_run.rows) {
        assert!(row.identical, "{}: the copy differs", row.size);
        assert_eq!(row.crossings, blocks_of(&row.size) + 5);
        assert!(row.crossings < o.crossings);
    }
}

#[test]
fn cluster_looped_makes_the_whole_copy_loop_one_looped_multi_call() {
    let orig = std::fs::read_to_string(root().join("copy/orig.s")).unwrap();
    let (code, stdout, stderr, out) = cluster_with(&orig, &["--looped"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("made one K_MLOOP"), "{stdout}");
    let text = std::fs::read_to_string(&out).unwrap();
    let elf = assemble("copy-orig", Some(("copy/orig.s", &out)))
        .unwrap_or_else(|e| panic!("the rewritten program does not assemble:\n{e}\n{text}"));
    let r = run("clustered-looped", &elf, &[0, 1]);
    let orig_run = version(0, &[0, 1]);
    for (row, o) in r.rows.iter().zip(&orig_run.rows) {
        assert!(row.identical, "{}: the copy differs", row.size);
        assert_eq!(row.crossings, 5, "{}", row.size);
        // The synthesized looped multi-call: fewer clocks than the original too (at 80 KB
        // within a layout's noise, as above).
        let slack = if row.size == "80K" { 2000 } else { 0 };
        assert!(
            row.clocks < o.clocks + slack,
            "{}: {} vs {}",
            row.size,
            row.clocks,
            o.clocks
        );
    }
    // A loop whose second call's set-up computes from memory cannot leave the loop.
    let mem = orig.replacen("move.l  d4,d0", "move.l  outfd,d0", 1);
    let (code, _, stderr, _) = cluster_with(&mem, &["--looped"]);
    assert!(
        stderr.contains("not as a looped multi-call") && stderr.contains("outfd"),
        "{code} {stderr}"
    );
}

#[test]
fn cluster_synthesize_makes_the_synthesized_multi_call_copy() {
    let orig = std::fs::read_to_string(root().join("copy/orig.s")).unwrap();
    let (code, stdout, stderr, out) = cluster_with(&orig, &["--synthesize"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("synthesized into a kernel call"),
        "{stdout}"
    );
    let text = std::fs::read_to_string(&out).unwrap();
    // write(out = d4, buf, n = read's result, passed in d1), read(inp = d3, buf, N).
    assert!(text.contains("dc.l    (23<<16)+1013,0,0,buf,0"), "{text}");
    assert!(text.contains("dc.l    (22<<16)+20,0,N,buf,0"), "{text}");
    let elf = assemble("copy-orig", Some(("copy/orig.s", &out)))
        .unwrap_or_else(|e| panic!("the rewritten program does not assemble:\n{e}\n{text}"));
    let r = run("clustered-synthesized", &elf, &[0, 1]);
    let interpreted = version(3, &[0, 1]);
    for (k, (row, i)) in r.rows.iter().zip(&interpreted.rows).enumerate() {
        assert!(row.identical, "{}: the copy differs", row.size);
        // The multi-call version's crossings; the first copy also makes the list a
        // kernel call (one K_MULTI), which the later ones reuse.
        let made = if k == 0 { 1 } else { 0 };
        assert_eq!(
            row.crossings,
            blocks_of(&row.size) + 5 + made,
            "{}",
            row.size
        );
        // Without the synthesis, each pass costs less than the interpreted list's.
        if k > 0 {
            assert!(
                row.clocks < i.clocks,
                "{}: {} vs interpreted {}",
                row.size,
                row.clocks,
                i.clocks
            );
        }
    }
    // An argument the kernel cannot take from a register it keeps (a3): the synthesized
    // form is refused, with the reason, and the loop gets the interpreted list instead.
    let bad = orig.replacen("move.l  d4,d0", "move.l  a3,d0", 1);
    let (code, stdout, stderr, out) = cluster_with(&bad, &["--synthesize"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stderr.contains("not as a synthesized multi-call") && stderr.contains("comes from a3"),
        "{stderr}"
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("moveq   #K_MULTI,d2"), "{text}");
}

fn blocks_of(size: &str) -> u64 {
    blocks(SIZES.iter().position(|s| s.0 == size).unwrap())
}

#[test]
fn cluster_refuses_an_unsafe_rewrite_with_a_reason() {
    let orig = std::fs::read_to_string(root().join("copy/orig.s")).unwrap();
    // Code after the write that uses its result (a byte count kept in d5).
    let tail = orig.replacen(
        "                trap    #15\n                bra.s   .loop",
        "                trap    #15\n                add.l   d0,d5\n                bra.s   .loop",
        1,
    );
    assert_ne!(tail, orig);
    let (code, _, stderr, out) = cluster(&tail);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("add.l   d0,d5")
            && stderr.contains("would have to move into the multi-call"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing written when nothing is rewritten");
    // The read's set-up loads its count from memory, which the write before it (once the
    // loop is rotated) might change.
    let mem = orig.replacen("move.l  #N,d1", "move.l  blocksize,d1", 1);
    assert_ne!(mem, orig);
    let (code, _, stderr, _) = cluster(&mem);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("touches memory"), "{stderr}");
    // The read's set-up reads d1 before setting it: d1 is what the write leaves.
    let reg = orig.replacen("move.l  #N,d1", "move.l  d1,d1", 1);
    let (code, _, stderr, _) = cluster(&reg);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("reads d1"), "{stderr}");
}

#[test]
fn bench_table2_prints_ours_beside_the_papers_and_writes_json() {
    let json = temp_file("table2.json", b"");
    let r = quamachine(
        &[
            "bench",
            "--table2-only",
            "--table2-cached",
            "--table2-json",
            json.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("disk seek 0 and 0 clocks per block"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("The paper's Table 2"), "{}", r.stdout);
    assert!(
        r.stdout.contains("| 2.28M | 10.93 | 10.65 |"),
        "{}",
        r.stdout
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    assert_eq!(v["schema"], "quamachine-table2/1");
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 12);
    for row in rows {
        assert_eq!(row["identical"], true, "{row}");
        assert!(row["clocks"].as_u64().unwrap() > 0);
        let line = format!(
            "{} ({})",
            row["clocks"].as_u64().unwrap(),
            row["crossings"].as_u64().unwrap()
        );
        assert!(r.stdout.contains(&line), "{line} not in\n{}", r.stdout);
    }
}
