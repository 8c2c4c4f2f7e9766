//! The kernel's text console on the framebuffer (`kernel-asm/kernel/fbcons.s`): the real
//! kernel booted through `quamachine run --screenshot`, its host console output replayed
//! through a 128 x 96 terminal model here (newline, return, tab, backspace, deferred
//! wrap, scrolling), drawn with the font8x8 crate's bitmap (the source of
//! `kernel-asm/include/font8x8.i`), and compared with the PNG pixel by pixel. The
//! synthesized glyph routine's speed against the generic one is `quamachine bench`'s
//! console section, checked at the end.
use std::path::PathBuf;
use std::process::{Command, Stdio};

const COLS: usize = 128;
const ROWS: usize = 96;
/// The console's colours: palette entries 7 on 0 as fbc_init sets them.
const FG: [u8; 3] = [0xC0, 0xC0, 0xC0];
const BG: [u8; 3] = [0x10, 0x18, 0x30];

struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

fn quamachine(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_quamachine"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run quamachine");
    Run {
        code: out.status.code().expect("exit code"),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn shot(name: &str) -> PathBuf {
    let p = std::env::temp_dir().join(format!("qm-fbcons-{}-{name}", std::process::id()));
    let _ = std::fs::remove_file(&p);
    p
}

/// The screen a 128 x 96 console shows after `bytes`, as fbcons.s defines it.
/// Also returns how many times it scrolled.
fn terminal(bytes: &[u8]) -> (Vec<[u8; COLS]>, usize) {
    let mut screen = vec![[b' '; COLS]; ROWS];
    let (mut row, mut col, mut scrolls) = (0usize, 0usize, 0usize);
    let newline = |screen: &mut Vec<[u8; COLS]>, row: &mut usize, scrolls: &mut usize| {
        if *row + 1 == ROWS {
            screen.remove(0);
            screen.push([b' '; COLS]);
            *scrolls += 1;
        } else {
            *row += 1;
        }
    };
    for &b in bytes {
        match b {
            b'\n' => {
                col = 0;
                newline(&mut screen, &mut row, &mut scrolls);
            }
            b'\r' => col = 0,
            8 => col = col.saturating_sub(1),
            b'\t' => col = ((col + 8) & !7).min(COLS),
            0..=31 => {}
            _ => {
                if col >= COLS {
                    col = 0;
                    newline(&mut screen, &mut row, &mut scrolls);
                }
                screen[row][col] = if b > 127 { b'?' } else { b };
                col += 1;
            }
        }
    }
    (screen, scrolls)
}

fn font_pixel(c: u8, x: usize, y: usize) -> bool {
    font8x8::legacy::BASIC_LEGACY[(c & 0x7F) as usize][y] >> x & 1 != 0
}

/// Compare the screenshot with `screen` drawn in the font; panics at the first
/// differing pixel, naming the character cell.
fn compare(png: &PathBuf, screen: &[[u8; COLS]]) {
    let file = std::fs::File::open(png).unwrap_or_else(|e| panic!("{}: {e}", png.display()));
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .expect("a PNG");
    let mut rgb = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut rgb).expect("PNG data");
    assert_eq!((info.width, info.height), (1024, 768));
    assert_eq!(info.color_type, png::ColorType::Rgb);
    for (r, line) in screen.iter().enumerate() {
        for (c, &ch) in line.iter().enumerate() {
            for y in 0..8 {
                for x in 0..8 {
                    let (px, py) = (c * 8 + x, r * 8 + y);
                    let i = 3 * (py * 1024 + px);
                    let got = [rgb[i], rgb[i + 1], rgb[i + 2]];
                    let want = if font_pixel(ch, x, y) { FG } else { BG };
                    assert_eq!(
                        got,
                        want,
                        "pixel ({px}, {py}) of cell row {r} column {c} ('{}'); line: {:?}",
                        ch as char,
                        String::from_utf8_lossy(line).trim_end()
                    );
                }
            }
        }
    }
}

fn row_text(screen: &[[u8; COLS]], r: usize) -> String {
    String::from_utf8_lossy(&screen[r]).trim_end().to_string()
}

