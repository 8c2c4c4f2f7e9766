//! The display: palette and VSYNC registers on the board, the exact 60-per-second retrace
//! count and its level-4 interrupt, the `fbtext` demo's screenshot against a rendering
//! computed here from the same font bitmap, the generated font include, and the window
//! (falling back without a display; a smoke test under Xvfb).
mod common;

use common::{Run, bare_board as board, board_at as at, temp_file};
use emulator::{AccessSize, Machine};
use quamachine::session::{RunConfig, RunExit};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const L: AccessSize = AccessSize::Long;
const B: AccessSize = AccessSize::Byte;
const PALETTE: u32 = 0xFFFF_0300;
const VSYNC_COUNT: u32 = 0xFFFF_0700;
const VSYNC_CONTROL: u32 = 0xFFFF_0704;

/// The display registers for test programs (after `common::programs::PRELUDE`).
const EQUATES: &str = "
PALETTE         equ     $FFFF0300
VSYNC_COUNT     equ     $FFFF0700
VSYNC_CONTROL   equ     $FFFF0704
";

// ---------------------------------------------------------------- the font include

/// The text of `kernel-asm/include/font8x8.i`, generated from the font8x8 crate.
fn font_include() -> String {
    let mut s = String::from(
        "* font8x8.i: GENERATED from the font8x8 crate (BASIC_LEGACY, public-domain glyphs) by\n\
         * `UPDATE_FONT=1 cargo test -p quamachine --test display font_include`; do not edit.\n\
         * 128 glyphs for ASCII 0-127, 8 bytes each (top row first), bit 7 = leftmost pixel.\n\
         font8x8:\n",
    );
    for (i, glyph) in font8x8::legacy::BASIC_LEGACY.iter().enumerate() {
        let bytes: Vec<String> = glyph
            .iter()
            .map(|b| format!("${:02X}", b.reverse_bits()))
            .collect();
        let shown = if (0x21..0x7F).contains(&i) {
            format!(" {}", i as u8 as char)
        } else {
            String::new()
        };
        s += &format!(
            "                dc.b    {} ; ${i:02X}{shown}\n",
            bytes.join(",")
        );
    }
    s
}

fn font_include_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../kernel-asm/include/font8x8.i")
}

#[test]
fn font_include_is_up_to_date() {
    let want = font_include();
    let path = font_include_path();
    if std::env::var_os("UPDATE_FONT").is_some() {
        std::fs::write(&path, &want).expect("write font8x8.i");
    }
    let have = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    assert!(
        have == want,
        "{} is stale: regenerate it with UPDATE_FONT=1 cargo test -p quamachine --test display font_include",
        path.display()
    );
}

/// Whether pixel (`x`, `y`) of character `c` is set in the font (LSB-left rows).
fn font_pixel(c: u8, x: usize, y: usize) -> bool {
    font8x8::legacy::BASIC_LEGACY[(c & 0x7F) as usize][y] >> x & 1 != 0
}

// ---------------------------------------------------------------- registers

#[test]
fn palette_registers() {
    let mut b = board();
    assert_eq!(b.read(PALETTE, L), Ok(0), "reset: entry 0 black");
    assert_eq!(
        b.read(PALETTE + 4 * 255, L),
        Ok(0x00FF_FFFF),
        "entry 255 white"
    );
    assert_eq!(
        b.read(PALETTE + 4 * 0x40, L),
        Ok(0x0040_4040),
        "a grey ramp"
    );
    b.write(PALETTE + 4 * 7, L, 0xAB12_3456).unwrap();
    assert_eq!(b.read(PALETTE + 4 * 7, L), Ok(0x0012_3456), "24 bits kept");
    assert_eq!(b.read(PALETTE + 4 * 7 + 1, B), Ok(0x12), "byte lanes");
    assert_eq!(b.display.rgb(7), [0x12, 0x34, 0x56]);
    b.write(PALETTE + 4 * 255 + 2, AccessSize::Word, 0x00FF)
        .unwrap();
    assert_eq!(
        b.read(PALETTE + 4 * 255, L),
        Ok(0xFF),
        "a narrow write writes the zero-extended value"
    );
    b.write(VSYNC_COUNT, L, 1234).unwrap();
    assert_eq!(b.read(VSYNC_COUNT, L), Ok(0), "read only");
    assert_eq!(b.read(0xFFFF_0708, L), Ok(0), "past the display block");
}

