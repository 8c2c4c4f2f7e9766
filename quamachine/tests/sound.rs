//! Sound-IO on the board and `quamachine play` (issue 6): the registers through the bus,
//! the loopback (a 10-second generated clip through CD-IN, the kernel's driver and CD
//! player, and DA-OUT to a WAV file, equal sample for sample after the player's stated
//! latency, no overruns), overruns at a
//! lowered clock, the interrupt rate (60 s on the board's device, 1 s with the player
//! running), pacing by a real-time sink's fill level, and bad audio files.
mod common;

use common::{bare_board as board, board_at as at, quamachine, temp_file};
use emulator::{AccessSize, Machine};
use quamachine::board::SOUND_IRQ_LEVEL;
use quamachine::board::map::MemoryMap;
use quamachine::loader::{Image, LoadOptions, load_bytes};
use quamachine::play::{
    KERNEL_PLAYER_LATENCY_FRAMES, PLAYER_LATENCY_FRAMES, PlayConfig, PlayEnd, play,
};
use quamachine::session::RunConfig;
use sound_io::sink::{MemorySink, Sink};
use sound_io::source::{Frames, Silence};
use sound_io::{FRAME_RATE, frame};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BASE: u32 = 0xFFFF_0100;
const CONTROL: u32 = BASE;
const STATUS: u32 = BASE + 4;
const CD_DATA: u32 = BASE + 8;
const DA_DATA: u32 = BASE + 0x10;
const OVERRUN: u32 = BASE + 0x14;
const L: AccessSize = AccessSize::Long;

/// The player image, assembled from its source (the embedded copy lives in the binary).
fn player() -> Image {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../kernel-asm/sound/cdplay.s");
    let out = qasm::assemble_files(&[src], &qasm::Options::default())
        .unwrap_or_else(|d| panic!("cdplay.s does not assemble:\n{d}"));
    load_bytes(
        &out.elf,
        "cdplay",
        LoadOptions::default(),
        MemoryMap::new(16 << 20),
    )
    .expect("loads")
}

/// A varied stereo clip: white noise, a sine sweep against a square wave, full-scale
/// extremes, silence, independent left and right.
fn clip(seconds: u32) -> Vec<u32> {
    let n = (seconds * FRAME_RATE) as usize;
    let mut seed = 0x1234_5678u32;
    let mut noise = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed as i16
    };
    (0..n)
        .map(|i| {
            let t = i as f64 / f64::from(FRAME_RATE);
            match (i / 22_050) % 4 {
                0 => frame(noise(), noise()),
                1 => {
                    let f = 200.0 + 2000.0 * t;
                    let l = (20_000.0 * (std::f64::consts::TAU * f * t).sin()) as i16;
                    let r = if (i / 37) % 2 == 0 { 12_000 } else { -12_000 };
                    frame(l, r)
                }
                2 => match i % 3 {
                    0 => frame(i16::MIN, i16::MAX),
                    1 => frame(i16::MAX, i16::MIN),
                    _ => frame(-1, 1),
                },
                _ if i % 1000 < 500 => frame(0, 0),
                _ => frame(noise() / 8, (i % 65_536) as u16 as i16),
            }
        })
        .collect()
}

fn write_wav(name: &str, frames: &[u32]) -> PathBuf {
    let path = temp_file(name, b"");
    let mut w = hound::WavWriter::create(&path, sound_io::sink::cd_spec()).unwrap();
    for &f in frames {
        let (l, r) = sound_io::samples(f);
        w.write_sample(l).unwrap();
        w.write_sample(r).unwrap();
    }
    w.finalize().unwrap();
    path
}

fn read_wav(path: &PathBuf) -> Vec<u32> {
    let mut r = hound::WavReader::open(path).expect("output WAV");
    assert_eq!(r.spec(), sound_io::sink::cd_spec());
    let s: Vec<i16> = r.samples::<i16>().map(Result::unwrap).collect();
    s.chunks(2).map(|c| frame(c[0], c[1])).collect()
}

/// The number after `label` in the report.
fn number_after(text: &str, label: &str) -> u64 {
    let at = text
        .find(label)
        .unwrap_or_else(|| panic!("no `{label}` in:\n{text}"));
    text[at + label.len()..]
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or_else(|_| panic!("no number after `{label}` in:\n{text}"))
}

