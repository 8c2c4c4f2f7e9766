* fullswitch.s: the conventional baseline of Table 3.3, a context switch that saves and
* restores every integer and floating-point register every time, through one generic
* routine that reads everything from data structures (the TTE as a process control block,
* the ready ring as data: TTE_NEXT), instead of the per-thread synthesized sw_out / sw_in
* with hard-wired addresses and lazy FP. kbench_boot points the timer vector of the
* threads listed in the image's kb_full table here.
*
* It cooperates with lazy FP (fpu.s): the 68882's contents belong to fp_owner, so that is
* the context saved (for a thread switched here that is always the thread itself), and
* the next thread leaves owning the 68882 with its context loaded.

full_switch:    move.l  a0,-(sp)                ; level 6, from the thread's own vectors
                movea.l current,a0
                movem.l d0-d7/a0-a6,TTE_REGS(a0)
                move.l  (sp)+,TTE_REGS+32(a0)   ; the thread's own a0
                move.l  usp,a1
                move.l  a1,TTE_USP(a0)
                move.l  sp,TTE_SSP(a0)          ; the exception frame stays on it
                move.l  #1,TIMER_ACK
                move.l  #1,FPU_ENABLE           ; FSAVE needs the 68882 on
                move.l  fp_owner,d0
                beq.s   .pick
                movea.l d0,a1
                fsave   TTE_FSAVE(a1)           ; all of it, whether used or not
                fmovem.x fp0-fp7,TTE_FPREGS(a1)
                fmovem.l fpcr/fpsr/fpiar,TTE_FPCTL(a1)
                move.l  #1,TTE_FPVALID(a1)
                addq.l  #1,TTE_FPSAVES(a1)
                addq.l  #1,fpsave_total
.pick:          move.l  TTE_AS(a0),d1           ; the scheduler: the next in the ring
                movea.l TTE_NEXT(a0),a0
                move.l  a0,current
                movec   a0,vbr
                cmp.l   TTE_AS(a0),d1
                beq.s   .fp
                movea.l TTE_AS(a0),a1
                pmove   (a1),crp                ; another address space
.fp:            tst.l   TTE_FPVALID(a0)
                beq.s   .fresh
                fmovem.x TTE_FPREGS(a0),fp0-fp7
                fmovem.l TTE_FPCTL(a0),fpcr/fpsr/fpiar
                frestore TTE_FSAVE(a0)
                bra.s   .own
.fresh:         frestore null_frame
.own:           move.l  a0,fp_owner
                movea.l TTE_USP(a0),a1
                move.l  a1,usp
                movea.l TTE_SSP(a0),sp
                movem.l TTE_REGS(a0),d0-d7/a0-a6
                rte
