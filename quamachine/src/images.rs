//! The guest images embedded at build time: `build.rs` assembles every program listed in
//! `kernel-asm/images.txt` and this module serves their ELF bytes. The first listed image
//! is the default that `quamachine run` boots when given no image.

include!(concat!(env!("OUT_DIR"), "/images.rs"));

/// The default image (the first in `kernel-asm/images.txt`).
pub fn default_image() -> &'static [u8] {
    IMAGES.first().map_or(&[], |(_, b)| b)
}

/// An embedded image by name (`hello`, …).
#[allow(dead_code)] // for subcommands that pick an embedded image by name
pub fn by_name(name: &str) -> Option<&'static [u8]> {
    IMAGES.iter().find(|(n, _)| *n == name).map(|(_, b)| *b)
}

/// The names of every embedded image, the default first.
#[allow(dead_code)] // ditto
pub fn names() -> impl Iterator<Item = &'static str> {
    IMAGES.iter().map(|(n, _)| *n)
}

#[cfg(test)]
mod tests {
    #[test]
    fn default_image_is_an_m68k_elf() {
        let b = super::default_image();
        assert!(b.starts_with(b"\x7fELF\x01\x02"), "ELF32 big-endian");
        for (_, img) in super::IMAGES {
            assert_eq!(img.as_ptr() as usize % 8, 0, "embedded 8-byte aligned");
        }
        assert_eq!(&b[18..20], &[0, 4], "EM_68K");
        assert!(super::names().count() >= 1);
        assert!(super::by_name("hello").is_some());
    }
}
