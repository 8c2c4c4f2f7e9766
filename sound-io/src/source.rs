//! Sources: what the input channels (CD-IN, AD-IN) hear, one frame per frame period.
//!
//! - [`WavSource`]: a WAV file read with `hound`, streamed. 16-bit stereo 44.1 kHz is used
//!   as is; anything else is converted, and [`WavSource::notes`] says what was done: mono
//!   is duplicated to both sides, more than two channels keep the first two, 8-bit
//!   samples are scaled up (`<< 8`), 24- and 32-bit integer samples are scaled down
//!   (arithmetic `>>`, truncating), 32-bit float samples are scaled by 32768, rounded and
//!   clamped, and other rates are resampled linearly (integer arithmetic). Files that
//!   cannot be read, are not WAV, or hold no frames are refused with a message naming
//!   the file.
//! - [`Tone`]: a generated sine tone (for AD-IN).
//! - [`Frames`]: frames from memory (generated clips, tests).
//! - [`Silence`]: zero frames for ever (what an unconnected input hears).
use crate::{FRAME_RATE, frame};
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

/// A stream of stereo frames for an input channel.
pub trait Source {
    /// The next frame, or `None` when the source has run out.
    fn next_frame(&mut self) -> Option<u32>;
    /// How many frames it gives in all, when known.
    fn frames(&self) -> Option<u64> {
        None
    }
    /// A short description for reports.
    fn describe(&self) -> String;
    /// A read error that ended the source early, if one did.
    fn error(&self) -> Option<String> {
        None
    }
}

/// Zero frames for ever.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silence;

impl Source for Silence {
    fn next_frame(&mut self) -> Option<u32> {
        Some(0)
    }
    fn describe(&self) -> String {
        "silence".into()
    }
}

/// Frames from memory, then the end.
#[derive(Debug, Clone, Default)]
pub struct Frames {
    frames: Vec<u32>,
    next: usize,
    name: String,
}

impl Frames {
    /// These frames, once.
    pub fn new(frames: Vec<u32>) -> Self {
        Frames {
            frames,
            next: 0,
            name: "generated frames".into(),
        }
    }

    /// The same, with a name for reports.
    pub fn named(frames: Vec<u32>, name: &str) -> Self {
        Frames {
            name: name.into(),
            ..Frames::new(frames)
        }
    }
}

impl Source for Frames {
    fn next_frame(&mut self) -> Option<u32> {
        let f = self.frames.get(self.next).copied();
        self.next += 1;
        f
    }
    fn frames(&self) -> Option<u64> {
        Some(self.frames.len() as u64)
    }
    fn describe(&self) -> String {
        format!(
            "{} ({:.2} s)",
            self.name,
            self.frames.len() as f64 / f64::from(FRAME_RATE)
        )
    }
}

/// A sine tone on both sides, for ever.
#[derive(Debug, Clone)]
pub struct Tone {
    hz: f64,
    amplitude: f64,
    n: u64,
}

impl Tone {
    /// A tone of `hz` at `amplitude` (0 to 1 of full scale).
    pub fn new(hz: f64, amplitude: f64) -> Self {
        Tone {
            hz,
            amplitude: amplitude.clamp(0.0, 1.0),
            n: 0,
        }
    }
}

impl Source for Tone {
    fn next_frame(&mut self) -> Option<u32> {
        // The phase from the frame count (reduced per whole cycle of frames), so it never
        // accumulates rounding error.
        let rate = u64::from(FRAME_RATE);
        let t = (self.n % rate) as f64 / rate as f64 + (self.n / rate) as f64;
        let phase = (self.hz * t).fract();
        let v = (self.amplitude * 32767.0 * (std::f64::consts::TAU * phase).sin()).round() as i16;
        self.n += 1;
        Some(frame(v, v))
    }
    fn describe(&self) -> String {
        format!(
            "{} Hz tone at {:.0}% of full scale",
            self.hz,
            self.amplitude * 100.0
        )
    }
}

/// A WAV file, streamed and converted to 16-bit stereo 44.1 kHz frames.
pub struct WavSource {
    reader: hound::WavReader<BufReader<File>>,
    name: String,
    spec: hound::WavSpec,
    /// Frames in the file (at its own rate).
    in_frames: u64,
    /// Frames this source gives (at 44.1 kHz).
    out_frames: u64,
    /// Frames given so far.
    given: u64,
    /// Resampling window: input frames `window_at` and `window_at + 1`.
    window: [(i32, i32); 2],
    window_at: Option<u64>,
    notes: Vec<String>,
    error: Option<String>,
}

