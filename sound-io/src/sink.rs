//! Sinks: where the DA-OUT frames go.
//!
//! - [`WavSink`]: a 16-bit stereo 44.1 kHz WAV file (`hound`).
//! - [`NullSink`]: nowhere (the frames are still counted by the device).
//! - [`MemorySink`]: a shared vector (tests).
//! - [`Tee`]: several sinks at once (live audio and a file).
//! - `live::LiveSink` (feature `live-audio`): the host's audio device.
//!
//! A sink only ever receives the frames the emulated DA channel plays; a live sink
//! reports how many frames it holds that the device has not played yet
//! ([`Sink::backlog`]), which is what a run paces emulated time by.
use crate::{FRAME_RATE, samples};
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A consumer of DA-OUT frames.
pub trait Sink {
    /// One frame, in play order.
    fn push(&mut self, frame: u32);
    /// Frames accepted but not played yet, for sinks that play in real time (`None`: the
    /// sink takes frames as fast as they come).
    fn backlog(&self) -> Option<usize> {
        None
    }
    /// Frames a real-time sink had to play as silence because the emulator was late
    /// (host underruns; not the guest's overruns).
    fn underruns(&self) -> Option<u64> {
        None
    }
    /// Flush and close (play out what is buffered, write the file's header).
    fn finish(&mut self) -> Result<(), String> {
        Ok(())
    }
    /// A short description for reports ("out.wav", "the default audio device", ...).
    fn describe(&self) -> String;
}

/// Frames go nowhere.
#[derive(Debug, Clone, Copy, Default)]
pub struct NullSink;

impl Sink for NullSink {
    fn push(&mut self, _frame: u32) {}
    fn describe(&self) -> String {
        "nowhere".into()
    }
}

/// Frames collected in a shared vector.
#[derive(Debug, Clone, Default)]
pub struct MemorySink(pub Arc<Mutex<Vec<u32>>>);

impl MemorySink {
    /// A copy of the frames so far.
    pub fn frames(&self) -> Vec<u32> {
        self.0.lock().expect("sink lock").clone()
    }
}

impl Sink for MemorySink {
    fn push(&mut self, frame: u32) {
        self.0.lock().expect("sink lock").push(frame);
    }
    fn describe(&self) -> String {
        "memory".into()
    }
}

/// The WAV spec of everything the device plays: 16-bit stereo PCM at 44.1 kHz.
pub fn cd_spec() -> hound::WavSpec {
    hound::WavSpec {
        channels: 2,
        sample_rate: FRAME_RATE,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    }
}

/// A 16-bit stereo 44.1 kHz WAV file.
pub struct WavSink {
    path: PathBuf,
    writer: Option<hound::WavWriter<BufWriter<File>>>,
    frames: u64,
    error: Option<String>,
}

impl WavSink {
    /// Create (or truncate) `path`.
    pub fn create(path: &Path) -> Result<Self, String> {
        let writer = hound::WavWriter::create(path, cd_spec())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(WavSink {
            path: path.to_path_buf(),
            writer: Some(writer),
            frames: 0,
            error: None,
        })
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Sink for WavSink {
    fn push(&mut self, frame: u32) {
        let Some(w) = self.writer.as_mut() else {
            return;
        };
        let (l, r) = samples(frame);
        if let Err(e) = w.write_sample(l).and_then(|()| w.write_sample(r)) {
            self.error = Some(format!("cannot write {}: {e}", self.path.display()));
            self.writer = None;
            return;
        }
        self.frames += 1;
    }

    fn finish(&mut self) -> Result<(), String> {
        if let Some(w) = self.writer.take()
            && let Err(e) = w.finalize()
        {
            self.error
                .get_or_insert(format!("cannot write {}: {e}", self.path.display()));
        }
        match &self.error {
            Some(e) => Err(e.clone()),
            None => Ok(()),
        }
    }

    fn describe(&self) -> String {
        self.path.display().to_string()
    }
}

/// Every frame to each of several sinks.
pub struct Tee(pub Vec<Box<dyn Sink>>);

impl Sink for Tee {
    fn push(&mut self, frame: u32) {
        for s in &mut self.0 {
            s.push(frame);
        }
    }
    fn backlog(&self) -> Option<usize> {
        self.0.iter().filter_map(|s| s.backlog()).max()
    }
    fn underruns(&self) -> Option<u64> {
        self.0.iter().filter_map(|s| s.underruns()).max()
    }
    fn finish(&mut self) -> Result<(), String> {
        let mut errors = Vec::new();
        for s in &mut self.0 {
            if let Err(e) = s.finish() {
                errors.push(e);
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors.join("; "))
        }
    }
    fn describe(&self) -> String {
        self.0
            .iter()
            .map(|s| s.describe())
            .collect::<Vec<_>>()
            .join(" and ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame;

    #[test]
    fn wav_sink_round_trip() {
        let dir = std::env::temp_dir().join(format!("sound-io-sink-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("out.wav");
        let mut s = WavSink::create(&p).unwrap();
        for i in 0..100i16 {
            s.push(frame(i, -i));
        }
        s.push(frame(i16::MIN, i16::MAX));
        s.finish().unwrap();
        let mut r = hound::WavReader::open(&p).unwrap();
        assert_eq!(r.spec(), cd_spec());
        let v: Vec<i16> = r.samples::<i16>().map(Result::unwrap).collect();
        assert_eq!(v.len(), 202);
        assert_eq!(&v[198..], &[99, -99, i16::MIN, i16::MAX]);
        let e = WavSink::create(Path::new("/nonexistent/dir/out.wav"))
            .err()
            .unwrap();
        assert!(e.contains("/nonexistent/dir/out.wav"), "{e}");
    }

    #[test]
    fn tee_feeds_all() {
        let a = MemorySink::default();
        let b = MemorySink::default();
        let mut t = Tee(vec![Box::new(a.clone()), Box::new(b.clone())]);
        t.push(3);
        t.finish().unwrap();
        assert_eq!((a.frames(), b.frames()), (vec![3], vec![3]));
        assert_eq!(t.describe(), "memory and memory");
    }
}
