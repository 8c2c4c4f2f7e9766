//! Directives, symbols, expressions, macros, local labels, sections and templates, through
//! the public API.
use qasm::{HoleKind, Options, Output, assemble_str, template_table};

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

fn sym(o: &Output, name: &str) -> u32 {
    o.symbol(name).unwrap_or_else(|| panic!("no symbol {name}"))
}

#[test]
fn dc_values_and_strings() {
    assert_eq!(
        bytes(" dc.b 1,2,\"ab\",'c',-1\n dc.w $1234,-2\n dc.l %1010,@17"),
        vec![
            1, 2, b'a', b'b', b'c', 0xFF, 0x12, 0x34, 0xFF, 0xFE, 0, 0, 0, 10, 0, 0, 0, 15
        ]
    );
    // Doubled quotes, a string followed by arithmetic is a character constant.
    assert_eq!(bytes(" dc.b 'it''s',';'"), b"it's;".to_vec());
    assert_eq!(bytes(" dc.b 'a'+1"), vec![b'b']);
    // dc without a size is dc.w; dc.w/dc.l start on an even address.
    assert_eq!(bytes(" dc.b 1\n dc 2"), vec![1, 0, 0, 2]);
    assert_eq!(bytes(" dc.b 1\n dc.l 2"), vec![1, 0, 0, 0, 0, 2]);
}

#[test]
fn expressions() {
    let o = asm(
        "a equ 1+2*3\nb equ (1+2)*3\nc equ -a\nd equ ~0&$FF\ne equ 1<<4|1\nf equ 100/7\ng equ 100%7\nh equ $F0^$FF\ni equ !0\nj equ 'AB'\nk equ 5>3\nl equ 2-3-4\n",
    );
    let v = |n| sym(&o, n) as i32;
    assert_eq!(
        [v("a"), v("b"), v("c"), v("d"), v("e"), v("f"), v("g")],
        [7, 9, -7, 255, 17, 14, 2]
    );
    assert_eq!(
        [v("h"), v("i"), v("j"), v("k"), v("l")],
        [0x0F, 1, 0x4142, 1, -5]
    );
}

#[test]
fn location_counter_and_forward_references() {
    let o = asm(" org $100\nhere dc.l *\n dc.l later-here\nlater dc.w *-here\n");
    assert_eq!(o.segments[0].data, vec![0, 0, 1, 0, 0, 0, 0, 8, 0, 8]);
    assert_eq!(sym(&o, "later"), 0x108);
}

#[test]
fn equ_set_and_equals() {
    let o = asm("x set 1\nx set x+1\ny = 5\ny = y*2\nz equ x+y\n dc.b x,y,z\n");
    assert_eq!(o.segments[0].data, vec![2, 10, 12]);
}

#[test]
fn local_labels_are_scoped() {
    let o = asm(
        "one: dc.b 1\n.loop dc.b 2\n1$ dc.b 3\ntwo dc.b 4\n.loop dc.b 5\n1$: dc.b .loop-two,1$-two\n",
    );
    assert_eq!(sym(&o, "one.loop"), 1);
    assert_eq!(sym(&o, "one.1$"), 2);
    assert_eq!(sym(&o, "two.loop"), 4);
    assert_eq!(sym(&o, "two.1$"), 5);
    assert_eq!(o.segments[0].data, vec![1, 2, 3, 4, 5, 1, 2]);
    // Fully qualified references work from anywhere.
    let o = asm("f: dc.b 0\n.x dc.b 1\ng: dc.b f.x\n");
    assert_eq!(o.segments[0].data, vec![0, 1, 1]);
}

#[test]
fn dcb_ds_even_align() {
    assert_eq!(
        bytes(" dcb.w 2,$ABCD\n dcb.b 3\n ds.b 1\n even\n dc.b 7\n align 4\n dc.b 8"),
        vec![0xAB, 0xCD, 0xAB, 0xCD, 0, 0, 0, 0, 7, 0, 0, 0, 8]
    );
    assert_eq!(
        bytes(" ds.l 1\n ds.w 1\n dc.b 1"),
        vec![0, 0, 0, 0, 0, 0, 1]
    );
}

