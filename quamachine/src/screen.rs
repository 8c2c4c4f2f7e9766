//! The host side of the display: the `--display window|none|auto` and `--screenshot`
//! options ([`DisplayArgs`], shared by every subcommand that runs a guest), the window
//! (`minifb`, X11 only) refreshed from the run loop, and PNG screenshots (`png`).
//!
//! The run loop calls a [`Frontend`] between slices of emulated time, never per
//! instruction. The window is redrawn at most every [`REFRESH`] of host time; its title
//! shows the emulated time and the real-time factor; closing it stops the run. F12 in
//! the window writes a numbered screenshot. Without a usable display the window falls
//! back to none with one line on stderr. minifb needs a 24-bit X screen (it crashes on a
//! 16-bit one): under Xvfb use `xvfb-run -s "-screen 0 1280x1024x24"`.
use crate::board::Board;
use crate::board::display::{Display, SHOWN_HEIGHT, SHOWN_WIDTH};
use emulator::Counters;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How often the window is redrawn, in host time.
pub const REFRESH: Duration = Duration::from_millis(16);
/// How often the window title is rewritten, in host time.
const TITLE_REFRESH: Duration = Duration::from_millis(250);

/// Where the framebuffer is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum DisplayMode {
    /// A window when DISPLAY is set, stderr is a terminal and CI is not set; else none.
    #[default]
    Auto,
    /// A window (falls back to none, with one line on stderr, when it cannot open).
    Window,
    /// No window (screenshots still work).
    None,
}

/// The display options of a subcommand that runs a guest (`#[command(flatten)]`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DisplayArgs {
    /// Show the framebuffer's first 1024x768 pixels in a window (X11; a 24-bit screen).
    /// auto: a window when DISPLAY is set, stderr is a terminal and CI is not set.
    #[arg(long, value_enum, value_name = "MODE", default_value_t = DisplayMode::Auto)]
    pub display: DisplayMode,
    /// Write the shown 1024x768 pixels (through the palette) to this PNG file when the
    /// run ends. F12 in the window writes FILE-1.png, FILE-2.png, ...
    #[arg(long, value_name = "FILE.png")]
    pub screenshot: Option<PathBuf>,
}

impl DisplayArgs {
    /// Whether these options ask for a window, given the environment.
    pub fn wants_window(&self) -> bool {
        match self.display {
            DisplayMode::Window => true,
            DisplayMode::None => false,
            DisplayMode::Auto => {
                has_x_display()
                    && std::env::var_os("CI").is_none()
                    && std::io::stderr().is_terminal()
            }
        }
    }
}

fn has_x_display() -> bool {
    std::env::var_os("DISPLAY").is_some_and(|d| !d.is_empty())
}

/// What the host does with the display between slices of a run and at its end.
pub trait Frontend {
    /// Between slices of emulated time: show the framebuffer if it is time. Returning
    /// false stops the run (the window was closed).
    fn refresh(&mut self, _board: &Board, _counters: &Counters) -> bool {
        true
    }
    /// At the end of the run, before the board goes away (the screenshot).
    fn finish(&mut self, _board: &Board, _counters: &Counters) {}
}

/// No display at all.
pub struct NoFrontend;

impl Frontend for NoFrontend {}

/// Write the shown part of `framebuffer` through `display`'s palette as a 1024 × 768
/// 8-bit RGB PNG.
pub fn write_png(path: &Path, display: &Display, framebuffer: &[u8]) -> Result<(), String> {
    let what =
        |e: &dyn std::fmt::Display| format!("cannot write the screenshot {}: {e}", path.display());
    let file = std::fs::File::create(path).map_err(|e| what(&e))?;
    let mut enc = png::Encoder::new(
        std::io::BufWriter::new(file),
        SHOWN_WIDTH as u32,
        SHOWN_HEIGHT as u32,
    );
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut w = enc.write_header().map_err(|e| what(&e))?;
    w.write_image_data(&display.render_rgb24(framebuffer))
        .map_err(|e| what(&e))?;
    w.finish().map_err(|e| what(&e))
}

/// The display of a run: an optional window and an optional screenshot file.
pub struct Screen {
    window: Option<minifb::Window>,
    screenshot: Option<PathBuf>,
    clock_hz: f64,
    started: Instant,
    last_frame: Option<Instant>,
    last_title: Option<Instant>,
    pixels: Vec<u32>,
    shots: u32,
    /// Screenshots written so far.
    pub written: Vec<PathBuf>,
    /// Host errors (a screenshot that could not be written); the caller reports them.
    pub errors: Vec<String>,
}

