* fbcons.s: the kernel console on the framebuffer (included by console.s, which owns
* the console; this file owns the screen side). A 128 x 96 text console on the shown
* 1024 x 768 pixels, 8 x 8 glyphs of include/font8x8.i, scrolling by one text line, and
* the glyph-drawing routine synthesized for the font, the colours and the pixel layout:
*
*  - factoring invariants (chapter 3): the font and the two colours are invariant while
*    the console's colours stay put, so fbc_make expands every glyph once into the 64
*    pixel bytes it puts on the screen (a table of expanded rows, 8 KiB per colour
*    pair), and the screen stride is invariant, so the template `fbglyph` has the 8 rows
*    unrolled with the row offsets (k * stride) filled in as displacement constants.
*    Drawing a character is then 16 long moves: no loop, no bit tests, no colour or
*    stride variables;
*  - a colour change (ESC b / ESC c below) switches, at the next glyph drawn, to the
*    routine of the new pair, synthesized on first use and kept in a small cache (FBC_NCACHE pairs; the oldest is
*    re-synthesized in place when it is full);
*  - fbc_generic, the conventional routine (font read bit by bit, colours and stride
*    from variables), is kept for the measurement (kbench: regions 71/72).
*
* Output: every byte the kernel sends to the console (trap 1, K_PUTC, K_WRITE, kputc,
* kputs, ...) goes through kputc, which calls fbc_putc once fbc_init has run; fbc_putc
* writes the byte to the host console too. Control: 10 newline, 13 return, 8 backspace,
* 9 tab (to a multiple of 8); other bytes below 32 are not drawn; bytes 128-255 draw as
* '?'. A line wraps when a 129th character comes. Escape sequences (VT52, with the
* Atari ST colour extension) are consumed by the screen and not sent to the host:
*   ESC Y r c   cursor to row r-32, column c-32      ESC E   clear screen, home
*   ESC b n     foreground colour n & 15              ESC H   home
*   ESC c n     background colour n & 15
* Colours are palette entries 0-15 (set by fbc_init); the console starts 7 on 0.

FB              equ     $80000000
FB_STRIDE       equ     2048            ; bytes per pixel row
PALETTE         equ     $FFFF0300
FBC_COLS        equ     128
FBC_ROWS        equ     96
FBC_GLYPHS      equ     128             ; glyphs in the font (ASCII 0-127)
FBC_TABLE       equ     FBC_GLYPHS*64   ; expanded table of one colour pair
FBC_NCACHE      equ     8
FBC_FG0         equ     7               ; boot colours
FBC_BG0         equ     0

* ---- variables (in KDATA, cleared at boot) ----
fbc_on          equ     KDATA+$2E00     ; the screen mirrors the console
fbc_col         equ     KDATA+$2E04
fbc_row         equ     KDATA+$2E08
fbc_fg          equ     KDATA+$2E0C     ; current colours (palette entries)
fbc_bg          equ     KDATA+$2E10
fbc_draw        equ     KDATA+$2E14     ; the glyph routine of the current colours
fbc_esc         equ     KDATA+$2E18     ; escape state: 0 none, 1 ESC, 2 Y row, 3 Y col, 4 b, 5 c
fbc_ncached     equ     KDATA+$2E1C
fbc_victim      equ     KDATA+$2E20     ; next cache entry to re-use when full
fbc_mkclk       equ     KDATA+$2E24     ; clocks of the last fbc_make (expansion + synthesis)
fbc_nmade       equ     KDATA+$2E28     ; glyph routines synthesized so far
fbc_cache       equ     KDATA+$2E40     ; FBC_NCACHE x {key fg<<8|bg, routine, table}
FBC_CE          equ     12

* fbc_init: the palette's first 16 entries, the boot colours' glyph routine, the cursor
* home; from here on the console is on the screen. Trashes nothing.
fbc_init:       movem.l d0-d1/a0-a1,-(sp)
                lea     fbc_palette(pc),a0
                lea     PALETTE,a1
                moveq   #15,d0