#[test]
fn sections_and_org() {
    let o = asm(
        " section text\n org $1000\nstart dc.w 1\n section data\n org $2000\nvar dc.l 2\n section bss\n org $3000\nbuf ds.b 256 \n text\n dc.w 3\n",
    );
    let s: Vec<_> = o
        .segments
        .iter()
        .map(|s| (s.name.as_str(), s.addr, s.data.clone(), s.mem_size))
        .collect();
    assert_eq!(
        s,
        vec![
            (".text", 0x1000, vec![0, 1, 0, 3], 4),
            (".data", 0x2000, vec![0, 0, 0, 2], 4),
            (".bss", 0x3000, vec![], 256),
        ]
    );
    assert_eq!(o.entry, 0x1000);
    assert_eq!(sym(&o, "buf"), 0x3000);
    // Without org, data follows text and bss follows data.
    let o = asm(" dc.b 1,2,3\n data\nd dc.b 4\n bss\nb ds.l 1\n");
    assert_eq!(sym(&o, "d"), 4);
    assert_eq!(sym(&o, "b"), 8);
    // A second org in one section starts a second segment.
    let o = asm(" org $400\n dc.b 1\n org $40000000\nrom dc.b 2\n");
    assert_eq!(o.segments.len(), 2);
    assert_eq!(o.segments[1].name, ".text.1");
    assert_eq!(o.segments[1].addr, 0x4000_0000);
}

#[test]
fn entry_point() {
    assert_eq!(asm(" org $100\n dc.w 0\nstart dc.w 0\n").entry, 0x102);
    assert_eq!(asm(" org $100\n dc.w 0\ngo dc.w 0\n end go\n").entry, 0x102);
    assert_eq!(asm(" org $100\n dc.w 0\n").entry, 0x100);
    // Lines after `end` are not assembled.
    assert_eq!(bytes(" dc.b 1\n end\n dc.b 2\n bogus\n"), vec![1]);
}

#[test]
fn conditionals() {
    let src = "DEBUG equ 1\n if DEBUG\n dc.b 1\n else\n dc.b 2\n endif\n if DEBUG-1\n dc.b 3\n else\n dc.b 4\n endif\n ifd DEBUG\n dc.b 5\n endif\n ifnd NOPE\n dc.b 6\n endif\n ifd NOPE\n if 1/0\n endif\n dc.b 7\n endif\n ifeq 0\n dc.b 8\n endc\n";
    assert_eq!(bytes(src), vec![1, 4, 5, 6, 8]);
}

#[test]
fn macros_with_parameters() {
    let src = "pair macro\n dc.\\0 \\1,\\2\n endm\ncount macro\n dc.b narg\n endm\n macro named a,b\n dc.b \\b,\\a\n endm \n pair.b 1,2\n pair.w 3,4\n count 9,9,9\n named 5,6\n";
    assert_eq!(bytes(src), vec![1, 2, 0, 3, 0, 4, 3, 6, 5]);
}

#[test]
fn macro_unique_labels_and_nesting() {
    let src = "inner macro\n.l\\@ dc.b .l\\@-base\n endm\nouter macro\n inner\n inner\n endm\nbase: outer\n outer\n";
    let o = asm(src);
    assert_eq!(o.segments[0].data, vec![0, 1, 2, 3]);
    // A macro can stop early with mexit.
    assert_eq!(
        bytes("m macro\n dc.b 1\n mexit\n dc.b 2\n endm\n m\n"),
        vec![1]
    );
}

#[test]
fn rept_blocks() {
    let src = "n set 0\n rept 4\n dc.b n*n\nn set n+1\n endr\n rept 2\n rept 2\n dc.b 9\n endr\n endr\n rept 0\n dc.b 1\n endr\n";
    assert_eq!(bytes(src), vec![0, 1, 4, 9, 9, 9, 9, 9]);
}