impl std::fmt::Debug for WavSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WavSource")
            .field("name", &self.name)
            .field("spec", &self.spec)
            .field("out_frames", &self.out_frames)
            .finish()
    }
}

impl WavSource {
    /// Open `path`; refuses what it cannot play, with a message naming the file.
    pub fn open(path: &Path) -> Result<Self, String> {
        let name = path.display().to_string();
        let file = File::open(path).map_err(|e| format!("cannot open {name}: {e}"))?;
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(format!("cannot read {name}: it is a directory"));
        }
        let reader = hound::WavReader::new(BufReader::new(file)).map_err(|e| match e {
            hound::Error::FormatError(why) => {
                format!("cannot read {name}: not a WAV file we can read ({why})")
            }
            hound::Error::Unsupported => {
                format!("cannot read {name}: a WAV encoding hound does not support (only PCM and 32-bit float)")
            }
            hound::Error::IoError(e) => format!("cannot read {name}: {e}"),
            e => format!("cannot read {name}: {e}"),
        })?;
        let spec = reader.spec();
        let in_frames = u64::from(reader.duration());
        let mut notes = Vec::new();
        match spec.channels {
            0 => return Err(format!("cannot read {name}: it declares no channels")),
            1 => notes.push("mono: duplicated to both sides".to_string()),
            2 => {}
            n => notes.push(format!("{n} channels: kept the first two")),
        }
        match (spec.sample_format, spec.bits_per_sample) {
            (hound::SampleFormat::Int, 16) => {}
            (hound::SampleFormat::Int, b @ 1..=15) => {
                notes.push(format!(
                    "{b}-bit samples: scaled up to 16 bits (<< {})",
                    16 - b
                ));
            }
            (hound::SampleFormat::Int, b @ 17..=32) => {
                notes.push(format!(
                    "{b}-bit samples: scaled down to 16 bits (>> {})",
                    b - 16
                ));
            }
            (hound::SampleFormat::Float, 32) => {
                notes.push("32-bit float samples: scaled by 32768, rounded, clamped".to_string());
            }
            (f, b) => {
                return Err(format!(
                    "cannot read {name}: {b}-bit {} samples are not supported",
                    if f == hound::SampleFormat::Float {
                        "float"
                    } else {
                        "integer"
                    }
                ));
            }
        }
        if spec.sample_rate == 0 {
            return Err(format!(
                "cannot read {name}: it declares a sample rate of 0"
            ));
        }
        let out_frames = if in_frames == 0 {
            0
        } else if spec.sample_rate == FRAME_RATE {
            in_frames
        } else {
            notes.push(format!(
                "{} Hz: resampled linearly to {FRAME_RATE} Hz",
                spec.sample_rate
            ));
            (in_frames - 1) * u64::from(FRAME_RATE) / u64::from(spec.sample_rate) + 1
        };
        if out_frames == 0 {
            return Err(format!("cannot read {name}: it holds no audio frames"));
        }
        Ok(WavSource {
            reader,
            name,
            spec,
            in_frames,
            out_frames,
            given: 0,
            window: [(0, 0); 2],
            window_at: None,
            notes,
            error: None,
        })
    }

    /// What was done to make the file 16-bit stereo 44.1 kHz (empty: used as is).
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// The file's format.
    pub fn spec(&self) -> hound::WavSpec {
        self.spec
    }

    /// One input frame at the file's rate, as 16-bit values (in i32).
    fn read_frame(&mut self) -> Option<(i32, i32)> {
        if self.error.is_some() {
            return None;
        }
        let channels = self.spec.channels as usize;
        let bits = u32::from(self.spec.bits_per_sample);
        let mut lr = [0i32; 2];
        for c in 0..channels {
            let v = match self.spec.sample_format {
                hound::SampleFormat::Float => self.reader.samples::<f32>().next().map(|r| {
                    r.map(|x| (f64::from(x) * 32768.0).round().clamp(-32768.0, 32767.0) as i32)
                }),
                hound::SampleFormat::Int => self.reader.samples::<i32>().next().map(|r| {
                    r.map(|v| {
                        if bits <= 16 {
                            v << (16 - bits)
                        } else {
                            v >> (bits - 16)
                        }
                    })
                }),
            };
            match v {
                Some(Ok(v)) => {
                    if let Some(slot) = lr.get_mut(c) {
                        *slot = v;
                    }
                }
                Some(Err(e)) => {
                    self.error = Some(format!("{}: read error: {e}", self.name));
                    return None;
                }
                None => {
                    self.error = Some(format!(
                        "{}: the data ends early (a truncated file?)",
                        self.name
                    ));
                    return None;
                }
            }
        }
        if channels == 1 {
            lr[1] = lr[0];
        }
        Some((lr[0], lr[1]))
    }
}

