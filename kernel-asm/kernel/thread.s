* thread.s: threads. Owns the thread table entries (TTE, layout in quamachine.i), their
* synthesized context-switch code (sw_out, sw_in, sw_in_mmu: Figure 3.4), each thread's
* own vector table (VBR is switched; the timer vector is the thread's own sw_out), and
* the thread operations: create (boot, K_CREATE), yield, exit/destroy, suspend,
* resume, and sleep (a synthesized sleepchk hooked into the ring). The ring itself is
* readyq.s.
*
* An asynchronous switch (the timer) saves every integer register: it cannot know what
* is live. A synchronous one (a thread that yields, blocks or suspends itself inside a
* kernel call) saves only what the calling convention says survives a call: d3-d7,
* a2-a6, the stacks; d0 reads 0 on return. Neither touches the FPU: see fpu.s.

* sw_out: the timer interrupt vectors here, straight from the thread's vector table.
* Holes, in order: regs, usp, ssp, next. The jmp at the end is the ready queue's link
* to the next thread's sw_in (or sw_in_mmu when the address space changes).
                template sw_out
                movem.l d0-d7/a0-a6,@regs
                move.l  usp,a0
                move.l  a0,@usp
                move.l  sp,@ssp                 ; the exception frame stays on it
                moveq   #1,d0                   ; (d0 is saved: 4 bytes shorter than
                move.l  d0,TIMER_ACK            ; move.l #1, so the jmp operand is
                jmp     @next                   ; long-aligned: one CEI re-links it)
                endt

* sw_in: make this thread current, its vector table the CPU's, the FPU off (lazy FP),
* reload its stacks and registers, and return into it. Holes: tte, usp, ssp, regs.
                template sw_in
                movea.l #@tte,a0                ; (a0 and d0 are reloaded below)
                move.l  a0,current
                movec   a0,vbr
                moveq   #0,d0
                move.l  d0,FPU_ENABLE
                movea.l @usp,a0
                move.l  a0,usp
                movea.l @ssp,sp
                movem.l @regs,d0-d7/a0-a6
                rte
                endt

* sw_in_mmu: sw_in plus the thread's address space (CRP; loading it flushes the ATC).
* Holes: tte, crp, usp, ssp, regs.
                template sw_in_mmu
                movea.l #@tte,a0
                move.l  a0,current
                movec   a0,vbr
                pmove   @crp,crp
                moveq   #0,d0
                move.l  d0,FPU_ENABLE
                movea.l @usp,a0
                move.l  a0,usp
                movea.l @ssp,sp
                movem.l @regs,d0-d7/a0-a6
                rte
                endt

* threads_boot: one thread per entry of the image's user_threads table
* (entry, region base, name; 0 ends it), in order.
threads_boot:   lea     user_threads,a5
.next:          move.l  (a5)+,d0
                beq.s   .done
                movea.l d0,a0
                movea.l (a5)+,a1
                movea.l (a5)+,a2
                move.l  #USERSIZE,d1
                bsr     thread_create
                bra.s   .next
.done:          move.l  rq_anchor,current       ; the first thread created runs first
                movea.l current,a0
                move.l  TTE_NEXT(a0),current
                rts

* K_CREATE: a0 = entry, inside the caller's region. A new thread in the caller's address
* space (its stack 4 KiB below the last one there), with its own synthesized switch code,
* joins the ring right after the caller. d0 <- its id, or -1.
k_create:       ori.w   #$0700,sr
                moveq   #2,d1
                bsr     check_ptr
                bne.s   .bad
                cmpi.l  #MAXTHREADS,nthreads
                bhs.s   .bad
                movem.l d3-d7/a3-a4,-(sp)
                movea.l current,a3
                move.l  a3,rq_anchor
                movea.l TTE_UBASE(a3),a1
                move.l  TTE_USIZE(a3),d1
                movea.l TTE_NAME(a3),a2
                bsr     thread_create
                move.l  TTE_ID(a3),d0
                movem.l (sp)+,d3-d7/a3-a4
                rts