#[test]
fn registers_through_the_bus() {
    let mut b = board();
    assert_eq!(b.interrupt_level(), 0);
    assert!(!b.can_wake());
    let clock = b.sound.frame_clock();
    b.sound.set_source(
        sound_io::Channel::Cd,
        Box::new(Frames::new(vec![0x1111_2222, 0x3333_4444])),
    );
    let sink = MemorySink::default();
    b.sound.set_sink(Box::new(sink.clone()));
    at(&mut b, 100);
    b.write(CONTROL, AccessSize::Byte, 5).unwrap(); // a narrow write: zero-extended
    assert_eq!(b.read(CONTROL, L), Ok(5));
    assert!(b.can_wake(), "the frame clock can wake a stopped CPU");
    let first = clock.first_after(100);
    assert_eq!(b.next_event(), Some(clock.due(first)));
    at(&mut b, clock.due(first) - 1);
    assert_eq!(b.interrupt_level(), 0);
    at(&mut b, clock.due(first));
    assert_eq!(b.interrupt_level(), SOUND_IRQ_LEVEL);
    assert_eq!(b.read(STATUS, L), Ok(5));
    assert_eq!(
        b.read(CD_DATA, AccessSize::Word),
        Ok(0x1111),
        "the left half"
    );
    assert_eq!(
        b.read(CD_DATA + 2, AccessSize::Word),
        Ok(0x2222),
        "the right half"
    );
    assert_eq!(
        b.interrupt_level(),
        SOUND_IRQ_LEVEL,
        "DA-OUT not yet touched"
    );
    b.write(DA_DATA, L, 0x1111_2222).unwrap();
    assert_eq!(b.interrupt_level(), 0, "acknowledged");
    assert_eq!(
        b.interrupt_acknowledge(SOUND_IRQ_LEVEL),
        None,
        "autovectored"
    );
    assert_eq!(b.sound.stats().interrupts_taken, 1);
    // The next period plays the frame; skipping one counts an overrun on each channel.
    at(&mut b, clock.due(first + 2));
    assert_eq!(b.read(OVERRUN, L), Ok(2));
    assert_eq!(sink.frames(), vec![0, 0x1111_2222, 0x1111_2222]);
    b.write(CONTROL, L, 0).unwrap();
    assert_eq!((b.interrupt_level(), b.next_event()), (0, None));
}

#[test]
fn sixty_emulated_seconds_are_2_646_000_interrupts() {
    // The board's device, driven as the CPU drives it (a boundary at each event, the
    // handler's two accesses), over 60 s of emulated time at 25 MHz.
    let mut b = board();
    b.write(CONTROL, L, 1).unwrap();
    let start = b.next_event().unwrap();
    let end = start + 60 * 25_000_000;
    let mut interrupts = 0u64;
    while let Some(t) = b.next_event().filter(|&t| t < end) {
        at(&mut b, t);
        assert_eq!(b.interrupt_level(), SOUND_IRQ_LEVEL);
        b.interrupt_acknowledge(SOUND_IRQ_LEVEL);
        b.read(CD_DATA, L).unwrap();
        interrupts += 1;
    }
    assert_eq!(interrupts, 60 * 44_100);
    assert_eq!(b.sound.stats().interrupts_taken, 60 * 44_100);
    assert_eq!(b.read(OVERRUN, L), Ok(0));
}

fn config(clock_mhz: f64, frames: Option<u64>) -> PlayConfig {
    PlayConfig {
        run: RunConfig {
            clock_mhz,
            ..RunConfig::default()
        },
        max_frames: frames,
        progress: false,
        latency_frames: PLAYER_LATENCY_FRAMES,
    }
}

#[test]
fn one_emulated_second_with_the_player_is_44_100_interrupts() {
    let sink = MemorySink::default();
    let o = play(
        &player(),
        config(25.0, Some(44_100)),
        Box::new(Silence),
        Box::new(Silence),
        Box::new(sink.clone()),
        Box::new(std::io::sink()),
    );
    assert_eq!(o.end, PlayEnd::Finished);
    assert_eq!(o.stats.periods, 44_100);
    assert_eq!(o.stats.interrupts_taken, 44_100);
    assert_eq!(sink.frames().len(), 44_100);
    assert_eq!(o.stats.overruns(), 0);
    // The 44 100 periods span exactly one emulated second: the first fell just after
    // the player turned the channels on, the last one second of clocks later, less a
    // period (to within the clock the CPU was at when it looked).
    let period = 25_000_000 / 44_100;
    let first_clock = o.clocks - (25_000_000 - period as u64);
    assert!(
        first_clock < 2_000,
        "boot takes a few hundred clocks, not {first_clock}"
    );
    // Every interrupt but the last was timed, at the Figure 3.6 handler's cost.
    assert_eq!(o.handler.count(), 44_099);
    let (min, med) = (o.handler.min().unwrap(), o.handler.median().unwrap());
    assert!((60..400).contains(&min) && min <= med, "{min} {med}");
}

