* synth.s: the code synthesizer, the kernel's F_create machinery. Owns the template
* table the assembler writes (`templates`: start, length, holes), code memory (SYNMEM,
* with a free list), instantiation (copy, fill holes with run-time constants, clear the
* I-cache entries written), the routine records (size, template, reference count,
* creation cost in clocks read from CLOCK_HI/LO around each instantiation), their
* invalidation through the KPT, and the specialised templates of section 3.1: the
* function f(A) = A*A + A*B + B*B synthesized for a given B, with separate templates for
* B = 0, B = 1 and B a power of two. Also the fast buffer of Figure 3.2 (K_MKBUF).
*
* Assemble with NOFLUSH defined to leave out the I-cache clear: the stale-code test.

tmpl_table:     templates

* syn_init: code memory empty; calibrate the CLOCK bracket (the clocks two back-to-back
* readings measure) so creation costs count only the synthesizer's work.
syn_init:       move.l  #SYNMEM,syn_brk
                clr.l   syn_free
                lea     tmpl_table,a0           ; each template record's address, so
                move.w  (a0),d1                 ; syn_make finds one by index at once
                lea     4(a0),a1
                lea     tmpl_ptr,a2
                bra.s   .t2
.t1:            move.l  a1,(a2)+
                move.w  6(a1),d0                ; next record: 8 + 4 per hole
                lsl.w   #2,d0
                lea     8(a1,d0.w),a1
.t2:            dbra    d1,.t1
                move.l  CLOCK_HI,d0
                move.l  CLOCK_LO,d0
                move.l  CLOCK_HI,d1
                move.l  CLOCK_LO,d1
                sub.l   d0,d1
                move.l  d1,clk_cal
                rts

* syn_alloc: d0 = size (bytes) -> a1 = block. A freed block of the same rounded size is
* reused first (first fit on exact size), else the break moves. Trashes d0-d1/a0.
syn_alloc:      addi.l  #15,d0
                andi.l  #-16,d0
                lea     syn_free,a0             ; free list: [next, size] in the block
.scan:          move.l  (a0),d1
                beq.s   .bump
                movea.l d1,a1
                cmp.l   4(a1),d0
                beq.s   .take
                movea.l a1,a0
                bra.s   .scan
.take:          move.l  (a1),(a0)               ; unlink
                rts
.bump:          movea.l syn_brk,a1
                add.l   d0,syn_brk
                rts

* syn_make: instantiate a template.
*   d0 = template index, a0 = hole values (one long per hole name, in the order the
*   names first appear in the template), a1 = destination (0: allocate code memory).
*   -> a0 = the routine, a1 = its routine record, d0 = its creation cost in clocks.
* Trashes d1-d2/a2; preserves d3-d7/a3-a6.
syn_make:       movem.l d3-d7/a3-a6,-(sp)
                move.l  CLOCK_HI,d7             ; creation cost: from here ...
                move.l  CLOCK_LO,d7
                movea.l a0,a6                   ; values
                move.w  d0,d6                   ; template index, kept
                movea.l (tmpl_ptr,d0.w*4),a3    ; its record
                movea.l (a3),a4                 ; template bytes
                moveq   #0,d5
                move.w  4(a3),d5                ; length
                moveq   #0,d3                   ; allocated here?
                move.l  a1,d0
                bne.s   .have
                move.l  d5,d0
                bsr     syn_alloc
                moveq   #1,d3
.have:          movea.l a1,a5                   ; the new routine
                movea.l a4,a0
                move.w  d5,d4
                lsr.w   #2,d4
                bra.s   .c2
.c1:            move.l  (a0)+,(a1)+             ; copy, long words
.c2:            dbra    d4,.c1
                btst    #1,d5                   ; (templates are whole words)
                beq.s   .c3
                move.w  (a0)+,(a1)+
.c3:
                move.w  6(a3),d4                ; fill the holes
                lea     8(a3),a2
                bra.s   .h9