.bad:           moveq   #E_BAD,d0
                rts

* thread_create: a0 = entry, a1 = user region base, d1 = its size, a2 = name.
* -> a3 = the new TTE, in the ready ring. Trashes d0-d7/a0-a4.
thread_create:  move.l  nthreads,d7
                addq.l  #1,nthreads
                move.l  d7,d0
                mulu.l  #TTE_SIZE,d0
                addi.l  #TTEBASE,d0
                movea.l d0,a3
                lea     TTE_REGS(a3),a4         ; clear the bookkeeping part, 16 bytes
                moveq   #0,d2                   ; a movem (d0-d7 are free here but for
                moveq   #0,d3                   ; d1 and d7)
                moveq   #0,d4
                moveq   #0,d5
                moveq   #(TTE_CODE-TTE_REGS)/16-1,d0
.clr:           movem.l d2-d5,(a4)
                lea     16(a4),a4
                dbra    d0,.clr
                move.l  d7,TTE_ID(a3)
                move.l  a1,TTE_UBASE(a3)
                move.l  d1,TTE_USIZE(a3)
                move.l  a2,TTE_NAME(a3)
                move.l  #TS_READY,TTE_STATE(a3)
                move.l  a1,d0                   ; user stack: the top of its region
                add.l   d1,d0
                move.l  d0,TTE_USP(a3)
                lea     TTE_STACK(a3),a4        ; first frame: rte into user mode at entry
                clr.w   -(a4)                   ; format 0
                move.l  a0,-(a4)                ; PC
                move.w  #SR_USER,-(a4)
                move.l  a4,TTE_SSP(a3)
                movea.l a3,a0
                bsr     vec_init                ; its own vector table
                ifd     FS_HOOK
                bsr     fs_thread_init          ; every fd closed
                endif
                bsr     mmu_space               ; its address space (a3) -> TTE_AS
                lea     -24(sp),sp              ; hole values
                lea     TTE_REGS(a3),a0         ; sw_out: regs, usp, ssp, next
                move.l  a0,(sp)
                lea     TTE_USP(a3),a0
                move.l  a0,4(sp)
                lea     TTE_SSP(a3),a0
                move.l  a0,8(sp)
                move.l  #k_invalid,12(sp)       ; (the ring links it)
                moveq   #sw_out_index,d0
                movea.l sp,a0
                lea     TTE_CODE(a3),a1
                bsr     syn_make
                move.l  d7,RT_OWNER(a1)
                move.l  a0,TTE_SWOUT(a3)
                move.l  a0,30*4(a3)             ; the timer vector: straight to sw_out
                move.l  a3,(sp)                 ; sw_in: tte, usp, ssp, regs
                lea     TTE_USP(a3),a0
                move.l  a0,4(sp)
                lea     TTE_SSP(a3),a0
                move.l  a0,8(sp)
                lea     TTE_REGS(a3),a0
                move.l  a0,12(sp)
                moveq   #sw_in_index,d0
                movea.l sp,a0
                movea.l TTE_SWOUT(a3),a1
                lea     sw_out_len(a1),a1
                bsr     syn_make
                move.l  d7,RT_OWNER(a1)
                move.l  a0,TTE_SWIN(a3)
                move.l  a3,(sp)                 ; sw_in_mmu: tte, crp, usp, ssp, regs
                move.l  TTE_AS(a3),4(sp)
                lea     TTE_USP(a3),a0
                move.l  a0,8(sp)
                lea     TTE_SSP(a3),a0
                move.l  a0,12(sp)
                lea     TTE_REGS(a3),a0
                move.l  a0,16(sp)
                moveq   #sw_in_mmu_index,d0
                movea.l sp,a0
                movea.l TTE_SWIN(a3),a1
                lea     sw_in_len(a1),a1
                bsr     syn_make
                move.l  d7,RT_OWNER(a1)
                move.l  a0,TTE_SWINM(a3)
                lea     24(sp),sp
                bsr     rq_insert               ; a3 joins the ring
                rts

