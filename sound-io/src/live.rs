//! The live sink (feature `live-audio`): DA-OUT frames played on the host's default audio
//! output device through `cpal` (ALSA on Linux; building needs Debian's
//! `libasound2-dev`).
//!
//! The emulator pushes the frames the DA channel plays into a queue; the device's
//! callback only takes frames from that queue. It never makes samples of its own: while
//! the queue is priming (the first 50 ms) or when the emulator falls behind, it plays
//! silence, and the second case is counted as host underruns. [`Sink::backlog`] is the
//! queue's fill level: a run sleeps while it is above its mark, which paces emulated time
//! to the audio device's clock.
//!
//! ALSA's own diagnostics (its library error handler, and plugins that write to stderr
//! while the device is opened) are silenced, so a machine without a sound card gets one
//! line from the caller instead of a page of ALSA noise.
use crate::sink::Sink;
use crate::{FRAME_RATE, samples};
use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use cpal::{FromSample, SizedSample};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Frames the queue holds before the device starts taking them (50 ms).
const PRIME: usize = FRAME_RATE as usize / 20;
/// Frames gathered before they are handed to the queue (about 3 ms).
const BATCH: usize = 128;
/// The queue never holds more than this (2 s): a producer that gets that far ahead waits.
const CAPACITY: usize = 2 * FRAME_RATE as usize;

struct Shared {
    queue: Mutex<VecDeque<u32>>,
    primed: AtomicBool,
    finishing: AtomicBool,
    underruns: AtomicU64,
    error: Mutex<Option<String>>,
}

/// The host's default audio output device.
pub struct LiveSink {
    shared: Arc<Shared>,
    pending: Vec<u32>,
    stream: Option<cpal::Stream>,
    name: String,
}

/// Silence ALSA's library error handler for the rest of the process.
#[cfg(target_os = "linux")]
fn quiet_alsa() {
    use std::os::raw::{c_char, c_int};
    unsafe extern "C" fn quiet(
        _file: *const c_char,
        _line: c_int,
        _function: *const c_char,
        _err: c_int,
        _fmt: *const c_char,
    ) {
    }
    type Variadic =
        unsafe extern "C" fn(*const c_char, c_int, *const c_char, c_int, *const c_char, ...);
    // SAFETY: the handler ignores every argument; on the C ABIs Linux uses (x86-64 SysV,
    // AArch64 AAPCS64) a callee that names only the fixed arguments may be called through
    // a variadic pointer: the fixed arguments travel in the same registers either way.
    unsafe {
        let h = std::mem::transmute::<
            unsafe extern "C" fn(*const c_char, c_int, *const c_char, c_int, *const c_char),
            Variadic,
        >(quiet);
        alsa_sys::snd_lib_error_set_handler(Some(h));
    }
}

#[cfg(not(target_os = "linux"))]
fn quiet_alsa() {}

/// While alive, file descriptor 2 points at /dev/null (audio plugins that print while the
/// device is probed); restored on drop.
#[cfg(target_os = "linux")]
struct StderrMuted(Option<i32>);

#[cfg(target_os = "linux")]
impl StderrMuted {
    fn new() -> Self {
        use std::io::Write;
        let _ = std::io::stderr().flush();
        // SAFETY: plain descriptor calls on descriptors this function owns or on fd 2.
        unsafe {
            let null = libc::open(c"/dev/null".as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
            if null < 0 {
                return StderrMuted(None);
            }
            let saved = libc::fcntl(2, libc::F_DUPFD_CLOEXEC, 3);
            if saved < 0 {
                libc::close(null);
                return StderrMuted(None);
            }
            libc::dup2(null, 2);
            libc::close(null);
            StderrMuted(Some(saved))
        }
    }
}

#[cfg(target_os = "linux")]
impl Drop for StderrMuted {
    fn drop(&mut self) {
        if let Some(saved) = self.0 {
            // SAFETY: restores fd 2 from the copy made in `new`.
            unsafe {
                libc::dup2(saved, 2);
                libc::close(saved);
            }
        }
    }
}

#[cfg(not(target_os = "linux"))]
struct StderrMuted;

#[cfg(not(target_os = "linux"))]
impl StderrMuted {
    fn new() -> Self {
        StderrMuted
    }
}

impl LiveSink {
    /// Open the default output device at 44.1 kHz. The error says why not in a few words
    /// ("no audio output device", ...), for the caller's one-line fallback message.
    pub fn open() -> Result<Self, String> {
        quiet_alsa();
        let muted = StderrMuted::new();
        let opened = Self::open_device();
        drop(muted);
        opened
    }

