* trap.s: kernel calls. Owns trap 15 (the general dispatcher of Figure 3.8: range check,
* jump through the kernel procedure table), the KPT and its invalid stub, the simple
* kernel procedures, pointer checks against the caller's limit, and cached kernel calls
* (K_CACHE: a free trap of the calling thread's vector table is pointed at a synthesized
* `ctrap` stub that calls the procedure directly, and the user stub is rewritten to
* issue that trap).
*
* Calling convention: d2 = procedure index, arguments in d0/d1/a0, result in d0;
* d0-d2/a0-a2 may be trashed, everything else is preserved (a kernel procedure is an
* ordinary procedure that happens to cross the protection boundary).

* The hot path's code sits at a fixed place in the 256-byte I-cache (16 lines of 16
* bytes), whatever moves before this file: K_NULL and K_GETID on line 7, trap 15 on
* lines 7-8. Not line 0, where the first routine in code memory lands (SYNMEM: the first
* ctrap stub), so a cached call does not evict its own procedure; and not the lines of
* the measuring loops and stubs of bench/bench.s and user/measure.s (section 3.4.3:
* layout matters; with the code left to float, each edit before this file moved K_NULL
* on or off the ctrap's line and the cached-call figures by 15-20 clocks).
                align   256
                ds.b    $70
k_null:         moveq   #0,d0
                rts
k_getid:        movea.l current,a0
                move.l  TTE_ID(a0),d0
                rts
trap15:         cmp.w   #KPT_SIZE,d2            ; index in range? (unsigned: negatives too)
                bhs.s   .bad
                movea.l (kpt,d2.w*4),a2         ; the procedure
                jsr     (a2)
                rte
.bad:           moveq   #E_BAD,d0
                rte

* k_invalid: what an unused or invalidated KPT entry points at.
k_invalid:      moveq   #E_BAD,d0
                rts

* kpt_init: every entry invalid, then the static procedures.
kpt_init:       lea     kpt,a0
                moveq   #KPT_SIZE-1,d0
.inv:           move.l  #k_invalid,(a0)+
                dbra    d0,.inv
                lea     kpt,a0
                lea     kpt_static(pc),a1
                moveq   #K_NSTATIC-1,d0
.set:           move.l  (a1)+,(a0)+
                dbra    d0,.set
                move.l  #k_multi,kpt+K_MULTI*4  ; multicall.s
                move.l  #k_mloop,kpt+K_MLOOP*4
                rts

kpt_static:     dc.l    k_null,k_putc,k_getc,k_write,k_yield,k_exit,k_suspend
                dc.l    k_resume,k_cache,k_flush,k_putdec,k_getid,k_fpstat
                dc.l    k_mkfn,k_rmfn,k_clock,k_mkbuf,k_syntest,k_sleep,k_create

k_putc:         bra     kputc
k_getc:         move.l  CONSOLE_RX,d0
                rts
k_putdec:       bsr     kputdec
                rts
k_clock:        move.l  CLOCK_HI,d0
                move.l  CLOCK_LO,d0
                rts

* check_ptr: a0 = user pointer, d1 = length. Z clear (bne) when the range is not
* entirely inside the caller's region. The pointer check proper is one comparison of
* its offset against the limit; the end gets a second. Trashes d2/a2.
check_ptr:      movea.l current,a2
                move.l  a0,d2
                sub.l   TTE_UBASE(a2),d2        ; offset in the caller's region
                cmp.l   TTE_USIZE(a2),d2        ; the limit comparison
                bhs.s   .bad
                add.l   d1,d2
                bcs.s   .bad
                cmp.l   TTE_USIZE(a2),d2
                bhi.s   .bad
                moveq   #0,d2                   ; Z set: good
                rts
.bad:           moveq   #1,d2                   ; Z clear: bad
                rts

* K_WRITE: a0 = buffer, d1 = length. A whole write goes out uninterrupted, so lines
* from different threads interleave but never mix.
k_write:        bsr     check_ptr
                bne.s   .bad
                move.w  sr,-(sp)
                ori.w   #$0700,sr
                moveq   #0,d0
                bra.s   .go
.out:           moves.b (a0)+,d0                ; read as the user (SFC = user data):
                bsr     kputc                   ; the caches are tagged by function
.go:            subq.l  #1,d1                   ; code, so a supervisor read could hit
                bcc.s   .out                    ; a stale supervisor copy of this line
                move.w  (sp)+,sr
                moveq   #0,d0
                rts
.bad:           moveq   #E_BAD,d0
                rts

* K_FLUSH: a0 = address, d1 = length: clear those I-cache entries (the instruction is
* privileged, so user code that patches itself asks the kernel).
k_flush:        bsr     check_ptr
                bne.s   .bad
                bsr     icache_clear
                moveq   #0,d0
                rts
.bad:           moveq   #E_BAD,d0
                rts

* K_CACHE: d0 = KPT index, a0 = the caller's stub (moveq #N,d2; trap #15; rts).
* Picks a free trap 3..14 of the caller, points it at a synthesized ctrap stub that
* calls KPT[d0] directly, and rewrites the stub's trap instruction. d0 <- the trap.
k_cache:        ori.w   #$0700,sr               ; (rte restores the caller's mask)
                cmp.l   #KPT_SIZE,d0
                bhs.s   .bad
                move.l  (kpt,d0.w*4),d1
                cmp.l   #k_invalid,d1
                beq.s   .bad
                move.l  d1,-(sp)                ; the procedure
                move.l  a0,-(sp)                ; the stub
                moveq   #6,d1
                bsr     check_ptr
                bne.s   .bad2
                movea.l current,a2
                move.l  TTE_TRAPS(a2),d1
                moveq   #3,d0                   ; first free trap from 3 (1, 2, 15 taken)
.find:          btst    d0,d1
                beq.s   .found
                addq.l  #1,d0
                cmp.l   #15,d0
                blo.s   .find
.bad2:          addq.l  #8,sp
.bad:           moveq   #E_BAD,d0
                rts
.found:         bset    d0,d1
                move.l  d1,TTE_TRAPS(a2)
                movem.l d0/d3/a3,-(sp)
                move.l  d0,d3
                movea.l a2,a3
                lea     12+4(sp),a0             ; hole values: proc
                moveq   #ctrap_index,d0
                suba.l  a1,a1
                bsr     syn_make                ; a0 = the stub
                move.l  TTE_ID(a3),RT_OWNER(a1)
                move.l  a0,32*4(a3,d3.w*4)      ; the thread's trap vector
                movea.l 12(sp),a0               ; rewrite the user stub's trap #15
                move.w  d3,d0
                addi.w  #$4E40,d0
                moves.w d0,2(a0)                ; as user data (DFC): see k_write
                moveq   #4,d1
                bsr     icache_clear
                move.l  d3,d0
                movem.l (sp)+,d1/d3/a3
                addq.l  #8,sp
                rts

* ctrap: a cached trap. The vector goes here; no range check, no table.
                template ctrap
                jsr     @proc
                rte
                endt

* The multi-calls run listed kernel calls through the KPT above.
                include "multicall.s"