impl Screen {
    /// Set up the display `args` ask for, on a CPU clocked at `clock_mhz`. A window that
    /// cannot open falls back to none with one line on stderr.
    pub fn open(args: &DisplayArgs, clock_mhz: f64) -> Screen {
        let window = if args.wants_window() {
            match open_window() {
                Ok(w) => Some(w),
                Err(e) => {
                    eprintln!("quamachine: {e}; no window (--display none)");
                    None
                }
            }
        } else {
            None
        };
        Screen {
            window,
            screenshot: args.screenshot.clone(),
            clock_hz: clock_mhz * 1e6,
            started: Instant::now(),
            last_frame: None,
            last_title: None,
            pixels: Vec::new(),
            shots: 0,
            written: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// Whether a window is open.
    pub fn has_window(&self) -> bool {
        self.window.is_some()
    }

    fn shoot(&mut self, path: PathBuf, board: &Board) -> bool {
        match write_png(&path, &board.display, board.framebuffer()) {
            Ok(()) => {
                self.written.push(path);
                true
            }
            Err(e) => {
                self.errors.push(e);
                false
            }
        }
    }

    /// The file name of the `n`-th F12 screenshot.
    fn key_shot_path(&self, n: u32) -> PathBuf {
        match &self.screenshot {
            Some(p) => {
                let stem = p
                    .file_stem()
                    .map_or("screenshot".into(), |s| s.to_string_lossy());
                p.with_file_name(format!("{stem}-{n}.png"))
            }
            None => PathBuf::from(format!("quamachine-screenshot-{n}.png")),
        }
    }
}

fn open_window() -> Result<minifb::Window, String> {
    if !has_x_display() {
        return Err("cannot open a window: no X display (DISPLAY is not set)".into());
    }
    let mut w = minifb::Window::new(
        "Quamachine",
        SHOWN_WIDTH,
        SHOWN_HEIGHT,
        minifb::WindowOptions::default(),
    )
    .map_err(|e| format!("cannot open a window: {e}"))?;
    // Never sleep in update(): the run loop paces the refreshes.
    w.set_target_fps(0);
    Ok(w)
}

impl Frontend for Screen {
    fn refresh(&mut self, board: &Board, counters: &Counters) -> bool {
        let Some(window) = self.window.as_mut() else {
            return true;
        };
        let now = Instant::now();
        if self.last_frame.is_some_and(|t| now - t < REFRESH) {
            return true;
        }
        self.last_frame = Some(now);
        if !window.is_open() {
            return false;
        }
        if self.last_title.is_none_or(|t| now - t >= TITLE_REFRESH) {
            self.last_title = Some(now);
            let emulated = counters.clocks as f64 / self.clock_hz;
            let host = (now - self.started).as_secs_f64().max(1e-9);
            window.set_title(&format!(
                "Quamachine — {emulated:.3} s emulated, real-time factor {:.2}x",
                emulated / host
            ));
        }
        board
            .display
            .render_rgb32(board.framebuffer(), &mut self.pixels);
        if let Err(e) = window.update_with_buffer(&self.pixels, SHOWN_WIDTH, SHOWN_HEIGHT) {
            eprintln!("quamachine: the window failed ({e}); no window from now on");
            self.window = None;
            return true;
        }
        if !window.is_open() {
            return false;
        }
        if window.is_key_pressed(minifb::Key::F12, minifb::KeyRepeat::No) {
            self.shots += 1;
            let path = self.key_shot_path(self.shots);
            if self.shoot(path.clone(), board) {
                eprintln!("quamachine: screenshot written to {}", path.display());
            }
        }
        true
    }

    fn finish(&mut self, board: &Board, _counters: &Counters) {
        if let Some(path) = self.screenshot.clone() {
            self.shoot(path, board);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_screenshots_are_numbered_beside_the_file() {
        let args = DisplayArgs {
            display: DisplayMode::None,
            screenshot: Some(PathBuf::from("/tmp/x/shot.png")),
        };
        let s = Screen::open(&args, 25.0);
        assert!(!s.has_window());
        assert_eq!(s.key_shot_path(2), PathBuf::from("/tmp/x/shot-2.png"));
        let s = Screen::open(
            &DisplayArgs {
                display: DisplayMode::None,
                screenshot: None,
            },
            25.0,
        );
        assert_eq!(
            s.key_shot_path(1),
            PathBuf::from("quamachine-screenshot-1.png")
        );
    }
}
