* fbtext.s: the framebuffer text demo, a standalone guest (no kernel). Sets a palette,
* clears the shown 1024x768 area, draws lines of text with the 8x8 font of
* include/font8x8.i (generated from the font8x8 crate) and a band of 240 colours, then
* blinks a cursor on the level-4 vertical-retrace interrupt for 60 frames (one second of
* emulated time), prints one line on the console and halts with exit code 0.
* quamachine/tests/display.rs renders the same lines from the same font and compares
* them with this program's screenshot: keep the two in step.

CONSOLE_TX      equ     $FFFF0000
HALT            equ     $FFFF0010
PALETTE         equ     $FFFF0300       ; 256 entries, $00RRGGBB
VSYNC_COUNT     equ     $FFFF0700       ; frames shown so far (60 per emulated second)
VSYNC_CONTROL   equ     $FFFF0704       ; bit 0: level-4 interrupt; a write acknowledges
FB              equ     $80000000       ; 2048 x 2048 bytes, one byte per pixel
STRIDE          equ     2048
WIDTH           equ     1024            ; the shown part
HEIGHT          equ     768
VEC_LEVEL4      equ     $70             ; level-4 autovector (vector 28)

BG              equ     0               ; palette indices of the demo's colours
TEXT            equ     1
TITLE           equ     2
ACCENT          equ     3
RAMP            equ     16              ; 16..255: the colour band
CURSOR_X        equ     64+8*57         ; after the last line's 57 characters
CURSOR_Y        equ     208
BLINK           equ     15              ; frames per cursor phase
FRAMES          equ     60

                section text
                org     $1000

start:          lea     colours(pc),a0  ; the four named colours
                lea     PALETTE,a1
                moveq   #4-1,d0
.pal:           move.l  (a0)+,(a1)+
                dbra    d0,.pal
                lea     PALETTE+4*RAMP,a1
                moveq   #0,d0           ; entry RAMP+i = i<<16 | (239-i)<<8 | $80
.ramp:          move.l  d0,d1
                swap    d1
                move.w  #239,d2
                sub.w   d0,d2
                lsl.w   #8,d2
                or.w    d2,d1
                or.b    #$80,d1
                move.l  d1,(a1)+
                addq.w  #1,d0
                cmp.w   #240,d0
                blt.s   .ramp

                lea     FB,a0           ; clear the shown area to BG
                moveq   #0,d0           ; four BG pixels (BG = 0)
                move.w  #HEIGHT-1,d1
.row:           moveq   #WIDTH/32-1,d2
.clr:           move.l  d0,(a0)+
                move.l  d0,(a0)+
                move.l  d0,(a0)+
                move.l  d0,(a0)+
                move.l  d0,(a0)+
                move.l  d0,(a0)+
                move.l  d0,(a0)+
                move.l  d0,(a0)+
                dbra    d2,.clr
                lea     STRIDE-WIDTH(a0),a0
                dbra    d1,.row

                lea     lines(pc),a5    ; the text: x, y, scale, colour, string
.line:          move.w  (a5)+,d0
                bmi.s   .band
                ext.l   d0
                move.w  (a5)+,d1
                ext.l   d1
                move.w  (a5)+,d6
                move.w  (a5)+,d2
                lsl.w   #8,d2           ; foreground << 8 | background
                move.b  #BG,d2
                move.l  a5,a0
                bsr     drawstr
.skip:          tst.b   (a5)+           ; past the string and its NUL
                bne.s   .skip
                move.l  a5,d0
                addq.l  #1,d0
                and.b   #$FE,d0         ; the next entry is word-aligned
                move.l  d0,a5
                bra.s   .line

.band:          lea     FB+240*STRIDE+64,a0 ; 240 stripes, 4 wide, 32 high
                moveq   #32-1,d1
.brow:          move.l  a0,a1
                moveq   #RAMP,d0
.bcol:          move.b  d0,(a1)+
                move.b  d0,(a1)+
                move.b  d0,(a1)+
                move.b  d0,(a1)+
                addq.b  #1,d0
                bne.s   .bcol           ; up to entry 255
                lea     STRIDE(a0),a0
                dbra    d1,.brow

* The cursor blinks on the retrace interrupt: the handler counts frames in d7.
                lea     retrace(pc),a0
                move.l  a0,VEC_LEVEL4
                moveq   #0,d7
                move.l  #1,VSYNC_CONTROL
                move.w  #$2000,sr       ; supervisor, interrupts from level 1 on