* save_sync: the synchronous half of a switch, inside a kernel call (interrupts
* masked, the dispatcher's return address already popped so that the top of the
* kernel stack is the trap's frame). a0 = current TTE. Trashes a1.
save_sync:      move.l  (sp)+,a1                ; our own return address
                clr.l   TTE_REGS(a0)            ; d0 = 0 when it resumes
                movem.l d3-d7,TTE_REGS+12(a0)
                movem.l a2-a6,TTE_REGS+40(a0)
                move.l  a1,-(sp)
                move.l  usp,a1
                move.l  a1,TTE_USP(a0)
                lea     4(sp),a1
                move.l  a1,TTE_SSP(a0)
                rts

* K_YIELD: give the processor to the next ready thread.
k_yield:        ori.w   #$0700,sr
                addq.l  #4,sp                   ; resume straight to the user (rte)
                movea.l current,a0
                bsr     save_sync
                movea.l TTE_SWOUT(a0),a1        ; through our sw_out's jmp: the ring
                jmp     sw_out.next-2(a1)

* K_EXIT: the calling thread ends.
k_exit:         ori.w   #$0700,sr
                movea.l current,a3
* thread_exit: a3 = the current thread, which ends (interrupts masked). Its cached
* traps' stubs lose their reference; the next thread runs without any save.
thread_exit:
                ifd     FS_HOOK
                bsr     fs_exit                 ; its files closed (dirty blocks written)
                endif
                move.l  #TS_DEAD,TTE_STATE(a3)
                cmpa.l  fp_owner,a3
                bne.s   .fp
                clr.l   fp_owner                ; its FP context is garbage now
.fp:            bsr     release_traps
                subq.l  #1,nready
                beq     all_done
                bsr     rq_remove
                movea.l TTE_SWOUT(a3),a1        ; on through its own jmp: the next
                jmp     sw_out.next-2(a1)       ; entry (a sleeper's sleepchk included)

* enter_thread: a0 = TTE, d0 = the address space now loaded. Run it through its sw_in,
* or its sw_in_mmu when the space differs. Nothing of the old thread is saved.
enter_thread:   cmp.l   TTE_AS(a0),d0
                bne.s   .mmu
                movea.l TTE_SWIN(a0),a0
                jmp     (a0)
.mmu:           movea.l TTE_SWINM(a0),a0
                jmp     (a0)

* release_traps: a3 = TTE. Drop the ctrap stubs of its cached traps.
release_traps:  moveq   #3,d3
.t:             move.l  TTE_TRAPS(a3),d0
                btst    d3,d0
                beq.s   .n
                move.l  32*4(a3,d3.w*4),d0      ; the stub: find its record
                bsr     rt_find
                beq.s   .n
                bsr     syn_release
.n:             addq.l  #1,d3
                cmp.l   #15,d3
                blo.s   .t
                rts

* rt_find: d0 = routine address -> a1 = its record (Z clear), or Z set if none.
rt_find:        lea     rtab,a1
                move.l  nroutines,d1
                bra.s   .f2
.f1:            cmp.l   RT_ADDR(a1),d0
                beq.s   .hit
                lea     RT_SIZE(a1),a1
.f2:            dbra    d1,.f1
                moveq   #0,d1                   ; Z set
                rts
.hit:           moveq   #1,d1                   ; Z clear
                rts

* tid_tte: d0 = thread id -> a3 = its TTE; Z clear (bne) when there is no such thread.
* TTE_SIZE is $1000: two shifts, not a 44-clock mulu.l.
tid_tte:        cmp.l   nthreads,d0
                bhs.s   .bad
                move.l  d0,d1
                lsl.l   #8,d1
                lsl.l   #4,d1                   ; id * TTE_SIZE
                movea.l d1,a3
                adda.l  #TTEBASE,a3
                moveq   #0,d1
                rts
.bad:           moveq   #1,d1
                rts

* K_SUSPEND: d0 = thread id. Takes it out of the ring; a thread may suspend itself
* (then the next one runs). The last ready thread cannot be suspended.
k_suspend:      ori.w   #$0700,sr
                movea.l a3,a2                   ; (a3 survives kernel calls; rq_remove
                bsr     tid_tte                 ; leaves a2 alone)
                bne.s   .bad
                cmpi.l  #TS_READY,TTE_STATE(a3)
                bne.s   .bad
                cmpi.l  #1,nready
                beq.s   .bad
                move.l  #TS_SUSP,TTE_STATE(a3)
                subq.l  #1,nready
                bsr     rq_remove
                cmpa.l  current,a3
                beq.s   .self
                movea.l a2,a3
                moveq   #0,d0
                rts
.self:          movea.l a3,a0
                movea.l a2,a3
                addq.l  #4,sp
                bsr     save_sync
                movea.l TTE_SWOUT(a0),a1        ; its jmp still names the old next
                jmp     sw_out.next-2(a1)
.bad:           movea.l a2,a3
                moveq   #E_BAD,d0
                rts

* K_RESUME: d0 = thread id of a suspended thread: back into the ring, after the caller.
* The common case, as the dissertation's resume: re-link the executable ready queue by
* patching two jmp operands (the caller's sw_out now leads to the resumed thread's entry,
* the resumed thread's to the caller's old next) and clearing those two I-cache entries;
* the entries are precomputed in the TTEs (sw_in, or sw_in_mmu across address spaces).
* sw_out's jmp operand is long-aligned (thread.s, sw_out), so one CEI each. When a
* sleeper or a waiter is involved (its sleepchk/waitchk must stay in front of it), the
* general rq_insert does it.
k_resume:       ori.w   #$0700,sr
                cmp.l   nthreads,d0
                bhs.w   .bad
                lsl.l   #8,d0
                lsl.l   #4,d0                   ; id * TTE_SIZE
                movea.l d0,a1
                adda.l  #TTEBASE,a1             ; T, the resumed thread
                cmpi.l  #TS_SUSP,TTE_STATE(a1)
                bne.w   .bad
                move.l  #TS_READY,TTE_STATE(a1)
                movea.l current,a0              ; C, the caller
                movea.l TTE_NEXT(a0),a2         ; N, its next
                tst.l   TTE_SLEEPCHK(a1)
                bne.s   .gen
                tst.l   TTE_SLEEPCHK(a2)
                bne.s   .gen
                addq.l  #1,nready
                move.l  a2,TTE_NEXT(a1)         ; the ring as data: C -> T -> N
                move.l  a0,TTE_PREV(a1)
                move.l  a1,TTE_PREV(a2)
                move.l  a1,TTE_NEXT(a0)
                move.l  a1,rq_anchor
                move.l  TTE_SWIN(a1),d2         ; and as code: C's jmp -> T
                move.l  TTE_AS(a1),d1
                cmp.l   TTE_AS(a0),d1
                beq.s   .c
                move.l  TTE_SWINM(a1),d2
.c:             movea.l TTE_SWOUT(a0),a0
                lea     sw_out.next(a0),a0
                move.l  d2,(a0)
                move.l  TTE_SWIN(a2),d2         ; T's jmp -> N
                cmp.l   TTE_AS(a2),d1
                beq.s   .t
                move.l  TTE_SWINM(a2),d2
.t:             movea.l TTE_SWOUT(a1),a1
                lea     sw_out.next(a1),a1
                move.l  d2,(a1)
                addq.l  #2,nswitch_patch
                move.l  #CACR_CEI,d1            ; the two operands' I-cache entries
                movec   a0,caar
                movec   d1,cacr
                movec   a1,caar
                movec   d1,cacr
                moveq   #0,d0
                rts
.gen:           movea.l a3,a2                   ; (rq_insert leaves a2 alone)
                movea.l a1,a3
                move.l  a0,rq_anchor
                bsr     rq_insert
                movea.l a2,a3
                moveq   #0,d0
                rts
.bad:           moveq   #E_BAD,d0
                rts

* thread_stats: one line per thread: id, name, F-line traps, FP saves.
thread_stats:   moveq   #0,d4
.t:             cmp.l   nthreads,d4
                bhs.s   .done
                move.l  d4,d0
                bsr     tid_tte
                lea     m_st1(pc),a0
                bsr     kputs
                move.l  d4,d0
                bsr     kputdec
                moveq   #' ',d0
                bsr     kputc
                movea.l TTE_NAME(a3),a0
                bsr     kputs
                lea     m_st2(pc),a0
                bsr     kputs
                move.l  TTE_FLINE(a3),d0
                bsr     kputdec
                lea     m_st3(pc),a0
                bsr     kputs
                move.l  TTE_FPSAVES(a3),d0
                bsr     kputdec
                moveq   #10,d0
                bsr     kputc
                addq.l  #1,d4
                bra.s   .t
.done:          rts

m_st1:          dc.b    "kernel: thread ",0
m_st2:          dc.b    ": F-line traps ",0
m_st3:          dc.b    ", FP saves ",0
                even

* ---- sleep: an executable wake-up check in the ring ----

* sleepchk: while a thread sleeps, its predecessor's jmp leads here instead of to its
* sw_in. Registers are free (the switch path saved what it needed). Not yet time: on
* to the next entry; when every thread sleeps, the sleepchks form the idle loop.
* Holes: wake, tte, next.
                template sleepchk
                move.l  CLOCK_HI,d0
                move.l  CLOCK_LO,d0
                sub.l   #@wake,d0               ; signed distance: wraps safely
                bmi.s   .notyet
                movea.l #@tte,a0
                jmp     wake_sleeper
.notyet:        jmp     @next
                endt

* K_SLEEP: d0 = clocks. The caller stays in the ring (as data) but its predecessor's jmp
* now leads to a synthesized sleepchk; then the caller switches out synchronously.
k_sleep:        ori.w   #$0700,sr
                move.l  CLOCK_HI,d1
                move.l  CLOCK_LO,d1
                add.l   d0,d1                   ; wake time
                movea.l current,a0
                tst.l   TTE_SLEEPCHK(a0)
                bne.s   .bad
                movem.l d3/a3,-(sp)
                movea.l a0,a3
                lea     -12(sp),sp              ; holes: wake, tte, next
                move.l  d1,(sp)
                move.l  a3,4(sp)
                move.l  #k_invalid,8(sp)        ; (rq_link sets it)
                moveq   #sleepchk_index,d0
                movea.l sp,a0
                suba.l  a1,a1
                bsr     syn_make
                lea     12(sp),sp
                move.l  TTE_ID(a3),RT_OWNER(a1)
                move.l  a1,TTE_SLEEPRT(a3)
                move.l  a0,TTE_SLEEPCHK(a3)
                movea.l TTE_PREV(a3),a0         ; the predecessor now checks first
                bsr     rq_link
                movea.l a3,a0                   ; and sleepchk's own way on
                bsr     rq_link
                movea.l a3,a0
                movem.l (sp)+,d3/a3
                addq.l  #4,sp                   ; resume straight to the user
                bsr     save_sync
                movea.l TTE_SWOUT(a0),a1
                jmp     sw_out.next-2(a1)
.bad:           moveq   #E_BAD,d0
                rts

* wake_sleeper: a0 = the sleeper's TTE (from its sleepchk, interrupts masked, on the
* previous thread's kernel stack, nothing to keep). Unhook the sleepchk, free it, run
* the sleeper.
wake_sleeper:   movea.l a0,a3
                clr.l   TTE_SLEEPCHK(a3)
                movea.l TTE_SLEEPRT(a3),a1
                bsr     syn_release
                movea.l TTE_PREV(a3),a0
                bsr     rq_link
                movea.l TTE_SWINM(a3),a0
                jmp     (a0)