#[test]
fn vsync_count_is_exact_at_any_clock_rate() {
    for hz in [25_000_000u64, 16_000_000, 33_333_333, 1_000_000, 50_000_000] {
        let mut b = board();
        b.display.set_clock_hz(hz);
        for n in [1u64, 2, 59, 60, 61, 3600] {
            // Retrace n falls at the first clock c with c * 60 >= n * hz.
            let c = (n * hz).div_ceil(60);
            at(&mut b, c - 1);
            assert_eq!(
                b.read(VSYNC_COUNT, L),
                Ok((n - 1) as u32),
                "{hz} Hz, before {n}"
            );
            at(&mut b, c);
            assert_eq!(b.read(VSYNC_COUNT, L), Ok(n as u32), "{hz} Hz, frame {n}");
        }
        let one_second = hz;
        at(&mut b, one_second);
        assert_eq!(b.read(VSYNC_COUNT, L), Ok(60), "60 per emulated second");
    }
}

#[test]
fn vsync_interrupt_on_the_board() {
    let mut b = board();
    b.display.set_clock_hz(6_000); // 100 clocks per frame
    at(&mut b, 250);
    assert_eq!(b.next_event(), None, "nothing scheduled while off");
    b.write(VSYNC_CONTROL, L, 1).unwrap();
    assert_eq!(b.read(VSYNC_CONTROL, L), Ok(1));
    assert_eq!(b.next_event(), Some(300), "the next retrace");
    at(&mut b, 299);
    assert_eq!(b.interrupt_level(), 0);
    at(&mut b, 300);
    assert_eq!(b.interrupt_level(), 4, "level 4 at the retrace");
    assert_eq!(b.interrupt_acknowledge(4), None, "autovectored");
    at(&mut b, 350);
    assert_eq!(b.interrupt_level(), 4, "pending until acknowledged");
    b.write(VSYNC_CONTROL + 3, B, 1).unwrap();
    assert_eq!(
        b.interrupt_level(),
        0,
        "a write to VSYNC_CONTROL acknowledges"
    );
    assert_eq!(b.next_event(), Some(400));
    at(&mut b, 650);
    assert_eq!(b.interrupt_level(), 4);
    assert_eq!((b.display.retraces, b.display.missed), (4, 2));
    b.write(VSYNC_CONTROL, L, 0).unwrap();
    assert_eq!(b.interrupt_level(), 0, "disabling clears it");
    assert_eq!(b.next_event(), None);
    assert!(!b.can_wake());
    // The timer (level 6) outranks the retrace.
    b.write(VSYNC_CONTROL, L, 1).unwrap();
    b.write(0xFFFF_0040, L, 10).unwrap();
    b.write(0xFFFF_0044, L, 1).unwrap();
    at(&mut b, 700);
    assert_eq!(b.interrupt_level(), 6);
    b.write(0xFFFF_0048, L, 1).unwrap();
    assert_eq!(b.interrupt_level(), 4);
}

// ---------------------------------------------------------------- guest programs

fn config_at(mhz: f64) -> RunConfig {
    RunConfig {
        clock_mhz: mhz,
        max_cycles: Some(200_000_000),
        ..RunConfig::default()
    }
}

/// A guest that busy-reads VSYNC_COUNT until it reaches 60 sees one emulated second.
#[test]
fn guest_sees_sixty_frames_per_emulated_second() {
    let body = format!(
        "{EQUATES}
1$:     cmp.l   #60,VSYNC_COUNT
        blt.s   1$
        move.l  CLOCK_HI,d0
        move.l  CLOCK_LO,d6
        move.l  #0,HALT
"
    );
    for mhz in [25.0, 3.3, 1.0] {
        let (o, _) = common::run_lib(&body, config_at(mhz), b"");
        assert_eq!(o.exit, RunExit::Halt(0));
        let hz = (mhz * 1e6_f64).round() as u64;
        let seen = u64::from(o.registers.d[6]);
        assert!(
            seen >= hz && seen < hz + 100,
            "{mhz} MHz: frame 60 seen at clock {seen}, one second is {hz}"
        );
    }
}