/// The kfbcons image: a known line through K_WRITE and trap 1, a wrapped line, a tab,
/// a carriage return and bytes above 127, then 86 numbered lines so the screen scrolls.
#[test]
fn kernel_console_on_the_screen_matches_the_font_and_scrolls() {
    let png = shot("kfbcons.png");
    let r = quamachine(&[
        "run",
        "--embedded",
        "kfbcons",
        "--display",
        "none",
        "--screenshot",
        png.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "stderr:\n{}", r.stderr);
    let known = b"fbcons: The quick brown fox jumps over the lazy dog. 0123456789 ~{|}\n";
    assert!(
        r.stdout.windows(known.len()).any(|w| w == known),
        "the host console has the known line too"
    );
    let (screen, scrolls) = terminal(&r.stdout);
    // 86 numbered lines after the boot messages: the screen scrolled, and the top lines
    // of the boot are gone from it.
    assert!(scrolls >= 3, "scrolled {scrolls} times");
    assert!(
        !screen.iter().any(|l| l.starts_with(b"Synthesis kernel")),
        "the banner scrolled off"
    );
    let at = |needle: &str| {
        (0..ROWS)
            .find(|&i| row_text(&screen, i).starts_with(needle))
            .unwrap_or_else(|| panic!("no line `{needle}` on the screen"))
    };
    let known_row = at("fbcons: The quick brown fox");
    assert_eq!(
        row_text(&screen, known_row + 1),
        // "trap 1: carriage", return, "C", tab to 8, "tab", tab to 16, the rest.
        "Crap 1: tabriageand bytes above 127: ??"
    );
    assert!(row_text(&screen, known_row + 2).starts_with("wrap: 0123"));
    assert_eq!(row_text(&screen, known_row + 2).len(), COLS);
    assert_eq!(row_text(&screen, known_row + 3), "234567890123456789 end");
    assert_eq!(at("scroll line 86"), at("scroll line 1") + 85);
    compare(&png, &screen);
    let _ = std::fs::remove_file(&png);
}

/// The default image (the thread demo) shows its console on the screen.
#[test]
fn default_kernel_shows_its_console() {
    let png = shot("kernel.png");
    let r = quamachine(&[
        "run",
        "--display",
        "none",
        "--screenshot",
        png.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "stderr:\n{}", r.stderr);
    let (screen, scrolls) = terminal(&r.stdout);
    assert_eq!(scrolls, 0);
    assert_eq!(
        row_text(&screen, 0),
        "Synthesis kernel on the Quamachine: booting"
    );
    assert!(row_text(&screen, 1).starts_with("synth: fbglyph"));
    assert!(
        screen
            .iter()
            .any(|l| l.starts_with(b"kernel: all threads done"))
    );
    compare(&png, &screen);
    let _ = std::fs::remove_file(&png);
}

#[test]
fn the_terminal_model_wraps_late_and_scrolls() {
    let mut bytes = vec![b'x'; COLS];
    bytes.push(b'\n'); // a full line then a newline: no empty line between
    bytes.extend_from_slice(b"y\n");
    let (s, n) = terminal(&bytes);
    assert_eq!(
        (row_text(&s, 0).len(), row_text(&s, 1).as_str(), n),
        (COLS, "y", 0)
    );
    let many: Vec<u8> = (0..ROWS + 3).flat_map(|_| *b"z\n").collect();
    assert_eq!(terminal(&many).1, 4);
}

/// `play --screenshot`: the CD player's kernel console on the screen, as on stdout.
#[test]
fn play_shows_the_players_console() {
    let png = shot("play.png");
    let wav = shot("play.wav");
    let r = quamachine(&[
        "play",
        "--seconds",
        "0.1",
        "--out",
        wav.to_str().unwrap(),
        "--quiet",
        "--display",
        "none",
        "--screenshot",
        png.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "stderr:\n{}", r.stderr);
    let (screen, _) = terminal(&r.stdout);
    assert_eq!(
        row_text(&screen, 0),
        "Synthesis kernel on the Quamachine: booting"
    );
    compare(&png, &screen);
    let _ = std::fs::remove_file(&png);
    let _ = std::fs::remove_file(&wav);
}
