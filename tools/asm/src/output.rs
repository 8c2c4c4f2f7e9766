//! The outputs of a finished assembly: loadable segments, symbols, templates, the ELF32
//! big-endian m68k executable (written with `object`), the listing and the map.
use crate::asm::{PassResult, SECTION_NAMES, SymKind, TEXT};
use crate::source::Sources;
use crate::{Hole, HoleKind, Output, Segment, Symbol, Template};
use object::elf;
use object::write::elf::{FileHeader, ProgramHeader, SectionHeader, Sym, Writer};
use std::fmt::Write as _;

/// Bytes shown per listing line.
const LIST_BYTES: usize = 8;
/// Bytes shown for one statement before `...`.
const LIST_MAX: usize = 64;

/// Build every output of the final pass.
pub(crate) fn build(res: &PassResult, src: &Sources) -> Output {
    // Segments: every non-empty chunk; remember where each chunk went.
    let mut segments = Vec::new();
    let mut seg_of = vec![Vec::new(); res.secs.len()];
    for (s, sec) in res.secs.iter().enumerate() {
        let mut n = 0;
        for ch in &sec.chunks {
            if ch.size == 0 {
                seg_of[s].push(None);
                continue;
            }
            let name = if n == 0 {
                SECTION_NAMES[s].to_string()
            } else {
                format!("{}.{n}", SECTION_NAMES[s])
            };
            n += 1;
            seg_of[s].push(Some(segments.len()));
            segments.push(Segment {
                name,
                addr: ch.addr,
                data: ch.data.clone(),
                mem_size: ch.size as u32,
                executable: s == TEXT,
                writable: s != TEXT,
            });
        }
    }
    let globals: std::collections::HashSet<&str> = res.globals.iter().map(String::as_str).collect();
    let mut symbols: Vec<Symbol> = Vec::new();
    let mut sym_seg: Vec<Option<usize>> = Vec::new();
    for name in &res.sym_order {
        let Some(s) = res.syms.get(name) else {
            continue;
        };
        let seg = match s.kind {
            SymKind::Label(sec, ch) => seg_of[sec].get(ch).copied().flatten(),
            _ => None,
        };
        symbols.push(Symbol {
            name: name.clone(),
            value: s.value as u32,
            section: seg.map(|i| segments[i].name.clone()),
            global: globals.contains(name.as_str()),
        });
        sym_seg.push(seg);
    }
    let entry = res
        .syms
        .get("start")
        .map(|s| s.value as u32)
        .or(res.end_entry)
        .or_else(|| {
            res.secs[TEXT]
                .chunks
                .iter()
                .find(|c| c.size > 0)
                .map(|c| c.addr)
        })
        .unwrap_or(0);
    let templates = res
        .templates
        .iter()
        .map(|t| Template {
            name: t.name.clone(),
            start: t.start,
            len: t.len,
            holes: t
                .holes
                .iter()
                .map(|&(offset, kind, name)| Hole {
                    name: t.names.get(name as usize).cloned().unwrap_or_default(),
                    offset,
                    kind: HoleKind::from_code(kind).unwrap_or(HoleKind::Byte),
                })
                .collect(),
        })
        .collect();
    let elf = write_elf(&segments, &symbols, &sym_seg, entry);
    let listing = listing(res, src);
    let map = map(&segments, &symbols, entry);
    Output {
        elf,
        segments,
        symbols,
        entry,
        listing,
        map,
        templates,
    }
}

