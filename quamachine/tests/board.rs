//! The board through the `Machine` trait alone (no CPU): the memory map, wait states and
//! cacheability, device-register lanes, the timer and probe bookkeeping at boundaries,
//! and that no address or size can make it panic.
use emulator::{AccessSize, Control, Counters, Machine};
use proptest::prelude::*;
use quamachine::board::console::ConsoleInput;
use quamachine::board::{Board, BoardConfig};

fn board() -> Board {
    Board::new(
        BoardConfig::default(),
        ConsoleInput::Bytes(b"ab".to_vec()),
        Box::new(std::io::sink()),
    )
}

fn at(b: &mut Board, clocks: u64) -> Control {
    b.boundary(&Counters {
        clocks,
        ..Counters::default()
    })
}

const L: AccessSize = AccessSize::Long;
const W: AccessSize = AccessSize::Word;
const B: AccessSize = AccessSize::Byte;

#[test]
fn memory_map_regions() {
    let b = board();
    let r = b.region(0x1000);
    assert_eq!((r.wait_states, r.cacheable), (1, true), "RAM");
    let r = b.region(0x4000_0000);
    assert_eq!((r.wait_states, r.cacheable), (0, true), "ROM");
    let r = b.region(0x8000_0000);
    assert_eq!((r.wait_states, r.cacheable), (1, false), "framebuffer");
    let r = b.region(0xFFFF_0000);
    assert_eq!((r.wait_states, r.cacheable), (0, false), "device page");
    let b = Board::new(
        BoardConfig {
            ram_size: 1 << 20,
            ram_wait_states: 3,
        },
        ConsoleInput::None,
        Box::new(std::io::sink()),
    );
    assert_eq!(b.region(0xF_FFFC).wait_states, 3);
}

#[test]
fn bus_errors() {
    let mut b = board();
    assert!(b.read(0x0100_0000, L).is_err(), "just past 16 MiB RAM");
    assert!(b.read(0x00FF_FFFE, L).is_err(), "straddles the end of RAM");
    assert!(b.read(0x00FF_FFFC, L).is_ok());
    assert!(b.read(0x4004_0000, B).is_err(), "past ROM");
    assert!(b.read(0x4003_FFFC, L).is_ok());
    assert!(b.write(0x4000_0000, L, 1).is_err(), "ROM is read-only");
    assert!(b.read(0x8040_0000, B).is_err(), "past the framebuffer");
    assert!(b.write(0x803F_FFFC, L, 7).is_ok());
    assert_eq!(b.read(0x803F_FFFC, L), Ok(7));
    assert_eq!(b.read(0x2000_0000, W).unwrap_err().address, 0x2000_0000);
}

#[test]
fn big_endian_and_misaligned() {
    let mut b = board();
    b.write(0x100, L, 0x1122_3344).unwrap();
    assert_eq!(b.read(0x100, B), Ok(0x11));
    assert_eq!(b.read(0x102, W), Ok(0x3344));
    assert_eq!(b.read(0x101, L), Ok(0x2233_4400));
    b.write(0x103, W, 0xAABB).unwrap();
    assert_eq!(b.read(0x100, L), Ok(0x1122_33AA));
}

#[test]
fn device_lanes_and_unbuilt_devices() {
    let mut b = board();
    assert_eq!(b.read(0xFFFF_0014, L), Ok(1), "FPU_ENABLE resets to 1");
    assert_eq!(b.read(0xFFFF_0017, B), Ok(1));
    assert_eq!(b.read(0xFFFF_0014, B), Ok(0));
    b.write(0xFFFF_0014, B, 0).unwrap();
    assert!(!b.fpu_enabled());
    b.write(0xFFFF_0015, B, 1).unwrap();
    assert!(
        b.fpu_enabled(),
        "a byte write anywhere in the register writes it"
    );
    for reg in [0x118u32, 0x1FC, 0x218, 0x2FC, 0x708, 0x7FC, 0x800, 0xFFFC] {
        b.write(0xFFFF_0000 + reg, L, 0xFFFF_FFFF).unwrap();
        assert_eq!(
            b.read(0xFFFF_0000 + reg, L),
            Ok(0),
            "offset ${reg:X} reads 0"
        );
    }
}

#[test]
fn console_registers() {
    let mut b = board();
    assert_eq!(b.read(0xFFFF_0008, L), Ok(1), "input waiting");
    assert_eq!(b.interrupt_level(), 0, "not enabled");
    b.write(0xFFFF_0008, L, 0x100).unwrap();
    assert_eq!(b.interrupt_level(), 2);
    assert_eq!(b.interrupt_acknowledge(2), None, "autovectored");
    assert_eq!(b.read(0xFFFF_0004, L), Ok(u32::from(b'a')));
    assert_eq!(b.read(0xFFFF_0007, B), Ok(u32::from(b'b')));
    assert_eq!(b.read(0xFFFF_0008, L), Ok(0x100));
    assert_eq!(b.interrupt_level(), 0);
    assert_eq!(b.read(0xFFFF_0004, L), Ok(0xFFFF_FFFF), "no input");
}

