//! `quamachine play`: options, the source and the sink, running the embedded player
//! (`cdplayer`: the Synthesis kernel with its Sound-IO driver and `kernel-asm/user/cdplayer.s`)
//! through `quamachine::play`, and the closing
//! report (what was played where, emulated and host time, interrupt statistics,
//! overruns).
use quamachine::board::map::MemoryMap;
use quamachine::loader::{self, LoadOptions};
use quamachine::play::{self, KERNEL_PLAYER_LATENCY_FRAMES, PlayConfig, PlayEnd, PlayOutcome};
use quamachine::report::exit_code;
use quamachine::session::RunConfig;
use sound_io::music::{DEMO_NAME, demo_clip};
use sound_io::sink::{NullSink, Tee, WavSink};
use sound_io::source::{Frames, Tone, WavSource};
use sound_io::{FRAME_RATE, Sink, Source};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The embedded player image.
const PLAYER: &str = "cdplayer";
/// Where `--live` writes when there is no audio device and no `--out`.
const FALLBACK_WAV: &str = "quamachine-play.wav";

const EXIT_CODES: &str = "\
Exit codes:
  0     the clip was played
  1     the guest did not play (DA-OUT never produced the clip)
  120   the audio file cannot be read, or the player image cannot be loaded
  122   double bus fault in the guest
  123   unhandled exception in the guest
  124   the output WAV file cannot be written
  125   the guest stopped with nothing to wake it
  126   the display window was closed before the end of the clip
  other the guest wrote HALT (its low byte)";

fn parse_mhz(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(f) if (1.0..=50.0).contains(&f) => Ok(f),
        _ => Err(format!("`{s}`: the clock must be 1 to 50 MHz")),
    }
}

fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(f) if f > 0.0 && f <= 86_400.0 => Ok(f),
        _ => Err(format!(
            "`{s}`: give a number of seconds above 0 (at most a day)"
        )),
    }
}

fn parse_tone(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(f) if f > 0.0 && f < 22_050.0 => Ok(f),
        _ => Err(format!(
            "`{s}`: the tone must be above 0 and below 22050 Hz"
        )),
    }
}

/// Arguments of `quamachine play`.
#[derive(clap::Args)]
#[command(after_help = EXIT_CODES)]
pub struct PlayArgs {
    /// A WAV file for CD-IN (16-bit stereo 44.1 kHz is used as is; other rates, channel
    /// counts and sample formats are converted, and the report says how). Without it: a
    /// generated demo clip.
    pub audio: Option<PathBuf>,
    /// Write DA-OUT to this WAV file (16-bit stereo 44.1 kHz).
    #[arg(long, value_name = "FILE.wav")]
    pub out: Option<PathBuf>,
    /// Play DA-OUT on the host's audio device, at real speed (needs a build with the
    /// `live-audio` feature). Without a device it says so and writes a WAV file instead.
    #[arg(long)]
    pub live: bool,
    /// Play at most this many seconds.
    #[arg(long, value_name = "N", value_parser = parse_seconds)]
    pub seconds: Option<f64>,
    /// CPU clock in MHz (1 to 50): a Sound-IO frame period is clock/44100 clocks.
    #[arg(long, value_name = "F", default_value = "25", value_parser = parse_mhz)]
    pub clock_mhz: f64,
    /// Wait states of every RAM bus cycle.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(0..=64))]
    pub wait_states: u32,
    /// The tone AD-IN hears, in Hz (the player leaves AD-IN off).
    #[arg(long, value_name = "HZ", default_value = "440", value_parser = parse_tone)]
    pub ad_tone: f64,
    /// No progress line.
    #[arg(long, short)]
    pub quiet: bool,
    /// The window and screenshot options (the kernel's console is on the screen).
    #[command(flatten)]
    pub display: quamachine::screen::DisplayArgs,
}

