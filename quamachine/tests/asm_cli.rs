//! `quamachine asm` end to end: outputs written on success; on errors, every error on
//! stderr in `file:line:col: error:` form and exit code 1.
use std::process::Command;

fn tmp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("qasm-cli-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

#[test]
fn assembles_with_listing_and_map() {
    let src = tmp("ok.s");
    let inc = tmp("defs.i");
    std::fs::write(&inc, "VALUE equ 42\n").unwrap();
    std::fs::write(
        &src,
        " include \"defs.i\"\n org $1000\nstart: moveq #VALUE,d0\n rts\n",
    )
    .unwrap();
    let (elf, lst, map) = (tmp("ok.elf"), tmp("ok.lst"), tmp("ok.map"));
    let r = Command::new(env!("CARGO_BIN_EXE_quamachine"))
        .arg("asm")
        .arg(&src)
        .arg("-o")
        .arg(&elf)
        .arg("--listing")
        .arg(&lst)
        .arg("--map")
        .arg(&map)
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let elf = std::fs::read(&elf).unwrap();
    assert!(elf.starts_with(b"\x7fELF\x01\x02"));
    let lst = std::fs::read_to_string(&lst).unwrap();
    assert!(lst.contains("00001000  702A"), "{lst}");
    let map = std::fs::read_to_string(&map).unwrap();
    assert!(map.contains("00001000  .text      start"), "{map}");
}

#[test]
fn errors_go_to_stderr_with_exit_code_1() {
    let src = tmp("bad.s");
    std::fs::write(&src, "  moveq #200,d0\n  bogus\n").unwrap();
    let r = Command::new(env!("CARGO_BIN_EXE_quamachine"))
        .args([
            "asm",
            src.to_str().unwrap(),
            "-o",
            tmp("bad.elf").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    let shown = src.display();
    assert!(
        err.contains(&format!(
            "{shown}:1:10: error: value 200 out of range for moveq (-128..127)\n  moveq #200,d0\n         ^"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{shown}:2:3: error: unknown mnemonic `bogus`")),
        "{err}"
    );
    assert!(err.contains("2 errors"), "{err}");
}

#[test]
fn help_explains_every_option() {
    let r = Command::new(env!("CARGO_BIN_EXE_quamachine"))
        .args(["asm", "--help"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&r.stdout);
    for opt in ["--output", "--listing", "--map", "--include", "--define"] {
        assert!(out.contains(opt), "{opt} in {out}");
    }
}