#[test]
fn halt_stops_at_the_next_boundary() {
    let mut b = board();
    assert_eq!(at(&mut b, 10), Control::Continue);
    b.write(0xFFFF_0010, L, 7).unwrap();
    assert_eq!(b.next_event(), Some(10), "work at the next boundary");
    assert_eq!(at(&mut b, 14), Control::Stop);
    assert_eq!(b.halt, Some(7));
    assert_eq!(at(&mut b, 20), Control::Stop, "HALT is final");
}

#[test]
fn timer_ticks_pending_and_ack() {
    let mut b = board();
    at(&mut b, 100);
    b.write(0xFFFF_0040, L, 50).unwrap();
    b.write(0xFFFF_0044, L, 1).unwrap();
    assert_eq!(b.read(0xFFFF_0040, L), Ok(50));
    assert_eq!(b.read(0xFFFF_0044, L), Ok(1));
    assert_eq!(b.next_event(), Some(150));
    at(&mut b, 149);
    assert_eq!(b.interrupt_level(), 0);
    at(&mut b, 150);
    assert_eq!(b.interrupt_level(), 6);
    assert_eq!(b.interrupt_acknowledge(6), None, "autovectored");
    assert_eq!(b.next_event(), Some(200));
    b.write(0xFFFF_0048, L, 0).unwrap();
    assert_eq!(b.interrupt_level(), 0, "TIMER_ACK clears");
    at(&mut b, 320); // three periods late: 200, 250, 300
    assert_eq!(b.interrupt_level(), 6);
    assert_eq!(b.timer.ticks, 4);
    assert_eq!(b.timer.missed, 2);
    assert_eq!(b.next_event(), Some(350));
    b.write(0xFFFF_0044, L, 0).unwrap();
    assert_eq!(b.interrupt_level(), 0, "disabling clears the pending tick");
    assert_eq!(b.next_event(), None);
}

#[test]
fn probes_resolve_at_boundaries() {
    let mut b = board();
    // Instruction at clock 100 writes PROBE_START 5; the next boundary is at 112.
    at(&mut b, 100);
    b.write(0xFFFF_0030, L, 5).unwrap();
    at(&mut b, 112);
    // That very instruction writes PROBE_STOP 5: the region is empty.
    b.write(0xFFFF_0034, L, 5).unwrap();
    // Again with 30 clocks of work in between.
    at(&mut b, 124);
    b.write(0xFFFF_0030, L, 5).unwrap();
    at(&mut b, 130);
    at(&mut b, 160);
    b.write(0xFFFF_0034, L, 5).unwrap();
    b.write(0xFFFF_0034, L, 6).unwrap();
    b.write(0xFFFF_0030, L, 70_000).unwrap();
    let r = &b.probes.regions[&5];
    assert_eq!(r.samples, vec![0, 30]);
    assert_eq!(b.probes.regions[&6].unmatched_stops, 1);
    assert_eq!(b.probes.bad_ids, 1);
}

#[test]
fn clock_latch() {
    let mut b = board();
    b.boundary(&Counters {
        clocks: 0x1_2345_6789,
        instructions: 77,
        bus_cycles: 99,
        ..Counters::default()
    });
    assert_eq!(b.read(0xFFFF_0024, L), Ok(0), "nothing latched yet");
    assert_eq!(b.read(0xFFFF_0020, L), Ok(1));
    at(&mut b, 0x1_9999_0000);
    assert_eq!(
        b.read(0xFFFF_0024, L),
        Ok(0x2345_6789),
        "latched by CLOCK_HI"
    );
    assert_eq!(b.read(0xFFFF_0028, L), Ok(0));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_access_panics(addr in any::<u32>(), size in 0u8..3, value in any::<u32>()) {
        let mut b = board();
        let size = [B, W, L][size as usize];
        let _ = b.write(addr, size, value);
        let _ = b.read(addr, size);
        let _ = b.region(addr);
    }

    #[test]
    fn ram_round_trips(addr in 0u32..(16 << 20) - 4, value in any::<u32>()) {
        let mut b = board();
        b.write(addr, L, value).unwrap();
        prop_assert_eq!(b.read(addr, L), Ok(value));
        prop_assert_eq!(b.read(addr, W), Ok(value >> 16));
        prop_assert_eq!(b.read(addr + 3, B), Ok(value & 0xFF));
    }
}
