//! Files in the Synthesis kernel (kernel-asm/kernel/fs.s, disk.s): the `kfiles` image
//! writes, reads back, lseeks and copies files on a QFS disk made with `quamachine disk`,
//! the host reads them back byte for byte, hostile arguments get errors and the kernel
//! survives; the `files` image (the copy program) copies a file named on stdin.
mod common;

use common::{quamachine, temp_file};
use std::path::{Path, PathBuf};

fn disk_with(files: &[(&str, &[u8])]) -> PathBuf {
    let img = temp_file("files.img", b"");
    std::fs::remove_file(&img).unwrap();
    let r = quamachine(
        &["disk", "create", img.to_str().unwrap(), "--size", "2M"],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    for (name, data) in files {
        let host = temp_file(name, data);
        let r = quamachine(
            &[
                "disk",
                "put",
                img.to_str().unwrap(),
                host.to_str().unwrap(),
                name,
            ],
            b"",
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    img
}

fn disk_get(img: &Path, name: &str) -> Vec<u8> {
    let out = temp_file("got.bin", b"");
    let r = quamachine(
        &[
            "disk",
            "get",
            img.to_str().unwrap(),
            name,
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(r.code, 0, "disk get {name}: {}", r.stderr);
    std::fs::read(out).unwrap()
}

/// The value printed on the line "files: WHAT N".
fn value(out: &str, what: &str) -> i64 {
    let prefix = format!("files: {what} ");
    out.lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no line `{prefix}` in:\n{out}"))
        .trim()
        .parse()
        .unwrap()
}

fn big() -> Vec<u8> {
    // Not a multiple of 512 or of the 4096-byte blocks the guest copies with.
    (0..100_003u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect()
}

/// The `files` image (the copy program) on disk `img`, told what to copy on stdin.
fn copy_on(img: &std::path::Path, stdin: &[u8]) -> common::Run {
    quamachine(
        &[
            "run",
            "--embedded",
            "files",
            "--disk",
            img.to_str().unwrap(),
        ],
        stdin,
    )
}

#[test]
fn a_guest_writes_reads_lseeks_and_copies_files_the_host_reads_back() {
    let big = big();
    let grow: Vec<u8> = (0..600u32).map(|i| (i * 3) as u8).collect();
    let tail: Vec<u8> = (0..700u32).map(|i| (i * 5) as u8).collect();
    // grow.txt is followed by wall.txt: appending moves it; tail.txt is last: in place.
    let img = disk_with(&[
        ("big.bin", &big),
        ("grow.txt", &grow),
        ("wall.txt", b"wall"),
        ("tail.txt", &tail),
    ]);
    let start = |name: &str| -> u64 {
        let ls = quamachine(&["disk", "ls", img.to_str().unwrap()], b"");
        ls.stdout
            .lines()
            .find(|l| l.starts_with(&format!("{name} ")))
            .and_then(|l| l.split_whitespace().nth(2))
            .unwrap()
            .parse()
            .unwrap()
    };
    let (grow_at, tail_at) = (start("grow.txt"), start("tail.txt"));
    let r = quamachine(
        &[
            "run",
            "--embedded",
            "kfiles",
            "--disk",
            img.to_str().unwrap(),
            "--disk-seek-clocks",
            "5000",
            "--disk-block-clocks",
            "1000",
        ],
        b"",
    );
    let out = &r.stdout;
    assert_eq!(r.code, 0, "{out}\n{}", r.stderr);
    assert!(out.contains("fs: QFS disk, 4096 blocks, 64 directory entries"));
    // creat, write, lseek, read back
    assert_eq!(value(out, "creat"), 0);
    assert_eq!(value(out, "write"), 1000);
    assert_eq!(value(out, "lseek"), 0);
    assert_eq!(value(out, "read"), 3000);
    assert_eq!(value(out, "same"), 1);
    assert_eq!(value(out, "read10"), 10);
    assert_eq!(value(out, "byte100"), i64::from((100 * 7u32) as u8));
    assert_eq!(value(out, "lseek-end"), 2990);
    assert_eq!(value(out, "readtail"), 10);
    assert_eq!(value(out, "eof"), 0);
    assert_eq!(value(out, "writetail"), 4);
    assert_eq!(value(out, "close"), 0);
    assert_eq!(value(out, "close-again"), -9);
    assert_eq!(value(out, "open"), 0);
    assert_eq!(value(out, "read-all"), 5004);
    assert_eq!(value(out, "same-again"), 1);
    assert_eq!(value(out, "gap-or"), 0);
    // hostile arguments: errors, and the run goes on to the end
    assert_eq!(value(out, "write-rdonly"), -9);
    assert_eq!(value(out, "read-fd99"), -9);
    assert_eq!(value(out, "read-fd-1"), -9);
    assert_eq!(value(out, "read-kernelptr"), -14);
    assert_eq!(value(out, "read-hugecount"), -14);
    assert_eq!(value(out, "read-zero"), 0);
    assert_eq!(value(out, "read-zero-untouched"), 1);
    assert_eq!(value(out, "read-mem5"), 5);
    // the size class: the second open of a file all in memory got the routine without
    // the load check
    assert!(out.contains("synth: fread_mem"), "{out}");
    assert!(out.contains("synth: fread (a file's read)"), "{out}");
    assert_eq!(value(out, "open-missing"), -2);
    assert_eq!(value(out, "open-kernelptr"), -14);
    assert_eq!(value(out, "open-toolong"), -36);
    assert_eq!(value(out, "open-badflags"), -22);
    assert_eq!(value(out, "creat-slash"), -22);
    assert_eq!(value(out, "creat-space"), -22);
    assert_eq!(value(out, "open-slash"), -2);
    assert_eq!(value(out, "lseek-badwhence"), -22);
    assert_eq!(value(out, "lseek-negative"), -22);
    assert_eq!(value(out, "close2"), 0);
    // the copy, 4096 bytes at a time
    assert_eq!(value(out, "copied"), big.len() as i64);
    let sum: u64 = big.iter().map(|&b| u64::from(b)).sum();
    assert_eq!(value(out, "sum"), sum as i64);
    assert_eq!(value(out, "close-copy"), 0);
    assert!(out.contains("files: done"));
    assert!(out.contains("threads killed 0"), "{out}");
    // The second thread kept the ring busy: some requests blocked their caller.
    let blocked: u64 = out
        .lines()
        .find_map(|l| l.strip_prefix("disk: "))
        .and_then(|l| l.split(", ").nth(2))
        .and_then(|s| s.split(' ').next())
        .unwrap()
        .parse()
        .unwrap();
    assert!(blocked > 0, "{out}");
    // The host reads the files back.
    let mut notes: Vec<u8> = (0..3000u32).map(|i| (i * 7 + i / 256) as u8).collect();
    notes.resize(5000, 0);
    notes.extend_from_slice(b"TAIL");
    assert!(disk_get(&img, "notes.txt") == notes);
    assert!(disk_get(&img, "copy.bin") == big);
    assert!(disk_get(&img, "big.bin") == big, "the source unchanged");
    // the second thread's copy, made at the same time from the same source
    assert!(out.contains("copier: closed 0"), "{out}");
    assert!(disk_get(&img, "copy2.bin") == big);
    // appended: grow.txt moved (wall.txt was in the way), tail.txt grew in place
    let pattern: Vec<u8> = (0..1000u32).map(|i| (i * 7 + i / 256) as u8).collect();
    assert_eq!(value(out, "append-grow"), 1600);
    assert_eq!(value(out, "append-tail"), 1700);
    assert_eq!(
        disk_get(&img, "grow.txt"),
        [grow.clone(), pattern.clone()].concat()
    );
    assert_eq!(disk_get(&img, "tail.txt"), [tail.clone(), pattern].concat());
    assert_eq!(disk_get(&img, "wall.txt"), b"wall");
    assert_ne!(start("grow.txt"), grow_at, "grow.txt moved");
    assert_eq!(start("tail.txt"), tail_at, "tail.txt grew in place");
    // left open at exit: closed by the kernel, so it is on the disk
    assert_eq!(disk_get(&img, "left.txt"), b"TAIL");
    let ls = quamachine(&["disk", "ls", img.to_str().unwrap()], b"");
    assert_eq!(ls.code, 0, "the image is still valid QFS: {}", ls.stderr);
}

#[test]
fn without_a_disk_the_file_calls_fail_and_the_kernel_goes_on() {
    let r = quamachine(&["run", "--embedded", "kfiles"], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("fs: no QFS disk"), "{}", r.stdout);
    assert_eq!(value(&r.stdout, "creat"), -19);
    assert_eq!(value(&r.stdout, "read"), -9);
    assert!(r.stdout.contains("files: done"));
}

#[test]
fn the_files_image_copies_the_file_named_on_stdin() {
    let data: Vec<u8> = (0..20_000u32).map(|i| (i % 251) as u8).collect();
    let img = disk_with(&[("notes.txt", &data)]);
    let r = copy_on(&img, b"notes.txt notes-copy.txt\n");
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .contains("notes.txt -> notes-copy.txt: bytes copied 20000"),
        "{}",
        r.stdout
    );
    assert_eq!(disk_get(&img, "notes-copy.txt"), data);
    // A missing source: the kernel's error, no copy.
    let r = copy_on(&img, b"nothing here\n");
    assert!(
        r.stdout.contains("fcopy: cannot open the source, error -2"),
        "{}",
        r.stdout
    );
}

/// The Table 7.3 rows of `quamachine bench --json` (the file image on the disk the bench
/// generates), by (row prefix, cache): (our µs, published µs or None).
fn table73() -> Vec<(String, String, f64, Option<f64>)> {
    let json = temp_file("bench.json", b"");
    let r = quamachine(&["bench", "--json", json.to_str().unwrap()], b"");
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("Table 7.3"), "{}", r.stdout);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["table"] == "7.3")
        .map(|x| {
            (
                x["row"].as_str().unwrap().to_string(),
                x["cache"].as_str().unwrap().to_string(),
                x["us"].as_f64().unwrap(),
                x["published"].as_f64(),
            )
        })
        .collect()
}

#[test]
fn table_7_3_file_calls_measured_against_the_dissertation() {
    let rows = table73();
    let get = |row: &str, cache: &str| -> (f64, Option<f64>) {
        rows.iter()
            .find(|r| r.0.starts_with(row) && r.1 == cache)
            .map(|r| (r.2, r.3))
            .unwrap_or_else(|| panic!("no Table 7.3 row {row} {cache}: {rows:?}"))
    };
    // Reads of N bytes from memory: published 9 + N/8 µs. Large reads meet it within
    // 25% (the copy is MOVEM, 48 bytes a pair, data cache off); the per-byte slope
    // between 512 and 4096 bytes is N/8 within 25%.
    for n in ["read 512 bytes", "read 4096 bytes"] {
        let (ours, published) = get(n, "warm");
        let p = published.unwrap();
        assert!(ours / p <= 1.25, "{n}: {ours} µs vs {p}");
    }
    let slope = (get("read 4096 bytes", "warm").0 - get("read 512 bytes", "warm").0) / 3584.0;
    assert!(
        (slope / 0.125 - 1.0).abs() <= 0.25,
        "µs per byte {slope} vs 1/8"
    );
    // Known misses, stated in docs/kernel.md and not tuned away: the fixed cost of a call
    // is about twice the published one. open (published 73 µs) spends ~1500 clocks of its
    // ~3200 synthesizing the file's read routine (copy, holes, cache clear, record);
    // close (18) and read 1 byte (9) are dominated by the general trap-15 dispatch plus
    // the fd's indirection and the user-pointer check. They must stay under 3x, and keep
    // the published order.
    for (row, cache) in [
        ("open a disk file", "warm"),
        ("open a disk file", "cold"),
        ("close", "warm"),
        ("read 1 byte", "warm"),
        ("read 1 byte", "cold"),
        ("read 64 bytes", "warm"),
    ] {
        let (ours, published) = get(row, cache);
        let p = published.unwrap();
        assert!(ours / p < 3.0, "{row} {cache}: {ours} µs vs {p}");
    }
    let open = get("open a disk file", "warm").0;
    let close = get("close", "warm").0;
    let read1 = get("read 1 byte", "warm").0;
    assert!(read1 < close && close < open, "{read1} {close} {open}");
    assert!(get("read 64 bytes", "warm").0 < get("read 512 bytes", "warm").0);
    // A cached trap (K_CACHE on K_READ) skips the general dispatch: cheaper.
    assert!(get("read 1 byte, K_READ on a cached trap", "warm").0 < read1);
    // Sharing an open file's record saves its set-up; the disk adds its latency (the
    // default 10 ms seek, 72 blocks of 512 µs each) to a read that needs it.
    assert!(get("open, the file already open", "warm").0 < open);
    let disk = get("read 4096 bytes from the disk", "warm").0;
    assert!(disk > 10_000.0 + 72.0 * 512.0, "{disk}");
}

#[test]
fn a_corrupt_directory_entry_is_an_error_not_a_kernel_fault() {
    // The host tool never writes such an entry, but the disk is input: a length far past
    // the file's blocks (a load would run past its memory window) and an extent past the
    // end of the disk.
    let img = disk_with(&[("a.txt", b"hello"), ("b.txt", b"world")]);
    let mut raw = std::fs::read(&img).unwrap();
    let entry = |i: usize| 512 + 32 * i;
    raw[entry(0) + 0x18..entry(0) + 0x1C].copy_from_slice(&0x0070_0000u32.to_be_bytes());
    raw[entry(1) + 0x14..entry(1) + 0x18].copy_from_slice(&0x00FF_0000u32.to_be_bytes());
    std::fs::write(&img, &raw).unwrap();
    for (src, dst) in [("a.txt", "a2.txt"), ("b.txt", "b2.txt")] {
        let r = copy_on(&img, format!("{src} {dst}\n").as_bytes());
        assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
        assert!(
            r.stdout.contains("fcopy: cannot open the source, error -5"),
            "{}",
            r.stdout
        );
        assert!(r.stdout.contains("threads killed 0"), "{}", r.stdout);
    }
}

#[test]
fn a_disk_error_reaches_the_caller_as_e_io() {
    // The superblock claims more blocks than the image has and the file's extent lies in
    // the missing part: open succeeds (blocks come in lazily), the read's DMA request
    // fails in the device (past the end of the medium), the driver reports it.
    let img = temp_file("short.img", b"");
    std::fs::remove_file(&img).unwrap();
    let r = quamachine(
        &["disk", "create", img.to_str().unwrap(), "--size", "32K"],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let host = temp_file("x.txt", b"some text");
    let r = quamachine(
        &[
            "disk",
            "put",
            img.to_str().unwrap(),
            host.to_str().unwrap(),
            "x.txt",
        ],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut raw = std::fs::read(&img).unwrap();
    raw[8..12].copy_from_slice(&4096u32.to_be_bytes()); // N
    raw[512 + 0x14..512 + 0x18].copy_from_slice(&1000u32.to_be_bytes()); // start
    std::fs::write(&img, &raw).unwrap();
    let r = copy_on(&img, b"x.txt y.txt\n");
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("fcopy: read failed, error -5"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("threads killed 0"), "{}", r.stdout);
}