#[test]
fn include_and_incbin() {
    let dir = std::env::temp_dir().join(format!("qasm-inc-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("defs.i"), "VAL equ 42\n include \"sub/more.i\"\n").unwrap();
    std::fs::write(dir.join("sub/more.i"), "MORE equ 7\n").unwrap();
    std::fs::write(dir.join("blob.bin"), [1u8, 2, 3]).unwrap();
    let opts = Options {
        include_dirs: vec![dir.clone()],
        ..Default::default()
    };
    let o = assemble_str(
        "t.s",
        " include \"defs.i\"\n dc.b VAL,MORE\n incbin \"blob.bin\"\n",
        &opts,
    )
    .unwrap();
    assert_eq!(o.segments[0].data, vec![42, 7, 1, 2, 3]);
    // assemble_files: includes are found next to the including file.
    let main = dir.join("main.s");
    std::fs::write(&main, " include defs.i\n dc.b VAL\n").unwrap();
    let o = qasm::assemble_files(&[main], &Options::default()).unwrap();
    assert_eq!(o.segments[0].data, vec![42]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn templates_in_data() {
    let src = " org $100\n template T1\n dc.w $1111\n dc.l @val\n dc.b @b,0\n dc.w @val\n endt\n even\n template T2\n dc.w 0\n endt\ntable: templates\n";
    let o = asm(src);
    assert_eq!(o.templates.len(), 2);
    let t = &o.templates[0];
    assert_eq!((t.name.as_str(), t.start, t.len), ("T1", 0x100, 10));
    let holes: Vec<_> = t
        .holes
        .iter()
        .map(|h| (h.name.as_str(), h.offset, h.kind))
        .collect();
    assert_eq!(
        holes,
        vec![
            ("val", 2, HoleKind::Long),
            ("b", 6, HoleKind::Byte),
            ("val", 8, HoleKind::Word)
        ]
    );
    assert_eq!(sym(&o, "T1"), 0x100);
    assert_eq!(sym(&o, "T1_len"), 10);
    assert_eq!(sym(&o, "T1.val"), 2);
    assert_eq!(sym(&o, "T1.b"), 6);
    assert_eq!(sym(&o, "T2_index"), 1);
    // The table in the image is exactly template_table() of the templates.
    let table = template_table(&o.templates);
    assert_eq!(
        table,
        vec![
            0, 2, 0, 0, // two templates
            0, 0, 1, 0, 0, 10, 0, 3, // T1 at $100, 10 bytes, 3 holes
            0, 2, 4, 0, 0, 6, 1, 1, 0, 8, 2, 0, // holes: offset, kind, name index
            0, 0, 1, 10, 0, 2, 0, 0, // T2 at $10A, 2 bytes, no holes
        ]
    );
    let at = (sym(&o, "table") - 0x100) as usize;
    assert_eq!(&o.segments[0].data[at..at + table.len()], &table[..]);
}

#[test]
fn template_table_before_the_templates() {
    // The table may come first: it is sized from the previous pass and patched.
    let o = asm(" org 0\n templates\n template A\n dc.b @x,@y\n endt\n");
    let table = template_table(&o.templates);
    assert_eq!(table.len(), 4 + 8 + 8);
    assert_eq!(&o.segments[0].data[..table.len()], &table[..]);
    assert_eq!(o.templates[0].start, table.len() as u32);
}

#[test]
fn listing_and_map() {
    let o = asm(" org $200\nstart: dc.w $4E71 ; nop\nm macro\n dc.b 1\n endm\n m\n");
    assert!(o.listing.contains("00000200  4E71"), "{}", o.listing);
    assert!(o.listing.contains("+ 00000202  01"), "{}", o.listing);
    assert!(o.map.contains("00000200  .text      start"), "{}", o.map);
    assert!(o.map.contains(".text      00000200  00000203"), "{}", o.map);
}

#[test]
fn xdef_marks_global() {
    let o = asm(" xdef start\nstart dc.w 0\nother dc.w 0\n");
    let g: Vec<_> = o
        .symbols
        .iter()
        .map(|s| (s.name.as_str(), s.global))
        .collect();
    assert_eq!(g, vec![("start", true), ("other", false)]);
}

#[test]
fn comments_and_column_one() {
    let src = "* a comment\n; another\n   * indented star comment\nlab dc.b 1 ; trailing\n\tdc.b 2\nendm_free: dc.b 3\n";
    assert_eq!(bytes(src), vec![1, 2, 3]);
}

#[test]
fn defines_from_options() {
    let opts = Options {
        defines: vec![("BASE".into(), 0x40)],
        ..Default::default()
    };
    let o = assemble_str("t.s", " dc.b BASE\n", &opts).unwrap();
    assert_eq!(o.segments[0].data, vec![0x40]);
}

#[test]
fn templates_in_instructions() {
    let src = "
        org $1000
        template tp
        move.l  #@val,d0
        bra.w   @next
        bra.s   @near
        move.w  @off(a0),d1
        move.b  #@b,d2
        move.l  #@val,d3
        endt
";
    let o = asm(src);
    let t = &o.templates[0];
    let holes: Vec<_> = t
        .holes
        .iter()
        .map(|h| (h.name.as_str(), h.offset, h.kind))
        .collect();
    assert_eq!(
        holes,
        vec![
            ("val", 2, HoleKind::Long),
            ("next", 8, HoleKind::Branch16),
            ("near", 11, HoleKind::Branch8),
            ("off", 14, HoleKind::Word),
            ("b", 19, HoleKind::Byte),
            ("val", 22, HoleKind::Long),
        ]
    );
    assert_eq!(t.len, 26);
    assert_eq!(sym(&o, "tp.near"), 11);
    let table = template_table(&o.templates);
    assert_eq!(&table[12..16], &[0, 2, 4, 0]);
    assert_eq!(&table[32..36], &[0, 22, 4, 0]);
}

#[test]
fn holes_cannot_fill_packed_fields() {
    let d = assemble_str(
        "t.s",
        " template t\n addq.l #@x,d0\n endt\n",
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(d.errors.len(), 1, "{d}");
    assert_eq!(d.errors[0].line, 2);
    assert!(d.errors[0].message.contains("packed field"), "{d}");
    // moveq's immediate is a whole byte (the opcode's low byte): a byte hole at offset 1.
    let o = asm(" template t\n moveq #@x,d0\n endt\n");
    assert_eq!(o.templates[0].holes[0].offset, 1);
    assert_eq!(o.templates[0].holes[0].kind, HoleKind::Byte);
}

#[test]
fn structure_offsets_with_rs() {
    let o = asm("
        rsreset
next    rs.l    1
prio    rs.w    1
flags   rs.b    2
name    rs.b    16
tcb_size rs.b   0
        rsset   $100
high    rs.l    1
");
    let v: Vec<u32> = ["next", "prio", "flags", "name", "tcb_size", "high"]
        .iter()
        .map(|n| sym(&o, n))
        .collect();
    assert_eq!(v, vec![0, 4, 6, 8, 24, 0x100]);
}

#[test]
fn floating_point_data() {
    assert_eq!(bytes(" dc.s 1.5\n"), vec![0x3F, 0xC0, 0, 0]);
    assert_eq!(bytes(" dc.d -2\n"), vec![0xC0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(
        bytes(" dc.x 1\n"),
        vec![0x3F, 0xFF, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0]
    );
    assert_eq!(bytes(" ds.d 1\n dc.b 1\n"), vec![0, 0, 0, 0, 0, 0, 0, 0, 1]);
}

#[test]
fn macro_argument_quoting_and_ifc() {
    let src = r"
opt     macro
        ifc     '\2',''
        dc.b    \1
        else
        dc.b    \1,\2
        endif
        endm
list    macro
        dc.b    \1
        dc.b    narg
        endm
        opt     1
        opt     2,3
        list    <4,5,6>,7
";
    assert_eq!(bytes(src), vec![1, 2, 3, 4, 5, 6, 2]);
}

#[test]
fn branch_to_the_next_instruction_settles_at_word_size() {
    // `.s` cannot reach the next instruction (displacement 0 means `.w`), but once the
    // branch is `.w` the target is 2 bytes away and `.s` looks possible again: the pass
    // loop must stop shrinking it. GNU as gives the same `bra.w` with displacement 2.
    assert_eq!(
        bytes(" bra next\nnext: nop\n beq n2\nn2: rts\n"),
        vec![
            0x60, 0x00, 0x00, 0x02, 0x4E, 0x71, 0x67, 0x00, 0x00, 0x02, 0x4E, 0x75
        ]
    );
    // A branch over one word still takes the short form.
    assert_eq!(bytes(" bra.s over\n nop\nover: rts\n")[..2], [0x60, 0x02]);
    assert_eq!(bytes(" bra over\n nop\nover: rts\n")[..2], [0x60, 0x02]);
}