.h1:            moveq   #0,d0
                move.w  (a2)+,d0                ; offset
                move.b  (a2)+,d2                ; kind
                moveq   #0,d1
                move.b  (a2)+,d1                ; name index
                move.l  (a6,d1.w*4),d1          ; the run-time constant
                lea     (a5,d0.l),a0            ; where it goes
                tst.b   d2
                bpl.s   .abs
                sub.l   a0,d1                   ; branch: relative to the extension
                cmp.b   #$81,d2                 ; (8-bit: to the opcode word's end)
                bne.s   .abs
                subq.l  #1,d1
.abs:           andi.b  #7,d2
                cmp.b   #4,d2
                bne.s   .nl
                move.l  d1,(a0)
                bra.s   .h9
.nl:            cmp.b   #2,d2
                bne.s   .nw
                move.w  d1,(a0)
                bra.s   .h9
.nw:            move.b  d1,(a0)
.h9:            dbra    d4,.h1
                ifnd    NOFLUSH
                movea.l a5,a0                   ; the I-cache is not coherent: clear
                move.l  d5,d1                   ; what was written
                bsr     icache_clear
                endc
                move.l  CLOCK_HI,d0             ; ... to here
                move.l  CLOCK_LO,d0
                sub.l   d7,d0
                sub.l   clk_cal,d0
                bsr     syn_record
                movea.l a5,a0
                movem.l (sp)+,d3-d7/a3-a6
                rts

* syn_record: the routine record of code just made. a5 = its address, d5 = its size in
* bytes, d6 = its template index (or MC_SYN_TMPL for code written by hand, multicall.s),
* d3 = 1 for code memory (one reference) or 0 for TTE code (never freed), d0 = its
* creation cost in clocks -> a1 = the record (owner: the kernel). Trashes d1.
syn_record:
                move.l  nroutines,d1            ; the routine record
                cmp.l   #RT_MAX,d1
                blo.s   .rec
                move.l  rt_free,d1              ; table full: a freed record (freed
                beq.s   .last                   ; ones go on rt_free only then: files,
                movea.l d1,a1                   ; multi-call slots and functions come
                move.l  RT_LINK(a1),rt_free     ; and go without end)
                bra.s   .got
.last:          moveq   #RT_MAX-1,d1            ; (none: reuse the last record)
                subq.l  #1,nroutines
.rec:           addq.l  #1,nroutines
                mulu.l  #RT_SIZE,d1
                lea     rtab,a1
                adda.l  d1,a1
.got:
                move.l  a5,RT_ADDR(a1)
                move.w  d5,RT_SIZE_B(a1)
                move.w  d6,RT_TMPL(a1)
                move.l  d3,RT_REFS(a1)          ; code memory: one reference; TTE code: 0
                bne.s   .r1
                move.l  #-1,RT_REFS(a1)         ; (-1: lives in its TTE, never freed)
.r1:            move.l  d0,RT_CLOCKS(a1)
                move.l  #-1,RT_OWNER(a1)
                rts

* syn_release: a1 = routine record. One reference fewer; at zero its code memory goes
* back on the free list. Trashes d0/a0.
syn_release:    move.l  RT_REFS(a1),d0
                ble.s   .done                   ; TTE code, or already free
                subq.l  #1,d0
                move.l  d0,RT_REFS(a1)
                bne.s   .done
                movea.l RT_ADDR(a1),a0
                moveq   #0,d0
                move.w  RT_SIZE_B(a1),d0
                addi.l  #15,d0
                andi.l  #-16,d0
                move.l  d0,4(a0)
                move.l  syn_free,(a0)
                move.l  a0,syn_free
                cmpi.l  #RT_MAX,nroutines       ; the record table full: this record
                blo.s   .done                   ; can be reused
                move.l  rt_free,RT_LINK(a1)
                move.l  a1,rt_free
.done:          rts

* icache_clear: a0 = address, d1 = length. CEI with CAAR for each long word written;
* from ICLR_MAX bytes on, one CI (clear all) instead: every template of the switch
* path is below it, the file routines (fs.s) above. Trashes d0-d2.
icache_clear:   cmp.l   #ICLR_MAX,d1
                bhs.s   .all
                move.l  a0,d0
                add.l   d0,d1                   ; end
                andi.w  #-4,d0
                move.l  #CACR_CEI,d2