.pal:           move.l  (a0)+,(a1)+
                dbra    d0,.pal
                clr.l   fbc_col
                clr.l   fbc_row
                clr.l   fbc_esc
                moveq   #FBC_FG0,d0
                moveq   #FBC_BG0,d1
                bsr     fbc_colours
                bsr     fbc_clear
                move.l  #1,fbc_on
                movem.l (sp)+,d0-d1/a0-a1
                rts

* 16 colours: 0 the console background (also what an untouched framebuffer shows).
fbc_palette:    dc.l    $101830,$2050C0,$20A040,$20A0A0,$C03030,$A040A0,$C08020,$C0C0C0
                dc.l    $606060,$6090FF,$60FF60,$60FFFF,$FF6060,$FF60FF,$FFFF60,$FFFFFF

* fbc_putc: d0 = byte. The console's screen side (see the header); also writes the
* byte to the host console unless it belongs to an escape sequence. Interrupts are
* masked inside (trap 1 and K_PUTC come here preemptible). Preserves every register.
fbc_putc:       move.w  sr,-(sp)
                ori.w   #$0700,sr
                movem.l d0-d2/a0-a1,-(sp)
                andi.l  #$FF,d0
                move.l  fbc_esc,d1
                bne     .escape
                cmpi.b  #27,d0
                beq     .esc1
                move.l  d0,CONSOLE_TX
                cmpi.b  #32,d0
                blo.s   .control
                cmpi.b  #127,d0
                bls.s   .glyph
                moveq   #'?',d0
.glyph:         move.l  fbc_col,d1
                cmp.l   #FBC_COLS,d1
                blo.s   .fits
                bsr     fbc_newline             ; the deferred wrap
                moveq   #0,d1
.fits:          addq.l  #1,fbc_col
                move.l  fbc_draw,d2
                bne.s   .drawn
                move.l  d0,-(sp)                ; the colours changed: their routine
                move.l  fbc_fg,d0
                move.l  d1,-(sp)
                move.l  fbc_bg,d1
                bsr     fbc_colours
                move.l  (sp)+,d1
                move.l  (sp)+,d0
                move.l  fbc_draw,d2
.drawn:         movea.l d2,a1
                move.l  fbc_row,d2
                bsr     fbc_cell
                jsr     (a1)
                bra.s   .done
.control:       cmpi.b  #10,d0
                bne.s   .c1
                bsr     fbc_newline
                bra.s   .done
.c1:            cmpi.b  #13,d0
                bne.s   .c2
                clr.l   fbc_col
                bra.s   .done
.c2:            cmpi.b  #8,d0
                bne.s   .c3
                tst.l   fbc_col
                beq.s   .done
                subq.l  #1,fbc_col
                bra.s   .done
.c3:            cmpi.b  #9,d0
                bne.s   .done
                move.l  fbc_col,d1
                addq.l  #8,d1
                andi.w  #-8,d1
                cmp.l   #FBC_COLS,d1
                bls.s   .c4
                move.l  #FBC_COLS,d1
.c4:            move.l  d1,fbc_col
.done:          movem.l (sp)+,d0-d2/a0-a1
                move.w  (sp)+,sr
                rts
.esc1:          move.l  #1,fbc_esc
                bra.s   .done
.escape:        clr.l   fbc_esc                 ; most states end here
                subq.l  #1,d1
                bne.s   .e2
                cmpi.b  #'Y',d0                 ; state 1: the command
                bne.s   .e1b
                move.l  #2,fbc_esc
                bra.s   .done
.e1b:           cmpi.b  #'b',d0
                bne.s   .e1c
                move.l  #4,fbc_esc
                bra.s   .done
.e1c:           cmpi.b  #'c',d0
                bne.s   .e1e
                move.l  #5,fbc_esc
                bra.s   .done
