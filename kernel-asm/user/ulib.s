* ulib.s: the user-level side of kernel calls (Figure 3.8): one stub per kernel
* procedure, `moveq #N,d2; trap #15; rts`, plus small helpers (strings, numbers, busy
* work, sleep). Shared by every user program; mapped read-only into each address space.
* Calling convention as in trap.s: d0/d1/a0 arguments, d0 result, d0-d2/a0-a2 trashed.

* say "text": print the line "text" followed by d0 in decimal (u_line), for the test
* and measurement programs. A macro: the text sits in the caller's code.
say             macro                           ; say "text" -> "text d0"
                lea     s\@(pc),a0
                jsr     u_line
                bra.s   e\@
s\@:            dc.b    \1,0
                even
e\@:
                endm

                org     ULIB
u_null:         moveq   #K_NULL,d2
                trap    #15
                rts
u_write:        moveq   #K_WRITE,d2
                trap    #15
                rts
u_yield:        moveq   #K_YIELD,d2
                trap    #15
                rts
u_exit:         moveq   #K_EXIT,d2
                trap    #15
                rts
u_suspend:      moveq   #K_SUSPEND,d2
                trap    #15
                rts
u_resume:       moveq   #K_RESUME,d2
                trap    #15
                rts
u_cache:        moveq   #K_CACHE,d2
                trap    #15
                rts
u_flush:        moveq   #K_FLUSH,d2
                trap    #15
                rts
* u_inline: lazy inlining of a kernel-call stub (docs/kernel.md). A stub
* `i_x: lea x(pc),a1; jmp u_inline` is called with a 6-byte `jsr (i_x).l`; u_inline
* copies x's first four bytes (moveq #N,d2; trap #n) and a nop over that jsr, has the
* kernel clear those I-cache entries (K_FLUSH: the instruction is privileged) and runs x
* with the caller's d0, d1 and a0 (the call's arguments) as they were. Later calls run
* the inlined code.
u_inline:       movem.l d0-d1/a0,-(sp)
                movea.l 12(sp),a0               ; the return address: after the jsr
                subq.l  #6,a0
                move.l  (a1),(a0)
                move.w  #$4E71,4(a0)            ; nop
                move.l  a1,-(sp)
                moveq   #6,d1
                jsr     u_flush
                movea.l (sp)+,a1
                movem.l (sp)+,d0-d1/a0
                jmp     (a1)
u_putdec:       moveq   #K_PUTDEC,d2
                trap    #15
                rts
u_getid:        moveq   #K_GETID,d2
                trap    #15
                rts
u_fpstat:       moveq   #K_FPSTAT,d2
                trap    #15
                rts
u_mkfn:         moveq   #K_MKFN,d2
                trap    #15
                rts
u_rmfn:         moveq   #K_RMFN,d2
                trap    #15
                rts
u_clock:        moveq   #K_CLOCK,d2
                trap    #15
                rts
u_mkbuf:        moveq   #K_MKBUF,d2
                trap    #15
                rts
u_create:       moveq   #K_CREATE,d2
                trap    #15
                rts
u_ksleep:       moveq   #K_SLEEP,d2
                trap    #15
                rts
* u_call: d2 = any KPT index (a synthesized procedure's, say).
u_call:         trap    #15
                rts

* u_line: a0 = prefix (NUL-terminated, at most 100 bytes), d0 = number (signed): writes
* "prefix number\n"
* in one K_WRITE, so the line is never split by another thread's output. The text is
* built on the user stack (inside the caller's region: the pointer check passes).
u_line:         movem.l d3/a3,-(sp)
                lea     -128(sp),sp
                movea.l sp,a1
.pre:           move.b  (a0)+,(a1)+
                bne.s   .pre
                subq.l  #1,a1
                move.l  d0,d3
                bpl.s   .pos
                move.b  #'-',(a1)+
                neg.l   d3
.pos:           lea     124(sp),a3              ; digits backwards from here
                movea.l a3,a0
.dig:           move.l  d3,d0
                divul.l #10,d1:d0
                move.l  d0,d3
                addi.b  #'0',d1
                move.b  d1,-(a0)
                tst.l   d3
                bne.s   .dig
.cp:            move.b  (a0)+,(a1)+
                cmpa.l  a3,a0
                blo.s   .cp
                move.b  #10,(a1)+
                move.l  a1,d1
                movea.l sp,a0
                sub.l   a0,d1
                bsr     u_write
                lea     128(sp),sp
                movem.l (sp)+,d3/a3
                rts

* u_puts: a0 = NUL-terminated string (in the caller's region).
u_puts:         movea.l a0,a1
.len:           tst.b   (a1)+
                bne.s   .len
                move.l  a1,d1
                sub.l   a0,d1
                subq.l  #1,d1
                bra     u_write

* u_spin: d0 = loop count of busy work (long enough to be preempted).
u_spin:         subq.l  #1,d0
                bne.s   u_spin
                rts

* u_sleep: d0 = clocks. Yields until that many clocks have passed.
u_sleep:        move.l  d3,-(sp)
                move.l  d0,d3
                bsr     u_clock
                add.l   d0,d3
.wait:          bsr     u_yield
                bsr     u_clock
                cmp.l   d3,d0
                bmi.s   .wait
                move.l  (sp)+,d3
                rts

u_open:         moveq   #K_OPEN,d2              ; the file calls (kernel/fs.s; they
                trap    #15                     ; answer -1 (k_invalid) in an image
                rts                             ; without kernel/fs.s)
u_creat:        moveq   #K_CREAT,d2
                trap    #15
                rts
u_read:         moveq   #K_READ,d2
                trap    #15
                rts
u_fwrite:       moveq   #K_FWRITE,d2
                trap    #15
                rts
u_close:        moveq   #K_CLOSE,d2
                trap    #15
                rts
u_lseek:        moveq   #K_LSEEK,d2
                trap    #15
                rts