.one:           movec   d0,caar
                movec   d2,cacr
                addq.l  #4,d0
                cmp.l   d1,d0
                blo.s   .one
                rts
.all:           move.l  #CACR_CI,d2
                movec   d2,cacr
                rts

* syn_report: print the routine records made since the last report: kind, address,
* size and creation cost (decimal clocks).
syn_report:     movem.l d0-d3/a0-a2,-(sp)
                move.l  syn_reported,d3
.next:          cmp.l   nroutines,d3
                bhs.s   .done
                move.l  d3,d0
                mulu.l  #RT_SIZE,d0
                lea     rtab,a1
                adda.l  d0,a1
                lea     m_syn1(pc),a0
                bsr     kputs
                moveq   #0,d0
                move.w  RT_TMPL(a1),d0
                bsr     tmpl_name
                bsr     kputs
                move.l  RT_OWNER(a1),d0
                bmi.s   .kern
                lea     m_syn_t(pc),a0
                bsr     kputs
                bsr     kputdec
.kern:          lea     m_syn2(pc),a0
                bsr     kputs
                move.l  RT_ADDR(a1),d0
                bsr     kputhex
                lea     m_syn3(pc),a0
                bsr     kputs
                moveq   #0,d0
                move.w  RT_SIZE_B(a1),d0
                bsr     kputdec
                lea     m_syn4(pc),a0
                bsr     kputs
                move.l  RT_CLOCKS(a1),d0
                bsr     kputdec
                lea     m_syn5(pc),a0
                bsr     kputs
                addq.l  #1,d3
                bra.s   .next
.done:          move.l  d3,syn_reported
                movem.l (sp)+,d0-d3/a0-a2
                rts

* tmpl_name: d0 = template index -> a0 = its name.
tmpl_name:      lea     tmpl_names(pc),a0
.look:          tst.w   (a0)
                bmi.s   .unknown
                cmp.w   (a0),d0
                beq.s   .hit
                addq.l  #6,a0
                bra.s   .look
.hit:           movea.l 2(a0),a0
                rts
.unknown:       lea     n_unknown(pc),a0
                rts

tmpl_names:     dc.w    sw_out_index
                dc.l    n_sw_out
                dc.w    sw_in_index
                dc.l    n_sw_in
                dc.w    sw_in_mmu_index
                dc.l    n_sw_in_mmu
                dc.w    ctrap_index
                dc.l    n_ctrap
                dc.w    fn_gen_index
                dc.l    n_fn_gen
                dc.w    fn_b0_index
                dc.l    n_fn_b0
                dc.w    fn_b1_index
                dc.l    n_fn_b1
                dc.w    MC_SYN_TMPL
                dc.l    n_mc_syn
                dc.w    fn_p2_index
                dc.l    n_fn_p2
                dc.w    bufput_index
                dc.l    n_bufput
                dc.w    sleepchk_index
                dc.l    n_sleepchk
                ifd     FS_HOOK                 ; the file routines (kernel/fs.s)
                dc.w    fread_index
                dc.l    n_fread
                dc.w    fread_mem_index
                dc.l    n_fread_mem
                dc.w    fwrite_index
                dc.l    n_fwrite
                endif
                ifd     SOUND_HOOK
                dc.w    snd_head_index
                dc.l    n_snd_head
                dc.w    snd_cd_index
                dc.l    n_snd_cd
                dc.w    snd_da_index
                dc.l    n_snd_da
                dc.w    snd_da_adv_index
                dc.l    n_snd_da_adv
                dc.w    snd_tail_index
                dc.l    n_snd_tail
                dc.w    tmrgate_index
                dc.l    n_tmrgate
                dc.w    waitchk_index
                dc.l    n_waitchk
                endif
                dc.w    fbglyph_index
                dc.l    n_fbglyph
                dc.w    -1
