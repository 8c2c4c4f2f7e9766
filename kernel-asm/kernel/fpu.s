* fpu.s: lazy floating point (section 3.3.2, the Quamachine's FPU_ENABLE latch). Every
* sw_in turns the 68882 off; a thread's first FP instruction after that takes the
* F-line trap (vector 11) here. The 68882 holds one thread's context at a time
* (fp_owner): if the trapping thread owns it nothing moves; otherwise the owner's state
* is saved (FSAVE, FMOVEM) into its TTE and the trapping thread's restored (FMOVEM,
* FRESTORE; a NULL frame for a thread that never used FP). Then the FPU is enabled and
* rte retries the instruction. Integer threads never come here.

fline:          ori.w   #$0700,sr               ; (rte restores the thread's mask)
                move.l  a0,-(sp)
                movea.l current,a0
                addq.l  #1,TTE_FLINE(a0)
                addq.l  #1,fline_total
                btst    #0,FPU_ENABLE+3
                bne.s   .illegal                ; FPU on: a genuine unknown F-line op
                move.l  #1,FPU_ENABLE
                cmpa.l  fp_owner,a0
                beq.s   .mine                   ; its context never left the 68882
                move.l  a1,-(sp)
                tst.l   fp_owner
                beq.s   .load
                movea.l fp_owner,a1             ; save the previous owner's
                fsave   TTE_FSAVE(a1)
                fmovem.x fp0-fp7,TTE_FPREGS(a1)
                fmovem.l fpcr/fpsr/fpiar,TTE_FPCTL(a1)
                move.l  #1,TTE_FPVALID(a1)
                addq.l  #1,TTE_FPSAVES(a1)
                addq.l  #1,fpsave_total
.load:          tst.l   TTE_FPVALID(a0)
                beq.s   .fresh
                fmovem.x TTE_FPREGS(a0),fp0-fp7
                fmovem.l TTE_FPCTL(a0),fpcr/fpsr/fpiar
                frestore TTE_FSAVE(a0)
                bra.s   .own
.fresh:         frestore null_frame             ; a clean 68882 for a first user
.own:           move.l  a0,fp_owner
                movea.l (sp)+,a1
.mine:          movea.l (sp)+,a0
                rte
.illegal:       movea.l (sp)+,a0
                bra     k_fault

null_frame:     dc.l    0

* K_FPSTAT: d0 <- the F-line traps the calling thread has taken.
k_fpstat:       movea.l current,a0
                move.l  TTE_FLINE(a0),d0
                rts