.e1e:           cmpi.b  #'E',d0
                bne.s   .e1h
                bsr     fbc_clear
                bra.s   .home
.e1h:           cmpi.b  #'H',d0
                bne.s   .done
.home:          clr.l   fbc_col
                clr.l   fbc_row
                bra.s   .done
.e2:            subq.l  #1,d1
                bne.s   .e3
                subi.l  #32,d0                  ; state 2: row
                bcc.s   .e2a
                moveq   #0,d0
.e2a:           cmp.l   #FBC_ROWS-1,d0
                bls.s   .e2b
                moveq   #FBC_ROWS-1,d0
.e2b:           move.l  d0,fbc_row
                move.l  #3,fbc_esc
                bra     .done
.e3:            subq.l  #1,d1
                bne.s   .e4
                subi.l  #32,d0                  ; state 3: column
                bcc.s   .e3a
                moveq   #0,d0
.e3a:           cmp.l   #FBC_COLS-1,d0
                bls.s   .e3b
                moveq   #FBC_COLS-1,d0
.e3b:           move.l  d0,fbc_col
                bra     .done
.e4:            andi.l  #15,d0                  ; states 4 (ESC b) and 5 (ESC c):
                clr.l   fbc_draw                ; the routine is looked up (or made)
                subq.l  #1,d1                   ; at the next glyph, so a pair passed
                bne.s   .e5                     ; through on the way is never made
                move.l  d0,fbc_fg
                bra     .done
.e5:            move.l  d0,fbc_bg
                bra     .done

* fbc_cell: d1 = column, d2 = row -> a0 = the cell's top-left pixel. Trashes d1-d2.
fbc_cell:       lsl.l   #3,d1                   ; 8 pixels per column
                swap    d2                      ; 8 pixel rows of 2048 bytes per text
                lsr.l   #2,d2                   ; row: row << 14 (shifts, not mulu)
                add.l   d1,d2
                movea.l d2,a0
                adda.l  #FB,a0
                rts

* fbc_newline: column 0 of the next line; at the bottom the screen scrolls. Trashes
* nothing.
fbc_newline:    clr.l   fbc_col
                addq.l  #1,fbc_row
                cmpi.l  #FBC_ROWS,fbc_row
                blo.s   .ok
                move.l  #FBC_ROWS-1,fbc_row
                bsr     fbc_scroll
.ok:            rts

* fbc_scroll: move text lines 1..95 up by one (8 pixel rows of 1024 bytes each, 32
* bytes per movem), then clear the last line to the background. Trashes nothing.
fbc_scroll:     movem.l d0-d7/a0-a3,-(sp)
                movea.l #FB+8*FB_STRIDE,a0      ; from text line 1
                movea.l #FB,a1                  ; to text line 0
                move.w  #(FBC_ROWS-1)*8-1,d0    ; pixel rows to move
.row:           moveq   #1024/32-1,d7
.blk:           movem.l (a0)+,d1-d6/a2-a3
                movem.l d1-d6/a2-a3,(a1)
                lea     32(a1),a1
                dbra    d7,.blk
                lea     FB_STRIDE-1024(a0),a0
                lea     FB_STRIDE-1024(a1),a1
                dbra    d0,.row
                moveq   #FBC_ROWS-1,d0
                bsr     fbc_clearline
                movem.l (sp)+,d0-d7/a0-a3
                rts

* fbc_clear: every text line to the background colour. Trashes nothing.
fbc_clear:      move.l  d0,-(sp)
                moveq   #FBC_ROWS-1,d0
.line:          bsr     fbc_clearline
                dbra    d0,.line
                move.l  (sp)+,d0
                rts

* fbc_clearline: d0 = text line: its 8 pixel rows of 1024 bytes to the background.
* Trashes nothing.
fbc_clearline:  movem.l d0-d2/a0,-(sp)
                mulu.l  #8*FB_STRIDE,d0
                movea.l d0,a0
                adda.l  #FB,a0
                move.l  fbc_bg,d1               ; the colour byte in all four lanes
                move.b  d1,d0
                lsl.l   #8,d1
                move.b  d0,d1
                move.w  d1,d0
                swap    d1
                move.w  d0,d1
                moveq   #7,d2
