//! The emulator runs a trivial program to HALT.
mod common;
use common::TestMachine;
use emulator::{Config, Emulator, Exit};

#[test]
fn runs_to_halt() {
    let mut m = TestMachine::new(1);
    // moveq #5,d0 ; move.l d0,$FFFF0010
    m.load_words(0x1000, &[0x7005, 0x23C0, 0xFFFF, 0x0010]);
    let mut e = Emulator::new(Config::default());
    e.reset(&mut m, 0x1000, 0x8000);
    let exit = e.run(&mut m, 1_000_000);
    assert_eq!(exit, Exit::MachineStop);
    assert_eq!(m.halted, Some(5));
    let c = e.counters();
    assert_eq!(c.instructions, 2);
    assert!(c.clocks > 0);
    assert!(c.bus_cycles >= 3, "{c:?}");
}
