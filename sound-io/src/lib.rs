//! `sound-io`: the Quamachine's Sound-IO device and the host's audio in and out.
//!
//! Owns the device of `../shared/quamachine.md` ("Sound-IO"): three channels of 32-bit
//! stereo frames (CD-IN, AD-IN, DA-OUT), the CONTROL, STATUS, CD_DATA, AD_DATA, DA_DATA
//! and OVERRUN registers, the frame clock in emulated time (frame `n` is due at CPU clock
//! `floor(n * clock_hz / 44100)`, in integers: no drift however long the run), the
//! level-5 interrupt line and its acknowledgement, and overrun counting ([`device`]).
//! Also the host side: sources that feed the input channels (WAV files read with `hound`
//! and converted to 16-bit stereo 44.1 kHz, generated tones, the generated demo clip:
//! [`source`], [`music`]) and sinks that take the DA-OUT frames (a WAV file, nothing, and
//! with the `live-audio` feature the host's audio device through `cpal`: [`sink`],
//! `live`), with the fill level a live sink reports so a run can pace emulated time to
//! the audio clock.
//!
//! Must not: know anything of the CPU or the bus. It is given register offsets within
//! its own block (`$00`…`$14`), the current CPU clock, and the clock rate; the board
//! owns the address decoding, the interrupt level's priority among the devices, and when
//! it calls [`SoundIo::advance`]. Samples reach a sink only from the emulated DA
//! channel, never from a host callback's own generation.
pub mod device;
#[cfg(feature = "live-audio")]
pub mod live;
pub mod music;
pub mod sink;
pub mod source;

pub use device::{Channel, FrameClock, SoundIo, SoundStats};
pub use sink::Sink;
pub use source::Source;

/// Frames per second of emulated time.
pub const FRAME_RATE: u32 = 44_100;

/// One stereo frame: left sample in the high 16 bits, right in the low 16 (signed).
#[inline]
pub fn frame(left: i16, right: i16) -> u32 {
    (u32::from(left as u16) << 16) | u32::from(right as u16)
}

/// The left and right samples of a frame.
#[inline]
pub fn samples(frame: u32) -> (i16, i16) {
    ((frame >> 16) as u16 as i16, frame as u16 as i16)
}
