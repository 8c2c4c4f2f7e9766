//! Directives, symbols, expressions, macros, local labels and templates, through the
//! public API (no instructions needed).
use qasm::{HoleKind, Options, Output, assemble_str};

fn asm(src: &str) -> Output {
    match assemble_str("t.s", src, &Options::default()) {
        Ok(o) => o,
        Err(d) => panic!("assembly failed:\n{d}"),
    }
}

/// The bytes of the first segment.
fn bytes(src: &str) -> Vec<u8> {
    asm(src)
        .segments
        .first()
        .map(|s| s.data.clone())
        .unwrap_or_default()
}

#[test]
fn dc_values_and_strings() {
    assert_eq!(
        bytes(" dc.b 1,2,\"ab\",'c',-1\n dc.w $1234,-2\n dc.l %1010,@17"),
        vec![
            1, 2, b'a', b'b', b'c', 0xFF, 0x12, 0x34, 0xFF, 0xFE, 0, 0, 0, 10, 0, 0, 0, 15
        ]
    );
}