n_sw_out:       dc.b    "sw_out",0
n_sw_in:        dc.b    "sw_in",0
n_sw_in_mmu:    dc.b    "sw_in_mmu",0
n_ctrap:        dc.b    "ctrap (cached trap)",0
n_fn_gen:       dc.b    "fn_gen (A*A+A*B+B*B)",0
n_fn_b0:        dc.b    "fn_b0 (B=0: A*A)",0
n_fn_b1:        dc.b    "fn_b1 (B=1: A*A+A+1)",0
n_fn_p2:        dc.b    "fn_p2 (B=2^k: A*A+(A<<k)+B*B)",0
n_bufput:       dc.b    "bufput (Figure 3.2)",0
n_sleepchk:     dc.b    "sleepchk",0
n_fbglyph:      dc.b    "fbglyph (console glyphs for one colour pair)",0
n_unknown:      dc.b    "?",0
n_mc_syn:       dc.b    "mcall (a multi-call list synthesized by K_MULTI)",0
                ifd     FS_HOOK
n_fread:        dc.b    "fread (a file's read)",0
n_fread_mem:    dc.b    "fread_mem (a file's read, all in memory)",0
n_fwrite:       dc.b    "fwrite (a file's write)",0
                endif
                ifd     SOUND_HOOK
n_snd_head:     dc.b    "snd_head (Sound-IO handler: save a0)",0
n_snd_cd:       dc.b    "snd_cd (CD-IN frame to P+D, Figure 3.5)",0
n_snd_da:       dc.b    "snd_da (DA-OUT frame from Q+E)",0
n_snd_da_adv:   dc.b    "snd_da_adv (DA-OUT: Q advanced, block end)",0
n_snd_tail:     dc.b    "snd_tail (restore a0, rte)",0
n_waitchk:      dc.b    "waitchk (a thread blocked on a Sound-IO device)",0
n_tmrgate:      dc.b    "tmrgate (timer, deferred out of the Sound-IO handler)",0
                endif
m_syn1:         dc.b    "synth: ",0
m_syn_t:        dc.b    " for thread ",0
m_syn2:         dc.b    " at $",0
m_syn3:         dc.b    ": ",0
m_syn4:         dc.b    " bytes, ",0
m_syn5:         dc.b    " clocks",10,0
                even

* ---- f(A) = A*A + A*B + B*B, specialised for B at synthesis time ----
* Each takes A in d0 and returns f(A) in d0; d1/d2 trashed. Run in supervisor mode,
* reached through the KPT like any kernel procedure.

* general B. Holes, in order: b, bb (= B*B).
                template fn_gen
                move.l  d0,d1
                muls.l  d0,d1                   ; A*A
                muls.l  #@b,d0                  ; A*B
                add.l   d1,d0
                add.l   #@bb,d0                 ; + B*B, folded at synthesis time
                rts
                endt
* B = 0: A*A (both other terms vanish).
                template fn_b0
                muls.l  d0,d0
                rts
                endt
* B = 1: A*A + A + 1 (no multiply by B).
                template fn_b1
                move.l  d0,d1
                muls.l  d0,d1
                add.l   d1,d0
                addq.l  #1,d0
                rts
                endt
* B = 2^k: A*B is a shift. Holes, in order: k, bb.
                template fn_p2
                move.l  d0,d1
                muls.l  d0,d1
                moveq   #@k,d2
                asl.l   d2,d0
                add.l   d1,d0
                add.l   #@bb,d0
                rts
                endt

* K_MKFN: d0 = B. Chooses the template for B, synthesizes f into code memory, enters it
* in a free KPT slot. d0 <- the slot (call it with d2 = slot, A in d0), or -1.
k_mkfn:         ori.w   #$0700,sr
                movem.l d3/a3,-(sp)
                lea     -8(sp),sp               ; hole values
                move.l  d0,d1
                muls.l  d0,d1                   ; B*B
                moveq   #fn_b0_index,d3
                tst.l   d0
                beq.s   .make
                moveq   #fn_b1_index,d3
                cmp.l   #1,d0
                beq.s   .make
                move.l  d0,d2                   ; a power of two: B & (B-1) = 0
                subq.l  #1,d2
                and.l   d0,d2
                bne.s   .gen
                tst.l   d0
                bmi.s   .gen
                moveq   #-1,d2                  ; k = log2 B