.prow:          move.w  #1024/4-1,d0
.px:            move.l  d1,(a0)+
                dbra    d0,.px
                lea     FB_STRIDE-1024(a0),a0
                dbra    d2,.prow
                movem.l (sp)+,d0-d2/a0
                rts

* fbc_colours: d0 = foreground, d1 = background (palette entries 0-15). Makes the
* glyph routine of that pair current: from the cache, else synthesized (fbc_make).
* Trashes nothing.
fbc_colours:    movem.l d0-d3/a0-a1,-(sp)
                andi.l  #15,d0
                andi.l  #15,d1
                move.l  d0,fbc_fg
                move.l  d1,fbc_bg
                move.l  d0,d2
                lsl.l   #8,d2
                or.l    d1,d2                   ; the key
                lea     fbc_cache,a1
                move.l  fbc_ncached,d3
                bra.s   .l2
.l1:            cmp.l   (a1),d2
                beq.s   .hit
                lea     FBC_CE(a1),a1
.l2:            dbra    d3,.l1
                bsr     fbc_make                ; a1 = its cache entry
.hit:           move.l  4(a1),fbc_draw
                movem.l (sp)+,d0-d3/a0-a1
                rts

* fbc_make: d0 = fg, d1 = bg, d2 = key -> a1 = a cache entry holding the synthesized
* glyph routine of the pair. Expands the font into the pair's table, then instantiates
* fbglyph over it (in a new block, or in place of the oldest entry when the cache is
* full). Trashes d0-d3/a0.
fbc_make:       movem.l d4-d7/a2-a4,-(sp)
                move.l  CLOCK_HI,d7             ; the whole cost: from here ...
                move.l  CLOCK_LO,d7
                move.l  d0,d4                   ; fg
                move.l  d1,d5                   ; bg
                move.l  fbc_ncached,d3
                cmp.l   #FBC_NCACHE,d3
                blo.s   .new
                move.l  fbc_victim,d3           ; full: the oldest, in place
                move.l  d3,d0
                addq.l  #1,d0
                andi.l  #FBC_NCACHE-1,d0
                move.l  d0,fbc_victim
                mulu.l  #FBC_CE,d3
                lea     fbc_cache,a4
                adda.l  d3,a4
                move.l  d2,(a4)
                movea.l 8(a4),a2                ; its table
                movea.l 4(a4),a3                ; its routine
                bra.s   .expand
.new:           addq.l  #1,fbc_ncached
                mulu.l  #FBC_CE,d3
                lea     fbc_cache,a4
                adda.l  d3,a4
                move.l  d2,(a4)
                move.l  #FBC_TABLE,d0
                bsr     syn_alloc               ; a1 = the table's block
                movea.l a1,a2
                move.l  a2,8(a4)
                move.l  #256,d0                 ; the routine's block: 256 bytes, so
                bsr     syn_alloc               ; that code synthesized later keeps its
                movea.l a1,a3                   ; I-cache line indices (8 KiB + 256)
* 16 longs on the stack: nibble n -> 4 pixel bytes (bit 3 leftmost), fg or bg each.
.expand:        lea     -64(sp),sp
                movea.l sp,a0
                moveq   #0,d0                   ; nibble
.nib:           moveq   #3,d1                   ; bit
                moveq   #0,d2
.nbit:          lsl.l   #8,d2
                btst    d1,d0
                beq.s   .nbg
                or.b    d4,d2
                bra.s   .nnext
.nbg:           or.b    d5,d2
.nnext:         dbra    d1,.nbit
                move.l  d2,(a0)+
                addq.l  #1,d0
                cmp.l   #16,d0
                blo.s   .nib
                lea     font8x8,a0              ; every glyph row: two nibble lookups
                movea.l a2,a1
                move.w  #FBC_GLYPHS*8-1,d3