impl Source for WavSource {
    fn next_frame(&mut self) -> Option<u32> {
        if self.given >= self.out_frames {
            return None;
        }
        let rate = u64::from(self.spec.sample_rate);
        let (l, r) = if rate == u64::from(FRAME_RATE) {
            self.read_frame()?
        } else {
            // Output frame i sits at input position i * rate / 44100.
            let num = self.given * rate;
            let idx = num / u64::from(FRAME_RATE);
            let frac = (num % u64::from(FRAME_RATE)) as i64;
            loop {
                match self.window_at {
                    Some(at) if at == idx => break,
                    Some(at) => {
                        self.window[0] = self.window[1];
                        self.window_at = Some(at + 1);
                        if at + 2 < self.in_frames {
                            self.window[1] = self.read_frame()?;
                        }
                    }
                    None => {
                        self.window[0] = self.read_frame()?;
                        self.window[1] = if self.in_frames > 1 {
                            self.read_frame()?
                        } else {
                            self.window[0]
                        };
                        self.window_at = Some(0);
                    }
                }
            }
            let lerp = |a: i32, b: i32| -> i32 {
                let d = i64::from(b - a) * frac;
                a + (d + i64::from(FRAME_RATE / 2)).div_euclid(i64::from(FRAME_RATE)) as i32
            };
            let [(l0, r0), (l1, r1)] = self.window;
            (lerp(l0, l1), lerp(r0, r1))
        };
        self.given += 1;
        Some(frame(
            l.clamp(-32768, 32767) as i16,
            r.clamp(-32768, 32767) as i16,
        ))
    }

    fn frames(&self) -> Option<u64> {
        Some(self.out_frames)
    }

    fn describe(&self) -> String {
        let s = self.spec;
        let mut d = format!(
            "{}: {}-bit {} {} Hz, {} channel{}, {:.2} s",
            self.name,
            s.bits_per_sample,
            if s.sample_format == hound::SampleFormat::Float {
                "float"
            } else {
                "PCM"
            },
            s.sample_rate,
            s.channels,
            if s.channels == 1 { "" } else { "s" },
            self.out_frames as f64 / f64::from(FRAME_RATE)
        );
        if self.notes.is_empty() {
            d.push_str(" (used as is)");
        } else {
            d.push_str(&format!(" (converted: {})", self.notes.join("; ")));
        }
        d
    }