.log:           addq.l  #1,d2
                lsr.l   #1,d0
                bne.s   .log
                move.l  d2,(sp)
                move.l  d1,4(sp)
                moveq   #fn_p2_index,d3
                bra.s   .make
.gen:           move.l  d0,(sp)
                move.l  d1,4(sp)
                moveq   #fn_gen_index,d3
.make:          bsr     kpt_free_slot
                bmi.s   .full
                move.l  d0,-(sp)
                move.l  d3,d0
                lea     4(sp),a0
                suba.l  a1,a1
                bsr     syn_make
                move.l  (sp)+,d0
                movea.l current,a2
                move.l  TTE_ID(a2),RT_OWNER(a1)
                move.l  a0,(kpt,d0.w*4)
                move.l  a1,(kpt_rt,d0.w*4)
.out:           lea     8(sp),sp
                movem.l (sp)+,d3/a3
                rts
.full:          moveq   #E_BAD,d0
                bra.s   .out

* kpt_free_slot: d0 <- a free dynamic KPT slot, or -1 (N set).
kpt_free_slot:  moveq   #KPT_FIRSTDYN,d0
.try:           cmpi.l  #k_invalid,(kpt,d0.w*4)
                bne.s   .used
                tst.l   (kpt_rt,d0.w*4)
                beq.s   .ok
.used:          addq.l  #1,d0
                cmp.l   #KPT_SIZE,d0
                blo.s   .try
                moveq   #-1,d0
                rts
.ok:            tst.l   d0
                rts

* K_RMFN: d0 = a slot K_MKFN or K_MKBUF returned. Invalidates it: the KPT entry now
* points at k_invalid (later calls get the error), and the routine loses a reference.
k_rmfn:         ori.w   #$0700,sr
                cmp.l   #KPT_FIRSTDYN,d0
                blo.s   .bad
                cmp.l   #KPT_SIZE,d0
                bhs.s   .bad
                move.l  (kpt_rt,d0.w*4),d1
                beq.s   .bad
                move.l  #k_invalid,(kpt,d0.w*4)
                clr.l   (kpt_rt,d0.w*4)
                movea.l d1,a1
                bsr     syn_release
                moveq   #0,d0
                rts
.bad:           moveq   #E_BAD,d0
                rts