/// The sink the options ask for; the message line (if any) is printed by the caller.
fn make_sink(args: &PlayArgs) -> Result<(Box<dyn Sink>, Option<String>), String> {
    let wav = |p: &Path| WavSink::create(p).map(|s| Box::new(s) as Box<dyn Sink>);
    if args.live {
        match open_live() {
            Ok(live) => {
                let sink = match &args.out {
                    Some(p) => Box::new(Tee(vec![live, wav(p)?])) as Box<dyn Sink>,
                    None => live,
                };
                return Ok((sink, None));
            }
            Err(why) => {
                let path = args
                    .out
                    .clone()
                    .unwrap_or_else(|| PathBuf::from(FALLBACK_WAV));
                let sink = wav(&path)?;
                let msg = format!(
                    "quamachine play: no live audio ({why}); writing {} instead",
                    path.display()
                );
                return Ok((sink, Some(msg)));
            }
        }
    }
    match &args.out {
        Some(p) => Ok((wav(p)?, None)),
        None => Ok((
            Box::new(NullSink),
            Some("quamachine play: DA-OUT goes nowhere (give --out FILE.wav or --live)".into()),
        )),
    }
}

#[cfg(feature = "live-audio")]
fn open_live() -> Result<Box<dyn Sink>, String> {
    sound_io::live::LiveSink::open().map(|s| Box::new(s) as Box<dyn Sink>)
}

#[cfg(not(feature = "live-audio"))]
fn open_live() -> Result<Box<dyn Sink>, String> {
    Err("this build has no live audio: build with `--features live-audio`".into())
}

/// Run `quamachine play`.
pub fn main(args: PlayArgs) -> ExitCode {
    // The source first: a bad file is refused before anything else happens.
    let source: Box<dyn Source> = match &args.audio {
        Some(path) => match WavSource::open(path) {
            Ok(s) => Box::new(s),
            Err(e) => {
                eprintln!("quamachine play: {e}");
                return ExitCode::from(exit_code::LOAD_ERROR);
            }
        },
        None => Box::new(Frames::named(demo_clip(), DEMO_NAME)),
    };
    let source_name = source.describe();
    let run = RunConfig {
        clock_mhz: args.clock_mhz,
        wait_states: args.wait_states,
        ..RunConfig::default()
    };
    let map = MemoryMap::new(run.ram_mib << 20);
    let image = match crate::embedded_image(PLAYER) {
        Some(bytes) => loader::load_bytes(
            bytes,
            &format!("<embedded {PLAYER}>"),
            LoadOptions::default(),
            map,
        )
        .map_err(|e| e.to_string()),
        None => Err(format!("this build has no embedded `{PLAYER}` image")),
    };
    let image = match image {
        Ok(i) => i,
        Err(e) => {
            eprintln!("quamachine play: {e}");
            return ExitCode::from(exit_code::LOAD_ERROR);
        }
    };
    let (sink, note) = match make_sink(&args) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("quamachine play: {e}");
            return ExitCode::from(exit_code::HOST_ERROR);
        }
    };
    if let Some(n) = note {
        eprintln!("{n}");
    }
    let sink_name = sink.describe();
    let config = PlayConfig {
        run,
        max_frames: args
            .seconds
            .map(|s| (s * f64::from(FRAME_RATE)).round().max(1.0) as u64),
        progress: !args.quiet && std::io::stderr().is_terminal(),
        latency_frames: KERNEL_PLAYER_LATENCY_FRAMES,
    };
    let mut screen = quamachine::screen::Screen::open(&args.display, args.clock_mhz);
    let outcome = play::play_with(
        &image,
        config,
        source,
        Box::new(Tone::new(args.ad_tone, 0.5)),
        sink,
        Box::new(std::io::stdout()),
        &mut screen,
    );
    eprint!(
        "{}",
        report(&outcome, &source_name, &sink_name, args.clock_mhz)
    );
    let mut code = match outcome.end {
        PlayEnd::Finished => 0,
        PlayEnd::WindowClosed => exit_code::WINDOW_CLOSED,
        PlayEnd::Halt(v) => v as u8,
        PlayEnd::DoubleFault { .. } => exit_code::DOUBLE_FAULT,
        PlayEnd::UnhandledException { .. } => exit_code::UNHANDLED_EXCEPTION,
        PlayEnd::StoppedForever { .. } => exit_code::STOPPED_FOREVER,
        PlayEnd::Stalled => 1,
    };
    for e in &screen.errors {
        eprintln!("quamachine play: {e}");
        code = exit_code::HOST_ERROR;
    }
    if let Some(e) = &outcome.sink_error {
        eprintln!("quamachine play: {e}");
        code = exit_code::HOST_ERROR;
    }
    ExitCode::from(code)
}