/// The retrace interrupt: level 4 (vector 28, autovectored), once per frame, exactly
/// at the retrace clock, held off by a mask of 4 and taken at a mask of 3.
#[test]
fn retrace_interrupt_is_level_4_at_sixty_hertz() {
    let body = format!(
        "{EQUATES}
        lea     handler(pc),a0
        move.l  a0,$70          ; level-4 autovector (vector 28)
        moveq   #0,d7
        move.l  #1,VSYNC_CONTROL
        move.w  #$2400,sr       ; mask 4: held off
1$:     cmp.l   #3,VSYNC_COUNT
        blt.s   1$
        move.l  d7,d5           ; 0: nothing taken yet
        move.w  #$2300,sr       ; mask 3: the pending retrace is taken once
        nop
        move.l  d7,d4           ; 1
2$:     stop    #$2000          ; sleep from retrace to retrace
        cmp.l   #60,d7
        blt.s   2$
        move.l  #0,VSYNC_CONTROL
        move.l  d7,HALT
handler:
        addq.l  #1,d7
        move.l  CLOCK_HI,d0
        move.l  CLOCK_LO,d6     ; the clock of the latest retrace's handler
        move.l  #1,VSYNC_CONTROL
        rte
"
    );
    let (o, _) = common::run_lib(&body, config_at(25.0), b"");
    assert_eq!(o.exit, RunExit::Halt(60));
    let r = &o.registers;
    assert_eq!(r.d[5], 0, "mask 4 holds the level-4 interrupt off");
    assert_eq!(r.d[4], 1, "one pending interrupt, taken at mask 3");
    // The 60th handler ran for frame 62 (three frames passed before the first), which
    // falls at ceil(62 * 25e6 / 60) clocks; the CPU slept in STOP until then.
    let frame62 = (62u64 * 25_000_000).div_ceil(60);
    let seen = u64::from(r.d[6]);
    assert!(
        seen >= frame62 && seen < frame62 + 100,
        "60th handler at clock {seen}, retrace at {frame62}"
    );
    assert!(o.exit == RunExit::Halt(60) && o.counters.exceptions == 60);
}

// ---------------------------------------------------------------- screenshot

/// One line of the fbtext demo (kernel-asm/demo/fbtext.s).
struct Line {
    x: usize,
    y: usize,
    scale: usize,
    colour: usize,
    text: &'static str,
}

const FBTEXT_LINES: &[Line] = &[
    Line {
        x: 64,
        y: 48,
        scale: 4,
        colour: 2,
        text: "QUAMACHINE",
    },
    Line {
        x: 64,
        y: 104,
        scale: 2,
        colour: 1,
        text: "MC68030 + MC68882, 2048 x 2048 x 8 framebuffer",
    },
    Line {
        x: 64,
        y: 144,
        scale: 1,
        colour: 1,
        text: "The quick brown fox jumps over the lazy dog. 0123456789",
    },
    Line {
        x: 64,
        y: 160,
        scale: 1,
        colour: 3,
        text: "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
    },
    Line {
        x: 64,
        y: 176,
        scale: 1,
        colour: 1,
        text: "the quick brown fox jumps over the lazy dog, THE QUICK",
    },
    Line {
        x: 64,
        y: 208,
        scale: 1,
        colour: 1,
        text: "Synthesis: code written at run time, measured to a clock.",
    },
];

/// fbtext's palette: background, text, title, accent; entries 16..255 a ramp.
fn fbtext_colour(index: usize) -> [u8; 3] {
    let c: u32 = match index {
        0 => 0x0010_2040,
        1 => 0x00E0_E0E0,
        2 => 0x00FF_C020,
        3 => 0x0040_FF80,
        16..=255 => {
            let i = (index - 16) as u32;
            i << 16 | (239 - i) << 8 | 0x80
        }
        _ => panic!("fbtext uses no colour {index}"),
    };
    [(c >> 16) as u8, (c >> 8) as u8, c as u8]
}

/// A decoded 1024 x 768 RGB screenshot.
struct Picture {
    width: usize,
    height: usize,
    rgb: Vec<u8>,
}

impl Picture {
    fn read(path: &Path) -> Picture {
        let file = std::fs::File::open(path)
            .unwrap_or_else(|e| panic!("screenshot {}: {e}", path.display()));
        let mut reader = png::Decoder::new(std::io::BufReader::new(file))
            .read_info()
            .expect("a PNG");
        let mut rgb = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut rgb).expect("PNG data");
        assert_eq!(info.color_type, png::ColorType::Rgb);
        assert_eq!(info.bit_depth, png::BitDepth::Eight);
        rgb.truncate(info.buffer_size());
        Picture {
            width: info.width as usize,
            height: info.height as usize,
            rgb,
        }
    }

    fn at(&self, x: usize, y: usize) -> [u8; 3] {
        let i = 3 * (y * self.width + x);
        [self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]]
    }
}

