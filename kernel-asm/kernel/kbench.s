* kbench.s: the benchmark image's kernel side, called once from boot.s (kbench_boot,
* when kernel/kbenchhook.s is first in the image) after the boot threads exist:
*  - every thread gets the Unix-style system call (unixcall.s) on trap #13;
*  - the threads listed in the image's kb_full table get the full-save context switch
*    (fullswitch.s) as their timer vector instead of their synthesized sw_out;
*  - thread creation is measured (Table 5.2): two threads with entry kb_victim are
*    created in the first thread's address space: region 91 with the I-cache cleared
*    just before (cold), then region 41 right after (warm);
*  - with the Sound-IO driver in the image (kernel/soundhook.s), Table 3.4: the
*    synthesized handler against the baselines (kernel/sndbench.s, regions 140-149/190-199).
*  - the text console (fbcons.s, beside the dissertation's Table 7.5): one glyph drawn by
*    the synthesized routine (71 warm, 121 cold) and by the generic one (72, 122), off
*    the shown 1024 columns; a console write of 1 character (73) and of 64 (74) through
*    kwrite_raw, screen and host; making a new colour pair's routine (75). Then the screen console is turned off, so the other
*    regions (the putchar rows of Table 3.2) measure the same output path as before.
* Region ids follow bench/bench.s: warm N, cold N+50.

kbench_boot:    movem.l d0-d7/a0-a6,-(sp)
                movea.l #TTEBASE,a0             ; trap #13 in every thread's vectors
                move.l  nthreads,d0
                bra.s   .v2
.v1:            move.l  #unix_trap,(32+UNIX_TRAP)*4(a0)
                bset    #UNIX_TRAP-8,TTE_TRAPS+2(a0)    ; K_CACHE must not take it
                adda.l  #TTE_SIZE,a0
.v2:            dbra    d0,.v1
                lea     kb_full,a1              ; the conventional switch
.f1:            move.l  (a1)+,d0
                bmi.s   .f2
                mulu.l  #TTE_SIZE,d0
                addi.l  #TTEBASE,d0
                movea.l d0,a0
                move.l  #full_switch,30*4(a0)
                bra.s   .f1
.f2:            move.l  #CACR_CI,d0             ; cold: the I-cache cleared
                movec   d0,cacr
                move.l  #91,PROBE_START
                bsr.s   kb_create
                move.l  #91,PROBE_STOP
                move.l  #41,PROBE_START         ; warm: right after
                bsr.s   kb_create
                move.l  #41,PROBE_STOP
                ifd     SOUND_HOOK              ; Table 3.4 (kernel/sndbench.s)
                bsr     snd_bench
                endif
                bsr     kb_fbcons
                movem.l (sp)+,d0-d7/a0-a6
                rts


* kb_create: one thread at kb_victim, in the first thread's region and address space
* (its stack 4 KiB below the previous sharer's), joining the ring.
kb_create:      movea.l kb_victim,a0
                movea.l #TTEBASE,a1
                movea.l TTE_NAME(a1),a2
                move.l  TTE_USIZE(a1),d1
                movea.l TTE_UBASE(a1),a1
                bra     thread_create

* kb_fbcons: the text console's regions (see the header); 10 samples each.
KB_GLYPH_AT     equ     FB+1024+16              ; a cell right of the shown pixels
kb_fbcons:      movea.l fbc_draw,a3             ; the synthesized routine
                moveq   #71,d6
                bsr     kb_glyphs
                lea     fbc_generic,a3          ; the conventional one
                moveq   #72,d6
                bsr     kb_glyphs
                moveq   #9,d7
.one:           lea     kb_fbtext(pc),a0
                moveq   #1,d1
                move.l  #73,PROBE_START
                bsr     kwrite_raw
                move.l  #73,PROBE_STOP
                dbra    d7,.one
                moveq   #10,d0
                bsr     kputc
                moveq   #9,d7
.line:          lea     kb_fbtext(pc),a0
                moveq   #64,d1
                move.l  #74,PROBE_START
                bsr     kwrite_raw
                move.l  #74,PROBE_STOP
                dbra    d7,.line
                moveq   #14,d0                  ; a new colour pair: its table and its
                moveq   #1,d1                   ; fbglyph made (region 75), then back
                move.l  #75,PROBE_START
                bsr     fbc_colours
                move.l  #75,PROBE_STOP
                moveq   #FBC_FG0,d0
                moveq   #FBC_BG0,d1
                bsr     fbc_colours
                clr.l   fbc_on                  ; host console only from here on
                rts

* kb_glyphs: a3 = glyph routine, d6 = warm region: 10 warm samples in d6, then 10
* with the I-cache cleared just before in d6+50.
kb_glyphs:      moveq   #9,d7
.warm:          moveq   #'S',d0
                movea.l #KB_GLYPH_AT,a0
                move.l  d6,PROBE_START
                jsr     (a3)
                move.l  d6,PROBE_STOP
                dbra    d7,.warm
                addi.l  #50,d6
                moveq   #9,d7
.cold:          move.l  #CACR_CI,d0
                movec   d0,cacr
                moveq   #'S',d0
                movea.l #KB_GLYPH_AT,a0
                move.l  d6,PROBE_START
                jsr     (a3)
                move.l  d6,PROBE_STOP
                dbra    d7,.cold
                rts

kb_fbtext:      dc.b    "kbench: 64 characters through the console, screen and host.....",10
                even
