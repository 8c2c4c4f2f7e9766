* disk.s: the disk driver. Owns the disk device's registers (DISK_* in quamachine.i,
* ../shared/quamachine.md "Disk"), the one request in flight, and the level-3 completion
* interrupt. May not touch the file system's data (fs.s); it moves blocks and says
* whether the device reported an error.
*
* A request blocks its caller through the kernel's threads: the caller's kernel context
* is saved as a synchronous switch does (its registers and a made-up exception frame
* that resumes inside disk_io, supervisor, masked), the caller leaves the ready ring
* (state TS_DISK) and the next thread runs. The completion interrupt (disk_irq) puts the
* waiter back into the ring right after the interrupted thread and switches to it.
* When the caller is the only thread in the ring (or the threads do not run yet,
* at boot) there is nobody to switch to: it waits in STOP instead, which the timer and
* the disk interrupt both end.

DISK_RD         equ     1
DISK_WR         equ     2
disk_waiter     equ     KDATA+$80       ; TTE waiting for the request in flight, or 0
disk_done       equ     KDATA+$84       ; set by disk_irq when the request completed
disk_stat       equ     KDATA+$88       ; STATUS at completion
disk_busy       equ     KDATA+$8C       ; a request is in flight (one at a time)
disk_nreq       equ     KDATA+$90       ; requests made, blocks moved (statistics)
disk_nblk       equ     KDATA+$94
disk_nblocked   equ     KDATA+$98       ; requests whose caller switched away

* disk_io: d0 = first block, d1 = count, a0 = buffer (physical RAM), d2 = DISK_RD or
* DISK_WR. Interrupts masked on entry (the caller is a kernel call). Returns when the
* transfer is over: d0 = 0, or E_IO when the device reported an error.
* Preserves every register but d0.
disk_io:        movem.l d1-d7/a0-a6,-(sp)
.lock:          tst.l   disk_busy               ; another thread's request in flight:
                beq.s   .free                   ; wait for its completion
                stop    #$2000
                ori.w   #$0700,sr
                bra.s   .lock
.free:          move.l  #1,disk_busy
                clr.l   disk_done
                move.l  current,disk_waiter
                addq.l  #1,disk_nreq
                add.l   d1,disk_nblk
                move.l  d0,DISK_BLOCK
                move.l  d1,DISK_COUNT
                move.l  a0,DISK_ADDR
                move.l  d2,DISK_CMD             ; the device starts now
                cmpi.l  #1,nready               ; someone else to run?
                bhi.s   .block
.poll:          tst.l   disk_done               ; masked: no completion lost between
                bne.s   .done                   ; the test and the STOP
                stop    #$2000
                ori.w   #$0700,sr
                bra.s   .poll
.block:         clr.w   -(sp)                   ; a format-0 frame that resumes at
                pea     .resumed(pc)            ; .resumed, supervisor, masked
                move.w  #SR_KERNEL,-(sp)
                movea.l current,a3
                movem.l d0-d7/a0-a6,TTE_REGS(a3)
                move.l  usp,a0
                move.l  a0,TTE_USP(a3)
                move.l  sp,TTE_SSP(a3)
                move.l  #TS_DISK,TTE_STATE(a3)
                addq.l  #1,disk_nblocked
                subq.l  #1,nready
                bsr     rq_remove
                movea.l TTE_SWOUT(a3),a1        ; on through our own jmp: the next
                jmp     sw_out.next-2(a1)       ; thread (its sw_in or sw_in_mmu)
.resumed:                                       ; disk_irq re-linked us; sw_in's rte
.done:          cmpi.l  #DISK_RD,d2             ; the device wrote memory behind the
                bne.s   .dc                     ; data cache (the 68030 does not snoop):
                move.l  #CACR_CD,d2             ; drop every line, stale ones with them
                movec   d2,cacr                 ; (d2 comes back from the stack below)
.dc:            clr.l   disk_busy
                clr.l   disk_waiter
                moveq   #0,d0
                btst    #1,disk_stat+3
                beq.s   .ok
                moveq   #E_IO,d0
.ok:            movem.l (sp)+,d1-d7/a0-a6
                rts

* disk_irq: the level-3 completion interrupt (vector 27 of every thread's table). Keeps
* STATUS, acknowledges, and wakes a waiter that switched away: back into the ring right
* after the thread now running (rq_insert re-patches the jmps), state ready, and runs
* it at once: the interrupted thread leaves through its own sw_out, as on a timer tick
* (a level-3 interrupt is taken only where the level-6 timer could be too, so that
* switch is as safe there as the timer's; sw_out's TIMER_ACK may swallow a tick then
* pending, which only lengthens the waiter's first quantum).
disk_irq:       move.l  DISK_STATUS,disk_stat
                move.l  #1,DISK_ACK
                move.l  #1,disk_done
                ori.w   #$0700,sr               ; (rte restores the interrupted mask)
                movem.l d0-d2/a0-a1/a3,-(sp)
                move.l  disk_waiter,d0
                beq.s   .out
                movea.l d0,a3
                cmpi.l  #TS_DISK,TTE_STATE(a3)  ; waiting in STOP: nothing to do
                bne.s   .out
                move.l  #TS_READY,TTE_STATE(a3)
                move.l  current,rq_anchor
                bsr     rq_insert
                movem.l (sp)+,d0-d2/a0-a1/a3    ; every register as interrupted, the
                subq.l  #4,sp                   ; frame on top: into our sw_out through
                move.l  a0,-(sp)                ; an rts (its jmp leads to the waiter
                movea.l current,a0              ; now, re-linked above)
                move.l  TTE_SWOUT(a0),4(sp)
                movea.l (sp)+,a0
                rts
.out:           movem.l (sp)+,d0-d2/a0-a1/a3
                rte

* disk_report: at the end of the run, the driver's statistics.
disk_report:    lea     m_dk1(pc),a0
                bsr     kputs
                move.l  disk_nreq,d0
                bsr     kputdec
                lea     m_dk2(pc),a0
                bsr     kputs
                move.l  disk_nblk,d0
                bsr     kputdec
                lea     m_dk3(pc),a0
                bsr     kputs
                move.l  disk_nblocked,d0
                bsr     kputdec
                lea     m_dk4(pc),a0
                bra     kputs

m_dk1:          dc.b    "disk: ",0
m_dk2:          dc.b    " requests, ",0
m_dk3:          dc.b    " blocks, ",0
m_dk4:          dc.b    " with the caller switched away",10,0
                even
