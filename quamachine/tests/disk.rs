//! The disk: the embedded `disktest` guest end to end (DMA read with the level-3
//! interrupt, a write that reaches the host file, bad requests set the error bit), the
//! latencies from the command line, the register behaviour of bad requests, and the
//! `quamachine disk` tool on QFS images (round trip, full disk, missing name, corrupt image).
mod common;

use common::{quamachine, temp_file};

fn report_clocks(path: &std::path::Path) -> u64 {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["clocks"].as_u64().unwrap()
}

/// A raw 8-block disk: block 0 starts with a known text.
fn raw_disk() -> std::path::PathBuf {
    let mut d = vec![0xEEu8; 8 * 512];
    d[..8].copy_from_slice(b"QDISK-0!");
    temp_file("raw.img", &d)
}

fn run_disktest(disk: &std::path::Path, extra: &[&str]) -> (common::Run, u64) {
    let report = temp_file("report.json", b"");
    let mut args = vec![
        "run",
        "--embedded",
        "disktest",
        "-q",
        "--disk",
        disk.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let r = quamachine(&args, b"");
    let clocks = report_clocks(&report);
    (r, clocks)
}

#[test]
fn the_guest_reads_and_writes_blocks_through_dma_and_the_interrupt() {
    let disk = raw_disk();
    let (r, _) = run_disktest(&disk, &[]);
    assert_eq!(r.code, 0, "stdout: {}\nstderr: {}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .contains("disktest: block 0: 51 44 49 53 4B 2D 30 21 \n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("bad requests set the error bit"));
    let after = std::fs::read(&disk).unwrap();
    assert_eq!(&after[512..512 + 20], b"written by disktest\0");
    assert_eq!(&after[..8], b"QDISK-0!", "block 0 unchanged");
    assert!(
        after[1024..].iter().all(|&b| b == 0xEE),
        "other blocks unchanged"
    );
}

#[test]
fn seek_and_block_latencies_come_from_the_command_line() {
    // Two good commands of one block each: the run's clocks move by exactly 2x each
    // change (the CPU sleeps in STOP until the completion).
    let (a, base) = run_disktest(
        &raw_disk(),
        &["--disk-seek-clocks", "1000", "--disk-block-clocks", "500"],
    );
    let (b, seek) = run_disktest(
        &raw_disk(),
        &["--disk-seek-clocks", "51000", "--disk-block-clocks", "500"],
    );
    let (c, block) = run_disktest(
        &raw_disk(),
        &["--disk-seek-clocks", "1000", "--disk-block-clocks", "10500"],
    );
    assert_eq!((a.code, b.code, c.code), (0, 0, 0));
    assert_eq!(seek - base, 2 * 50_000);
    assert_eq!(block - base, 2 * 10_000);
    // Defaults: 250 000 seek, 12 800 per block.
    let (_, default) = run_disktest(&raw_disk(), &[]);
    assert_eq!(default - base, 2 * (249_000 + 12_300));
}

#[test]
fn without_a_disk_every_command_fails_with_the_error_bit() {
    let r = quamachine(&["run", "--embedded", "disktest", "-q"], b"");
    // Step 1 (the read) reports the error.
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("FAILED"));
}