fn write_elf(
    segments: &[Segment],
    symbols: &[Symbol],
    sym_seg: &[Option<usize>],
    entry: u32,
) -> Vec<u8> {
    let mut buf = Vec::new();
    let mut w = Writer::new(object::Endianness::Big, false, &mut buf);
    w.reserve_file_header();
    w.reserve_program_headers(segments.len() as u32);
    w.reserve_null_section_index();
    let sec_idx: Vec<_> = segments.iter().map(|_| w.reserve_section_index()).collect();
    let sec_names: Vec<_> = segments
        .iter()
        .map(|s| w.add_section_name(s.name.as_bytes()))
        .collect();
    // File data: offset congruent to the address modulo 4, as PT_LOAD wants.
    let mut offsets = Vec::new();
    for s in segments {
        let here = w.reserved_len();
        let pad = (s.addr as usize).wrapping_sub(here) % 4;
        w.reserve_until(here + pad);
        offsets.push(w.reserve(s.data.len(), 1));
    }
    // Symbols: locals first, as ELF requires.
    let mut order: Vec<usize> = (0..symbols.len()).filter(|&i| !symbols[i].global).collect();
    let num_local = order.len() as u32 + 1;
    order.extend((0..symbols.len()).filter(|&i| symbols[i].global));
    w.reserve_null_symbol_index();
    let names: Vec<_> = order
        .iter()
        .map(|&i| {
            let id = w.add_string(symbols[i].name.as_bytes());
            w.reserve_symbol_index(sym_seg[i].map(|s| sec_idx[s]));
            id
        })
        .collect();
    w.reserve_symtab_section_index();
    w.reserve_symtab();
    w.reserve_strtab_section_index();
    w.reserve_strtab();
    w.reserve_shstrtab_section_index();
    w.reserve_shstrtab();
    w.reserve_section_headers();

    let hdr = FileHeader {
        os_abi: elf::ELFOSABI_SYSV,
        abi_version: 0,
        e_type: elf::ET_EXEC,
        e_machine: elf::EM_68K,
        e_entry: entry as u64,
        e_flags: 0,
    };
    if w.write_file_header(&hdr).is_err() {
        return Vec::new();
    }
    w.write_align_program_headers();
    for (s, &off) in segments.iter().zip(&offsets) {
        let mut flags = elf::PF_R;
        if s.executable {
            flags |= elf::PF_X;
        }
        if s.writable {
            flags |= elf::PF_W;
        }
        w.write_program_header(&ProgramHeader {
            p_type: elf::PT_LOAD,
            p_flags: flags,
            p_offset: off as u64,
            p_vaddr: s.addr as u64,
            p_paddr: s.addr as u64,
            p_filesz: s.data.len() as u64,
            p_memsz: s.mem_size as u64,
            p_align: 4,
        });
    }
    for (s, &off) in segments.iter().zip(&offsets) {
        w.pad_until(off);
        w.write(&s.data);
    }
    w.write_null_symbol();
    for (k, &i) in order.iter().enumerate() {
        let s = &symbols[i];
        let bind = if s.global {
            elf::STB_GLOBAL
        } else {
            elf::STB_LOCAL
        };
        let (section, shndx) = match sym_seg[i] {
            Some(seg) => (Some(sec_idx[seg]), 0),
            None => (None, elf::SHN_ABS),
        };
        let typ = match sym_seg[i] {
            Some(seg) if segments[seg].executable => elf::STT_FUNC,
            Some(_) => elf::STT_OBJECT,
            None => elf::STT_NOTYPE,
        };
        w.write_symbol(&Sym {
            name: Some(names[k]),
            section,
            st_info: (bind << 4) | typ,
            st_other: elf::STV_DEFAULT,
            st_shndx: shndx,
            st_value: s.value as u64,
            st_size: 0,
        });
    }
    w.write_strtab();
    w.write_shstrtab();
    w.write_null_section_header();
    for (k, s) in segments.iter().enumerate() {
        let bss = s.data.is_empty() && s.mem_size > 0;
        let mut flags = elf::SHF_ALLOC;
        if s.executable {
            flags |= elf::SHF_EXECINSTR;
        }
        if s.writable {
            flags |= elf::SHF_WRITE;
        }
        w.write_section_header(&SectionHeader {
            name: Some(sec_names[k]),
            sh_type: if bss {
                elf::SHT_NOBITS
            } else {
                elf::SHT_PROGBITS
            },
            sh_flags: flags as u64,
            sh_addr: s.addr as u64,
            sh_offset: offsets[k] as u64,
            sh_size: s.mem_size as u64,
            sh_link: 0,
            sh_info: 0,
            sh_addralign: if s.addr % 2 == 0 { 2 } else { 1 },
            sh_entsize: 0,
        });
    }
    w.write_symtab_section_header(num_local);
    w.write_strtab_section_header();
    w.write_shstrtab_section_header();
    buf
}

fn listing(res: &PassResult, src: &Sources) -> String {
    let mut out = String::new();
    let mut last_file = u32::MAX;
    for e in &res.listing {
        if e.origin.file != last_file && e.origin.expansion.is_none() {
            last_file = e.origin.file;
            let name = src
                .files
                .get(e.origin.file as usize)
                .map_or("?", |f| f.name.as_str());
            let _ = writeln!(out, "; {name}");
        }
        let bytes: &[u8] = match e.bytes {
            Some((s, c, start, len)) => res.secs[s].chunks[c]
                .data
                .get(start..start + len)
                .unwrap_or(&[]),
            None => &[],
        };
        let addr = e
            .addr
            .map_or(String::from("        "), |a| format!("{a:08X}"));
        let mark = if e.origin.expansion.is_some() {
            '+'
        } else {
            ' '
        };
        let shown = &bytes[..bytes.len().min(LIST_MAX)];
        let mut rows = shown.chunks(LIST_BYTES);
        let first = rows.next().map(hex).unwrap_or_default();
        let _ = writeln!(
            out,
            "{:>6}{mark} {addr}  {first:<width$}  {}",
            e.origin.line,
            e.text,
            width = LIST_BYTES * 2
        );
        let mut a = e.addr.unwrap_or(0);
        for row in rows {
            a = a.wrapping_add(LIST_BYTES as u32);
            let _ = writeln!(out, "{:>6}  {a:08X}  {}", "", hex(row));
        }
        if bytes.len() > LIST_MAX {
            let _ = writeln!(out, "{:>6}            ... ({} bytes)", "", bytes.len());
        }
    }
    out
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}

fn map(segments: &[Segment], symbols: &[Symbol], entry: u32) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Entry point: ${entry:08X}\n");
    let _ = writeln!(out, "Sections:");
    let _ = writeln!(
        out,
        "  {:<10} {:>9} {:>9} {:>9}  flags",
        "name", "start", "end", "size"
    );
    for s in segments {
        let flags = if s.executable {
            "r-x"
        } else if s.data.is_empty() {
            "rw- (bss)"
        } else {
            "rw-"
        };
        let _ = writeln!(
            out,
            "  {:<10} {:08X}  {:08X}  {:>8}  {flags}",
            s.name,
            s.addr,
            s.addr as u64 + s.mem_size as u64,
            s.mem_size
        );
    }
    let mut sorted: Vec<&Symbol> = symbols.iter().collect();
    sorted.sort_by(|a, b| (a.value, &a.name).cmp(&(b.value, &b.name)));
    let _ = writeln!(out, "\nSymbols by address:");
    for s in sorted {
        let sec = s.section.as_deref().unwrap_or("(abs)");
        let g = if s.global { " global" } else { "" };
        let _ = writeln!(out, "  {:08X}  {:<10} {}{g}", s.value, sec, s.name);
    }
    out
}