    fn error(&self) -> Option<String> {
        self.error.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples;

    fn write_wav(
        name: &str,
        spec: hound::WavSpec,
        body: impl FnOnce(&mut hound::WavWriter<std::io::BufWriter<File>>),
    ) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("sound-io-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        let mut w = hound::WavWriter::create(&path, spec).unwrap();
        body(&mut w);
        w.finalize().unwrap();
        path
    }

    fn spec(channels: u16, rate: u32, bits: u16, float: bool) -> hound::WavSpec {
        hound::WavSpec {
            channels,
            sample_rate: rate,
            bits_per_sample: bits,
            sample_format: if float {
                hound::SampleFormat::Float
            } else {
                hound::SampleFormat::Int
            },
        }
    }

    fn all(s: &mut dyn Source) -> Vec<(i16, i16)> {
        std::iter::from_fn(|| s.next_frame()).map(samples).collect()
    }

    #[test]
    fn cd_format_is_used_as_is() {
        let p = write_wav("cd.wav", spec(2, 44_100, 16, false), |w| {
            for i in 0..1000i32 {
                w.write_sample((i * 37 - 20000) as i16).unwrap();
                w.write_sample(-(i as i16)).unwrap();
            }
        });
        let mut s = WavSource::open(&p).unwrap();
        assert!(s.notes().is_empty());
        assert_eq!(s.frames(), Some(1000));
        let f = all(&mut s);
        assert_eq!(f.len(), 1000);
        assert_eq!(f[999], ((999 * 37 - 20000) as i16, -999));
        assert!(s.describe().contains("used as is"));
        assert_eq!(s.error(), None);
    }

    #[test]
    fn mono_8_bit_and_24_bit_and_float_are_converted() {
        let p = write_wav("m8.wav", spec(1, 44_100, 8, false), |w| {
            for v in [-128i8, 0, 127] {
                w.write_sample(v).unwrap();
            }
        });
        let mut s = WavSource::open(&p).unwrap();
        assert_eq!(all(&mut s), vec![(-32768, -32768), (0, 0), (32512, 32512)]);
        assert_eq!(s.notes().len(), 2, "{:?}", s.notes());

        let p = write_wav("s24.wav", spec(2, 44_100, 24, false), |w| {
            w.write_sample(0x7F_FFFF).unwrap();
            w.write_sample(-0x80_0000).unwrap();
        });
        let mut s = WavSource::open(&p).unwrap();
        assert_eq!(all(&mut s), vec![(32767, -32768)]);

        let p = write_wav("f32.wav", spec(2, 44_100, 32, true), |w| {
            for v in [0.5f32, -1.0, 2.0, -0.25] {
                w.write_sample(v).unwrap();
            }
        });
        let mut s = WavSource::open(&p).unwrap();
        assert_eq!(all(&mut s), vec![(16384, -32768), (32767, -8192)]);
        assert!(s.describe().contains("float"), "{}", s.describe());

        let p = write_wav("q.wav", spec(4, 44_100, 16, false), |w| {
            for v in [1i16, 2, 3, 4, 5, 6, 7, 8] {
                w.write_sample(v).unwrap();
            }
        });
        let mut s = WavSource::open(&p).unwrap();
        assert_eq!(all(&mut s), vec![(1, 2), (5, 6)]);
    }

    #[test]
    fn other_rates_are_resampled_linearly() {
        // 22050 Hz: every input frame, with the midpoint between.
        let p = write_wav("r22.wav", spec(2, 22_050, 16, false), |w| {
            for v in [0i16, 1000, -1000] {
                w.write_sample(v).unwrap();
                w.write_sample(v).unwrap();
            }
        });
        let mut s = WavSource::open(&p).unwrap();
        assert_eq!(s.frames(), Some(5));
        let l: Vec<i16> = all(&mut s).into_iter().map(|f| f.0).collect();
        assert_eq!(l, vec![0, 500, 1000, 0, -1000]);
        assert!(s.notes()[0].contains("resampled"));
        // 48 kHz: one second in, one second out (to the frame).
        let p = write_wav("r48.wav", spec(2, 48_000, 16, false), |w| {
            for i in 0..48_000 {
                w.write_sample((i % 100) as i16).unwrap();
                w.write_sample(0i16).unwrap();
            }
        });
        let mut s = WavSource::open(&p).unwrap();
        assert_eq!(all(&mut s).len(), 44_100);
    }

    #[test]
    fn unreadable_files_are_refused_with_their_name() {
        let e = WavSource::open(Path::new("/nonexistent/x.wav")).unwrap_err();
        assert!(
            e.contains("/nonexistent/x.wav") && e.contains("cannot open"),
            "{e}"
        );
        let dir = std::env::temp_dir().join(format!("sound-io-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("not.wav");
        std::fs::write(&p, b"ID3 this is an mp3, honest").unwrap();
        let e = WavSource::open(&p).unwrap_err();
        assert!(e.contains("not a WAV file"), "{e}");
        let p = write_wav("empty.wav", spec(2, 44_100, 16, false), |_| {});
        let e = WavSource::open(&p).unwrap_err();
        assert!(e.contains("no audio frames"), "{e}");
        let e = WavSource::open(&dir).unwrap_err();
        assert!(e.contains("directory") || e.contains("cannot"), "{e}");
    }

    #[test]
    fn tone_is_a_sine() {
        let mut t = Tone::new(441.0, 0.5);
        let f: Vec<i16> = (0..100)
            .map(|_| samples(t.next_frame().unwrap()).0)
            .collect();
        assert_eq!(f[0], 0);
        assert_eq!(f[25], 16384, "a quarter period at 441 Hz is 25 frames");
        assert_eq!(f[50], 0);
        assert_eq!(f[75], -16384);
    }
}
