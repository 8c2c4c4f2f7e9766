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

#[test]
fn a_guest_writes_reads_lseeks_and_copies_files_the_host_reads_back() {
    let big = big();
    let img = disk_with(&[("big.bin", &big)]);
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
    assert_eq!(value(out, "open-missing"), -2);
    assert_eq!(value(out, "open-kernelptr"), -14);
    assert_eq!(value(out, "open-toolong"), -36);
    assert_eq!(value(out, "open-badflags"), -22);
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
    assert_eq!(disk_get(&img, "notes.txt"), notes);
    assert_eq!(disk_get(&img, "copy.bin"), big);
    assert_eq!(disk_get(&img, "big.bin"), big, "the source unchanged");
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
    let r = quamachine(
        &[
            "run",
            "--embedded",
            "files",
            "--disk",
            img.to_str().unwrap(),
        ],
        b"notes.txt notes-copy.txt\n",
    );
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .contains("notes.txt -> notes-copy.txt: bytes copied 20000"),
        "{}",
        r.stdout
    );
    assert_eq!(disk_get(&img, "notes-copy.txt"), data);
    // A missing source: the kernel's error, no copy.
    let r = quamachine(
        &[
            "run",
            "--embedded",
            "files",
            "--disk",
            img.to_str().unwrap(),
        ],
        b"nothing here\n",
    );
    assert!(
        r.stdout.contains("fcopy: cannot open the source, error -2"),
        "{}",
        r.stdout
    );
}