.grow:          moveq   #0,d0
                move.b  (a0)+,d0
                move.l  d0,d1
                lsr.b   #4,d0
                andi.b  #15,d1
                move.l  (sp,d0.w*4),(a1)+
                move.l  (sp,d1.w*4),(a1)+
                dbra    d3,.grow
                lea     64(sp),sp
* the template's hole values, in order: glyphs, r1, r1b, ..., r7, r7b
                lea     -60(sp),sp
                movea.l sp,a0
                move.l  a2,(a0)+
                move.l  #FB_STRIDE,d0
                moveq   #6,d1
.hv:            move.l  d0,(a0)+
                move.l  d0,d2
                addq.l  #4,d2
                move.l  d2,(a0)+
                addi.l  #FB_STRIDE,d0
                dbra    d1,.hv
                movea.l sp,a0
                movea.l a3,a1                   ; into its block
                moveq   #fbglyph_index,d0
                bsr     syn_make                ; a0 = the routine
                lea     60(sp),sp
                move.l  a0,4(a4)
                addq.l  #1,fbc_nmade
                move.l  CLOCK_HI,d0             ; ... to here
                move.l  CLOCK_LO,d0
                sub.l   d7,d0
                sub.l   clk_cal,d0
                move.l  d0,fbc_mkclk
                movea.l a4,a1
                movem.l (sp)+,d4-d7/a2-a4
                rts

* fbglyph: one character cell, synthesized per colour pair. d0.l = glyph (0-127),
* a0 = the cell's top-left pixel. Trashes d0/a1. Holes: glyphs (the pair's expanded
* table: 64 bytes per glyph, row-major), r1..r7 (k * stride) and r1b..r7b (+4).
                template fbglyph
                lsl.w   #6,d0                   ; 64 pixel bytes per glyph
                movea.l #@glyphs,a1
                adda.w  d0,a1
                move.l  (a1)+,(a0)              ; row 0
                move.l  (a1)+,4(a0)
                move.l  (a1)+,@r1(a0)           ; row 1: the stride, a constant
                move.l  (a1)+,@r1b(a0)
                move.l  (a1)+,@r2(a0)
                move.l  (a1)+,@r2b(a0)
                move.l  (a1)+,@r3(a0)
                move.l  (a1)+,@r3b(a0)
                move.l  (a1)+,@r4(a0)
                move.l  (a1)+,@r4b(a0)
                move.l  (a1)+,@r5(a0)
                move.l  (a1)+,@r5b(a0)
                move.l  (a1)+,@r6(a0)
                move.l  (a1)+,@r6b(a0)
                move.l  (a1)+,@r7(a0)
                move.l  (a1)+,@r7b(a0)
                rts
                endt

* fbc_generic: the conventional routine, same interface as fbglyph (d0.l = glyph,
* a0 = cell; trashes d0/a1): reads the font bit by bit and the colours and the stride
* from variables on every pixel row. Only the measurement uses it.
fbc_generic:    movem.l d1-d4/a0,-(sp)
                lea     font8x8,a1
                lsl.w   #3,d0
                adda.w  d0,a1
                moveq   #7,d3                   ; pixel rows
.row:           move.b  (a1)+,d1
                move.l  a0,d4
                moveq   #7,d2                   ; bit 7 is the leftmost pixel
.px:            btst    d2,d1
                beq.s   .bg
                move.b  fbc_fg+3,(a0)+
                bra.s   .next
.bg:            move.b  fbc_bg+3,(a0)+
.next:          dbra    d2,.px
                movea.l d4,a0
                adda.l  fbc_stride,a0
                dbra    d3,.row
                movem.l (sp)+,d1-d4/a0
                rts
fbc_stride:     dc.l    FB_STRIDE

                include "include/font8x8.i"
                even