.wait:          stop    #$2000          ; sleep until the next retrace
                move.l  d7,d0
                divu.w  #BLINK,d0
                btst    #0,d0           ; phase: even = cursor on
                seq     d3
                and.b   #ACCENT,d3      ; ACCENT or BG
                bsr     cursor
                cmp.l   #FRAMES,d7
                blt.s   .wait
                move.l  #0,VSYNC_CONTROL
                move.w  #$2700,sr
                moveq   #ACCENT,d3      ; ends with the cursor on
                bsr     cursor

                lea     done(pc),a0
.print:         move.b  (a0)+,d0
                beq.s   .halt
                move.b  d0,CONSOLE_TX+3
                bra.s   .print
.halt:          move.l  #0,HALT
.hang:          bra.s   .hang

* retrace: level-4 interrupt handler; count the frame, acknowledge, return.
retrace:        addq.l  #1,d7
                move.l  #1,VSYNC_CONTROL
                rte

* cursor: fill the 8x8 cell at (CURSOR_X, CURSOR_Y) with colour d3.b.
cursor:         lea     FB+CURSOR_Y*STRIDE+CURSOR_X,a0
                moveq   #8-1,d1
.r:             move.b  d3,(a0)+
                move.b  d3,(a0)+
                move.b  d3,(a0)+
                move.b  d3,(a0)+
                move.b  d3,(a0)+
                move.b  d3,(a0)+
                move.b  d3,(a0)+
                move.b  d3,(a0)+
                lea     STRIDE-8(a0),a0
                dbra    d1,.r
                rts

* drawstr: draw the NUL-terminated string at a0 with its top-left pixel at (d0, d1),
* each font pixel a d6 x d6 square, foreground colour in d2 bits 15-8 and background in
* bits 7-0. Keeps every register.
drawstr:        movem.l d0-d7/a0-a5,-(sp)
                moveq   #11,d4
                lsl.l   d4,d1           ; y * STRIDE
                add.l   d0,d1
                add.l   #FB,d1
                move.l  d1,a1           ; the cell's top-left pixel
                lea     font8x8(pc),a2
                move.w  d6,d4
                lsl.w   #3,d4           ; cell width: 8 * scale
                move.l  #STRIDE,d5
                sub.w   d4,d5
                move.l  d5,a5           ; from the end of a pixel row to the next
.char:          moveq   #0,d4
                move.b  (a0)+,d4
                beq.s   .done
                and.w   #$7F,d4
                lsl.w   #3,d4
                lea     0(a2,d4.w),a3   ; the glyph: 8 rows, bit 7 leftmost
                move.l  a1,a4
                moveq   #8-1,d1
.grow:          move.w  d6,d0
                subq.w  #1,d0           ; each font row d6 times
.vrep:          move.b  (a3),d5
                moveq   #8-1,d4
.pix:           move.b  d2,d7           ; background
                add.b   d5,d5           ; next pixel into carry
                bcc.s   .put
                move.w  d2,d7
                lsr.w   #8,d7           ; foreground
.put:           move.w  d6,d3
                subq.w  #1,d3
.hrep:          move.b  d7,(a4)+
                dbra    d3,.hrep
                dbra    d4,.pix
                add.l   a5,a4
                dbra    d0,.vrep
                addq.l  #1,a3
                dbra    d1,.grow
                move.w  d6,d4
                lsl.w   #3,d4
                add.w   d4,a1           ; next cell
                bra.s   .char
.done:          movem.l (sp)+,d0-d7/a0-a5
                rts

colours:        dc.l    $00102040       ; BG: dark blue
                dc.l    $00E0E0E0       ; TEXT: light grey
                dc.l    $00FFC020       ; TITLE: amber
                dc.l    $0040FF80       ; ACCENT: green

* Each line: x, y, scale, colour (words), the string, NUL, padding to a word.
lines:          dc.w    64,48,4,TITLE
                dc.b    "QUAMACHINE",0
                even
                dc.w    64,104,2,TEXT
                dc.b    "MC68030 + MC68882, 2048 x 2048 x 8 framebuffer",0
                even
                dc.w    64,144,1,TEXT
                dc.b    "The quick brown fox jumps over the lazy dog. 0123456789",0
                even
                dc.w    64,160,1,ACCENT
                dc.b    "!",34,"#$%&",39,"()*+,-./:;<=>?@[\]^_",96,"{|}~",0
                even
                dc.w    64,176,1,TEXT
                dc.b    "the quick brown fox jumps over the lazy dog, THE QUICK",0
                even
                dc.w    64,208,1,TEXT
                dc.b    "Synthesis: code written at run time, measured to a clock.",0
                even
                dc.w    -1

done:           dc.b    "fbtext: 6 lines drawn, cursor blinked for 60 retraces",10,0
                even

                include "include/font8x8.i"