* ---- the fast buffer of Figure 3.2 ----
* P + D is the next free byte; P's low word reaches 0 exactly at the end of the buffer,
* so "addq.w #1" both advances and tests. Holes, in order: p, d, p2 (= P+2), buf,
* size, p0 (P's first value). When full, the buffer goes to the console and P restarts.
                template bufput
                movea.l @p,a0
                move.b  d0,(@d,a0)
                addq.w  #1,@p2
                beq.s   .full
                rts
.full:          movea.l #@buf,a0
                move.l  #@size,d1
                jsr     kwrite_raw
                move.l  #@p0,d0
                move.l  d0,@p
                moveq   #-1,d0
                rts
                endt

* kwrite_raw: a0 = buffer, d1 = length, to the console (kernel buffers: no check).
kwrite_raw:     moveq   #0,d0
                bra.s   .go
.out:           move.b  (a0)+,d0
                bsr     kputc
.go:            subq.l  #1,d1
                bcc.s   .out
                rts

* K_MKBUF: a0 = buffer in the caller's region, d1 = size (1..32767). Synthesizes a put
* routine for it (character in d0; d0 <- -1 when that put flushed) and returns its KPT
* slot. P lives right after the code, in the same block (code and data together).
k_mkbuf:        ori.w   #$0700,sr
                cmp.l   #32767,d1
                bhi     .bad
                tst.l   d1
                beq     .bad
                bsr     check_ptr
                bne     .bad
                movem.l d3-d5/a3,-(sp)
                move.l  a0,d3                   ; buf
                move.l  d1,d4                   ; size
                bsr     kpt_free_slot
                bmi     .full
                move.l  d0,d5
                moveq   #bufput_len+4,d0
                bsr     syn_alloc               ; code + P
                movea.l a1,a3
                lea     -24(sp),sp
                move.l  d3,d0                   ; P0 = (buf+size rounded up to 64 KiB)
                add.l   d4,d0                   ; - size: its low word wraps to 0
                addi.l  #$FFFF,d0               ; after `size` puts
                clr.w   d0
                sub.l   d4,d0
                lea     bufput_len(a3),a0
                move.l  a0,(sp)                 ; p
                move.l  d0,(a0)                 ; P = P0
                move.l  d3,d1
                sub.l   d0,d1
                move.l  d1,4(sp)                ; d = buf - P0
                addq.l  #2,a0
                move.l  a0,8(sp)                ; p2
                move.l  d3,12(sp)               ; buf
                move.l  d4,16(sp)               ; size
                move.l  d0,20(sp)               ; p0
                add.l   #$8000,d1               ; D must fit a 16-bit displacement
                cmp.l   #$10000,d1
                bhs.s   .far
                moveq   #bufput_index,d0
                movea.l sp,a0
                movea.l a3,a1
                bsr     syn_make
                move.l  #1,RT_REFS(a1)          ; in code memory: freed with its slot
                movea.l current,a2
                move.l  TTE_ID(a2),RT_OWNER(a1)
                move.l  a0,(kpt,d5.w*4)
                move.l  a1,(kpt_rt,d5.w*4)
                move.l  d5,d0
                lea     24(sp),sp
.out:           movem.l (sp)+,d3-d5/a3
                rts
.far:           lea     24(sp),sp
.full:          moveq   #E_BAD,d0
                bra.s   .out
.bad:           moveq   #E_BAD,d0
                rts

* ---- re-filling a hole in place, and the test that shows the flush is needed ----

* K_SYNTEST: d0 = A. Synthesizes f for B = 1 (fn_gen, B*B = 1) into a scratch block whose
* I-cache lines are half a cache away from this code (so nothing run in between evicts
* them), calls it, re-fills its B*B hole with 100 in place, and calls it again.
* d0 <- f(A) before, d1 <- f(A) after (A*A + A + 100, or the stale A*A + A + 1 when the
* synthesizer was assembled with NOFLUSH).
k_syntest:      ori.w   #$0700,sr
                movem.l d3-d4/a3,-(sp)
                move.l  d0,d3
                lea     k_syntest(pc),a0        ; line index of this code + 12
                move.l  a0,d0
                addi.l  #$C0,d0
                andi.l  #$F0,d0
                addi.l  #SYNTEST_AREA,d0
                movea.l d0,a1
                lea     -8(sp),sp
                moveq   #1,d0
                move.l  d0,(sp)                 ; b
                move.l  d0,4(sp)                ; bb
                moveq   #fn_gen_index,d0
                movea.l sp,a0
                bsr     syn_make
                lea     8(sp),sp
                movea.l a0,a3
                move.l  d3,d0
                jsr     (a3)                    ; its lines are in the I-cache now
                move.l  d0,d4
                movea.l a3,a0
                moveq   #fn_gen.bb,d0
                moveq   #100,d1
                bsr     syn_sethole
                move.l  d3,d0
                jsr     (a3)
                move.l  d0,d1
                move.l  d4,d0
                movem.l (sp)+,d3-d4/a3
                rts

* syn_sethole: a0 = routine, d0 = hole offset, d1 = new long value. Writes it and
* clears the (at most two) I-cache entries it touched. Trashes d0-d1/a0.
syn_sethole:    lea     (a0,d0.l),a0
                move.l  d1,(a0)
                ifnd    NOFLUSH
                move.l  a0,d0
                andi.w  #-4,d0
                move.l  #CACR_CEI,d1
                movec   d0,caar
                movec   d1,cacr
                addq.l  #4,d0
                movec   d0,caar
                movec   d1,cacr
                endc
                rts