#[test]
fn a_lowered_clock_overruns_and_says_so() {
    // At 2 MHz a frame period is 45 clocks; the handler needs three times that.
    let sink = MemorySink::default();
    let input: Vec<u32> = (1..=4410).collect();
    let o = play(
        &player(),
        config(2.0, None),
        Box::new(Frames::new(input.clone())),
        Box::new(Silence),
        Box::new(sink.clone()),
        Box::new(std::io::sink()),
    );
    assert_eq!(o.end, PlayEnd::Finished);
    let s = o.stats;
    assert!(s.cd_lost > 1000 && s.da_missed > 1000, "{s:?}");
    assert_eq!(u64::from(o.overrun_register), s.overruns());
    // Never silently dropped: every period played a frame, and every CD frame was
    // either read (and played) or counted as lost.
    let out = sink.frames();
    assert_eq!(out.len() as u64, 4410 + PLAYER_LATENCY_FRAMES);
    let mut distinct = out.clone();
    distinct.dedup();
    let played_new = distinct.iter().filter(|&&f| f != 0).count() as u64;
    assert_eq!(played_new + s.cd_lost, 4410, "read + lost = all CD frames");
    assert_eq!(
        out.len() as u64 - 1,
        played_new + s.da_missed,
        "new + repeats"
    );

    // The same through the command line: the report says so.
    let input = write_wav("slow.wav", &clip(1));
    let r = quamachine(
        &[
            "play",
            input.to_str().unwrap(),
            "--clock-mhz",
            "2",
            "--seconds",
            "0.5",
        ],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let overruns = number_after(&r.stderr, "overruns:");
    assert!(overruns > 10_000, "{}", r.stderr);
    assert_eq!(
        number_after(&r.stderr, "OVERRUN register"),
        overruns,
        "{}",
        r.stderr
    );
}

#[test]
fn loopback_ten_seconds_sample_for_sample() {
    // The device and a one-frame player (`cdplay`, Figure 3.6 style, everything in the
    // handler): ten seconds of varied content, equal sample for sample after exactly one
    // frame, no overruns.
    let input = clip(10);
    let sink = MemorySink::default();
    let o = play(
        &player(),
        config(25.0, None),
        Box::new(Frames::new(input.clone())),
        Box::new(Silence),
        Box::new(sink.clone()),
        Box::new(std::io::sink()),
    );
    assert_eq!(o.end, PlayEnd::Finished);
    assert_eq!(o.stats.overruns(), 0, "{:?}", o.stats);
    let out = sink.frames();
    let lat = PLAYER_LATENCY_FRAMES as usize;
    assert_eq!(out.len(), input.len() + lat);
    assert!(out[..lat].iter().all(|&f| f == 0));
    if let Some(i) = (0..input.len()).find(|&i| out[i + lat] != input[i]) {
        panic!("frame {i}: in {:08X}, out {:08X}", input[i], out[i + lat]);
    }
}

#[test]
fn kernel_player_loopback_through_wav_files() {
    // `quamachine play`: the Synthesis kernel, its synthesized Sound-IO handler (DA-OUT's
    // frame out, CD-IN's frame in, DA-OUT's advance), the cd and speaker devices and the
    // CD player thread, WAV in and WAV out. Ten seconds of varied content at 25 MHz
    // (about 6 s in the test profile): equal sample for sample after the player's stated
    // latency, no overruns, one interrupt per frame period.
    let input = clip(10);
    let in_path = write_wav("loop-in.wav", &input);
    let out_path = temp_file("loop-out.wav", b"");
    let r = quamachine(
        &[
            "play",
            in_path.to_str().unwrap(),
            "--out",
            out_path.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("used as is"), "{}", r.stderr);
    assert_eq!(number_after(&r.stderr, "overruns:"), 0, "{}", r.stderr);
    assert_eq!(
        number_after(&r.stderr, "OVERRUN register"),
        0,
        "{}",
        r.stderr
    );
    assert_eq!(
        number_after(&r.stderr, "interrupts:"),
        input.len() as u64 + KERNEL_PLAYER_LATENCY_FRAMES
    );
    let out = read_wav(&out_path);
    let lat = KERNEL_PLAYER_LATENCY_FRAMES as usize;
    assert_eq!(out.len(), input.len() + lat);
    assert!(
        out[..lat].iter().all(|&f| f == 0),
        "silence during the latency"
    );
    if let Some(i) = (0..input.len()).find(|&i| out[i + lat] != input[i]) {
        panic!("frame {i}: in {:08X}, out {:08X}", input[i], out[i + lat]);
    }
}

/// A sink that plays in real time: it drains at 44.1 kHz of wall time.
struct RealTime {
    pushed: Arc<Mutex<u64>>,
    start: Option<Instant>,
}

impl Sink for RealTime {
    fn push(&mut self, _frame: u32) {
        self.start.get_or_insert_with(Instant::now);
        *self.pushed.lock().unwrap() += 1;
    }
    fn backlog(&self) -> Option<usize> {
        let played = self
            .start
            .map_or(0.0, |s| s.elapsed().as_secs_f64() * f64::from(FRAME_RATE))
            as u64;
        Some(self.pushed.lock().unwrap().saturating_sub(played) as usize)
    }
    fn describe(&self) -> String {
        "a real-time sink".into()
    }
}

#[test]
fn a_real_time_sink_paces_emulated_time() {
    let pushed = Arc::new(Mutex::new(0));
    let sink = RealTime {
        pushed: pushed.clone(),
        start: None,
    };
    let started = Instant::now();
    let o = play(
        &player(),
        config(25.0, Some(FRAME_RATE as u64)),
        Box::new(Silence),
        Box::new(Silence),
        Box::new(sink),
        Box::new(std::io::sink()),
    );
    let took = started.elapsed();
    assert_eq!(o.end, PlayEnd::Finished);
    // One second of audio, of which at most the pacing mark (0.25 s) plus a slice is
    // ahead of the sink when the run ends.
    assert!(took >= Duration::from_millis(700), "took {took:?}");
    assert!(*pushed.lock().unwrap() >= u64::from(FRAME_RATE));
}

#[test]
fn bad_audio_files_are_refused_clearly() {
    let r = quamachine(&["play", "/nonexistent/song.wav"], b"");
    assert_eq!(r.code, 120);
    assert!(
        r.stderr.contains("/nonexistent/song.wav") && r.stderr.contains("cannot open"),
        "{}",
        r.stderr
    );
    let mp3 = temp_file("song.mp3", b"ID3\x04\x00 not a wave file at all");
    let r = quamachine(&["play", mp3.to_str().unwrap()], b"");
    assert_eq!(r.code, 120);
    assert!(r.stderr.contains("not a WAV file"), "{}", r.stderr);
    let wav = write_wav("ok.wav", &clip(1));
    let r = quamachine(
        &[
            "play",
            wav.to_str().unwrap(),
            "--out",
            "/nonexistent/dir/out.wav",
        ],
        b"",
    );
    assert_eq!(r.code, 124, "{}", r.stderr);
    assert!(
        r.stderr.contains("/nonexistent/dir/out.wav"),
        "{}",
        r.stderr
    );
}

#[test]
fn live_without_a_device_falls_back_to_a_file() {
    // No audio device here (or a build without the feature): one line, then a WAV file.
    let out = temp_file("live.wav", b"");
    let r = quamachine(
        &[
            "play",
            "--live",
            "--seconds",
            "0.2",
            "--out",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    if r.stderr.contains("no live audio") {
        let line = r
            .stderr
            .lines()
            .find(|l| l.contains("no live audio"))
            .unwrap();
        assert!(line.contains(out.to_str().unwrap()), "{line}");
        assert!(!r.stderr.contains("ALSA lib"), "ALSA noise:\n{}", r.stderr);
        assert_eq!(read_wav(&out).len(), 8820);
    }
}

#[test]
fn the_driver_refuses_bad_calls_and_rewrites_its_handler() {
    // Image ksound (kernel-asm/user/soundtest.s): bad buffers and a second waiter are
    // refused, a read blocks until CD-IN has a block, and turning the channels on and
    // off rewrites the handler: Figure 3.5 for CD-IN alone (save a0, the P+D move, the
    // block-end test, restore), then the empty set again. Both threads end; the kernel
    // halts with 0.
    let r = quamachine(
        &["run", "--embedded", "ksound", "--max-cycles", "100000000"],
        b"",
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    for line in [
        "reader: buffer outside the region: -1",
        "reader: wrong length: -1",
        "second: read while the reader waits: -1",
        "reader: read 4096",
        "reader: speaker write 4096",
        "reader: channels off: 0",
        "kernel: all threads done",
    ] {
        assert!(r.stdout.contains(line), "no `{line}` in:\n{}", r.stdout);
    }
    let after = &r.stdout[r.stdout.find("kernel: all threads done").unwrap()..];
    let head = after.find("synth: snd_head").expect("the handler rebuilt");
    let cd = after.find("synth: snd_cd (CD-IN frame to P+D, Figure 3.5) at $32842: 28 bytes");
    assert!(cd.is_some_and(|c| c > head), "{after}");
    assert_eq!(
        after.matches("synth: snd_head").count(),
        2,
        "on, then off: {after}"
    );
    assert_eq!(after.matches("synth: snd_tail").count(), 2, "{after}");
}