#[test]
fn a_bad_disk_file_is_refused_before_the_run() {
    let odd = temp_file("odd.img", &[0; 700]);
    let r = quamachine(
        &[
            "run",
            "--embedded",
            "disktest",
            "--disk",
            odd.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(r.code, 120);
    assert!(
        r.stderr.contains("not a whole number of 512-byte blocks"),
        "{}",
        r.stderr
    );
    let r = quamachine(
        &[
            "run",
            "--embedded",
            "disktest",
            "--disk",
            "/nonexistent/disk.img",
        ],
        b"",
    );
    assert_eq!(r.code, 120);
    assert!(
        r.stderr.contains("cannot open the disk image"),
        "{}",
        r.stderr
    );
}

mod device {
    //! The device model directly: register values, DMA bounds, ACK.
    use quamachine::board::disk::*;

    fn disk(blocks: usize) -> (Disk, std::path::PathBuf) {
        let data: Vec<u8> = (0..blocks * 512).map(|i| (i / 512) as u8).collect();
        let p = super::temp_file("dev.img", &data);
        let mut d = Disk::open(&p).unwrap();
        d.seek_clocks = 100;
        d.block_clocks = 10;
        (d, p)
    }

    #[test]
    fn a_read_is_busy_until_its_time_then_interrupts_until_ack() {
        let (mut d, _) = disk(4);
        let mut ram = vec![0u8; 4096];
        d.write(DISK_BLOCK, 2, 0, 4096);
        d.write(DISK_COUNT, 2, 0, 4096);
        d.write(DISK_ADDRESS, 1024, 0, 4096);
        d.write(DISK_COMMAND, 1, 1000, 4096);
        assert_eq!(d.read(DISK_STATUS), STATUS_BUSY);
        assert_eq!(d.due(), 1000 + 100 + 2 * 10);
        // A second command while busy is ignored.
        d.write(DISK_COMMAND, 2, 1001, 4096);
        assert_eq!(d.read(DISK_COMMAND), 1);
        d.complete(&mut ram);
        assert_eq!(d.read(DISK_STATUS), 0);
        assert!(d.irq_pending);
        assert!(ram[1024..1536].iter().all(|&b| b == 2));
        assert!(ram[1536..2048].iter().all(|&b| b == 3));
        assert!(ram[..1024].iter().all(|&b| b == 0));
        assert_eq!(d.due(), u64::MAX);
        d.write(DISK_ACK, 0, 1200, 4096);
        assert!(!d.irq_pending);
    }

    #[test]
    fn bad_requests_fail_at_once_and_move_nothing() {
        let (mut d, p) = disk(4);
        let before = std::fs::read(&p).unwrap();
        let mut ram = vec![7u8; 4096];
        // (block, count, address, command)
        for (block, count, addr, cmd) in [
            (3, 2, 0, 1),           // past the last block
            (0, 1, 4000, 1),        // DMA past the end of RAM
            (0, 1, 0, 3),           // bad command
            (0, 0, 0, 2),           // count 0
            (0xFFFF_FFFF, 1, 0, 2), // block number overflow
            (0, 1, 0xFFFF_FF00, 2), // address overflow
        ] {
            d.write(DISK_BLOCK, block, 0, 4096);
            d.write(DISK_COUNT, count, 0, 4096);
            d.write(DISK_ADDRESS, addr, 0, 4096);
            d.write(DISK_COMMAND, cmd, 500, 4096);
            assert_eq!(d.due(), 500, "fails at once: {block} {count} {addr} {cmd}");
            d.complete(&mut ram);
            assert_eq!(d.read(DISK_STATUS), STATUS_ERROR);
            assert!(d.irq_pending);
            d.write(DISK_ACK, 0, 501, 4096);
        }
        assert!(ram.iter().all(|&b| b == 7));
        assert_eq!(std::fs::read(&p).unwrap(), before);
        // A good command afterwards clears the error bit.
        d.write(DISK_BLOCK, 0, 0, 4096);
        d.write(DISK_COUNT, 1, 0, 4096);
        d.write(DISK_ADDRESS, 0, 0, 4096);
        d.write(DISK_COMMAND, 2, 600, 4096);
        d.complete(&mut ram);
        assert_eq!(d.read(DISK_STATUS), 0);
        assert!(std::fs::read(&p).unwrap()[..512].iter().all(|&b| b == 7));
    }
}

mod tool {
    //! `quamachine disk` on QFS images.
    use super::{quamachine, temp_file};

    fn ok(args: &[&str]) -> String {
        let r = quamachine(args, b"");
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        r.stdout
    }

    #[test]
    fn create_put_ls_get_rm_round_trip() {
        let img = temp_file("fs.img", b"");
        let i = img.to_str().unwrap();
        ok(&["disk", "create", i, "--size", "64K"]);
        assert_eq!(std::fs::metadata(&img).unwrap().len(), 65536);
        let data: Vec<u8> = (0..5000u32).map(|x| (x * 7) as u8).collect();
        let host = temp_file("data.bin", &data);
        ok(&["disk", "put", i, host.to_str().unwrap(), "data"]);
        let empty = temp_file("empty", b"");
        ok(&["disk", "put", i, empty.to_str().unwrap(), "nothing"]);
        let ls = ok(&["disk", "ls", i]);
        assert!(ls.contains("data"), "{ls}");
        assert!(ls.contains("5000"), "{ls}");
        assert!(ls.contains("2 files"), "{ls}");
        let out = temp_file("out.bin", b"");
        ok(&["disk", "get", i, "data", out.to_str().unwrap()]);
        assert_eq!(std::fs::read(&out).unwrap(), data);
        ok(&["disk", "get", i, "nothing", out.to_str().unwrap()]);
        assert_eq!(std::fs::read(&out).unwrap(), b"");
        ok(&["disk", "rm", i, "data"]);
        let ls = ok(&["disk", "ls", i]);
        assert!(!ls.contains("data"), "{ls}");
        // The superblock as the format document says: magic, version, blocks.
        let img_bytes = std::fs::read(&img).unwrap();
        assert_eq!(&img_bytes[..4], b"QFS1");
        assert_eq!(&img_bytes[8..12], &128u32.to_be_bytes());
    }

    #[test]
    fn clear_errors_for_a_full_disk_a_missing_name_and_a_corrupt_image() {
        let img = temp_file("small.img", b"");
        let i = img.to_str().unwrap();
        ok(&["disk", "create", i, "--size", "8K", "--entries", "16"]);
        // 16 blocks: superblock, 1 directory block, 14 data blocks.
        let big = temp_file("big", &[1; 15 * 512]);
        let r = quamachine(&["disk", "put", i, big.to_str().unwrap()], b"");
        assert_eq!(r.code, 1);
        assert!(r.stderr.contains("disk full"), "{}", r.stderr);
        assert!(r.stderr.contains("needs 15"), "{}", r.stderr);
        let r = quamachine(&["disk", "get", i, "nosuch", "/tmp/x"], b"");
        assert_eq!(r.code, 1);
        assert!(r.stderr.contains("no file named `nosuch`"), "{}", r.stderr);
        let r = quamachine(&["disk", "rm", i, "nosuch"], b"");
        assert_eq!(r.code, 1);
        let junk = temp_file("junk.img", &[0x55; 4096]);
        let r = quamachine(&["disk", "ls", junk.to_str().unwrap()], b"");
        assert_eq!(r.code, 1);
        assert!(r.stderr.contains("not a valid QFS image"), "{}", r.stderr);
        // A directory entry pointing past the end.
        let mut bytes = std::fs::read(&img).unwrap();
        bytes[512..513].copy_from_slice(b"x");
        bytes[512 + 20..512 + 24].copy_from_slice(&100u32.to_be_bytes());
        bytes[512 + 28..512 + 32].copy_from_slice(&1u32.to_be_bytes());
        let bad = temp_file("bad.img", &bytes);
        let r = quamachine(&["disk", "ls", bad.to_str().unwrap()], b"");
        assert_eq!(r.code, 1);
        assert!(r.stderr.contains("outside the data area"), "{}", r.stderr);
        let r = quamachine(&["disk", "create", i, "--size", "1000"], b"");
        assert_eq!(r.code, 1);
        assert!(r.stderr.contains("not a multiple of 512"), "{}", r.stderr);
    }

    #[test]
    fn the_guest_reads_a_qfs_superblock() {
        let img = temp_file("boot.img", b"");
        let i = img.to_str().unwrap();
        ok(&["disk", "create", i, "--size", "16K"]);
        let r = quamachine(&["run", "--embedded", "disktest", "-q", "--disk", i], b"");
        assert_eq!(r.code, 0, "{}", r.stdout);
        // "QFS1", version 1.
        assert!(
            r.stdout.contains("block 0: 51 46 53 31 00 00 00 01"),
            "{}",
            r.stdout
        );
    }
}