    fn open_device() -> Result<Self, String> {
        let host = cpal::default_host();
        let device = host
            .default_output_device()
            .ok_or_else(|| "no audio output device".to_string())?;
        let name = device.name().unwrap_or_else(|_| "audio device".into());
        let ranges: Vec<_> = device
            .supported_output_configs()
            .map_err(|e| format!("audio device `{name}`: {e}"))?
            .collect();
        let rate = cpal::SampleRate(FRAME_RATE);
        let usable = |f: cpal::SampleFormat| {
            matches!(
                f,
                cpal::SampleFormat::I16 | cpal::SampleFormat::F32 | cpal::SampleFormat::U16
            )
        };
        let pick = ranges
            .iter()
            .filter(|r| r.min_sample_rate() <= rate && rate <= r.max_sample_rate())
            .filter(|r| usable(r.sample_format()) && r.channels() >= 1)
            // Prefer stereo, then 16-bit.
            .min_by_key(|r| {
                (
                    r.channels() != 2,
                    r.sample_format() != cpal::SampleFormat::I16,
                )
            })
            .ok_or_else(|| format!("{name} does not play 44.1 kHz 16-bit or float audio"))?;
        let supported = pick.with_sample_rate(rate);
        let format = supported.sample_format();
        let config: cpal::StreamConfig = supported.config();
        let shared = Arc::new(Shared {
            queue: Mutex::new(VecDeque::with_capacity(CAPACITY)),
            primed: AtomicBool::new(false),
            finishing: AtomicBool::new(false),
            underruns: AtomicU64::new(0),
            error: Mutex::new(None),
        });
        let stream = match format {
            cpal::SampleFormat::I16 => build::<i16>(&device, &config, shared.clone()),
            cpal::SampleFormat::F32 => build::<f32>(&device, &config, shared.clone()),
            _ => build::<u16>(&device, &config, shared.clone()),
        }
        .map_err(|e| format!("audio device `{name}`: {e}"))?;
        stream
            .play()
            .map_err(|e| format!("audio device `{name}`: {e}"))?;
        Ok(LiveSink {
            shared,
            pending: Vec::with_capacity(BATCH),
            stream: Some(stream),
            name,
        })
    }

    fn flush_pending(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        loop {
            let mut q = self.shared.queue.lock().expect("queue lock");
            if q.len() + self.pending.len() <= CAPACITY {
                q.extend(self.pending.drain(..));
                return;
            }
            drop(q);
            // The device is 2 s behind: wait for it (never drop frames).
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

fn build<T>(
    device: &cpal::Device,
    config: &cpal::StreamConfig,
    shared: Arc<Shared>,
) -> Result<cpal::Stream, cpal::BuildStreamError>
where
    T: SizedSample + FromSample<i16> + Send + 'static,
{
    let channels = usize::from(config.channels.max(1));
    let errors = shared.clone();
    device.build_output_stream(
        config,
        move |data: &mut [T], _: &cpal::OutputCallbackInfo| {
            let mut q = shared.queue.lock().expect("queue lock");
            if !shared.primed.load(Ordering::Relaxed) {
                if q.len() < PRIME && !shared.finishing.load(Ordering::Relaxed) {
                    data.fill(T::EQUILIBRIUM);
                    return;
                }
                shared.primed.store(true, Ordering::Relaxed);
            }
            let mut short = 0u64;
            for out in data.chunks_mut(channels) {
                let (l, r) = match q.pop_front() {
                    Some(f) => samples(f),
                    None => {
                        short += 1;
                        (0, 0)
                    }
                };
                out[0] = T::from_sample(l);
                if channels > 1 {
                    out[1] = T::from_sample(r);
                    for x in &mut out[2..] {
                        *x = T::EQUILIBRIUM;
                    }
                }
            }
            if short > 0 && !shared.finishing.load(Ordering::Relaxed) {
                shared.underruns.fetch_add(short, Ordering::Relaxed);
            }
        },
        move |e| {
            errors
                .error
                .lock()
                .expect("error lock")
                .get_or_insert(e.to_string());
        },
        None,
    )
}

impl Sink for LiveSink {
    fn push(&mut self, frame: u32) {
        self.pending.push(frame);
        if self.pending.len() >= BATCH {
            self.flush_pending();
        }
    }

    fn backlog(&self) -> Option<usize> {
        Some(self.shared.queue.lock().expect("queue lock").len() + self.pending.len())
    }

    fn underruns(&self) -> Option<u64> {
        Some(self.shared.underruns.load(Ordering::Relaxed))
    }

    fn finish(&mut self) -> Result<(), String> {
        self.flush_pending();
        self.shared.finishing.store(true, Ordering::Relaxed);
        // Play out what is queued (bounded: the queue's length in real time, plus slack).
        let left = self.shared.queue.lock().expect("queue lock").len();
        let deadline =
            Instant::now() + Duration::from_secs_f64(left as f64 / f64::from(FRAME_RATE) + 1.0);
        while Instant::now() < deadline && !self.shared.queue.lock().expect("queue lock").is_empty()
        {
            std::thread::sleep(Duration::from_millis(10));
        }
        // The device's own buffer.
        std::thread::sleep(Duration::from_millis(100));
        self.stream = None;
        match self.shared.error.lock().expect("error lock").clone() {
            Some(e) => Err(format!("{}: {e}", self.name)),
            None => Ok(()),
        }
    }

    fn describe(&self) -> String {
        format!("the audio device ({})", self.name)
    }
}