fn run_binary(args: &[&str], env_remove: &[&str]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_quamachine"));
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for v in env_remove {
        cmd.env_remove(v);
    }
    wait_bounded(cmd, Duration::from_secs(300))
}

/// Run `cmd` to the end, killing it after `limit` (a test must never hang).
fn wait_bounded(mut cmd: Command, limit: Duration) -> Run {
    let mut child = cmd.spawn().expect("spawn");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().expect("wait");
            panic!(
                "{cmd:?} still ran after {limit:?}; stderr:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    Run {
        code: out.status.code().expect("exit code (not a signal)"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn shot_path(name: &str) -> PathBuf {
    let p = temp_file(name, b"");
    std::fs::remove_file(&p).expect("fresh name");
    p
}

#[test]
fn fbtext_screenshot_matches_the_font() {
    let shot = shot_path("fbtext.png");
    let r = run_binary(
        &[
            "run",
            "--embedded",
            "fbtext",
            "--display",
            "none",
            "--screenshot",
            shot.to_str().expect("utf-8"),
        ],
        &[],
    );
    assert_eq!(r.code, 0, "stderr:\n{}", r.stderr);
    assert!(
        r.stdout
            .contains("fbtext: 6 lines drawn, cursor blinked for 60 retraces"),
        "{}",
        r.stdout
    );
    let pic = Picture::read(&shot);
    assert_eq!((pic.width, pic.height), (1024, 768));
    let bg = fbtext_colour(0);
    // Every line's text area, pixel by pixel, against the font bitmap.
    let mut lit = 0;
    for line in FBTEXT_LINES {
        let fg = fbtext_colour(line.colour);
        let s = line.scale;
        for (i, c) in line.text.bytes().enumerate() {
            for y in 0..8 * s {
                for x in 0..8 * s {
                    let on = font_pixel(c, x / s, y / s);
                    let (px, py) = (line.x + 8 * s * i + x, line.y + y);
                    let want = if on { fg } else { bg };
                    assert_eq!(
                        pic.at(px, py),
                        want,
                        "{:?}: character {:?} pixel ({}, {}) at ({px}, {py})",
                        line.text,
                        c as char,
                        x / s,
                        y / s
                    );
                    lit += usize::from(on);
                }
            }
        }
        // The background just right of the line is untouched (past the cursor's cell
        // after the last line).
        let mut end = line.x + 8 * s * line.text.len();
        if std::ptr::eq(line, FBTEXT_LINES.last().expect("lines")) {
            end += 8;
        }
        assert_eq!(
            pic.at(end, line.y),
            bg,
            "{:?}: right of the line",
            line.text
        );
    }
    assert!(lit > 3000, "the text lights many pixels ({lit})");
    // The cursor ends on: a solid accent block after the last line.
    let last = FBTEXT_LINES.last().expect("lines");
    let cx = last.x + 8 * last.text.len();
    for (x, y) in [(0, 0), (7, 7), (3, 4)] {
        assert_eq!(pic.at(cx + x, last.y + y), fbtext_colour(3), "cursor");
    }
    // The colour band: 240 stripes 4 pixels wide, 32 high, from (64, 240).
    for i in 0..240 {
        for (dx, dy) in [(0, 0), (3, 31)] {
            assert_eq!(
                pic.at(64 + 4 * i + dx, 240 + dy),
                fbtext_colour(16 + i),
                "band {i}"
            );
        }
    }
    // Corners and the area below everything are background.
    for (x, y) in [
        (0, 0),
        (1023, 0),
        (0, 767),
        (1023, 767),
        (500, 400),
        (63, 48),
    ] {
        assert_eq!(pic.at(x, y), bg, "background at ({x}, {y})");
    }
}

#[test]
fn screenshot_shows_the_palette_and_only_the_first_1024x768() {
    // Pixels at the edges of the shown area and just outside it, in new colours.
    let body = format!(
        "{EQUATES}
        move.l  #$00FF0000,PALETTE+4*1
        move.l  #$0000FF00,PALETTE+4*2
        lea     $80000000,a0
        move.b  #1,(a0)                 ; (0, 0)
        move.b  #2,1023(a0)             ; (1023, 0)
        move.b  #1,1024(a0)             ; (1024, 0): not shown
        move.b  #2,767*2048(a0)         ; (0, 767)
        move.b  #1,768*2048(a0)         ; (0, 768): not shown
        move.b  #200,767*2048+1023(a0)  ; (1023, 767), grey ramp entry
        move.l  #0,HALT
"
    );
    let elf = common::assemble(&body);
    let image = temp_file("edges.elf", &elf);
    let shot = shot_path("edges.png");
    let r = run_binary(
        &[
            "run",
            image.to_str().expect("utf-8"),
            "--display",
            "none",
            "--screenshot",
            shot.to_str().expect("utf-8"),
        ],
        &[],
    );
    assert_eq!(r.code, 0, "stderr:\n{}", r.stderr);
    let pic = Picture::read(&shot);
    assert_eq!((pic.width, pic.height), (1024, 768));
    assert_eq!(pic.at(0, 0), [255, 0, 0]);
    assert_eq!(pic.at(1023, 0), [0, 255, 0]);
    assert_eq!(pic.at(0, 767), [0, 255, 0]);
    assert_eq!(
        pic.at(1023, 767),
        [200, 200, 200],
        "reset palette: grey ramp"
    );
    assert_eq!(pic.at(1, 0), [0, 0, 0]);
    assert_eq!(pic.at(0, 1), [0, 0, 0], "(1024, 0) is not row 1");
}

#[test]
fn unwritable_screenshot_is_a_host_error() {
    let r = run_binary(
        &[
            "run",
            "--embedded",
            "hello",
            "--display",
            "none",
            "--screenshot",
            "/nonexistent-dir/shot.png",
        ],
        &[],
    );
    assert_eq!(r.code, 124, "stderr:\n{}", r.stderr);
    assert!(
        r.stderr
            .contains("cannot write the screenshot /nonexistent-dir/shot.png"),
        "{}",
        r.stderr
    );
}

// ---------------------------------------------------------------- the window

#[test]
fn window_without_a_display_falls_back_with_one_line() {
    let shot = shot_path("fallback.png");
    let r = run_binary(
        &[
            "run",
            "--embedded",
            "hello",
            "--display",
            "window",
            "--screenshot",
            shot.to_str().expect("utf-8"),
        ],
        &["DISPLAY", "WAYLAND_DISPLAY"],
    );
    assert_eq!(r.code, 0, "stderr:\n{}", r.stderr);
    let lines: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.contains("no window"))
        .collect();
    assert_eq!(lines.len(), 1, "one line saying so:\n{}", r.stderr);
    assert!(lines[0].contains("DISPLAY is not set"), "{}", lines[0]);
    assert!(r.stderr.contains("the guest halted with exit code 0"));
    assert!(shot.exists(), "the screenshot is still written");
}

/// The window under Xvfb (24-bit screen: minifb crashes on a 16-bit one) for a short
/// run of a guest that busy-polls VSYNC_COUNT for half an emulated second.
#[test]
fn window_smoke_test_under_xvfb() {
    let found = Command::new("sh")
        .args(["-c", "command -v xvfb-run"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        let msg = "xvfb-run not found: the window smoke test needs it (apt-get install xvfb)";
        if std::env::var_os("CI").is_some() {
            panic!("{msg}; CI must install it (.ci/run)");
        }
        eprintln!("SKIPPED window_smoke_test_under_xvfb: {msg}");
        return;
    }
    let body = format!(
        "{EQUATES}
        lea     $80000000,a0
        move.l  #$01010101,d0
        move.w  #2048-1,d1
1$:     move.l  d0,(a0)+        ; a stripe along the top
        dbra    d1,1$
2$:     cmp.l   #30,VSYNC_COUNT
        blt.s   2$
        move.l  #0,HALT
"
    );
    let image = temp_file("window.elf", &common::assemble(&body));
    let shot = shot_path("window.png");
    let mut cmd = Command::new("xvfb-run");
    cmd.args(["-a", "-s", "-screen 0 1280x1024x24"])
        .arg(env!("CARGO_BIN_EXE_quamachine"))
        .args(["run", "--display", "window", "--screenshot"])
        .arg(&shot)
        .arg(&image)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let r = wait_bounded(cmd, Duration::from_secs(300));
    assert_eq!(r.code, 0, "stderr:\n{}", r.stderr);
    assert!(
        !r.stderr.contains("no window"),
        "the window opened:\n{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("the guest halted with exit code 0") && r.stderr.contains("clocks"),
        "the report is printed:\n{}",
        r.stderr
    );
    let pic = Picture::read(&shot);
    assert_eq!(pic.at(5, 1), [1, 1, 1]);
}
