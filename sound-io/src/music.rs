//! The demo clip `quamachine play` plays when given no file: a few seconds of music the
//! project makes itself (no downloaded media). The opening phrase of the "Ode to Joy"
//! (Beethoven, public domain): a sine lead with a touch of its octave, a soft square-wave
//! bass a pair of octaves down, each note with an attack/decay/release envelope, the lead
//! a little left and the bass a little right. Deterministic: the same frames every time.
use crate::{FRAME_RATE, frame};

/// A short name for reports.
pub const DEMO_NAME: &str = "the generated demo clip (Ode to Joy, 8 bars of sine and square)";

/// (MIDI note of the lead, length in eighth notes); the bass follows the harmony below.
#[rustfmt::skip]
const MELODY: &[(u8, u32)] = &[
    (64, 2), (64, 2), (65, 2), (67, 2), (67, 2), (65, 2), (64, 2), (62, 2),
    (60, 2), (60, 2), (62, 2), (64, 2), (64, 3), (62, 1), (62, 4),
    (64, 2), (64, 2), (65, 2), (67, 2), (67, 2), (65, 2), (64, 2), (62, 2),
    (60, 2), (60, 2), (62, 2), (64, 2), (62, 3), (60, 1), (60, 4),
];

/// Bass notes, one per two beats (C, G, C, G ...: I–V–I–V, then I–V–V–I).
#[rustfmt::skip]
const BASS: &[u8] = &[36, 36, 43, 43, 36, 36, 43, 43, 36, 36, 43, 43, 36, 43, 43, 36];

/// Beats per minute.
const TEMPO: u32 = 168;

fn hz(note: u8) -> f64 {
    440.0 * 2f64.powf((f64::from(note) - 69.0) / 12.0)
}

/// Envelope at `t` seconds into a note of `len` seconds: 8 ms attack, decay to 60% over
/// 150 ms, 40 ms release at the end.
fn envelope(t: f64, len: f64) -> f64 {
    let a = if t < 0.008 {
        t / 0.008
    } else {
        0.6 + 0.4 * (-(t - 0.008) / 0.15).exp()
    };
    let r = ((len - t) / 0.04).clamp(0.0, 1.0);
    a * r
}

/// The demo clip, as 16-bit stereo frames at 44.1 kHz (about 11 seconds).
pub fn demo_clip() -> Vec<u32> {
    let rate = f64::from(FRAME_RATE);
    let beat = 60.0 / f64::from(TEMPO);
    let eighths: u32 = MELODY.iter().map(|&(_, e)| e).sum();
    let total = (f64::from(eighths) * beat / 2.0 * rate) as usize;
    let mut left = vec![0f64; total];
    let mut right = vec![0f64; total];
    let mut at = 0f64;
    for &(note, e) in MELODY {
        let len = f64::from(e) * beat / 2.0;
        let f = hz(note);
        let start = (at * rate) as usize;
        let n = ((len * rate) as usize).min(total - start);
        for i in 0..n {
            let t = i as f64 / rate;
            let ph = std::f64::consts::TAU * f * t;
            let v = envelope(t, len) * (ph.sin() + 0.25 * (2.0 * ph).sin()) * 0.45;
            left[start + i] += v * 0.8;
            right[start + i] += v * 0.5;
        }
        at += len;
    }
    for (k, &note) in BASS.iter().enumerate() {
        let len = 2.0 * beat;
        let f = hz(note);
        let start = (k as f64 * len * rate) as usize;
        if start >= total {
            break;
        }
        let n = ((len * rate) as usize).min(total - start);
        for i in 0..n {
            let t = i as f64 / rate;
            let square = if (f * t).fract() < 0.5 { 1.0 } else { -1.0 };
            let v = envelope(t, len) * square * 0.12;
            left[start + i] += v * 0.5;
            right[start + i] += v * 0.8;
        }
    }
    let q = |v: f64| (v * 32767.0).round().clamp(-32768.0, 32767.0) as i16;
    left.iter()
        .zip(&right)
        .map(|(&l, &r)| frame(q(l), q(r)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples;

    #[test]
    fn demo_clip_is_music_not_silence() {
        let c = demo_clip();
        let secs = c.len() as f64 / f64::from(FRAME_RATE);
        assert!((8.0..15.0).contains(&secs), "{secs} s");
        let peak = c
            .iter()
            .map(|&f| samples(f).0.unsigned_abs().max(samples(f).1.unsigned_abs()))
            .max()
            .unwrap();
        assert!((10_000..=32_767).contains(&peak), "peak {peak}");
        assert_eq!(c, demo_clip(), "deterministic");
    }
}