/// The closing report.
pub fn report(o: &PlayOutcome, source: &str, sink: &str, clock_mhz: f64) -> String {
    let rate = f64::from(FRAME_RATE);
    let s = &o.stats;
    let emulated = o.clocks as f64 / (clock_mhz * 1e6);
    let mut r = String::new();
    r.push_str(&format!("quamachine play: {source}\n"));
    let end = match o.end {
        PlayEnd::Finished => None,
        PlayEnd::WindowClosed => {
            Some("the display window was closed before the end of the clip".into())
        }
        PlayEnd::Halt(v) => Some(format!("the player halted with {v} before the end")),
        PlayEnd::DoubleFault { pc } => Some(format!("double bus fault at ${pc:08X}")),
        PlayEnd::UnhandledException { vector, pc } => Some(format!(
            "unhandled exception (vector {vector}) at ${pc:08X}"
        )),
        PlayEnd::StoppedForever { pc } => Some(format!(
            "the player stopped at ${pc:08X} with nothing to wake it"
        )),
        PlayEnd::Stalled => Some("the player did not play: DA-OUT never produced the clip".into()),
    };
    if let Some(e) = end {
        r.push_str(&format!("  ended:      {e}\n"));
    }
    if let Some(e) = &o.source_error {
        r.push_str(&format!("  warning:    {e}; the rest was silence\n"));
    }
    r.push_str(&format!(
        "  output:     {:.2} s ({} frames) to {sink}; DA-OUT is CD-IN {KERNEL_PLAYER_LATENCY_FRAMES} frames ({:.1} ms) late, silence first\n",
        o.frames_out as f64 / rate,
        o.frames_out,
        KERNEL_PLAYER_LATENCY_FRAMES as f64 * 1e3 / rate,
    ));
    r.push_str(&format!(
        "  emulated:   {emulated:.3} s at {clock_mhz} MHz ({} clocks, {} instructions) in {:.2} s (real-time factor {:.2}x)\n",
        o.clocks,
        o.instructions,
        o.host_seconds,
        emulated / o.host_seconds.max(1e-9),
    ));
    let us = |c: Option<u64>| c.map_or(0.0, |c| c as f64 / clock_mhz);
    let h = &o.handler;
    r.push_str(&format!(
        "  interrupts: {} taken, {} frame periods; clocks per interrupt: min {}, median {}, max {} ({:.2}, {:.2}, {:.2} µs)\n",
        s.interrupts_taken,
        s.periods,
        h.min().unwrap_or(0),
        h.median().unwrap_or(0),
        h.max().unwrap_or(0),
        us(h.min()),
        us(h.median()),
        us(h.max()),
    ));
    r.push_str(&format!(
        "  overruns:   {} (OVERRUN register {}: CD-IN lost {}, AD-IN lost {}, DA-OUT missed {})\n",
        s.overruns(),
        o.overrun_register,
        s.cd_lost,
        s.ad_lost,
        s.da_missed,
    ));
    if let Some(u) = o.host_underruns {
        r.push_str(&format!(
            "  live:       {u} host underruns (frames the audio device played as silence because the emulator was late)\n"
        ));
    }
    r
}
